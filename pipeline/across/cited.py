"""Who cites whom, made again only for the outlets whose reports changed.

An edge is one outlet's (:mod:`pipeline.across.sources`), so an outlet's edges depend on its
reports' citations alone. The state, in the project's cache beside the windows'
(``.cache/across/``): every report's outlet, and for each outlet its reports' citations and
its edges' rows. A build compares the reports' ``doc_id`` with the state's, reads the
citations of the reports added only, and makes the edges again of the outlets that gained or
lost a report; a build from an empty state is every outlet's, by the same code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import blake3

from pipeline.across.sources import Row, citation_edges
from pipeline.across.windows import read, read_index, write

INDEX = "cited.pkl"
Citations = Callable[[set[str]], Iterable[Row]]  # the citations of some reports


@dataclass
class Index:
    key: str = ""
    outlets: dict[str, str] = field(default_factory=dict)  # doc_id -> outlet_id ("" for none)


@dataclass
class Outlet:
    citations: dict[str, list[Row]] = field(default_factory=dict)  # doc_id -> its citations
    rows: list[Row] = field(default_factory=list)


class State:
    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.index: Index = read_index(directory, INDEX, Index, key, "c-*.pkl")

    def outlet(self, name: str) -> Outlet:
        found = read(self._path(name))
        return found if isinstance(found, Outlet) else Outlet()

    def put(self, name: str, outlet: Outlet) -> None:
        if outlet.citations:
            write(self._path(name), outlet)
        else:
            self._path(name).unlink(missing_ok=True)

    def rows(self) -> Iterator[Row]:
        """``citation_edges``' rows in the table's order, one outlet's held at a time."""
        for name in sorted(set(self.index.outlets.values())):
            yield from self.outlet(name).rows

    def _path(self, name: str) -> Path:
        return self.directory / f"c-{blake3.blake3(name.encode()).hexdigest()[:16]}.pkl"


def update(state: State, docs: dict[str, Row], citations: Citations) -> list[str]:
    """Bring ``state`` in step with ``docs``; ``citations`` reads those of the reports it is
    given. The outlets whose edges were made again."""
    index = state.index
    added = docs.keys() - index.outlets.keys()
    removed = index.outlets.keys() - docs.keys()
    touched: dict[str, set[str]] = defaultdict(set)  # outlet -> its reports removed
    for d in removed:
        touched[index.outlets.pop(d)].add(d)
    fresh: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for d in added:
        index.outlets[d] = docs[d].get("outlet_id") or ""
        fresh[index.outlets[d]][d] = []
    for c in citations(set(added)) if added else ():
        fresh[index.outlets[c["doc_id"]]][c["doc_id"]].append(c)
    (state.directory / INDEX).unlink(missing_ok=True)  # a build stopped midway starts empty
    state.directory.mkdir(parents=True, exist_ok=True)
    for name in sorted(touched.keys() | fresh.keys()):
        outlet = state.outlet(name)
        for d in touched.get(name, ()):
            del outlet.citations[d]
        outlet.citations |= fresh.get(name, {})
        every = (c for found in outlet.citations.values() for c in found)
        outlet.rows = citation_edges(docs, every)
        state.put(name, outlet)
    write(state.directory / INDEX, index)
    return sorted(touched.keys() | fresh.keys())
