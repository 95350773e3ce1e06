"""Steps that read words see an HTML capture as a reader does; their spans index the raw page.

A step wrapped in :func:`reads_text` is given, for an HTML capture, a copy of the document
whose ``text`` is the page as a browser shows it (:func:`corpus.text.html_view`: markup
dropped, ``&ldquo;`` a quotation mark, ``f&uuml;r`` one word), with every span moved onto
that text. What the step finds there is moved back: a span of shown characters becomes the
raw span from the first one's source to the last one's (markup and whole references
inside), and an ``X_text`` beside an ``X_start``/``X_end`` pair is re-read from the raw
page. What the step left as it was is handed back untouched. A plain-text capture goes to
the step as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from functools import cache, lru_cache, wraps
from typing import Any

from corpus.text import HtmlView, html_view
from pipeline.extract.model import Doc
from pipeline.extract.registry import Registry

Step = Callable[[Doc, Registry], Doc]
_LISTS = ("segments", "evidence", "media", "mentions", "quotes", "citations")


def reads_text(step: Step) -> Step:
    """``step``, run on what a reader sees of an HTML capture (see the module docstring)."""

    @wraps(step)
    def run(doc: Doc, registry: Registry) -> Doc:
        if doc.raw.media_type != "text/html":
            return step(doc, registry)
        view, shown_as = _view(doc.text)
        originals: dict[int, Any] = {}  # id of a record given to the step -> the raw one
        shown = Doc(doc.raw, view.text)
        for name in _LISTS:
            moved = [_shown(view, shown_as, item) for item in getattr(doc, name)]
            originals.update(
                (id(m), item) for m, item in zip(moved, getattr(doc, name), strict=True)
            )
            setattr(shown, name, moved)
        done = step(shown, registry)
        back = Doc(doc.raw, doc.text)
        for name in _LISTS:
            setattr(
                back,
                name,
                [
                    originals.get(id(item))
                    or _moved(item, lambda s, e: _to_raw(view, doc.text, s, e), doc.text)
                    for item in getattr(done, name)
                ],
            )
        return back

    return run


@lru_cache(maxsize=2)  # the steps after one another read the same page
def _view(source: str) -> tuple[HtmlView, dict[Any, Any]]:
    """The page as shown, and the records moved onto it so far (by value: the steps after
    one another are given the same segments, and the mentions one step made)."""
    return html_view(source), {}


def _shown(view: HtmlView, shown_as: dict[Any, Any], item: Any) -> Any:
    """``item`` moved onto ``view``, once per distinct record."""
    moved = shown_as.get(item)
    if moved is None:
        moved = shown_as[item] = _moved(item, lambda s, e: _to_view(view, s, e))
    return moved


def _moved(item: Any, move: Callable[[int, int], tuple[int, int]], text: str | None = None) -> Any:
    """``item`` with its ``start``/``end`` and every ``X_start``/``X_end`` pair moved; with
    ``text``, each ``X_text`` beside a pair re-read from it."""
    changes: dict[str, Any] = {}
    record: type = type(item)
    for start_name, end_name, text_name in _spans(record):
        start, end = getattr(item, start_name), getattr(item, end_name)
        if start is None or end is None:
            continue
        start, end = move(start, end)
        changes[start_name], changes[end_name] = start, end
        if text is not None and text_name:
            changes[text_name] = text[start:end]
    return replace(item, **changes)


@cache
def _spans(record: type) -> tuple[tuple[str, str, str], ...]:
    """The ``X_start``, ``X_end`` and ``X_text`` (``""`` if none, or for the record's own
    span) fields of a record type, its own ``start``/``end`` first."""
    names = {f.name for f in fields(record)}
    prefixes = [n.removesuffix("start") for n in names if n.endswith("_start")]
    return (
        ("start", "end", ""),
        *((f"{p}start", f"{p}end", f"{p}text" if f"{p}text" in names else "") for p in prefixes),
    )


def _to_view(view: HtmlView, start: int, end: int) -> tuple[int, int]:
    """The shown characters that come from ``start:end`` of the page."""
    a = view.index_at(start)
    return a, max(a, view.index_at(end))


def _to_raw(view: HtmlView, source: str, a: int, b: int) -> tuple[int, int]:
    """The page's span of shown characters ``a:b``."""
    if a < b:
        return view.span(a, b)
    at = view.starts[a] if a < len(view.starts) else len(source)
    return at, at
