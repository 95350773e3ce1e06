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
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.entities import holdings, mentions, resolve_role, role_phrases
from pipeline.gazetteer import Gazetteer
from pipeline.model import Citation, Doc, Mention
from pipeline.quotes import frame
from pipeline.registry import Registry

Span = tuple[int, int]

_INSTITUTIONS = (
    "ministry|agency|office|department|army|navy|corps|command|government|council|committee"
    "|staff|service|embassy|kremlin|presidency|administration|foundation|institute|press"
    "|news|media|television|tv|radio|newspaper|daily|channel|website"
)
_ACCORDING = re.compile(
    r"\b[Aa]ccording to\s+(?:(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:reports?|statements?|release|announcement|data|figures|footage|communiqu[eé]|website)"
    r"\s+(?:issued\s+|released\s+|published\s+|carried\s+|posted\s+)?(?:from|by|of|on)\s+)?"
)
_CITING = re.compile(
    r"\b(?:[Cc]iting|[Ii]n an? (?:\w+\s+)?(?:statement|communiqu[eé]|release)"
    r"(?:\s+(?:issued|released|published))?\s+by)\s+"
)
_REPORTS = re.compile(
    r"\s+(?:also\s+)?(?P<cue>reports|reported|said|says|stated|announced|noted|wrote|confirmed"
    r"|quoted|added|claimed)\b(?P<where>\s+(?:in|on)\s+an?\s+(?:\w+\s+)?(?:statement|report"
    r"|release|communiqu[eé]|post|interview))?"
)
_REPORTED_BY = re.compile(r",\s+(?P<cue>reported|reports|said)\s+")
_NOMINAL = re.compile(rf"\bthe\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_INSTITUTIONS})\b", re.IGNORECASE)
_STATE_MEDIA = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+)?(?:state|official|state-run|state-owned)\s+"
    r"(?:media|television|TV|radio|news agency|broadcaster)\b"
)
_COMPLEMENT = re.compile(r"\b(?:of|for|from|by|with|to)\s+(?:the\s+)?$", re.IGNORECASE)
_SOURCE_GLUE = frozenset({"of", "for", "the", "and", "on", "in"})
_UNNAMED = frozenset(
    {"him", "her", "them", "it", "he", "she", "they", "reports", "sources", "officials", "media"}
)


@dataclass(frozen=True)
class _Source:
    start: int
    end: int
    entity_id: str


def run(doc: Doc, registry: Registry) -> Doc:
    """Fill ``doc.citations``."""
    doc.citations = citations(doc, registry.gazetteer)
    return doc


def citations(doc: Doc, gazetteer: Gazetteer) -> list[Citation]:
    """Every citation in the report's own voice (title and kept body), in text order."""
    view = frame(doc)
    names = mentions(doc, gazetteer)
    found: list[Citation] = []
    for pattern, method in ((_ACCORDING, "according-to"), (_CITING, "citing")):
        for m in pattern.finditer(view):
            source = _source(doc.text, view, m.end(), names, gazetteer)
            if source is not None:
                cue = view[m.start() : m.end()].strip().lower()
                found.append(_citation(doc.text, m.start(), source.end, source, cue, method))
    for source, cue, end in _reporting(doc.text, view, names, gazetteer):
        found.append(_citation(doc.text, source.start, end, source, cue, "source-verb"))
    found.sort(key=lambda c: (c.start, c.end))
    return [c for n, c in enumerate(found) if not any(_overlap(c, d) for d in found[:n])]


def _citation(text: str, start: int, end: int, source: _Source, cue: str, method: str) -> Citation:
    return Citation(start, end, text[source.start : source.end], source.entity_id, cue, method)


def _overlap(a: Citation, b: Citation) -> bool:
    return a.start < b.end and b.start < a.end


