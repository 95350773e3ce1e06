"""Segments of an HTML capture: trafilatura finds the article, this finds it in the source.

Spans index the raw HTML, like every other span. The page is read as a browser shows it
(:func:`corpus.text.html_view`: markup dropped, character references read), and each of
trafilatura's paragraphs is looked up in that text: as it stands (rule ``html-paragraph``),
else word by word (``html-aligned``: the longest common runs of words, in order, where
trafilatura's text and the page's differ by a word or by spacing). A kept segment is one
span of raw HTML, inline markup and references inside it included; ``documents.text``
keeps what a reader sees there (:func:`corpus.text.assemble` with ``html=True``), so
``f&uuml;r`` is "für" and ``&ldquo;`` a quotation mark. The pieces of one aligned paragraph
after the first are ``joined``. A paragraph that neither finds whole (trafilatura left out
part of what the page shows inside it: ruby readings, a ``<label>``, words split across
inline elements) is kept as its element (``html-element``): the visible text of the
smallest element that shows every word of it the page shows, less what is already kept,
where that adds at most as many words again, or ``ELEMENT_EXTRA``. Everything outside the
located parts is one ``html-unextracted`` segment per gap, so the segments still tile the
source. A paragraph that is trafilatura's title (the headline, which it gives as text too)
is the title, as in a dump, not body.
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from difflib import SequenceMatcher
from functools import cached_property

from corpus.text import HtmlView, html_text, html_tokens, html_view, normalise
from pipeline.extract.captions import credit_tail
from pipeline.extract.dates import find_dates, name_end
from pipeline.extract.model import Segment

_LIST_MARK = re.compile(r"^[-*•](?: |$)")  # how trafilatura marks a list item
_CELL_SEP = re.compile(r"\s*\|\s*")  # ... and the cells of a table row
# A word to align by: a run of non-space characters, or one character of a script written
# without spaces (Chinese, Japanese, Thai...), so that such a paragraph is not one word.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\uffef"
)
_WORD = re.compile(f"[{_UNSPACED}]|[^\\s{_UNSPACED}]+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_TOKEN = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")  # a word an element must show
_MARKUP_CHARS = re.compile(r'[<>"]')
_VOID = frozenset(  # elements with no end tag
    re.findall(r"\w+", "area base br col embed hr img input link meta source track wbr")
)
# Zero-width characters trafilatura drops and a page may keep (U+200C in Persian): words are
# compared without them, and the body keeps them as the page has them.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
ALIGNED_SHARE = 0.5  # a paragraph is placed word by word if this share of its words is found
# Names of one byline stand this close, in characters a reader sees (of the source, for
# names in an attribute or a script).
BYLINE_REACH = 120
# A paragraph is kept as its element only where the element shows at most as many words
# again as the paragraph, or this many: a larger one would bring in the page's chrome.
ELEMENT_EXTRA = 50
# What sets the site's name apart in a <title>: "A - B", "A | B", "A|B", "A :: B", "A » B".
_TITLE_SEP = re.compile(r"\s+[-–—]\s+|\s*\|\s*|\s+(?:::|»|·|•)\s+")
SITE_LETTERS = 3  # a site's name has at least this many letters or digits
WINDOW_WORDS = 400  # how far past the paragraph before it is looked for, at least, in words
# Rules of the date segment placed where trafilatura's date (the page's metadata first:
# ``article:published_time``, ``datePublished``, ``<time datetime>``) is printed or addressed.
HTML_DATE_RULES = ("html-date", "html-date-in-address")
# A piece of a byline that only separates names ("|", ",", "and", "und").
_SEPARATOR = re.compile(r"[\W_]*|(?i:and|und|et|y|e|i|en|og|och|ve|&)")


def span_text(text: str, start: int, end: int, media_type: str) -> str:
    """What a reader sees in ``text[start:end]``: for HTML, markup dropped and references read."""
    if media_type == "text/html":
        return html_text(text[start:end])
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
    view = html_view(source)
    body_tag = source.lower().find("<body")
    body_from = view.index_at(body_tag) if body_tag >= 0 else 0
    placed: list[Segment] = []
    if found is not None:
        words = _Words(view)
        elements = _Elements(source, view)
        cursor = body_from
        headline = normalise(found.title or "").casefold()
        for paragraph in (found.text or "").splitlines():
            if headline and normalise(paragraph).casefold() == headline:
                headline = ""  # the headline trafilatura gives as text is the title, not body
                continue
            spans, rule = _paragraph_at(view, words, normalise(paragraph), cursor, placed)
            if rule == "html-aligned" and elements.loses(paragraph, spans):
                spans, rule = elements.around(paragraph, placed) or spans, "html-element"
            placed += [
                Segment(*view.span(a, b), "body", True, rule, joined=k > 0)
                for k, (a, b) in enumerate(spans)
            ]
            cursor = spans[-1][1] if spans else cursor
        meta = [("title", found.title, "html-title"), ("byline", found.author, "html-author")]
        meta += [("section", c, "html-category") for c in found.categories or []]
        meta += [("tag", t, "html-tag") for t in found.tags or []]
        title = normalise(found.title or "")
        if title and _find(view.text, title, body_from) < 0:  # not printed as a headline
            headline = without_site(title, found.sitename or "", found.hostname or "")
            if headline != title and _locate(source, view, headline, body_from, placed, False):
                meta[0] = ("title", headline, "html-title-without-site")
        element = _title_element(source, body_tag)
        if element:
            site = _without_site_span(source, element, found.sitename or "", found.hostname or "")
            if _names_page(html_text(source[slice(*site)]), title):
                meta.pop(0)  # trafilatura's title is a heading of the site, not the page's
                placed.append(Segment(*site, "title", False, "html-title-element"))
        for kind, value, rule in meta:
            from_meta = kind in ("section", "tag")
            span = _locate(source, view, normalise(value or ""), body_from, placed, from_meta)
            if span is None and kind == "byline":
                span = _byline(source, view, value or "", body_from, placed)
            if span and kind == "byline":  # a date trafilatura read as a name is the date
                span = span[0], name_end(source, *span)
            if span:
                placed.append(Segment(*span, kind, False, rule))
        placed = _date(source, view, found.date or "", placed)
    placed += _captions(source, placed)
    return _fill(source, placed)


class _Words:
    """The words of a page's visible text: where each starts and ends."""

    def __init__(self, view: HtmlView) -> None:
        spans = [m.span() for m in _WORD.finditer(view.text)]
        self.text = [_ZERO_WIDTH.sub("", view.text[a:b]) for a, b in spans]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def at(self, offset: int) -> int:
        """The first word that starts at ``offset`` of the visible text or later."""
        return bisect_left(self.starts, offset)

    @cached_property
    def _trigrams(self) -> dict[tuple[str, ...], list[int]]:
        found: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(self.text) - 2):
            found.setdefault(tuple(self.text[i : i + 3]), []).append(i)
        return found

    def anchor(self, wanted: list[str]) -> int | None:
        """The word where ``wanted`` starts, by the most of its three-word runs, if any."""
        votes = Counter(
            at - k
            for k in range(len(wanted) - 2)
            for at in self._trigrams.get(tuple(wanted[k : k + 3]), ())
        )
        return max(0, votes.most_common(1)[0][0] - 2) if votes else None


