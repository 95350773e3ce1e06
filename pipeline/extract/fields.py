"""Document fields read off the cleaned segments, each with the raw span it came from.

Fields: ``outlet`` (an ``outlet_id``), ``title``, ``author``, ``published`` (ISO 8601, as
precise as the print), ``section``, ``tag`` (one row per tag) and ``dateline`` (the place).
Nothing is invented: a field the page does not show has no row. The one exception is a
published date *inferred* from a weekday ("on Friday") that matches the date a caption
gives; its method starts with ``inferred:`` and its evidence is the weekday phrase.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pipeline.extract.clean import (
    BREADCRUMB_SEP,
    BY,
    BYLINE_CUES,
    REPEATED,
    SHORT_WORDS,
    UPPER,
    words,
)
from pipeline.extract.dates import (
    DateMatch,
    find_dates,
    find_relative,
    find_weekdays,
    find_yearless,
    name_end,
    parse_fallback,
    precision,
    slash_order,
)
from pipeline.extract.htmlpage import HTML_DATE_RULES, address_day, byline_names, span_text
from pipeline.extract.langmodel import language
from pipeline.extract.model import Doc, Evidence, Segment
from pipeline.extract.people import first_name, frequency, german_function, german_word

if TYPE_CHECKING:
    from pipeline.extract.outlets import Hit, Outlets
    from pipeline.extract.registry import Registry

__all__ = ["precision", "run"]

INFERRED_WEEKDAY = "inferred:weekday-matches-caption-date"
DATELINE_PARAGRAPHS = 3  # how many opening paragraphs may carry the dateline
HEADER_LINES = 12  # how many lines above the body may carry its date or byline ...
FOOTER_LINES = 6  # ... and how many lines below it
METADATA_WORDS = 16  # a line of metadata ("Posted by uriebe on 3 May 2019") is this short
OPENING_PARAGRAPHS = 3  # ... and how many of the body's first paragraphs, if short
TITLE_LINES = 3  # ... and how many lines either side of the headline
OPENING_LINES = 6  # a dump's byline may stand among the body's first lines
ROLE_WORDS = 3  # what may follow a name alone on a byline line ("Parliamentary editor")
AGENCY_REACH = 2  # a dump's agency credit stands this many lines or fewer from a date
HEADLINE_REACH = 40  # a dump's headline is among this many lines above the body ...
HEADLINE_OPENING = 3  # ... or its first lines
HEADLINE_WORDS = (3, 5, 20)  # a line of at most 3 words is a menu item, of 5 a kicker or a
# label, of over 20 a standfirst: what a headline's words say of it (:data:`_HEADLINE_WEIGHTS`)
TOLD_WORDS = 150  # the body's opening that tells what its headline says, in content words
TOLD_ENOUGH = 0.7  # a headline this much told is told as much as a standfirst told whole
FALLBACK_CHARS = 120  # dateparser reads only header lines this short (it is slow)
SENTENCE_WORDS = 8  # a line ending with a full stop with more words than this besides its
# dates tells its date in a sentence (a caption), where a date line prints it as metadata
_PUBLISHED_CUE = re.compile(
    rf"(?<!\w)(?i:published|posted|publi(?:é|e|cado|cada|cato|ziert)|veröffentlicht|erschienen|erstellt"
    rf"|geschrieben|eingestellt|опубликовано|{BYLINE_CUES})(?![\w])"
)
# A date said to be a revision's, not the publication's ("Aktualisiert am 19.02.2020").
_MODIFIED_CUE = re.compile(
    r"(?<!\w)(?i:updated?|last\s+modified|modified|aktualisiert|geändert|mis\s+à\s+jour"
    r"|actualizad[oa]|aggiornat[oa]|atualizad[oa]|bijgewerkt|обновлено)(?!\w)"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BY_INSIDE = re.compile(rf"(?:^|(?<=[\s|•·,–—-]))(?:{BY.pattern})")
# In a date line, what follows a byline cue is the author even if it is a user name
# ("von uriebe", "by damianduchamps on August 3"): up to four words, ending at the line's
# end, a separator, a digit or a word that goes on with a date ("am", "on", "um").
_STOP = r"am|um|on|at|le|el|il|im|in|den|der|vom|op|à|\d"
_BY_HANDLE = re.compile(
    rf"(?<![^\s|•·,–—(-])(?i:{BYLINE_CUES}|erstellt von|eingestellt von|publiziert von)"
    r"(?:\s*:\s*|\s+)"
    rf"(?P<name>(?!(?:{_STOP})\b)[\w.'’@-]+(?:\s+(?!(?:{_STOP})\b)[\w.'’@-]+){{0,3}}?)"
    rf"(?=\s*(?:$|[|•·,/(—–]|\s-|\s(?:{_STOP})))"
)
# Capitalised words that open a heading or name a part of the page, never a person's name
# (German capitalises every noun, so "Keine Kommentare" looks like a name).
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "our",
        "your",
        "my",
        "more",
        "most",
        "all",
        "latest",
        "read",
        "share",
        "print",
        "email",
        "message",
        "search",
        "comments",
        "comment",
        "posts",
        "post",
        "news",
        "home",
        "related",
        "top",
        "next",
        "previous",
        "updated",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "keine",
        "mehr",
        "zum",
        "zur",
        "alle",
        "neueste",
        "letzte",
        "anzahl",
        "kommentare",
        "kommentar",
        "beiträge",
        "beitrag",
        "artikel",
        "infos",
        "suche",
        "teilen",
        "drucken",
        "weitere",
        "unsere",
        "ihre",
        "mein",
        "facebook",
        "twitter",
        "log",
        "sign",
    ]
)
# A job title after a byline's name ("Daniel Kahn Gillmor, Senior Staff Technologist").
_ROLE = re.compile(
    r",\s+(?:[\w'’.-]+\s+){0,3}?(?i:staff|senior|editor|correspondent|reporter|writer"
    r"|technologist|contributor|columnist|analyst|director|producer|journalist|attorney"
    r"|fellow|professor|photographer|critic|researcher)(?!\w)"
)
# ... and one printed after the name alone: a word before a role word, or a button.
_ROLE_AFTER = re.compile(
    r"(?<=\w)\s+(?:[\w'’-]+\s+)?(?i:\w*(?:korrespondent|redakteur|reporter|journalist)(?:in)?"
    r"|correspondent|editor|writer|columnist|contributor)(?!\w)|\s+(?:Follow|For)(?!\w).*"
)
_POSSESSIVE = re.compile(r"['’]s(?!\w)")  # "Sony’s PlayStation" is no name
# A line that is a name alone, or a name and a short time or handle after a separator.
_NAME_LINE = re.compile(
    r"\s*(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+){1,2})\s*(?:[•·|,]\s*.{0,30})?"
)
_NAME_LINE_KINDS = frozenset({"boilerplate", "navigation", "tag", "title"})
_PARTICLE = r"(?:de|da|del|der|van|von|la|le|di|du|dos|al|el|bin|ten|ter)"
_NAME_WORDS = re.compile(
    rf"(?P<first>[{UPPER}][\w'’-]+)(?:\s+(?:{_PARTICLE}\s+)?[{UPPER}][\w'’.-]*[\w'’]){{1,3}}(?![\w'’-])"
)
_NAME_WORD_SPAN = re.compile(rf"[{UPPER}][\w'’.-]*[\w'’]|{_PARTICLE}(?=\s)")
_CUE_OPENING = re.compile(
    rf"(?i:{BYLINE_CUES}|kommentar von|autorin/autor)(?:\s*:\s*|\s+|(?=[{UPPER}]))"
)
_AFTER_NAME = re.compile(r"\s*(?:[|•·,(–—-]|\d)|\s+/")
_JOINER = re.compile(r"\s*(?:[|,&/]|(?:und|and|og|och|et|y|e|i|en)(?=\s))\s*")
_CUE_LINE = re.compile(rf"\s*(?i:{BYLINE_CUES})\s*:?\s*")  # "Von", "By:" alone on a line
_GLUED = re.compile(r"[^\W\d_]*[a-zß-öø-ÿ]{3}(?=[A-ZÀ-ÖØ-Þ])")
# A wire agency credited alone on a line, maybe after a cue word or with its desk: "dpa",
# "Quelle: dpa Sport", "(AFP)", "Von SID", "Haberler - Anadolu Ajansı".
_AGENCY_CREDIT = re.compile(
    r"\s*(?:(?i:von|by|mit)\s+|[^\W\d]+\s*(?::|\s[-–])\s*)?\(?(?P<agency>dpa|AFP|AP|SID|KNA|epd"
    r"|APA|Reuters|ANP|ANSA|EFE|Belga|SDA|Keystone-SDA|TASS|Xinhua|Kyodo|Yonhap|AA"
    r"|Anadolu Ajansı|Anadolu Agency)\)?(?:[ /-][^\W\d]+)?\s*"
)
_CLOCK_LINE = re.compile(r"\s*\d{1,2}[:.]\d{2}(?:\s*(?i:uhr|h|am|pm))?\s*")  # "16:30" alone
_TWO_NAMES = re.compile(r"(?<![\w.])[A-ZÀ-ÖØ-Þ][\w'’-]+\s+[A-ZÀ-ÖØ-Þ][\w'’-]+(?![\w.])")

# "TEHRAN (Reuters) -", "Iran (IMNA) -", "MOSCOW, Sept 20 (TASS) —", "BEIRUT —"
_WHEN = r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
_DATELINE = re.compile(
    rf"(?P<place>[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){{0,3}}){_WHEN}\s*"
    r"\((?P<agency>[^()\n]{2,40})\)\s*[-–—]+\s"
    rf"|(?P<caps>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){{0,3}}){_WHEN}\s*[-–—]+\s"
)
_TAG_ITEM = re.compile(r"[^,;|]+")
_TAG_LABEL = re.compile(r"[^:]*:")

# What each sign says of a dump's headline (:func:`_headline_score`): fitted by hand on the
# development pages of Fundus, Postlight and Readability.
_HEADLINE_WEIGHTS = {
    "told": 2.0,  # times the share of its content words the body's opening repeats, up
    # to TOLD_ENOUGH (a standfirst below the headline, a summary, is told more)
    "above-metadata": 3.0,  # a date or byline within _ANCHOR_REACH lines below
    "menu-word": -3.0,  # HEADLINE_WORDS[0] words or fewer
    "kicker": -2.0,  # ... or HEADLINE_WORDS[1] or fewer
    "headline": 1.0,  # ... else
    "standfirst": -1.0,  # over HEADLINE_WORDS[2] words
    "menu": -5.0,  # among three or more short lines in a row
    "chrome": -3.0,  # the cleaner took it for a menu or a tag
    "body": -2.0,  # a line of the body
    "caption": -3.0,  # a picture's credit in it
    "sentences": -1.0,  # a sentence ends inside it
    "shown-again": 0.5,  # the page prints it more than once
}
_ANCHOR_REACH = 4
_NOT_HEADLINES = frozenset({"caption", "credit", "date", "byline", "section"})
_OPENERS = "\"'‘’“”„«»‹›「『【■(¿¡ "
_CLAUSE_END = re.compile(r"(?:[,;:]|(?<![.A-Z])\.)$")
_SENTENCE_END = re.compile(r"[.!?…。！？]$")
_TWO_SENTENCES = re.compile(r"[.!?]\s+[A-ZÀ-ÖØ-Þ]")
_PATH_SEP = re.compile(r"\s[>»›/]\s|»")  # "Home » Gesellschaft » <headline>" is a path
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_CAPTION_CUE = re.compile(
    r"(?i:foto|photo|bild|image|credit|getty|©|\bdpa\b|reuters|afp|picture alliance|imago)"
)

# How much a marker occurrence says about who published the page.
_MARKER_WEIGHT = {"tagline": 3, "telegram": 3, "domain": 3, "name": 2, "abbreviation": 2}
_NOT_CHROME = frozenset({"body", "caption", "credit", "title"})


def run(doc: Doc, registry: Registry) -> Doc:
    """Append the evidence rows of every field to ``doc.evidence``."""
    segments = [s for s in doc.segments if s.rule != REPEATED]
    outlet = _outlet(doc, segments, registry.outlets)
    known = registry.outlets.get(outlet[0].value) if outlet else None
    doc.evidence += [
        *outlet,
        *_title(doc, segments),
        *_author(doc, segments),
        *_published(doc, segments, known.country if known else ""),
        *_sections(doc, segments),
        *_tags(doc, segments),
        *_dateline(doc, segments),
    ]
    return doc


def _text(doc: Doc, start: int, end: int) -> str:
    return span_text(doc.text, start, end, doc.raw.media_type)


def _first(doc: Doc, segments: list[Segment], kind: str, field: str) -> list[Evidence]:
    """The first segment of ``kind`` as the value of ``field``."""
    seg = next((s for s in segments if s.kind == kind), None)
    if seg is None:
        return []
    return [Evidence(field, _text(doc, seg.start, seg.end), seg.start, seg.end, seg.rule)]


def _title(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """The headline: an HTML page's is trafilatura's (the cleaner's title segment); a
    dump's is the best line of title shape near the top of the body
    (:func:`_headline`), whatever line the cleaner took for it."""
    if doc.raw.media_type == "text/html":
        return _first(doc, segments, "title", "title")
    best = _headline(doc, doc.segments)  # a headline printed again still counts
    if best is None:
        return []
    method = best.rule if best.kind == "title" else "headline-by-shape"
    return [Evidence("title", _text(doc, best.start, best.end), best.start, best.end, method)]


def _headline(doc: Doc, segments: list[Segment]) -> Segment | None:
    """A dump's headline: of the lines of title shape (:func:`_title_shaped`) among the
    ``HEADLINE_REACH`` above the body and its ``HEADLINE_OPENING`` first lines, the one
    scored highest by :data:`_HEADLINE_WEIGHTS`. A headline is told again by the body's
    opening, stands right above the byline or date, has more words than a menu item, a
    kicker or a label and fewer than a standfirst; it is no item of a menu (three short
    lines in a row), no caption (a picture's credit in it: "Foto:", "dpa", "Getty"), seldom
    two sentences, and seldom a line of the body. Ties go to the first line; a line printed
    more than once is given at its first print."""
    kept = [i for i, s in enumerate(segments) if s.kept]
    top = kept[0] if kept else len(segments)
    texts = [_text(doc, s.start, s.end) for s in segments]
    told = _opening_words([texts[i] for i in kept])
    shown = Counter(texts)
    scored = [
        (
            _headline_score(segments, texts, i, told)
            + _HEADLINE_WEIGHTS["shown-again"] * (shown[texts[i]] > 1),
            -i,
        )
        for i in [*range(max(0, top - HEADLINE_REACH), top), *kept[:HEADLINE_OPENING]]
        if segments[i].kind not in _NOT_HEADLINES and _title_shaped(texts[i])
    ]
    if not scored:
        return None
    best = -max(scored)[1]  # a headline printed again is given where it is printed first
    return next(s for s, t in zip(segments, texts, strict=True) if t == texts[best])


def _headline_score(segments: list[Segment], texts: list[str], i: int, told: set[str]) -> float:
    """How much line ``i`` looks like the headline (see :func:`_headline`)."""
    seg, text = segments[i], texts[i]
    n = words(text)
    w = _HEADLINE_WEIGHTS
    content = _CONTENT_WORD.findall(text.casefold())
    share = sum(c in told for c in content) / len(content) if content else 0.0
    score = w["told"] * min(share, TOLD_ENOUGH) / TOLD_ENOUGH
    below = segments[i + 1 : i + 1 + _ANCHOR_REACH]
    score += w["above-metadata"] * any(s.kind in ("date", "byline") for s in below)
    few, kicker, long = HEADLINE_WORDS
    score += w["menu-word"] if n <= few else w["kicker"] if n <= kicker else w["headline"]
    score += w["standfirst"] * (n > long)
    score += w["menu"] * _in_menu(texts, i)
    score += w["chrome"] * (seg.kind in ("navigation", "tag"))
    score += w["body"] * seg.kept
    score += w["caption"] * bool(_CAPTION_CUE.search(text))
    return score + w["sentences"] * bool(_TWO_SENTENCES.search(text))


def _title_shaped(text: str) -> bool:
    """A line that may be a headline: two to 30 words, opening (after any quotation mark or
    bracket) with a capital, a digit or a letter of a script without case, not ending as
    a sentence or a clause does ("," ";" ":" or a full stop after a small letter), no
    path of pages ("Home » Gesellschaft » …")."""
    opening = text.lstrip(_OPENERS)
    return (
        2 <= words(text) <= 30
        and bool(opening)
        and (opening[0].isupper() or opening[0].isdigit() or _caseless(opening[0]))
        and not _CLAUSE_END.search(text)
        and len(_PATH_SEP.findall(text)) < 2
    )


def _caseless(char: str) -> bool:
    return char.isalpha() and not char.islower() and not char.isupper()


def _in_menu(texts: list[str], i: int) -> bool:
    """Whether line ``i`` is short and among three or more short lines in a row."""

    def short(k: int) -> bool:
        return words(texts[k]) <= SHORT_WORDS and not _SENTENCE_END.search(texts[k])

    if not short(i):
        return False
    lo, hi = i, i + 1
    while lo > 0 and short(lo - 1):
        lo -= 1
    while hi < len(texts) and short(hi):
        hi += 1
    return hi - lo >= 3


def _opening_words(body: list[str]) -> set[str]:
    """The content words (four letters or more) of the body's first ``TOLD_WORDS``."""
    opening: list[str] = []
    for text in body:
        opening += _CONTENT_WORD.findall(text.casefold())
        if len(opening) >= TOLD_WORDS:
            break
    return set(opening)


def _outlet(doc: Doc, segments: list[Segment], outlets: Outlets) -> list[Evidence]:
    """The outlet whose markers the page's own chrome (or its dateline) shows most strongly.

    A name in the body, a caption or a credit is a cited source, not the publisher, so it
    does not count; an agency in the dateline ("Iran (IMNA) -") does.
    """
    starts = [s.start for s in segments]
    dateline = _dateline_match(doc, segments)
    scored: list[tuple[int, Hit, str]] = []
    for hit in outlets.find(doc.text):
        if dateline and dateline.start("agency") <= hit.start < dateline.end("agency"):
            scored.append((2, hit, f"outlet:{hit.marker.kind}-in-dateline"))
            continue
        i = bisect.bisect_right(starts, hit.start) - 1
        seg = segments[i] if i >= 0 else None
        if seg is not None and seg.end >= hit.end and seg.kind not in _NOT_CHROME:
            scored.append(
                (_MARKER_WEIGHT[hit.marker.kind], hit, f"outlet:{hit.marker.kind}-in-{seg.kind}")
            )
    if not scored:
        return []

    def strength(outlet_id: str) -> tuple[int, int]:
        weights = [w for w, h, _ in scored if h.marker.outlet_id == outlet_id]
        return max(weights), len(weights)

    winner = max(dict.fromkeys(h.marker.outlet_id for _, h, _ in scored), key=strength)
    _, hit, method = max(
        (s for s in scored if s[1].marker.outlet_id == winner), key=lambda s: (s[0], -s[1].start)
    )
    return [Evidence("outlet", winner, hit.start, hit.end, method)]


def _header(segments: list[Segment]) -> list[Segment]:
    """Where a page prints its byline and date: the segments above the body, nearest to
    it first, then the short ones among the body's first paragraphs, then the lines around
    the headline where it stands further up."""
    body = [i for i, s in enumerate(segments) if s.kept]
    top = body[0] if body else len(segments)
    opening = [segments[i] for i in body[:OPENING_PARAGRAPHS]]
    short = [s for s in opening if s.end - s.start <= FALLBACK_CHARS]
    above = segments[max(0, top - HEADER_LINES) : top]
    title = next((i for i, s in enumerate(segments) if s.kind == "title"), None)
    around = (
        [] if title is None else segments[max(0, title - TITLE_LINES) : title + TITLE_LINES + 1]
    )
    return [*reversed(above), *short, *(s for s in around if s not in above and not s.kept)]


def _author(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """The byline's names ("By Jane Doe, Reuters" gives "Jane Doe").

    A byline further below the body than its footer lines is another article's (a related
    post's) and is taken only where no line near the body gives a name (in a dump; from
    HTML the byline is trafilatura's, located wherever the page prints it, and beats a
    line of metadata where it opens with a known first name: "stephangoeldi said, on",
    a commenter's, does not). Failing a byline
    line, a line of metadata above the body (a date line, or any short header line) gives
    them: after a byline cue ("May 2, 2019 | By: Jane Doe", and in a date line or a short
    line outside the body also a user name: "Publiziert am 13. Januar 2014 von uriebe"),
    or, in such a line, two capitalised words that are not page words, beside any date
    ("17. September 2019 Helmut Rubik"): the first such pair that opens with a known first
    name, else the first pair ("Weitere News" only where no line has a "Brit Weirich"); a
    line near the body that is a name alone, opening with a known first name ("Sarah
    Archer", "James Akinaka • 8h"), whatever else the cleaner took it for. In a dump, a
    name alone after a line that is only a byline cue ("von" / "Anne-Marie Slaughter"),
    with the names alone on the lines below it, comes first; of the byline lines near the
    body, the first whose name opens with a known first name wins ("Dan Jervis-Bardy" over
    "Federal Politics"), then one with a cue
    ("By ..."), then a line that opens with names by their shape (:func:`_name_opening`),
    then any other byline line ("NEWS FEATURE" beside a date), then the metadata; a word
    the renderer glued to the name, or a job title after it, is cut off (:func:`_unglued`).
    """
    kept = [i for i, s in enumerate(segments) if s.kept]
    last = kept[-1] + FOOTER_LINES if kept else len(segments)
    bylines = [(i, s) for i, s in enumerate(segments) if s.kind == "byline"]
    near = [_byline(doc, s) for i, s in bylines if i <= last]
    known = [e for e in near if _known_first(e.value)]
    first = [_byline(doc, s) for _, s in bylines[:1]]
    if doc.raw.media_type == "text/html":  # trafilatura's byline, wherever it was found ...
        far = [e for e in first if _known_first(e.value)]  # ... if a name, not a comment's
        found = known[:1] or near[:1] or far or _metadata_author(doc, segments, last)
    else:
        after_cue = _after_cue(doc, segments)  # its names are unglued one by one
        if after_cue:
            return after_cue
        cued = [e for e in near if e.method == "by-line"]  # "By ...", "Von ..."
        found = (
            known[:1]
            or cued[:1]
            or _name_opening(doc, segments)
            or _agency_credit(doc, segments)
            or near[:1]
            or _metadata_author(doc, segments, last)
        )
    return [_unglued(doc, e) for e in found or first]


def _name_opening(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """The names a short line near the headline or the body's top opens with (dumps): a
    byline cue, even glued ("bySauli Giliard"), then a person's name by its shape
    (:func:`_person`; no menu item), then nothing, a separator, a date or a few more
    words (a job title,
    "Tips meg", "2 minutes read"); further names joined by "|", ",", "und", "and"... are
    taken with it ("Julia Vergin | Clare Roth")."""
    kept = [s for s in segments if s.kept][:OPENING_LINES]
    for seg in dict.fromkeys([*_header(segments), *kept]):
        if not _few_words(doc.text, seg) or seg.kind in ("caption", "credit", "navigation"):
            continue
        if _CAPTION_CUE.search(doc.text, seg.start, seg.end):
            continue
        cue = _CUE_OPENING.match(doc.text, seg.start, seg.end)
        span = _person(doc.text, cue.end() if cue else seg.start, seg.end)
        if span is None:
            continue
        start, end = span
        while (joiner := _JOINER.match(doc.text, end, seg.end)) and (
            more := _person(doc.text, joiner.end(), seg.end)
        ):
            end = more[1]
        return [Evidence("author", _text(doc, start, end), start, end, "name-opening-line")]
    return []


def _agency_credit(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """A wire agency credited alone on a line ("dpa", "Quelle: dpa Sport") from the lines
    above the body to its first lines, within ``AGENCY_REACH`` lines of a date line (or a
    time alone: "16:30"), where a page credits an agency's report instead of a person
    (dumps); a picture's credit stands by its caption, not by the date."""
    kept = [i for i, s in enumerate(segments) if s.kept]
    if not kept:
        return []
    dates = [
        i
        for i, s in enumerate(segments)
        if s.kind == "date" or _CLOCK_LINE.fullmatch(doc.text, s.start, s.end)
    ]
    opening = kept[:OPENING_LINES][-1]
    for i in range(max(0, kept[0] - HEADER_LINES), opening + 1):
        seg = segments[i]
        credit = _AGENCY_CREDIT.fullmatch(doc.text, seg.start, seg.end)
        if credit and any(abs(i - d) <= AGENCY_REACH for d in dates):
            return [Evidence("author", credit["agency"], *credit.span("agency"), "agency-credit")]
    return []


def _person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a person's name at ``start``: two to four capitalised words (a particle
    such as "del" or "van" between them), the first a known first name that is no
    common German word ("Im", "Alle") nor in capitals; a third or fourth
    word only if it is a first name or a rare word ("Tuva Mathilde Løland", not "Thabo
    Mokone Parliamentary"); ``None`` unless the name is followed by the line's end, a
    separator, a digit or at most ``ROLE_WORDS`` words."""
    match = _NAME_WORDS.match(text, start, end)
    if match is None:
        return None
    first = match["first"]
    if not first_name(first) or first.isupper() or german_word(first) or german_function(first):
        return None  # "Im Fokus", "Alle ORF Angebote", "FUNDA OLUNYE"
    words = list(_NAME_WORD_SPAN.finditer(text, match.start(), match.end()))
    stop = 2
    while stop < len(words) and (first_name(words[stop][0]) or frequency(words[stop][0]) < 3.0):
        stop += 1
    name_end = words[stop - 1].end()
    rest = text[name_end:end]
    if rest.startswith("/"):
        return None  # "Chuck Burton/AP": a picture's credit
    if rest.strip() and not _AFTER_NAME.match(rest) and len(rest.split()) > ROLE_WORDS:
        return None
    return start, name_end


def _known_first(name: str) -> bool:
    words = name.split()
    return bool(words) and first_name(words[0])


def _after_cue(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """The names alone on the lines right after a line that is only a byline cue ("Von" /
    "Anne-Marie Slaughter"; "By" / "Lucy ThorntonNews Reporter" / "Tim Hanlon"), where a
    page prints its byline, each unglued (:func:`_unglued`) and joined by "; "; the span
    runs from the first name to the last; dumps only."""
    if doc.raw.media_type == "text/html":
        return []
    for seg in _header(segments):
        if not _CUE_LINE.fullmatch(doc.text, seg.start, seg.end):
            continue
        names = []  # one name a line ("By" / "Lucy Thornton" / "Tim Hanlon" / ...)
        for after in (s for s in segments if s.start >= seg.end):
            line = _NAME_LINE.fullmatch(doc.text, after.start, after.end)
            if not line:
                break
            names.append(_unglued(doc, Evidence("author", line["name"], *line.span("name"), "")))
        if names:
            value = "; ".join(n.value for n in names)
            return [Evidence("author", value, names[0].start, names[-1].end, "name-after-cue")]
    return []


def _unglued(doc: Doc, row: Evidence) -> Evidence:
    """``row`` less what the renderer glued to the name's last word from the next element
    ("Ulrich ExnerKorrespondent", "Jen MillsPublished": a capital after three or more
    small letters inside a word; "McDonald", "MacArthur" stay whole), and less a job title
    or a button printed after the name without a comma ("Sina Zehrfeld Landespolitische
    Korrespondentin", "Amy Gibbons Political Correspondent", "Victoria O’Regan Follow",
    "Dolores Chang For Dailymail.Com"); dumps only."""
    if doc.raw.media_type == "text/html":
        return row
    glued = _GLUED.search(doc.text, row.start, row.end)
    end = glued.end() if glued else row.end
    role = _ROLE_AFTER.search(doc.text, row.start, end)
    end = role.start() if role else end
    if end == row.end:
        return row
    return Evidence(row.field, _text(doc, row.start, end), row.start, end, row.method)


def _byline(doc: Doc, seg: Segment) -> Evidence:
    """The names of a byline line, less its cue, a job title after them and its date."""
    start, end = seg.start, seg.end
    match = BY.match(doc.text, start, end)
    if match:
        start, end = match.span("name")
    role = _ROLE.search(doc.text, start, end)
    end = name_end(doc.text, start, role.start() if role else end)
    if doc.raw.media_type == "text/html":
        return Evidence("author", byline_names(doc.text, start, end), start, end, seg.rule)
    return Evidence("author", _text(doc, start, end), start, end, seg.rule)


def _metadata_author(doc: Doc, segments: list[Segment], last: int) -> list[Evidence]:
    """The author a line of metadata gives (see :func:`_author`): date lines down to the
    ``last`` line below the body, the lines near the body, then date lines further down."""
    dated = [(i, s) for i, s in enumerate(segments) if s.kind == "date"]
    near = [s for i, s in dated if i <= last]
    far = [s for i, s in dated if i > last]
    unknown: list[Evidence] = []  # a name whose first word is no known first name
    for seg in [*near, *_header(segments), *_footer(segments), *far]:
        if seg.kind in _NAME_LINE_KINDS and not seg.kept:
            line = _NAME_LINE.fullmatch(doc.text, seg.start, seg.end)
            if line and first_name(line["name"].split()[0]):
                return [Evidence("author", line["name"], *line.span("name"), "name-line")]
        if seg.kind not in ("date", "boilerplate", "section", "tagline", "body"):
            continue
        metadata = seg.kind == "date" or (not seg.kept and _few_words(doc.text, seg))
        match = (_BY_HANDLE if metadata else _BY_INSIDE).search(doc.text, seg.start, seg.end)
        if match and not unknown:  # a line above it gave a name: a cue no nearer wins
            start, end = match.span("name")
            end = name_end(doc.text, start, end)
            return [Evidence("author", _text(doc, start, end), start, end, "by-in-header")]
        found = _name_beside_date(doc.text, seg) if metadata else None
        if found:
            row = Evidence("author", _text(doc, *found), *found, "name-beside-date")
            if first_name(row.value.split()[0]):
                return [row]
            unknown = unknown or [row]
    return unknown


def _footer(segments: list[Segment]) -> list[Segment]:
    """The lines right below the body, where a blog prints "Posted by X on <date>"."""
    kept = [i for i, s in enumerate(segments) if s.kept]
    return segments[kept[-1] + 1 : kept[-1] + 1 + FOOTER_LINES] if kept else []


def _few_words(text: str, seg: Segment) -> bool:
    return len(text[seg.start : seg.end].split()) <= METADATA_WORDS


def _name_beside_date(text: str, seg: Segment) -> tuple[int, int] | None:
    """The span of a two-word capitalised name in a line of metadata, outside its dates."""
    dates = find_dates(text, seg.start, seg.end)
    for m in _TWO_NAMES.finditer(text, seg.start, seg.end):
        if _NOT_NAMES.intersection(m.group().casefold().split()) or _POSSESSIVE.search(m.group()):
            continue
        if not any(d.start < m.end() and m.start() < d.end for d in dates):
            return m.span()
    return None


def _published(doc: Doc, segments: list[Segment], country: str) -> list[Evidence]:
    """The date an HTML page's metadata gives as its publication date, where
    :mod:`~pipeline.extract.htmlpage` located it (trafilatura's choice, which prefers
    ``article:published_time``, ``datePublished`` and ``<time>`` to dates in the text);
    else the first date printed where a page prints its own: a line that says it is the
    publication date ("Published", "Veröffentlicht am", "Posted by", a byline), then date
    lines near the body (above it, nearest first, then below it), then any other line there,
    then date lines and bylines anywhere else, a line that says its date is a revision's
    ("Updated", "Aktualisiert am") after all of these; dateparser reads the short lines
    there where our patterns found nothing; then a short line there that dates the page
    relative to its capture ("vor 14 Minuten", "7 hours ago": the day it was read, less
    that), then one that prints a day and month without the year ("8 января, 17:46": the
    last such day before the capture); failing all, a weekday that the caption's date
    confirms. A printed slash date that reads both ways is read in the page's order
    (:func:`_in_page_order`)."""
    for seg in segments:
        if seg.kind == "date" and seg.rule in HTML_DATE_RULES:
            for found in find_dates(doc.text, seg.start, seg.end):
                method = f"{seg.rule}:{found.method.removeprefix('date:')}"
                return [Evidence("published", found.iso, found.start, found.end, method)]
            if seg.rule == HTML_DATE_RULES[0]:  # written with character references
                for found in find_dates(_text(doc, seg.start, seg.end)):
                    method = f"{seg.rule}:{found.method.removeprefix('date:')}"
                    return [Evidence("published", found.iso, seg.start, seg.end, method)]
            if seg.rule == HTML_DATE_RULES[1]:  # "2016/05/22", "22-05-2016" of an address
                iso, form = address_day(doc.text[seg.start : seg.end])
                return [Evidence("published", iso, seg.start, seg.end, f"{seg.rule}:{form}")]
    near = [*_header(segments), *_footer(segments)]
    near = [s for s in near if s.kind not in ("caption", "credit")]
    opening = _dated_opening(doc.text, segments, near)
    ids = {id(s) for s in [*near, *opening]}
    top = next((i for i, s in enumerate(segments) if s.kept), len(segments))
    elsewhere = [  # date lines and bylines, and short lines above the body with a cue
        s
        for i, s in enumerate(segments)
        if id(s) not in ids
        and (s.kind in ("date", "byline") or (i < top and _cued_metadata(doc.text, s)))
    ]
    ordered = [s for s in near if s.kind == "date"] + [s for s in near if s.kind != "date"]
    ordered.sort(key=lambda s: _told(doc.text, s))  # a caption's date after the date lines
    labelled = [s for s in opening if not s.kept]  # a body line's cue is no byline's
    cued = [s for s in [*ordered, *labelled, *elsewhere] if _cued(doc.text, s)]
    candidates = [*cued, *ordered, *opening, *elsewhere]
    revised = [s for s in candidates if _revised(doc.text, s)]
    for seg in [*(s for s in candidates if s not in revised), *revised]:
        for found in find_dates(doc.text, seg.start, seg.end):
            found = _in_page_order(doc, segments, found, country)
            where = seg.rule if seg.kind == "date" else "date-in-header"
            method = f"{where}:{found.method.removeprefix('date:')}"
            return [Evidence("published", found.iso, found.start, found.end, method)]
    for seg in near:
        if seg.end - seg.start <= FALLBACK_CHARS and _YEAR.search(doc.text, seg.start, seg.end):
            fallback = parse_fallback(doc.text, seg.start, seg.end)
            if fallback is not None:
                method = f"date-in-header:{fallback.method.removeprefix('date:')}"
                return [Evidence("published", fallback.iso, fallback.start, fallback.end, method)]
    for find in (find_relative, find_yearless):
        for seg in near:
            if _few_words(doc.text, seg):
                guessed = find(doc.text, doc.raw.ingested_at, seg.start, seg.end)
                if guessed is not None:
                    method = f"date-in-header:{guessed.method.removeprefix('date:')}"
                    return [Evidence("published", guessed.iso, guessed.start, guessed.end, method)]
    return _inferred(doc, segments)


def _dated_opening(text: str, segments: list[Segment], near: list[Segment]) -> list[Segment]:
    """The date lines among and right after the body's first ``OPENING_LINES`` lines that
    are not ``near`` ("Publish date:" / "Jan 12, 2017" below a kept standfirst and byline),
    and the short lines there that say they print the publication's date ("Yasmine Hassan ·
    CBC News · Posted: Aug 08, 2024 4:00 AM EDT" as the body's fourth line): read after
    the lines near the body, before date lines elsewhere; a cue puts a byline or date line
    there first, a body line's does not ("A post shared by ... on Dec 5, 2016" is an
    embed's)."""
    kept = [i for i, s in enumerate(segments) if s.kept][: OPENING_LINES + 1]
    if not kept:
        return []
    return [
        s
        for s in segments[kept[0] : kept[-1]]
        if s not in near
        and (s.kind == "date" or (s.end - s.start <= FALLBACK_CHARS and _cued(text, s)))
    ]


def _cued_metadata(text: str, seg: Segment) -> bool:
    """A line of metadata that says it prints the publication's date ("Publié le 18 juil.
    2024 à 08:01Mis à jour le ..."), wherever above the body a live page prints it."""
    return _few_words(text, seg) and bool(_PUBLISHED_CUE.search(text, seg.start, seg.end))


def _told(text: str, seg: Segment) -> bool:
    """Whether a line tells its date in a sentence (a caption: "Adriane Burnett reads to
    her son in Birmingham, Alabama, April 14, 2024."): it ends with a full stop and has more
    words than a line of metadata once its dates are left out."""
    line = text[seg.start : seg.end].rstrip()
    if not line.endswith("."):
        return False
    dates = sum(len(text[d.start : d.end].split()) for d in find_dates(text, seg.start, seg.end))
    return len(line.split()) - dates > SENTENCE_WORDS


def _cued(text: str, seg: Segment) -> bool:
    """Whether a line says that its date is the publication's: a cue ("Published",
    "Posted by", a byline) before its first date, or anywhere in a line of metadata; the
    "by" of a picture's credit after a caption's date ("... on November 19, 2024. —
    Picture by X") is none."""
    cue = _PUBLISHED_CUE.search(text, seg.start, seg.end)
    if cue is None:
        return False
    dates = find_dates(text, seg.start, seg.end)
    return _few_words(text, seg) or not dates or cue.start() < dates[0].start


def _revised(text: str, seg: Segment) -> bool:
    """Whether a line says that its first date is a revision's: "Updated" before it, and
    no cue of publication ("Published: 26 September 2020 | Updated: ..." is not)."""
    dates = find_dates(text, seg.start, seg.end)
    before = text[seg.start : dates[0].start] if dates else ""
    return bool(_MODIFIED_CUE.search(before)) and not _PUBLISHED_CUE.search(before)


def _in_page_order(doc: Doc, segments: list[Segment], found: DateMatch, country: str) -> DateMatch:
    """``found`` read in the page's order of day and month where it reads both ways: the
    order its own dates or its outlet's country give (:func:`slash_order`), else day first
    where the body is not in English (only English pages write the month first)."""
    if not found.method.endswith("-ambiguous"):
        return found
    order = slash_order(doc.text, country)
    if order is None:
        body = " ".join(_text(doc, s.start, s.end) for s in segments if s.kept)
        order = True if body.strip() and language(body) != "en" else None
    if order is None:
        return found
    return find_dates(doc.text, found.start, found.end, day_first=order)[0]


def _inferred(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """A weekday in the body ("on Friday") that the date of a caption confirms."""
    captured = date.fromisoformat(doc.raw.ingested_at[:10])
    caption_days = {
        d.day
        for s in segments
        if s.kind == "caption"
        for d in find_dates(doc.text, s.start, s.end)
        if d.day <= captured
    }
    for seg in segments:
        if not seg.kept:
            continue
        for phrase in find_weekdays(doc.text, seg.start, seg.end):
            days = [d for d in caption_days if d.weekday() == phrase.weekday]
            if len(days) == 1:
                iso = days[0].isoformat()
                return [Evidence("published", iso, phrase.start, phrase.end, INFERRED_WEEKDAY)]
    return []


def _sections(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """Section names; a breadcrumb's items are joined by " / "."""
    rows = []
    for seg in segments:
        if seg.kind == "section":
            items = BREADCRUMB_SEP.split(_text(doc, seg.start, seg.end))
            value = " / ".join(i.strip() for i in items if i.strip())
            rows.append(Evidence("section", value, seg.start, seg.end, seg.rule))
    return rows


def _tags(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """One row per tag; a line of several tags ("Tags: Iran, Russia") is split."""
    return [
        Evidence("tag", _text(doc, start, end), start, end, seg.rule)
        for seg in segments
        if seg.kind == "tag"
        for start, end in _tag_items(doc.text, seg)
    ]


def _tag_items(text: str, seg: Segment) -> Iterator[tuple[int, int]]:
    start = seg.start
    label = _TAG_LABEL.match(text, start, seg.end) if seg.rule == "tags-label" else None
    if label:
        start = label.end()
    for m in _TAG_ITEM.finditer(text, start, seg.end):
        item = m.group()
        if item.strip():
            lead = len(item) - len(item.lstrip())
            yield m.start() + lead, m.start() + len(item.rstrip())


def _dateline(doc: Doc, segments: list[Segment]) -> list[Evidence]:
    """The place a dateline opens with: "TEHRAN (Reuters) -" gives "Tehran"."""
    match = _dateline_match(doc, segments)
    if match is None:
        return []
    group = "place" if match["place"] else "caps"
    place = match[group]
    value = place.title() if place.isupper() else place
    method = "dateline:agency" if group == "place" else "dateline:capitals"
    return [Evidence("dateline", value, match.start(group), match.end(group), method)]


def _dateline_match(doc: Doc, segments: list[Segment]) -> re.Match[str] | None:
    """A dateline opening one of the first paragraphs (a standfirst may come before it)."""
    opening = [s for s in segments if s.kept and not s.joined][:DATELINE_PARAGRAPHS]
    matches = (_DATELINE.match(doc.text, s.start, s.end) for s in opening)
    return next((m for m in matches if m), None)
