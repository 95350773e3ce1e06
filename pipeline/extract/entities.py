"""Entity mentions in the title and the kept body, and who holds which role in a document.

Names come from the gazetteer (longest match). A surname alone ("Ashtiani") stands for the
person the document names in full, nearest before it (else first after it). People the
gazetteer lacks are found by the rules of :mod:`pipeline.extract.people` ("Anna Keller",
"Mayor Keller", "Heyward said") and kept as candidates: an empty ``entity_id`` and the
full name the document gives them in ``name``. The gazetteer gives its names priority.

Mentions are proper names: role descriptions ("the Russian Defence Minister") and
demonyms ("Iranian") are not mentions, but the roles written next to a name are read as
:class:`Holding` rows, which the quote and citation steps use to tell who "the Minister" is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate

from pipeline.extract import people
from pipeline.extract.gazetteer import Gazetteer, Match, Role, Word
from pipeline.extract.model import Doc, Mention
from pipeline.extract.people import Person
from pipeline.extract.registry import Registry
from pipeline.extract.view import reads_text

Span = tuple[int, int]

_ROLE_GLUE = frozenset({"of", "the", "for", "and"})
_APPOSITION = re.compile(r"\s*,\s*((?:the |a |an )?[^,.;:()\[\]\n]{2,100}?)\s*(?=[,.;:)]|$)")
_SPACE = re.compile(r" +")
_POSSESSIVE = re.compile(r"^['’]s\b")


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

    person: Person
    role: Role
    start: int  # where the mention of the person starts


def paragraphs(doc: Doc) -> list[Paragraph]:
    """The title and the kept body paragraphs, in text order; a joined segment continues one.

    Only the first title segment counts: a page that repeats its headline has one title.
    """
    found: list[tuple[list[Span], bool]] = []  # pieces, title
    titles = [s for s in doc.segments if s.kind == "title"][:1]
    for seg in sorted([*titles, *(s for s in doc.segments if s.kept)], key=lambda s: s.start):
        if seg.kept and seg.joined and found and not found[-1][1]:
            found[-1][0].append((seg.start, seg.end))
        else:
            found.append(([(seg.start, seg.end)], not seg.kept))
    return [Paragraph(tuple(pieces), title) for pieces, title in found]


@reads_text
def run(doc: Doc, registry: Registry) -> Doc:
    """Fill ``doc.mentions`` from the title and the kept body."""
    doc.mentions = mentions(doc, registry.gazetteer)
    return doc


def mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every mention in the title and kept body, in text order."""
    paras = paragraphs(doc)
    headlines = frozenset(s for p in paras if p.title for s, _ in p.pieces)
    pieces = tuple(piece for p in paras for piece in p.pieces)
    return list(_mentions(doc.text, pieces, headlines, gazetteer))


def overlapping(spans: Iterable[Span]) -> Callable[[int, int], bool]:
    """A test of whether a span overlaps any of ``spans``, in logarithmic time."""
    ends = _GreatestBefore(spans)
    return lambda start, end: ends.greatest(end) > start


class Holders:
    """Who holds each role a document gives, asked once per role description."""

    def __init__(self, held: Iterable[Holding]) -> None:
        self._by_role: dict[Role, set[Person]] = {}
        for h in held:
            self._by_role.setdefault(h.role, set()).add(h.person)
        self._known: dict[Role, frozenset[Person]] = {}

    def of(self, role: Role) -> frozenset[Person]:
        """Everyone holding a role that ``role`` can mean."""
        if role not in self._known:
            self._known[role] = frozenset(
                person for held, ps in self._by_role.items() if role.fits(held) for person in ps
            )
        return self._known[role]


def holdings(text: str, found: Sequence[Mention], gazetteer: Gazetteer) -> list[Holding]:
    """Roles written before a person's name or in apposition after it, in text order.

    "Russian Defence Minister Sergei Shoigu", "The Russian Defense Minister, Sergei Shoigu,"
    and "Mohammad Bagheri, Chief of Staff of the Armed Forces" all say who holds what.
    """
    return list(_holdings(text, tuple(found), gazetteer))


@lru_cache(maxsize=2)  # the quote and citation steps read one document's roles
def _holdings(text: str, found: tuple[Mention, ...], gazetteer: Gazetteer) -> tuple[Holding, ...]:
    held, floor = [], 0
    for m in found:
        if m.type != "person":
            continue
        before, floor = _role_before(text, m.start, gazetteer, floor), m.end
        for phrase in (before, _role_after(text, m.end)):
            role = gazetteer.role(phrase) if phrase else None
            if role is not None:
                held.append(Holding(person_of(m), role, m.start))
    return tuple(held)


