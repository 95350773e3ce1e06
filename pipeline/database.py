"""Build the Datasette database from the written tables: same rows, types from ``schemas/``."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from corpus.tables import iter_rows
from pipeline.schemas import Table

BATCH = 10_000


def build_database(path: Path, tables: tuple[Table, ...], data_dir: Path) -> None:
    """Create ``path`` with every table (keys, foreign keys) and FTS5 where schemas ask."""
    db = sqlite_utils.Database(path, recreate=True)
    db.conn.execute("PRAGMA journal_mode = OFF")
    db.conn.execute("PRAGMA synchronous = OFF")
    for table in tables:
        res = {"path": f"{table.name}.csv", "schema": table.schema}
        db.table(table.name).create(table.sqlite_types(), pk=_pk(table), not_null=_required(table))
        db.table(table.name).insert_all(iter_rows(data_dir, res), batch_size=BATCH)
    for table in tables:
        for fk in table.schema.get("foreignKeys", []):
            (column,) = fk["fields"]
            target = fk["reference"]["resource"] or table.name  # "" is the table itself
            db.table(table.name).add_foreign_key(
                column, target, fk["reference"]["fields"][0], ignore=True
            )
        for column in ("doc_id", "entity_id", "speaker_entity_id"):
            if column in table.columns and column not in table.primary_key[:1]:
                db.table(table.name).create_index([column], if_not_exists=True)
        if fts := table.datasette.get("fts"):
            db.table(table.name).enable_fts(fts, create_triggers=True, tokenize="porter")
    db.conn.execute("ANALYZE")
    db.conn.commit()
    db.close()


def _pk(table: Table) -> str | tuple[str, ...]:
    key = table.primary_key
    return key[0] if len(key) == 1 else tuple(key)


def _required(table: Table) -> set[str]:
    return {f["name"] for f in table.fields if f.get("constraints", {}).get("required")}
