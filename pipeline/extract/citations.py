"""Sources the report names for what it says: agencies, statements, officials.

A citation is the report crediting its information to a named source, in its own voice
(never inside a quotation):

- "according to [reports from | a statement by ...] SOURCE", the source being anything
  named or described ("the Iranian Students' News Agency", "the Russian Defence Minister");
- an organisation that reports or states: "Anadolu Agency reports", "the Ministry said in
  a separate statement", ", Reuters reported", "Iranian state media reported";
- "citing SOURCE" and "in a statement by SOURCE".

Not citations: a person's own words ("Ashtiani said ...": those are quotes and reported
speech), an unnamed source ("according to him", "it noted", "according to reports"), the
outlet's own dateline credit ("Tehran (IMNA) -": the outlet is who publishes, not a source
it cites) and photo credits ("(Photo by ...)", which are captions, not body).

``source`` is the source as written, ``entity_id`` the entity it is: a name through the
gazetteer, a role through the people the document gives it, and an institution named by
its kind ("the Ministry") through the latest one the text points to, named or implied by
its head ("the Russian Defence Minister" implies the Russian defence ministry).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from operator import itemgetter

from pipeline.extract.entities import (
    Holders,
    holdings,
    mentions,
    overlapping,
    person_of,
    resolve_role,
    role_phrases,
    role_run_at,
    role_runs,
    run_role,
)
from pipeline.extract.gazetteer import Gazetteer, Word
from pipeline.extract.model import Citation, Doc, Mention
from pipeline.extract.people import Person
from pipeline.extract.quotes import frame
from pipeline.extract.registry import Registry
from pipeline.extract.view import reads_text

Span = tuple[int, int]

_INSTITUTIONS = (
    "ministry|agency|office|department|army|navy|corps|command|government|council|committee"
    "|staff|service|embassy|kremlin|presidency|administration|foundation|institute|press"
    "|news|media|television|tv|radio|newspaper|daily|channel|website"
)
_INSTITUTION_WORDS = frozenset(_INSTITUTIONS.split("|"))
# A pattern that opens with a set of letters (not with ``\b``) is searched for much faster:
# ``[Aa](?<!\w.)`` is ``\b[Aa]``, the word boundary read back after the letter.
_ACCORDING = re.compile(
    r"[Aa](?<!\w.)ccording to\s+(?:(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:reports?|statements?|release|announcement|data|figures|footage|communiqu[eé]|website)"
    r"\s+(?:issued\s+|released\s+|published\s+|carried\s+|posted\s+)?(?:from|by|of|on)\s+)?"
)
_CITING = re.compile(
    r"[CcIi](?<!\w.)(?:(?<=[Cc])iting|(?<=[Ii])n an? (?:\w+\s+)?(?:statement|communiqu[eé]|release)"
    r"(?:\s+(?:issued|released|published))?\s+by)\s+"
)
_REPORTS = re.compile(
    r"\s+(?:also\s+)?(?P<cue>reports|reported|said|says|stated|announced|noted|wrote|confirmed"
    r"|quoted|added|claimed)\b(?P<where>\s+(?:in|on)\s+an?\s+(?:\w+\s+)?(?:statement|report"
    r"|release|communiqu[eé]|post|interview))?"
)
_REPORTED_BY = re.compile(r",\s+(?P<cue>reported|reports|said)\s+")
_NOMINAL = re.compile(rf"[Tt](?<!\w.)(?i:he\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_INSTITUTIONS})\b)")
_STATE_MEDIA = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+)?(?:state|official|state-run|state-owned)\s+"
    r"(?:media|television|TV|radio|news agency|broadcaster)\b"
)
_STATE_MEDIA_CORE = re.compile(  # what any match of it holds, searched much faster
    r"(?:state|official)(?:-run|-owned)?\s+(?:media|television|TV|radio|news agency|broadcaster)"
)
_COMPLEMENT = re.compile(r"\b(?:of|for|from|by|with|to)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s?")
_SOURCE_GLUE = frozenset({"of", "for", "the", "and", "on", "in"})
_UNNAMED = frozenset(
    {"him", "her", "them", "it", "he", "she", "they", "reports", "sources", "officials", "media"}
)
_LAST_GLUE = _SOURCE_GLUE | {"a", "an"}  # not the last word of a source
_NOT_A_NAME = _UNNAMED | _SOURCE_GLUE  # a source of only these names nobody
_START, _KEY = itemgetter(0), itemgetter(3)  # a Word's start and key


@dataclass(frozen=True)
class _Source:
    start: int
    end: int
    entity_id: str


@dataclass
class _Report:
    """What the citation rules read: the report's own voice (``view``) and its names."""

    text: str
    view: str  # the title and body, quotations masked, the rest blanked (quotes.frame)
    names: list[Mention]  # in text order
    gazetteer: Gazetteer

    @cached_property
    def starts(self) -> list[int]:
        return [m.start for m in self.names]

    @cached_property
    def held(self) -> Holders:
        return Holders(holdings(self.text, self.names, self.gazetteer))

    @cached_property
    def institutions(self) -> _Institutions:
        return _Institutions(self.view, self.names, self.gazetteer)


