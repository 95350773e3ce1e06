"""How a document's cleaned ``text`` is made from its kept segments.

This is part of the data contract: ``verify`` re-derives every ``documents.text`` with
:func:`assemble` and compares, so the rule lives here, next to the loader, not in the build.

A kept span of an HTML capture is raw HTML: what the body keeps of it is what a reader sees,
read by :func:`html_view`. The page is cut into tokens as the HTML standard's tokenizer cuts
it (WHATWG HTML, section 13.2.5; ``tests/test_html_tokens.py`` checks it against html5lib):

- A start or end tag is ``<`` or ``</``, an ASCII letter, then attributes, up to the ``>``
  that is outside every quoted attribute value (``<a title="a > b">`` is one tag). A tag
  that the page never closes runs to the end of the page.
- A comment runs from ``<!--`` to ``-->`` (or ``--!>``; ``<!-->`` and ``<!--->`` are empty);
  ``<!...>``, ``<?...>`` and ``</`` followed by neither a letter nor ``>`` are bogus comments
  to the next ``>`` (so is ``<![CDATA[...]]>`` outside SVG and MathML); ``</>`` is nothing.
- The content of ``script`` (with the standard's ``<!--`` escapes), ``style``, ``xmp``,
  ``iframe``, ``noembed`` and ``noframes`` is raw text up to its end tag, never shown;
  ``title`` and ``textarea`` hold text whose tags are text; everything after
  ``<plaintext>`` is text. ``<noscript>`` holds markup, as for a reader of the capture,
  whose scripts never run (some pages give their article only there).
- Any other ``<`` is a character. Character references (``&ldquo;``, ``&#8220;``,
  ``&uuml``) in text are read as :func:`html.unescape` reads them (the standard's table;
  one difference: a reference to a control character, ``&#1;``, reads as nothing).

What a reader sees is the text, references read, soft hyphens (U+00AD, ``&shy;``) left
out, with every run of whitespace one space; the tags of block elements (``<p>``, ``<br>``,
``<td>``...) separate words as a space.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


def normalise(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces, tabs, newlines) to one space.

    ``str.split()`` splits on exactly what the pattern ``\\s+`` matches in a ``str`` (every
    character for which ``str.isspace()`` holds), in a fifth of the time. Most pieces are
    already normal: printable (so no whitespace but the ASCII space) with single inner
    spaces, which is checked without making a string per word.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def assemble(raw_text: str, kept: Iterable[tuple[int, int, bool]], html: bool = False) -> str:
    """Join kept ``(start, end, joined)`` spans, in order, into the cleaned body.

    Paragraphs are separated by a blank line; a ``joined`` span continues the previous
    paragraph after one space (a sentence the capture split across lines). A span of an
    HTML capture (``html``) gives the text a reader sees there (:func:`html_text`).
    """
    read = html_text if html else normalise
    paragraphs: list[str] = []
    for start, end, joined in kept:
        piece = read(raw_text[start:end])
        if not piece:
            continue
        if joined and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]} {piece}"
        else:
            paragraphs.append(piece)
    return "\n\n".join(paragraphs)


_SPACE = "\t\n\f\r "
_ATTRIBUTE = (  # a name, then "=" and a value, or no "=" at all
    rf"[^{_SPACE}/>][^{_SPACE}/>=]*+"
    rf"(?:[{_SPACE}]*+=[{_SPACE}]*+(?:\"[^\"]*+\"|'[^']*+'|[^{_SPACE}>\"'][^{_SPACE}>]*+|(?=>))"
    rf"|(?![{_SPACE}]*=))"
)
_MARKUP = re.compile(
    rf"<(?P<end>/?)(?P<name>[A-Za-z][^{_SPACE}/>]*+)(?:[{_SPACE}/]++|{_ATTRIBUTE})*+>"
    r"|<!--(?:>|->|.*?(?:--!?>|\Z))"
    r"|<(?:!|\?|/[^A-Za-z>])[^>]*+(?:>|\Z)"
    r"|</>",
    re.S,
)
_OPEN_TAG = re.compile(r"</?[A-Za-z]")  # a tag that, unclosed, runs to the end of the page
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_RAW_TEXT = frozenset({"style", "xmp", "iframe", "noembed", "noframes"})
_RCDATA = frozenset({"title", "textarea"})
_SOFT_HYPHEN = "\xad"  # shown only where a line breaks
_BLOCKS = frozenset(
    re.findall(
        r"\w+",
        "address article aside blockquote body br dd details dialog div dl dt fieldset"
        " figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li main nav"
        " ol p pre section summary table tbody td tfoot th thead title tr ul",
    )
)


@dataclass(frozen=True)
class Token:
    """A stretch ``start:end`` of an HTML page: ``text``, ``plain`` (text whose references
    are not read: after ``<plaintext>``), ``raw`` (script or style content, never shown),
    ``tag`` (``name`` lower-cased, ``end_tag`` for an end tag) or ``other``."""

    kind: str
    start: int
    end: int
    name: str = ""
    end_tag: bool = False


def html_tokens(source: str) -> Iterator[Token]:
    """The tokens of ``source``, in order, tiling it (see the module docstring)."""
    pos, n = 0, len(source)
    while pos < n:
        lt = source.find("<", pos)
        while lt >= 0 and not _MARKUP.match(source, lt) and not _OPEN_TAG.match(source, lt):
            lt = source.find("<", lt + 1)  # a "<" that starts no markup is a character
        if lt < 0:
            yield Token("text", pos, n)
            return
        if lt > pos:
            yield Token("text", pos, lt)
        m = _MARKUP.match(source, lt)
        if m is None:  # a tag never closed: the rest of the page is inside it
            yield Token("other", lt, n)
            return
        pos = m.end()
        if m["name"] is None:
            yield Token("other", lt, pos)
            continue
        name, end_tag = m["name"].lower(), bool(m["end"])
        yield Token("tag", lt, pos, name, end_tag)
        if end_tag:
            continue
        if name == "plaintext":
            if pos < n:
                yield Token("plain", pos, n)
            return
        if name == "script":
            close = _script_end(source, pos)
        elif name in _RAW_TEXT or name in _RCDATA:
            close = _end_tag(source, pos, name)
        else:
            continue
        if close > pos:
            yield Token("text" if name in _RCDATA else "raw", pos, close)
        pos = close


def _end_tag(source: str, pos: int, name: str) -> int:
    """Where the end tag of raw text or RCDATA element ``name`` starts (or the page ends)."""
    pattern = re.compile(rf"</{name}(?=[{_SPACE}/>])", re.I)
    m = pattern.search(source, pos)
    return m.start() if m else len(source)


_SCRIPT_STATES = re.compile(rf"<!--(?:-*>)?|-->|<(/?)script(?=[{_SPACE}/>])", re.I)


def _script_end(source: str, pos: int) -> int:
    """Where a script's end tag starts: outside ``<!-- <script> ... </script>``, which
    the standard reads as text inside the script (its escaped and double-escaped states)."""
    escaped = double = False
    for m in _SCRIPT_STATES.finditer(source, pos):
        token = m.group()
        if token.endswith(">"):  # "-->", or "<!-->" whose dashes close what they open
            escaped = double = False
        elif token == "<!--":
            escaped = True
        elif m[1]:  # </script
            if not double:
                return m.start()
            double = False
        elif escaped:  # <script inside <!--
            double = True
    return len(source)


@dataclass(frozen=True)
class HtmlView:
    """What a reader sees of an HTML page, each character traced to the page.

    ``text`` has every run of whitespace as one space; ``source[starts[i]:ends[i]]`` is
    where character ``i`` comes from: itself, the whole reference it was read from, or the
    first character of the whitespace or block tag it stands for.
    """

    text: str
    starts: list[int]
    ends: list[int]

    def index_at(self, offset: int) -> int:
        """The first character that comes from ``offset`` of the page or later."""
        return bisect_left(self.starts, offset)

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The page's span of characters ``a:b`` (``a < b``): markup inside included."""
        return self.starts[a], self.ends[b - 1]


