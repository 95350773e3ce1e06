"""The systems scored: the pipeline (on the text, and on the HTML page) and two baselines.

Each takes a page and returns the quotations it found (:class:`Found`), with the speaker as
written and the resolved name. The baselines were fixed before any score was seen:

- ``regex``: "a few regular expressions": text between double quotation marks on one line,
  and a speaker from a ``NAME said`` / ``said NAME`` pattern right after the closing mark or
  a ``NAME said:`` right before the opening one (NAME: up to four capitalised words, or a
  pronoun); the name is taken as written.
- ``nearest name``: the same quotations, each given the nearest run of two or more
  capitalised words outside quotation marks, before or after it, as speaker and name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from bench.quotes.gold import Page
from bench.quotes.metrics import Found
from corpus.store import RawFile
from pipeline.checks.evaluate import steps
from pipeline.extract.model import Doc, Quote
from pipeline.extract.registry import Registry

System = Callable[[Page], list[Found]]
CAPTURED = "2019-11-20T00:00:00Z"  # the pages were saved in November 2019

_QUOTE = re.compile(r"[“\"]([^”\"\n]+)[”\"]")
_VERB = r"(?:said|says|told|added|asked|wrote|explained|noted)"
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|[Hh]e|[Ss]he|[Tt]hey)"
_AFTER = re.compile(rf"[\s,]*(?:(?P<a>{_NAME})\s+{_VERB}\b|{_VERB}\s+(?P<b>{_NAME}))")
_BEFORE = re.compile(rf"(?P<c>{_NAME})\s+{_VERB}\b[^.“\"]{{0,40}}[:,]\s*$")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+")
_TAG = re.compile(r"<[^>]*>")


def pipeline_on(media_type: str, registry: Registry) -> System:
    """The pipeline's steps (``pipeline.checks.evaluate.steps``) on the page's text or HTML."""
    run = steps()

    def system(page: Page) -> list[Found]:
        text = page.html if media_type == "text/html" else page.text
        size = len(text.encode())
        raw = RawFile(page.page, "", size, media_type, "utf-8", page.name, CAPTURED)
        doc = Doc(raw, text)
        for step in run:
            doc = step(doc, registry)
        return [_found(doc, q, registry) for q in doc.quotes]

    return system


def _found(doc: Doc, quote: Quote, registry: Registry) -> Found:
    """A pipeline quotation (its markup dropped, on an HTML page), speaker text, resolved name.

    The name is the quote's ``speaker_name`` where the model has one, else the name of its
    speaker entity in the registry, else the speaker text.
    """
    text = doc.text[quote.start : quote.end]
    if doc.raw.media_type == "text/html":
        text = html.unescape(_TAG.sub(" ", text))
    name = getattr(quote, "speaker_name", "")
    entity = registry.gazetteer.entities.get(quote.speaker_entity_id)
    name = name or (entity.name if entity else "") or quote.speaker_text
    span = None if quote.speaker_start is None else (quote.speaker_start, quote.speaker_end or 0)
    return Found(text, quote.speaker_text, name, span)


def regex_baseline(page: Page) -> list[Found]:
    """Double-quoted text on one line, with a ``NAME said`` speaker next to it."""
    found = []
    for m in _QUOTE.finditer(page.text):
        line_start = page.text.rfind("\n", 0, m.start()) + 1
        line_end = len(page.text) if (e := page.text.find("\n", m.end())) < 0 else e
        after = _AFTER.match(page.text, m.end(), line_end)
        before = _BEFORE.search(page.text, line_start, m.start())
        speaker, span = "", None
        if after:
            group = "a" if after["a"] else "b"
            speaker, span = after[group], after.span(group)
        elif before:
            speaker, span = before["c"], before.span("c")
        found.append(Found(m[1], speaker, speaker, span))
    return found


def nearest_name_baseline(page: Page) -> list[Found]:
    """Double-quoted text on one line, given the nearest capitalised name outside quotes."""
    quotes = list(_QUOTE.finditer(page.text))
    outside = _QUOTE.sub(lambda m: " " * len(m[0]), page.text)
    names = list(_CAPITALISED.finditer(outside))
    found = []
    for q in quotes:
        near = min(
            names,
            key=lambda n: max(q.start() - n.end(), n.start() - q.end()),
            default=None,
        )
        speaker = near[0] if near else ""
        found.append(Found(q[1], speaker, speaker, near.span() if near else None))
    return found


def systems(registry_dir: Path, with_html: bool) -> dict[str, tuple[str, System]]:
    """The systems by name, with what they read."""
    registry = Registry(registry_dir)
    chosen: dict[str, tuple[str, System]] = {
        "pipeline": ("text", pipeline_on("text/plain", registry)),
    }
    if with_html:
        chosen["pipeline (HTML page)"] = ("HTML", pipeline_on("text/html", registry))
    chosen["baseline: regex"] = ("text", regex_baseline)
    chosen["baseline: nearest name"] = ("text", nearest_name_baseline)
    return chosen
