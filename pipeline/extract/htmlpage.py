"""Segments of an HTML capture: trafilatura finds the article, this finds it in the source.

Spans index the raw HTML, like every other span. A paragraph is cut into the runs of
source text it is made of, so that ``corpus.text.assemble`` never sees markup: the runs
after the first are ``joined``. Character references (``&rsquo;``) cannot be kept
verbatim, so they are left out of the kept runs, and the rule says so
(``html-reference-left-out``). Everything outside the located parts is one
``html-unextracted`` segment per gap, so the segments still tile the source.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from corpus.text import normalise
from pipeline.extract.captions import credit_tail
from pipeline.extract.dates import find_dates
from pipeline.extract.model import Segment

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>"
    r"|<[A-Za-z/!?][^>]*>"
    r"|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",
    re.S | re.I,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
_BLOCK_TAGS = frozenset(
    re.findall(
        r"\w+",
        "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2"
        " h3 h4 h5 h6 head header hr html li main nav ol p pre section table tbody td th thead"
        " title tr ul",
    )
)
_LIST_MARK = re.compile(r"^[-*•] ")  # how trafilatura marks a list item
_CELL_SEP = re.compile(r"\s*\|\s*")  # ... and the cells of a table row
_WORD_OR_SPACE = re.compile(r"\S+|(\s+)")
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.S | re.I)


@dataclass
class Visible:
    """The text a reader sees, whitespace collapsed, each character traced to the source.

    ``starts[i]:ends[i]`` is the source span of character ``i``; ``runs[i]`` numbers the
    stretch of verbatim source text it comes from (-1 for a reference or a separator).
    """

    text: str = ""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    runs: list[int] = field(default_factory=list)
    _out: list[str] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, source: str) -> Visible:
        """Read ``source``: drop markup, decode references, collapse whitespace."""
        visible = cls()
        last = 0
        for m in _TOKEN.finditer(source):
            visible._verbatim(source, last, m.start())
            token = m.group()
            if token.startswith("&"):
                for c in html_lib.unescape(token):
                    visible._add(c, m.start(), m.end())
            elif m[1] or _is_block(token):
                visible._add("\n", m.start(), m.end())
            last = m.end()
        visible._verbatim(source, last, len(source))
        visible.text = "".join(visible._out)
        return visible

    def _verbatim(self, source: str, start: int, end: int) -> None:
        """Add ``source[start:end]``, a stretch without markup: run ``end`` (its own number)."""
        for m in _WORD_OR_SPACE.finditer(source, start, end):
            a, b = m.span()
            if m.lastindex:  # whitespace: one space for the run, traced to its first character
                self._add(" ", a, a + 1)
            else:
                self._out.append(m.group())
                self.starts += range(a, b)
                self.ends += range(a + 1, b + 1)
                self.runs += [end] * (b - a)

    def _add(self, char: str, start: int, end: int) -> None:
        """Add one character that is no verbatim source text; whitespace only after a non-space."""
        if char.isspace():
            if not self._out or self._out[-1] == " ":
                return
            char = " "
        self._out.append(char)
        self.starts.append(start)
        self.ends.append(end)
        self.runs.append(-1)

    def index_at(self, offset: int) -> int:
        """The first visible character that comes from ``offset`` or later in the source."""
        return next((i for i, s in enumerate(self.starts) if s >= offset), len(self.text))

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The source span of visible characters ``a:b`` (markup inside included)."""
        return self.starts[a], self.ends[b - 1]

    def pieces(self, a: int, b: int) -> list[tuple[int, int]]:
        """The verbatim source runs of visible characters ``a:b``, trimmed, in order."""
        spans: dict[int, list[int]] = {}
        i = a
        for run, chars in groupby(self.runs[a:b]):
            j = i + len(list(chars))
            if run >= 0:  # verbatim characters, never whitespace
                spans.setdefault(run, [self.starts[i], 0])[1] = self.ends[j - 1]
            i = j
        return [(s, e) for s, e in spans.values()]

    def has_references(self, a: int, b: int) -> bool:
        """Whether characters ``a:b`` include one decoded from a character reference."""
        return any(self.runs[i] < 0 and self.ends[i] - self.starts[i] > 1 for i in range(a, b))


def span_text(text: str, start: int, end: int, media_type: str) -> str:
    """What a reader sees in ``text[start:end]``: for HTML, markup dropped and references read."""
    if media_type == "text/html":
        return Visible.of(text[start:end]).text.strip()
    return normalise(text[start:end])


def segment(source: str, max_date: str) -> list[Segment]:
    """Segments of an HTML page: article paragraphs kept, metadata located, the rest chrome.

    ``max_date`` (YYYY-MM-DD, the capture's date) keeps trafilatura from taking a date
    from the future, such as a copyright year or an event announcement, for the published one.
    """
    import trafilatura
    from trafilatura.settings import Document

    extracted = trafilatura.bare_extraction(
        source,
        with_metadata=True,
        deduplicate=False,
        include_comments=False,
        date_extraction_params={"max_date": max_date, "original_date": True},
    )
    found = extracted if isinstance(extracted, Document) else None
    visible = Visible.of(source)
    body_tag = source.lower().find("<body")
    body_from = visible.index_at(body_tag) if body_tag >= 0 else 0
    placed: list[Segment] = []
    if found is not None:
        cursor = body_from
        for paragraph in (found.text or "").splitlines():
            at = _paragraph_at(visible, normalise(paragraph), cursor, placed)
            if at is not None:
                placed += _paragraph(visible, *at)
                cursor = at[1]
        meta = [("title", found.title, "html-title"), ("byline", found.author, "html-author")]
        meta += [("section", c, "html-category") for c in found.categories or []]
        meta += [("tag", t, "html-tag") for t in found.tags or []]
        for kind, value, rule in meta:
            from_meta = kind in ("section", "tag")
            span = _locate(source, visible, normalise(value or ""), body_from, placed, from_meta)
            if span:
                placed.append(Segment(*span, kind, False, rule))
        placed += _date(source, found.date or "", placed)
    placed += _captions(source, placed)
    return _fill(source, placed)


