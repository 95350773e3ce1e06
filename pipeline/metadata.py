"""Datasette's ``metadata.yml``, derived from ``schemas/`` so the site and the package agree."""

from __future__ import annotations

from typing import Any

import yaml

from pipeline.schemas import Table, package

DATABASE = "corpus"


def metadata(tables: tuple[Table, ...]) -> dict[str, Any]:
    """Title, description, licence, source, and per table: descriptions, facets, FTS."""
    pkg = package()
    licence, source = pkg["licenses"][0], pkg["sources"][0]
    return {
        "title": pkg["title"],
        "description": pkg["description"],
        "license": licence["name"],
        "license_url": licence["path"],
        "source": source["title"],
        "source_url": source.get("homepage", ""),
        "databases": {
            DATABASE: {
                "description": "Every table of the data package, as published.",
                "tables": {t.name: _table(t) for t in tables},
            }
        },
    }


def _table(table: Table) -> dict[str, Any]:
    options = {k: v for k, v in table.datasette.items() if k != "fts"}
    if "fts" in table.datasette:
        options["fts_table"] = f"{table.name}_fts"
        options["searchmode"] = "raw"
    return {
        "title": table.title,
        "description": table.description,
        "columns": {f["name"]: f["description"] for f in table.fields},
        **options,
    }


def dumps(meta: dict[str, Any]) -> str:
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
