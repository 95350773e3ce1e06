"""Entity mentions in the title and the kept body, and who holds which role in a document.

Names come from the gazetteer (longest match). A surname alone ("Ashtiani") stands for the
person the document names in full, nearest before it (else first after it). Person names
the gazetteer lacks are still found by rule — a capitalised name after a title ("President
Joe Biden"), in apposition with a role ("Joe Biden, the US President,") or right before a
speech verb ("Joe Biden said") — and kept as candidates with an empty ``entity_id``.

Mentions are proper names: role descriptions ("the Russian Defence Minister") and
demonyms ("Iranian") are not mentions, but the roles written next to a name are read as
:class:`Holding` rows, which the quote and citation steps use to tell who "the Minister" is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.gazetteer import Gazetteer, Match, Role, Word
from pipeline.model import Doc, Mention
from pipeline.registry import Registry

Span = tuple[int, int]

_ROLE_GLUE = frozenset({"of", "the", "for", "and"})
_APPOSITION = re.compile(r"\s*,\s*((?:the |a |an )?[^,.;:()\[\]\n]{2,100}?)\s*(?=[,.;:)]|$)")
_NAME_GAP = re.compile(r" |-")
_SPACE = re.compile(r" +")
_POSSESSIVE = re.compile(r"^['’]s\b")
# fmt: off
_NOT_NAMES = frozenset({
    "the", "a", "an", "and", "of", "in", "on", "at", "for", "to", "by", "with", "from", "as",
    "this", "that", "these", "those", "his", "her", "their", "its", "our", "we", "he", "she",
    "they", "it", "both", "all", "some", "many", "several", "other", "another", "each", "every",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "agency", "ministry", "ministries", "forces", "force", "army", "navy",
    "corps", "organization", "organisation", "council", "committee", "staff", "office",
    "department", "government", "republic", "kingdom", "union", "party", "court", "bank",
    "university", "institute", "company", "group", "news", "press", "tv", "radio", "media",
    "state", "states", "province", "region", "city", "county", "district", "street", "square",
    "airport", "base", "operation"
})
# fmt: on


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the title or of the kept body: its pieces (segments) in the raw text."""

    pieces: tuple[Span, ...]
    title: bool = False

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass(frozen=True)
class Holding:
    """A role that the document gives a person, read next to a mention of them."""

    entity_id: str
    role: Role
    start: int  # where the mention of the person starts


def paragraphs(doc: Doc) -> list[Paragraph]:
    """The title and the kept body paragraphs, in text order; a joined segment continues one.

    Only the first title segment counts: a page that repeats its headline has one title.
    """
    found: list[Paragraph] = []
    titles = [s for s in doc.segments if s.kind == "title"][:1]
    for seg in sorted([*titles, *(s for s in doc.segments if s.kept)], key=lambda s: s.start):
        if seg.kept and seg.joined and found and not found[-1].title:
            found[-1] = Paragraph((*found[-1].pieces, (seg.start, seg.end)))
        else:
            found.append(Paragraph(((seg.start, seg.end),), title=not seg.kept))
    return found


def run(doc: Doc, registry: Registry) -> Doc:
    """Fill ``doc.mentions`` from the title and the kept body."""
    doc.mentions = mentions(doc, registry.gazetteer)
    return doc


def mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every mention in the title and kept body, in text order."""
    return list(_mentions(doc.text, _pieces(doc), gazetteer))


def holdings(text: str, found: Sequence[Mention], gazetteer: Gazetteer) -> list[Holding]:
    """Roles written before a person's name or in apposition after it, in text order.

    "Russian Defence Minister Sergei Shoigu", "The Russian Defense Minister, Sergei Shoigu,"
    and "Mohammad Bagheri, Chief of Staff of the Armed Forces" all say who holds what.
    """
    held, floor = [], 0
    for m in found:
        if m.type != "person":
            continue
        before, floor = _role_before(text, m.start, gazetteer, floor), m.end
        if not m.entity_id:
            continue
        for phrase in (before, _role_after(text, m.end)):
            role = gazetteer.role(phrase) if phrase else None
            if role is not None:
                held.append(Holding(m.entity_id, role, m.start))
    return held


def title_start(text: str, start: int, gazetteer: Gazetteer, floor: int = 0) -> int:
    """Where the title written right before a name at ``start`` begins (``start`` if none).

    The title ("Iran's Defense Minister", "Chief of General Staff of the Iranian Armed
    Forces", "General") is read back over title words, demonyms, capitalised words and
    "of the", across at most one comma between it and the name or the name's honorifics
    ("Iran's Supreme Leader, Ayatollah Ali Khamenei"), never past ``floor`` (the end of
    the name before); any other word or punctuation ends it.
    """
    pos = begin = start
    comma, titles_only = False, True
    for w in reversed(gazetteer.words(text, max(floor, start - 200), start)):
        gap = _POSSESSIVE.sub("", text[w.end : pos]).strip()
        if gap and not (gap == "," and titles_only and not comma):
            break
        if not (w.text[0].isupper() or w.key in gazetteer.title_words or w.key in _ROLE_GLUE):
            break
        comma = comma or gap == ","
        titles_only = titles_only and w.key in gazetteer.title_words
        pos = begin = w.start
    ws = gazetteer.words(text, begin, start)
    while ws and ws[0].key in _ROLE_GLUE:
        ws.pop(0)
    return ws[0].start if ws else start


def _role_before(text: str, start: int, gazetteer: Gazetteer, floor: int = 0) -> str:
    return text[title_start(text, start, gazetteer, floor) : start].strip(" ,")


def role_phrases(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[Span, Role]]:
    """Role descriptions in ``text[start:end]``, named or not ("the Russian Defence Minister").

    A run of title words, demonyms, capitalised words and "of the" is a role when the
    gazetteer reads one in it.
    """
    runs: list[list[Word]] = [[]]
    for w in gazetteer.words(text, start, end):
        role_word = (
            w.text[0].isupper()
            or w.key in gazetteer.title_words
            or w.key in _ROLE_GLUE
            or w.key in gazetteer.demonyms
        )
        if not role_word:
            runs.append([])
        elif runs[-1] and not _POSSESSIVE.sub("", text[runs[-1][-1].end : w.start]).strip():
            runs[-1].append(w)
        else:
            runs.append([w])
    found = []
    for run in runs:
        while run and run[0].key in _ROLE_GLUE:
            run.pop(0)
        while run and run[-1].key in _ROLE_GLUE:
            run.pop()
        if not run:
            continue
        role = gazetteer.role(text[run[0].start : run[-1].end])
        if role is not None:
            found.append(((run[0].start, run[-1].end), role))
    return found


def _role_after(text: str, end: int) -> str:
    """The phrase in apposition right after a name (", the Chief of Staff of ...,")."""
    m = _APPOSITION.match(text, end)
    return m.group(1) if m else ""


def resolve_role(role: Role, held: Sequence[Holding], focus: Sequence[str]) -> str:
    """The person a role description means: its only holder, else the first in ``focus``.

    ``focus`` lists people in order of preference (for a pronoun-like "the Minister", the
    most recent speaker or subject first); with several holders and none of them in
    focus, nobody.
    """
    holders = {h.entity_id for h in held if role.fits(h.role)}
    if len(holders) == 1:
        return holders.pop()
    return next((entity_id for entity_id in focus if entity_id in holders), "")


def _pieces(doc: Doc) -> list[Span]:
    return [piece for p in paragraphs(doc) for piece in p.pieces]


def _mentions(text: str, pieces: Sequence[Span], gazetteer: Gazetteer) -> list[Mention]:
    matches = [m for start, end in pieces for m in gazetteer.find(text, start, end)]
    named = {e for m in matches if not m.partial for e in m.entity_ids}
    full = [m for m in matches if not m.partial and m.type == "person"]
    found = [_mention(m, full, named) for m in matches]
    taken = [(m.start, m.end) for m in found]
    for start, end in pieces:
        for span, method in _candidates(text, start, end, gazetteer):
            if not any(s < span[1] and span[0] < e for s, e in taken):
                found.append(Mention(span[0], span[1], "", "person", method))
    return sorted(found, key=lambda m: m.start)


def _mention(match: Match, full: Sequence[Match], named: set[str]) -> Mention:
    """A gazetteer match as a mention; a surname takes the person named in full nearest it."""
    if not match.partial:
        return Mention(match.start, match.end, match.entity_id, match.type, "gazetteer")
    options = [m for m in full if m.entity_id in match.entity_ids and m.entity_id in named]
    before = [m for m in options if m.start < match.start]
    chosen = before[-1] if before else (options[0] if options else None)
    if chosen is None:
        return Mention(match.start, match.end, "", "person", "candidate:surname")
    return Mention(match.start, match.end, chosen.entity_id, "person", "gazetteer:surname")


def _candidates(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[Span, str]]:
    """Person names the gazetteer lacks, each with the rule that found it."""
    found = []
    for run in _capitalised_runs(text, start, end, gazetteer):
        titled = [i for i, w in enumerate(run) if w.key in gazetteer.title_words]
        name = run[titled[-1] + 1 :] if titled else run
        if not 2 <= len(name) <= 4 or any(w.key in gazetteer.title_words for w in name):
            continue
        if any(w.text.casefold() in _NOT_NAMES or w.key in gazetteer.demonyms for w in name):
            continue
        span = (name[0].start, name[-1].end)
        if titled and titled[-1] == len(run) - len(name) - 1:
            found.append((span, "candidate:title"))
        elif gazetteer.role(_role_before(text, span[0], gazetteer) or "-"):
            found.append((span, "candidate:role"))
        elif gazetteer.role(_role_after(text, span[1]) or "-"):
            found.append((span, "candidate:apposition"))
        elif _speech_follows(text, span[1], gazetteer):
            found.append((span, "candidate:cue"))
    return found


def _capitalised_runs(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[list[Word]]:
    """Runs of capitalised words joined by single spaces or hyphens."""
    runs: list[list[Word]] = []
    for w in gazetteer.words(text, start, end):
        capital = w.text[0].isupper() and not w.text.isupper()
        if not capital:
            continue
        if runs and _NAME_GAP.fullmatch(text[runs[-1][-1].end : w.start]):
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _speech_follows(text: str, end: int, gazetteer: Gazetteer) -> bool:
    """Whether a speech verb ("said", "told") comes right after ``end``."""
    space = _SPACE.match(text, end)
    cue = gazetteer.cue_pattern.match(text, space.end()) if space else None
    return cue is not None and gazetteer.cues[cue.group().casefold()] == "verb"
