"""Reading the published tables with the types their Table Schemas give, without pandas."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"

# A cell holds a whole document body, which can pass csv's default limit of 128 KiB.
csv.field_size_limit(2**31 - 1)

Row = dict[str, Any]


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """The data package descriptor published with the tables."""
    return json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    """The resource called ``name``; a ``KeyError`` listing the known names otherwise."""
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in descriptor["resources"])
    raise KeyError(f"no table {name!r}; the tables are: {known}")


@dataclass(frozen=True)
class Part:
    """One file of a table: its path in the data directory and the digests recorded for it."""

    path: str
    bytes: int | None
    sha256: str | None
    blake3: str | None

    @property
    def parquet(self) -> str:
        """The path of the Parquet copy built beside it."""
        return self.path.removesuffix(".csv") + ".parquet"


def parts(res: dict[str, Any]) -> list[Part]:
    """The files of a resource in order: the table is their rows, concatenated.

    A table in one file has ``path`` (a string), ``bytes``, ``hash`` (``sha256:…``) and
    ``blake3``. A sharded table is a Frictionless multipart resource: ``path`` is a list
    (every part a whole CSV with its own header row) and ``parts`` gives each part's
    ``path``, ``bytes``, ``hash`` and ``blake3`` in the same order. Frictionless hashes a
    multipart resource as one stream, so the digests are kept per part: changing one
    shard then means hashing one file, not the table.
    """
    if isinstance(res["path"], str):
        return [_part(res)]
    recorded = {p["path"]: p for p in res.get("parts", [])}
    return [_part(recorded.get(path, {"path": path})) for path in res["path"]]


def shard_column(res: dict[str, Any]) -> str:
    """The column a per-document table is split by: ``doc_id``, or ``blake3`` for
    ``raw_files``; ``""`` for a registry table (never split).

    A row of the part for prefix ``3a`` has a value there that starts with ``3a``.
    """
    names = [f["name"] for f in res["schema"]["fields"]]
    if "doc_id" in names:
        return "doc_id"
    return "blake3" if res["schema"].get("primaryKey") == ["blake3"] else ""


def _part(entry: dict[str, Any]) -> Part:
    sha = entry.get("hash")
    return Part(
        entry["path"],
        entry.get("bytes"),
        sha.removeprefix("sha256:") if sha else None,
        entry.get("blake3"),
    )


def _caster(type_: str) -> Any:
    if type_ == "integer":
        return int
    if type_ == "number":
        return float
    if type_ == "boolean":
        return lambda v: v == "true"
    return str


def _cast(field: dict[str, Any]) -> tuple[str, Any, bool]:
    """A field's type, the function reading its cells, and whether an empty cell is ``''``
    (a required string) rather than ``None``."""
    required = field.get("constraints", {}).get("required", False)
    return field["type"], _caster(field["type"]), field["type"] == "string" and required


def iter_rows(
    data_dir: Path, res: dict[str, Any], on_error: Callable[[str], None] | None = None
) -> Iterator[Row]:
    """Rows of a CSV resource (every part, in order), typed; an empty cell is ``None``, as in
    Parquet and SQLite, except in a required string column, where it is ``''``.

    A row that does not fit the schema raises ``ValueError`` naming the file and the row;
    with ``on_error``, the message goes there instead and reading goes on (a bad cell is
    read as ``None``, a row with the wrong number of cells is skipped).
    """
    casts = {f["name"]: _cast(f) for f in res["schema"]["fields"]}
    for part in parts(res):
        yield from _part_rows(data_dir / part.path, casts, on_error)


def _part_rows(
    path: Path, casts: dict[str, Any], on_error: Callable[[str], None] | None
) -> Iterator[Row]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for raw in reader:
            row: Row = {}
            for name, value in raw.items():
                if name is None or value is None:
                    _fail(
                        f"{path}: row {reader.line_num}: wrong number of cells "
                        f"(expected {len(reader.fieldnames or [])})",
                        on_error,
                    )
                    break
                type_, cast, keep_empty = casts.get(name, ("string", str, True))
                try:
                    row[name] = cast(value) if value != "" or keep_empty else None
                except ValueError:
                    _fail(
                        f"{path}: row {reader.line_num}: {name}: {value[:40]!r} is not {type_}",
                        on_error,
                    )
                    row[name] = None
            else:
                yield row


def _fail(message: str, on_error: Callable[[str], None] | None) -> None:
    if on_error is None:
        raise ValueError(message)
    on_error(message)
