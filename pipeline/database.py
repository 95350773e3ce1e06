"""Build the Datasette database from the written tables: same rows, types from ``schemas/``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import sqlite_utils

from pipeline.schemas import Table

BLOCK = 1 << 24  # bytes of CSV read per batch of rows
_ARROW = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}


def build_database(path: Path, tables: tuple[Table, ...], data_dir: Path) -> None:
    """Create ``path`` with every table (keys, foreign keys) and FTS5 where schemas ask."""
    db = sqlite_utils.Database(path, recreate=True)
    db.conn.execute("PRAGMA journal_mode = OFF")
    db.conn.execute("PRAGMA synchronous = OFF")
    for table in tables:
        db.table(table.name).create(
            table.sqlite_types(),
            pk=_pk(table),
            not_null=_required(table),
            foreign_keys=_foreign_keys(table),
        )
        _insert(db.conn, table, data_dir / f"{table.name}.csv")
    for table in tables:
        for column in _indexed(table):
            db.table(table.name).create_index([column], if_not_exists=True)
        if fts := table.datasette.get("fts"):
            db.table(table.name).enable_fts(fts, create_triggers=True, tokenize="porter")
    db.conn.execute("ANALYZE")
    db.conn.commit()
    db.close()


def _insert(conn: sqlite3.Connection, table: Table, path: Path) -> None:
    """Insert the CSV's rows, typed as ``corpus.tables.iter_rows`` types them, a block at a time.

    Arrow parses the CSV (empty cells are NULL except in string columns); one
    ``executemany`` per block keeps it at SQLite's speed, not Python's.
    """
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(block_size=BLOCK, use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={f["name"]: _ARROW.get(f["type"], pa.string()) for f in table.fields},
            null_values=[""],
            true_values=["true"],
            false_values=["false"],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    columns = reader.schema.names
    names = ", ".join(f"[{c}]" for c in columns)
    sql = f"INSERT INTO [{table.name}] ({names}) VALUES ({', '.join('?' * len(columns))})"
    for batch in reader:
        conn.executemany(sql, zip(*(column.to_pylist() for column in batch.columns), strict=True))


def _indexed(table: Table) -> list[str]:
    """Columns to index: the join keys, and what Datasette facets and sorts the table by.

    Without them a table page scans the whole table once per facet and sorts it whole.
    """
    options = table.datasette
    named = [f if isinstance(f, str) else next(iter(f.values())) for f in options.get("facets", [])]
    named += [options[k] for k in ("sort", "sort_desc") if k in options]
    wanted = [c for c in ("doc_id", "entity_id", "speaker_entity_id") if c in table.columns]
    leading = table.primary_key[:1]  # already the first column of the key's own index
    return [c for c in dict.fromkeys([*wanted, *named]) if c in table.columns and c not in leading]


def _foreign_keys(table: Table) -> list[tuple[str, str, str]]:
    """(column, table, column) of each foreign key; a reference to "" is the table itself."""
    return [
        (fk["fields"][0], fk["reference"]["resource"] or table.name, fk["reference"]["fields"][0])
        for fk in table.schema.get("foreignKeys", [])
    ]


def _pk(table: Table) -> str | tuple[str, ...]:
    key = table.primary_key
    return key[0] if len(key) == 1 else tuple(key)


def _required(table: Table) -> set[str]:
    return {f["name"] for f in table.fields if f.get("constraints", {}).get("required")}