@reads_text
def run(doc: Doc, registry: Registry) -> Doc:
    """Fill ``doc.citations``."""
    doc.citations = citations(doc, registry.gazetteer)
    return doc


def citations(doc: Doc, gazetteer: Gazetteer) -> list[Citation]:
    """Every citation in the report's own voice (title and kept body), in text order."""
    report = _Report(doc.text, frame(doc), mentions(doc, gazetteer), gazetteer)
    found: list[Citation] = []
    for pattern, method in ((_ACCORDING, "according-to"), (_CITING, "citing")):
        for m in pattern.finditer(report.view):
            source = _source(report, m.end())
            if source is not None:
                cue = report.view[m.start() : m.end()].strip().lower()
                found.append(_citation(doc.text, m.start(), source.end, source, cue, method))
    for source, cue, end in _reporting(report):
        found.append(_citation(doc.text, source.start, end, source, cue, "source-verb"))
    found.sort(key=lambda c: (c.start, c.end))
    starts = [c.start for c in found]
    reach = list(accumulate((c.end for c in found), max))  # the furthest end so far
    return [c for n, c in enumerate(found) if not _overlaps_earlier(c, n, starts, reach)]


def _citation(text: str, start: int, end: int, source: _Source, cue: str, method: str) -> Citation:
    return Citation(start, end, text[source.start : source.end], source.entity_id, cue, method)


def _overlaps_earlier(c: Citation, n: int, starts: list[int], reach: list[int]) -> bool:
    """Whether citation ``n`` overlaps one before it (they are sorted by start)."""
    earlier = min(n, bisect_left(starts, c.end))  # those that start before it ends
    return earlier > 0 and reach[earlier - 1] > c.start


def _source(report: _Report, start: int) -> _Source | None:
    """The named source starting at ``start``: a name, a role, or an institution."""
    text, view, gazetteer = report.text, report.view, report.gazetteer
    span = _phrase(view, start, gazetteer)
    if span is None:
        return None
    s, e = span
    inside = report.names[bisect_left(report.starts, s) : bisect_right(report.starts, e)]
    named = [m for m in inside if m.end <= e and m.type != "place"]
    if named:
        head = named[-1]
        return _Source(s, e, head.entity_id)
    for (rs, re_), role in role_phrases(text, s, e, gazetteer):
        if re_ == e and view[s:rs].strip().lower() in ("", "the", "a", "an"):
            person = resolve_role(role, report.held, _people_before(report, s))
            return _Source(s, e, person.entity_id if person else "")
    nominal = _NOMINAL.fullmatch(view, s, e)
    if nominal:
        return _Source(s, e, _antecedent(report, s, e))
    if any(w.text[0].isupper() for w in gazetteer.words(view, s, e)):
        return _Source(s, e, "")
    return None


def _people_before(report: _Report, start: int) -> Iterator[Person]:
    """The people named before ``start``, the latest first."""
    for n in range(bisect_left(report.starts, start) - 1, -1, -1):
        m = report.names[n]
        if m.end <= start and m.type == "person":
            yield person_of(m)


def _phrase(view: str, start: int, gazetteer: Gazetteer) -> Span | None:
    """The noun phrase from ``start`` to the first word or mark that cannot belong to a name."""
    end = start
    for w in gazetteer.words(view, start, min(len(view), start + 150)):
        gap = view[end : w.start]
        if end > start and _POSSESSIVE.sub("", gap).strip():
            break
        lower = w.text.lower()
        if not (
            w.text[0].isupper()
            or lower in _SOURCE_GLUE
            or lower in ("a", "an")
            or lower in _INSTITUTION_WORDS
            or w.key in gazetteer.title_words
            or w.key in gazetteer.demonyms
        ):
            break
        end = w.end
    words = gazetteer.words(view, start, end)
    while words and words[-1].text.lower() in _LAST_GLUE:
        words.pop()
    if not words or (len(words) == 1 and words[0].text.lower() in _UNNAMED):
        return None
    if all(w.text.lower() in _NOT_A_NAME for w in words):
        return None
    return words[0].start, words[-1].end


def _state_media(view: str) -> Iterator[re.Match[str]]:
    """``_STATE_MEDIA.finditer(view)``, where a quick search says it may find any."""
    return _STATE_MEDIA.finditer(view) if _STATE_MEDIA_CORE.search(view) else iter(())


