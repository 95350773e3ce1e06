"""The Frictionless descriptor of the published tables, with hashes and build provenance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus.store import digests
from corpus.tables import Part
from pipeline.schemas import Table, package


def part(data_dir: Path, path: str) -> Part:
    """The file ``path`` of ``data_dir`` with its size and hashes."""
    found = digests(data_dir / path)
    return Part(path, found.size, found.sha256, found.blake3)


def descriptor(
    tables: tuple[Table, ...],
    files: dict[str, list[Part]],
    build: dict[str, Any],
    identity: dict[str, Any],
) -> dict[str, Any]:
    """The descriptor of ``tables`` written as ``files`` (each table's parts, in order), for
    the project that says it is ``identity`` (``corpus/project.json``: name, title, version,
    licences, ...), with ``schemas/package.json``'s sources.

    A table in one file ``<name>.csv`` has its size and hashes on the resource; a table in
    parts is a multipart resource (``path`` a list) with each part's in ``parts``.
    """
    props = {**identity, **{k: v for k, v in package().items() if k != "resources"}}
    resources = []
    for table in tables:
        found = files[table.name]
        one = len(found) == 1 and found[0].path == f"{table.name}.csv"
        resource: dict[str, Any] = {
            "name": table.name,
            "type": "table",
            "path": found[0].path if one else [p.path for p in found],
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": table.title,
            "description": table.description,
        }
        if one:
            resource.update(_digests(found[0]))
        else:
            resource["parts"] = [{"path": p.path, **_digests(p)} for p in found]
        resources.append({**resource, "schema": table.schema})
    return {**props, "resources": resources, "build": build}


def _digests(found: Part) -> dict[str, Any]:
    return {"bytes": found.bytes, "hash": f"sha256:{found.sha256}", "blake3": found.blake3}


def rebase(desc: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The same descriptor with every resource path under ``prefix`` (for the project root)."""
    return {**desc, "resources": [_rebased(r, prefix) for r in desc["resources"]]}


def _rebased(res: dict[str, Any], prefix: str) -> dict[str, Any]:
    if isinstance(res["path"], str):
        return {**res, "path": f"{prefix}/{res['path']}"}
    return {
        **res,
        "path": [f"{prefix}/{p}" for p in res["path"]],
        "parts": [{**p, "path": f"{prefix}/{p['path']}"} for p in res.get("parts", [])],
    }


def dumps(desc: dict[str, Any]) -> str:
    """Stable JSON: fixed key order as built, two-space indent, UTF-8, final newline."""
    return json.dumps(desc, indent=2, ensure_ascii=False) + "\n"
