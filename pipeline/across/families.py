"""Quotation lineage made again only for the quotations a build's changed reports can touch.

Rules (the linking's rules are :mod:`pipeline.across.lineage`'s; these say what it is run on):

1. A *wording* is a quotation's words (lowercased ``\\w+`` runs). Two wordings are joined
   when they share a run of ``SHINGLE`` words carried by at most ``CROWD`` wordings (one
   that is carried by more blocks nothing: lineage's rule 1). A *component* is a connected
   set of wordings; every link and family joins quotations of one component, and a
   component's links and families depend on its quotations (their reports' publication) and
   on which of its runs are crowded, nothing else.
2. The state, in the project's cache beside the windows' (``.cache/across/``): every
   report's quotations, each quotation's wording, each wording's runs (words are numbers of
   a vocabulary kept with it), each wording's component, and the rows of ``quote_links``
   and ``quote_families`` in *buckets* by the first two characters of the row's first key
   (``quote_id``, ``family_id``), each bucket's rows in the table's order.
3. A build compares the reports' ``doc_id`` with the state's. Dirty: the components of the
   removed reports' quotations and of the runs whose crowding changed (carried by more than
   ``CROWD`` wordings before and not after, or the other way), and the added quotations.
   The components now connected to a dirty wording are found again (walking the runs), and
   lineage is run on their quotations alone, told which of their runs are crowded in the
   whole corpus; only their rows are replaced, in the buckets they fall in.
4. A build from an empty state is every quotation added: the same code, so an incremental
   build gives the rows a full build gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from pipeline.across.lineage import CROWD, SHINGLE, WORD, lineage
from pipeline.across.windows import read, write

Row = dict[str, Any]
Run = tuple[int, ...]
INDEX = "lineage.pkl"
PREFIX = {"quote_links": "l", "quote_families": "f"}  # a bucket's file: f"{prefix}-{name}.pkl"
Quotes = Callable[[set[str]], Iterable[Row]]  # the quotes of some reports, from the tables


@dataclass
class Index:
    """What rule 2 keeps, but the rows."""

    key: str = ""
    docs: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> its quote ids
    vocabulary: dict[str, int] = field(default_factory=dict)
    by_words: dict[Run, int] = field(default_factory=dict)  # wording's words -> its id
    words: dict[int, Run] = field(default_factory=dict)
    carriers: dict[int, set[str]] = field(default_factory=dict)  # wording -> quote ids
    wording: dict[str, int] = field(default_factory=dict)  # quote id -> wording
    runs: dict[Run, set[int]] = field(default_factory=dict)  # run -> wordings carrying it
    component: dict[int, int] = field(default_factory=dict)  # wording -> component
    members: dict[int, set[int]] = field(default_factory=dict)  # component -> wordings
    family: dict[str, str] = field(default_factory=dict)  # linked quote id -> family id
    last: int = 0  # the last wording id given


@dataclass
class Update:
    """What an update did: quotations added and removed, quotations linked again."""

    quotes_added: int = 0
    quotes_removed: int = 0
    quotes_linked: int = 0
    buckets: int = 0


def _runs(words: Run) -> set[Run]:
    return {words[i : i + SHINGLE] for i in range(len(words) - SHINGLE + 1)}


class State:
    """The index and the row buckets on disk (rule 2); buckets are read one at a time."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        found = read(directory / INDEX)
        self.index = found if isinstance(found, Index) and found.key == key else Index(key)
        if self.index is not found:
            for old in directory.glob("[lf]-*.pkl"):
                old.unlink()

    def bucket(self, table: str, name: str) -> list[Row]:
        found = read(self.directory / f"{PREFIX[table]}-{name}.pkl")
        return found if isinstance(found, list) else []

    def buckets(self, table: str) -> list[str]:
        return sorted(p.stem[2:] for p in self.directory.glob(f"{PREFIX[table]}-*.pkl"))

    def put(self, table: str, name: str, rows: list[Row]) -> None:
        path = self.directory / f"{PREFIX[table]}-{name}.pkl"
        if rows:
            write(path, rows)
        else:
            path.unlink(missing_ok=True)

    def rows(self, table: str) -> Iterator[Row]:
        """``table``'s rows, bucket after bucket: the table's order, one bucket held."""
        for name in self.buckets(table):
            yield from self.bucket(table, name)

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write(self.directory / INDEX, self.index)


