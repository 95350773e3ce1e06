"""German and French speakers (speakers11de): each rule on a sentence written for it."""

from __future__ import annotations

import pytest
from test_quotes import speakers


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a separable verb with its particle: "räumte ein"
            ["Jonas Feldmann leitet den Verein. „Wir haben Fehler gemacht“, räumte Feldmann ein."],
            [("Wir haben Fehler gemacht", "Feldmann", "Jonas Feldmann")],
        ),
        (
            ["„Das Werk bleibt offen“, beteuerte Petra Kolb."],
            [("Das Werk bleibt offen", "Petra Kolb", "Petra Kolb")],
        ),
        (
            ["„Der Umbau beginnt im Mai“, teilte Bürgermeister Rolf Anders mit."],
            [("Der Umbau beginnt im Mai", "Rolf Anders", "Rolf Anders")],
        ),
        (  # a Swiss spelling: ss for ß
            ["«Wir sind bereit», äusserte Urs Baumann."],
            [("Wir sind bereit", "Urs Baumann", "Urs Baumann")],
        ),
        (
            ["„Warum erst jetzt?“, entgegnete Mia Grün."],
            [("Warum erst jetzt?", "Mia Grün", "Mia Grün")],
        ),
        (  # "weiß" (Swiss "weiss") as a verb of saying after a quotation
            ["„Das wird eine harte Saison“, weiß Trainer Jonas Feld."],
            [("Das wird eine harte Saison", "Jonas Feld", "Jonas Feld")],
        ),
        (  # French verbs in the present, the past and the imperfect
            ["« Nous restons prudents », répond Claire Vasseur."],
            [("Nous restons prudents", "Claire Vasseur", "Claire Vasseur")],
        ),
        (
            ["« Le dossier est clos », a écrit Marc Delorme."],
            [("Le dossier est clos", "Marc Delorme", "Marc Delorme")],
        ),
        (
            ["« Rien ne presse », expliquait Hélène Bonnet."],
            [("Rien ne presse", "Hélène Bonnet", "Hélène Bonnet")],
        ),
    ],
)
def test_german_and_french_verbs_of_saying(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # the subjunctive goes on reporting Roth: the quotation after it is hers
            [
                "Die Direktorin Anna Roth sprach in Bern. Die Lage sei ernst, sagte Roth."
                " Das Budget habe nicht gereicht. „Wir müssen sparen.“"
            ],
            [("Wir müssen sparen.", "Roth", "Anna Roth")],
        ),
        (  # across a paragraph
            [
                "Das Treffen sei abgesagt, sagte Felix Hager.",
                "Ein Gespräch sei derzeit nicht sinnvoll. „Wir reden später.“",
            ],
            [("Wir reden später.", "Felix Hager", "Felix Hager")],
        ),
        (  # no subjunctive: the reporter's own sentence, nobody's quotation
            [
                "Das Treffen sei abgesagt, sagte Felix Hager.",
                "Der Bus fährt um acht. „Wir reden später.“",
            ],
            [("Wir reden später.", "", "")],
        ),
    ],
)
def test_german_reported_speech_goes_on(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # "der Trainer" is no woman: Carla Weiss, named since, is passed over
            [
                "Tobias Lenz sprach lange. „Wir bleiben hier“, sagte Lenz.",
                "Carla Weiss widersprach ihm. „Das geht so nicht“, sagte der Trainer.",
            ],
            [
                ("Wir bleiben hier", "Lenz", "Tobias Lenz"),
                ("Das geht so nicht", "der Trainer", "Tobias Lenz"),
            ],
        ),
        (  # an adjectival noun: "der Vorsitzende"
            [
                "Tobias Lenz sprach lange. „Wir bleiben hier“, sagte Lenz.",
                "Carla Weiss widersprach ihm. „Das geht so nicht“, sagte der Vorsitzende.",
            ],
            [
                ("Wir bleiben hier", "Lenz", "Tobias Lenz"),
                ("Das geht so nicht", "der Vorsitzende", "Tobias Lenz"),
            ],
        ),
    ],
)
def test_german_masculine_description(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # the petition speaks for the one who started it
            [
                "Die Umweltschützerin Karin Holt fordert die Stadt in einer Petition auf, den"
                " Bau zu stoppen.",
                "In der Petition heißt es: „Der Wald muss bleiben.“",
            ],
            [("Der Wald muss bleiben.", "Karin Holt", "Karin Holt")],
        ),
        (  # ... or for the organisation that spoke just before
            [
                "Die Gewerkschaft Verdi kritisierte den Plan. In einer Mitteilung hieß es:"
                " „Das ist inakzeptabel.“"
            ],
            [("Das ist inakzeptabel.", "Gewerkschaft Verdi", "Gewerkschaft Verdi")],
        ),
        (
            [
                "Marie Lenoir a écrit au maire. Dans sa lettre, on peut lire :"
                " « Nous refusons ce plan. »"
            ],
            [("Nous refusons ce plan.", "Marie Lenoir", "Marie Lenoir")],
        ),
        (  # nobody wrote it that the text says: the document is no speaker
            ["Der Stadtrat tagte in Bern. Im Bericht heißt es: „Der Wald muss bleiben.“"],
            [("Der Wald muss bleiben.", "", "")],
        ),
    ],
)
def test_a_document_speaks_for_its_author(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_german_sie_opening_a_sentence_is_a_pronoun(make_article, repo_registry) -> None:
    """ "Sie betonte" is no person named "Sie": it is she, the person in focus."""
    doc = make_article(
        "",
        "Die Präsidentin Irma Stetter sprach in Berlin. Sie betonte, dass alle betroffen seien."
        " Auch das Präsidium werde sich dieser Frage stellen.",
        "Nicht weiter warten",
        "Zugleich mahnte sie: „Die Debatte darf uns nicht aufsaugen.“",
    )
    assert speakers(doc, repo_registry) == [
        ("Die Debatte darf uns nicht aufsaugen.", "sie", "Irma Stetter")
    ]


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        (  # a description after the verb, then the name it describes
            "« Les risques restent élevés », a prévenu le commissaire à l’économie Luc Moreau.",
            [("Les risques restent élevés", "Luc Moreau", "Luc Moreau")],
        ),
        (
            "„Wir bleiben hier“, sagte der Vorsitzende des Vereins Hans Ulm.",
            [("Wir bleiben hier", "Hans Ulm", "Hans Ulm")],
        ),
        (  # the name after a preposition is another person's: his lawyer spoke
            "« Les risques restent élevés », a déclaré l'avocat de Luc Moreau.",
            [("Les risques restent élevés", "", "")],
        ),
        (  # a French day or adverb between the verb and its subject
            "« Les risques restent élevés », a déclaré samedi Luc Moreau.",
            [("Les risques restent élevés", "Luc Moreau", "Luc Moreau")],
        ),
    ],
)
def test_french_and_german_description_then_name(
    make_article, repo_registry, paragraph, found
) -> None:
    assert speakers(make_article("", paragraph), repo_registry) == found


