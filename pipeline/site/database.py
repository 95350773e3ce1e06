"""Build the Datasette database from the written tables: same rows, types from ``schemas/``.

A database is stamped (``PRAGMA user_version``) with the descriptor it holds the tables of
(``pipeline.publish.atomic.stamp``); when a build changed only some shards it is updated in place,
shard by shard, in one transaction.
"""

from __future__ import annotations

import sqlite3
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import blake3
import pyarrow as pa
import pyarrow.csv as pacsv

from corpus.tables import parts, read_descriptor, resource
from pipeline.publish.shards import Change, key_range, part_path
from pipeline.raw.index import whole_rows
from pipeline.schemas import Table

if TYPE_CHECKING:
    from sqlite_utils.db import DescIndex

BLOCK = 1 << 24  # bytes of CSV read per batch of rows
_ARROW = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}


def build_database(
    path: Path, tables: tuple[Table, ...], data_dir: Path, desc: dict[str, Any], stamp: int
) -> None:
    """Create ``path`` with every table of ``desc`` (all its parts; keys, foreign keys) and
    FTS5 where schemas ask, stamped ``stamp``."""
    import sqlite_utils  # here: it imports pandas, which an update in place does without

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
        for part in parts(resource(desc, table.name)):
            _insert(db.conn, table, data_dir / part.path)
    for table in tables:
        for columns in _indexes(table):
            db.table(table.name).create_index(columns, if_not_exists=True)
        for column in _date_facets(table):  # Datasette groups by date(column): index that
            name = f"idx_{table.name}_{column}_date"
            db.conn.execute(f"CREATE INDEX [{name}] ON [{table.name}] (date([{column}]))")
        if fts := table.datasette.get("fts"):
            db.table(table.name).enable_fts(fts, create_triggers=True, tokenize="porter")
            db.table(table.name).optimize()  # one b-tree, not many: a lookup reads one
    db.conn.execute("ANALYZE")
    db.conn.execute(f"PRAGMA user_version = {int(stamp)}")
    db.conn.commit()
    db.close()


