"""One CSV file of a table as typed columns: read with pyarrow when installed, else with csv.

``verify`` reads a table a part at a time through this. A column becomes a Python list only
when a check asks for it, so memory holds one part's cells as Arrow strings plus the columns
the checks use; without pyarrow (a ``pip install`` without extras) the csv module reads the
same cells, more slowly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.tables import _caster

Field = dict[str, Any]
OnError = Callable[[str, str], None]  # (column, message)


class Columns:
    """The cells of one CSV file, typed by its schema on demand, column by column.

    ``header`` is the file's header row; a file whose header is not the schema's columns
    holds no rows here. Empty cells are ``None`` except in string columns; a cell that does
    not fit its type goes to ``on_error`` and reads as ``None``.
    """

    def __init__(
        self,
        label: str,
        fields: list[Field],
        header: list[str],
        cells: dict[str, Any],
        rows: int,
        on_error: OnError | None = None,
        arrow: Any = None,
        typed: dict[str, list[Any]] | None = None,
    ) -> None:
        self.label, self.header, self.rows, self.arrow = label, header, rows, arrow
        self._fields = {f["name"]: f for f in fields}
        self._cells = cells  # column -> Arrow array of strings, or list of str
        self._typed = typed or {}
        self._arrays: dict[str, Any] = {}
        self._on_error = on_error or _ignore

    def __contains__(self, name: str) -> bool:
        return name in self._cells or name in self._typed

    def column(self, name: str) -> list[Any]:
        """The values of column ``name``, typed as its schema says (cached)."""
        if name not in self._typed:
            self._typed[name] = self._type(name) if name in self._cells else [None] * self.rows
        return self._typed[name]

    def array(self, name: str) -> Any:
        """Column ``name`` as an Arrow array typed as its schema says (integers, numbers and
        booleans cast; empty cells null), or ``None``: not read with Arrow, or a cell that
        does not cast."""
        if self.arrow is None or name not in self._cells:
            return None
        if name not in self._arrays:
            type_ = self._fields.get(name, {}).get("type", "string")
            self._arrays[name] = _arrow_array(self._cells[name], type_)
        return self._arrays[name]

    def key(self, i: int, names: list[str]) -> str:
        """Row ``i``'s key: the values of ``names`` joined by ``/``."""
        return "/".join(str(self.column(n)[i]) for n in names)

    def _type(self, name: str) -> list[Any]:
        type_ = self._fields.get(name, {}).get("type", "string")
        cells = self._cells[name]
        if self.arrow is not None:
            typed = self.array(name)
            if typed is not None:
                return typed.to_pylist()
            cells = cells.to_pylist()
        if type_ == "string":
            return cells
        cast = _caster(type_)
        values: list[Any] = []
        for row, value in enumerate(cells, start=2):  # frictionless numbers the header row 1
            if value == "":
                values.append(None)
                continue
            try:
                values.append(cast(value))
            except ValueError:
                self._on_error(
                    name, f"{self.label}: row {row}: {name}: {value[:40]!r} is not {type_}"
                )
                values.append(None)
        return values


def _arrow_array(cells: Any, type_: str) -> Any:
    """``cells`` typed with Arrow; ``None`` where a cell does not cast (typed cell by cell then)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from corpus.arrow import string

    if type_ not in ("integer", "number", "boolean"):
        return cells
    empty = pc.equal(cells, string(""))
    filled = pc.if_else(empty, string(None), cells)
    if type_ == "boolean":
        return pc.equal(filled, string("true"))
    try:
        return pc.cast(filled, pa.int64() if type_ == "integer" else pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def arrow_installed() -> bool:
    """Whether pyarrow can be imported (it is an optional dependency of the loader)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def read(
    path: Path | bytes,
    label: str,
    fields: list[Field],
    arrow: bool,
    on_error: OnError | None = None,
    threads: bool = True,
) -> Columns:
    """The file at ``path``, or its bytes already read (``label`` in messages), with pyarrow
    when ``arrow`` (on several threads when ``threads``); ``OSError``, ``ValueError`` if
    unreadable."""
    on_error = on_error or _ignore
    if arrow:
        return _read_arrow(path, label, fields, on_error, threads)
    return _read_csv(path, label, fields, on_error)


def _ignore(column: str, message: str) -> None:
    pass


def _read_arrow(
    path: Path | bytes, label: str, fields: list[Field], on_error: OnError, threads: bool
) -> Columns:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f["name"] for f in fields]

    def ragged(row: Any) -> str:
        on_error("", f"{label}: row {row.number}: wrong number of cells (expected {len(names)})")
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.BufferReader(path) if isinstance(path, bytes) else path,
            read_options=pacsv.ReadOptions(use_threads=threads, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=ragged),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as e:
        raise ValueError(str(e)) from e
    header = table.column_names
    if header != names:
        return Columns(label, fields, header, {}, 0, on_error)
    cells = {n: _one_chunk(table.column(n)) for n in names}
    return Columns(label, fields, header, cells, table.num_rows, on_error, arrow=table)


def _one_chunk(column: Any) -> Any:
    """A column as one Arrow array: its only chunk as it is (combining copies every cell)."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _read_csv(path: Path | bytes, label: str, fields: list[Field], on_error: OnError) -> Columns:
    names = [f["name"] for f in fields]
    opened = (
        io.TextIOWrapper(io.BytesIO(path), encoding="utf-8", newline="")
        if isinstance(path, bytes)
        else path.open(newline="", encoding="utf-8")
    )
    with opened as f:
        reader = csv.reader(f)
        header = next(reader, [])
        if header != names:
            return Columns(label, fields, header, {}, 0, on_error)
        cells: list[list[str]] = [[] for _ in names]
        for row in reader:
            if len(row) != len(names):
                if row:
                    on_error(
                        "",
                        f"{label}: row {reader.line_num}: wrong number of cells "
                        f"(expected {len(names)})",
                    )
                continue
            for column, cell in zip(cells, row, strict=True):
                column.append(cell)
    return Columns(
        label, fields, header, dict(zip(names, cells, strict=True)), len(cells[0]), on_error
    )