def _reporting(report: _Report) -> list[tuple[_Source, str, int]]:
    """Organisations that report or state: "Anadolu Agency reports", ", Reuters reported"."""
    view = report.view
    found = []
    organisations = [m for m in report.names if m.type == "organization"]
    named = overlapping((m.start, m.end) for m in organisations)
    subjects = [(m.start, m.end, m.entity_id) for m in organisations]
    subjects += [
        (n.start(), n.end(), "")
        for n in [*_NOMINAL.finditer(view), *_state_media(view)]
        if not named(n.start(), n.end())
    ]
    for s, e, entity_id in subjects:
        verb = _REPORTS.match(view, e)
        if verb is None or _COMPLEMENT.search(view, max(0, s - 12), s):
            continue  # "the head of the Ministry said": the head speaks
        if not entity_id:
            entity_id = _antecedent(report, s, e)
        found.append((_Source(s, e, entity_id), verb["cue"], verb.end()))
    for m in organisations:
        before = _REPORTED_BY.search(view, max(0, m.start - 12), m.start)
        if before and before.end() == m.start:
            found.append((_Source(m.start, m.end, m.entity_id), before["cue"], m.end))
    return found


def _antecedent(report: _Report, start: int, end: int) -> str:
    """The institution "the Ministry" means: the latest one named or implied before it.

    An institution is implied by a role that heads it ("the Russian Defence Minister"); it
    must carry the same head noun ("Ministry") in one of its names.
    """
    noun = report.gazetteer.key(report.view[start:end].split()[-1])
    return report.institutions.latest(start, noun)


class _Institutions:
    """The organisations a report names, and those its roles imply, by position.

    Built once: the roles read before a position are the role phrases of the whole report
    that end before it, and those of the part before it of the run of words it cuts.
    """

    def __init__(self, view: str, names: Sequence[Mention], gazetteer: Gazetteer) -> None:
        self._view, self._gazetteer = view, gazetteer
        self._named = [
            (m.start, m.entity_id) for m in names if m.type == "organization" and m.entity_id
        ]
        self._words = gazetteer.words(view)  # role runs are read from these where needed
        self._by_noun: dict[str, list[tuple[int, str, int]]] = {}

    @cached_property
    def _implied(self) -> list[tuple[int, str, int]]:
        """(start, organisation, run's start) of every role phrase that heads an organisation.

        Only a run holding an office's first or last word, or "head", can: the runs are
        read around those words."""
        firsts, lasts = self._gazetteer.office_ends
        office = firsts | lasts | {"head"}
        ws, runs, reached = self._words, [], 0
        for i in [i for i, w in enumerate(ws) if w.key in office]:
            run = role_run_at(self._view, ws, i, self._gazetteer) if i >= reached else None
            if run is not None:
                runs.append(ws[run[0] : run[1]])
                reached = run[1]
        return [(pos, head, run[0].start) for run in runs for pos, head in self._heads([run])]

    def _heads(self, runs: Sequence[Sequence[Word]]) -> list[tuple[int, str]]:
        found, (firsts, lasts) = [], self._gazetteer.office_ends
        for run in runs:
            keys = set(map(_KEY, run))
            if "head" not in keys and (keys.isdisjoint(firsts) or keys.isdisjoint(lasts)):
                continue  # no title of an office in it, nor "head of": no role
            phrase = run_role(self._view, run, self._gazetteer)
            head = self._gazetteer.head_of(phrase[1]) if phrase else ""
            if phrase and head:
                found.append((phrase[0][0], head))
        return found

    def _fitting(self, noun: str) -> list[tuple[int, str, int]]:
        """(start, organisation, run's start or -1 for a name), sorted, of those ``noun``
        can mean."""
        if noun not in self._by_noun:
            words = self._gazetteer.name_words
            named = [(pos, entity_id, -1) for pos, entity_id in self._named]
            self._by_noun[noun] = sorted(
                item for item in [*named, *self._implied] if noun in words(item[1])
            )
        return self._by_noun[noun]

    def latest(self, start: int, noun: str) -> str:
        """The latest organisation before ``start`` with ``noun`` in one of its names."""
        fitting = self._fitting(noun)
        n = bisect_left(fitting, (start,))
        last = bisect_left(self._words, start, key=_START) - 1  # the last word before it
        run = role_run_at(self._view, self._words, last, self._gazetteer) if last >= 0 else None
        if run is not None and self._words[run[1] - 1].end > start:  # a run going on past it
            cut = self._words[run[0]].start  # read its part before ``start``
            while n and fitting[n - 1][2] == cut:
                n -= 1
            part = role_runs(self._view, cut, start, self._gazetteer)
            words = self._gazetteer.name_words
            found = [item for item in self._heads(part) if noun in words(item[1])]
        else:
            found = []
        if n:
            found.append(fitting[n - 1][:2])
        return max(found)[1] if found else ""
