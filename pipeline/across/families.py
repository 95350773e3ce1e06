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
   a vocabulary kept with it; a run is one number, :func:`lineage.run_keys`, kept in two
   sorted arrays of run and wording, 12 bytes an entry), and the rows of ``quote_links``
   and ``quote_families`` in *buckets* by the first two characters of the row's first key
   (``quote_id``, ``family_id``), each bucket's rows in the table's order.
3. A build compares the reports' ``doc_id`` with the state's. Dirty: the components of the
   removed reports' quotations and of the runs whose crowding changed (carried by more than
   ``CROWD`` wordings before and not after, or the other way), and the added quotations.
   The components (before the change and after) are found for the whole index in one pass
   over the run arrays (a union-find in numpy), and lineage is run on the quotations of the
   components now holding a dirty wording alone, told which of their runs are crowded in the
   whole corpus; only their rows are replaced, in the buckets they fall in.
4. Leaves first: when every quotation added carries a wording already carried, and every
   wording touched keeps its first quotation (lineage's rule 5: the earliest), the wordings,
   components and crowded runs are as they were, and a quotation that is not a first links
   to its wording's first alone (a leaf of that first's family). Then only the leaves' links
   are added or removed and the firsts' families written again; rule 3 otherwise.
5. A build from an empty state is every quotation added: the same code, so an incremental
   build gives the rows a full build gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.across.lineage import (
    CROWD,
    LONG,
    Lineage,
    _families,
    _same_speaker,
    _when,
    carried,
    lineage,
    numbered,
    run_keys,
)
from pipeline.across.windows import read, read_index, write

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
    # each wording's runs (lineage.run_keys), a run once a wording, sorted by run then wording
    run: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    carrier: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    family: dict[str, str] = field(default_factory=dict)  # linked quote id -> family id
    doc: dict[str, str] = field(default_factory=dict)  # quote id -> doc_id
    dated: dict[str, str] = field(default_factory=dict)  # doc_id -> published, "~" if none
    last: int = 0  # the last wording id given


@dataclass
class Update:
    """What an update did: quotations added and removed, quotations linked again."""

    quotes_added: int = 0
    quotes_removed: int = 0
    quotes_linked: int = 0
    buckets: int = 0
    leaves: bool = False  # rule 4: only quotations added to or removed from wordings


