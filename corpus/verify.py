"""Prove the chain from raw bytes to every cell: hashes, spans, cleaned text, references.

Needs only the published tables and the raw store (and the standard library and ``blake3``;
pyarrow, when installed, reads faster and checks the Parquet copies), so a downloaded corpus
can be checked without the build tools. Every problem is reported, located by table, row
key and column; ``expected`` is what the tables record and ``found`` is what re-computing it
from the raw bytes (or the file) gives.

A corpus is checked one shard at a time: the parts of the per-document tables for one BLAKE3
prefix (the whole tables when they are not split), with the raw files of that prefix. Every
row of a shard depends on its own raw files and the registry tables only, so memory holds
one shard, however large the corpus. The tables read whole (the registry, and the corpus-level
tables across reports: events, quote links) may reference a per-document table
(``document_events.doc`` -> ``documents.doc_id``): the keys they reference are gathered by the
shards as they read their parts, and those references checked after the last shard (reported
before the shards' problems); memory holds those ids.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from itertools import repeat
from operator import getitem, itemgetter, le
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import blake3 as _blake3

from corpus import served
from corpus.columns import Columns, arrow_installed, read
from corpus.report import Report
from corpus.store import (
    COLUMNS,
    INDEX_NAME,
    WITHDRAWN_NAME,
    Digests,
    RawFile,
    blake3_hex,
    decode,
    iter_index,
    iter_withdrawn,
    raw_path,
    sha256_hex,
)
from corpus.tables import DESCRIPTOR, Part, parts, read_descriptor, shard_column

if TYPE_CHECKING:
    from concurrent.futures import Future

    from corpus.spans import Sources

POOL_BYTES = 32 << 20  # per-document tables larger than this are checked on a process pool
# Imported once in the fork server, not in each worker (a preload that fails is skipped). The
# checks make their Arrow values with corpus.arrow: pyarrow never imports pandas (0.4 CPU-s).
PRELOAD = (
    "corpus.verify",
    "corpus.spans",
    "pyarrow.compute",
    "pyarrow.csv",
    "pyarrow.parquet",
)
EXCERPT = 40  # characters of each side shown around the first difference of two long texts
HEX = "0123456789abcdef"
THREADS = len(os.sched_getaffinity(0))  # threads reading and hashing raw files
RAW_WINDOW = 256  # raw files read ahead of the checks (memory holds their bytes)
THREADED_BYTES = 16 << 20  # a smaller file is read by pyarrow on one thread (more cost CPU)

Resource = dict[str, Any]


def verify(data_dir: Path, raw_dir: Path, workers: int | None = None) -> Report:
    """Check every raw file, every published file, every span, every body and every reference.

    Shards are checked on ``workers`` processes (``None``, the default: one per core when
    the per-document tables pass :data:`POOL_BYTES`); the report is the same, in the same
    order, whatever the number. A script that uses more than one must guard its entry point with
    ``if __name__ == "__main__":``, as for any process pool that starts fresh interpreters.
    """
    report = Report("verify")
    try:
        descriptor = read_descriptor(data_dir)
    except (OSError, ValueError) as e:
        report.add("file", f"cannot read {data_dir / DESCRIPTOR} ({e}); run `corpus build`")
        return report
    report.extend(served.check(data_dir))
    arrow = arrow_installed()
    resources = {r["name"]: r for r in descriptor["resources"]}
    sharded = {n: r for n, r in resources.items() if shard_column(r)}
    whole = {
        n: _read_whole(report, data_dir, r, arrow) for n, r in resources.items() if n not in sharded
    }
    wanted = _wanted(whole, resources, sharded)
    at = len(report.problems)  # where the references of the tables read whole are reported
    shards = _shards(report, sharded)
    index = _Index(report, raw_dir)
    store = _StoreDirs(report, raw_dir)
    _check_withdrawn(report, raw_dir, store)
    inputs = _Inputs()
    workers = _workers(workers, shards)
    jobs = _jobs(data_dir, raw_dir, sharded, whole, shards, index, arrow, workers == 1, wanted)
    keys = _Keys(wanted)
    for orphans, done in _checked(jobs, workers):
        keys.add(done.keys)
        _check_unbuilt(report, raw_dir, orphans, store)
        store.check_before(done.prefix)
        report.extend(done.report)
        store.add(done.known)
        inputs.add(done.published)
    _check_unbuilt(report, raw_dir, index.rest(), store)
    store.check_before(None)
    store.report_unknown()
    inputs.check(report, descriptor.get("build", {}).get("inputs", {}))
    references, found = Report("verify"), keys.found()
    for name, table in whole.items():
        _check_references(references, name, resources[name], table, whole, found)
    report.problems[at:at] = references.problems
    for what, n in references.checked.items():
        report.count(what, n)
    return report


@dataclass(frozen=True)
class _Job:
    """What checking one shard needs."""

    data_dir: Path
    raw_dir: Path
    prefix: str
    files: dict[str, Part]  # the shard's part of each per-document table
    resources: dict[str, Resource]  # the per-document tables
    registry: dict[tuple[str, tuple[str, ...]], set[Any]]  # keys foreign keys want (see _keys)
    index: dict[str, RawFile]  # the store's records of the shard's raw files
    evidence_fields: set[str]
    arrow: bool
    threads: bool  # whether pyarrow may read on several threads (not when shards are on a pool)
    wanted: set[tuple[str, tuple[str, ...]]]  # keys of the shard's tables to gather (_wanted)


@dataclass
class _Done:
    """What checking one shard found, and what the checks across shards need from it."""

    prefix: str
    report: Report
    known: set[str]  # raw files the shard's tables or index records name
    published: list[str]  # the shard's raw_files, sorted
    keys: dict[tuple[str, tuple[str, ...]], set[Any] | None]  # the wanted keys; None: unread


def _jobs(
    data_dir: Path,
    raw_dir: Path,
    sharded: dict[str, Resource],
    whole: dict[str, Columns],
    shards: dict[str, dict[str, Part]],
    index: _Index,
    arrow: bool,
    threads: bool,
    wanted: set[tuple[str, tuple[str, ...]]],
) -> Iterator[tuple[list[RawFile], _Job]]:
    """Each shard's job, in prefix order, with the index records before it in no shard."""
    registry = {}
    for res in sharded.values():
        for fk in res["schema"].get("foreignKeys", []):
            target, names = fk["reference"]["resource"], tuple(fk["reference"]["fields"])
            if target in whole:
                registry[target, names] = set(_keys(whole[target], list(names)))
    fields = _evidence_fields(data_dir, sharded, shards, arrow)
    for prefix, files in shards.items():
        taken = index.take(prefix)
        job = _Job(
            data_dir,
            raw_dir,
            prefix,
            files,
            sharded,
            registry,
            taken.records,
            fields,
            arrow,
            threads,
            wanted,
        )
        yield taken.orphans, job


