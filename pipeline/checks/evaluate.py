"""Scores of the extraction against hand-made gold annotations (``tests/gold/``).

Pure functions over documents and gold dicts, plus the two edges every caller needs:
reading the gold files and running the pipeline's steps over the raw store. Used by
``tests/test_evaluate_seeds.py`` (which asserts the targets) and ``bench/quality.py``
(which prints the table and writes ``docs/quality.md``).

Gold fields (``tests/gold/fields/<doc_id>.json``): title, outlet_id, author, published,
published_precision, published_inferred, section, tags, dateline, body (the cleaned text
as ``corpus.text.assemble`` would make it) and media (caption, credit, date).
Gold quotes (``tests/gold/quotes/<doc_id>.json``): quotes (text inside the marks, speaker),
mentions (entity_id, text) and citations (source, entity_id).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from corpus.store import decode, raw_path, read_index
from corpus.text import assemble, normalise
from pipeline.extract.dates import precision
from pipeline.extract.model import Doc, Quote
from pipeline.extract.registry import Registry

Gold = dict[str, Any]
FIELDS = ("title", "outlet_id", "author", "published", "section", "dateline")
STEPS = ("clean", "fields", "media", "entities", "quotes", "citations")

_WORD = re.compile(r"\w+")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_EDGE = " \t\"'.,;:!?…"


@dataclass(frozen=True)
class PR:
    """Precision, recall and F1 of a set of found items against gold ones."""

    found: int
    gold: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PR) -> PR:
        return PR(self.found + other.found, self.gold + other.gold, self.correct + other.correct)


@dataclass(frozen=True)
class DocScores:
    """How one document's extraction compares with its gold."""

    doc_id: str
    fields: dict[str, tuple[str, str]]  # field -> (found, gold)
    tags: PR
    media: PR
    body: PR
    chrome_left: list[str]
    quotes: PR | None = None
    speakers: tuple[int, int] | None = None  # (right, matched quotes)
    mentions: PR | None = None
    citations: PR | None = None

    @property
    def wrong_fields(self) -> list[str]:
        return [f for f, (found, gold) in self.fields.items() if found != gold]


def match(found: Iterable[Any], gold: Iterable[Any]) -> PR:
    """One-to-one matches of equal items (multisets)."""
    f, g = Counter(found), Counter(gold)
    return PR(sum(f.values()), sum(g.values()), sum((f & g).values()))


def tokens(text: str) -> list[str]:
    """Word tokens, case-folded: the bag the body scores are counted on."""
    return _WORD.findall(text.casefold())


def body_text(doc: Doc) -> str:
    """The cleaned body, assembled from the kept segments exactly as the corpus does."""
    kept = ((s.start, s.end, s.joined) for s in doc.segments if s.kept)
    return assemble(doc.text, kept, html=doc.raw.media_type == "text/html")


def chrome_left(doc: Doc, gold_body: str) -> list[str]:
    """Kept lines (segments) that are in no gold paragraph: chrome the cleaner let through."""
    gold = normalise(gold_body)
    pieces = (normalise(doc.text[s.start : s.end]) for s in doc.segments if s.kept)
    return [p for p in pieces if p and p not in gold]


def found_fields(doc: Doc) -> dict[str, str]:
    """The first evidence value of each field, as the documents table would show it."""
    values: dict[str, str] = {}
    for e in doc.evidence:
        values.setdefault(e.field, e.value)
        if e.field == "published":
            values.setdefault("published_method", e.method)
    published = values.get("published", "")
    return {
        "title": values.get("title", ""),
        "outlet_id": values.get("outlet", ""),
        "author": values.get("author", ""),
        "published": published,
        "published_precision": precision(published) if published else "",
        "published_inferred": _inferred(values.get("published_method", "").startswith("inferred:")),
        "section": values.get("section", ""),
        "dateline": values.get("dateline", ""),
    }


def _inferred(flag: bool) -> str:
    """``published_inferred`` as a value that is empty when false, like the other fields."""
    return "inferred" if flag else ""


def score_fields(doc: Doc, gold: Gold) -> DocScores:
    """Fields, tags, media and body of ``doc`` against its gold fields."""
    found = found_fields(doc)
    expected = {**{f: gold[f] for f in FIELDS}, "published_precision": gold["published_precision"]}
    expected["published_inferred"] = _inferred(gold["published_inferred"])
    return DocScores(
        doc_id=doc.doc_id,
        fields={f: (found[f], expected[f]) for f in expected},
        tags=match((e.value for e in doc.evidence if e.field == "tag"), gold["tags"]),
        media=match(
            ((m.caption, m.credit, m.date) for m in doc.media),
            ((m["caption"], m["credit"], m["date"]) for m in gold["media"]),
        ),
        body=match(tokens(body_text(doc)), tokens(gold["body"])),
        chrome_left=chrome_left(doc, gold["body"]),
    )


