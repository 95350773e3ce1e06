"""Events: the reports of one meeting at one place and date, grouped.

Rules, in order (the scores, weights and the telling quotations were chosen on the
development gold of ``python -m bench.across``, see ``docs/across.md``):

1. A report's *features*: its day (``documents.published``, cut to the day; none when the
   outlet gives no date), the people and places it mentions (``mentions``: the entity, else
   the name lowercased; the first span of each), and its body's *rare words*: lowercased
   words of three letters or more whose frequency in English (``wordfreq``, Zipf scale) is
   below ``RARE`` ("meth", "lander", "Shoigu"; not "minister" or "said"), which tell one
   story from another: kept hashed (CRC-32), and as a MinHash (``datasketch``,
   ``PERMUTATIONS``) to find candidates; and its *telling quotations*: the wordings
   (``\\w+`` words, lowercased) of its quotations of ``QUOTED_WORDS`` words or more, one
   of them rare (a slogan such as "Meth. We're on it.", a statement), hashed.
2. *Windows*: a dated report's window is the ISO week of its day (:func:`window`); events
   among dated reports are found within one window, so an event never spans two weeks and
   a window's events depend on its reports alone (``pipeline/across/windows.py`` finds
   again only the windows whose reports changed).
3. *Candidates* (blocking, so the work grows with the corpus, not its square): the reports
   naming one person or carrying one telling quotation (at most ``CROWD`` reports, on a
   day for dated reports), and the reports whose rare words are alike (``MinHashLSH`` at
   ``LSH``). Two dated reports are compared only when their days are at most ``WINDOW``
   days apart.
4. A pair's score: ``PEOPLE`` × the share of the people of the one naming fewer that the
   other names too + ``PLACES`` × Jaccard of places + ``TEXT`` × the Jaccard of rare words
   over ``TEXT_FULL`` (at most 1) + ``QUOTED`` when they share a telling quotation (which
   links them by itself), at most 1. A pair *links* when it reaches ``THRESHOLD``;
   events are the connected components of the links among a window's dated reports.
5. The reports with no date are grouped among themselves by the same rule, then a group
   joins the event of the dated candidate one of its reports scores best with, when that
   reaches ``THRESHOLD`` (its members' date is then *inferred* from the event). An
   undated report is compared only with the windows naming one of the undated reports'
   people (:func:`naming`).
6. An event's date is its earliest member's day; its place the place most of its members
   mention, preferring one written after a meeting word (``MET``: "met in Tehran",
   "a meeting of … ministers in Astana"), then after "in ", then the one named first.
7. Each membership row says what linked it: the people and places shared with the event's
   other reports, the best text similarity, and the spans (in the member's raw text) of
   the event's place and of the first shared person.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from wordfreq import zipf_frequency

Row = dict[str, Any]

WINDOW = 2  # days between two reports of one event, at most
CROWD = 50  # reports naming one person (on one day), beyond which the person blocks nothing
PERMUTATIONS = 64
LSH = 0.1
RARE = 4.0
PEOPLE, PLACES, TEXT = 0.3, 0.1, 0.6
TEXT_FULL = 0.25
THRESHOLD = 0.45
QUOTED, QUOTED_WORDS = THRESHOLD, 4  # a shared telling quotation links two reports by itself
WORD = re.compile(r"[^\W\d_]{3,}")
QUOTE_WORD = re.compile(r"\w+")
MET = r"\b(?:met|meets|meeting|talks|held|summit|sidelines|visit)\b[^.]{0,80}?\b(?:in|at)"
NAME = r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)"
MET_NAME = re.compile(rf"{MET} {NAME}")
IN_NAME = re.compile(rf"\bin {NAME}")
_Span = tuple[int, int, str]
KINDS = ("person", "place")  # the mentions a report's features hold


@dataclass
class _Doc:
    doc_id: str
    day: date | None
    people: dict[str, _Span] = field(default_factory=dict)  # entity -> first span
    places: dict[str, _Span] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    met: set[str] = field(default_factory=set)  # places written after a meeting word
    after_in: set[str] = field(default_factory=set)  # places written after "in "
    hash: LeanMinHash | None = None
    words: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))  # rare, hashed
    quoted: set[int] = field(default_factory=set)  # hashed wordings of its telling quotations


def group_events(
    docs: dict[str, Row],
    mentions: Iterable[Row],
    texts: Iterable[tuple[str, str]],
    quotes: Iterable[Row] = (),
) -> tuple[list[Row], list[Row]]:
    """``events`` and ``document_events`` rows from the documents (published), their
    mentions and their bodies (``(doc_id, text)``, read once, in any order): every window's
    events, then the undated reports (rules 2 to 4), as :mod:`pipeline.across.windows` does
    one window at a time."""
    feats = features(docs, mentions, texts, quotes)
    weeks: dict[str, dict[str, _Doc]] = defaultdict(dict)
    for k, d in feats.items():
        weeks[window(d.day)][k] = d
    undated = weeks.pop(UNDATED, {})
    found = {w: link_window(here) for w, here in weeks.items()}
    near = naming(undated, {w: people(here) for w, here in weeks.items()})
    joined, groups, scores = link_undated(
        undated, {w: weeks[w] for w in near}, {w: found[w][0] for w in near}
    )
    events, members = render(groups, feats, scores, set(), docs)
    for w, (groups, scores) in found.items():
        extra = {root: joined.get((w, root), []) for root in groups}
        e, m = render_window(groups, scores, extra, feats, docs)
        events += e
        members += m
    events.sort(key=lambda e: e["event_id"])
    members.sort(key=lambda r: (r["event_id"], r["doc"]))
    return events, members


UNDATED = "undated"
Groups = dict[str, list[str]]
Scores = dict[tuple[str, str], float]


def window(day: date | None) -> str:
    """A report's window: the ISO week of its day (``2023-W38``), else ``undated``."""
    if day is None:
        return UNDATED
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def people(feats: dict[str, _Doc]) -> set[str]:
    """The people the reports name."""
    return {p for d in feats.values() for p in d.people}


