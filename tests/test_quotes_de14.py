"""German speakers by word order (speakers14de): each mechanism on a sentence written for it."""

from __future__ import annotations

import pytest
from test_quotes import speakers

from pipeline.extract import german


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a fronted quotation: the word after its comma is the verb, a verb no cue lists
            [
                "Jana Wolter leitet das Institut in Kiel.",
                "„Das lohnt sich erst nach Jahren“, prophezeite Wolter.",
            ],
            [("Das lohnt sich erst nach Jahren", "Wolter", "Jana Wolter")],
        ),
        (  # ... with a description after it
            [
                "Timo Rauch gewann das Rennen in Esch.",
                "„Ich habe nicht mehr zurückgeschaut“, strahlte der neue Meister.",
            ],
            [("Ich habe nicht mehr zurückgeschaut", "der neue Meister", "Timo Rauch")],
        ),
        (  # any verb, its subject pronoun after it, whatever follows
            [
                "Die Politikerin Ilse Brandt war empört.",
                "„Das ist nicht hinnehmbar“, ließ sie auf ihrer Webseite wissen.",
            ],
            [("Das ist nicht hinnehmbar", "sie", "Ilse Brandt")],
        ),
        (  # nor is a word that is no German verb read as one: nobody
            ["Jana Wolter kam.", "„Das lohnt sich für alle hier“, insbesondere an Wolter."],
            [("Das lohnt sich für alle hier", "", "")],
        ),
    ],
)
def test_a_fronted_quotation_is_followed_by_its_verb(
    make_article, repo_registry, paragraphs, found
) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # the pronoun right after the verb, a phrase before the colon
            [
                "Der Trainer Paul Esser ist zufrieden. Gefragt nach dem Spiel, antwortete er"
                " in einem Interview mit dem Radio: „Wir waren besser.“"
            ],
            [("Wir waren besser.", "er", "Paul Esser")],
        ),
        (  # the pronoun after the auxiliary, the speech verb closing the bracket
            [
                "Die Ministerin Clara Voss reiste nach Rom. Im Mai hatte sie mit Blick auf"
                " die Kosten noch betont: „Das bleibt so.“"
            ],
            [("Das bleibt so.", "sie", "Clara Voss")],
        ),
    ],
)
def test_the_subject_in_the_german_verb_bracket(
    make_article, repo_registry, paragraphs, found
) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_an_adverb_and_a_description_between_verb_and_name(make_article, repo_registry) -> None:
    """An adverb no list holds ("derweil"), then a noun made of an adjective ("der
    Zweitplatzierte") before a surname the document gives in full."""
    doc = make_article(
        "",
        "Lukas Hoffner fuhr mit.",
        "„Ich bin zufrieden“, meint derweil der Zweitplatzierte Hoffner nach dem Rennen.",
    )
    assert speakers(doc, repo_registry) == [("Ich bin zufrieden", "Hoffner", "Lukas Hoffner")]


@pytest.mark.parametrize(
    ("word", "verb"),
    [("prophezeite", True), ("schmunzelt", True), ("jetzt", False), ("laughed", False)],
)
def test_finite_verbs_by_frequency(word, verb) -> None:
    assert german.finite_verb(word) is verb
