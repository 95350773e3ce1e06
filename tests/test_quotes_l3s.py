"""Quotation paragraphs run into one line (l3s-dev): each on sentences written for it."""

from __future__ import annotations

import pytest
from test_quotes import rows


def test_paragraphs_run_into_one_line_are_one_quotation_in_parts(
    make_article, repo_registry
) -> None:
    """A page laid out in tables gives its paragraphs as one line: each quoted paragraph
    opens with a mark and only the last one closes. Each paragraph is a part of one
    quotation, as when the paragraphs stand apart."""
    doc = make_article(
        "",
        'Coach Mara Venn spoke after the loss. "We were slow early and paid for it. '
        '"The second half was better. "We go again on Friday," Venn said. The team flies home.',
    )
    assert [(r[0], r[2], r[3]) for r in rows(doc, repo_registry)] == [
        ("We were slow early and paid for it.", "Venn", None),
        ("The second half was better.", "Venn", 0),
        ("We go again on Friday,", "Venn", 0),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            '"We know the plan. " forward Ilse Brandt said of the drills. '
            '"It works every time," she said.',
            "It works every time,",
        ),
        (
            "“It was a plain mistake,’’ Olaf Krenz, head of the watchdog, told the radio. "
            "“We expect better,” he said.",
            "We expect better,",
        ),
        (
            'Die Tiere mögen «ruhige Ecken" im Dorf. Das erhöht das Risiko. '
            "«Wir sehen das jeden Tag», sagte Anna Keller.",
            "Wir sehen das jeden Tag",
        ),
    ],
)
def test_a_mark_inside_the_run_keeps_it_from_running_on(
    make_article, repo_registry, text, found
) -> None:
    """Where the words before the next opening mark hold a quotation mark other than an
    apostrophe inside a word (a closing mark set apart by a space, ’’ closing a double
    quotation, a mark of another kind), that may be what closes them: they are not taken
    as a paragraph run on into the next one."""
    assert [r[0] for r in rows(make_article("", text), repo_registry)] == [found]


def test_an_opening_mark_inside_a_sentence_does_not_run_on(make_article, repo_registry) -> None:
    """An opening mark after words of the same sentence opens a new quotation (a term woven
    in here, which is no quotation either), not the next paragraph: the unclosed one before
    it is not run on into it."""
    doc = make_article(
        "",
        '"We will win the cup this year. But Ada Moore calls that "unlikely at best" today.',
    )
    assert rows(doc, repo_registry) == []


@pytest.mark.parametrize(
    "text",
    [
        "\"They have a saying, 'we never stop running,' \" coach Lena Ortiz said on Monday.",
        "“Fans told me, ‘we never stop running,’ ” coach Lena Ortiz said on Monday.",
    ],
)
def test_a_closing_mark_set_apart_from_a_nested_one_closes(make_article, repo_registry, text):
    """A double mark that a space sets apart from the single mark closing a quotation within
    the quotation (``,' "``, ``,’ ”``) closes the quotation, which stands before its
    attribution."""
    [(said, _, speaker, _)] = rows(make_article("", text), repo_registry)
    assert said.endswith("we never stop running,’") or said.endswith("we never stop running,'")
    assert speaker == "Lena Ortiz"
