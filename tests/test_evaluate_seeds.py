"""The real steps over the five seeds, scored against the hand-made gold: the release targets.

Targets: every title, outlet and published date right (empty where the page has none),
body token F1 >= 0.98 with no chrome line left, quote precision and recall >= 0.95 and
speaker accuracy >= 0.95 (once a gold for quotes exists).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import REPO

from pipeline.checks.evaluate import (
    DocScores,
    accuracy,
    body_text,
    chrome_left,
    documents,
    evaluate,
    match,
    quote_key,
    score_fields,
    speaker_accuracy,
    total,
)
from pipeline.extract import clean
from pipeline.extract.model import Doc, Segment
from pipeline.extract.registry import Registry

REGISTRY = Registry(REPO / "corpus" / "registry")
GOLD = REPO / "tests" / "gold"
BODY_F1 = 0.98
QUOTES_PR = 0.95
SPEAKERS = 0.95


@pytest.fixture(scope="module")
def scores() -> list[DocScores]:
    return evaluate(documents(REPO / "corpus" / "raw", REGISTRY), GOLD)


def wrong(scores: list[DocScores], field: str) -> dict[str, tuple[str, str]]:
    return {s.doc_id: s.fields[field] for s in scores if s.fields[field][0] != s.fields[field][1]}


def test_every_seed_is_scored(scores: list[DocScores]) -> None:
    assert len(scores) == 5


@pytest.mark.parametrize(
    "field", ["title", "outlet_id", "published", "published_precision", "published_inferred"]
)
def test_titles_outlets_and_dates_are_right(scores: list[DocScores], field: str) -> None:
    assert wrong(scores, field) == {}
    assert accuracy(scores, field) == 1.0


@pytest.mark.parametrize("field", ["author", "section", "dateline"])
def test_the_other_fields_are_right(scores: list[DocScores], field: str) -> None:
    assert wrong(scores, field) == {}


def test_tags_and_pictures_are_right(scores: list[DocScores]) -> None:
    assert {s.doc_id: (s.tags.f1, s.media.f1) for s in scores} == {
        s.doc_id: (1.0, 1.0) for s in scores
    }


def test_bodies_are_clean_and_complete(scores: list[DocScores]) -> None:
    for s in scores:
        assert s.body.f1 >= BODY_F1, (s.doc_id, s.body)
        assert s.chrome_left == [], s.doc_id


def test_quotes_and_their_speakers(scores: list[DocScores]) -> None:
    if not (GOLD / "quotes").is_dir():
        pytest.skip("no gold quotes yet (tests/gold/quotes/)")
    quotes = total(scores, "quotes")
    assert quotes is not None and quotes.gold > 0
    assert quotes.precision >= QUOTES_PR and quotes.recall >= QUOTES_PR, quotes
    speakers = speaker_accuracy(scores)
    assert speakers is not None and speakers >= SPEAKERS


def test_match_counts_each_item_once() -> None:
    pr = match(["a", "a", "b", "c"], ["a", "b", "b"])
    assert (pr.found, pr.gold, pr.correct) == (4, 3, 2)
    assert (pr.precision, pr.recall) == (0.5, 2 / 3)
    assert match([], []).f1 == 1.0


def test_quote_keys_ignore_marks_case_and_spacing() -> None:
    assert quote_key("“We are  aimed at,”\n") == quote_key("we are aimed at") == "we are aimed at"
    assert quote_key("‘Iran is Russia’s partner’") == "iran is russia's partner"


def test_the_scores_see_lost_text_chrome_and_wrong_fields(make_doc: Callable[..., Doc]) -> None:
    first = "The ministers met in Tehran on Tuesday and agreed to expand their cooperation further."
    second = "Both sides said the talks had been useful and would continue in Moscow next spring."
    doc = clean.run(make_doc(f"Ministers meet\n\n{first}\n\n{second}\n\nSubscribe now\n"), REGISTRY)
    gold = {
        "title": "Ministers meet",
        "outlet_id": "",
        "author": "",
        "published": "",
        "published_precision": "",
        "published_inferred": False,
        "section": "",
        "tags": [],
        "dateline": "",
        "body": f"{first}\n\n{second}",
        "media": [],
    }
    assert score_fields(doc, gold).body.f1 == 1.0
    assert body_text(doc) == gold["body"]
    doc.segments = [s for s in doc.segments if doc.text[s.start : s.end] != second]
    assert score_fields(doc, gold).body.recall < 0.6
    widget = doc.text.index("Subscribe now")
    doc.segments.append(Segment(widget, widget + len("Subscribe now"), "body", True, "test"))
    assert chrome_left(doc, gold["body"]) == ["Subscribe now"]
    assert score_fields(doc, {**gold, "title": "Another title"}).wrong_fields == ["title"]