class _Elements:
    """The elements of a page (start tag to end tag), to find the one around a paragraph."""

    def __init__(self, source: str, view: HtmlView) -> None:
        self.source, self.view = source, view

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Each element's span of the page, smallest first. An end tag closes the elements
        opened since its start tag; an element never closed ends with the page."""
        spans: list[tuple[int, int]] = []
        opened: list[tuple[str, int]] = []
        for token in html_tokens(self.source):
            if token.kind != "tag" or token.name in _VOID:
                continue
            if not token.end_tag:
                opened.append((token.name, token.start))
            elif any(name == token.name for name, _ in opened):
                while opened:
                    name, start = opened.pop()
                    spans.append((start, token.end))
                    if name == token.name:
                        break
        spans += [(start, len(self.source)) for _, start in opened]
        return sorted(spans, key=lambda sp: sp[1] - sp[0])

    @cached_property
    def _tokens(self) -> tuple[list[str], list[int]]:
        """The page's words (letters and digits, casefolded) and where each starts in it."""
        found = list(_TOKEN.finditer(self.view.text))
        return [m[0].casefold() for m in found], [self.view.starts[m.start()] for m in found]

    def _wanted(self, paragraph: str) -> Counter[str]:
        """The words of ``paragraph`` that the page shows."""
        return Counter(t.casefold() for t in _TOKEN.findall(paragraph)) & self._counts

    def loses(self, paragraph: str, spans: list[tuple[int, int]]) -> bool:
        """Whether ``spans`` of the visible text leave out a word of ``paragraph`` that the
        page shows."""
        text = self.view.text
        shown = Counter(t.casefold() for a, b in spans for t in _TOKEN.findall(text, a, b))
        return bool(self._wanted(paragraph) - shown)

    def around(self, paragraph: str, placed: list[Segment]) -> list[tuple[int, int]]:
        """The visible text of the smallest element that shows every word of ``paragraph``
        that the page shows, less what is already ``placed``: spans of the visible text."""
        tokens, at = self._tokens
        wanted = self._wanted(paragraph)
        if not wanted:
            return []
        rarest = min(wanted, key=self._counts.__getitem__)
        where = [at[i] for i, t in enumerate(tokens) if t == rarest]
        for start, end in self.spans:
            a, b = bisect_left(at, start), bisect_left(at, end)
            k = bisect_left(where, start)
            if (
                b - a >= wanted.total()
                and k < len(where)
                and where[k] < end
                and not wanted - Counter(tokens[a:b])
            ):
                spans = self._free_text(start, end, placed)
                shown = sum(len(_TOKEN.findall(self.view.text, i, j)) for i, j in spans)
                extra = shown - wanted.total()
                return spans if extra <= max(wanted.total(), ELEMENT_EXTRA) else []
        return []

    @cached_property
    def _counts(self) -> Counter[str]:
        return Counter(self._tokens[0])

    def _free_text(self, start: int, end: int, placed: list[Segment]) -> list[tuple[int, int]]:
        """The stretches of visible text in ``start:end`` of the page outside ``placed``."""
        view, out = self.view, []
        taken = sorted((s.start, s.end) for s in placed if s.start < end and start < s.end)
        for a, b in zip(
            [start, *(e for _, e in taken)], [*(s for s, _ in taken), end], strict=True
        ):
            i, j = view.index_at(a), view.index_at(b)
            while i < j and view.text[i] == " ":
                i += 1
            while j > i and view.text[j - 1] == " ":
                j -= 1
            if _LETTER_OR_DIGIT.search(view.text, i, j):
                out.append((i, j))
        return out