def naming(undated: dict[str, _Doc], people: dict[str, set[str]]) -> list[str]:
    """The windows (of ``people``, each window's people) naming a person an undated report
    names: the only ones whose reports an undated report is compared with."""
    wanted = {p for d in undated.values() for p in d.people}
    return sorted(w for w, here in people.items() if here & wanted)


def link_window(feats: dict[str, _Doc]) -> tuple[Groups, Scores]:
    """The events of one window's dated reports (rules 2 and 3): groups by their root, and
    the scores of the pairs that linked."""
    scores: Scores = {}
    return _components(feats, _candidates(feats, dated=True), scores), scores


def link_undated(
    undated: dict[str, _Doc], weeks: dict[str, dict[str, _Doc]], groups: dict[str, Groups]
) -> tuple[dict[tuple[str, str], list[str]], Groups, Scores]:
    """Rule 4: the undated reports are grouped among themselves, then each group joins the
    event (window, root) of the dated candidate one of its reports scores best with, among
    the reports of ``weeks`` (the windows naming one of their people). The reports joined to
    each event, the groups left undated and the scores."""
    event_of = {(w, m): root for w, g in groups.items() for root, ms in g.items() for m in ms}
    pool = {k: d for here in weeks.values() for k, d in here.items()} | undated
    week_of = {k: w for w, here in weeks.items() for k in here}
    pairs = _candidates(pool, dated=False)
    scores: Scores = {}
    joined: dict[tuple[str, str], list[str]] = defaultdict(list)
    left: Groups = {}
    for root, members in _components(undated, pairs, scores).items():
        best = max(
            (
                (score(undated[m], pool[o]), o)
                for m in members
                for o in pairs.get(m, ())
                if o in week_of
            ),
            default=(0.0, ""),
        )
        if best[0] >= THRESHOLD:
            w = week_of[best[1]]
            joined[(w, event_of[(w, best[1])])].extend(members)
        else:
            left[root] = members
    return dict(joined), left, scores