@pytest.mark.parametrize(
    "paragraph",
    [
        "Marie Blanc leitet das Amt. „Wir bleiben hier“, so die Sprecherin der Stadt, Eva Schmid.",
        "Marie Blanc leitet das Amt. „Wir bleiben hier“, sagte die Sprecherin der Stadt, Eva"
        " Schmid.",
    ],
)
def test_german_description_then_name_in_apposition(make_article, repo_registry, paragraph) -> None:
    """The name in apposition is the speaker, not the person in focus before."""
    found = speakers(make_article("", paragraph), repo_registry)
    assert found == [("Wir bleiben hier", "Eva Schmid", "Eva Schmid")]


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        (  # a day was read as the speaker
            "Am Montag sagte Petra Hahn: „Wir sind damit sehr zufrieden.“",
            [("Wir sind damit sehr zufrieden.", "Petra Hahn", "Petra Hahn")],
        ),
        (
            "Auf Nachfrage erklärte Petra Hahn: „Wir sind damit sehr zufrieden.“",
            [("Wir sind damit sehr zufrieden.", "Petra Hahn", "Petra Hahn")],
        ),
        (
            "Petra Hahn ist Ministerin. Bei der Pressekonferenz sagte die Ministerin:"
            " „Wir sind damit sehr zufrieden.“",
            [("Wir sind damit sehr zufrieden.", "die Ministerin", "Petra Hahn")],
        ),
    ],
)
def test_german_verb_second_after_a_fronted_phrase(
    make_article, repo_registry, paragraph, found
) -> None:
    assert speakers(make_article("", paragraph), repo_registry) == found


def test_german_apposition_without_article_before_the_verb(make_article, repo_registry) -> None:
    """ "X, Leiterin des Amtes, sagte:": the apposition opens with a capital, as German nouns
    do, and is skipped to the name before it."""
    doc = make_article("", "Petra Hahn, Leiterin des Amtes, sagte: „Wir sind damit zufrieden.“")
    assert speakers(doc, repo_registry) == [
        ("Wir sind damit zufrieden.", "Petra Hahn", "Petra Hahn")
    ]