def _paragraph_at(
    view: HtmlView, words: _Words, paragraph: str, cursor: int, placed: list[Segment]
) -> tuple[list[tuple[int, int]], str]:
    """Where trafilatura's ``paragraph`` is in the visible text, and the rule that found it.

    As it stands first: after the paragraph before, if it can be, else anywhere not yet
    taken; a list item is looked up without its "- " mark, a table row ("| a | b |") as
    its cells. Else word by word, from the paragraph before on.
    """
    if not _LETTER_OR_DIGIT.search(paragraph):
        return [], ""  # an empty list item ("-"): nothing a reader would miss
    cells = " ".join(c for c in _CELL_SEP.split(paragraph) if c)
    needles = list(dict.fromkeys((paragraph, _LIST_MARK.sub("", paragraph), cells)))
    for needle in needles:
        for start in (cursor, 0):
            at = _find(view.text, needle, start)
            while at >= 0:
                if _free(placed, *view.span(at, at + len(needle))):
                    return [(at, at + len(needle))], "html-paragraph"
                at = _find(view.text, needle, at + 1)
    wanted = _WORD.findall(_ZERO_WIDTH.sub("", needles[-1]))
    return _aligned(view, words, wanted, cursor, placed), "html-aligned"


def _aligned(
    view: HtmlView, words: _Words, wanted: list[str], cursor: int, placed: list[Segment]
) -> list[tuple[int, int]]:
    """The runs of the page's words that match ``wanted`` in order (difflib's longest
    common blocks of two words or more), none unless they hold ``ALIGNED_SHARE`` of it:
    looked for from ``cursor`` on, else where most of its three-word runs stand (a
    paragraph trafilatura gives out of the page's order)."""
    if not wanted:
        return []
    span = max(WINDOW_WORDS, 4 * len(wanted))
    for first in dict.fromkeys((words.at(cursor), words.anchor(wanted))):
        if first is None:
            continue
        window = words.text[first : first + span]
        matcher = SequenceMatcher(None, wanted, window, autojunk=False)
        runs: list[tuple[int, int]] = []
        matched, last = 0, -1  # words found, and the page's word after the last run
        for _, j, size in matcher.get_matching_blocks():
            a, b = first + j, first + j + size  # words a..b-1 of the page
            if size < min(2, len(wanted)) or not _free(
                placed, *view.span(words.starts[a], words.ends[b - 1])
            ):
                continue
            matched += size
            if a == last:  # the page's next word: the same run (trafilatura had a word more)
                runs[-1] = (runs[-1][0], words.ends[b - 1])
            else:
                runs.append((words.starts[a], words.ends[b - 1]))
            last = b
        if matched >= ALIGNED_SHARE * len(wanted):
            return runs
    return []