def render_window(
    groups: Groups, scores: Scores, joined: dict[str, list[str]], feats: dict[str, _Doc], docs
) -> tuple[list[Row], list[Row]]:
    """The rows of one window's events, with the undated reports ``joined`` to each root
    (their date inferred, their scores against every member)."""
    scores, inferred, full = dict(scores), set(), {}
    for root, members in groups.items():
        full[root] = list(members)
        for d in joined.get(root, []):
            for m in members:
                scores[(d, m)] = scores[(m, d)] = score(feats[d], feats[m])
            full[root].append(d)
            inferred.add(d)
    return render(full, feats, scores, inferred, docs)


def score(a: _Doc, b: _Doc, text: float | None = None) -> float:
    """How likely two reports tell the same event (0 to 1), dates aside (``text``: their
    ``_text`` when known)."""
    text = min(1.0, (_text(a, b) if text is None else text) / TEXT_FULL)
    shared = len(a.people.keys() & b.people.keys())
    people = shared / min(len(a.people), len(b.people)) if shared else 0.0
    quoted = QUOTED if a.quoted & b.quoted else 0.0
    return min(1.0, PEOPLE * people + PLACES * _jaccard(a.places, b.places) + TEXT * text + quoted)


def _best_texts(ids: list[str], feats: dict[str, _Doc]) -> dict[str, float]:
    """Each report's best ``_text`` with another of ``ids`` (0 alone), every pair at once:
    the products of their rare words' incidence rows (exact: counts of ones)."""
    docs = [feats[k] for k in ids]
    sizes = np.array([len(d.words) for d in docs], np.float64)
    vocabulary, column = np.unique(np.concatenate([d.words for d in docs]), return_inverse=True)
    rows = np.zeros((len(docs), len(vocabulary)), np.float32)
    rows[np.repeat(np.arange(len(docs)), [len(d.words) for d in docs]), column] = 1
    shared = (rows @ rows.T).astype(np.float64)
    union = sizes[:, None] + sizes[None, :] - shared
    texts = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    np.fill_diagonal(texts, -1.0)
    return {k: max(float(texts[i].max()), 0.0) for i, k in enumerate(ids)}


def _texts(docs: dict[str, _Doc], pairs: list[tuple[str, str]]) -> list[float]:
    """``_text`` of each pair, all at once: each word of the first report is looked up among
    the second's (a report's words are sorted, under its number in the high bits)."""
    if not pairs:
        return []
    number = {k: i for i, k in enumerate(docs)}
    words = [d.words.astype(np.int64) for d in docs.values()]
    sizes = np.array([len(w) for w in words], np.int64)
    keys = np.concatenate([(i << 32) + w for i, w in enumerate(words)])
    a = np.array([number[x] for x, _ in pairs], np.int64)
    b = np.array([number[y] for _, y in pairs], np.int64)
    n = sizes[a]
    pair = np.repeat(np.arange(len(pairs)), n)
    at = (
        np.arange(n.sum())
        - np.repeat(np.cumsum(n) - n, n)
        + np.repeat((np.cumsum(sizes) - sizes)[a], n)
    )
    wanted = keys[at] + ((b - a)[pair] << 32)  # a's word, under b's number
    found = keys[np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)] == wanted
    shared = np.bincount(pair, weights=found, minlength=len(pairs))
    union = sizes[a] + sizes[b] - shared
    return np.divide(shared, union, out=np.zeros(len(pairs)), where=union > 0).tolist()


def _text(a: _Doc, b: _Doc) -> float:
    """Jaccard of the two reports' rare words (exact: the MinHash only finds candidates)."""
    shared = len(np.intersect1d(a.words, b.words, assume_unique=True))
    union = len(a.words) + len(b.words) - shared
    return shared / union if union else 0.0


