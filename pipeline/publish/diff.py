"""``corpus diff OLD NEW``: what changed between two published versions of a corpus.

A version is a directory (a project root, or a data directory holding ``datapackage.json``)
or a git revision of the repository the project is in (its published CSVs as committed
then). Rows are compared as published, in CSV, by primary key: a key in NEW only is
*added*, in OLD only *removed* (a table one version lacks has every row of the other added or
removed), in both with another value anywhere *changed*. A document
is added or removed with its ``documents`` row, and changed when any row that belongs to it
(its ``doc_id``, its raw file's ``blake3``, or a foreign key into ``documents``: the report
of an event or of a quotation link) was added, removed or changed while it stayed.

A part of a table recorded with the same path and SHA-256 in both versions holds the same
rows, so it is not read: a diff after one new capture reads the parts that changed.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from corpus.tables import DESCRIPTOR, parts

Key = tuple[str, ...]
KINDS = ("added", "removed", "changed")


class VersionError(Exception):
    """A version that cannot be read, said in one line."""


@dataclass(frozen=True)
class Version:
    """A published corpus to compare: its descriptor and a reader of its files' text."""

    label: str
    descriptor: dict[str, Any]
    read: Callable[[str], str]  # a path of the data directory -> the file's text


@dataclass
class TableChanges:
    added: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    changed: list[Key] = field(default_factory=list)


@dataclass
class Changes:
    """Rows added, removed and changed per table; documents added, removed and changed."""

    old: str
    new: str
    tables: dict[str, TableChanges]
    documents: TableChanges

    def to_dict(self) -> dict[str, Any]:
        def keys(c: TableChanges) -> dict[str, list[str]]:
            return {
                k: ["/".join(x) for x in getattr(c, k)] for k in ("added", "removed", "changed")
            }

        return {
            "old": self.old,
            "new": self.new,
            "documents": keys(self.documents),
            "tables": {name: keys(c) for name, c in self.tables.items()},
        }

    def lines(self) -> list[str]:
        """The changes as a person reads them: documents by id, then counts per table."""
        d = self.documents
        out = [f"{self.old} -> {self.new}"]
        for kind in KINDS:
            ids = [k[0] for k in getattr(d, kind)]
            out.append(f"documents {kind:<8} {len(ids)}" + (f": {', '.join(ids)}" if ids else ""))
        width = max((len(name) for name in self.tables), default=0)
        for name, c in self.tables.items():
            counts = f"+{len(c.added)} -{len(c.removed)} ~{len(c.changed)}"
            out.append(f"{name:<{width}}  {counts}")
        return out


def open_version(spec: str, repo: Path, data_path: str) -> Version:
    """The version ``spec``: a directory, else a git revision of the repository at ``repo``
    whose published data directory is ``data_path`` (relative to the repository)."""
    path = Path(spec)
    if path.is_dir():
        data = path if (path / DESCRIPTOR).is_file() else path / "corpus" / "data"
        if not (data / DESCRIPTOR).is_file():
            raise VersionError(f"{spec}: no {DESCRIPTOR} here or in corpus/data/")
        return Version(
            spec, _json((data / DESCRIPTOR).read_text(encoding="utf-8"), spec), _files(data)
        )
    top = _git(repo, "rev-parse", "--show-toplevel").strip()
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}", spec=spec).strip()
    prefix = (repo / data_path).resolve().relative_to(Path(top).resolve()).as_posix()

    def read(name: str) -> str:
        return _git(Path(top), "show", f"{commit}:{prefix}/{name}", spec=spec)

    return Version(spec, _json(read(DESCRIPTOR), spec), read)


def diff(old: Version, new: Version) -> Changes:
    """Every table's rows compared by key, and the documents they belong to."""
    tables: dict[str, TableChanges] = {}
    touched: set[str] = set()  # documents with a row added, removed or changed
    docs = TableChanges()
    old_res = {r["name"]: r for r in old.descriptor["resources"]}
    new_res = {r["name"]: r for r in new.descriptor["resources"]}
    for name in [*new_res, *(n for n in old_res if n not in new_res)]:
        res = new_res.get(name) or _without_rows(old_res[name])
        before = old_res.get(name) or _without_rows(res)
        same = _recorded(before) & _recorded(res)
        a = _rows(old, before, same)
        b = _rows(new, res, same)
        found = TableChanges(
            added=sorted(b.keys() - a.keys()),
            removed=sorted(a.keys() - b.keys()),
            changed=sorted(k for k in a.keys() & b.keys() if a[k] != b[k]),
        )
        tables[name] = found
        doc = _document_of(res)
        if doc is not None:
            for key in (*found.added, *found.removed, *found.changed):
                touched.add(doc(a.get(key) or b[key]))
        if name == "documents":
            docs.added, docs.removed = found.added, found.removed
    gone = {k[0] for k in (*docs.added, *docs.removed)}
    docs.changed = sorted((d,) for d in touched - gone)
    return Changes(old.label, new.label, tables, docs)


def _without_rows(res: dict[str, Any]) -> dict[str, Any]:
    """``res`` as the version lacking the table has it: no parts, so no rows."""
    return {**res, "path": [], "parts": []}


def _recorded(res: dict[str, Any]) -> set[tuple[str, str | None]]:
    """Each part of a resource as (path, SHA-256): equal pairs hold equal rows."""
    return {(p.path, p.sha256) for p in parts(res)}


def _rows(
    version: Version, res: dict[str, Any], skip: set[tuple[str, str | None]]
) -> dict[Key, dict[str, str]]:
    """The rows of ``res``'s parts not in ``skip``, by primary key, as CSV text."""
    key = res["schema"].get("primaryKey") or [f["name"] for f in res["schema"]["fields"]]
    rows: dict[Key, dict[str, str]] = {}
    for part in parts(res):
        if (part.path, part.sha256) in skip:
            continue
        for row in csv.DictReader(io.StringIO(version.read(part.path), newline="")):
            rows[tuple(row[k] for k in key)] = row
    return rows


def _document_of(res: dict[str, Any]) -> Callable[[dict[str, str]], str] | None:
    """The document a row of ``res`` belongs to: its ``doc_id``, or for a raw file the first
    16 digits of its ``blake3``, or the first foreign key into ``documents`` (a report of an
    event: its ``doc``); ``None`` for a table of the registry and ``events``."""
    names = {f["name"] for f in res["schema"]["fields"]}
    if "doc_id" in names:
        return itemgetter("doc_id")
    if res["schema"].get("primaryKey") == ["blake3"]:
        return lambda row: row["blake3"][:16]
    for fk in res["schema"].get("foreignKeys", []):
        if fk["reference"] == {"resource": "documents", "fields": ["doc_id"]}:
            return itemgetter(fk["fields"][0])
    return None


def _files(data: Path) -> Callable[[str], str]:
    def read(name: str) -> str:
        return (data / name).read_text(encoding="utf-8")

    return read


def _json(text: str, spec: str) -> dict[str, Any]:
    import json

    try:
        return json.loads(text)
    except ValueError as e:
        raise VersionError(f"{spec}: {DESCRIPTOR} is not JSON ({e})") from None


def _git(repo: Path, *args: str, spec: str = "") -> str:
    run = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if run.returncode != 0:
        what = f"{spec}: not a directory, nor a git revision" if spec else str(repo)
        detail = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "not found"
        raise VersionError(f"{what} ({detail})")
    return run.stdout