def without_site(title: str, sitename: str, hostname: str) -> str:
    """``title`` less the site's name that a ``<title>`` adds before or after the headline
    ("Rasende Polizisten - strafprozess.ch", "Diario HOY | Darán bendición..."): the last
    piece, else the first, that names the site (its ``og:site_name`` or its host name,
    letters and digits compared) where a separator sets it apart; else ``title``."""
    seps = list(_TITLE_SEP.finditer(title))
    if not seps:
        return title
    if _names_site(title[seps[-1].end() :], sitename, hostname):
        return title[: seps[-1].start()]
    if _names_site(title[: seps[0].start()], sitename, hostname):
        return title[seps[0].end() :]
    return title


def _names_site(piece: str, sitename: str, hostname: str) -> bool:
    """Whether ``piece`` is the site's name: its ``og:site_name`` or host name, letters
    and digits compared, or a part of one, or one with a few letters more."""
    names = {_letters(sitename), _letters(hostname.casefold().removeprefix("www."))}
    labels = hostname.casefold().split(".")
    names |= {_letters(label) for label in labels[-2:-1]}  # "tagblatt" of "tagblatt.ch"
    key = _letters(piece)
    return len(key) >= SITE_LETTERS and any(
        key == n or key in n or (n in key and len(key) <= 2 * len(n))
        for n in names
        if len(n) >= SITE_LETTERS
    )


def _title_element(source: str, body_tag: int) -> tuple[int, int] | None:
    """The span of the ``<title>`` element's content, trimmed, where the head has one."""
    for start, end in _contents(source, "title"):
        if 0 <= body_tag < start:
            break
        inner = source[start:end]
        start, end = start + len(inner) - len(inner.lstrip()), start + len(inner.rstrip())
        return (start, end) if end > start else None
    return None


def _names_page(page_title: str, heading: str) -> bool:
    """Whether a ``<title>`` (less the site's name) names the page better than the heading
    trafilatura took ("Base URL test" against "Lorem", "Superbugs: What They Are and How
    You Get Them" against "Information and Resources"): it shares no word with it (letters
    and digits, any case) and has more words."""
    words = [w.casefold() for w in _TOKEN.findall(page_title)]
    heading_words = [w.casefold() for w in _TOKEN.findall(heading)]
    return len(words) > len(heading_words) and not set(heading_words).intersection(words)


def _without_site_span(
    source: str, span: tuple[int, int], sitename: str, hostname: str
) -> tuple[int, int]:
    """``span`` of a ``<title>`` less the site's name (:func:`without_site`), where the
    headline left stands in the source as it reads."""
    title = normalise(html_text(source[slice(*span)]))
    headline = without_site(title, sitename, hostname)
    at = source.find(headline, *span) if headline != title else -1
    return (at, at + len(headline)) if at >= 0 else span


