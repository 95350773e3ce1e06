"""Across outlets: the corpus-level tables that connect reports (``docs/decisions.md``).

Every table here depends on all documents, so it is computed after the per-document tables
are written, from those tables alone (no raw text is read twice), in one pass with bounded
candidate sets (blocking by day window, by speaker, by shared words):

- ``events`` and ``document_events`` (:mod:`pipeline.across.events`): reports of one meeting;
- ``quote_links`` and ``quote_families`` (:mod:`pipeline.across.lineage`): the same words of
  one speaker in several reports, aligned word by word, families ordered by publication;
- ``citation_edges`` (:mod:`pipeline.across.sources`): outlets and the sources they name.

A link's spans index the decoded raw text of the document it names, as every span does.
"""

from __future__ import annotations

import json
import pickle
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

import blake3
import pyarrow.parquet as pq

from corpus.tables import Part, Row, iter_rows
from pipeline import schemas
from pipeline.across import cited, families, windows
from pipeline.across.events import KINDS, _Doc, features, group_events
from pipeline.across.lineage import lineage
from pipeline.across.sources import citation_edges
from pipeline.publish.datapackage import part
from pipeline.publish.write import TableWriter

TABLES = ("events", "document_events", "quote_links", "quote_families", "citation_edges")
STATE = "across"  # the windows' state, under the project's cache (pipeline/across/windows.py)
LAST = "last.json"  # what the latest build's linking did and cost (for python -m bench.across)
DOCUMENT = ["doc_id", "outlet_id", "published"]
TEXT = ["doc_id", "text"]
MENTION = ["doc_id", "start", "end", "text", "entity_id", "type", "name"]
PEOPLE_PLACES = (("type", "in", list(KINDS)),)  # the only mentions the features read
QUOTE = ["quote_id", "doc_id", "start", "end", "text", "speaker_entity_id", "speaker_name"]
CITATION = ["citation_id", "doc_id", "source", "entity_id"]


class Tables:
    """The per-document tables a build has written, read back by name: whole rows from the
    CSV, or some columns of some reports from the Parquet copies."""

    def __init__(self, data_dir: Path, files: dict[str, list[Part]]) -> None:
        self.data_dir, self.files = data_dir, files

    def rows(self, name: str) -> Iterator[Row]:
        res = {"path": [p.path for p in self.files[name]], "schema": schemas.table(name).schema}
        return iter_rows(self.data_dir, res)

    def columns(
        self, name: str, columns: list[str], docs: set[str] | None = None, where: tuple = ()
    ) -> Iterator[Row]:
        """``columns`` of the rows of ``name`` (of the reports ``docs`` only, reading only the
        parts their ``doc_id`` prefix falls in; and only those ``where``, a Parquet filter)."""
        files = self.files[name]
        split = _split(files, docs) if docs is not None else [None] * len(files)
        for found, here in zip(files, split, strict=True):
            if here is not None and not here:
                continue
            kept = [*where, *([("doc_id", "in", sorted(here))] if here is not None else [])]
            table = pq.read_table(
                self.data_dir / found.parquet, columns=columns, filters=kept or None
            )
            for batch in table.to_batches():
                yield from batch.to_pylist()

    def parts(self, name: str, docs: set[str]) -> Iterator[set[str]]:
        """The reports ``docs`` by the part of ``name`` their ``doc_id`` prefix falls in,
        part after part (those in no part are left out)."""
        yield from filter(None, _split(self.files[name], docs))


def _split(files: list[Part], docs: set[str]) -> list[set[str]]:
    """The reports of ``docs`` in each of ``files`` (by the ``doc_id`` prefix its name is)."""
    prefixes = [Path(f.path).stem if "/" in f.path else "" for f in files]
    by: dict[str, set[str]] = {p: set() for p in prefixes}
    for n in {len(p) for p in prefixes}:
        for d in docs:
            if d[:n] in by:
                by[d[:n]].add(d)
    return [by[p] for p in prefixes]


def report_features(made: list[dict[str, list[Row]]]) -> bytes:
    """The features the events need (:func:`pipeline.across.events.features`) of documents
    whose rows a build's worker just made (each one's :func:`pipeline.build.rows.doc_rows`),
    pickled with the CPU seconds they took: the per-document part of the linking, done where
    the bodies are in memory and in parallel. A capture that gave no document (only
    ``problems``) has none."""
    cpu = time.process_time()
    docs = {r["doc_id"]: r for rows in made for r in rows["documents"]}
    mentions = (m for rows in made for m in rows["mentions"] if m["type"] in KINDS)
    quotes = (q for rows in made for q in rows["quotes"])
    texts = ((k, d["text"] or "") for k, d in docs.items())
    found = features(docs, mentions, texts, quotes)
    return pickle.dumps((found, time.process_time() - cpu), pickle.HIGHEST_PROTOCOL)


