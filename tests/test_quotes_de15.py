"""German speakers' precision (speakers15de): a capitalised German word is a person only
with evidence; each mechanism on a sentence written for it."""

from __future__ import annotations

import pytest
from test_quotes import speakers


def test_a_noun_before_a_verb_and_its_pronoun_is_no_speaker(make_article, repo_registry) -> None:
    """ "voller Inbrunst rief er aus": the pronoun after the verb is its subject, not the
    capitalised noun before it, nor is that noun whom a later "er" stands for."""
    doc = make_article(
        "",
        "Endlich kam er zum Schluss und voller Inbrunst rief er aus: „Das ist wahr.“",
        "„Und es ist wirklich gut so!“, sagte er.",
    )
    assert speakers(doc, repo_registry) == [
        ("Das ist wahr.", "er", ""),
        ("Und es ist wirklich gut so!", "er", ""),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Und Zuversicht sagte am Montag: „Wir schaffen das ganz bestimmt.“",  # a name's reading
        "„Wir schaffen das ganz bestimmt“, sagte Zuversicht.",  # an organisation as written
    ],
)
def test_a_word_after_an_article_is_a_noun(make_article, repo_registry, sentence) -> None:
    """A word the document puts after an article ("Die Zuversicht") is a noun, not the
    name of whoever says something."""
    doc = make_article("", "Die Zuversicht wächst in der Stadt.", sentence)
    assert [(s, n) for _, s, n in speakers(doc, repo_registry)] == [("", "")]


def test_a_genitive_name_is_the_name_the_text_uses(make_article, repo_registry) -> None:
    """ "Friedrich Hebbels" is Hebbel's name in the genitive where the text names him
    "Hebbel" alone and puts "Hebbels" before a noun ("Hebbels Brief")."""
    doc = make_article(
        "",
        "Hebbels Brief an Mohr ist erhalten. Kuh nannte Mohr in der „Charakteristik Friedrich"
        " Hebbels“ einen Pedanten.",
        "Hebbel schreibt da: „Sie haben mir einen Antrag gemacht, der mich entehrt hat.“",
    )
    assert speakers(doc, repo_registry) == [
        (
            "Sie haben mir einen Antrag gemacht, der mich entehrt hat.",
            "Hebbel",
            "Friedrich Hebbel",
        )
    ]


def test_a_noun_after_a_preposition_is_no_subject(make_article, repo_registry) -> None:
    """ "aus Leidenschaft schreibt": a word after a preposition is no subject of the verb
    after it, nor whom a later "er" stands for."""
    doc = make_article(
        "",
        "Er dichtet seit Jahren, doch längst nicht mehr aus Leidenschaft schreibt er.",
        "„Ich reime nur noch für das Geld“, sagte er.",
    )
    assert speakers(doc, repo_registry) == [("Ich reime nur noch für das Geld", "er", "")]
