"""English speakers (speakers13en): each rule on a sentence written for it."""

from __future__ import annotations

import pytest
from test_quotes import speakers

from pipeline.extract import entities


def test_a_capitalised_particle_is_no_title(make_article, repo_registry) -> None:
    """ "De" of "Antonio De Iesu" is a particle of the surname, not a title before it."""
    doc = make_article(
        "",
        "The police chief Antonio De Iesu spoke on Friday.",
        "“It was a regular patrol,” De Iesu said.",
    )
    assert speakers(doc, repo_registry) == [
        ("It was a regular patrol,", "De Iesu", "Antonio De Iesu")
    ]


def test_a_surname_with_its_particle_is_the_full_name(make_article, repo_registry) -> None:
    """ "De Miranda" (read as a first name and a surname) ends "Luis de Miranda": a surname
    alone later is Luis de Miranda, not "De Miranda"."""
    doc = make_article(
        "",
        "The philosopher Luis de Miranda wrote a book about neon.",
        "De Miranda tells its history well.",
        "“Neon is a mood,” Miranda writes.",
    )
    assert speakers(doc, repo_registry) == [("Neon is a mood,", "Miranda", "Luis de Miranda")]


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a question closed by '' ends its sentence inside the marks; the verb follows
            ["Paul Manafort spoke in Ohio.", "''Can we win Illinois?'' Mr. Manafort asked."],
            [("Can we win Illinois?", "Manafort", "Paul Manafort")],
        ),
        (  # three apostrophes: a quotation within one closes with the outer one
            [
                "Vladimir Putin spoke in Moscow.",
                "''We are told, 'Kosovo is a special case,''' Mr. Putin said.",
            ],
            [("We are told, 'Kosovo is a special case,'", "Putin", "Vladimir Putin")],
        ),
        (  # a quotation over two paragraphs, the first left open
            [
                "Ann Fields spoke in Ohio.",
                "''The plant is closing. We knew it for a year.",
                "''Nobody told the town,'' Ms. Fields said.",
            ],
            [
                ("The plant is closing. We knew it for a year.", "Fields", "Ann Fields"),
                ("Nobody told the town,", "Fields", "Ann Fields"),
            ],
        ),
        (  # Penn Treebank's `` opens what '' closes
            ["Ann Fields spoke in Ohio.", "``The plant is closing,'' Ms. Fields said."],
            [("The plant is closing,", "Fields", "Ann Fields")],
        ),
    ],
)
def test_doubled_marks_are_one_mark(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # ", said in an interview" is no apposition naming "Gaza Strip" a person
            [
                "“We ran out of fuel,” Dr. Sobhi Skaik, the director of a hospital in the"
                " central Gaza Strip, said in an interview.",
                "Asked about the aid that entered the Gaza Strip, Marwan Al-Hams sighed."
                " “It is not enough,” he said.",
            ],
            [
                ("We ran out of fuel,", "Sobhi Skaik", "Sobhi Skaik"),
                ("It is not enough,", "he", "Marwan Al-Hams"),
            ],
        ),
        (  # a full stop after a short surname ends the sentence: "says Li. Polarized ..."
            [
                "Wei Li is the chief scientist. The bursts come from far away, says Li."
                " Polarized signals are rare. “A review will help,” he says.",
            ],
            [("A review will help,", "he", "Wei Li")],
        ),
    ],
)
def test_names_that_are_none(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # an elided surname alone, "O'Malley", is the full name; "to say" after a verb
            [
                "Martin O'Malley and Bernie Sanders debated on Sunday.",
                "O'Malley, who signed gun laws as governor, interjected to say: “They have"
                " both been inconsistent.”",
            ],
            [("They have both been inconsistent.", "O'Malley", "Martin O'Malley")],
        ),
        (  # the verb first, capitalised: "Said Comey,"
            [
                "James Comey spoke on Friday. Said Comey, “The error is very painful to us.”",
            ],
            [("The error is very painful to us.", "Comey", "James Comey")],
        ),
        (  # a bare day between the subject and its verb: "Priebus later Thursday told"
            [
                "RNC Chairman Reince Priebus spoke to reporters.",
                "Priebus later Thursday told Fox News: “Both men are meeting next week.”",
            ],
            [("Both men are meeting next week.", "Priebus", "Reince Priebus")],
        ),
    ],
)
def test_more_english_attributions(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found


def test_a_word_after_a_preposition_is_no_speaker_s_name(make_article, repo_registry) -> None:
    """ "The senator from Vermont said": a lone capitalised word before a speech verb is read
    as a name, but not after "from", "of", "in"...: it is no subject."""
    doc = entities.run(
        make_article("", "The senator from Vermont said the system was rigged."), repo_registry
    )
    assert [doc.text[m.start : m.end] for m in doc.mentions if m.type == "person"] == []


@pytest.mark.parametrize(
    ("paragraphs", "found"),
    [
        (  # a colon after a clause: "it" is its object, not the speaker; its subject speaks
            [
                "Dr. Atef Al-Kahlout runs the hospital.",
                "Al-Kahlout does not hide that he and his staff choose, but he resents it:"
                " “We consider this one of the most difficult decisions.”",
            ],
            [
                (
                    "We consider this one of the most difficult decisions.",
                    "Al-Kahlout",
                    "Atef Al-Kahlout",
                )
            ],
        ),
        (  # "summed up" is a verb of saying
            [
                "Bob Alverson runs the fleet.",
                "Alverson summed up the long journey from a wooden boat in the Bering Sea to the"
                " fish counter of a grocery store owned by a company that has redefined how"
                " people buy and sell: “It is old school meets new.”",
            ],
            [("It is old school meets new.", "Alverson", "Bob Alverson")],
        ),
        (  # "reports": an outlet quoted with a colon, its quotation in the next paragraph
            ["The New York Times reports:", "“Just 24 percent of the donors gave $200 or less.”"],
            [
                (
                    "Just 24 percent of the donors gave $200 or less.",
                    "New York Times",
                    "New York Times",
                )
            ],
        ),
        (  # "tweeting" is a participle of saying: it borrows the sentence's subject
            [
                "Jeb Bush spoke in Iowa. Bush offered a retort, tweeting at him, “You are a"
                " loser and a liar.”",
            ],
            [("You are a loser and a liar.", "Bush", "Jeb Bush")],
        ),
        (  # a conjunction before the subject: ", and then Wallnau continues:", "And Mr. X"
            [
                "Lance Wallnau spoke. The crowd cheers, and then Wallnau continues: “God has"
                " given this man an anointing.”",
                "Chris Christie spoke too. And Mr. Christie gloated: “I told you so.”",
            ],
            [
                ("God has given this man an anointing.", "Wallnau", "Lance Wallnau"),
                ("I told you so.", "Christie", "Chris Christie"),
            ],
        ),
        (  # a quotation paragraph signed by the paragraph below it: "- Bernie Sanders."
            [
                "Bernie Sanders and Hillary Clinton debated on Thursday.",
                "“Almost all new income is going to the top 1 percent.”",
                "- Bernie Sanders.",
                "“I will look into it. I don't know the status.”",
                "-Hillary Clinton, at the debate.",
            ],
            [
                (
                    "Almost all new income is going to the top 1 percent.",
                    "Bernie Sanders",
                    "Bernie Sanders",
                ),
                (
                    "I will look into it. I don't know the status.",
                    "Hillary Clinton",
                    "Hillary Clinton",
                ),
            ],
        ),
    ],
)
def test_colons_cues_and_signatures(make_article, repo_registry, paragraphs, found) -> None:
    assert speakers(make_article("", *paragraphs), repo_registry) == found
