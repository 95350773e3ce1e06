"""Title, author and published date read from a dump (our steps) or from HTML (trafilatura),
and how a value is scored against the gold one.

A value is right when it equals the gold value after normalising: a title or an author
compares as its casefolded word tokens (punctuation, case and spacing ignored; a leading
"By" of a byline dropped), several authors as the set of their names (split at ";", ",",
"|", "&" and "and" in the gold sets' languages: "und", "et", "y", "og", "och", "en", "ve", "и",
"та"); a date compares as its day (the first ten characters of ISO 8601). Only pages
whose gold value is not empty are scored, as trafilatura's own author evaluation does.
The title also gets a softer score, the token F1 of the two titles, since a gold title
may or may not carry the site's name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from statistics import fmean
from typing import Any

import trafilatura

from bench.cleaner.metrics import compare, tokens
from corpus.store import RawFile
from pipeline.extract import clean, fields
from pipeline.extract.model import Doc
from pipeline.extract.registry import Registry

FIELDS = ("title", "author", "date")
REGISTRY = Registry(Path(__file__).resolve().parents[2] / "corpus" / "registry")
# Names are split at ";", ",", "|", "&" and "and" in the gold sets' languages.
_NAME_SPLIT = re.compile(r"\s*(?:[;,|&]|\b(?:and|und|et|y|og|och|en|ve|и|та)\b)\s*", re.I)
_BY = re.compile(r"^\s*by\s+", re.I)


def dump_fields(dump: str, captured: str = "2100-01-01T00:00:00") -> dict[str, str]:
    """Title, author and date that our cleaner and field step read off a text dump of a
    page read at ``captured``."""
    raw = RawFile("0" * 64, "0" * 64, len(dump), "text/plain", "utf-8", "dump", captured)
    return doc_fields(Doc(raw, dump, segments=clean.segment(dump, REGISTRY.outlets)))


def doc_fields(doc: Doc) -> dict[str, str]:
    """Title, author and date (``published``) the field step reads off a cleaned document:
    the first value of each."""
    fields.run(doc, REGISTRY)
    found: dict[str, str] = {}
    for row in doc.evidence:
        name = "date" if row.field == "published" else row.field
        if name in FIELDS and name not in found:
            found[name] = row.value
    return found


def trafilatura_fields(html: str) -> dict[str, str]:
    """Title, author and date that trafilatura reads off the HTML (its metadata)."""
    result = trafilatura.bare_extraction(html, with_metadata=True)
    if result is None:
        return {}
    return {f: getattr(result, f) or "" for f in FIELDS}


def correct(field: str, gold: str, predicted: str) -> bool:
    """Whether ``predicted`` is the gold value of ``field`` (see the module docstring)."""
    if field == "date":
        return bool(predicted) and predicted[:10] == gold[:10]
    if field == "author":
        return _names(gold) == _names(predicted)
    return _words(gold) == _words(predicted)


def title_f1(gold: str, predicted: str) -> float:
    """Token F1 of two titles."""
    return compare(_words(gold), _words(predicted)).f1


def score(
    golds: Sequence[Mapping[str, str]], predictions: Sequence[Mapping[str, str]]
) -> dict[str, Any]:
    """Accuracy of each field over the pages whose gold value is not empty."""
    out: dict[str, Any] = {}
    for field in FIELDS:
        pairs = [
            (g[field], p.get(field, "") or "")
            for g, p in zip(golds, predictions, strict=True)
            if g.get(field)
        ]
        hits = [correct(field, gold, got) for gold, got in pairs]
        out[field] = {"pages": len(pairs), "accuracy": round(fmean(hits), 4) if hits else None}
        if field == "title" and pairs:
            out[field]["token_f1"] = round(fmean(title_f1(g, p) for g, p in pairs), 4)
    return out


def _words(text: str) -> list[str]:
    return [t.casefold() for t in tokens(_BY.sub("", text))]


def _names(text: str) -> set[tuple[str, ...]]:
    return {tuple(_words(n)) for n in _NAME_SPLIT.split(_BY.sub("", text)) if _words(n)}
