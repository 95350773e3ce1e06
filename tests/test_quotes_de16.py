"""German speakers (speakers16de): a description as written, whom it stands for, and whose
turn a colon sentence opens; each on sentences written for it."""

from __future__ import annotations

import pytest
from test_quotes import speakers


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a spokesman of a firm no rule resolves: the description as written
            [
                "Die Firma Brandauer baut in Kassel eine neue Halle.",
                "„Wir beginnen im Frühjahr mit dem Bau“, sagt der Sprecher.",
            ],
            [("Wir beginnen im Frühjahr mit dem Bau", "der Sprecher", "")],
        ),
        (  # a noun only a person can be by its ending: "-än", "-ent"
            ["„Wohin fahren wir morgen?“, fragte der Kapitän."],
            [("Wohin fahren wir morgen?", "der Kapitän", "")],
        ),
        (
            ["„Die Lage in der Stadt bleibt ruhig“, schreibt der Korrespondent."],
            [("Die Lage in der Stadt bleibt ruhig", "der Korrespondent", "")],
        ),
        (  # a phrase after the noun that names nobody is no part of the description
            ["„Die Nervosität war schnell verflogen“, erzählt die Sängerin von den Proben."],
            [("Die Nervosität war schnell verflogen", "die Sängerin", "")],
        ),
    ],
)
def test_a_german_description_is_the_speaker_as_written(
    make_article, repo_registry, paragraphs, found
) -> None:
    """A German description after its speech verb names the speaker as written where no
    person in focus is the one it stands for (it was nobody before)."""
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_a_description_stands_for_who_spoke_before(make_article, repo_registry) -> None:
    """ "schrieb der 52-Jährige" after a sentence whose subject is Jonas Albrecht: the
    description as written, and Albrecht (a man, as "der" says) as the person."""
    doc = make_article(
        "",
        "Das bestätigte Jonas Albrecht am Montag im Netz. „Wir gehen getrennte Wege, und"
        " das ist gut so“, schrieb der 52-Jährige.",
    )
    assert speakers(doc, repo_registry) == [
        ("Wir gehen getrennte Wege, und das ist gut so", "der 52-Jährige", "Jonas Albrecht")
    ]


def test_a_noun_written_before_is_that_unnamed_one(make_article, repo_registry) -> None:
    """ "in der Hütte des Försters" then "sagte der Förster": the forester, not the man in
    focus ("er", Jakob Brandt)."""
    doc = make_article(
        "",
        "Jakob Brandt wanderte lange durch den Wald. Am Abend klopfte er an die Tür der"
        " Hütte des Försters. „Kommen Sie herein, es regnet gleich“, sagte der Förster.",
    )
    assert speakers(doc, repo_registry) == [
        ("Kommen Sie herein, es regnet gleich", "der Förster", "")
    ]


def test_a_colon_sentence_with_its_own_subject_keeps_no_speaker(make_article, repo_registry):
    """ "Der Bericht hält fest:" opens with a subject of its own that no rule names: the
    speaker before does not go on into its quotation."""
    doc = make_article(
        "",
        "„Wir haben alles geprüft“, sagte Paul Hansen am Dienstag. Der Bericht hält dagegen"
        " fest: „Die Prüfung war lückenhaft.“",
    )
    assert speakers(doc, repo_registry) == [
        ("Wir haben alles geprüft", "Paul Hansen", "Paul Hansen"),
        ("Die Prüfung war lückenhaft.", "", ""),
    ]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (  # a separable verb and no speech cue: the bare name before it
            "Kowalczyk führt dazu in seinem Buch aus: „Die Arbeit allein schafft Werte.“",
            [("Die Arbeit allein schafft Werte.", "Kowalczyk", "Kowalczyk")],
        ),
        (  # the speech verb coordinated after a clause: the name that opens the sentence
            "Kowalczyk knüpft an die ältere Lehre an, daß nur der Boden Werte schaffe, und"
            " bemerkt dazu: „Das ist eine höchst fragwürdige Annahme.“",
            [("Das ist eine höchst fragwürdige Annahme.", "Kowalczyk", "Kowalczyk")],
        ),
        (  # an abstract noun stands with no article: no one's name
            "Unsterblichkeit verdient unter diesen Sätzen der folgende: „Der Handel ist frei.“",
            [("Der Handel ist frei.", "", "")],
        ),
        (  # a common German word: no one's name
            "Politik bedeutet hier: „Der Handel ist frei.“",
            [("Der Handel ist frei.", "", "")],
        ),
        (  # a subject after the verb: the word before it is none
            "Hierzu bemerkt der Verfasser: „Der Handel ist frei.“",
            [("Der Handel ist frei.", "der Verfasser", "")],
        ),
    ],
)
def test_a_bare_name_opening_a_german_sentence_speaks(
    make_article, repo_registry, sentence, found
) -> None:
    """A capitalised word with no article that opens a German sentence introducing a
    quotation, its verb in the third person singular right after it, is the speaker's name
    where the word is no common German word and the text never puts it after an article."""
    doc = make_article("", "Das Buch erschien im Jahr 1894.", sentence)
    assert speakers(doc, repo_registry) == found


def test_a_bare_name_and_its_verb_before_the_colon(make_article, repo_registry) -> None:
    """ "Abg. Wendelin schreit:" (the title's full stop ends no sentence for the reader, but
    does for the splitter): the name before the verb and the colon speaks, not the speaker
    before, whose turn is over."""
    doc = make_article(
        "",
        "Dr. Horak rief: „Das ist unerhört!“ Nun wurde es laut im Saal. Abg. Wendelin"
        " schreit: „Streitet doch nicht!“",
    )
    assert speakers(doc, repo_registry) == [
        ("Das ist unerhört!", "Horak", "Horak"),
        ("Streitet doch nicht!", "Wendelin", "Wendelin"),
    ]
