"""Events: the reports of one meeting at one place and date, grouped.

Rules, in order:

1. A report's *features*: its day (``documents.published``, cut to the day; none when the
   outlet gives no date), the people and places it mentions (``mentions``: the entity, else
   the name lowercased; the first span of each), and a MinHash (``datasketch``,
   ``PERMUTATIONS``) of its body's words (lowercased, ``WORD``).
2. *Candidates* (blocking, so the work grows with the corpus, not its square): two dated
   reports are compared only when their days are at most ``WINDOW`` days apart and they
   mention one person in common (an index by (person, day)); a person mentioned in more than
   ``CROWD`` reports of one day blocks nothing (a president of the day).
3. A pair *links* when its score, ``PEOPLE`` × Jaccard of people + ``PLACES`` × Jaccard of
   places + ``TEXT`` × estimated Jaccard of words, reaches ``THRESHOLD``. Events are the
   connected components of the links among dated reports.
4. A report with no date joins the event whose reports it scores best against (the mean of
   its pair scores, the event's reports sharing a person with it), when that reaches
   ``THRESHOLD``; its date is then *inferred* from the event. The undated reports left are
   grouped among themselves by the same score (candidates: a person in common).
5. An event's date is its earliest member's day; its place the place most of its members
   mention, preferring one written after a meeting word (``MET``: "met in Tehran",
   "a meeting of … ministers in Astana"), then after "in ", then the one named first.
6. Each membership row says what linked it: the people and places shared with the event's
   other reports, the text similarity, and the spans (in the member's raw text) of the
   event's place and of the first shared person.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from datasketch import MinHash

Row = dict[str, Any]

WINDOW = 2  # days between two reports of one event, at most
CROWD = 200  # reports of one day naming one person, beyond which the person blocks nothing
PERMUTATIONS = 64
PEOPLE, PLACES, TEXT = 0.4, 0.3, 0.3
THRESHOLD = 0.35
WORD = re.compile(r"\w{4,}")
MET = r"\b(?:met|meets|meeting|talks|held|summit|sidelines|visit)\b[^.]{0,80}?\b(?:in|at)"
_Span = tuple[int, int, str]


@dataclass
class _Doc:
    doc_id: str
    day: date | None
    text: str
    people: dict[str, _Span] = field(default_factory=dict)  # entity -> first span
    places: dict[str, _Span] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    hash: MinHash | None = None


def group_events(docs: dict[str, Row], mentions: Iterable[Row]) -> tuple[list[Row], list[Row]]:
    """``events`` and ``document_events`` rows from the documents and their mentions."""
    feats = _features(docs, mentions)
    dated = [d for d in feats.values() if d.day is not None]
    parent = {d.doc_id: d.doc_id for d in dated}
    scores: dict[tuple[str, str], float] = {}
    for a, b in _candidates(dated):
        s = score(feats[a], feats[b])
        if s >= THRESHOLD:
            scores[(a, b)] = scores[(b, a)] = s
            parent[_root(parent, a)] = _root(parent, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(parent):
        groups[_root(parent, doc_id)].append(doc_id)
    by_person: dict[str, set[str]] = defaultdict(set)  # event roots, by a person they name
    for root, members in groups.items():
        for m in members:
            for p in feats[m].people:
                by_person[p].add(root)
    inferred, alone = set(), []
    for d in sorted((d for d in feats.values() if d.day is None), key=lambda d: d.doc_id):
        best, best_score = None, 0.0
        for root in sorted({r for p in d.people for r in by_person[p]}):
            pair = [score(d, feats[m]) for m in groups[root]]
            s = sum(pair) / len(pair)
            if s > best_score:
                best, best_score = root, s
        if best is not None and best_score >= THRESHOLD:
            for m in groups[best]:
                scores[(d.doc_id, m)] = scores[(m, d.doc_id)] = score(d, feats[m])
            groups[best].append(d.doc_id)
            inferred.add(d.doc_id)
        else:
            alone.append(d)
    for members in _undated_events(alone, scores):
        groups[members[0]] = members
    return _rows(groups, feats, scores, inferred, docs)


def _undated_events(docs: list[_Doc], scores: dict[tuple[str, str], float]) -> list[list[str]]:
    """Reports with no date joining no dated event, grouped among themselves: the pairs naming
    a person in common (at most ``CROWD`` reports a person) that reach ``THRESHOLD``."""
    parent = {d.doc_id: d.doc_id for d in docs}
    named: dict[str, list[_Doc]] = defaultdict(list)
    for d in docs:
        for p in d.people:
            named[p].append(d)
    pairs = {
        (a.doc_id, b.doc_id): (a, b)
        for here in named.values()
        if len(here) <= CROWD
        for a in here
        for b in here
        if a.doc_id < b.doc_id
    }
    for (a, b), (da, db) in sorted(pairs.items()):
        s = score(da, db)
        if s >= THRESHOLD:
            scores[(a, b)] = scores[(b, a)] = s
            parent[_root(parent, a)] = _root(parent, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(parent):
        groups[_root(parent, doc_id)].append(doc_id)
    return list(groups.values())


def score(a: _Doc, b: _Doc) -> float:
    """How likely two reports tell the same event (0 to 1), dates aside."""
    text = a.hash.jaccard(b.hash) if a.hash and b.hash else 0.0
    return (
        PEOPLE * _jaccard(a.people, b.people) + PLACES * _jaccard(a.places, b.places) + TEXT * text
    )


def _features(docs: dict[str, Row], mentions: Iterable[Row]) -> dict[str, _Doc]:
    feats = {k: _Doc(k, _day(v.get("published")), v.get("text") or "") for k, v in docs.items()}
    for m in mentions:
        d = feats.get(m["doc_id"])
        kind = {"person": d.people, "place": d.places}.get(m["type"]) if d else None
        if d is None or kind is None:
            continue
        key = m["entity_id"] or f"~{(m.get('name') or m['text']).lower()}"
        kind.setdefault(key, (m["start"], m["end"], m["text"]))
        d.names[key] = m.get("name") or m["text"]
    for d in feats.values():
        d.hash = MinHash(num_perm=PERMUTATIONS, seed=1)
        d.hash.update_batch([w.encode() for w in set(WORD.findall(d.text.lower()))])
    return feats


def _candidates(dated: list[_Doc]) -> list[tuple[str, str]]:
    """Pairs of dated reports at most ``WINDOW`` days apart that name a person in common."""
    index: dict[tuple[str, date], list[str]] = defaultdict(list)
    for d in sorted(dated, key=lambda d: d.doc_id):
        for p in d.people:
            index[(p, d.day)].append(d.doc_id)  # type: ignore[index]
    pairs = set()
    for (person, day), here in index.items():
        if len(here) > CROWD:
            continue
        for k in range(WINDOW + 1):
            there = index.get((person, day + timedelta(days=k)), [])
            if len(there) > CROWD:
                continue
            for a in here:
                for b in there:
                    if a < b or (k and a != b):
                        pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def _rows(
    groups: dict[str, list[str]],
    feats: dict[str, _Doc],
    scores: dict[tuple[str, str], float],
    inferred: set[str],
    docs: dict[str, Row],
) -> tuple[list[Row], list[Row]]:
    events, members = [], []
    for ids in groups.values():
        days = [feats[m].day for m in ids if feats[m].day]
        day = min(days) if days else None
        place = _place([feats[m] for m in ids])
        name = next((feats[m].names[place] for m in ids if place in feats[m].names), "")
        event_id = f"{day.isoformat() if day else 'undated'}-{place or 'somewhere'}-{min(ids)[:6]}"
        events.append(
            {
                "event_id": event_id,
                "label": f"{name or 'Unknown place'}, {day.isoformat() if day else 'undated'}",
                "date": day.isoformat() if day else None,
                "place": place or None,
                "place_name": name or None,
                "reports": len(ids),
            }
        )
        for m in sorted(ids, key=lambda m: (docs[m].get("published") or "9", m)):
            members.append(_member(event_id, feats[m], [feats[o] for o in ids if o != m], place))
            others = [scores[(m, o)] for o in ids if (m, o) in scores]
            members[-1]["score"] = round(max(others), 3) if others else 1.0
            members[-1]["date_source"] = (
                "inferred" if m in inferred else ("published" if feats[m].day else "none")
            )
    events.sort(key=lambda e: e["event_id"])
    members.sort(key=lambda r: (r["event_id"], r["doc"]))
    return events, members


def _member(event_id: str, d: _Doc, others: list[_Doc], place: str | None) -> Row:
    people = sorted({p for o in others for p in o.people} & d.people.keys())
    places = sorted({p for o in others for p in o.places} & d.places.keys())
    text = max((d.hash.jaccard(o.hash) for o in others if d.hash and o.hash), default=0.0)
    where = d.places.get(place or "")
    who = d.people[people[0]] if people else None
    return {
        "event_id": event_id,
        "doc": d.doc_id,
        "score": 1.0,
        "date_source": "",
        "shared_people": "; ".join(people) or None,
        "shared_places": "; ".join(places) or None,
        "text_similarity": round(text, 3),
        "start": where[0] if where else None,
        "end": where[1] if where else None,
        "text": where[2] if where else None,
        "person_start": who[0] if who else None,
        "person_end": who[1] if who else None,
        "person_text": who[2] if who else None,
    }


def _place(members: list[_Doc]) -> str | None:
    counts: Counter[str] = Counter(p for d in members for p in d.places)
    if not counts:
        return None

    def rank(p: str) -> tuple[int, int, int, int]:
        named = [(d, re.escape(d.names.get(p, p))) for d in members if p in d.places]
        met = sum(bool(re.search(rf"{MET} {n}\b", d.text)) for d, n in named)
        after_in = sum(bool(re.search(rf"\bin {n}\b", d.text)) for d, n in named)
        first = min(d.places[p][0] for d in members if p in d.places)
        return (-counts[p], -met, -after_in, first)

    return min(sorted(counts), key=rank)


def _jaccard(a: dict[str, Any], b: dict[str, Any]) -> float:
    union = len(a.keys() | b.keys())
    return len(a.keys() & b.keys()) / union if union else 0.0


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _root(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
