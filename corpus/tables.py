"""Reading the published tables with the types their Table Schemas give, without pandas."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
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


def _caster(type_: str) -> Any:
    if type_ == "integer":
        return int
    if type_ == "number":
        return float
    if type_ == "boolean":
        return lambda v: v == "true"
    return str


def iter_rows(
    data_dir: Path, res: dict[str, Any], on_error: Callable[[str], None] | None = None
) -> Iterator[Row]:
    """Rows of a CSV resource, typed; an empty cell is ``None`` except in string columns.

    A row that does not fit the schema raises ``ValueError`` naming the file and the row;
    with ``on_error``, the message goes there instead and reading goes on (a bad cell is
    read as ``None``, a row with the wrong number of cells is skipped).
    """
    casts = {f["name"]: (f["type"], _caster(f["type"])) for f in res["schema"]["fields"]}
    path = data_dir / res["path"]
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
                type_, cast = casts.get(name, ("string", str))
                try:
                    row[name] = cast(value) if value != "" or type_ == "string" else None
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
