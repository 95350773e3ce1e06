"""The loader API: list tables, load one, give its path, give a raw capture, verify it all.

Each call reads one published version of the tables (``corpus.published``), even while a
build publishes another; :meth:`Corpus.version` holds one version for several calls.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
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
    import polars
    import pyarrow

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
    def load(self, name: str) -> pandas.DataFrame:
        """Table ``name`` as a pandas DataFrame: an ``ImportError`` naming the extra to install
        without pandas (:meth:`rows` needs nothing)."""
        return self.load_frame(name)

    @_one_version
    def rows(self, name: str) -> list[Row]:
        """Table ``name`` as a list of dicts, typed by its Table Schema."""
        return list(iter_rows(self.data_dir, resource(self.descriptor(), name)))

    @_one_version
    def load_frame(self, name: str) -> pandas.DataFrame:
        """Table ``name`` as a pandas DataFrame (from Parquet when built, else from CSV)."""
        pandas = _needs("pandas", "pandas")

        parquet = self.paths(name, "parquet")
        if not all(p.exists() for p in parquet):
            return pandas.DataFrame(self.rows(name))
        if len(parquet) == 1:
            return pandas.read_parquet(parquet[0])
        return pandas.concat([pandas.read_parquet(p) for p in parquet], ignore_index=True)

    def load_arrow(self, name: str) -> pyarrow.Table:
        """Table ``name`` as a pyarrow Table (from Parquet when built, else from CSV)."""
        pa = _needs("pyarrow", "pandas")
        parquet = self.paths(name, "parquet")
        if not all(p.exists() for p in parquet):
            return pa.Table.from_pylist(self.rows(name))
        import pyarrow.parquet as pq

        return pa.concat_tables([pq.read_table(p) for p in parquet])

    def load_polars(self, name: str) -> polars.DataFrame:
        """Table ``name`` as a polars DataFrame (``pip install polars``)."""
        return _needs("polars", "").from_arrow(self.load_arrow(name))

    def raw(self, blake3: str) -> bytes:
        """Bytes of the raw capture ``blake3``, re-hashed: a ``ValueError`` if they changed, a
        ``KeyError`` naming the hash if the store has no such capture."""
        self._encoding(blake3)
        data = store.raw_path(self.raw_dir, blake3).read_bytes()
        found = store.blake3_hex(data)
        if found != blake3:
            raise ValueError(f"raw file {blake3} is corrupt: its bytes hash to {found}")
        return data

    def raw_text(self, blake3: str) -> str:
        """Decoded text of the raw capture ``blake3``: the text every span indexes."""
        return store.decode(self.raw(blake3), self._encoding(blake3))

    def _encoding(self, blake3: str) -> str:
        """The recorded encoding of ``blake3``: the index is read once (again when it changes)."""
        try:
            return _encodings(self.raw_dir)[blake3]
        except KeyError:
            raise KeyError(f"no raw capture {blake3!r} in {self.raw_dir}") from None

    def sqlite_path(self) -> Path:
        """The Datasette-ready SQLite database (built by ``corpus build``)."""
        return self.data_dir / SQLITE_NAME

    def verify(self, workers: int | None = None) -> Report:
        """Re-hash every raw file and file, re-slice every span; a report of every problem.

        ``workers`` processes check the shards (``None``, the default: one per core for a
        corpus in parts over 32 MB, else this process).
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


_ENCODINGS: dict[Path, tuple[tuple[int, int], dict[str, str]]] = {}


def _encodings(raw_dir: Path) -> dict[str, str]:
    """Each capture's encoding by hash, kept while the index's size and time stay the same."""
    try:
        info = (raw_dir / store.INDEX_NAME).stat()
    except FileNotFoundError:
        return {}
    stamp = (info.st_mtime_ns, info.st_size)
    cached = _ENCODINGS.get(raw_dir)
    if cached is None or cached[0] != stamp:
        cached = stamp, {r.blake3: r.encoding for r in store.iter_index(raw_dir)}
        _ENCODINGS[raw_dir] = cached
    return cached[1]


def _needs(module: str, extra: str) -> Any:
    """``module`` imported, or an ``ImportError`` saying what to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        what = f'"iran-russia-defence-corpus[{extra}]"' if extra else module
        raise ImportError(f"this needs {module}: pip install {what}") from None


def at(root: Path | str) -> Corpus:
    """The corpus of the project at ``root`` (a directory made by ``corpus init``)."""
    base = Path(root) / "corpus"
    return Corpus(base / "data", base / "raw")


_HERE = Path(__file__).resolve().parent
bundled = Corpus(_HERE / "data", _HERE / "raw")