def html_view(source: str, leading_space: bool = False) -> HtmlView:
    """Read ``source`` as a browser shows it: see the module docstring. Whitespace (or a
    block tag) at the start is dropped unless ``leading_space`` (a piece of a page)."""
    shown = _shown(source, _Shown(not leading_space))
    return HtmlView("".join(shown.out), shown.starts, shown.ends)


def _shown(source: str, shown: _Shown) -> _Shown:
    """``shown`` with what a reader sees of ``source`` written to it."""
    for token in html_tokens(source):
        if token.kind == "tag":
            if token.name in _BLOCKS and not shown.space:
                shown.add(" ", token.start)
            continue
        if token.kind not in ("text", "plain"):
            continue
        pos = token.start
        if token.kind == "text":
            for ref in _REFERENCE.finditer(source, pos, token.end):
                shown.plain(source, pos, ref.start())
                shown.reference(html.unescape(ref.group()), ref.start(), ref.end())
                pos = ref.end()
        shown.plain(source, pos, token.end)
    return shown


_HIDDEN_OR_SPACE = re.compile(r"[\s\xad]+")  # where characters are dropped or made a space


class _Shown:
    """The characters a reader sees, written a stretch of the page at a time, each with the
    span of the page it comes from (unless not ``traced``: the text alone); ``space``: whether
    the last one is a space (or none is)."""

    def __init__(self, space: bool, traced: bool = True) -> None:
        self.out: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.space, self.traced = space, traced

    def add(self, chars: str, start: int) -> None:
        """``chars``, read from ``start`` on one page character each."""
        self.out.append(chars)
        if self.traced:
            self.starts.extend(range(start, start + len(chars)))
            self.ends.extend(range(start + 1, start + len(chars) + 1))
        self.space = chars[-1] == " "

    def plain(self, source: str, pos: int, stop: int) -> None:
        """The characters of ``source[pos:stop]``, each from itself: a soft hyphen left out,
        every run of whitespace one space (none after a space)."""
        piece = source[pos:stop]
        if piece.isspace():  # most often, between two tags
            if not self.space:
                self.add(" ", pos)
            return
        if piece.isprintable() and "  " not in piece:  # no whitespace but single " ", no U+00AD
            if self.space and piece[:1] == " ":
                piece, pos = piece[1:], pos + 1
            if piece:
                self.add(piece, pos)
            return
        for run in _HIDDEN_OR_SPACE.finditer(source, pos, stop):
            if run.start() > pos:
                self.add(source[pos : run.start()], pos)
            blank = next((n for n, c in enumerate(run.group()) if c != _SOFT_HYPHEN), None)
            if blank is not None:
                if not self.space:
                    self.add(" ", run.start() + blank)
                self.space = True
            pos = run.end()
        if stop > pos:
            self.add(source[pos:stop], pos)

    def reference(self, decoded: str, start: int, end: int) -> None:
        """The characters a reference ``start:end`` reads as, each from the whole of it."""
        for c in decoded:
            if c == _SOFT_HYPHEN:
                continue
            if c.isspace():
                if self.space:
                    continue
                c, self.space = " ", True
            else:
                self.space = False
            self.out.append(c)
            if self.traced:
                self.starts.append(start)
                self.ends.append(end)


def html_text(fragment: str) -> str:
    """What a reader sees of an HTML fragment, trimmed: a kept span's text in the body (as
    :func:`html_view` reads it, without tracing each character to the page)."""
    return "".join(_shown(fragment, _Shown(True, traced=False)).out).strip()
