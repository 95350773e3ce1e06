"""German and French speakers (speakers13de): each rule on a sentence written for it."""

from __future__ import annotations

import pytest
from test_quotes import speakers

from pipeline.extract import entities


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a title with a lower-case particle: "de" is no first name
            [
                "Jonas Feldkamp leitet die Mannschaft in Peking.",
                '"Wir warten auf den Test", sagte Chef de Mission Feldkamp.',
            ],
            [("Wir warten auf den Test", "Feldkamp", "Jonas Feldkamp")],
        ),
        (  # the next sentence introduces a quotation of its own, its subject after the verb
            [
                'Karl Brenner war wütend. "Wer macht so was?", fragt er im Radio.'
                ' "Warum sollte man das machen?" Weiter sagt er: "Mir reicht es."'
            ],
            [
                ("Wer macht so was?", "er", "Karl Brenner"),
                ("Warum sollte man das machen?", "er", "Karl Brenner"),
                ("Mir reicht es.", "er", "Karl Brenner"),
            ],
        ),
        (  # a possessive before a description and a name: the name speaks, not the possessor
            [
                "Naomi Halas leitet das Labor.",
                "„Der Weg ist frei“, sagt Halas‘ Kollege Peter Nordlander.",
            ],
            [("Der Weg ist frei", "Peter Nordlander", "Peter Nordlander")],
        ),
        (  # four words of description after the possessive
            [
                "Hillary Clinton sprach in Ohio.",
                "„Das ist neu“, sagte Clintons Berater Jake Sullivan.",
                "„Das ist gefährlich“, sagte Clinton’s top foreign policy aide Jake Sullivan.",
            ],
            [
                ("Das ist neu", "Jake Sullivan", "Jake Sullivan"),
                ("Das ist gefährlich", "Jake Sullivan", "Jake Sullivan"),
            ],
        ),
        (  # or the name in apposition after a comma
            [
                "Naomi Halas leitet das Labor.",
                "„Der Weg ist frei“, sagt Halas‘ Kollege, Peter Nordlander.",
            ],
            [("Der Weg ist frei", "Peter Nordlander", "Peter Nordlander")],
        ),
        (  # nor with no name after it: nobody is better than the wrong one
            ["Naomi Halas leitet das Labor.", "„Der Weg ist frei“, sagt Halas‘ Kollege."],
            [("Der Weg ist frei", "", "")],
        ),
    ],
)
def test_german_speakers(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a description with its complement is who the same words named, not another minister
            [
                "Le journal révèle que le ministre de la Santé Roman Prymula a dîné dehors.",
                "Le Premier ministre Andrej Babiš s'est exprimé.",
                "« Je reste », a déclaré le ministre de la Santé.",
            ],
            [("Je reste", "le ministre de la Santé", "Roman Prymula")],
        ),
        (
            [
                "Am Montag reiste die Leiterin des Amtes Petra Kaiser nach Bern.",
                "Die Kanzlerin Anna Rot war auch da.",
                "„Wir investieren“, sagte die Leiterin des Amtes.",
            ],
            [("Wir investieren", "die Leiterin des Amtes", "Petra Kaiser")],
        ),
        (  # a day or an adverb between the verb and a description
            [
                "La toxicologue Claire Vasseur a publié une étude.",
                "« Le produit est sûr », a déclaré samedi la toxicologue.",
            ],
            [("Le produit est sûr", "la toxicologue", "Claire Vasseur")],
        ),
    ],
)
def test_descriptions_with_their_complement(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_a_pronoun_after_a_quotation_its_sentence_introduces_is_who_it_names(
    make_article, repo_registry
) -> None:
    """The one person the colon's introduction names, though not its subject; the
    Max-Planck-Institut is an organisation, no second person."""
    doc = make_article(
        "",
        "Der Physiker Jonas Weber war skeptisch.",
        "Wir haben die Forscherin Hanna Zohm vom Max-Planck-Institut gefragt: „Das ist"
        " fundiert“, kommentierte sie die Anfrage.",
    )
    assert speakers(doc, repo_registry) == [("Das ist fundiert", "sie", "Hanna Zohm")]


def test_the_subjunctive_ii_goes_on_reporting(make_article, repo_registry) -> None:
    """ "würden", "wäre", "hätte" report speech as "sei" does: the quotation after is Roth's."""
    doc = make_article(
        "",
        "Die Direktorin Anna Roth sprach in Bern. Die Lage sei ernst, sagte Roth."
        " Bis 2030 würden die Kosten steigen. „Wir müssen sparen.“",
    )
    assert speakers(doc, repo_registry) == [("Wir müssen sparen.", "Roth", "Anna Roth")]


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # inside guillemets, a verb and a name with its apposition: two quotations
            [
                "« Absurde. Ce processus est la norme, explique Antony Fastier, toxicologue,"
                " ancien de l’Anses. Les études sont publiques. »"
            ],
            [
                ("Absurde. Ce processus est la norme,", "Antony Fastier", "Antony Fastier"),
                ("Les études sont publiques.", "Antony Fastier", "Antony Fastier"),
            ],
        ),
        (  # no verb: "comme" opens no incise, the quotation is one
            ["« Nous avons parlé, comme Jean Dupont. Ensuite nous sommes partis. »"],
            [("Nous avons parlé, comme Jean Dupont. Ensuite nous sommes partis.", "", "")],
        ),
        (  # an inverted verb with more words after its pronoun
            [
                "Antoine Marchal, 32 ans, enseigne la sociologie.",
                "« Je suis inquiet, glisse-t-il en partant. J’avais un contrat de trois mois. »",
            ],
            [
                ("Je suis inquiet,", "il", "Antoine Marchal"),
                ("J’avais un contrat de trois mois.", "il", "Antoine Marchal"),
            ],
        ),
    ],
)
def test_french_incises(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a German function word opening a sentence is no first name, though "Im" is a name
        ("Im Vergleich zu Experimenten stieg die Temperatur.", []),
        ("Nur Tobias Berg fehlte am Montag.", ["Tobias Berg"]),
        # a lone word before a verb whose subject follows it is an adverb, no speaker
        ("Konkret fragte die Partei nach den Kosten.", []),
        ("Dazumal erklärte er es anders.", []),
        ("Hegerl erklärte es anders.", ["Hegerl"]),
    ],
)
def test_german_function_words_open_no_name(make_article, repo_registry, text, people) -> None:
    doc = entities.run(make_article("", text), repo_registry)
    assert [doc.text[m.start : m.end] for m in doc.mentions if m.type == "person"] == people