class State:
    """The index and the row buckets on disk (rule 2); buckets are read one at a time."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.index: Index = read_index(directory, INDEX, Index, key, "[lf]-*.pkl")

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
    new = {q["quote_id"]: q for q in quotes(added)} if added else {}
    words = {k: numbered(q["text"], index.vocabulary) for k, q in new.items()}
    gone = {q for d in removed for q in index.docs[d]}
    if not added and not removed:
        return Update()
    (state.directory / INDEX).unlink(missing_ok=True)  # a build stopped midway starts empty
    state.directory.mkdir(parents=True, exist_ok=True)
    for d in added:
        index.docs[d], index.dated[d] = [], docs[d].get("published") or "~"
    for k, quote in new.items():
        index.docs[quote["doc_id"]].append(k)
        index.doc[k] = quote["doc_id"]
    leaves = _leaves(index, words, gone)
    if leaves is None:
        did = _relink(state, docs, quotes, new, words, gone)
    else:
        did = _relink_leaves(state, docs, quotes, new, leaves, gone)
    for d in removed:
        del index.docs[d], index.dated[d]
    for q in gone:
        del index.doc[q]
    state.save()
    return did


def _leaves(
    index: Index, words: dict[str, Run], gone: set[str]
) -> dict[int, tuple[str, list[str], list[str]]] | None:
    """Rule 4: when every quotation added carries a wording already carried, and no
    wording's first quotation changes or goes, the wordings touched with their first and
    their quotations added and removed; else ``None``."""

    def when(q: str) -> tuple[str, str]:
        return index.dated[index.doc[q]], q

    touched: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for k, ws in words.items():
        if ws not in index.by_words:
            return None
        touched[index.by_words[ws]][0].append(k)
    for r in gone:
        touched[index.wording[r]][1].append(r)
    found = {}
    for w, (ks, rs) in touched.items():
        first = min(index.carriers[w], key=when)
        if first in rs or any(when(k) < when(first) for k in ks):
            return None
        found[w] = (first, ks, rs)
    return found


def _relink_leaves(
    state: State,
    docs: dict[str, Row],
    quotes: Quotes,
    new: dict[str, Row],
    leaves: dict[int, tuple[str, list[str], list[str]]],
    gone: set[str],
) -> Update:
    """Rule 4: quotations added to or removed from wordings whose first stays link to that
    first only (lineage's rule 5), so each is a leaf of its first's family: the links of
    the others and the wordings' links are as they were, and only the families of the
    firsts are written again."""
    index = state.index
    firsts = {first for first, _, _ in leaves.values()}
    theirs = {index.doc[f] for f in firsts}
    rows = new | {q["quote_id"]: q for q in quotes(theirs) if q["quote_id"] in firsts}
    found = []
    for w, (first, ks, rs) in leaves.items():
        index.carriers[w].difference_update(rs)
        index.carriers[w].update(ks)
        for r in rs:
            del index.wording[r]
        for k in ks:
            index.wording[k] = w
            same = _same_speaker(rows[k], rows[first])
            n = len(index.words[w])
            if rows[k]["doc_id"] != rows[first]["doc_id"] and n and (same or n >= LONG):
                found.append((k, first, "identical", [(0, 0, n)], same))
    made = Lineage(rows, _when(docs, rows), found)
    links = sorted(made.links(), key=_order("quote_links"))
    linked = {k for k, *_ in found}

    def dropped(r: Row) -> bool:
        return r["quote_id"] in gone or r["other_quote_id"] in gone

    old = {q[:2] for q in gone | firsts}
    touched = _replace(state, "quote_links", "quote_id", links, dropped, old)
    members: dict[str, set[str]] = defaultdict(set)  # a family's id before -> its members
    for first, ks, _ in leaves.values():
        fam = index.family.get(first, first)
        members[fam] |= {first} | (linked & set(ks))
    kept = defaultdict(list)
    for fam in members:
        kept[fam] = [r for r in state.bucket("quote_families", fam[:2]) if r["family_id"] == fam]
    fresh = []
    for fam, ms in members.items():
        ms |= {r["quote_id"] for r in kept[fam]}
        ms -= gone
        for q in gone & index.family.keys():
            if index.family[q] == fam:
                del index.family[q]
        if len(ms) < 2:  # the first alone: linked no longer
            for m in ms:
                index.family.pop(m, None)
            continue
        quoted = {r["quote_id"]: _quote(r) for r in kept[fam]} | rows
        root = min(ms)
        made_rows = _families(docs, quoted, [(m, root) for m in sorted(ms)], _when(docs, quoted))
        for family_row in made_rows:
            index.family[family_row["quote_id"]] = family_row["family_id"]
        fresh += made_rows
    for q in gone:
        index.family.pop(q, None)
    fresh.sort(key=_order("quote_families"))

    def stale_family(r: Row) -> bool:
        return r["family_id"] in members

    old = {fam[:2] for fam in members}
    touched += _replace(state, "quote_families", "family_id", fresh, stale_family, old)
    return Update(len(new), len(gone), len(linked), touched, leaves=True)


def _quote(r: Row) -> Row:
    """A quotation's row as ``quotes`` has it, from its ``quote_families`` row."""
    return {
        "quote_id": r["quote_id"],
        "doc_id": r["doc"],
        "start": r["start"],
        "end": r["end"],
        "text": r["text"],
        "speaker_name": r["speaker"],
    }


def _relink(
    state: State,
    docs: dict[str, Row],
    quotes: Quotes,
    new: dict[str, Row],
    words: dict[str, Run],
    gone: set[str],
) -> Update:
    """Rule 3: the components the changed reports touch, linked again."""
    index = state.index
    before = _labels(index)
    dirty_labels = [before[index.wording[q]] for q in gone]  # rule 3: gone's components
    emptied: list[int] = []
    fresh: list[int] = []
    for q in sorted(gone):
        w = index.wording.pop(q)
        index.carriers[w].discard(q)
        if not index.carriers[w]:
            emptied.append(w)
            del index.by_words[index.words.pop(w)], index.carriers[w]
    for k, ws in words.items():
        w = index.by_words.setdefault(ws, index.last + 1)
        if w > index.last:
            index.last = w
            index.words[w], index.carriers[w] = ws, set()
            fresh.append(w)
        index.carriers[w].add(k)
        index.wording[k] = w
    changed = _rerun(index, emptied, fresh)  # rule 3: runs whose crowding changed
    recrowded = index.carrier[np.isin(index.run, changed)]  # and the components carrying them
    dirty = np.zeros(index.last + 1, bool)
    was = before[recrowded[recrowded < len(before)]]
    dirty[: len(before)] = np.isin(before, np.r_[dirty_labels, was])
    dirty[recrowded] = True
    dirty[[index.wording[k] for k in words]] = True
    alive = np.zeros(index.last + 1, bool)
    alive[list(index.words)] = True
    labels = _labels(index)
    grouped = np.flatnonzero(np.isin(labels, labels[dirty & alive]) & alive)
    linked = {q for w in grouped.tolist() for q in index.carriers[w]}
    wanted, added_quotes = linked - new.keys(), len(new)
    if wanted:
        theirs = {index.doc[q] for q in wanted}
        new |= {q["quote_id"]: q for q in quotes(theirs) if q["quote_id"] in wanted}
    starts, counts = carried(index.run)
    crowded = index.run[starts[counts > CROWD]]
    crowded = crowded[np.isin(crowded, index.run[np.isin(index.carrier, grouped)])]
    words = {q: index.words[index.wording[q]] for q in linked}  # numbered once, kept
    found = lineage(docs, (new[q] for q in sorted(linked)), crowded, words)
    del words
    del new
    links = found.links()
    families = found.families(docs)
    stale = linked | gone

    def dropped(r: Row) -> bool:
        return r["quote_id"] in stale

    touched = _replace(state, "quote_links", "quote_id", links, dropped, {q[:2] for q in stale})
    del found, links
    old = {index.family.pop(q)[:2] for q in stale if q in index.family}
    for r in families:
        index.family[r["quote_id"]] = r["family_id"]
    touched += _replace(state, "quote_families", "family_id", families, dropped, old)
    return Update(added_quotes, len(gone), len(linked), touched)


def _replace(
    state: State,
    table: str,
    key: str,
    rows: Iterable[Row],
    stale: Callable[[Row], bool],
    old: set[str],
) -> int:
    """Put ``rows`` (in the table's order) in their buckets (by ``key``'s first two
    characters), in place of the rows ``stale`` in the buckets ``old``, one bucket at a time;
    how many buckets were written."""
    pending = sorted(old, reverse=True)
    written = 0

    def put(name: str, got: list[Row]) -> None:
        nonlocal written
        kept = [r for r in state.bucket(table, name) if not stale(r)]
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


def _rerun(index: Index, emptied: list[int], fresh: list[int]) -> np.ndarray:
    """Take the runs of the wordings ``emptied`` out of the index, put those of ``fresh`` in;
    the runs whose crowding changed (carried by more than ``CROWD`` before and not after, or
    the other way)."""
    added, owner = run_keys([index.words[w] for w in fresh])
    going = np.isin(index.carrier, emptied)
    touched = np.unique(np.r_[index.run[going], added])
    was = _count(index.run, touched)
    run = np.r_[index.run[~going], added]
    carrier = np.r_[index.carrier[~going], np.asarray(fresh, np.int32)[owner]]
    del added, owner, going
    order = np.lexsort((carrier, run))
    run, carrier = run[order], carrier[order]
    del order
    once = np.ones(len(run), bool)  # a run once a wording
    once[1:] = (run[1:] != run[:-1]) | (carrier[1:] != carrier[:-1])
    index.run, index.carrier = run[once], carrier[once]
    return touched[(was > CROWD) != (_count(index.run, touched) > CROWD)]


def _count(run: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """How many entries of ``run`` (sorted) are each of ``keys``."""
    return np.searchsorted(run, keys, "right") - np.searchsorted(run, keys, "left")


def _labels(index: Index) -> np.ndarray:
    """Each wording's component (rule 1: joined by runs carried by at most ``CROWD``), as the
    smallest wording id in it, by wording id (ids not in use: themselves)."""
    starts, counts = carried(index.run)
    first = np.repeat(index.carrier[starts], counts).astype(np.int64)
    joins = (np.repeat(counts, counts) <= CROWD) & (first != index.carrier)
    a, b = first[joins], index.carrier[joins].astype(np.int64)
    parent = np.arange(index.last + 1)
    while True:  # hook each root on the smallest root it is joined to, then flatten
        ra, rb = parent[a], parent[b]
        apart = ra != rb
        if not apart.any():
            return parent
        lo, hi = np.minimum(ra, rb)[apart], np.maximum(ra, rb)[apart]
        np.minimum.at(parent, hi, lo)
        while (parent[parent] != parent).any():
            parent = parent[parent]
