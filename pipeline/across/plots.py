"""Plots drawn here as SVG text (no network, no plotting library): reports over time per
outlet, and the graph of outlets and the sources they cite.

Both are pure functions of rows to a string; every label is escaped, every mark has a
``<title>`` (the browser's tooltip) and, where given, a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

WIDTH = 900
ROW = 28
LEFT = 190
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Point:
    """One report on the timeline."""

    lane: str  # the outlet
    when: str  # ISO 8601, day at least
    label: str
    href: str = ""


def timeline(points: Sequence[Point], title: str) -> str:
    """Reports as dots, one lane per outlet, time left to right (reports with no date are
    left out and counted in the caption)."""
    dated = [(p, _instant(p.when)) for p in points]
    shown = [(p, t) for p, t in dated if t is not None]
    lanes = sorted({p.lane for p, _ in shown})
    height = 60 + ROW * max(len(lanes), 1)
    out = [_open(height, title)]
    if not shown:
        out.append(f'<text x="10" y="40" {FONT}>No dated report.</text></svg>')
        return "".join(out)
    lo, hi = min(t for _, t in shown), max(t for _, t in shown)
    span = (hi - lo) or 1.0
    x = lambda t: LEFT + 20 + (WIDTH - LEFT - 60) * (t - lo) / span  # noqa: E731
    for i, lane in enumerate(lanes):
        y = 30 + ROW * i + ROW / 2
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" {FONT}>{escape(lane)}</text>'
        )
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - 20}" y2="{y}" stroke="#ddd"/>')
    for p, t in shown:
        y = 30 + ROW * lanes.index(p.lane) + ROW / 2
        dot = (
            f'<circle cx="{x(t):.1f}" cy="{y}" r="6" fill="#2a6fb0" fill-opacity="0.75">'
            f"<title>{escape(p.when)}: {escape(p.label)}</title></circle>"
        )
        out.append(f'<a href="{escape(p.href)}">{dot}</a>' if p.href else dot)
    axis_y = 30 + ROW * len(lanes) + 18
    first, last = min(p.when for p, _ in shown), max(p.when for p, _ in shown)
    out.append(f'<text x="{LEFT + 20}" y="{axis_y}" {FONT}>{escape(first[:16])}</text>')
    out.append(
        f'<text x="{WIDTH - 40}" y="{axis_y}" text-anchor="end" {FONT}>{escape(last[:16])}</text>'
    )
    missing = len(points) - len(shown)
    if missing:
        note = f"{missing} report{'s' if missing > 1 else ''} with no date not shown"
        out.append(f'<text x="10" y="{axis_y}" {FONT} fill="#777">{note}</text>')
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class Edge:
    """An outlet citing a source ``count`` times."""

    outlet: str
    source: str
    count: int
    href: str = ""


def graph(edges: Sequence[Edge], title: str) -> str:
    """Outlets on the left, sources on the right, one line per edge, thicker with its count."""
    outlets = sorted({e.outlet for e in edges})
    sources = sorted({e.source for e in edges})
    height = 50 + ROW * max(len(outlets), len(sources), 1)
    out = [_open(height, title)]
    if not edges:
        out.append(f'<text x="10" y="40" {FONT}>No citation.</text></svg>')
        return "".join(out)
    left, right = LEFT, WIDTH - 300
    ys = lambda names, n: 36 + ROW * names.index(n)  # noqa: E731
    for e in edges:
        y1, y2 = ys(outlets, e.outlet), ys(sources, e.source)
        line = (
            f'<line x1="{left}" y1="{y1}" x2="{right}" y2="{y2}" stroke="#c0392b" '
            f'stroke-opacity="0.6" stroke-width="{1 + 2 * min(e.count, 5)}">'
            f"<title>{escape(e.outlet)} cites {escape(e.source)}: {e.count}</title></line>"
        )
        out.append(f'<a href="{escape(e.href)}">{line}</a>' if e.href else line)
    for name in outlets:
        y = ys(outlets, name)
        out.append(f'<circle cx="{left}" cy="{y}" r="5" fill="#2a6fb0"/>')
        out.append(
            f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" {FONT}>{escape(name)}</text>'
        )
    for name in sources:
        y = ys(sources, name)
        out.append(f'<circle cx="{right}" cy="{y}" r="5" fill="#c0392b"/>')
        out.append(f'<text x="{right + 10}" y="{y + 4}" {FONT}>{escape(name)}</text>')
    out.append(
        f'<text x="{left}" y="18" text-anchor="middle" {FONT} font-weight="bold">outlet</text>'
        f'<text x="{right}" y="18" text-anchor="middle" {FONT} font-weight="bold">source</text>'
    )
    out.append("</svg>")
    return "".join(out)


def _open(height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}"><title>{escape(title)}</title>'
    )


def _instant(when: str) -> float | None:
    """Seconds since the epoch of an ISO 8601 day or time (naive taken as UTC); ``None`` if
    it is not one."""
    try:
        if len(when) == 10:
            return datetime.combine(date.fromisoformat(when), datetime.min.time()).timestamp()
        return datetime.fromisoformat(when).timestamp()
    except ValueError:
        return None