def update_database(
    path: Path,
    tables: tuple[Table, ...],
    data_dir: Path,
    changes: list[Change],
    stamp: int,
    replaced: tuple[Table, ...] = (),
    previous: Path | None = None,
) -> None:
    """Bring the database of ``tables`` in step with their parts in ``data_dir`` after
    ``changes``, in one transaction; the FTS triggers keep the index in step.

    A spliced shard lost and gained whole documents: their rows go and come by key (both
    indexed), nothing else is touched. A shard written whole is replaced by key range. Each
    table of ``replaced`` (one file, computed from all documents) is brought in step with
    its new file by the rows that differ from its file in ``previous`` (the data directory
    the database was current with: :func:`_differ`), or replaced whole.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if not changes and conn.execute("PRAGMA user_version").fetchone()[0] == stamp:
            return  # nothing changed: leave the file as it is
        conn.execute("BEGIN IMMEDIATE")
        for table in tables:
            key = "doc_id" if "doc_id" in table.columns else "blake3"
            for change in changes:
                part = data_dir / part_path(table.name, change.prefix)
                if change.added is None:  # written whole
                    lo, hi = key_range(change.prefix)
                    where = f"[{key}] >= ? AND [{key}] < ?"
                    conn.execute(f"DELETE FROM [{table.name}] WHERE {where}", (lo, hi))
                    _insert(conn, table, part)
                    continue
                size = 64 if key == "blake3" else 16  # a doc_id is a BLAKE3's first 16 digits
                conn.executemany(
                    f"DELETE FROM [{table.name}] WHERE [{key}] = ?",
                    [(b3[:size],) for b3 in change.removed],
                )
                if change.added:
                    _insert(conn, table, part, {b3[:16] for b3 in change.added}, key)
        recorded = _recorded(previous)
        for table in replaced:
            _differ(conn, table, data_dir, previous, recorded.get(table.name, ""))
        conn.execute(f"PRAGMA user_version = {int(stamp)}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def _recorded(data_dir: Path | None) -> dict[str, str]:
    """The BLAKE3 ``data_dir``'s descriptor records of each table in one file."""
    if data_dir is None:
        return {}
    try:
        resources = read_descriptor(data_dir)["resources"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {r["name"]: r.get("blake3", "") for r in resources if isinstance(r.get("path"), str)}


def _differ(
    conn: sqlite3.Connection, table: Table, data_dir: Path, previous: Path | None, recorded: str
) -> None:
    """Bring ``table`` (one file) in step with its CSV in ``data_dir``: delete by primary key
    the rows of its CSV in ``previous`` that the new one lacks, and insert the new one's rows
    that the old lacked; the rows both hold (byte for byte) are not touched. Without an old
    CSV that matches ``recorded`` (its BLAKE3 in the descriptor the database was current
    with) and has the same header, the table is replaced whole."""
    name = f"{table.name}.csv"
    (header, *after), _ = whole_rows((data_dir / name).read_bytes())
    before: list[bytes] = []
    try:
        old = (previous / name).read_bytes() if previous and recorded else b""
        if blake3.blake3(old).hexdigest() == recorded:
            head, *before = whole_rows(old)[0]
            before = before if head == header else []
    except OSError:
        pass
    if not before:
        conn.execute(f"DELETE FROM [{table.name}]")
        _insert(conn, table, header + b"".join(after))
        return
    kept, had = set(after), set(before)
    if gone := [r for r in before if r not in kept]:
        key = table.primary_key
        found = pacsv.read_csv(
            pa.BufferReader(header + b"".join(gone)),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=_csv_types(table, key),
        )
        empty = _empty_text(table)
        values = [
            [("" if v is None and c in empty else v) for v in found.column(c).to_pylist()]
            for c in key
        ]
        where = " AND ".join(f"[{c}] IS ?" for c in key)  # a key cell may be empty: NULL
        conn.executemany(f"DELETE FROM [{table.name}] WHERE {where}", zip(*values, strict=True))
    if came := [r for r in after if r not in had]:
        _insert(conn, table, header + b"".join(came))


def _insert(
    conn: sqlite3.Connection,
    table: Table,
    source: Path | bytes,
    only: set[str] | None = None,
    key: str = "",
) -> None:
    """Insert the rows of the CSV ``source`` (a file, or its bytes), typed as
    ``corpus.tables.iter_rows`` types them, a block at a time (with ``only``, the rows whose
    ``key`` starts with one of those document ids).

    Arrow parses the CSV (:func:`_csv_types`: an empty cell is NULL); one
    ``executemany`` per block keeps it at SQLite's speed, not Python's.
    """
    reader = pacsv.open_csv(
        source if isinstance(source, Path) else pa.BufferReader(source),
        read_options=pacsv.ReadOptions(block_size=BLOCK, use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=_csv_types(table),
    )
    columns = reader.schema.names
    names = ", ".join(f"[{c}]" for c in columns)
    sql = f"INSERT INTO [{table.name}] ({names}) VALUES ({_values(table, columns)})"
    for batch in reader:
        slices = [batch]
        if only is not None:  # a document's rows are contiguous: slices, no compute kernels
            ids = [k[:16] for k in batch.column(key).to_pylist()]
            slices = []
            for doc, rows in groupby(range(len(ids)), key=ids.__getitem__):
                if doc in only:
                    run = list(rows)
                    slices.append(batch.slice(run[0], len(run)))
        for rows in slices:
            conn.executemany(sql, zip(*(c.to_pylist() for c in rows.columns), strict=True))


def _csv_types(table: Table, columns: list[str] | None = None) -> pacsv.ConvertOptions:
    """How a CSV cell becomes an SQLite value: typed by the schema, and an empty cell is NULL
    whatever the column's type, unless it is required (:func:`_values`). One empty value in
    CSV, Parquet and SQLite: ``part_of IS NULL`` means the same everywhere, and an empty
    reference is no foreign key violation (``docs/decisions.md``)."""
    return pacsv.ConvertOptions(
        column_types={f["name"]: _ARROW.get(f["type"], pa.string()) for f in table.fields},
        include_columns=columns,
        null_values=[""],
        true_values=["true"],
        false_values=["false"],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )


def _values(table: Table, columns: list[str]) -> str:
    """The INSERT's placeholders: a required text column's empty cell (read as NULL by
    :func:`_csv_types`) goes in as ``''``, as the CSV and Parquet have it."""
    empty = _empty_text(table)
    return ", ".join("coalesce(?, '')" if c in empty else "?" for c in columns)


def _empty_text(table: Table) -> set[str]:
    """The required text columns: an empty cell is ``''`` in them, not NULL."""
    required = _required(table)
    return {f["name"] for f in table.fields if f["name"] in required and f["type"] == "string"}


def _indexes(table: Table) -> list[list[str | DescIndex]]:
    """The indexes of a table: its join keys, what Datasette facets it by, and the order it
    lists it in (the sort column, then the primary key Datasette breaks ties and pages by).

    Without them a table page scans the whole table once per facet and sorts it whole; with
    the last, a page of rows (the first or the hundredth) is read off the index in order.
    """
    from sqlite_utils.db import DescIndex

    options = table.datasette
    named = [f if isinstance(f, str) else next(iter(f.values())) for f in options.get("facets", [])]
    wanted = [c for c in ("doc_id", "entity_id", "speaker_entity_id") if c in table.columns]
    ordered: list[str | DescIndex] = []
    if sort := options.get("sort") or options.get("sort_desc"):
        key = [c for c in table.primary_key if c != sort]
        ordered = [sort if "sort" in options else DescIndex(sort), *key]
    leading = {*table.primary_key[:1], sort}  # the first column of an index made anyway
    single = [c for c in dict.fromkeys([*wanted, *named]) if c in table.columns]
    return [[c] for c in single if c not in leading] + ([ordered] if ordered else [])


def _date_facets(table: Table) -> list[str]:
    """The columns Datasette facets by date (``{"date": column}`` in the schema)."""
    facets = table.datasette.get("facets", [])
    return [f["date"] for f in facets if isinstance(f, dict) and "date" in f]


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
