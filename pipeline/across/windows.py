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
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
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
Featured = Callable[[set[str]], dict[str, _Doc]]  # the features of the reports added


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
    """The windows on disk (rule 2), loaded on demand and written back when changed."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory, self.loaded, self.changed = directory, {}, set()
        self.index = read_index(directory, INDEX, Index, key, "*.pkl")

    def window(self, name: str) -> Window:
        if name not in self.loaded:
            found = read(self._path(name, "w"))
            self.loaded[name] = found if isinstance(found, Window) else Window()
        return self.loaded[name]

    def rows(self, name: str) -> tuple[list[Row], list[Row]]:
        found = read(self._path(name, "r"))
        return found if isinstance(found, tuple) else ([], [])

    def save(self, rendered: dict[str, tuple[list[Row], list[Row]]]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for name in self.changed:
            write(self._path(name, "w"), self.loaded[name])
        for name, rows in rendered.items():
            write(self._path(name, "r"), rows)
        write(self.directory / INDEX, self.index)
        self.loaded.clear()  # written back: the windows' features are not held any longer
        self.changed.clear()

    def _path(self, name: str, kind: str) -> Path:
        return self.directory / f"{kind}-{name}.pkl"


def update(state: State, docs: dict[str, Row], featured: Featured) -> Update:
    """Bring ``state`` in step with ``docs`` (every report's ``outlet_id`` and
    ``published``): ``featured`` gives the features of the reports added."""
    index = state.index
    added = sorted(docs.keys() - index.windows.keys())
    removed = sorted(index.windows.keys() - docs.keys())
    where = {k: window(_day(docs[k].get("published"))) for k in added}
    touched = sorted({where[k] for k in added} | {index.windows[k] for k in removed})
    for k in removed:
        w = state.window(index.windows.pop(k))
        del w.feats[k], w.docs[k]
    if added:
        for k, d in sorted(featured(set(added)).items()):
            w = state.window(where[k])
            w.feats[k], w.docs[k] = d, docs[k]
            index.windows[k] = where[k]
    state.changed.update(touched)
    rendered = set(touched)
    before = {w: index.people.pop(w, set()) for w in touched}
    for name in touched:
        w = state.window(name)
        if name != UNDATED:
            w.groups, w.scores = link_window(w.feats)
        if w.feats:
            index.people[name] = people(w.feats)
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
    out = {}
    for name in sorted(rendered):
        w = state.window(name)
        if name == UNDATED:
            out[name] = render(w.groups, w.feats, w.scores, set(), w.docs)
            continue
        extra = {root: index.joined.get((name, root), []) for root in w.groups}
        feats, meta = w.feats, w.docs
        if any(extra.values()):
            undated = state.window(UNDATED)
            feats, meta = feats | undated.feats, meta | undated.docs
        out[name] = render_window(w.groups, w.scores, extra, feats, meta)
    state.save(out)
    return Update(len(added), len(removed), touched, sorted(rendered))


def tables(state: State) -> tuple[list[Row], list[Row]]:
    """``events`` and ``document_events``: every window's rows, in order."""
    events, members = [], []
    for name in sorted(set(state.index.windows.values())):
        e, m = state.rows(name)
        events += e
        members += m
    events.sort(key=lambda e: e["event_id"])
    members.sort(key=lambda r: (r["event_id"], r["doc"]))
    return events, members


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
