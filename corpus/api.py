"""The loader API: list tables, load one, give its path, give a raw capture, verify it all.

Each call reads one published version of the tables (``corpus.published``), even while a
build publishes another; :meth:`Corpus.version` holds one version for several calls.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from corpus import store
from corpus.published import pinned
from corpus.report import Report
from corpus.tables import Row, iter_rows, parts, read_descriptor, resource

# Imported here, not lazily: loading the submodule ``corpus.verify`` after ``corpus/__init__``
# ran would rebind ``corpus.verify`` from the function users call to the module.
from corpus.verify import verify as verify_corpus

if TYPE_CHECKING:
    import pandas

SQLITE_NAME = "corpus.db"

P = ParamSpec("P")
T = TypeVar("T")


Method = Callable[Concatenate["Corpus", P], T]


def _one_version(method: Method[P, T]) -> Method[P, T]:
    """Run ``method`` on the corpus pinned to the version published when it is called."""

    @functools.wraps(method)
    def run(self: Corpus, *args: P.args, **kwargs: P.kwargs) -> T:
        if self.pinned:
            return method(self, *args, **kwargs)
        with self.version() as corpus:
            return method(corpus, *args, **kwargs)

    return run


@dataclass(frozen=True)
class Corpus:
    """A published corpus: its tables in ``data_dir``, its raw captures in ``raw_dir``."""

    data_dir: Path
    raw_dir: Path
    pinned: bool = dataclasses.field(default=False, repr=False, compare=False)

    @contextmanager
    def version(self) -> Iterator[Corpus]:
        """This corpus held to the version published now, for reads that must agree:
        a build that publishes meanwhile changes nothing they see. Paths given inside
        the block (:meth:`paths`, :meth:`sqlite_path`) are valid until it ends."""
        with pinned(self.data_dir) as data_dir:
            yield Corpus(data_dir, self.raw_dir, pinned=True)

    def descriptor(self) -> dict[str, Any]:
        """The Frictionless data package descriptor (``datapackage.json``) as a dict."""
        return read_descriptor(self.data_dir)

    def tables(self) -> list[str]:
        """Names of the tables, in the order of the data package."""
        return [r["name"] for r in self.descriptor()["resources"]]

    def paths(self, name: str, format: str = "csv") -> list[Path]:
        """Paths of table ``name`` as ``csv`` (committed) or ``parquet`` (built), in order.

        One path, or one per shard when the table is split into parts (large corpora).
        """
        if format not in ("csv", "parquet"):
            raise ValueError(f"format must be 'csv' or 'parquet', not {format!r}")
        found = parts(resource(self.descriptor(), name))
        return [self.data_dir / (p.path if format == "csv" else p.parquet) for p in found]

    def path(self, name: str, format: str = "csv") -> Path:
        """Path of table ``name`` as ``csv`` or ``parquet``; see :meth:`paths` for a sharded one."""
        found = self.paths(name, format)
        if len(found) != 1:
            raise ValueError(f"table {name!r} is in {len(found)} parts: use paths({name!r})")
        return found[0]

    @_one_version
    def load(self, name: str) -> pandas.DataFrame | list[Row]:
        """Table ``name``: a pandas DataFrame when pandas is installed, else a list of dicts."""
        try:
            import pandas  # noqa: F401
        except ImportError:
            return self.rows(name)
        return self.load_frame(name)

    @_one_version
    def rows(self, name: str) -> list[Row]:
        """Table ``name`` as a list of dicts, typed by its Table Schema."""
        return list(iter_rows(self.data_dir, resource(self.descriptor(), name)))

    @_one_version
    def load_frame(self, name: str) -> pandas.DataFrame:
        """Table ``name`` as a pandas DataFrame (from Parquet when built, else from CSV)."""
        import pandas

        parquet = self.paths(name, "parquet")
        if not all(p.exists() for p in parquet):
            return pandas.DataFrame(self.rows(name))
        if len(parquet) == 1:
            return pandas.read_parquet(parquet[0])
        return pandas.concat([pandas.read_parquet(p) for p in parquet], ignore_index=True)

    def raw(self, blake3: str) -> bytes:
        """Bytes of the raw capture ``blake3``, re-hashed: a ``ValueError`` if they changed."""
        data = store.raw_path(self.raw_dir, blake3).read_bytes()
        found = store.blake3_hex(data)
        if found != blake3:
            raise ValueError(f"raw file {blake3} is corrupt: its bytes hash to {found}")
        return data

    def raw_text(self, blake3: str) -> str:
        """Decoded text of the raw capture ``blake3``: the text every span indexes."""
        encoding = next(r.encoding for r in store.iter_index(self.raw_dir) if r.blake3 == blake3)
        return store.decode(self.raw(blake3), encoding)

    def sqlite_path(self) -> Path:
        """The Datasette-ready SQLite database (built by ``corpus build``)."""
        return self.data_dir / SQLITE_NAME

    def verify(self, workers: int | None = 1) -> Report:
        """Re-hash every raw file and file, re-slice every span; a report of every problem.

        ``workers`` processes check the shards (``None``: one per core for a large corpus).
        """
        if self.pinned:
            return verify_corpus(self.data_dir, self.raw_dir, workers)
        with self.version() as version:
            report = version.verify(workers)
        held, shown = str(version.data_dir), str(self.data_dir)
        report.problems = [  # name the files where users find them
            dataclasses.replace(p, message=p.message.replace(held, shown)) for p in report.problems
        ]
        return report


def at(root: Path | str) -> Corpus:
    """The corpus of the project at ``root`` (a directory made by ``corpus init``)."""
    base = Path(root) / "corpus"
    return Corpus(base / "data", base / "raw")


_HERE = Path(__file__).resolve().parent
bundled = Corpus(_HERE / "data", _HERE / "raw")