def _source(
    text: str, view: str, start: int, names: Sequence[Mention], gazetteer: Gazetteer
) -> _Source | None:
    """The named source starting at ``start``: a name, a role, or an institution."""
    span = _phrase(view, start, gazetteer)
    if span is None:
        return None
    s, e = span
    named = [m for m in names if s <= m.start and m.end <= e and m.type != "place"]
    if named:
        head = named[-1]
        return _Source(s, e, head.entity_id)
    for (rs, re_), role in role_phrases(text, s, e, gazetteer):
        if re_ == e and view[s:rs].strip().lower() in ("", "the", "a", "an"):
            focus = [m.entity_id for m in reversed(names) if m.end <= s and m.type == "person"]
            return _Source(s, e, resolve_role(role, holdings(text, names, gazetteer), focus))
    nominal = _NOMINAL.fullmatch(view, s, e)
    if nominal:
        return _Source(s, e, _antecedent(text, view, s, e, names, gazetteer))
    if any(w.text[0].isupper() for w in gazetteer.words(view, s, e)):
        return _Source(s, e, "")
    return None


def _phrase(view: str, start: int, gazetteer: Gazetteer) -> Span | None:
    """The noun phrase from ``start`` to the first word or mark that cannot belong to a name."""
    end = start
    for w in gazetteer.words(view, start, min(len(view), start + 150)):
        gap = view[end : w.start]
        if end > start and re.sub(r"^['’]s?", "", gap).strip():
            break
        lower = w.text.lower()
        if not (
            w.text[0].isupper()
            or lower in _SOURCE_GLUE
            or lower in ("a", "an")
            or re.fullmatch(_INSTITUTIONS, lower)
            or w.key in gazetteer.title_words
            or w.key in gazetteer.demonyms
        ):
            break
        end = w.end
    words = gazetteer.words(view, start, end)
    while words and words[-1].text.lower() in _SOURCE_GLUE | {"a", "an"}:
        words.pop()
    if not words or (len(words) == 1 and words[0].text.lower() in _UNNAMED):
        return None
    if all(w.text.lower() in _UNNAMED | _SOURCE_GLUE for w in words):
        return None
    return words[0].start, words[-1].end


def _reporting(
    text: str, view: str, names: Sequence[Mention], gazetteer: Gazetteer
) -> list[tuple[_Source, str, int]]:
    """Organisations that report or state: "Anadolu Agency reports", ", Reuters reported"."""
    found = []
    subjects = [(m.start, m.end, m.entity_id) for m in names if m.type == "organization"]
    subjects += [
        (n.start(), n.end(), "")
        for pattern in (_NOMINAL, _STATE_MEDIA)
        for n in pattern.finditer(view)
        if not any(
            m.start < n.end() and n.start() < m.end for m in names if m.type == "organization"
        )
    ]
    for s, e, entity_id in subjects:
        verb = _REPORTS.match(view, e)
        if verb is None or _COMPLEMENT.search(view, max(0, s - 12), s):
            continue  # "the head of the Ministry said": the head speaks
        if not entity_id:
            entity_id = _antecedent(text, view, s, e, names, gazetteer)
        found.append((_Source(s, e, entity_id), verb["cue"], verb.end()))
    for m in names:
        before = _REPORTED_BY.search(view, max(0, m.start - 12), m.start)
        if m.type == "organization" and before and before.end() == m.start:
            found.append((_Source(m.start, m.end, m.entity_id), before["cue"], m.end))
    return found


def _antecedent(
    text: str, view: str, start: int, end: int, names: Sequence[Mention], gazetteer: Gazetteer
) -> str:
    """The institution "the Ministry" means: the latest one named or implied before it.

    An institution is implied by a role that heads it ("the Russian Defence Minister"); it
    must carry the same head noun ("Ministry") in one of its names.
    """
    noun = gazetteer.key(view[start:end].split()[-1])
    candidates: list[tuple[int, str]] = [
        (m.start, m.entity_id) for m in names if m.type == "organization" and m.entity_id
    ]
    for (s, _), role in role_phrases(view, 0, start, gazetteer):
        head = gazetteer.head_of(role)
        if head:
            candidates.append((s, head))
    fitting = [
        (pos, entity_id)
        for pos, entity_id in candidates
        if pos < start
        and any(noun in {w.key for w in gazetteer.words(a)} for a in gazetteer.aliases[entity_id])
    ]
    return max(fitting)[1] if fitting else ""