def title_start(text: str, start: int, gazetteer: Gazetteer, floor: int = 0) -> int:
    """Where the title written right before a name at ``start`` begins (``start`` if none).

    The title ("Iran's Defense Minister", "Chief of General Staff of the Iranian Armed
    Forces", "General") is read back over title words, demonyms, capitalised words and
    "of the", across at most one comma between it and the name or the name's honorifics
    ("Iran's Supreme Leader, Ayatollah Ali Khamenei"; not when no title word stands before
    the comma: "the Gaza Strip, Marwan Al-Hams"), never past ``floor`` (the end of the name
    before); any other word or punctuation ends it.
    """
    ws = gazetteer.words(text, max(floor, start - 200), start)
    pos, first = start, len(ws)  # the title is ws[first:]
    comma, titles_only, after_comma, titled = False, True, len(ws), False
    for n in range(len(ws) - 1, -1, -1):
        w = ws[n]
        gap = _POSSESSIVE.sub("", text[w.end : pos]).strip()
        if gap and not (gap == "," and titles_only and not comma):
            break
        if not (w.text[0].isupper() or w.key in gazetteer.title_words or w.key in _ROLE_GLUE):
            break
        if gap == ",":
            comma, after_comma = True, first
        titles_only = titles_only and w.key in gazetteer.title_words
        titled = titled or (comma and w.key in gazetteer.title_words and w.key not in _ROLE_GLUE)
        pos, first = w.start, n
    if comma and not titled:  # "the Gaza Strip, Marwan Al-Hams": no title before the comma
        first = after_comma
    while first < len(ws) and ws[first].key in _ROLE_GLUE:
        first += 1
    return ws[first].start if first < len(ws) else start


def _role_before(text: str, start: int, gazetteer: Gazetteer, floor: int = 0) -> str:
    return text[title_start(text, start, gazetteer, floor) : start].strip(" ,")


def role_phrases(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[Span, Role]]:
    """Role descriptions in ``text[start:end]``, named or not ("the Russian Defence Minister").

    A run of title words, demonyms, capitalised words and "of the" is a role when the
    gazetteer reads one in it.
    """
    found = (run_role(text, run, gazetteer) for run in role_runs(text, start, end, gazetteer))
    return [phrase for phrase in found if phrase is not None]


