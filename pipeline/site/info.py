"""``corpus info``: what a published corpus holds, read from its SQLite database and descriptor
(whose identity, name, title and version, is the project's)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from corpus.api import SQLITE_NAME
from corpus.tables import DESCRIPTOR, read_descriptor
from pipeline.project import Project, ProjectError


def info(project: Project) -> dict[str, Any]:
    """Row counts, the documents' date range, the outlets, and when and how it was built."""
    db_path = project.data_dir / SQLITE_NAME
    if not db_path.is_file():
        raise ProjectError(f"{project.root}: nothing is published yet; run `corpus build`")
    desc = read_descriptor(project.data_dir)
    build = desc.get("build", {})
    built = (project.data_dir / DESCRIPTOR).stat().st_mtime
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        tables = {
            name: db.execute(f"select count(*) from [{name}]").fetchone()[0]
            for name in (r["name"] for r in desc["resources"])
        }
        first, last, undated = db.execute(_DATES).fetchone()
        outlets = [{"outlet_id": o, "name": n, "documents": c} for o, n, c in db.execute(_OUTLETS)]
    return {
        "root": str(project.root),
        "name": desc["name"],
        "title": desc.get("title", ""),
        "version": desc.get("version", ""),
        "last_build": datetime.fromtimestamp(built, UTC).isoformat(timespec="seconds"),
        "pipeline_version": build.get("pipeline_version", ""),
        "fingerprint": build.get("fingerprint", ""),
        "documents": tables.get("documents", 0),
        "published": {"first": first, "last": last, "undated": undated},
        "outlets": outlets,
        "tables": tables,
    }


_DATES = """
select min(nullif(published, '')), max(nullif(published, '')),
  sum(coalesce(published, '') = '')
from documents
"""
_OUTLETS = """
select d.outlet_id, coalesce(o.name, ''), count(*) from documents as d
left join outlets as o on o.outlet_id = d.outlet_id
group by d.outlet_id order by count(*) desc, d.outlet_id
"""


def lines(facts: dict[str, Any]) -> list[str]:
    """The facts as a person reads them."""
    pub = facts["published"]
    dated = f"published {pub['first']} to {pub['last']}" if pub["first"] else "no dates"
    outlets = ", ".join(
        f"{o['name'] or o['outlet_id'] or '(unrecognised)'} {o['documents']}"
        for o in facts["outlets"]
    )
    return [
        f"corpus      {facts['title']} ({facts['name']} {facts['version']}) at {facts['root']}",
        f"last build  {facts['last_build']} (pipeline {facts['pipeline_version']}, "
        f"fingerprint {facts['fingerprint'][:12]})",
        f"documents   {facts['documents']}, {dated}"
        + (f", {pub['undated']} undated" if pub["undated"] else ""),
        f"outlets     {len(facts['outlets'])}: {outlets}",
        "tables      " + ", ".join(f"{name} {n}" for name, n in facts["tables"].items()),
    ]
