"""Raw spans as HTML: a text cut at every annotation's edges, each piece wrapped in its marks.

Pure functions for the document page. Annotations may nest or overlap (a mention inside a
quote, a quote across two paragraphs), so the text is cut into runs that each carry the
annotations covering them, and every run is wrapped on its own: the HTML is always well
nested. :func:`paragraphs` rebuilds the cleaned body exactly as :func:`corpus.text.assemble`
does, so a highlighted page shows ``documents.text`` and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from corpus.text import html_view

_SPACE = re.compile(r"(\s+)")  # the whitespace corpus.text.normalise collapses


@dataclass(frozen=True)
class Mark:
    """An annotation of ``raw[start:end]``: its CSS class, and optionally a link and an id.

    ``layer`` orders nesting (lower is outer); ``anchor`` becomes the ``id`` of the mark's
    first piece, so other parts of the page can link to the span.
    """

    start: int
    end: int
    kind: str
    layer: int = 0
    title: str = ""
    href: str = ""
    anchor: str = ""


Run = tuple[str, tuple[Mark, ...]]


def runs(text: str, start: int, end: int, marks: Sequence[Mark]) -> list[Run]:
    """``text[start:end]`` cut at every edge of ``marks``, each piece with the marks over it."""
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    edges = {start, end}
    for m in inside:
        edges.update((max(m.start, start), min(m.end, end)))
    out: list[Run] = []
    for a, b in pairwise(sorted(edges)):
        over = tuple(sorted((m for m in inside if m.start <= a and m.end >= b), key=_order))
        out.append((text[a:b], over))
    return out


def paragraphs(
    text: str, kept: Iterable[tuple[int, int, bool]], marks: Sequence[Mark], html: bool = False
) -> list[list[Run]]:
    """The cleaned body made from ``kept`` ``(start, end, joined)`` spans, as marked runs.

    Whitespace is collapsed and a ``joined`` span continues the previous paragraph after one
    space, as in :func:`corpus.text.assemble`; the joining space keeps the marks both sides
    share (a quote that runs on stays one highlight). The runs of an HTML capture (``html``)
    are read as a reader sees them (:func:`corpus.text.html_view`); marks start and end on
    shown characters, so no run cuts a tag or a reference.
    """
    out: list[list[Run]] = []
    for start, end, joined in kept:
        cut = runs(text, start, end, marks)
        if html:
            cut = [(html_view(t, leading_space=True).text, m) for t, m in cut]
        piece = _normalised(cut)
        if not piece:
            continue
        if joined and out:
            shared = tuple(m for m in out[-1][-1][1] if m in piece[0][1])
            out[-1].extend([(" ", shared), *piece])
        else:
            out.append(piece)
    return [_merged(p) for p in out]


def render(blocks: Iterable[Sequence[Run]]) -> list[Markup]:
    """Each block of runs as HTML; a mark's ``anchor`` goes on its first piece only."""
    anchored: set[Mark] = set()
    return [Markup("").join(_run(t, m, anchored) for t, m in block) for block in blocks]


def plain(blocks: Iterable[Sequence[Run]]) -> list[str]:
    """The text of each block, marks dropped (what the page must read as)."""
    return ["".join(t for t, _ in block) for block in blocks]


def _order(mark: Mark) -> tuple[int, int, int]:
    return (mark.layer, mark.start, -mark.end)


def _normalised(pieces: list[Run]) -> list[Run]:
    """Runs with whitespace collapsed to single spaces and trimmed at both ends."""
    out: list[Run] = []
    pending: tuple[Mark, ...] | None = None  # marks of a space not yet written
    for piece, marks in pieces:
        for token in _SPACE.split(piece):
            if not token:
                continue
            if _SPACE.fullmatch(token):
                if out and pending is None:
                    pending = marks
                continue
            if pending is not None:
                out.append((" ", pending))
                pending = None
            out.append((token, marks))
    return _merged(out)


def _merged(pieces: list[Run]) -> list[Run]:
    """Neighbouring runs under the same marks joined into one."""
    out: list[Run] = []
    for piece, marks in pieces:
        if out and out[-1][1] == marks:
            out[-1] = (out[-1][0] + piece, marks)
        else:
            out.append((piece, marks))
    return out


def _run(text: str, marks: tuple[Mark, ...], anchored: set[Mark]) -> Markup:
    """One run wrapped in its marks, outermost first; only the innermost link is an ``<a>``."""
    link = next((m for m in reversed(marks) if m.href), None)
    html = escape(text)
    for mark in reversed(marks):
        attrs = [f'class="{escape(mark.kind)}"']
        if mark.title:
            attrs.append(f'title="{escape(mark.title)}"')
        if mark.anchor and mark not in anchored:
            anchored.add(mark)
            attrs.append(f'id="{escape(mark.anchor)}"')
        tag = "a" if mark is link else "span"
        if tag == "a":
            attrs.append(f'href="{escape(mark.href)}"')
        html = Markup(f"<{tag} {' '.join(attrs)}>{html}</{tag}>")
    return html
