"""The Frictionless descriptor of the published tables, with hashes and build provenance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus.store import digests
from pipeline.schemas import Table, package


def descriptor(tables: tuple[Table, ...], data_dir: Path, build: dict[str, Any]) -> dict[str, Any]:
    """The descriptor for ``data_dir``: paths relative to it, each file's size and hashes."""
    props = {k: v for k, v in package().items() if k != "resources"}
    resources = []
    for table in tables:
        found = digests(data_dir / f"{table.name}.csv")
        resources.append(
            {
                "name": table.name,
                "type": "table",
                "path": f"{table.name}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": table.title,
                "description": table.description,
                "bytes": found.size,
                "hash": f"sha256:{found.sha256}",
                "blake3": found.blake3,
                "schema": table.schema,
            }
        )
    return {**props, "resources": resources, "build": build}


def rebase(desc: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The same descriptor with every resource path under ``prefix`` (for the project root)."""
    return {
        **desc,
        "resources": [{**r, "path": f"{prefix}/{r['path']}"} for r in desc["resources"]],
    }


def dumps(desc: dict[str, Any]) -> str:
    """Stable JSON: fixed key order as built, two-space indent, UTF-8, final newline."""
    return json.dumps(desc, indent=2, ensure_ascii=False) + "\n"
