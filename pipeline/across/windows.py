"""Events found again only in the date windows whose reports changed.

Rules:

1. A report's window is the ISO week of its day (:func:`pipeline.across.events.window`), or
   ``undated``. Events are found within one window (an event never spans two weeks), so a
   window's events depend on its reports alone; an undated report is compared only with the
   windows naming one of its people (:func:`pipeline.across.events.naming`).
2. The state, in the project's cache (``.cache/across/``): for each window its reports'
   features (people, places, hashed rare words and MinHash; never a body), groups, the scores
   that linked them and its rows; beside them, every report's window, each window's people,
   and which undated reports joined which event. It is keyed by the build's configuration
   and this package's source: any change, or a state that cannot be read, starts it empty.
3. A build compares the documents' ``doc_id`` (a report is its capture: a changed capture is
   a new report, and the old one is removed) with the state's: the windows of the reports
   added or removed are *touched*. Only the added reports' rows are read (from the parts
   their ``doc_id`` prefix falls in), and only the touched windows' events are found again.
4. The undated reports are matched again when their window is touched or a touched window
   names (before or after) one of their people; a window whose joined undated reports
   changed has its rows made again. The other windows' rows are kept as they are.
5. A build from an empty state is every window touched: the same code, so an incremental
   build gives the tables a full build gives.
6. Memory: the features come a batch at a time, and the windows loaded are written back and
   let go whenever they hold more than ``SPILL`` reports; each window's rows are written as
   soon as they are made, and the tables are read back one window at a time. What is held
   is ``SPILL`` reports' features (or the largest window's, or those of the undated reports
   and of the windows naming their people, when larger), and every report's window.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pipeline.across.events import (
    UNDATED,
    Groups,
    Scores,
    _day,
    _Doc,
    link_undated,
    link_window,
    naming,
    people,
    render,
    render_window,
    window,
)

Row = dict[str, Any]
INDEX = "index.pkl"
Featured = Callable[[set[str]], Iterable[dict[str, _Doc]]]  # the reports added: features
SPILL = 1 << 14  # reports whose features are held at once (rule 6)


@dataclass
class Window:
    """One window's reports: features, publication, groups and their scores."""

    feats: dict[str, _Doc] = field(default_factory=dict)
    docs: dict[str, Row] = field(default_factory=dict)  # outlet_id, published
    groups: Groups = field(default_factory=dict)
    scores: Scores = field(default_factory=dict)


class _Keyed(Protocol):
    """An index made under a key (what the tables it indexes depend on)."""

    key: str

    def __init__(self, key: str) -> None: ...


Keyed = TypeVar("Keyed", bound=_Keyed)


@dataclass
class Index:
    """Every report's window, each window's people, the undated reports joined to events."""

    key: str = ""
    windows: dict[str, str] = field(default_factory=dict)  # doc_id -> window
    people: dict[str, set[str]] = field(default_factory=dict)
    joined: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (window, root)


@dataclass
class Update:
    """What an update did: reports added and removed, windows touched and rendered."""

    added: int = 0
    removed: int = 0
    touched: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)


class State:
    """The windows on disk (rule 2), loaded on demand; a changed window is written back when
    it is let go, and all are let go once they hold more than ``SPILL`` reports (rule 6)."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.loaded: dict[str, Window] = {}
        self.changed: set[str] = set()
        self.index = read_index(directory, INDEX, Index, key, "*.pkl")

    def window(self, name: str) -> Window:
        if name not in self.loaded:
            found = read(self._path(name, "w"))
            self.loaded[name] = found if isinstance(found, Window) else Window()
        return self.loaded[name]

    def rows(self, name: str) -> tuple[list[Row], list[Row]]:
        found = read(self._path(name, "r"))
        return found if isinstance(found, tuple) else ([], [])

    def put(self, name: str, rows: tuple[list[Row], list[Row]]) -> None:
        """A window's rows, written as soon as they are made."""
        self.directory.mkdir(parents=True, exist_ok=True)
        write(self._path(name, "r"), rows)

    def trim(self, keep: int | None = None) -> None:
        """Let every window go (the changed ones written) when they hold more than ``keep``
        (``SPILL``) reports."""
        if sum(len(w.feats) for w in self.loaded.values()) <= (SPILL if keep is None else keep):
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name in self.changed & self.loaded.keys():
            write(self._path(name, "w"), self.loaded[name])
        self.loaded.clear()

    def save(self) -> None:
        self.trim(-1)
        self.directory.mkdir(parents=True, exist_ok=True)
        write(self.directory / INDEX, self.index)
        self.changed.clear()

    def _path(self, name: str, kind: str) -> Path:
        return self.directory / f"{kind}-{name}.pkl"