def _workers(asked: int | None, shards: dict[str, dict[str, Part]]) -> int:
    """How many processes check shards: 1 (this one) for one shard or small tables, where
    starting a pool costs more than it saves."""
    if asked is None:
        size = sum(p.bytes or 0 for files in shards.values() for p in files.values())
        asked = len(os.sched_getaffinity(0)) if size > POOL_BYTES else 1
    return max(1, min(asked, len(shards)))


def _checked(
    jobs: Iterator[tuple[list[RawFile], _Job]], workers: int
) -> Iterator[tuple[list[RawFile], _Done]]:
    """Each job's result, in the jobs' order: checked here, or on a pool of ``workers``
    processes with at most ``workers`` shards waiting (memory holds that many shards)."""
    if workers == 1:
        for orphans, job in jobs:
            yield orphans, _check_shard(job)
        return
    import multiprocessing  # here: a check in one process need not import it
    from concurrent.futures import ProcessPoolExecutor

    # From a fork server (as the build's pool): a fork of this process, whose pyarrow threads
    # may hold locks, could hang.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *PRELOAD])  # imported once, not per worker
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[tuple[list[RawFile], Future[_Done]]] = deque()
        for orphans, job in jobs:
            pending.append((orphans, pool.submit(_check_shard, job)))
            if len(pending) > workers:
                orphans, done = pending.popleft()
                yield orphans, done.result()
        for orphans, done in pending:
            yield orphans, done.result()


