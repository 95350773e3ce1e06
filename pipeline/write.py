"""Write a table as CSV (canonical, diffable) and Parquet (typed), streaming, byte-stable.

Rows arrive in batches and are written as they come, so memory stays flat in the corpus
size; Parquet gets one row group per ``ROW_GROUP`` rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import Table

ROW_GROUP = 65_536

Row = dict[str, Any]


class TableWriter:
    """Streams rows of ``table`` to ``<dir>/<name>.csv`` and ``<dir>/<name>.parquet``."""

    def __init__(self, table: Table, directory: Path) -> None:
        self.table = table
        self.rows = 0
        self._columns = table.columns
        self._csv_file = (directory / f"{table.name}.csv").open("w", newline="", encoding="utf-8")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        self._csv.writerow(self._columns)
        self._arrow = table.arrow_schema()
        self._parquet = pq.ParquetWriter(
            directory / f"{table.name}.parquet", self._arrow, compression="zstd"
        )
        self._pending: list[Row] = []
        self._types = {f["name"]: f["type"] for f in table.fields}

    def write(self, rows: Iterable[Row]) -> None:
        for row in rows:
            if row.keys() != set(self._columns):
                extra, missing = row.keys() - self._columns, set(self._columns) - row.keys()
                raise ValueError(
                    f"{self.table.name}: row does not fit schemas/{self.table.name}.json "
                    f"(extra {sorted(extra)}, missing {sorted(missing)})"
                )
            self._csv.writerow([_cell(row[c]) for c in self._columns])
            self._pending.append(row)
            self.rows += 1
            if len(self._pending) >= ROW_GROUP:
                self._flush()

    def _flush(self) -> None:
        columns = {
            c: [_arrow_value(r[c], self._types[c]) for r in self._pending] for c in self._columns
        }
        self._parquet.write_table(pa.table(columns, schema=self._arrow))
        self._pending = []

    def close(self) -> None:
        if self._pending or self.rows == 0:
            self._flush()
        self._parquet.close()
        self._csv_file.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _cell(value: Any) -> str:
    """A CSV cell: booleans as true/false, missing as empty, everything else as str."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _arrow_value(value: Any, type_: str) -> Any:
    if value in (None, "") and type_ != "string":
        return None
    if type_ == "datetime":
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value