def _paragraph_at(
    visible: Visible, paragraph: str, cursor: int, placed: list[Segment]
) -> tuple[int, int] | None:
    """Where trafilatura's ``paragraph`` is in the visible text: after the one before, if it
    can be, else anywhere not yet taken. A list item is looked up without its "- " mark, a
    table row ("| a | b |") as its cells."""
    cells = " ".join(c for c in _CELL_SEP.split(paragraph) if c)
    for needle in dict.fromkeys((paragraph, _LIST_MARK.sub("", paragraph), cells)):
        for start in (cursor, 0):
            at = _find(visible.text, needle, start)
            while at >= 0:
                if _free(placed, *visible.span(at, at + len(needle))):
                    return at, at + len(needle)
                at = _find(visible.text, needle, at + 1)
    return None


def _paragraph(visible: Visible, a: int, b: int) -> list[Segment]:
    """Kept segments for one paragraph: its verbatim runs, the later ones joined."""
    pieces = visible.pieces(a, b)
    if visible.has_references(a, b):
        rule = "html-reference-left-out"
    else:
        rule = "html-paragraph" if len(pieces) == 1 else "html-inline-markup"
    return [Segment(s, e, "body", True, rule, joined=k > 0) for k, (s, e) in enumerate(pieces)]


def _locate(
    source: str, visible: Visible, value: str, body_from: int, placed: list[Segment], meta: bool
) -> tuple[int, int] | None:
    """A free span showing ``value``: visible text (body first, then head) or an attribute.

    Values trafilatura reads from ``<meta>`` (``meta=True``: sections, tags) are looked up as
    a quoted attribute value first, so that a menu item of the same name is not taken.
    """
    if not value:
        return None
    searches = [_in_visible(visible, value, body_from), _in_visible(visible, value, 0)]
    searches.insert(0 if meta else 2, _in_attribute(source, value))
    for spans in searches:
        span = next((sp for sp in spans if _free(placed, *sp)), None)
        if span:
            return span
    return None


def _in_visible(visible: Visible, value: str, start: int) -> Iterator[tuple[int, int]]:
    at = _find(visible.text, value, start)
    while at >= 0:
        yield visible.span(at, at + len(value))
        at = _find(visible.text, value, at + 1)


def _in_attribute(source: str, value: str) -> Iterator[tuple[int, int]]:
    for literal in dict.fromkeys((value, html_lib.escape(value))):
        for quote in "\"'":
            at = source.find(f"{quote}{literal}{quote}")
            while at >= 0:
                yield at + 1, at + 1 + len(literal)
                at = source.find(f"{quote}{literal}{quote}", at + 1)


def _date(source: str, day: str, placed: list[Segment]) -> list[Segment]:
    """The most precise printed form of trafilatura's date ``day`` (YYYY-MM-DD), if any."""
    matches = [d for d in find_dates(source) if d.iso[:10] == day and _free(placed, d.start, d.end)]
    if not matches:
        return []
    best = min(matches, key=lambda d: (-len(d.iso), d.start))
    return [Segment(best.start, best.end, "date", False, "html-date")]


def _captions(source: str, placed: list[Segment]) -> list[Segment]:
    """Each ``<figcaption>``'s content, trimmed, as a caption (and credit) segment."""
    captions = []
    for m in _FIGCAPTION.finditer(source):
        inner = m[1]
        start = m.start(1) + len(inner) - len(inner.lstrip())
        end = m.start(1) + len(inner.rstrip())
        if end <= start or not _free(placed, start, end):
            continue
        credit = credit_tail(source, start, end)
        if credit is None:
            captions.append(Segment(start, end, "caption", False, "html-figcaption"))
        else:
            caption_end = start + len(source[start:credit].rstrip())
            captions.append(Segment(start, caption_end, "caption", False, "html-figcaption"))
            captions.append(Segment(credit, end, "credit", False, "html-figcaption"))
    return captions


def _fill(source: str, placed: list[Segment]) -> list[Segment]:
    """``placed`` in order, with every gap that holds non-whitespace as a chrome segment."""
    out: list[Segment] = []
    pos = 0
    for seg in [*sorted(placed, key=lambda s: s.start), None]:
        stop = seg.start if seg else len(source)
        gap = source[pos:stop]
        if gap.strip():
            start = pos + len(gap) - len(gap.lstrip())
            out.append(
                Segment(start, pos + len(gap.rstrip()), "boilerplate", False, "html-unextracted")
            )
        if seg:
            out.append(seg)
            pos = seg.end
    return out


def _find(text: str, needle: str, start: int) -> int:
    return text.find(needle, start) if needle else -1


def _free(placed: list[Segment], start: int, end: int) -> bool:
    return all(end <= s.start or s.end <= start for s in placed)


def _is_block(tag: str) -> bool:
    name = _TAG_NAME.match(tag)
    return name is not None and name[1].lower() in _BLOCK_TAGS
