"""The curated news outlets (``outlets.csv``) and the markers that name them on a page.

A marker is a literal string a page shows when the outlet publishes it: its name, an
abbreviation used in datelines ("(IMNA)"), a tagline, a Telegram handle or a domain.
Which occurrence counts as evidence of the publisher is decided in :mod:`pipeline.fields`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

OUTLETS_CSV = "outlets.csv"
MARKERS_CSV = "outlet_markers.csv"
MARKER_KINDS = ("name", "abbreviation", "tagline", "telegram", "domain")


@dataclass(frozen=True)
class Outlet:
    """One row of the ``outlets`` table."""

    outlet_id: str
    name: str
    homepage: str
    country: str


@dataclass(frozen=True)
class Marker:
    """A string that names an outlet on a page, and what kind of string it is."""

    outlet_id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Hit:
    """An occurrence of a marker in a text: ``text[start:end] == marker.text``."""

    start: int
    end: int
    marker: Marker


@dataclass(frozen=True)
class Outlets:
    """The outlets of a registry and their markers."""

    outlets: tuple[Outlet, ...]
    markers: tuple[Marker, ...]

    @classmethod
    def load(cls, directory: Path) -> Outlets:
        """Read ``outlets.csv`` and ``outlet_markers.csv`` from ``directory`` (empty if absent)."""
        outlets = tuple(Outlet(**row) for row in _rows(directory / OUTLETS_CSV))
        markers = tuple(Marker(**row) for row in _rows(directory / MARKERS_CSV))
        known = {o.outlet_id for o in outlets}
        for m in markers:
            if m.outlet_id not in known:
                raise ValueError(f"{MARKERS_CSV}: marker {m.text!r} names unknown {m.outlet_id!r}")
            if m.kind not in MARKER_KINDS:
                raise ValueError(f"{MARKERS_CSV}: kind {m.kind!r} is not one of {MARKER_KINDS}")
        return cls(outlets, markers)

    def get(self, outlet_id: str) -> Outlet | None:
        """The outlet ``outlet_id``, or ``None``."""
        return next((o for o in self.outlets if o.outlet_id == outlet_id), None)

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], Marker]]:
        # Longest first, so that "The Associated Press" wins over "Associated Press".
        ordered = sorted(self.markers, key=lambda m: (-len(m.text), m.text))
        return [(_pattern(m), m) for m in ordered]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Every marker occurrence in ``text[start:end]``, longest wins an overlap, in order."""
        stop = len(text) if end is None else end
        hits: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for pattern, marker in self._patterns:
            for m in pattern.finditer(text, start, stop):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    hits.append(Hit(m.start(), m.end(), marker))
                    taken.append((m.start(), m.end()))
        return sorted(hits, key=lambda h: (h.start, h.end))


def _pattern(marker: Marker) -> re.Pattern[str]:
    """Case-sensitive match of the marker as a whole word (a domain may follow a dot)."""
    body = re.escape(marker.text)
    if marker.kind == "domain":
        return re.compile(rf"(?<![\w-]){body}(?![\w-])")
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