def update(state: State, docs: dict[str, Row], featured: Featured) -> Update:
    """Bring ``state`` in step with ``docs`` (every report's ``outlet_id`` and
    ``published``): ``featured`` gives the features of the reports added, a batch at a
    time."""
    index = state.index
    added = sorted(docs.keys() - index.windows.keys())
    removed = sorted(index.windows.keys() - docs.keys())
    where = {k: window(_day(docs[k].get("published"))) for k in added}
    touched = sorted({where[k] for k in added} | {index.windows[k] for k in removed})
    state.changed.update(touched)
    for k in removed:
        w = state.window(index.windows.pop(k))
        del w.feats[k], w.docs[k]
    for found in featured(set(added)) if added else ():
        for k, d in sorted(found.items()):
            w = state.window(where[k])
            w.feats[k], w.docs[k] = d, docs[k]
            index.windows[k] = where[k]
        state.trim()
    rendered = set(touched)
    before = {w: index.people.pop(w, set()) for w in touched}
    for name in touched:
        w = state.window(name)
        if name != UNDATED:
            w.groups, w.scores = link_window(w.feats)
        if w.feats:
            index.people[name] = people(w.feats)
        state.trim()
    wanted = index.people.get(UNDATED, set())
    named = any((before[w] | index.people.get(w, set())) & wanted for w in touched)
    if UNDATED in touched or named:
        undated = state.window(UNDATED)
        near = naming(undated.feats, {w: p for w, p in index.people.items() if w != UNDATED})
        joined, undated.groups, undated.scores = link_undated(
            undated.feats,
            {w: state.window(w).feats for w in near},
            {w: state.window(w).groups for w in near},
        )
        rendered |= {w for w, _ in joined.keys() ^ index.joined.keys()}
        rendered |= {w for w, r in joined if index.joined.get((w, r)) != joined[(w, r)]}
        rendered.add(UNDATED)
        index.joined = joined
        state.changed.add(UNDATED)
        state.trim()
    for name in sorted(rendered):
        w = state.window(name)
        if name == UNDATED:
            state.put(name, render(w.groups, w.feats, w.scores, set(), w.docs))
            continue
        extra = {root: index.joined.get((name, root), []) for root in w.groups}
        feats, meta = w.feats, w.docs
        if any(extra.values()):
            undated = state.window(UNDATED)
            feats, meta = feats | undated.feats, meta | undated.docs
        state.put(name, render_window(w.groups, w.scores, extra, feats, meta))
        state.trim()
    state.save()
    return Update(len(added), len(removed), touched, sorted(rendered))


def tables(state: State) -> tuple[Iterator[Row], Iterator[Row]]:
    """``events`` and ``document_events``: every window's rows, one window read at a time.
    They come in the tables' order: an event's id begins with its day (its earliest dated
    report's, in its window) and ``undated`` sorts after every day, so the windows in the
    order of their first day (``undated`` last) give the events in order of ``event_id``,
    and each window's rows are in order."""
    names = sorted(set(state.index.windows.values()), key=_first_day)

    def each(i: int) -> Iterator[Row]:
        for name in names:
            yield from state.rows(name)[i]

    return each(0), each(1)


def _first_day(name: str) -> str:
    """The first day of a window (``2023-W38``: 2023-09-18), as an event's id begins;
    ``undated`` is ``undated``."""
    if name == UNDATED:
        return name
    year, week = name.split("-W")
    return date.fromisocalendar(int(year), int(week), 1).isoformat()


def read(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def read_index(directory: Path, name: str, kind: type[Keyed], key: str, files: str) -> Keyed:
    """The index ``name`` of ``directory`` when it is a ``kind`` made under ``key``; else a
    new ``kind(key)``, the files matching ``files`` (what the old index described) deleted."""
    found = read(directory / name)
    if isinstance(found, kind) and found.key == key:
        return found
    for old in directory.glob(files):
        old.unlink()
    return kind(key)


def write(path: Path, value: Any) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
