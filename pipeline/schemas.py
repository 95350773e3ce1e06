"""``schemas/``: the one source of every table's shape, and what is derived from it.

Frictionless gets the Table Schemas as they are; pandera, Arrow and SQLite get mappings
made here, so the four views of a table cannot drift apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa


def schemas_dir() -> Path:
    """``schemas/`` inside an installed wheel (``pipeline/_schemas``), else in the checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_schemas"
    return packaged if packaged.is_dir() else here.parent / "schemas"


@dataclass(frozen=True)
class Table:
    """One table: its resource properties, its Table Schema and its Datasette options."""

    name: str
    title: str
    description: str
    schema: dict[str, Any]
    datasette: dict[str, Any]

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.schema["fields"]

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        return self.schema.get("primaryKey", [])

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(f["name"], _ARROW[f["type"]], nullable=not _required(f)) for f in self.fields]
        )

    def sqlite_types(self) -> dict[str, type]:
        return {f["name"]: _SQLITE[f["type"]] for f in self.fields}


_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "datetime": pa.timestamp("s", tz="UTC"),
}
_SQLITE: dict[str, type] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": int,
    "datetime": str,
}


def _required(field: dict[str, Any]) -> bool:
    return bool(field.get("constraints", {}).get("required"))


@cache
def package() -> dict[str, Any]:
    """Package-level properties (title, licences, sources, resource order)."""
    return json.loads((schemas_dir() / "package.json").read_text(encoding="utf-8"))


@cache
def tables() -> tuple[Table, ...]:
    """Every table, in the order of ``package.json``."""
    return tuple(table(name) for name in package()["resources"])


@cache
def table(name: str) -> Table:
    spec = json.loads((schemas_dir() / f"{name}.json").read_text(encoding="utf-8"))
    return Table(
        name=spec["name"],
        title=spec["title"],
        description=spec["description"],
        schema=spec["schema"],
        datasette=spec.get("datasette", {}),
    )


@dataclass(frozen=True)
class Query:
    """A canned query of ``schemas/queries/``: its name (the file's stem), title and SQL."""

    name: str
    title: str
    description: str
    sql: str


_HEADER = re.compile(r"-- (?P<key>title|description): (?P<value>.+)")


@cache
def queries() -> tuple[Query, ...]:
    """Every canned query, by name; a file opens with ``-- title:`` and ``-- description:``."""
    return tuple(_query(p) for p in sorted((schemas_dir() / "queries").glob("*.sql")))


def _query(path: Path) -> Query:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = {}
    while lines and (m := _HEADER.fullmatch(lines[0])):
        header[m["key"]] = m["value"]
        lines.pop(0)
    return Query(path.stem, header["title"], header["description"], "\n".join(lines).strip())
