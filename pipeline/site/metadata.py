"""Datasette's ``metadata.yml``, derived from ``schemas/`` so the site and the package agree.

Titles, descriptions, licence and source come from the same files as ``datapackage.json``;
facets, sorting, labels and full-text search from each schema's ``datasette`` block; the
canned queries from ``schemas/queries/*.sql``.
"""

from __future__ import annotations

from typing import Any

import yaml

from pipeline.schemas import Query, Table, package, queries

DATABASE = "corpus"


def metadata(tables: tuple[Table, ...], identity: dict[str, Any]) -> dict[str, Any]:
    """Title, description, licence (the project's ``identity``), source; per table:
    descriptions and options; queries."""
    licence = (identity.get("licenses") or [{}])[0]
    source = package()["sources"][0]
    return {
        "title": identity["title"],
        "description": identity["description"],
        "license": licence.get("name", ""),
        "license_url": licence.get("path", ""),
        "source": source["title"],
        "source_url": source.get("homepage", ""),
        "databases": {
            DATABASE: {
                "description": "Every table of the data package, as published.",
                "tables": {t.name: _table(t) for t in tables},
                "queries": {q.name: _query(q) for q in queries()},
            }
        },
    }


def _table(table: Table) -> dict[str, Any]:
    options = {k: v for k, v in table.datasette.items() if k != "fts"}
    if "fts" in table.datasette:
        options["fts_table"] = f"{table.name}_fts"
    return {
        "title": table.title,
        "description": table.description,
        "columns": {f["name"]: f["description"] for f in table.fields},
        **options,
    }


def _query(query: Query) -> dict[str, Any]:
    """A canned query; visitors see its results first, the SQL is one click away."""
    return {
        "title": query.title,
        "description": query.description,
        "sql": query.sql,
        "hide_sql": True,
    }


def dumps(meta: dict[str, Any]) -> str:
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