def link(tables: Tables) -> dict[str, list[Row]]:
    """Every across table's rows, from the per-document tables, all at once (no state)."""
    docs = {r["doc_id"]: r for r in tables.columns("documents", DOCUMENT)}
    texts = ((r["doc_id"], r["text"] or "") for r in tables.columns("documents", TEXT))
    mentions, quotes = (
        tables.columns("mentions", MENTION, where=PEOPLE_PLACES),
        tables.columns("quotes", QUOTE),
    )
    events, members = group_events(docs, mentions, texts, quotes)
    found = lineage(docs, tables.columns("quotes", QUOTE))
    return {
        "events": events,
        "document_events": members,
        "quote_links": list(found.links()),
        "quote_families": list(found.families(docs)),
        "citation_edges": list(citation_edges(docs, tables.columns("citations", CITATION))),
    }


def _made(
    state: windows.State, quoted: families.State, edges: cited.State
) -> Iterator[tuple[str, Iterable[Row]]]:
    """Each table's rows in turn (``TABLES``' order), read from the states as they are
    written."""
    events, members = windows.tables(state)
    yield "events", events
    del events
    yield "document_events", members
    del members
    yield "quote_links", quoted.rows("quote_links")
    yield "quote_families", quoted.rows("quote_families")
    yield "citation_edges", edges.rows()


def write(
    stage: Path,
    files: dict[str, list[Part]],
    cache: Path,
    config: str,
    made: Iterable[bytes] = (),
) -> tuple[dict[str, list[Part]], dict[str, int]]:
    """Compute the across tables from the tables in ``stage`` and write them there, one file
    each; their parts and row counts. Only what the reports changed since the state in
    ``cache`` (made under ``config``) can touch is linked again: the windows of events
    (``windows``), the components of quotations (``families``), the outlets (``cited``).
    ``made``: features the build's workers made (:func:`report_features`); those of any
    other report added are made here, from the tables."""
    cpu, wall = time.process_time(), time.perf_counter()
    tables = Tables(stage, files)
    docs = {r["doc_id"]: r for r in tables.columns("documents", DOCUMENT)}
    state = windows.State(cache / STATE, _key(config))

    workers = 0.0  # CPU seconds the workers' features took

    def featured(added: set[str]) -> Iterator[dict[str, _Doc]]:
        """The features of the reports ``added``: those the workers made, a chunk at a time,
        then the others', made here a part of the tables at a time."""
        nonlocal workers
        rest = set(added)
        for one in filter(None, made):
            feats, cpu = pickle.loads(one)
            workers += cpu
            yield {k: d for k, d in feats.items() if k in rest}
            rest -= feats.keys()
        for some in tables.parts("documents", rest):
            rows = tables.columns("documents", TEXT, some)
            texts = ((r["doc_id"], r["text"] or "") for r in rows)
            mentions = tables.columns("mentions", MENTION, some, PEOPLE_PLACES)
            quotes = tables.columns("quotes", QUOTE, some)
            yield features({k: docs[k] for k in some}, mentions, texts, quotes)

    def few(added: set[str]) -> set[str] | None:
        return None if len(added) == len(docs) else added

    done = windows.update(state, docs, featured)
    quoted = families.State(cache / STATE, state.index.key)
    relinked = families.update(quoted, docs, lambda d: tables.columns("quotes", QUOTE, few(d)))
    edges = cited.State(cache / STATE, state.index.key)
    outlets = cited.update(edges, docs, lambda d: tables.columns("citations", CITATION, few(d)))
    parts, counts = {}, {}
    for name, rows in _made(state, quoted, edges):
        path = f"{name}.csv"
        with TableWriter(schemas.table(name), stage / path) as writer:
            writer.write(rows)
        parts[name], counts[name] = [part(stage, path)], writer.rows
        del rows  # each table's rows are let go once written: they are never all held at once
    cost = {
        "cpu_seconds": time.process_time() - cpu,
        "seconds": time.perf_counter() - wall,
        "worker_cpu_seconds": workers,
    }
    did = {**asdict(done), **asdict(relinked), "outlets": len(outlets), **cost}
    (cache / STATE / LAST).write_text(json.dumps(did), encoding="utf-8")
    return parts, counts


def _key(config: str) -> str:
    """The state's key: the build's configuration and this package's source."""
    h = blake3.blake3(config.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.read_bytes())
    return h.hexdigest()