def quote_key(text: str) -> str:
    """A quote's text for matching: case, quote marks, spacing and edge punctuation ignored."""
    return normalise(text.translate(_QUOTE_MARKS)).casefold().strip(_EDGE)


def score_quotes(doc: Doc, gold: Gold, scores: DocScores) -> DocScores:
    """``scores`` with the quotes, speakers, mentions and citations of ``doc`` added."""
    by_key: dict[str, Quote] = {}
    for q in doc.quotes:
        by_key.setdefault(quote_key(doc.text[q.start : q.end]), q)
    right = matched = 0
    for g in gold["quotes"]:
        found = by_key.get(quote_key(g["text"]))
        if found is None:
            continue
        matched += 1
        if g.get("speaker_entity_id"):
            right += found.speaker_entity_id == g["speaker_entity_id"]
        else:
            right += quote_key(found.speaker_text) == quote_key(g.get("speaker_text", ""))
    return replace(
        scores,
        quotes=match(
            (quote_key(doc.text[q.start : q.end]) for q in doc.quotes),
            (quote_key(g["text"]) for g in gold["quotes"]),
        ),
        speakers=(right, matched),
        mentions=match(
            ((m.entity_id, quote_key(doc.text[m.start : m.end])) for m in doc.mentions),
            ((m["entity_id"], quote_key(m["text"])) for m in gold.get("mentions", [])),
        ),
        citations=match(
            ((quote_key(c.source), c.entity_id) for c in doc.citations),
            ((quote_key(c["source"]), c.get("entity_id", "")) for c in gold.get("citations", [])),
        ),
    )


def accuracy(scores: list[DocScores], field: str) -> float:
    """Share of documents whose ``field`` equals the gold value."""
    right = sum(s.fields[field][0] == s.fields[field][1] for s in scores)
    return right / len(scores) if scores else 1.0


def field_pr(scores: list[DocScores], field: str) -> PR:
    """Precision/recall of non-empty values of ``field``: found and right vs in the gold."""
    pairs = [s.fields[field] for s in scores]
    return PR(
        found=sum(bool(f) for f, _ in pairs),
        gold=sum(bool(g) for _, g in pairs),
        correct=sum(bool(f) and f == g for f, g in pairs),
    )


def total(scores: list[DocScores], attribute: str) -> PR | None:
    """The micro-average of a :class:`PR` attribute over the documents that have it."""
    values = [getattr(s, attribute) for s in scores if getattr(s, attribute) is not None]
    return sum(values[1:], values[0]) if values else None


def speaker_accuracy(scores: list[DocScores]) -> float | None:
    """Share of matched quotes whose speaker is right, over all documents."""
    pairs = [s.speakers for s in scores if s.speakers is not None]
    if not pairs:
        return None
    matched = sum(m for _, m in pairs)
    return sum(r for r, _ in pairs) / matched if matched else 1.0


def read_gold(directory: Path, doc_id: str) -> Gold | None:
    """The gold annotation of ``doc_id`` in ``directory``, or ``None``."""
    path = directory / f"{doc_id}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def steps(names: Sequence[str] = STEPS) -> list[Callable[[Doc, Registry], Doc]]:
    """The ``run`` functions of the steps ``names`` that exist in ``pipeline.extract``, in order."""
    return [
        importlib.import_module(f"pipeline.extract.{name}").run
        for name in names
        if importlib.util.find_spec(f"pipeline.extract.{name}") is not None
    ]


def documents(raw_dir: Path, registry: Registry, names: Sequence[str] = STEPS) -> list[Doc]:
    """Every capture of the raw store run through the steps ``names``."""
    run = steps(names)
    docs = []
    for raw in read_index(raw_dir):
        doc = Doc(raw, decode(raw_path(raw_dir, raw.blake3).read_bytes(), raw.encoding))
        for step in run:
            doc = step(doc, registry)
        docs.append(doc)
    return docs


def evaluate(docs: list[Doc], gold_dir: Path) -> list[DocScores]:
    """Scores of every document that has gold fields (and quotes, where there are some)."""
    scores = []
    for doc in docs:
        gold = read_gold(gold_dir / "fields", doc.doc_id)
        if gold is None:
            continue
        result = score_fields(doc, gold)
        quotes = read_gold(gold_dir / "quotes", doc.doc_id)
        scores.append(score_quotes(doc, quotes, result) if quotes is not None else result)
    return scores
