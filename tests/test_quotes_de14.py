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


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a hyphenated first name has the gender of its first part: "er" is not Marie-Luise
            [
                "Der Sprecher Jonas Kolb war im Radio. „Das ist falsch“, sagte Marie-Luise"
                " Brenner. Im Radio hatte er noch betont: „Das stimmt nicht.“",
            ],
            [
                ("Das ist falsch", "Marie-Luise Brenner", "Marie-Luise Brenner"),
                ("Das stimmt nicht.", "er", "Jonas Kolb"),
            ],
        ),
        (  # someone unnamed brought in ("dieser Nutzer"): the pronoun is them, nobody named
            [
                "Der Politiker Max Lorenz schrieb auf X.",
                "Das nahm dieser Nutzer aufs Korn. „Ein Papier wie aus dem Kino“, spottete er.",
            ],
            [("Ein Papier wie aus dem Kino", "er", "")],
        ),
        (  # nor is an article before a thing ("einer Prämie") anyone
            [
                "Simon Kranz unterstrich die Notwendigkeit einer Prämie. „Wir brauchen sie"
                " jetzt dringend“, sagte er."
            ],
            [("Wir brauchen sie jetzt dringend", "er", "Simon Kranz")],
        ),
    ],
)
def test_who_a_german_pronoun_is(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_a_quotation_with_its_own_verb_does_not_go_on(make_article, repo_registry) -> None:
    """ "sagte der Finanzprofessor": its own verb, so not the paragraph's speaker before
    (Neumann); the description is the subject of the sentence before."""
    doc = make_article(
        "",
        "„Der Zug fährt“, sagt Petra Neumann, Expertin bei Capco. Volker Brandt von der"
        " Universität Frankfurt hielt das für die letzte Chance. „Wir sind hinten dran“, sagte"
        " der Finanzprofessor.",
    )
    assert speakers(doc, repo_registry) == [
        ("Der Zug fährt", "Petra Neumann", "Petra Neumann"),
        ("Wir sind hinten dran", "der Finanzprofessor", "Volker Brandt"),
    ]


def test_the_tail_of_a_compound_is_no_first_name(make_article, repo_registry) -> None:
    """ "Tournee-Sieger Hannawald" is Sven Hannawald, though "Sieger" is a first name."""
    doc = make_article(
        "",
        "Sven Hannawald war Experte bei Sport1.",
        "Der frühere Tournee-Sieger Hannawald sagte: „Das ist respektlos.“",
        "„Das ist dumm“, kritisierte Hannawald.",
    )
    assert speakers(doc, repo_registry) == [
        ("Das ist respektlos.", "Hannawald", "Sven Hannawald"),
        ("Das ist dumm", "Hannawald", "Sven Hannawald"),
    ]


def test_an_age_is_the_full_name_of_the_subject_before(make_article, repo_registry) -> None:
    """ "Generalsekretär Kaya", a name read with its title, is Bijan Kaya for "der
    48-Jährige", as it is for his surname."""
    doc = make_article(
        "",
        "Parteichef Bijan Kaya musste sich erklären.",
        "Generalsekretär Kaya tritt zurück.",
        "In einem Statement sagte der 48-Jährige: „Ich habe falsch informiert.“",
    )
    assert speakers(doc, repo_registry) == [
        ("Ich habe falsch informiert.", "der 48-Jährige", "Bijan Kaya")
    ]


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a German quotation in the first person, no verb: the person in focus speaks
            [
                "Die Äste sind für die Meisterei nicht zu gebrauchen. Für Hans Gerber aber"
                " schon. „Ich habe gemerkt, dass diese Äste sehr gut heizen.“"
            ],
            [("Ich habe gemerkt, dass diese Äste sehr gut heizen.", "Hans Gerber", "Hans Gerber")],
        ),
        (  # not in the first person: nobody
            [
                "Die Äste sind für die Meisterei nicht zu gebrauchen. Für Hans Gerber aber"
                " schon. „Diese Äste heizen den Kamin sehr gut.“"
            ],
            [("Diese Äste heizen den Kamin sehr gut.", "", "")],
        ),
        (  # nor is a word read as a name with no first name ("Ab Dezember eröffnet") anyone
            ["Ab Dezember eröffnet eine Filiale in Wien. „Wir freuen uns auf die Kunden.“"],
            [("Wir freuen uns auf die Kunden.", "", "")],
        ),
    ],
)
def test_a_quotation_in_the_first_person(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_a_pronoun_after_the_second_place_verb_is_the_subject(make_article, repo_registry) -> None:
    """ "Also bleibt er überzeugt": verb second, "er" the subject, so Kern stays in focus for
    the quotation in the first person after it."""
    doc = make_article(
        "",
        "Tobias Kern kämpft seit Jahren gegen die Autobahn. Die Stadt plant weiter. Der Bau"
        " kostet Millionen. Also bleibt er überzeugt von seinem Ziel. „Ich werde positiv"
        " bleiben.“",
    )
    assert speakers(doc, repo_registry) == [
        ("Ich werde positiv bleiben.", "Tobias Kern", "Tobias Kern")
    ]


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # no speech verb, a colon: the pronoun after the verb in second place speaks
            [
                "Die Politikerin Ricarda Stein kommentierte das Papier.",
                "In einem weiteren Tweet zitierte sie den Abgeordneten Max Horst, empfahl ihm:"
                " „Legt eure Handys weg.“",
            ],
            [("Legt eure Handys weg.", "sie", "Ricarda Stein")],
        ),
        (  # not after a subordinating conjunction: the verb is last there, no subject read
            [
                "Die Politikerin Ricarda Stein kommentierte das Papier.",
                "Weil der Abgeordnete Max Horst schwieg, zitierte man ihn: „Legt eure Handys weg.“",
            ],
            [("Legt eure Handys weg.", "", "")],
        ),
    ],
)
def test_a_colon_after_a_verb_second_sentence(
    make_article, repo_registry, paragraphs, found
) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_a_capitalised_particle_before_an_article(make_article, repo_registry) -> None:
    """ "Van der Bellen" is one surname, as "van der Bellen" is (people.py: one line)."""
    doc = make_article(
        "",
        "„Gemeinsam unterwegs nach Graz“, betitelte Präsident Alexander Van der Bellen ein Foto.",
    )
    assert speakers(doc, repo_registry) == [
        ("Gemeinsam unterwegs nach Graz", "Alexander Van der Bellen", "Alexander Van der Bellen")
    ]


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        (  # "zitiert": the person cited speaks, not the medium that cites them
            "„Der Hotspot bleibt heiß“, zitiert T3N den leitenden Physiker den NIF Jan Moor mit"
            " Bezug auf die Studie.",
            [("Der Hotspot bleibt heiß", "Jan Moor", "Jan Moor")],
        ),
        (  # nobody named after it in its clause: nobody
            "„Der Hotspot bleibt heiß“, zitiert das Portal die Studie. Jan Moor schwieg.",
            [("Der Hotspot bleibt heiß", "", "")],
        ),
    ],
)
def test_who_is_cited(make_article, repo_registry, paragraph, found) -> None:
    assert speakers(make_article("", paragraph), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a possessive and a noun before the colon: the possessor speaks
            ["Der Trainer Paul Esser war enttäuscht. Seine Bilanz: „Wir waren zu langsam.“"],
            [("Wir waren zu langsam.", "Seine", "Paul Esser")],
        ),
        (  # "Ihr" is a woman's, not the man named after her
            [
                "Die Ministerin Clara Voss sprach mit Paul Esser. Ihr Fazit: „Wir sparen jetzt.“",
            ],
            [("Wir sparen jetzt.", "Ihr", "Clara Voss")],
        ),
    ],
)
def test_a_possessive_before_the_colon(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found