def _letters(text: str) -> str:
    return "".join(_LETTER_OR_DIGIT.findall(text.casefold()))


def _locate(
    source: str, visible: HtmlView, value: str, body_from: int, placed: list[Segment], meta: bool
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


def _byline(
    source: str, view: HtmlView, value: str, body_from: int, placed: list[Segment]
) -> tuple[int, int] | None:
    """The span of trafilatura's author where it normalised the page's (names joined by
    "; ", case and points changed: "John C Welch" for "John C. Welch"): each name found with
    any case and punctuation between its words; the first place where every name stands
    within ``BYLINE_REACH`` characters of the first, the nearest place of each (one byline:
    in the visible text, or in one attribute value or script string), from the first name
    to the last; else the
    first place of each name, the first to those near it. Names shown on the page are
    that near in the text a reader sees, however much markup stands between them."""
    names = list({n.casefold(): n for n in re.split(r"\s*;\s*", value) if n.strip()}.values())
    places: list[list[tuple[int, int]]] = []
    shown: list[list[tuple[int, int]]] = []  # the places in the visible text
    seen_at: dict[tuple[int, int], int] = {}  # where a place shown starts in the visible text
    for name in names:
        words = [re.escape(w) for w in re.findall(r"\w+", name)]
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\W{0,3}".join(words) + r"(?!\w)", re.I)
        found = []
        for m in (m for start in (body_from, 0) for m in pattern.finditer(view.text, start)):
            found.append(view.span(*m.span()))
            seen_at.setdefault(found[-1], m.start())
        visible = [sp for sp in found if _free(placed, *sp)]
        found += [m.span() for m in pattern.finditer(source)]  # an attribute, a script
        free = [sp for sp in found if _free(placed, *sp)]
        if free:
            places.append(free)
            shown.append(visible)
    if not places:
        return None

    def apart(a: tuple[int, int], b: tuple[int, int]) -> int:
        if a in seen_at and b in seen_at:
            return abs(seen_at[a] - seen_at[b])
        return abs(a[0] - b[0])

    for first in places[0]:
        near = [first]
        for other in places[1:]:
            nearest = min(other, key=lambda sp: apart(sp, first))
            near += [nearest] if apart(nearest, first) <= BYLINE_REACH else []
        span = min(sp[0] for sp in near), max(sp[1] for sp in near)
        in_view = all(sp in v for sp, v in zip(near, shown, strict=False))
        one_value = not _MARKUP_CHARS.search(source, *span)  # an attribute's, a string's
        if len(near) == len(places) and (in_view or one_value) and _free(placed, *span):
            return span
    firsts = [p[0] for p in places]
    near = [sp for sp in firsts if apart(sp, firsts[0]) <= BYLINE_REACH]
    return min(sp[0] for sp in near), max(sp[1] for sp in near)


def byline_names(source: str, start: int, end: int) -> str:
    """What a reader sees of a byline span ``start:end`` of the page, its names set apart
    by "; " where each stands in an element of its own (``<span>Birgit Baumann</span>
    <span>Anna Giulia Fink</span>`` reads "Birgit Baumann Anna Giulia Fink" as text):
    where the span's pieces of text between tags, less those that only separate ("|",
    ",", "und") and the initials an avatar shows beside a name ("RF" by "Raphael Felice"),
    are two or more and each has two words or more; else its text."""
    byline = source[start:end]
    pieces = [html_text(byline[t.start : t.end]) for t in html_tokens(byline) if t.kind == "text"]
    names = [p for p in pieces if p and not _SEPARATOR.fullmatch(p)]
    initials = {"".join(w[0] for w in p.split()).upper() for p in names if len(p.split()) > 1}
    names = [p for p in names if p not in initials]
    if len(names) > 1 and all(len(p.split()) > 1 for p in names):
        return "; ".join(names)
    return html_text(byline)


def _in_visible(visible: HtmlView, value: str, start: int) -> Iterator[tuple[int, int]]:
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


def _date(source: str, view: HtmlView, day: str, placed: list[Segment]) -> list[Segment]:
    """``placed`` with the most precise printed form of trafilatura's date ``day``
    (YYYY-MM-DD), if any, as a date segment: outside the kept text, else inside a kept
    paragraph (which is cut around it, :func:`_cut`); failing that, as the page shows
    it where the source writes it with character references ("M&auml;rz",
    "&#x32;&#x30;..."); failing that, the day as an address writes it ("/2007/05/20/",
    "/20-05-2007-"), where it often took it."""
    if not day:
        return placed
    found = [d for d in find_dates(source) if d.iso[:10] == day]
    if not found:
        shown = (d for d in find_dates(view.text) if d.iso[:10] == day)
        found = [replace(d, start=a, end=b) for d in shown for a, b in [view.span(d.start, d.end)]]
    matches = sorted(found, key=lambda d: (-len(d.iso), d.start))
    for d in matches:
        if _free(placed, d.start, d.end):
            return [*placed, Segment(d.start, d.end, "date", False, HTML_DATE_RULES[0])]
    for d in matches:
        cut = _cut(source, placed, d.start, d.end)
        if cut is not None:
            return cut
    year, month, date = day.split("-")
    forms = "|".join([f"{year}/{month}/{date}", f"{date}-{month}-{year}"])
    in_path = re.compile(rf"(?<=/)(?:{forms})(?!\w)")
    for m in in_path.finditer(source):
        if _free(placed, *m.span()):
            return [*placed, Segment(*m.span(), "date", False, HTML_DATE_RULES[1])]
    return placed


def address_day(text: str) -> tuple[str, str]:
    """The day (YYYY-MM-DD) an address writes as "2016/05/22" or "22-05-2016", and which
    form it is ("y/m/d", "d-m-y")."""
    first, month, last = re.split(r"[/-]", text)
    if len(first) == 4:
        return f"{first}-{month}-{last}", "y/m/d"
    return f"{last}-{month}-{first}", "d-m-y"


def _cut(source: str, placed: list[Segment], start: int, end: int) -> list[Segment] | None:
    """``placed`` with the kept paragraph around ``start:end`` cut into the text before,
    ``start:end`` as a kept date segment, and the text after (both ``joined``), where the
    body reads the same (the date stands between spaces), or but for a space where a tag
    ends the date or opens it (``<span>27.01.2022</span>Title`` reads "27.01.2022 Title");
    else None."""
    seg = next((s for s in placed if s.kept and s.start <= start and end <= s.end), None)
    if seg is None:
        return None
    pieces = [(seg.start, start, "body"), (start, end, "date"), (end, seg.end, "body")]
    pieces = [p for p in pieces if html_text(source[p[0] : p[1]])]
    read = " ".join(html_text(source[a:b]) for a, b, _ in pieces)
    whole = html_text(source[seg.start : seg.end])
    at_tags = all(source[b - 1] == ">" or source[b] == "<" for b in (start, end))
    if read != whole and not (at_tags and read.replace(" ", "") == whole.replace(" ", "")):
        return None
    rules = {"body": seg.rule, "date": HTML_DATE_RULES[0]}
    cut = [
        Segment(a, b, kind, True, rules[kind], joined=seg.joined if k == 0 else True)
        for k, (a, b, kind) in enumerate(pieces)
    ]
    return [s for s in placed if s is not seg] + cut


def _captions(source: str, placed: list[Segment]) -> list[Segment]:
    """Each ``<figcaption>``'s content, trimmed, as a caption (and credit) segment."""
    captions = []
    for start, end in _contents(source, "figcaption"):
        inner = source[start:end]
        start, end = start + len(inner) - len(inner.lstrip()), start + len(inner.rstrip())
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


def _contents(source: str, name: str) -> Iterator[tuple[int, int]]:
    """The spans between each ``<name>`` start tag and the end tag that closes it."""
    opened: int | None = None
    for token in html_tokens(source):
        if token.kind == "tag" and token.name == name:
            if not token.end_tag:
                opened = token.end
            elif opened is not None:
                yield opened, token.start
                opened = None


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
