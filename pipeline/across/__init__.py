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

from collections.abc import Iterator
from pathlib import Path

from corpus.tables import Part, Row, iter_rows
from pipeline import schemas
from pipeline.across.events import group_events
from pipeline.across.lineage import link_quotes
from pipeline.across.sources import citation_edges
from pipeline.datapackage import part
from pipeline.write import TableWriter

TABLES = ("events", "document_events", "quote_links", "quote_families", "citation_edges")


class Tables:
    """The per-document tables a build has written, read back by name."""

    def __init__(self, data_dir: Path, files: dict[str, list[Part]]) -> None:
        self.data_dir, self.files = data_dir, files

    def rows(self, name: str) -> Iterator[Row]:
        res = {"path": [p.path for p in self.files[name]], "schema": schemas.table(name).schema}
        return iter_rows(self.data_dir, res)


def link(tables: Tables) -> dict[str, list[Row]]:
    """Every across table's rows, from the per-document tables."""
    docs = {
        r["doc_id"]: {k: r[k] for k in ("outlet_id", "published")} for r in tables.rows("documents")
    }
    texts = ((r["doc_id"], r["text"] or "") for r in tables.rows("documents"))
    events, members = group_events(docs, tables.rows("mentions"), texts)
    links, families = link_quotes(docs, tables.rows("quotes"))
    edges = citation_edges(docs, tables.rows("citations"))
    return {
        "events": events,
        "document_events": members,
        "quote_links": links,
        "quote_families": families,
        "citation_edges": edges,
    }


def write(
    stage: Path, files: dict[str, list[Part]]
) -> tuple[dict[str, list[Part]], dict[str, int]]:
    """Compute the across tables from the tables in ``stage`` and write them there, one file
    each; their parts and row counts."""
    made = link(Tables(stage, files))
    parts, counts = {}, {}
    for name in TABLES:
        path = f"{name}.csv"
        with TableWriter(schemas.table(name), stage / path) as writer:
            writer.write(made[name])
        parts[name], counts[name] = [part(stage, path)], writer.rows
    return parts, counts
