"""Write a table as CSV (canonical, diffable) and Parquet (typed), byte-stable.

Two ways in, the same bytes out: :class:`TableWriter` streams rows (dicts) as they come, made
into Arrow columns ``BATCH`` at a time, so memory stays flat in the corpus size;
:class:`PartWriter` streams rows that are already Arrow columns (:func:`to_arrow`: the
build's chunks) as the chunks come. Both write CSV with Arrow kernels a column at a time
(:func:`csv_rows`: the csv module's bytes, but a carriage return quoted). Parquet gets one
row group per ``ROW_GROUP`` rows or ``ROW_GROUP_BYTES`` of text, each of Arrow batches of
``BATCH`` rows.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TextIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.schemas import Table

ROW_GROUP = 65_536  # rows, at most, in a Parquet row group
ROW_GROUP_BYTES = 1 << 24  # and at most this many characters of its string columns
BATCH = 4_096  # rows turned into Arrow at a time while a row group fills

Row = dict[str, Any]


class _Files:
    """The CSV and Parquet files of one table being written, from Arrow chunks
    (:func:`to_arrow`'s columns, in order): each chunk's CSV rows at once (:func:`csv_rows`),
    and its Parquet row groups as they fill, holding no more than one row group. Closing
    writes the last row group (a table of no rows still gets one, so that its Parquet file
    has the schema)."""

    def __init__(self, table: Table, path: Path) -> None:
        self.table = table
        self.rows = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: TextIO = path.open("w", newline="", encoding="utf-8")
        csv.writer(self._file, lineterminator="\n").writerow(table.columns)
        self._file.flush()  # the header went through the text layer; the rows go as bytes
        self._schema = table.arrow_schema()
        self._parquet = pq.ParquetWriter(
            path.with_suffix(".parquet"), self._schema, compression="zstd"
        )
        self._strings = [i for i, f in enumerate(table.fields) if f["type"] == "string"]
        self._group: list[pa.Table] = []  # the row group being filled: slices of chunks
        self._group_rows = self._group_chars = 0

    def _write(self, data: pa.Table) -> None:
        """Write the rows of ``data`` (a chunk of :func:`to_arrow`'s columns)."""
        self._file.buffer.write(csv_rows(data, self.table))
        typed = pa.Table.from_arrays(
            [
                _timestamps(column.to_pylist(), field.type)
                if pa.types.is_timestamp(field.type)
                else column
                for column, field in zip(data.columns, self._schema, strict=True)
            ],
            schema=self._schema,
        )
        self._add(typed, self._chars(typed))
        self.rows += data.num_rows

    def _chars(self, data: pa.Table) -> np.ndarray:
        """Characters of each row's string cells (``len``: code points; a null counts none)."""
        chars = np.zeros(data.num_rows, dtype=np.int64)
        for i in self._strings:
            lengths = pc.utf8_length(data.column(i)).fill_null(0)
            chars += lengths.to_numpy()
        return chars

    def _add(self, data: pa.Table, chars: np.ndarray) -> None:
        """Add rows to the row group, writing it after the row that brings it to
        ``ROW_GROUP`` rows or ``ROW_GROUP_BYTES`` characters."""
        start, n = 0, data.num_rows
        while start < n:
            filled = np.cumsum(chars[start:]) + self._group_chars
            by_chars = int(np.searchsorted(filled, ROW_GROUP_BYTES))  # first row reaching it
            last = min(by_chars, ROW_GROUP - self._group_rows - 1)  # the group's last row
            if last >= n - start:  # no cut in the rest of the chunk
                self._group.append(data.slice(start))
                self._group_rows += n - start
                self._group_chars = int(filled[-1])
                return
            self._group.append(data.slice(start, last + 1))
            self._flush()
            start += last + 1

    def _flush(self) -> None:
        """Write the row group, in batches of ``BATCH`` rows (Parquet's writer cuts pages
        where a batch ends)."""
        group = pa.concat_tables(self._group or [self._schema.empty_table()]).combine_chunks()
        self._parquet.write_table(pa.Table.from_batches(group.to_batches(BATCH), group.schema))
        self._group, self._group_rows, self._group_chars = [], 0, 0

    def close(self) -> None:
        if self._group_rows or self.rows == 0:
            self._flush()
        self._parquet.close()
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class TableWriter(_Files):
    """Streams rows (dicts) of ``table`` to the CSV file ``path`` and a Parquet file beside it."""

    def write(self, rows: Iterable[Row]) -> None:
        """Write ``rows`` (dicts with exactly the table's columns) to both files, ``BATCH``
        at a time made into Arrow columns (:func:`to_arrow`): Python objects never pile up,
        and no cell is written by Python (an across table's 100,000s of rows, ``incr8``)."""
        rows = iter(rows)
        while batch := list(itertools.islice(rows, BATCH)):
            self._write(to_arrow(self.table, batch))


class PartWriter(_Files):
    """Writes a part whose rows come as Arrow chunks (:func:`to_arrow`'s columns, in order):
    the bytes :class:`TableWriter` writes for the same rows."""

    def write(self, data: pa.Table) -> None:
        """Write the rows of ``data`` (a chunk of :func:`to_arrow`'s columns)."""
        self._write(data)


def write_parquet(table: Table, path: Path, data: pa.Table) -> None:
    """Write ``data`` (rows of ``table``) to ``path`` in the row groups :class:`TableWriter`
    would make of the same rows, each of the same batches, so that the bytes are the same
    (Parquet's writer splits pages where a batch ends)."""
    with pq.ParquetWriter(path, table.arrow_schema(), compression="zstd") as writer:
        for start, end in itertools.pairwise(_row_groups(table, data)):
            group = data.slice(start, end - start).combine_chunks()
            writer.write_table(pa.Table.from_batches(group.to_batches(BATCH), group.schema))


def cache_schema(table: Table) -> pa.Schema:
    """The columns of ``table`` as :func:`to_arrow` holds them: Parquet's types, but a datetime
    as the text it was made as (what the CSV has)."""
    return pa.schema(
        [
            pa.field(f.name, pa.string()) if pa.types.is_timestamp(f.type) else f
            for f in table.arrow_schema()
        ]
    )


def to_arrow(table: Table, rows: list[Row]) -> pa.Table:
    """``rows`` (dicts with exactly the table's columns) as Arrow columns of
    :func:`cache_schema`: an empty optional value is null, as :class:`TableWriter` has it."""
    keys = frozenset(table.columns)
    for row in rows:
        if row.keys() != keys:
            extra, missing = row.keys() - keys, keys - row.keys()
            raise ValueError(
                f"{table.name}: row does not fit schemas/{table.name}.json "
                f"(extra {sorted(extra)}, missing {sorted(missing)})"
            )
    schema = cache_schema(table)
    try:  # the dicts read by Arrow, not turned into columns by Python
        data = pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # an empty number or boolean: one by one
        values = _getter(table.columns)
        by_column = zip(*map(values, rows), strict=True) if rows else ([] for _ in table.columns)
        columns = [
            _cache_column(list(cells), f["type"], field)
            for cells, f, field in zip(by_column, table.fields, schema, strict=True)
        ]
        return pa.Table.from_arrays(columns, schema=schema)
    for i, (f, field) in enumerate(zip(table.fields, schema, strict=True)):
        if f["type"] == "datetime" or (f["type"] == "string" and field.nullable):  # "": null
            column = data.column(i)
            if pc.any(pc.equal(column, "")).as_py():
                data = data.set_column(i, field, pc.if_else(pc.equal(column, ""), None, column))
    return data


def _cache_column(cells: list[Any], type_: str, field: pa.Field) -> pa.Array:
    """A column's values as :func:`to_arrow` holds them; an optional text's empty values
    made null on the Arrow array, not in Python one by one."""
    if _as_is(cells, type_, field.nullable):
        return pa.array(cells, field.type)
    if type_ == "string":
        values = pa.array(cells, field.type)
        return pc.if_else(pc.equal(values, ""), pa.scalar(None, field.type), values)
    return pa.array([_cache_value(v, type_, field.nullable) for v in cells], field.type)


def csv_rows(data: pa.Table, table: Table) -> memoryview:
    """The CSV rows of ``data`` (:func:`to_arrow`'s columns of ``table``) as the csv module
    writes them, made by Arrow a column at a time, not by Python per cell: a null or empty
    value is an empty cell, a boolean ``true``/``false``, a number its ``str``, and a cell
    is quoted (its quotes doubled) when it holds a comma, a quote, a line feed or a carriage
    return (:func:`_quoted`)."""
    if data.num_rows == 0:
        return memoryview(b"")
    columns = zip(data.columns, table.fields, strict=True)
    lines = pc.binary_join_element_wise(*(_csv_cells(c, f["type"]) for c, f in columns), ",")
    ended = pc.binary_join_element_wise(lines, "", "\n").combine_chunks()  # each line + "\n"
    _, offsets, values = ended.buffers()
    first, last = np.frombuffer(offsets, np.int32)[[ended.offset, ended.offset + len(ended)]]
    return memoryview(values)[first:last]  # UTF-8 already: not decoded, not copied


def _csv_cells(column: pa.ChunkedArray, type_: str) -> pa.ChunkedArray:
    """One column's CSV cells, as text."""
    if type_ == "boolean":
        cells = pc.if_else(column, "true", "false")
    elif pa.types.is_integer(column.type):
        cells = pc.cast(column, pa.string())
    elif pa.types.is_string(column.type):
        cells, special = column, pc.match_substring_regex(column, _SPECIAL)
        if pc.any(special).as_py():
            doubled = pc.replace_substring(column, '"', '""')
            cells = pc.if_else(special, pc.binary_join_element_wise('"', doubled, '"', ""), column)
    else:  # any other type: Python's spelling, as the csv module's
        cells = pa.array([_quoted(v) for v in column.to_pylist()], pa.string())
    return pc.fill_null(cells, "") if cells.null_count else cells


_SPECIAL = '[,"\r\n]'  # what makes a cell quoted


def _timestamps(values: list[Any], type_: pa.DataType) -> pa.Array:
    """A datetime column as Parquet has it, from the texts :func:`to_arrow` holds."""
    return pa.array(
        [None if v is None else _arrow_value(v, "datetime", True) for v in values], type_
    )


def _row_groups(table: Table, data: pa.Table) -> list[int]:
    """Where :class:`TableWriter` would cut ``data`` into row groups: 0, each cut, the end."""
    strings = [i for i, f in enumerate(table.fields) if f["type"] == "string"]
    if data.num_rows < ROW_GROUP and _utf8_bytes(data, strings) < ROW_GROUP_BYTES:
        return [0, data.num_rows]  # a character takes a byte or more: no cut, counted or not
    chars = [0] * data.num_rows  # as TableWriter counts: len() of string cells, per row
    for i in strings:
        values = data.column(i).to_pylist()  # not pyarrow.compute: slower to import than this
        chars = [n + (len(v) if v else 0) for n, v in zip(chars, values, strict=True)]
    cuts, rows, count = [0], 0, 0
    for n, size in enumerate(chars, 1):
        rows, count = rows + 1, count + size
        if rows >= ROW_GROUP or count >= ROW_GROUP_BYTES:
            cuts.append(n)
            rows = count = 0
    if rows or not cuts[1:]:
        cuts.append(data.num_rows)
    return cuts


def _utf8_bytes(data: pa.Table, columns: list[int]) -> int:
    """At least the bytes of text in ``columns``: the sizes of their value buffers (a slice's
    buffer may hold more than the slice)."""
    return sum(
        values.size
        for i in columns
        for chunk in data.column(i).chunks
        if (values := chunk.buffers()[2]) is not None
    )


def _getter(names: list[str]) -> Callable[[Row], tuple[Any, ...]]:
    """The values of ``names`` in a row, as a tuple (``itemgetter``: no Python per row)."""
    if len(names) == 1:
        return lambda row: (row[names[0]],)
    return itemgetter(*names) if names else lambda row: ()


def _as_is(values: Sequence[Any], type_: str, optional: bool) -> bool:
    """Whether Arrow takes a column's values unchanged: text or numbers with no empty cell,
    or a required column's text (an empty optional value is null, in Parquet as in CSV and
    SQLite: ``docs/decisions.md``)."""
    if type_ == "string" and not optional:
        return True
    return type_ in ("string", "integer", "number", "boolean") and "" not in values


def _cell(value: Any) -> str:
    """A CSV cell: booleans as true/false, missing as empty, everything else as str."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _quoted(value: Any) -> str:
    """A CSV cell as the csv module writes it, but quoted when it holds a carriage return:
    the csv module quotes only the characters of its line terminator (``\\n``), and a bare
    ``\\r`` ends a row for Arrow's CSV reader (and frictionless's)."""
    cell = _cell(value)
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _cache_value(value: Any, type_: str, optional: bool) -> Any:
    """A value as :func:`to_arrow` holds it: an empty one null (but a required text's)."""
    if value is None or (value == "" and (optional or type_ != "string")):
        return None
    return value


def _arrow_value(value: Any, type_: str, optional: bool) -> Any:
    value = _cache_value(value, type_, optional)
    if value is not None and type_ == "datetime":
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value
