"""Citations: the seeds against their hand-made gold, and what is and is not a citation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.checks.evaluate import documents
from pipeline.extract import citations
from pipeline.extract.model import Doc
from pipeline.extract.registry import Registry

GOLD = Path(__file__).parent / "gold" / "quotes"
RAW = Path(__file__).parent.parent / "corpus" / "raw"


@pytest.fixture(scope="module")
def seeds(repo_registry: Registry) -> list[Doc]:
    return documents(RAW, repo_registry, ("clean", "citations"))


def found(doc: Doc, registry: Registry) -> list[tuple[str, str, str]]:
    """(source, entity_id, cue) of every citation the step finds."""
    return [(c.source, c.entity_id, c.cue) for c in citations.run(doc, registry).citations]


def test_seed_citations_equal_the_gold(seeds: list[Doc]) -> None:
    for doc in seeds:
        gold = json.loads((GOLD / f"{doc.doc_id}.json").read_text(encoding="utf-8"))
        ours = [(c.source, c.entity_id) for c in doc.citations]
        assert ours == [(c["source"], c["entity_id"]) for c in gold["citations"]], doc.doc_id


def test_span_covers_cue_and_source(seeds: list[Doc]) -> None:
    doc = next(d for d in seeds if d.doc_id == "e9e4ce28fef87d3b")
    (c,) = doc.citations
    assert doc.text[c.start : c.end] == "according to a statement by Iran's Defense Ministry"
    assert c.cue == "according to a statement by" and c.method == "according-to"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They met, according to reports from the Iranian Students' News Agency.",
            ("the Iranian Students' News Agency", "isna", "according to reports from"),
        ),
        (
            "Both sides agreed, Anadolu Agency reports.",
            ("Anadolu Agency", "anadolu-agency", "reports"),
        ),
        ("Both sides agreed, reported Reuters.", ("Reuters", "reuters", "reported")),
        ("Talks went well, citing Tasnim News Agency.", ("Tasnim News Agency", "tasnim", "citing")),
        (
            "Talks went well, according to the Kyiv Independent.",
            ("the Kyiv Independent", "", "according to"),
        ),
        (
            "Talks will go on, Iranian state media reported.",
            ("Iranian state media", "", "reported"),
        ),
        (
            "Talks will go on, according to the IRNA news agency.",
            ("the IRNA news agency", "irna", "according to"),
        ),
        (
            "In a statement by the IRGC, the strikes were confirmed.",
            ("the IRGC", "irgc", "in a statement by"),
        ),
    ],
)
def test_citations(make_article, repo_registry, text, expected) -> None:
    assert found(make_article("", text), repo_registry) == [expected]


def test_the_ministry_is_the_one_its_head_points_to(make_article, repo_registry) -> None:
    doc = make_article(
        "",
        "Iranian Defence Minister Mohammad Reza Ashtiani met Sergei Shoigu.",
        "In Tehran, the Russian Defence Minister saw drones, the Ministry said in a statement.",
    )
    assert found(doc, repo_registry) == [("the Ministry", "russia-defence-ministry", "said")]
    (c,) = doc.citations
    assert doc.text[c.start : c.end] == "the Ministry said in a statement"


def test_a_role_source_resolves_to_its_holder(make_article, repo_registry) -> None:
    doc = make_article(
        "",
        "Russian Defence Minister Sergei Shoigu arrived.",
        "According to the Russian Defence Minister, relations are good.",
    )
    assert found(doc, repo_registry) == [
        ("the Russian Defence Minister", "sergei-shoigu", "according to")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "According to him, relations are good.",
        "Relations are good, it noted.",
        "Relations are good, according to reports.",
        "Tehran (IMNA) - Relations are good.",
        "A drone on display. (Photo by Iran's Defense Ministry)",
        "The head of the Russian Defence Ministry stated that relations are good.",
        "Ashtiani said that relations are good.",
        '"According to Reuters, we lost," Ashtiani said.',
    ],
)
def test_not_citations(make_article, repo_registry, text) -> None:
    assert found(make_article("", text), repo_registry) == []