def role_runs(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[list[Word]]:
    """The runs of words of ``text[start:end]`` that may make a role, in order."""
    ws = gazetteer.words(text, start, end)
    keys = _role_keys(gazetteer)
    runs: list[list[Word]] = []
    last = -2  # the index of the latest word in a run
    for n in [n for n, w in enumerate(ws) if w.key in keys or w.text[0].isupper()]:
        if n == last + 1 and _joins(text[ws[last].end : ws[n].start]):
            runs[-1].append(ws[n])
        else:
            runs.append([ws[n]])
        last = n
    return runs


def role_run_at(text: str, ws: Sequence[Word], i: int, gazetteer: Gazetteer) -> Span | None:
    """The run of :func:`role_runs` over all of ``ws`` (the words of ``text``) that holds
    ``ws[i]``, as word indices ``(first, last + 1)``; None if none holds it. Read from
    ``ws[i]`` outwards, so a caller wanting few runs need not make them all."""
    keys = _role_keys(gazetteer)
    if not (ws[i].key in keys or ws[i].text[0].isupper()):
        return None
    a = i
    while a > 0 and (ws[a - 1].key in keys or ws[a - 1].text[0].isupper()):
        if not _joins(text[ws[a - 1].end : ws[a].start]):
            break
        a -= 1
    b = i + 1
    while b < len(ws) and (ws[b].key in keys or ws[b].text[0].isupper()):
        if not _joins(text[ws[b - 1].end : ws[b].start]):
            break
        b += 1
    return a, b


@lru_cache(maxsize=4)
def _role_keys(gazetteer: Gazetteer) -> frozenset[str]:
    """The keys of the words that may make a role, capitalised or not."""
    return gazetteer.title_words | _ROLE_GLUE | frozenset(gazetteer.demonyms)


def _joins(gap: str) -> bool:
    """Whether the text between two words keeps them in one phrase: space, or a possessive."""
    return gap == " " or gap.isspace() or not _POSSESSIVE.sub("", gap).strip()


def run_role(text: str, run: Sequence[Word], gazetteer: Gazetteer) -> tuple[Span, Role] | None:
    """The span and role of a run of :func:`role_runs`, less "of the" at either end."""
    first, last = 0, len(run)
    while first < last and run[first].key in _ROLE_GLUE:
        first += 1
    while last > first and run[last - 1].key in _ROLE_GLUE:
        last -= 1
    if first == last:
        return None
    span = (run[first].start, run[last - 1].end)
    role = gazetteer.role(text[span[0] : span[1]])
    return (span, role) if role is not None else None


def _role_after(text: str, end: int) -> str:
    """The phrase in apposition right after a name (", the Chief of Staff of ...,")."""
    m = _APPOSITION.match(text, end)
    return m.group(1) if m else ""


def resolve_role(role: Role, held: Holders, focus: Iterable[Person]) -> Person | None:
    """The person a role description means: its only holder, else the first in ``focus``.

    ``focus`` lists people in order of preference (for a pronoun-like "the Minister", the
    most recent speaker or subject first), read only as far as needed; with several
    holders and none of them in focus, nobody.
    """
    holders = held.of(role)
    if len(holders) == 1:
        return next(iter(holders))
    return next((person for person in focus if person in holders), None)


def person_of(m: Mention) -> Person:
    """Who a mention stands for."""
    return Person(m.entity_id, m.name)


@lru_cache(maxsize=2)  # the entity, quote and citation steps read one document's names
def _mentions(
    text: str, pieces: tuple[Span, ...], headlines: frozenset[int], gazetteer: Gazetteer
) -> tuple[Mention, ...]:
    """The mentions of ``pieces`` of ``text``; those starting at ``headlines`` are headlines."""
    piece_words = [gazetteer.words(text, start, end) for start, end in pieces]
    matches = [m for ws in piece_words for m in gazetteer.find_words(text, ws)]
    named = {e for m in matches if not m.partial for e in m.entity_ids}
    full = _FullNames([m for m in matches if not m.partial and m.type == "person"], named)
    found = [_mention(text, m, full, gazetteer) for m in matches]
    taken = overlapping((m.start, m.end) for m in found if m.entity_id)
    names = people.find(
        text,
        piece_words,
        [start in headlines for start, _ in pieces],
        gazetteer,
        taken,
        partial(_speech_follows, text, gazetteer),
        partial(_speech_precedes, text, gazetteer),
    )
    read = overlapping((p.start, p.end) for p in names)  # a name the gazetteer had in part
    found = [m for m in found if m.entity_id or not read(m.start, m.end)]
    found += [Mention(p.start, p.end, "", p.type, p.method, p.name) for p in names]
    return tuple(sorted(found, key=lambda m: m.start))


class _GreatestBefore:
    """Values at positions, asked for the greatest value at a position before a given one."""

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(pairs)
        self._positions = [position for position, _ in ordered]
        self._greatest = list(accumulate((value for _, value in ordered), max))

    def greatest(self, position: int, default: int = -1) -> int:
        """The greatest value at a position less than ``position`` (``default`` if none)."""
        n = bisect_left(self._positions, position)
        return self._greatest[n - 1] if n else default


class _FullNames:
    """The people named in full, in text order, for a surname to take the one nearest it."""

    def __init__(self, full: Sequence[Match], named: set[str]) -> None:
        places: dict[str, list[tuple[int, int]]] = {}  # (start, order) of each person's names
        for order, m in enumerate(full):
            if m.entity_id in named:
                places.setdefault(m.entity_id, []).append((m.start, order))
        self._first = {entity_id: p[0][1] for entity_id, p in places.items()}
        self._latest = {entity_id: _GreatestBefore(p) for entity_id, p in places.items()}

    def nearest(self, match: Match) -> str:
        """The person of ``match`` named in full latest before it, else first after it."""
        ids = [e for e in match.entity_ids if e in self._first]
        before = [(self._latest[e].greatest(match.start), e) for e in ids]
        if before and max(before)[0] >= 0:
            return max(before)[1]
        return min(((self._first[e], e) for e in ids), default=(0, ""))[1]


def _mention(text: str, match: Match, full: _FullNames, gazetteer: Gazetteer) -> Mention:
    """A gazetteer match as a mention; a surname takes the person named in full nearest it."""
    chosen = match.entity_id if not match.partial else full.nearest(match)
    name = (
        gazetteer.entities[chosen].name
        if chosen
        else " ".join(text[match.start : match.end].split())
    )
    if not match.partial:
        return Mention(match.start, match.end, chosen, match.type, "gazetteer", name)
    if not chosen:
        return Mention(match.start, match.end, "", "person", "candidate:surname", name)
    return Mention(match.start, match.end, chosen, "person", "gazetteer:surname", name)


def _speech_precedes(text: str, gazetteer: Gazetteer, start: int) -> bool:
    """Whether a speech verb ("said", "says") comes right before ``start``: "said Oza"."""
    if start == 0 or text[start - 1] != " ":
        return False
    before = text[max(0, start - 24) : start]
    words, cues = before.split()[-2:], gazetteer.cues
    if len(words) == 2 and cues.get(f"{words[0]} {words[1]}") == "verb":
        return True
    return bool(words) and cues.get(words[-1]) == "verb"


def _speech_follows(text: str, gazetteer: Gazetteer, end: int) -> bool:
    """Whether a speech verb ("said", "told") comes right after ``end``."""
    space = _SPACE.match(text, end)
    cue = gazetteer.cue_pattern.match(text, space.end()) if space else None
    return cue is not None and gazetteer.cues[cue.group().casefold()] == "verb"
