"""Where captures came from: a source given for one capture, or a sidecar CSV for many.

A sidecar is a CSV file with a header row: ``path`` (required: the capture, relative to the
sidecar's folder) and any of ``source_url``, ``captured_at`` and ``rights``; an empty cell says
nothing; a row with more cells than the header is refused (``© TASS, 2023`` unquoted would
lose ``2023``). A capture time is ISO 8601 with a time zone (``2024-03-01T09:30:00+03:30``,
or ``Z``) and is recorded in UTC (``2024-03-01T06:00:00Z``).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path

COLUMNS = ("path", "source_url", "captured_at", "rights")


@dataclass(frozen=True)
class Source:
    """What is known of where a capture came from; ``""`` when nothing is."""

    source_url: str = ""
    captured_at: str = ""
    rights: str = ""

    def over(self, other: Source) -> Source:
        """This source, with ``other``'s values where this one says nothing."""
        return replace(other, **{f.name: v for f in fields(self) if (v := getattr(self, f.name))})


def utc(text: str) -> str:
    """An ISO 8601 time with a time zone, in UTC to the second: ``ValueError`` otherwise."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not an ISO 8601 time: {text!r} (say 2024-03-01T09:30:00Z)") from None
    if when.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone: add Z (UTC) or an offset such as +03:30")
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Entry:
    """A capture a sidecar names: where the file is, the path as written, its source."""

    file: Path
    given: str
    source: Source


def read(path: Path) -> tuple[list[Entry], list[str]]:
    """The entries of the sidecar at ``path``, and every problem in it (one line each)."""
    problems: list[str] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            if "path" not in header or (extra := set(header) - set(COLUMNS)):
                unknown = ", ".join(sorted(extra)) if "path" in header else "no path column"
                return [], [
                    f"{path}: the columns are path, source_url, captured_at, rights ({unknown})"
                ]
            entries = [e for row in reader if (e := _entry(path, reader.line_num, row, problems))]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        return [], [f"{path}: {getattr(e, 'strerror', None) or e}"]
    return entries, problems


def _entry(sidecar: Path, line: int, row: dict[str, str], problems: list[str]) -> Entry | None:
    if None in row:  # cells past the header's: a value with an unquoted comma, cut apart
        problems.append(f"{sidecar}: line {line}: more cells than columns (quote a comma)")
        return None
    given = (row.get("path") or "").strip()
    if not given:
        problems.append(f"{sidecar}: line {line}: no path")
        return None
    captured = (row.get("captured_at") or "").strip()
    try:
        captured = utc(captured) if captured else ""
    except ValueError as e:
        problems.append(f"{sidecar}: line {line}: captured_at: {e}")
        return None
    source = Source((row.get("source_url") or "").strip(), captured, (row.get("rights") or ""))
    file = Path(os.path.normpath(sidecar.parent / given))
    return Entry(file, given, source)