def _components(
    docs: dict[str, _Doc], pairs: dict[str, set[str]], scores: dict[tuple[str, str], float]
) -> dict[str, list[str]]:
    """The connected components of the candidate pairs within ``docs`` that link."""
    parent = {k: k for k in docs}
    todo = [(a, b) for a in sorted(docs) for b in sorted(pairs.get(a, ())) if a < b and b in docs]
    for (a, b), text in zip(todo, _texts(docs, todo), strict=True):
        s = score(docs[a], docs[b], text)
        if s >= THRESHOLD:
            scores[(a, b)] = scores[(b, a)] = s
            parent[_root(parent, a)] = _root(parent, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for k in sorted(parent):
        groups[_root(parent, k)].append(k)
    return dict(groups)


def features(
    docs: dict[str, Row],
    mentions: Iterable[Row],
    texts: Iterable[tuple[str, str]],
    quotes: Iterable[Row] = (),
) -> dict[str, _Doc]:
    """Each report's features (rule 1) from its row, mentions, body and quotations."""
    feats = {k: _Doc(k, _day(v.get("published"))) for k, v in docs.items()}
    for q in quotes:
        words = [w.lower() for w in QUOTE_WORD.findall(q["text"] or "")]
        telling = len(words) >= QUOTED_WORDS and bool(_rare_of(set(words)))
        if telling and q["doc_id"] in feats:
            feats[q["doc_id"]].quoted.add(zlib.crc32(" ".join(words).encode()))
    for m in mentions:
        d = feats.get(m["doc_id"])
        if d is None or m["type"] not in KINDS:
            continue
        name = m.get("name") or m["text"]
        key = m["entity_id"] or f"~{name.lower()}"
        (d.people if m["type"] == "person" else d.places).setdefault(
            key, (m["start"], m["end"], m["text"])
        )
        d.names[key] = name
    pending: list[tuple[_Doc, list[bytes]]] = []  # hashed together: ``_minhashes``
    waiting = 0  # their words
    for doc_id, text in texts:  # only the rare words are kept: a few hundred bytes a report
        d = feats[doc_id]
        words = [w.encode() for w in _rare(text)]
        d.words = np.unique(np.array([zlib.crc32(w) for w in words], dtype=np.uint32))
        pending.append((d, words))
        waiting += len(words)
        if waiting >= BATCH_WORDS:
            _hash_all(pending)
            waiting = 0
        if not d.places:  # the two regexes below only ever class the report's places
            continue
        met, after_in = _named_after(MET_NAME, text), _named_after(IN_NAME, text)
        for p in d.places:
            if d.names[p] in met:
                d.met.add(p)
            if d.names[p] in after_in:
                d.after_in.add(p)
    _hash_all(pending)
    return feats


def _named_after(pattern: re.Pattern[str], text: str) -> set[str]:
    """The capitalised names ``pattern`` finds, and every leading part of each ("Tehran" of
    "Tehran Province")."""
    found: set[str] = set()
    for name in pattern.findall(text):
        words = name.split(" ")
        found.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
    return found


def _rare(text: str) -> set[str]:
    return _rare_of(set(WORD.findall(text.lower())))


def _rare_of(words: set[str]) -> set[str]:
    """The rare ones of ``words`` (each word's frequency is looked up once a process)."""
    for w in words - _RARE - _COMMON:
        (_RARE if _zipf(w) < RARE else _COMMON).add(w)
    return words & _RARE


_RARE: set[str] = set()
_COMMON: set[str] = set()


@cache
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _hash_all(pending: list[tuple[_Doc, list[bytes]]]) -> None:
    """Each pending report's MinHash of its rare words, all at once; ``pending`` emptied."""
    for (d, _), found in zip(pending, _minhashes([ws for _, ws in pending]), strict=True):
        d.hash = found
    pending.clear()


def _minhashes(words: list[list[bytes]]) -> list[LeanMinHash]:
    """The MinHash of each list of ``words``, the values ``MinHash(num_perm=PERMUTATIONS,
    seed=1)`` gives after ``update_batch(words)`` (datasketch's ``affine32`` scheme: each
    word's 32-bit hash, mixed, then ``a * h + b`` modulo 2**32 under each permutation, the
    least kept), every list in one array: a row per word, a column per permutation."""
    template = _template()
    assert template.scheme == "affine32", template.scheme  # the arithmetic below is its
    a, b = template.permutations
    sizes = np.array([len(ws) for ws in words], np.int64)
    mixed = np.fromiter((_word_hash(w) for ws in words for w in ws), np.uint32, sizes.sum())
    values = np.full((len(words), PERMUTATIONS), EMPTY, np.uint32)
    if len(mixed):
        permuted = mixed[:, None] * a[None, :] + b[None, :]  # wraps: modulo 2**32
        some = sizes > 0
        values[some] = np.minimum.reduceat(permuted, (np.cumsum(sizes) - sizes)[some], axis=0)
    return [LeanMinHash(seed=1, hashvalues=v, scheme=template.scheme) for v in values]


EMPTY = np.uint32(2**32 - 1)  # a MinHash's value before any word
BATCH_WORDS = 1 << 14  # rare words hashed together (a row of 256 bytes each)


@cache
def _template() -> MinHash:
    return MinHash(num_perm=PERMUTATIONS, seed=1)


@lru_cache(maxsize=1 << 16)
def _word_hash(word: bytes) -> int:
    """A word's 32-bit hash (SHA-1, as datasketch's), mixed by MurmurHash3's finalizer as the
    ``affine32`` scheme mixes it before its permutations."""
    h = int(_template().hashfunc(word))
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


def _candidates(feats: dict[str, _Doc], dated: bool) -> dict[str, set[str]]:
    """Each report's candidates: for ``dated``, dated reports at most ``WINDOW`` days apart
    naming a person in common or with alike rare words; else, for each undated report, any
    report naming a person in common or with alike rare words."""
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in _pairs(feats, dated):
        out[a].add(b)
        out[b].add(a)
    return out


def _pairs(feats: dict[str, _Doc], dated: bool) -> Iterator[tuple[str, str]]:
    """The candidate pairs of rule 2 (each may come more than once)."""
    index: dict[tuple[object, date | None], list[str]] = defaultdict(list)  # entity or wording
    for d in sorted(feats.values(), key=lambda d: d.doc_id):
        for p in [*d.people, *d.quoted]:
            index[(p, d.day if dated else None)].append(d.doc_id)
    for (person, day), here in index.items():
        if len(here) > CROWD:
            continue
        if not dated:
            undated = [k for k in here if feats[k].day is None]
            yield from ((a, b) for a in undated for b in here if a != b)
            continue
        if day is None:
            continue
        for later in range(WINDOW + 1):
            there = index.get((person, day + timedelta(days=later)), [])
            if len(there) <= CROWD:
                yield from ((a, b) for a in here for b in there if a != b)
    lsh = MinHashLSH(num_perm=PERMUTATIONS, params=_bands())
    for k in sorted(feats):
        if feats[k].hash is not None:
            lsh.insert(k, feats[k].hash)
    for k, d in sorted(feats.items()):
        if dated != (d.day is not None):
            continue
        for o in lsh.query(d.hash):
            if o == k:
                continue
            if not dated or _near(d.day, feats[o].day):
                yield (k, o)


@cache
def _bands() -> tuple[int, int]:
    """The LSH's bands and rows for ``LSH`` (datasketch integrates to find them: once)."""
    found = MinHashLSH(threshold=LSH, num_perm=PERMUTATIONS)
    return found.b, found.r


def _near(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= WINDOW


def render(
    groups: dict[str, list[str]],
    feats: dict[str, _Doc],
    scores: dict[tuple[str, str], float],
    inferred: set[str],
    docs: dict[str, Row],
) -> tuple[list[Row], list[Row]]:
    events, members = [], []
    for ids in groups.values():
        days = [d for m in ids if (d := feats[m].day)]
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
        texts = _best_texts(ids, feats)
        for m in sorted(ids, key=lambda m: (docs[m].get("published") or "9", m)):
            rest = [feats[o] for o in ids if o != m]
            members.append(_member(event_id, feats[m], rest, place, texts[m]))
            others = [scores[(m, o)] for o in ids if (m, o) in scores]
            members[-1]["score"] = round(max(others), 3) if others else 1.0
            members[-1]["date_source"] = (
                "inferred" if m in inferred else ("published" if feats[m].day else "none")
            )
    events.sort(key=lambda e: str(e["event_id"]))
    members.sort(key=lambda r: (str(r["event_id"]), str(r["doc"])))
    return events, members


def _member(event_id: str, d: _Doc, others: list[_Doc], place: str | None, text: float) -> Row:
    people = sorted({p for o in others for p in o.people} & d.people.keys())
    places = sorted({p for o in others for p in o.places} & d.places.keys())
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
        met = sum(p in d.met for d in members)
        after_in = sum(p in d.after_in for d in members)
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
