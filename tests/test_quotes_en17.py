"""English speakers (speakers17en): each mechanism on sentences written for it."""

from __future__ import annotations

from test_quotes import speakers


def test_a_role_in_apposition_may_list_lower_case_words(make_article, repo_registry) -> None:
    """A role after the name that opens in lower case is no list of names: its own commas
    ("roads, bridges and tunnels") do not hide the speaker."""
    doc = make_article(
        "",
        "“The bridge reopens in May,” Harold Jennings, deputy director of roads, bridges and "
        "tunnels at the county, said on Tuesday.",
    )
    assert speakers(doc, repo_registry) == [
        ("The bridge reopens in May,", "Harold Jennings", "Harold Jennings")
    ]


def test_names_listed_before_the_verb_give_no_single_speaker(make_article, repo_registry) -> None:
    """Names listed with commas before the verb are several people: not the first of them."""
    doc = make_article(
        "",
        "“We are ready,” Harold Jennings, Maria Lindqvist, Tom Becker and Carla Mendes said.",
    )
    assert speakers(doc, repo_registry)[0][1] != "Harold Jennings"


def test_a_name_in_an_editors_brackets_is_the_speaker(make_article, repo_registry) -> None:
    """A quotation quoted from another report, its speaker put in by the editor in square
    brackets: that person, resolved to the full name given earlier."""
    doc = make_article(
        "",
        "Defence attorney Paul Hendry spoke for an hour on Thursday.",
        "The local paper reported on his argument:",
        "\" 'There is no motive here,' [Hendry] said.",
    )
    assert speakers(doc, repo_registry) == [("There is no motive here,", "Hendry", "Paul Hendry")]