def _wanted(
    whole: dict[str, Columns], resources: dict[str, Resource], sharded: dict[str, Resource]
) -> set[tuple[str, tuple[str, ...]]]:
    """The keys of the per-document tables that foreign keys of the tables read whole want:
    gathered by the shards as they read their parts (:class:`_Keys`), not read again."""
    return {
        (fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
        for name in whole
        for fk in resources[name]["schema"].get("foreignKeys", [])
        if fk["reference"]["resource"] in sharded
    }


class _Keys:
    """The wanted keys of every part, gathered shard after shard. A table with a part that
    could not be read is left out: references into it are not checked (its shard's check
    reports the file)."""

    def __init__(self, wanted: set[tuple[str, tuple[str, ...]]]) -> None:
        self._found: dict[tuple[str, tuple[str, ...]], set[Any] | None] = {k: set() for k in wanted}

    def add(self, keys: dict[tuple[str, tuple[str, ...]], set[Any] | None]) -> None:
        for wanted, values in keys.items():
            found = self._found[wanted]
            if values is None or found is None:
                self._found[wanted] = None
            else:
                found.update(values)

    def found(self) -> dict[tuple[str, tuple[str, ...]], set[Any]]:
        return {k: v for k, v in self._found.items() if v is not None}


# --- layout -------------------------------------------------------------------------------


def _shards(report: Report, sharded: dict[str, Resource]) -> dict[str, dict[str, Part]]:
    """Each shard's prefix and its part of every per-document table, in prefix order.

    A table in one file is the one shard ``""``. Parts must be named by prefix, all ``16**k``
    of them listed in order, the same ``k`` for every table, each with its recorded digests.
    """
    shards: dict[str, dict[str, Part]] = defaultdict(dict)
    widths = set()
    for name, res in sharded.items():
        found = parts(res)
        if isinstance(res["path"], str):
            shards[""][name] = found[0]
            widths.add(0)
            continue
        prefixes = [_prefix(p) for p in found]
        k = len(prefixes[0]) if prefixes else 0
        widths.add(k)
        expected = [f"{i:0{k}x}" for i in range(16**k)] if k else []
        if prefixes != expected:
            report.add(
                "file",
                f"the parts of {name} are not the {len(expected)} prefixes of {k} hex digits "
                f"in order (parts dropped, added, renamed or reordered in {DESCRIPTOR}?)",
                table=name,
                column="path",
                expected=_listed(expected),
                found=_listed(prefixes),
            )
        listed = set(res["path"])
        for entry in res.get("parts", []):
            if entry.get("path") not in listed:
                report.add(
                    "file",
                    f"{DESCRIPTOR} records digests for {entry.get('path')}, not a part of {name}",
                    table=name,
                    column="parts",
                )
        for prefix, part in zip(prefixes, found, strict=True):
            shards[prefix][name] = part
    if len(widths) > 1:
        report.add(
            "file",
            "the per-document tables are not split alike (different numbers of prefix digits)",
            column="path",
            found=", ".join(str(k) for k in sorted(widths)),
        )
    return dict(sorted(shards.items()))


def _prefix(part: Part) -> str:
    """The prefix a part is named by (``documents/3a.csv`` -> ``3a``); ``?`` if it is not hex."""
    stem = Path(part.path).name.removesuffix(".csv")
    return stem if stem and all(c in HEX for c in stem) else f"?{stem}"


def _listed(prefixes: list[str], shown: int = 8) -> str:
    more = f", ... ({len(prefixes)} in all)" if len(prefixes) > shown else ""
    return ", ".join(prefixes[:shown]) + more


# --- reading ------------------------------------------------------------------------------


def _read_whole(report: Report, data_dir: Path, res: Resource, arrow: bool) -> Columns:
    """A table read in one piece (a registry table): its files checked, its parts joined."""
    found = [_read_part(report, data_dir, res, p, arrow) for p in parts(res)]
    if len(found) == 1:
        return found[0]
    return _joined(res, found)


def _joined(res: Resource, found: list[Columns]) -> Columns:
    fields = res["schema"]["fields"]
    typed = {f["name"]: [v for c in found for v in c.column(f["name"])] for f in fields}
    return Columns(res["name"], fields, list(typed), {}, sum(c.rows for c in found), typed=typed)


def _read_part(
    report: Report, data_dir: Path, res: Resource, part: Part, arrow: bool, threads: bool = True
) -> Columns:
    """One file of a table, checked against its digests and its Parquet copy; its columns.

    A file that cannot be read, or whose header is not the schema's columns, is reported and
    checked as empty.
    """
    name, fields = res["name"], res["schema"]["fields"]
    columns = [f["name"] for f in fields]
    empty = Columns(part.path, fields, columns, {}, 0)
    data = _check_file(report, data_dir, name, res, part)
    if data is None:
        return empty
    threads = threads and len(data) > THREADED_BYTES

    def on_error(column: str, message: str) -> None:
        report.add("file", message, table=name, column=column)

    try:
        table = read(data, part.path, fields, arrow, on_error, threads)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        report.add("file", f"cannot read {part.path}: {e}", table=name)
        return empty
    if table.header != columns:
        report.add(
            "file",
            f"the header of {part.path} is not the schema's columns",
            table=name,
            column="header",
            expected=",".join(columns),
            found=",".join(table.header),
        )
        return empty
    _check_parquet(report, data_dir, res, part, table, threads)
    return table


def _check_file(
    report: Report, data_dir: Path, name: str, res: Resource, part: Part
) -> bytes | None:
    """A CSV file against the size and hashes recorded for it; its bytes (read once: hashed,
    then parsed from memory), or ``None`` if it is missing."""
    path = data_dir / part.path
    if not path.is_file():
        report.add("file", f"{part.path} is missing", table=name)
        return None
    data = path.read_bytes()
    found = Digests(len(data), sha256_hex(data), blake3_hex(data))
    report.count("files")
    recorded = (part.bytes, part.sha256, part.blake3)
    if not isinstance(res["path"], str) and recorded == (None, None, None):
        report.add(
            "file", f"{part.path} has no digests in {DESCRIPTOR}", table=name, column="parts"
        )
    for column, expected, got in (
        ("bytes", part.bytes, found.size),
        ("hash", part.sha256 and f"sha256:{part.sha256}", f"sha256:{found.sha256}"),
        ("blake3", part.blake3, found.blake3),
    ):
        if expected is not None and expected != got:
            report.add(
                "file",
                f"{part.path} does not match its {column} in {DESCRIPTOR} "
                "(edited after publishing?)",
                table=name,
                column=column,
                expected=str(expected),
                found=str(got),
            )
    return data


def _check_parquet(
    report: Report, data_dir: Path, res: Resource, part: Part, csv: Columns, threads: bool
) -> None:
    """The built Parquet copy of a part holds the CSV's rows (where pyarrow is installed).

    The part is read whole (a part is small by design: one read costs less than one per
    column), its columns compared with Arrow; a column that differs is compared cell by cell
    to say where.
    """
    path = data_dir / part.parquet
    if csv.arrow is None or not path.is_file():
        return
    import pyarrow.parquet as pq

    name, key = res["name"], res["schema"].get("primaryKey", [])
    report.count("parquet files")
    try:
        parquet = pq.ParquetFile(path)
        rows, names = parquet.metadata.num_rows, parquet.schema_arrow.names
        whole = parquet.read(use_threads=threads)
    except Exception as e:  # any corruption pyarrow can raise
        report.add("parquet", f"cannot read {part.parquet}: {e}", table=name)
        return
    if rows != csv.rows:
        report.add(
            "parquet",
            f"{part.parquet} does not hold the same number of rows as {part.path}",
            table=name,
            column="rows",
            expected=str(csv.rows),
            found=str(rows),
        )
    for column in csv.header:
        if column not in names:
            if csv.rows:
                report.add("parquet", f"{part.parquet} has no column {column}", table=name)
            continue
        other = whole.column(column)
        if _same_column(csv, column, other):
            continue
        for i, (value, found) in enumerate(
            zip(csv.column(column), other.to_pylist(), strict=False)
        ):
            if not _same_cell(value, found):
                report.add(
                    "parquet",
                    f"{part.parquet} disagrees with {part.path}",
                    table=name,
                    key=csv.key(i, key),
                    column=column,
                    expected=str(value),
                    found=str(found),
                )


def _same_column(csv: Columns, column: str, parquet: Any) -> bool:
    """A column of CSV strings equals its Parquet column (an empty cell is a null there).

    Numbers are compared as the CSV's typed column, which the span check uses too (cast once).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from corpus.arrow import string

    cells = csv.arrow.column(column)
    if len(cells) != len(parquet):
        return False
    if pa.types.is_string(parquet.type):  # filling nulls copies the column: only where needed
        filled = pc.fill_null(parquet, string("")) if parquet.null_count else parquet
        return bool(filled.equals(cells))
    if pa.types.is_integer(parquet.type) or pa.types.is_floating(parquet.type):
        typed = csv.array(column)
        if typed is not None and typed.type == parquet.type:
            return bool(pa.chunked_array([typed]).equals(parquet))
    filled = pc.if_else(pc.equal(cells, string("")), string(None), cells)
    try:
        return bool(pc.cast(filled, parquet.type).equals(parquet))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return False


def _same_cell(csv_value: Any, parquet_value: Any) -> bool:
    """Equal as published: an empty string cell is a Parquet null; datetimes compared as such."""
    if isinstance(parquet_value, datetime) and isinstance(csv_value, str):
        try:
            return datetime.fromisoformat(csv_value.replace("Z", "+00:00")) == parquet_value
        except ValueError:
            return False
    if csv_value == "" and parquet_value is None:
        return True
    return bool(csv_value == parquet_value)


def _evidence_fields(
    data_dir: Path, sharded: dict[str, Resource], shards: dict[str, dict[str, Part]], arrow: bool
) -> set[str]:
    """Every ``field`` named in ``evidence``: the documents columns that must be evidenced."""
    if "evidence" not in sharded or "documents" not in sharded:
        return set()
    fields = sharded["evidence"]["schema"]["fields"]
    found: set[str] = set()
    for files in shards.values():
        path = data_dir / files["evidence"].path if "evidence" in files else None
        if path is None or not path.is_file():
            continue
        try:
            table = read(path, "", fields, arrow)
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # reported when the shard is read
        found.update(table.column("field") if "field" in table else ())
    return found


# --- one shard ----------------------------------------------------------------------------


def _check_shard(job: _Job) -> _Done:
    """Every check of one shard: its files, raw files, spans, references and documents."""
    report = Report("verify")
    tables: dict[str, Columns] = {}

    def read_part(name: str) -> Columns:
        res, part = job.resources[name], job.files[name]
        table = _read_part(report, job.data_dir, res, part, job.arrow, job.threads)
        _check_prefix(report, name, job.resources[name], job.prefix, table)
        return table

    # The tables the checks of documents need stay; each other is dropped once checked.
    for name in ("raw_files", "documents", "segments", "evidence", "problems"):
        if name in job.files:
            tables[name] = read_part(name)
    raw_files, documents = tables.get("raw_files"), tables.get("documents")
    published = _published(raw_files)
    texts, known = _check_raw_store(report, job.raw_dir, published, job.index, job.threads)
    doc_raw = (
        dict(zip(documents.column("doc_id"), documents.column("raw_blake3"), strict=True))
        if documents
        else {}
    )
    made: list[Sources | None] = []

    def sources() -> Sources | None:
        """The shard's documents' raw texts for the Arrow span check (made once, if needed)."""
        if not made:
            from corpus.spans import Sources

            found = {doc_id: texts[b3] for doc_id, b3 in doc_raw.items() if b3 in texts}
            made.append(Sources(found))
        return made[0]

    keys: dict[tuple[str, tuple[str, ...]], set[Any] | None] = {}
    for name in job.files:
        table = tables.get(name) or read_part(name)
        res = job.resources[name]
        for target, names in job.wanted:
            if target == name:  # (a file read as empty, unreadable or not the schema's, has none)
                unread = res["schema"]["fields"][0]["name"] not in table
                keys[target, names] = None if unread else set(_keys(table, list(names)))
        _check_spans(report, name, res, table, doc_raw, texts, sources)
        _check_references(report, name, res, table, {**tables, name: table}, job.registry)
    if raw_files:
        _check_every_raw_has_a_document(report, raw_files, documents, tables.get("problems"))
    if documents:
        html = {b3 for b3, row in published.items() if row["media_type"] == "text/html"}
        _check_documents(report, documents, tables.get("segments"), texts, html)
        if "evidence" in job.resources:
            evidence = tables.get("evidence")
            res = job.resources["documents"]
            _check_evidence_backs_documents(report, res, documents, evidence, job.evidence_fields)
    return _Done(job.prefix, report, known, sorted(published), keys)


def _check_prefix(report: Report, name: str, res: Resource, prefix: str, table: Columns) -> None:
    """Every row of a part belongs to its shard: its key starts with the part's prefix."""
    if not prefix:
        return
    column = shard_column(res)
    key = res["schema"].get("primaryKey", [])
    if _all_start_with(table, column, prefix):
        return
    for i, value in enumerate(table.column(column)):
        if not (value or "").startswith(prefix):
            report.add(
                "file",
                f"{table.label}: a row of another shard (its {column} does not start with "
                f"{prefix})",
                table=name,
                key=table.key(i, key),
                column=column,
                expected=f"{prefix}…",
                found=str(value),
            )


def _all_start_with(table: Columns, column: str, prefix: str) -> bool:
    """Whether every value of ``column`` starts with ``prefix`` (told with Arrow, where it can,
    without a Python string per row)."""
    cells = table.array(column)
    if cells is None:
        return all((value or "").startswith(prefix) for value in set(table.column(column)))
    import pyarrow.compute as pc

    return not cells.null_count and bool(pc.all(pc.starts_with(cells, prefix)).as_py())


def _published(raw_files: Columns | None) -> dict[str, dict[str, Any]]:
    """The shard's ``raw_files`` rows by BLAKE3."""
    if not raw_files:
        return {}
    values = [raw_files.column(c) for c in COLUMNS]
    return {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in zip(*values, strict=True)}


# --- the raw store -------------------------------------------------------------------------


@dataclass
class _Taken:
    orphans: list[RawFile]  # records of no listed shard (between the shards' prefixes)
    records: dict[str, RawFile]  # records of the shard


class _Index:
    """The store's index read once, in order, a shard's records at a time (it is sorted)."""

    def __init__(self, report: Report, raw_dir: Path) -> None:
        self._report = report
        self._records = self._read(raw_dir)
        self._next: RawFile | None = next(self._records, None)
        self._last = ""

    def _read(self, raw_dir: Path) -> Iterator[RawFile]:
        try:
            yield from iter_index(raw_dir)
        except (OSError, ValueError, TypeError, KeyError) as e:
            self._report.add(
                "raw", f"cannot read the store's {INDEX_NAME}: {e!r}", table="raw_files"
            )

    def _advance(self) -> RawFile:
        record, self._next = self._next, next(self._records, None)
        assert record is not None
        if record.blake3 < self._last:
            self._report.add(
                "raw",
                f"the store's {INDEX_NAME} is not sorted by blake3 (edited by hand?)",
                table="raw_files",
                key=record.blake3,
            )
        self._last = max(self._last, record.blake3)
        return record

    def take(self, prefix: str) -> _Taken:
        taken = _Taken([], {})
        while self._next is not None and self._next.blake3[: len(prefix)] <= prefix:
            record = self._advance()
            if record.blake3.startswith(prefix):
                taken.records[record.blake3] = record
            else:
                taken.orphans.append(record)
        return taken

    def rest(self) -> list[RawFile]:
        rest = []
        while self._next is not None:
            rest.append(self._advance())
        return rest


class _StoreDirs:
    """The store's directories (``raw/<b3[:2]>/``), each checked for unknown files once every
    shard that could name its files is done."""

    def __init__(self, report: Report, raw_dir: Path) -> None:
        self._report, self._raw_dir = report, raw_dir
        self._entries = sorted(raw_dir.iterdir()) if raw_dir.is_dir() else []
        self._known: dict[str, set[str]] = defaultdict(set)
        self._unknown: list[Path] = []

    def add(self, hashes: Iterable[str]) -> None:
        for b3 in hashes:
            self._known[b3[:2]].add(b3)

    def check_before(self, prefix: str | None) -> None:
        """Check the directories every file of which sorts before shard ``prefix`` (all: None)."""
        bound = None if prefix is None else prefix[:2]
        while self._entries and (bound is None or self._entries[0].name[: len(bound)] < bound):
            entry = self._entries.pop(0)
            known = self._known.pop(entry.name, set())
            if entry.name in (INDEX_NAME, WITHDRAWN_NAME) and not entry.is_dir():
                continue
            if entry.is_dir() and not entry.is_symlink() and _all_known(entry, known):
                continue
            paths = sorted(entry.rglob("*")) if entry.is_dir() and not entry.is_symlink() else []
            for path in [entry] if not paths and not entry.is_dir() else paths:
                if path.is_dir() and not path.is_symlink():
                    continue
                if path.parent == entry and path.name in known:
                    continue
                self._unknown.append(path)

    def report_unknown(self) -> None:
        """Report the files no record names; the index is read again first, so a capture an
        ingest stored (and recorded) while this verify ran is not taken for one."""
        if self._unknown:
            try:
                recorded = {raw_path(self._raw_dir, r.blake3) for r in iter_index(self._raw_dir)}
            except (OSError, ValueError, TypeError, KeyError):  # reported where it was read
                recorded = set()
            self._unknown = [p for p in self._unknown if p not in recorded]
        for path in self._unknown:
            self._report.add(
                "raw",
                f"unknown file in the raw store: {path.relative_to(self._raw_dir)} "
                f"(not in raw_files nor in {INDEX_NAME}; added by hand or by an "
                "interrupted ingest?)",
                table="raw_files",
                key=path.name,
            )


def _all_known(directory: Path, known: set[str]) -> bool:
    """Whether every entry of ``directory`` is a file named in ``known`` (the usual case,
    told from one listing; anything else is walked entry by entry)."""
    with os.scandir(directory) as entries:
        return all(e.name in known and not e.is_dir() for e in entries)


def _check_withdrawn(report: Report, raw_dir: Path, store: _StoreDirs) -> None:
    """Captures withdrawn by ``corpus remove``: their bytes stay, re-hashed, and counted."""
    try:
        withdrawn = [w.raw for w in iter_withdrawn(raw_dir)]
    except (OSError, ValueError, TypeError, KeyError) as e:
        report.add("raw", f"cannot read the store's {WITHDRAWN_NAME}: {e!r}", table="raw_files")
        return
    hashes = [r.blake3 for r in withdrawn]
    for record, (b3, got) in zip(withdrawn, _read_raws(raw_dir, hashes), strict=True):
        _check_raw_file(report, raw_dir, b3, asdict(record), got)
    if withdrawn:
        report.count("raw files withdrawn", len(withdrawn))
        store.add(hashes)


def _check_unbuilt(
    report: Report, raw_dir: Path, records: list[RawFile], store: _StoreDirs
) -> None:
    """Raw files in the index but in no shard's ``raw_files`` yet: re-hashed, counted."""
    hashes = [r.blake3 for r in records]
    for record, (b3, got) in zip(records, _read_raws(raw_dir, hashes), strict=True):
        _check_raw_file(report, raw_dir, b3, asdict(record), got)
    if records:
        report.count("raw files not yet built", len(records))
        store.add(r.blake3 for r in records)


def _check_raw_store(
    report: Report,
    raw_dir: Path,
    published: dict[str, dict[str, Any]],
    index: dict[str, RawFile],
    threads: bool,
) -> tuple[dict[str, str], set[str]]:
    """Re-hash every raw file the shard's tables or index records name; the decoded text of
    each good one, and the names.

    A raw file is good when its bytes hash to the address it is stored under; spans in the
    documents of a bad one are not checked (its own problem says why).
    """
    for b3, row in published.items():
        _check_index_record(report, b3, row, index.get(b3))
    known = published.keys() | index.keys()
    texts: dict[str, str] = {}
    for b3, got in _read_raws(raw_dir, sorted(known), threads):
        record = published.get(b3) or asdict(index[b3])
        text = _check_raw_file(report, raw_dir, b3, record, got)
        if text is not None:
            texts[b3] = text
    if unbuilt := len(index.keys() - published.keys()):
        report.count("raw files not yet built", unbuilt)
    return texts, known


def _check_index_record(
    report: Report, b3: str, row: dict[str, Any], record: RawFile | None
) -> None:
    """A published ``raw_files`` row agrees with the store's own record of that file."""
    if record is None:
        report.add(
            "raw",
            f"listed in raw_files but not in the store's {INDEX_NAME}",
            table="raw_files",
            key=b3,
        )
        return
    for column in COLUMNS:
        if str(getattr(record, column)) != str(row[column]):
            report.add(
                "raw",
                f"raw_files and the store's {INDEX_NAME} disagree",
                table="raw_files",
                key=b3,
                column=column,
                expected=str(row[column]),
                found=str(getattr(record, column)),
            )


Read = tuple[bytes, str, str] | None  # a stored file's bytes, BLAKE3 and SHA-256; None: missing


def _read_raws(
    raw_dir: Path, hashes: list[str], threads: bool = True
) -> Iterator[tuple[str, Read]]:
    """Each stored file of ``hashes`` read and hashed, in order: on threads (reading, BLAKE3 and
    SHA-256 release the GIL), at most :data:`RAW_WINDOW` files ahead, unless not ``threads``
    (shards checked on a pool of processes: threads there would only add switching)."""
    if len(hashes) < 2 or not threads:
        yield from ((b3, _read_raw(raw_dir, b3)) for b3 in hashes)
        return
    with ThreadPoolExecutor(THREADS) as pool:
        for at in range(0, len(hashes), RAW_WINDOW):
            batch = hashes[at : at + RAW_WINDOW]
            size = -(-len(batch) // THREADS)  # a task per thread: a task per file costs more
            tasks = [batch[i : i + size] for i in range(0, len(batch), size)]
            found = pool.map(_read_many, repeat(raw_dir), tasks)
            yield from zip(batch, (read for task in found for read in task), strict=True)


def _read_many(raw_dir: Path, hashes: list[str]) -> list[Read]:
    return [_read_raw(raw_dir, b3) for b3 in hashes]


def _read_raw(raw_dir: Path, b3: str) -> Read:
    try:
        with open(os.path.join(raw_dir, b3[:2], b3), "rb") as f:
            data = f.read()
    except (FileNotFoundError, IsADirectoryError):
        return None
    return data, blake3_hex(data), sha256_hex(data)


def _check_raw_file(
    report: Report, raw_dir: Path, b3: str, record: dict[str, Any], read: Read
) -> str | None:
    """One stored file (``read`` by :func:`_read_raw`) against its record; its decoded text
    when it is good."""
    where = f"{b3[:2]}/{b3}"  # strings, not paths: this runs once per raw file
    if read is None:
        report.add("raw", f"raw file is missing from the store: {where}", table="raw_files", key=b3)
        return None
    report.count("raw files")
    data, found, sha256 = read
    if found != b3:
        why = (
            f"holds the bytes of raw file {found} (two files swapped or misfiled?)"
            if raw_path(raw_dir, found).is_file()
            else "its bytes no longer hash to its name (corrupted or edited?)"
        )
        report.add(
            "raw",
            f"{where}: {why}",
            table="raw_files",
            key=b3,
            column="blake3",
            expected=b3,
            found=found,
        )
    for column, found_value in (("sha256", sha256), ("size_bytes", len(data))):
        if str(record[column]) != str(found_value):
            report.add(
                "raw",
                f"{where}: stored bytes do not match their recorded {column}",
                table="raw_files",
                key=b3,
                column=column,
                expected=str(record[column]),
                found=str(found_value),
            )
    if found != b3:
        return None
    try:
        return decode(data, record["encoding"])
    except (UnicodeDecodeError, LookupError) as e:
        report.add(
            "raw",
            f"{where}: cannot decode with its recorded encoding: {e}",
            table="raw_files",
            key=b3,
            column="encoding",
        )
        return None


@dataclass
class _Inputs:
    """The published raw files' count and joint hash, as the build records its inputs."""

    count: int = 0
    digest: Any = field(default_factory=_blake3.blake3)

    def add(self, hashes: list[str]) -> None:
        for b3 in hashes:
            self.digest.update(f"{chr(10) if self.count else ''}{b3}".encode())
            self.count += 1

    def check(self, report: Report, inputs: dict[str, Any]) -> None:
        """The build record names exactly the raw files published (their count and joint hash)."""
        for column, found in (("raw_files", self.count), ("blake3", self.digest.hexdigest())):
            if column in inputs and inputs[column] != found:
                report.add(
                    "file",
                    f"the build record's inputs are not the published raw files ({column})",
                    table="raw_files",
                    column=f"build.inputs.{column}",
                    expected=str(inputs[column]),
                    found=str(found),
                )


# --- spans, references, documents ----------------------------------------------------------


def _span_columns(res: Resource) -> list[tuple[str, str, str]]:
    """Span column triples: ``start/end/text`` and ``X_start/X_end/X`` (or ``X_text``)."""
    names = {f["name"] for f in res["schema"]["fields"]}
    triples = []
    for name in sorted(names):
        if name == "start" and {"end", "text"} <= names:
            triples.append(("start", "end", "text"))
        elif name.endswith("_start"):
            prefix = name.removesuffix("_start")
            text = f"{prefix}_text" if f"{prefix}_text" in names else prefix
            if f"{prefix}_end" in names and text in names:
                triples.append((name, f"{prefix}_end", text))
    return triples


def _check_spans(
    report: Report,
    name: str,
    res: Resource,
    table: Columns,
    doc_raw: dict[str, str],
    texts: dict[str, str],
    sources: Callable[[], Sources | None],
) -> None:
    """Every span of every row re-sliced from its document's decoded raw text: a column at a
    time with Arrow (``sources``, made once per shard), else (or where a row is wrong) row by
    row, to say which."""
    triples = _span_columns(res)
    if not triples or not table.rows or "doc_id" not in table:
        return
    key = res["schema"].get("primaryKey", [])
    if "raw_blake3" in table and not _same_raws(table, doc_raw):
        raws = list(map(doc_raw.get, table.column("doc_id")))
        for i, (recorded, b3) in enumerate(zip(table.column("raw_blake3"), raws, strict=True)):
            if b3 and recorded != b3:
                report.add(
                    "span",
                    "raw_blake3 is not the document's raw file",
                    table=name,
                    key=table.key(i, key),
                    column="raw_blake3",
                    expected=str(recorded),
                    found=b3,
                )
    for start_col, end_col, text_col in triples:
        columns = [table.array(c) for c in ("doc_id", start_col, end_col, text_col)]
        shard = sources() if None not in columns else None
        checked = shard.check(*columns) if shard is not None else None
        if checked is not None:
            report.count("spans", checked)
            continue
        doc_text = {doc_id: texts.get(b3) for doc_id, b3 in doc_raw.items()}
        sources_ = list(map(doc_text.get, table.column("doc_id")))
        starts, ends = table.column(start_col), table.column(end_col)
        values, spans = table.column(text_col), 0
        if _all_spans_match(sources_, starts, ends, values):
            report.count("spans", len(values))
            continue
        for i, text, start, end, value in zip(
            range(table.rows), sources_, starts, ends, values, strict=True
        ):
            if text is None or (start is None and end is None):
                continue
            spans += 1
            ok = start is not None and end is not None and 0 <= start <= end <= len(text)
            if ok and text[start:end] == value:
                continue
            found = text[start:end] if ok else None
            report.add(
                "span",
                f"{text_col} is not raw[{start}:{end}]"
                + ("" if ok else f" (not a span of the {len(text)}-character raw text)"),
                table=name,
                key=table.key(i, key),
                column=text_col,
                expected=str(value),
                found=str(found),
            )
        report.count("spans", spans)


def _same_raws(table: Columns, doc_raw: dict[str, str]) -> bool:
    """Whether every row's ``raw_blake3`` is its document's (told with Arrow, where it can)."""
    doc_ids, raws = table.array("doc_id"), table.array("raw_blake3")
    if doc_ids is None or raws is None:
        return False
    import pyarrow.compute as pc

    from corpus.arrow import strings

    docs = pc.index_in(doc_ids, value_set=strings(doc_raw))
    if docs.null_count:
        return False
    return bool(strings(doc_raw.values()).take(docs).equals(raws))


def _all_spans_match(
    texts: list[str | None], starts: list[int | None], ends: list[int | None], values: list[str]
) -> bool:
    """Whether every row has a text, a span inside it and the span's exact text.

    The usual case, decided without a Python loop (``map`` over built-ins); when it does not
    hold, the rows are checked one by one to say which is wrong.
    """
    if None in texts or None in starts or None in ends:
        return False
    full, firsts, lasts = cast(list[str], texts), cast(list[int], starts), cast(list[int], ends)
    return (
        min(firsts, default=0) >= 0
        and all(map(le, firsts, lasts))
        and all(map(le, lasts, map(len, full)))
        and list(map(getitem, full, map(slice, firsts, lasts))) == values
    )


def _check_references(
    report: Report,
    name: str,
    res: Resource,
    table: Columns,
    tables: dict[str, Columns],
    registry: dict[tuple[str, tuple[str, ...]], set[Any]],
) -> None:
    """Every foreign key of every row points at a row that exists: in ``tables`` (the shard,
    or the tables read whole), or among the keys gathered in ``registry`` (of the registry
    tables for a shard; of the per-document tables for a table read whole). A reference into
    a table neither holds is not checked: that table could not be read, which is reported."""
    key = res["schema"].get("primaryKey", [])
    for fk in res["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        target = ref["resource"] or name
        found = tables.get(target)
        if found is None and (target, tuple(ref["fields"])) not in registry:
            continue
        targets = (
            set(_keys(found, ref["fields"]))
            if found
            else registry.get((target, tuple(ref["fields"])), set())
        )
        counts = _counts(table, fk["fields"])  # a few thousand values for a million rows
        distinct = counts.keys()
        if len(fk["fields"]) == 1:
            empty = distinct & {None, ""}
        else:
            empty = {values for values in distinct if None in values or "" in values}
        report.count("references", table.rows - sum(counts[values] for values in empty))
        dangling = distinct - targets - empty
        if not dangling:
            continue
        for i, values in enumerate(_keys(table, fk["fields"])):
            if values in dangling:
                shown = values if len(fk["fields"]) > 1 else (values,)
                report.add(
                    "reference",
                    f"{', '.join(fk['fields'])} = {', '.join(map(str, shown))} is not in {target}",
                    table=name,
                    key=table.key(i, key),
                    column=",".join(fk["fields"]),
                    expected=f"a row of {target}",
                    found="none",
                )


def _keys(table: Columns, names: list[str]) -> list[Any]:
    """Each row's values of ``names``: a tuple, or the value itself for one name (a key of one
    column is compared as values, not as 1-tuples, which are slower to make and hash)."""
    if len(names) == 1:
        return table.column(names[0])
    return list(zip(*(table.column(c) for c in names), strict=True))


def _counts(table: Columns, names: list[str]) -> dict[Any, int]:
    """How many rows hold each distinct value of ``names`` (as :func:`_keys` gives them):
    counted by Arrow for one column read with it, without a Python value per row."""
    cells = table.array(names[0]) if len(names) == 1 else None
    if cells is None:
        return Counter(_keys(table, names))
    import pyarrow.compute as pc

    counted = pc.value_counts(cells)
    values, counts = counted.field("values").to_pylist(), counted.field("counts").to_pylist()
    return dict(zip(values, counts, strict=True))


def _check_every_raw_has_a_document(
    report: Report, raw_files: Columns, documents: Columns | None, problems: Columns | None
) -> None:
    """One document or one problem (why it is not a document) per published raw file: a
    deleted document row is named, and so is a raw file that has both."""
    built = set(documents.column("raw_blake3")) if documents else set()
    refused = set(problems.column("raw_blake3")) if problems else set()
    for b3 in sorted(built & refused):
        report.add(
            "reference",
            f"raw file {b3} has both a document and a problem",
            table="problems",
            key=b3[:16],
            column="raw_blake3",
        )
    for b3 in raw_files.column("blake3"):
        if b3 not in built and b3 not in refused:
            report.add(
                "reference",
                f"raw file {b3} has no document",
                table="documents",
                key=b3[:16],
                column="raw_blake3",
                expected=b3,
                found="none",
            )


def _check_documents(
    report: Report,
    documents: Columns,
    segments: Columns | None,
    texts: dict[str, str],
    html: set[str],
) -> None:
    """Each document's id, body, body hash and word count, re-derived from the raw text
    (read as a browser shows it for the raw files in ``html``)."""
    from corpus.text import assemble  # (with html's entities: not for ``import corpus``)

    kept: dict[str, list[tuple[int, int, int, bool]]] = defaultdict(list)
    if segments:
        for doc_id, seq, start, end, joined, is_kept in zip(*_kept_segments(segments), strict=True):
            if is_kept:
                kept[doc_id].append((seq or 0, start, end, joined))
    columns = ("doc_id", "raw_blake3", "text", "text_blake3", "word_count")
    for key, raw_b3, text, text_b3, words in zip(
        *(documents.column(c) for c in columns), strict=True
    ):
        if key != raw_b3[:16]:
            report.add(
                "text",
                "doc_id is not the first 16 hex digits of raw_blake3",
                table="documents",
                key=key,
                column="doc_id",
                expected=key,
                found=raw_b3[:16],
            )
        raw_text = texts.get(raw_b3)
        assembled = None
        if raw_text is not None:
            spans = sorted(kept[key], key=itemgetter(0))
            assembled = assemble(raw_text, (s[1:] for s in spans), html=raw_b3 in html)
        for column, expected, found in (
            ("text_blake3", text_b3, blake3_hex(text.encode("utf-8"))),
            ("word_count", words, _words(text) if text == assembled else len(text.split())),
        ):
            if expected != found:
                report.add(
                    "text",
                    f"{column} does not match text",
                    table="documents",
                    key=key,
                    column=column,
                    expected=str(expected),
                    found=str(found),
                )
        if assembled is None:
            continue
        report.count("documents")
        if text != assembled:
            at, ours, theirs = _first_difference(text, assembled)
            report.add(
                "text",
                f"text is not what the kept segments assemble to (first difference at "
                f"character {at})",
                table="documents",
                key=key,
                column="text",
                expected=ours,
                found=theirs,
            )


def _kept_segments(segments: Columns) -> list[list[Any]]:
    """The columns ``doc_id, seq, start, end, joined, kept`` of the segments: of the kept rows
    only where Arrow can tell them (no Python value made for a dropped row)."""
    names = ("doc_id", "seq", "start", "end", "joined", "kept")
    arrays = [segments.array(c) for c in names]
    if any(a is None for a in arrays):
        return [segments.column(c) for c in names]
    return [a.filter(arrays[-1]).to_pylist() for a in arrays]


def _words(assembled: str) -> int:
    """``len(assembled.split())`` for a body :func:`assemble` made, without making the words.

    Its pieces are normal: words split by one ASCII space, paragraphs by a blank line, no other
    whitespace (every other character that ``str.isspace()`` holds for is not printable).
    """
    return assembled.count(" ") + assembled.count("\n\n") + 1 if assembled else 0


def _first_difference(a: str, b: str) -> tuple[int, str, str]:
    """Where two texts first differ, and a short excerpt of each from just before there."""
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    lo = max(0, at - EXCERPT)
    return at, a[lo : at + EXCERPT], b[lo : at + EXCERPT]


def _check_evidence_backs_documents(
    report: Report,
    res: Resource,
    documents: Columns,
    evidence: Columns | None,
    fields: set[str],
) -> None:
    """A document column named like an evidence field holds that field's first value.

    ``title`` is backed by the first ``title`` evidence row, ``outlet_id`` by ``outlet``;
    a value in such a column with no evidence at all is reported too. ``fields`` are the
    evidence fields of the whole corpus.
    """
    first: dict[tuple[str, str], tuple[int, str]] = {}
    if evidence:
        for doc_id, seq, name, value in zip(
            *(evidence.column(c) for c in ("doc_id", "seq", "field", "value")), strict=True
        ):
            seen = first.get((doc_id, name))
            if seen is None or (seq or 0) < seen[0]:
                first[(doc_id, name)] = (seq or 0, value)
    columns = {
        c: f
        for c in (f["name"] for f in res["schema"]["fields"])
        for f in (c, c.removesuffix("_id"))
        if f in fields and c not in ("doc_id", "text")
    }
    doc_ids = documents.column("doc_id")
    for column, name in sorted(columns.items()):
        for doc_id, value in zip(doc_ids, documents.column(column), strict=True):
            backing = first.get((doc_id, name))
            value = value or ""
            found = backing[1] if backing else ""
            if found != value:
                report.add(
                    "evidence",
                    f"{column} is not the value of its first {name!r} evidence"
                    + ("" if backing else " (it has none)"),
                    table="documents",
                    key=doc_id,
                    column=column,
                    expected=value,
                    found=found,
                )
        report.count("evidenced values", len(doc_ids))