def update(state: State, docs: dict[str, Row], quotes: Quotes) -> Update:
    """Bring ``state`` in step with ``docs`` (each report's ``outlet_id`` and ``published``):
    ``quotes`` reads the quotations of the reports it is given."""
    index = state.index
    added = set(docs.keys() - index.docs.keys())
    removed = sorted(index.docs.keys() - docs.keys())
    gone = {q for d in removed for q in index.docs.pop(d)}
    dirty = {w for q in gone for w in index.members[index.component[index.wording[q]]]}
    before: dict[Run, int] = {}  # runs whose carriers change: how many carried them before
    for q in sorted(gone):
        w = index.wording.pop(q)
        index.carriers[w].discard(q)
        if not index.carriers[w]:
            _drop(index, w, before)
    new = {}
    for q in quotes(added) if added else ():
        new[q["quote_id"]] = q
        index.docs.setdefault(q["doc_id"], []).append(q["quote_id"])
        number = index.vocabulary.setdefault
        words = tuple([number(w.lower(), len(index.vocabulary)) for w in WORD.findall(q["text"])])
        w = index.by_words.get(words)
        if w is None:
            w = _add(index, words, before)
        index.carriers[w].add(q["quote_id"])
        index.wording[q["quote_id"]] = w
        dirty.add(w)
    for d in added:
        index.docs.setdefault(d, [])
    for run, was in before.items():  # rule 3: a run whose crowding changed
        now = len(index.runs.get(run, ()))
        if (was > CROWD) != (now > CROWD):
            for w in index.runs.get(run, ()):
                dirty |= index.members.get(index.component.get(w, -1), {w})
    dirty = {w for w in dirty if w in index.words}
    groups = _components(index, dirty)
    for old in {index.component[w] for ws in groups for w in ws if w in index.component}:
        index.members.pop(old, None)
    for ws in groups:
        c = min(ws)
        index.members[c] = ws
        for w in ws:
            index.component[w] = c
    linked = {q for ws in groups for w in ws for q in index.carriers[w]}
    wanted, added_quotes = linked - new.keys(), len(new)
    if wanted:
        theirs = {d for d, qs in index.docs.items() if not wanted.isdisjoint(qs)}
        new |= {q["quote_id"]: q for q in quotes(theirs) if q["quote_id"] in wanted}
    runs = {run for ws in groups for w in ws for run in _runs(index.words[w])}
    crowded = [run for run in runs if len(index.runs[run]) > CROWD]
    spelling = list(index.vocabulary) if crowded else []
    spelled = frozenset(tuple(spelling[i] for i in run) for run in crowded)
    found = lineage(docs, (new[q] for q in sorted(linked)), spelled)
    del new
    links = found.links()
    families = found.families(docs)
    stale = linked | gone
    touched = _replace(state, "quote_links", "quote_id", links, stale, {q[:2] for q in stale})
    del found, links
    old = {index.family.pop(q)[:2] for q in stale if q in index.family}
    for r in families:
        index.family[r["quote_id"]] = r["family_id"]
    touched += _replace(state, "quote_families", "family_id", families, stale, old)
    state.save()
    return Update(added_quotes, len(gone), len(linked), touched)


def _replace(
    state: State, table: str, key: str, rows: Iterable[Row], stale: set[str], old: set[str]
) -> int:
    """Put ``rows`` (in the table's order) in their buckets (by ``key``'s first two
    characters), in place of the rows of the quotations ``stale`` in the buckets ``old``, one
    bucket at a time; how many buckets were written."""
    pending = sorted(old, reverse=True)
    written = 0

    def put(name: str, got: list[Row]) -> None:
        nonlocal written
        kept = [r for r in state.bucket(table, name) if r["quote_id"] not in stale]
        state.put(
            table, name, sorted(kept + got, key=_order(table)) if kept and got else got or kept
        )
        written += 1

    for name, got in groupby(rows, key=lambda r: r[key][:2]):
        while pending and pending[-1] < name:
            put(pending.pop(), [])
        if pending and pending[-1] == name:
            pending.pop()
        put(name, list(got))
    for name in pending:
        put(name, [])
    return written


def _order(table: str) -> Callable[[Row], tuple]:
    if table == "quote_links":
        return lambda r: (r["quote_id"], r["other_quote_id"])
    return lambda r: (r["family_id"], r["position"])


def _add(index: Index, words: Run, before: dict[Run, int]) -> int:
    index.last += 1
    w = index.last
    index.by_words[words], index.words[w], index.carriers[w] = w, words, set()
    for run in _runs(words):
        carried = index.runs.setdefault(run, set())
        before.setdefault(run, len(carried))
        carried.add(w)
    return w


def _drop(index: Index, w: int, before: dict[Run, int]) -> None:
    words = index.words.pop(w)
    del index.by_words[words], index.carriers[w]
    for run in _runs(words):
        carried = index.runs[run]
        before.setdefault(run, len(carried))
        carried.discard(w)
        if not carried:
            del index.runs[run]
    c = index.component.pop(w, None)
    if c is not None and c in index.members:
        index.members[c].discard(w)
        if not index.members[c]:
            del index.members[c]


def _components(index: Index, start: set[int]) -> list[set[int]]:
    """The components (rule 1) of the wordings ``start``, walking runs carried by at most
    ``CROWD`` wordings."""
    seen: set[int] = set()
    groups = []
    for first in sorted(start):
        if first in seen:
            continue
        group, todo = {first}, [first]
        while todo:
            w = todo.pop()
            for run in _runs(index.words[w]):
                carried = index.runs[run]
                if len(carried) <= CROWD:
                    for o in carried - group:
                        group.add(o)
                        todo.append(o)
        seen |= group
        groups.append(group)
    return groups
