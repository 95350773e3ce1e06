"""The curated news outlets (``outlets.csv``) and the markers that name them on a page.

A marker is a literal string a page shows when the outlet publishes it: its name, an
abbreviation used in datelines ("(IMNA)"), a tagline, a Telegram handle or a domain.
Which occurrence counts as evidence of the publisher is decided in :mod:`pipeline.extract.fields`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
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
            if not m.text:
                raise ValueError(f"{MARKERS_CSV}: a marker of {m.outlet_id!r} is empty")
            if m.kind not in MARKER_KINDS:
                raise ValueError(f"{MARKERS_CSV}: kind {m.kind!r} is not one of {MARKER_KINDS}")
        return cls(outlets, markers)

    def get(self, outlet_id: str) -> Outlet | None:
        """The outlet ``outlet_id``, or ``None``."""
        return next((o for o in self.outlets if o.outlet_id == outlet_id), None)

    @cached_property
    def _ordered(self) -> tuple[Marker, ...]:
        # Longest first, so that "The Associated Press" wins over "Associated Press".
        return tuple(sorted(self.markers, key=lambda m: (-len(m.text), m.text)))

    @cached_property
    def _any(self) -> re.Pattern[str]:
        """Any marker's text: where none occurs, no marker does (most lines of a page)."""
        return re.compile("|".join(re.escape(m.text) for m in self._ordered) or "(?!)")

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Every marker occurrence in ``text[start:end]``, longest wins an overlap, in order.

        Linear in the text and the hits: a character taken by a hit is marked in a byte map,
        so testing an occurrence against every earlier hit is one scan of its own span.
        """
        stop = len(text) if end is None else end
        hits: list[Hit] = []
        if not self._any.search(text, start, stop):
            return hits
        taken = bytearray(stop - start)
        for marker in self._ordered:
            for s, e in _occurrences(text, marker, start, stop):
                if taken.find(1, s - start, e - start) < 0:
                    hits.append(Hit(s, e, marker))
                    taken[s - start : e - start] = b"\x01" * (e - s)
        return sorted(hits, key=lambda h: (h.start, h.end))


def _occurrences(text: str, marker: Marker, start: int, stop: int) -> Iterator[tuple[int, int]]:
    """Non-overlapping spans of the marker as a whole word (a domain may follow a dot).

    Case-sensitive, left to right, as ``re.finditer`` would find them, with ``str.find``: a
    character before ``start`` counts, one at or after ``stop`` does not.
    """
    needle, joins = marker.text, "_-" if marker.kind == "domain" else "_"
    at = text.find(needle, start, stop)
    while at >= 0:
        after = at + len(needle)
        if (at > 0 and _joins(text[at - 1], joins)) or (
            after < stop and _joins(text[after], joins)
        ):
            at = text.find(needle, at + 1, stop)
        else:
            yield at, after
            at = text.find(needle, after, stop)


def _joins(char: str, joins: str) -> bool:
    """Whether ``char`` continues a word: ``\\w`` (with ``-`` too for a domain)."""
    return char.isalnum() or char in joins


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
