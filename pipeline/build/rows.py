"""Turn a processed :class:`Doc` into the rows of the per-document tables.

Keys and span texts are added here, once: ``text`` is always ``doc.text[start:end]``.
A document with an empty body, or a value its table's schema refuses, gives no rows but
one of ``problems`` (:mod:`pipeline.build.problems` says why); a chunk of documents' rows become
Arrow columns together, and are checked against the schemas there (:func:`to_tables`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import fields
from itertools import accumulate
from typing import Any

import pyarrow as pa

from corpus.store import RawFile, blake3_hex
from corpus.text import assemble
from pipeline.build import problems
from pipeline.build.problems import TABLE, invalid, problem
from pipeline.extract.dates import precision
from pipeline.extract.langmodel import language
from pipeline.extract.model import Doc, Evidence
from pipeline.publish.write import to_arrow
from pipeline.schemas import Table

Row = dict[str, Any]
ROWS = "rows"  # the stage a problem found here names

PER_DOCUMENT = (
    "documents",
    "segments",
    "evidence",
    "media",
    "mentions",
    "quotes",
    "citations",
    TABLE,
)


def refused(raw: RawFile, stage: str, reason: str, detail: str) -> dict[str, list[Row]]:
    """The rows of a capture that is not a document: one of ``problems``, none elsewhere."""
    made: dict[str, list[Row]] = {name: [] for name in PER_DOCUMENT}
    made[TABLE] = [problem(raw.blake3[:16], raw.blake3, stage, reason, detail)]
    return made


def doc_rows(doc: Doc) -> dict[str, list[Row]]:
    """Every per-document table's rows for ``doc``, in table order, each in ``seq`` order;
    or only a ``problems`` row when the body is empty (a value that breaks its schema is
    found by :func:`to_tables`)."""
    doc_id, t = doc.doc_id, doc.text
    spans: tuple[list[Any], ...] = (
        doc.segments,
        doc.evidence,
        doc.media,
        doc.mentions,
        doc.quotes,
        doc.citations,
    )
    if (found := sum(len(s) for s in spans)) > problems.MAX_ROWS:
        detail = f"{found:,} spans found; a document may have {problems.MAX_ROWS:,}"
        return refused(doc.raw, ROWS, "too-large", detail)
    kept = [(s.start, s.end, s.joined) for s in doc.segments if s.kept]
    body = assemble(t, kept, html=doc.raw.media_type == "text/html")
    if not body:
        kinds = sorted({s.kind for s in doc.segments})
        detail = f"no text kept of {len(t)} characters (segments: {', '.join(kinds) or 'none'})"
        return refused(doc.raw, "clean", "empty-body", detail)
    first: dict[str, Evidence] = {}
    for ev in doc.evidence:
        first.setdefault(ev.field, ev)
    published = first.get("published")
    value = {name: ev.value for name, ev in first.items()}
    document = {
        "doc_id": doc_id,
        "raw_blake3": doc.raw.blake3,
        "outlet_id": value.get("outlet", ""),
        "title": value.get("title", ""),
        "author": value.get("author", ""),
        "published": value.get("published", ""),
        "published_precision": precision(published.value) if published else "",
        "published_method": published.method if published else "",
        "section": value.get("section", ""),
        "tags": "; ".join(ev.value for ev in doc.evidence if ev.field == "tag"),
        "dateline": value.get("dateline", ""),
        "language": language(body),
        "text": body,
        "text_blake3": blake3_hex(body.encode("utf-8")),
        "word_count": len(body.split()),
    }
    evidence = _numbered(doc_id, t, doc.evidence)
    for row in evidence:
        row["raw_blake3"] = doc.raw.blake3
    made = {
        "documents": [document],
        "segments": _numbered(doc_id, t, doc.segments),
        "evidence": evidence,
        "media": _numbered(doc_id, t, doc.media, key="media_id", tag="m"),
        "mentions": _numbered(doc_id, t, doc.mentions),
        "quotes": [
            {**row, "part_of": None if row["part_of"] is None else f"{doc_id}-q{row['part_of']}"}
            for row in _numbered(doc_id, t, doc.quotes, key="quote_id", tag="q")
        ],
        "citations": _numbered(doc_id, t, doc.citations, key="citation_id", tag="c"),
        TABLE: [],
    }
    return made


def to_tables(
    tables: Sequence[Table], docs: Sequence[tuple[RawFile, dict[str, list[Row]]]]
) -> dict[str, pa.Table]:
    """The rows of ``docs`` (each document's :func:`doc_rows`, in order) as Arrow columns of
    every table in ``tables``; a document with a value its table's schema refuses gives one
    ``problems`` row instead, naming the value. The columns of all are checked at once
    (:func:`pipeline.build.problems.suspects`), a document's rows one by one only when flagged."""
    data = _columns(tables, [rows for _, rows in docs])
    flagged: set[int] = set()  # positions in docs
    for t in tables:
        if found := problems.suspects(t.name, data[t.name]):
            ends = list(accumulate(len(rows[t.name]) for _, rows in docs))
            flagged.update(bisect_right(ends, row) for row in found)
    if not flagged:
        return data
    checked = []
    for i, (raw, rows) in enumerate(docs):
        if i in flagged and (broken := invalid(rows)):
            rows = refused(raw, ROWS, "invalid", broken)
        checked.append(rows)
    return _columns(tables, checked)


def _columns(tables: Sequence[Table], made: list[dict[str, list[Row]]]) -> dict[str, pa.Table]:
    return {t.name: to_arrow(t, [row for rows in made for row in rows[t.name]]) for t in tables}


def _numbered(
    doc_id: str, text: str, items: Sequence[Any], key: str = "", tag: str = ""
) -> list[Row]:
    """Rows of span records: numbered by ``seq`` (or an id ``<doc_id>-<tag><n>`` in ``key``).

    Every span gets its exact raw text: ``text`` for ``start``/``end``, and ``X_text`` for an
    ``X_start``/``X_end`` pair unless the record already carries it.
    """
    rows = []
    kinds = fields(items[0]) if items else ()  # the records of one table are of one kind
    pairs = [f.name.removesuffix("_start") for f in kinds if f.name.endswith("_start")]
    for i, item in enumerate(items):
        values = vars(item)  # the records are flat: read as they are, without asdict's walk
        start, end = values["start"], values["end"]
        head = (
            {key: f"{doc_id}-{tag}{i}", "doc_id": doc_id} if key else {"doc_id": doc_id, "seq": i}
        )
        row = {**head, "start": start, "end": end, "text": text[start:end], **values}
        for name in pairs:
            s, e = values[f"{name}_start"], values[f"{name}_end"]
            row.setdefault(f"{name}_text", None if s is None else text[s:e])
        rows.append(row)
    return rows
