"""``corpus release VERSION``: give the corpus a new version and say what changed since the last.

A release sets ``version`` in ``corpus/project.json``, builds (so every published file
carries it), compares the tables with those published before (:mod:`pipeline.publish.diff`) and
puts a changelog entry at the top of ``CHANGELOG.md`` at the project root: the version, the
date (``SOURCE_DATE_EPOCH`` when set, else today, in UTC), the documents added, removed and
changed, and the rows per table. The tables published before are copied aside first, so
the comparison is with exactly what the release replaces.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.tables import DESCRIPTOR, parts, read_descriptor
from pipeline import project as projects
from pipeline.project import Project, ProjectError
from pipeline.publish.diff import Changes, Version, diff, open_version

CHANGELOG = "CHANGELOG.md"
HEADING = "# Changelog\n"


def release(project: Project, version: str, build: Any) -> Changes:
    """Release ``project`` as ``version``, building with ``build(project)``; the changes."""
    who = project.identity()
    log = project.root / CHANGELOG
    if log.is_file() and f"\n## {version} (" in log.read_text(encoding="utf-8"):
        raise ProjectError(f"{log}: version {version} is released already")
    released = {**who, "version": version}
    if problems := projects.check_identity(released):
        raise ProjectError(f"version {version!r}: {'; '.join(problems)}")
    with tempfile.TemporaryDirectory() as tmp:
        before = _copy_published(project.data_dir, Path(tmp))
        project.identity_path.write_text(projects.dumps(released), encoding="utf-8")
        build(project)
        old = before or Version("", {"resources": []}, lambda _: "")
        changes = diff(old, open_version(str(project.data_dir), project.root, ""))
    changes.old = who["version"] if before else "nothing published"
    changes.new = version
    _write_entry(log, entry(version, changes))
    return changes


def entry(version: str, changes: Changes) -> str:
    """A changelog entry: heading with the date, documents by id, rows per table."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    lines = [f"## {version} ({now.date().isoformat()})", "", f"Since {changes.old}:", ""]
    for kind in ("added", "removed", "changed"):
        ids = [k[0] for k in getattr(changes.documents, kind)]
        lines.append(f"- documents {kind}: {len(ids)}" + (f" ({', '.join(ids)})" if ids else ""))
    rows = [
        f"{name} +{len(c.added)} -{len(c.removed)} ~{len(c.changed)}"
        for name, c in changes.tables.items()
        if c.added or c.removed or c.changed
    ]
    lines.append("- rows: " + (", ".join(rows) if rows else "none changed"))
    return "\n".join(lines) + "\n"


def _copy_published(data: Path, to: Path) -> Version | None:
    """A copy of the published descriptor and CSVs in ``to``; ``None`` if none is published."""
    if not (data / DESCRIPTOR).is_file():
        return None
    shutil.copyfile(data / DESCRIPTOR, to / DESCRIPTOR)
    for res in read_descriptor(data)["resources"]:
        for part in parts(res):
            (to / part.path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(data / part.path, to / part.path)
    return open_version(str(to), to, "")


def _write_entry(path: Path, text: str) -> None:
    """Put ``text`` first under the heading of ``path`` (made if missing)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else HEADING
    rest = old.removeprefix(HEADING).lstrip("\n")
    path.write_text(f"{HEADING}\n{text}" + (f"\n{rest}" if rest else ""), encoding="utf-8")
