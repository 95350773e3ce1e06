"""The manifest of served files: every published file the descriptor does not hash.

``datapackage.json`` records the size and hashes of every CSV. What the site and the loader
serve besides them — the SQLite database Datasette opens, ``metadata.yml`` (the site's
titles and descriptions), ``croissant.json``, every Parquet copy and the descriptor itself —
is recorded in ``served.json`` beside them, written by the build into its staging directory
before the exchange (and again after an in-place database update).

Rules:

- Listed: every file under the data directory but the CSVs the descriptor hashes,
  ``served.json`` itself, the build's own record of its shards (``parts.json``, not served)
  and SQLite's journal files. Each with its size and BLAKE3.
- A listed file that is missing, or whose size or BLAKE3 differs, is a problem; so is a file
  that should be listed and is not (added after publishing).
- No manifest: a checkout of the committed corpus has none, and nothing built. Built files
  (Parquet, the database) with no manifest are a problem.

The manifest is not committed: Parquet and SQLite bytes depend on this machine's libraries.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import blake3 as _blake3

from corpus.report import Report
from corpus.tables import DESCRIPTOR, parts, read_descriptor

SERVED = "served.json"
UNSERVED = {SERVED, "parts.json"}  # the build's record of its shards is not served
SIDECARS = ("-journal", "-wal", "-shm")
COMMITTED = {DESCRIPTOR, "metadata.yml", "croissant.json"}  # the rest is built
CHECK = "served"

Entry = dict[str, Any]


def file_blake3(path: Path) -> str:
    """BLAKE3 of a file, mapped into memory and hashed on every core (a database can be GBs)."""
    if path.stat().st_size == 0:
        return _blake3.blake3().hexdigest()
    return _blake3.blake3(max_threads=_blake3.blake3.AUTO).update_mmap(path).hexdigest()


def listed(data_dir: Path) -> list[str]:
    """The files of ``data_dir`` a manifest lists (paths relative to it, sorted)."""
    try:
        hashed = {p.path for res in read_descriptor(data_dir)["resources"] for p in parts(res)}
    except (OSError, ValueError, KeyError, TypeError):
        hashed = set()
    names = []
    for directory, _, files in os.walk(data_dir):
        for file in files:
            name = Path(directory, file).relative_to(data_dir).as_posix()
            if name in hashed or name in UNSERVED or name.endswith(SIDECARS):
                continue
            names.append(name)
    return sorted(names)


def manifest(
    data_dir: Path, previous: Path | None = None, rehash: tuple[str, ...] = ()
) -> dict[str, Entry]:
    """Each listed file of ``data_dir`` with its size and BLAKE3.

    A file (but those named in ``rehash``) that is a hard link to the same-named file of
    ``previous`` (a published directory with a manifest) keeps that file's entry unhashed: a
    link is not a new file, and an entry carried over cannot bless a file edited in place
    (it keeps failing until rewritten).
    """
    try:
        before = read(previous) if previous is not None else None
    except ValueError:
        before = None
    files: dict[str, Entry] = {}
    for name in listed(data_dir):
        path = data_dir / name
        stat = path.stat()
        if before and name in before and name not in rehash:
            try:
                old = (previous / name).stat()  # type: ignore[operator]
            except OSError:
                old = None
            if old is not None and (old.st_ino, old.st_dev) == (stat.st_ino, stat.st_dev):
                files[name] = before[name]
                continue
        files[name] = {"bytes": stat.st_size, "blake3": file_blake3(path)}
    return files


def dumps(files: dict[str, Entry]) -> str:
    return json.dumps({"files": files}, indent=1, sort_keys=True) + "\n"


def read(data_dir: Path) -> dict[str, Entry] | None:
    """The manifest's entries; ``None`` when there is none. Raises ``ValueError`` when it
    cannot be read."""
    path = data_dir / SERVED
    if not path.is_file():
        return None
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, UnicodeDecodeError, KeyError, TypeError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read {SERVED}: {e!r}") from None
    if not isinstance(files, dict):
        raise ValueError(f"cannot read {SERVED}: its files are not an object")
    return files


def check(data_dir: Path, names: tuple[str, ...] | None = None) -> Report:
    """Every served file (or only ``names``) against the manifest; a report of each problem."""
    report = Report(CHECK)
    try:
        recorded = read(data_dir)
    except ValueError as e:
        report.add(CHECK, str(e), table=SERVED)
        return report
    present = listed(data_dir)
    if names is not None:
        present = [n for n in present if n in names]
    if recorded is None:
        built = [n for n in present if n not in COMMITTED]
        if built:
            report.add(
                CHECK,
                f"built files but no {SERVED} to check them against "
                f"({', '.join(built[:3])}{', ...' if len(built) > 3 else ''}); run `corpus build`",
                table=SERVED,
            )
        return report
    for name in sorted(set(recorded) if names is None else set(recorded) & set(names)):
        _check_one(report, data_dir, name, recorded[name])
    for name in present:
        if name not in recorded:
            report.add(
                CHECK,
                f"{name} is not in {SERVED} (added after publishing?)",
                table=name,
            )
    return report


def _check_one(report: Report, data_dir: Path, name: str, entry: Entry) -> None:
    path = data_dir / name
    if not path.is_file():
        report.add(
            CHECK, f"{name} is in {SERVED} but missing (deleted?); run `corpus build`", table=name
        )
        return
    report.count("served files")
    size = path.stat().st_size
    found = {"bytes": size, "blake3": file_blake3(path) if size == entry.get("bytes") else None}
    for column in ("bytes", "blake3"):
        if found[column] is not None and found[column] != entry.get(column):
            report.add(
                CHECK,
                f"{name} does not match its {column} in {SERVED} (edited after publishing?)",
                table=name,
                column=column,
                expected=str(entry.get(column)),
                found=str(found[column]),
            )
