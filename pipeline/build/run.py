"""``corpus build``: run the steps over the raw store and publish every table atomically.

Incremental, per step (``pipeline/build/cache.py``): a document's state after a step is reused
while its raw file and the fingerprints of that step and every earlier one are unchanged, and
its rows with them (cached per chunk of documents, as Arrow columns); and per shard
(``pipeline/publish/shards.py``): a table's part is reused while its key is unchanged.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from itertools import chain, islice
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import pyarrow as pa

from corpus import __version__
from corpus.api import SQLITE_NAME
from corpus.report import Report
from corpus.store import RawFile, Withdrawal, decode, iter_withdrawn, raw_path
from corpus.tables import DESCRIPTOR, Part, iter_rows, parts, read_descriptor, resource
from pipeline import schemas
from pipeline.build import problems, rows
from pipeline.build.cache import CHUNK, ROWS, Cache, Progress
from pipeline.build.executors import Executor, Local
from pipeline.build.rows import Row, doc_rows, refused, to_tables
from pipeline.build.steps import STEPS, Step, fingerprint, source_fingerprint
from pipeline.extract import langmodel
from pipeline.extract.registry import Registry
from pipeline.project import Project
from pipeline.publish import shards
from pipeline.publish.atomic import (
    STAGING_PREFIX,
    database_current,
    publish,
    repair,
    staging,
    stamp,
)
from pipeline.publish.croissant import CROISSANT, croissant
from pipeline.publish.croissant import dumps as dump_croissant
from pipeline.publish.datapackage import descriptor, dumps, part
from pipeline.publish.shards import (
    MANIFEST,
    PART_SIZE,
    Manifest,
    config_hash,
    part_path,
    read_manifest,
)
from pipeline.publish.write import TableWriter
from pipeline.raw.index import Index, scan
from pipeline.site.database import build_database, update_database
from pipeline.site.metadata import dumps as dump_metadata
from pipeline.site.metadata import metadata
from pipeline.site.served import served_intact, write_served

# Libraries whose versions can change what the tables say; recorded in datapackage.json.
SHAPING_LIBRARIES = ("py3langid", "trafilatura", "lxml", "pyarrow")
REGISTRY_TABLES = ("outlets", "entities", "aliases")
T = TypeVar("T")
R = TypeVar("R")


class Refused(Exception):
    """The staged tables fail ``corpus validate --fast``: nothing was published."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"the built tables have {len(report.problems)} problem(s)")
        self.report = report


@dataclass
class BuildResult:
    documents: int = 0
    reused: int = 0
    rebuilt: int = 0
    stages: dict[str, dict[str, int]] = field(default_factory=dict)  # reused/rebuilt per step
    rows: dict[str, int] = field(default_factory=dict)
    shards: dict[str, int] = field(default_factory=dict)  # parts; shards written, reused, spliced
    database: str = ""  # "built" from the tables, or "updated" in place
    step_seconds: dict[str, float] = field(default_factory=dict)
    phase_seconds: dict[str, float] = field(default_factory=dict)  # wall time of each phase
    phase_cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's CPU
    seconds: float = 0.0


def build(
    project: Project,
    steps: Sequence[Step] = STEPS,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
    part_size: int | None = None,
    phase: Callable[[str], None] | None = None,
) -> BuildResult:
    """Process the raw files (reusing cached documents and unchanged shards); publish the tables.

    The documents of each shard whose key changed go to the workers in chunks (``CHUNK``
    documents of one shard): a worker returns a chunk's rows of every table as Arrow
    columns, from the cache or made by the steps (and then cached); this process only
    writes each chunk into its shard's parts in the staging directory as it comes. An
    unchanged shard's published files are hard-linked into staging instead, and the SQLite
    database, when only some shards changed, is updated in place after the exchange
    (``docs/decisions.md``). ``part_size``
    defaults to the one the published parts were built with. ``phase`` is told the name
    of each phase as it starts.
    """
    started = time.perf_counter()
    result = BuildResult()
    data_dir = project.data_dir
    with project.lock():
        repair(project)
        identity = project.identity()  # before any work: a project must say who it is
        lap = _Laps(phase)
        plan = _plan(project, tuple(steps), part_size)
        lap("index")
        with staging(project) as stage:
            ready = _link_unchanged(data_dir, stage, plan.sharded, plan.keys, plan.old, plan.k)
            changed = [p for p in plan.keys if p not in ready]  # ready: linked, then written
            if progress and ready:
                progress(sum(s["rows"]["documents"] for s in ready.values()))
            tally = _Tally()
            changes = _shards(plan, executor or Local(), stage, changed, ready, tally, progress)
            lap("documents")
            desc, text = _package(plan, stage, ready, result, identity, tally.linking)
            lap("package")
            checked = _check(stage, desc, changed)  # what validate refuses is not published
            if not checked.ok:
                raise Refused(checked)
            lap("check")
            in_place = (
                len(changed) < len(plan.keys)
                and database_current(data_dir)
                and served_intact(data_dir, SQLITE_NAME)  # never carry an edited database on
            )
            if in_place:
                os.link(data_dir / SQLITE_NAME, stage / SQLITE_NAME)
            else:
                build_database(stage / SQLITE_NAME, plan.tables, stage, desc, stamp(text.encode()))
            lap("database")
            write_served(stage, previous=data_dir)
            publish(project, stage)
            lap("publish")
            if in_place:  # the one step after the exchange; see docs/decisions.md
                from pipeline import across  # not with the module: see _package

                db = data_dir / SQLITE_NAME
                linked = tuple(t for t in plan.tables if t.name in across.TABLES)
                update_database(  # the exchange left the version it swapped out in `stage`
                    db,
                    plan.sharded,
                    data_dir,
                    changes,
                    stamp(text.encode()),
                    replaced=linked,
                    previous=stage,
                )
                write_served(data_dir, previous=data_dir, rehash=(SQLITE_NAME,))
                lap("database update")
    result.shards = {
        "parts": len(plan.keys),
        "written": len(changed),
        "reused": len(plan.keys) - len(changed),
        "spliced": sum(c.added is not None for c in changes),
    }
    result.database = "updated" if in_place else "built"
    result.phase_seconds, result.phase_cpu_seconds = lap.seconds, lap.cpu
    tally.count(result, plan)
    result.seconds = time.perf_counter() - started
    return result


@dataclass(frozen=True)
class _Plan:
    """What a build works from: its configuration, the raw store's index, each shard's key,
    and the manifest of the published shards."""

    project: Project
    steps: tuple[Step, ...]
    tables: tuple[schemas.Table, ...]
    sharded: tuple[schemas.Table, ...]
    stages: list[tuple[str, str]]  # (name, fingerprint) of each step, then of the rows
    registry: Registry
    cache: Cache
    process: Callable[[tuple[RawFile, ...]], Chunk]
    index: Index
    part_size: int
    k: int
    config: str
    keys: dict[str, str]
    old: Manifest | None


def _plan(project: Project, steps: tuple[Step, ...], part_size: int | None) -> _Plan:
    """The index phase: fingerprints, one pass over the index, the shards' keys."""
    registry = Registry(project.registry_dir)
    tables = schemas.tables()
    sharded = tuple(t for t in tables if t.name in (shards.RAW_FILES, *rows.PER_DOCUMENT))
    stages = [(s.name, s.fingerprint) for s in steps] + [(ROWS, source_fingerprint(ROWS, rows))]
    base = f"registry:{registry.fingerprint}\n{sorted(environment().items())}"
    cache = Cache(project.cache_dir, base, tuple(stages))
    process = partial(
        _chunk,
        raw_dir=project.raw_dir,
        cache=cache,
        steps=steps,
        registry=registry,
        tables=tuple(t for t in sharded if t.name != shards.RAW_FILES),
    )
    old = read_manifest(project.data_dir)
    part_size = part_size or (old.part_size if old else PART_SIZE)
    index = scan(project.raw_dir)
    k = shards.digits(index.count, part_size)
    config = json.dumps(
        [base, stages, source_fingerprint("shards", shards), [t.schema for t in sharded]]
    )
    keys = shards.keys(index, k, config)
    return _Plan(
        project,
        steps,
        tables,
        sharded,
        stages,
        registry,
        cache,
        process,
        index,
        part_size,
        k,
        config,
        keys,
        old,
    )


@dataclass
class _Tally:
    """The documents whose steps ran: how many stages each reused, and the steps' seconds."""

    done: Counter[int] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    linking: list[bytes] = field(default_factory=list)  # the made documents' across features

    def add(self, done: int, seconds: dict[str, float]) -> None:
        self.done[done] += 1
        self.seconds.update(seconds)

    def count(self, result: BuildResult, plan: _Plan) -> None:
        """Fill ``result``'s documents rebuilt and reused, per stage too, and step timings."""
        total = plan.index.count
        result.documents = total
        result.rebuilt = sum(self.done.values())
        result.reused = total - result.rebuilt
        for i, (name, _) in enumerate(plan.stages):
            rebuilt = sum(n for done, n in self.done.items() if done <= i)
            result.stages[name] = {"reused": total - rebuilt, "rebuilt": rebuilt}
        result.step_seconds = {s.name: round(self.seconds[s.name], 6) for s in plan.steps}


def _shards(
    plan: _Plan,
    executor: Executor,
    stage: Path,
    changed: list[str],
    ready: dict[str, dict[str, Any]],
    tally: _Tally,
    progress: Callable[[int], None] | None,
) -> list[shards.Change]:
    """Each shard ``changed`` written into ``stage`` (or spliced into its published parts,
    under the same configuration), its new documents' rows made on the workers a chunk at
    a time; added to ``ready``. What was done to each shard."""
    old, data_dir = plan.old, plan.project.data_dir
    same = old is not None and (old.digits, old.config) == (plan.k, config_hash(plan.config))
    published = data_dir if same else None
    jobs = [
        shards.job(prefix, tuple(plan.index.raws(prefix)), plan.sharded, published)
        for prefix in sorted(changed)
    ]
    chunks = [chunked(job.new) for job in jobs]
    made = _map(executor, plan.process, chain.from_iterable(chunks), batch=1)
    changes, used = [], set()

    def taken(count: int) -> Iterator[dict[str, pa.Table]]:
        """The next ``count`` chunks' rows (in order: a shard's chunks come together), noted."""
        for chunk in islice(made, count):
            for done, seconds in chunk.made:
                tally.add(done, seconds)
            tally.linking.append(chunk.linking)
            if progress:
                progress(chunk.documents)
            used.add(chunk.key)
            yield chunk.tables

    for job, count in zip(jobs, map(len, chunks), strict=True):
        w = shards.write_shard(job, taken(count), stage, plan.sharded, published)
        ready[w.prefix] = {"rows": w.rows, "parts": w.parts}
        changes.append(w.change)
    plan.cache.prune(changed, used)
    return changes


def chunked(raws: tuple[RawFile, ...]) -> list[tuple[RawFile, ...]]:
    """``raws`` in chunks of ``CHUNK`` (the last may be smaller)."""
    return [raws[i : i + CHUNK] for i in range(0, len(raws), CHUNK)]


def _package(
    plan: _Plan,
    stage: Path,
    ready: dict[str, dict[str, Any]],
    result: BuildResult,
    identity: dict[str, Any],
    linking: list[bytes],
) -> tuple[dict[str, Any], str]:
    """Write the registry tables, the descriptor, metadata, Croissant and the manifest into
    ``stage``; fill ``result``'s rows. The descriptor and its text."""
    # Imported here, not with the module: every pool worker imports this module to unpickle
    # the function it runs, and the tables across reports import datasketch and SciPy
    # (about 50 MB and half a second of CPU a process), which the building process too
    # needs only once the documents' workers are gone.
    from pipeline import across

    assert not {t.name for t in plan.sharded} & set(across.TABLES), "across tables in parts"

    ordered = [ready[p] for p in plan.keys]  # every shard: its parts and rows, in prefix order
    files: dict[str, list[Part]] = {}
    for table in plan.tables:
        if table in plan.sharded:
            files[table.name] = [s["parts"][table.name] for s in ordered]
            result.rows[table.name] = sum(s["rows"][table.name] for s in ordered)
        elif table.name not in across.TABLES:
            files[table.name], result.rows[table.name] = _write_registry(
                table, plan.project.registry_dir, stage
            )
    # Corpus-level tables (pipeline/across), from the tables just written: owned by `across`.
    linked, counts = across.write(stage, files, plan.project.cache_dir, plan.config, linking)
    files.update(linked)
    result.rows.update(counts)
    shard_rows = {p: {"key": plan.keys[p], "rows": ready[p]["rows"]} for p in plan.keys}
    manifest = Manifest(plan.part_size, plan.k, config_hash(plan.config), shard_rows)
    fp = fingerprint(plan.steps, plan.registry)
    withdrawn = iter_withdrawn(plan.project.raw_dir)
    provenance = _provenance(dict(plan.stages), plan.registry, fp, plan.index, withdrawn)
    desc = descriptor(plan.tables, files, provenance, identity)
    text = dumps(desc)
    (stage / DESCRIPTOR).write_text(text, encoding="utf-8")
    site = metadata(plan.tables, identity)
    (stage / "metadata.yml").write_text(dump_metadata(site), encoding="utf-8")
    (stage / CROISSANT).write_text(dump_croissant(croissant(desc)), encoding="utf-8")
    (stage / MANIFEST).write_text(manifest.dumps(), encoding="utf-8")
    return desc, text


def _check(stage: Path, desc: dict[str, Any], written: list[str]) -> Report:
    """``corpus validate --fast`` on what this build wrote into ``stage``: every table, but
    of a table in parts only the parts of the shards ``written``; the others are hard links
    to published parts, checked by the build that wrote them. Those parts are checked
    through links in a directory of their own, with a descriptor naming only them, and
    without the foreign keys of the tables in one file into tables in parts (a report of an
    event names a document of any shard): ``corpus validate`` and ``verify`` check those."""
    # Imported here, not with the module: every pool worker imports this module to unpickle
    # the function it runs, and tablecheck imports pandas (about a second of CPU).
    from pipeline.checks import tablecheck

    if all(isinstance(res["path"], str) for res in desc["resources"]):
        return tablecheck.validate(stage)
    in_parts = {res["name"] for res in desc["resources"] if not isinstance(res["path"], str)}
    with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=stage.parent) as tmp:
        view, resources = Path(tmp), []
        for res in desc["resources"]:
            if res["name"] not in in_parts:
                keys = res["schema"].get("foreignKeys", [])
                kept = [fk for fk in keys if fk["reference"]["resource"] not in in_parts]
                res = {**res, "schema": {**res["schema"], "foreignKeys": kept}}
            else:
                keep = {part_path(res["name"], prefix) for prefix in written}
                res = {
                    **res,
                    "path": [p for p in res["path"] if p in keep],
                    "parts": [e for e in res["parts"] if e["path"] in keep],
                }
            for found in parts(res):
                (view / found.path).parent.mkdir(parents=True, exist_ok=True)
                (view / found.path).symlink_to(stage / found.path)
            resources.append(res)
        (view / DESCRIPTOR).write_text(dumps({**desc, "resources": resources}), encoding="utf-8")
        return tablecheck.validate(view)


def _map(
    executor: Executor, fn: Callable[[T], R], items: Iterable[T], batch: int | None = None
) -> Iterator[R]:
    """``executor.map``, except that a single item runs here: no pool or cluster can speed
    it up, and starting one costs more than an incremental build's whole work."""
    items = iter(items)
    head = list(islice(items, 2))
    if len(head) < 2:
        return map(fn, head)
    return executor.map(fn, chain(head, items), batch)


def _link_unchanged(
    data_dir: Path,
    stage: Path,
    tables: tuple[schemas.Table, ...],
    keys: dict[str, str],
    old: Manifest | None,
    k: int,
) -> dict[str, dict[str, Any]]:
    """Hard-link into ``stage`` each shard published with the same key; its parts and rows.

    A shard whose files or recorded digests are missing is left out (it is written again).
    """
    if old is None or old.digits != k:
        return {}
    try:
        published = read_descriptor(data_dir)
        recorded = {p.path: p for t in tables for p in parts(resource(published, t.name))}
    except (OSError, ValueError, KeyError):  # unreadable, or without a table added since
        return {}
    for folder in {Path(name).parent for name in recorded}:
        (stage / folder).mkdir(parents=True, exist_ok=True)
    reused = {}
    for prefix, key in keys.items():
        entry = old.shards.get(prefix, {})
        paths = [part_path(t.name, prefix) for t in tables]
        if entry.get("key") != key or any(p not in recorded for p in paths):
            continue
        try:
            for path in paths:
                for name in (path, recorded[path].parquet):
                    os.link(data_dir / name, stage / name)
        except OSError:  # a part went missing: write the shard again
            for path in paths:
                for name in (path, recorded[path].parquet):
                    (stage / name).unlink(missing_ok=True)
            continue
        reused[prefix] = {
            "rows": entry["rows"],
            "parts": {t.name: recorded[p] for t, p in zip(tables, paths, strict=True)},
        }
    return reused


def _write_registry(table: schemas.Table, directory: Path, stage: Path) -> tuple[list[Part], int]:
    """A registry table, one file: its rows from the registry, sorted by primary key."""
    path = f"{table.name}.csv"
    with TableWriter(table, stage / path) as writer:
        writer.write(_registry_rows(table, directory))
    return [part(stage, path)], writer.rows


class _Laps:
    """Wall and CPU time between calls, by the name of the phase each call ends."""

    NEXT: ClassVar = {"index": "documents", "documents": "data package"}
    NEXT |= {"package": "database", "database": "publishing"}

    def __init__(self, started: Callable[[str], None] | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # of this process alone (the workers' is not in it)
        self._last, self._last_cpu = time.perf_counter(), time.process_time()
        self._started = started

    def __call__(self, phase: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.seconds[phase] = round(now - self._last, 3)
        self.cpu[phase] = round(cpu - self._last_cpu, 3)
        self._last, self._last_cpu = now, cpu
        if self._started and phase in self.NEXT:  # the CLI's progress label
            self._started(self.NEXT[phase])


@dataclass(frozen=True)
class Chunk:
    """A chunk's rows of every per-document table: Arrow columns
    (``pipeline.publish.write.to_arrow``)."""

    key: str
    tables: dict[str, pa.Table]
    made: list[tuple[int, dict[str, float]]]  # of each document made: stages reused, timings
    documents: int
    linking: bytes = b""  # the made documents' features for pipeline/across (report_features)


def _chunk(
    raws: tuple[RawFile, ...],
    raw_dir: Path,
    cache: Cache,
    steps: tuple[Step, ...],
    registry: Registry,
    tables: tuple[schemas.Table, ...],
) -> Chunk:
    """The rows of ``raws`` (one shard's, in hash order) for every table in ``tables``: the
    cached chunk; else, document by document, the rows cached in the chunk it was last made
    in, or made by the steps it still needs (``pipeline/build/cache.py``); then cached. Runs on a
    worker: the columns, not a dict per row, travel back."""
    keys = [cache.keys(raw) for raw in raws]
    key = cache.chunk_key(raws[0], keys)
    names = [t.name for t in tables]
    if (found := cache.chunk(key, names)) is not None:
        return Chunk(key, found, [], len(raws))
    pieces: dict[str, list[pa.Table]] = {name: [] for name in names}
    pending: list[tuple[RawFile, dict[str, list[Row]]]] = []  # made, not yet in Arrow

    def convert() -> None:  # runs of made rows become one Arrow table each
        for name, table in to_tables(tables, pending).items():
            pieces[name].append(table)
        pending.clear()

    made, linking = [], []
    for raw, k in zip(raws, keys, strict=True):
        found = cache.document_rows(raw, k, names)
        if found is None:
            rows, done, seconds = _document(raw, k, raw_dir, cache, steps, registry, key)
            made.append((done, seconds))
            pending.append((raw, rows))
            linking.append(rows)
            continue
        if pending:
            convert()
        for name in names:
            pieces[name].append(found[name])
    if pending:
        convert()
    data = {name: pa.concat_tables(pieces[name]) for name in names}
    cache.save_chunk(key, data)
    from pipeline.across import report_features  # here: see _package

    return Chunk(key, data, made, len(raws), report_features(linking) if linking else b"")


def _document(
    raw: RawFile,
    keys: list[str],
    raw_dir: Path,
    cache: Cache,
    steps: tuple[Step, ...],
    registry: Registry,
    chunk: str,
) -> tuple[dict[str, list[Row]], int, dict[str, float]]:
    """One document's rows, made in ``chunk``; how many steps came from the cache, timings.

    The steps reused are the longest unchanged prefix: a changed step runs again, and so
    does every step after it.
    """
    text = decode(raw_path(raw_dir, raw.blake3).read_bytes(), raw.encoding)
    progress = cache.resume(raw, text, keys)
    langmodel.load(cache.directory)  # before doc_rows tells the language: see langmodel
    made, seconds = _made(progress, steps, registry)
    progress.save(chunk)
    return made, progress.done, seconds


def _made(
    progress: Progress, steps: tuple[Step, ...], registry: Registry
) -> tuple[dict[str, list[Row]], dict[str, float]]:
    """The rows of the document in ``progress`` after the steps it still needs, and their
    timings; a ``problems`` row instead when it is too large, runs past its CPU time or a
    step fails (``pipeline/build/problems.py``)."""
    doc, stage = progress.doc, "read"
    seconds: dict[str, float] = {}
    if len(doc.text) > problems.MAX_CHARS:
        detail = f"{len(doc.text):,} characters; a worker takes {problems.MAX_CHARS:,} at most"
        return refused(doc.raw, stage, "too-large", detail), seconds
    try:
        with problems.cpu_budget(problems.CPU_SECONDS) as check:
            for k in range(progress.done, len(steps)):
                stage, t0 = steps[k].name, time.process_time()  # CPU: the machine is shared
                doc = steps[k].run(doc, registry)
                seconds[stage] = time.process_time() - t0
                progress.step(doc)
                check()
            stage = ROWS
            made = doc_rows(doc)
            check()  # the signal may have fired where a library swallows exceptions
            return made, seconds
    except problems.OverBudget:
        detail = f"the steps took over {problems.CPU_SECONDS:g} s of CPU time (in {stage})"
        return refused(doc.raw, stage, "time-limit", detail), seconds
    except Exception as e:  # errors as data: one capture never stops the build
        return refused(doc.raw, stage, "error", f"{type(e).__name__}: {e}"), seconds


def _registry_rows(table: schemas.Table, directory: Path) -> list[Row]:
    """A registry CSV's rows, cut to the table's columns and sorted by its primary key."""
    res = {"path": f"{table.name}.csv", "schema": table.schema}
    rows = [{c: row.get(c) for c in table.columns} for row in iter_rows(directory, res)]
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in table.primary_key))


def _provenance(
    stages: dict[str, str],
    registry: Registry,
    fp: str,
    inputs: Index,
    withdrawn: Iterable[Withdrawal],
) -> dict[str, Any]:
    """How this corpus was built: enough to explain any change between two releases.

    ``steps`` holds each stage's source fingerprint (the steps, then the row maker);
    ``inputs`` the raw files (count, and BLAKE3 of their sorted hashes), each registry file,
    and the captures withdrawn from the store (``corpus remove``): what, when and why.
    """
    return {
        "pipeline_version": __version__,
        "fingerprint": fp,
        "steps": stages,
        "registry": registry.fingerprint,
        "inputs": {
            "raw_files": inputs.count,
            "blake3": inputs.blake3,
            "registry": registry.files,
            "withdrawn": [
                {
                    "blake3": w.raw.blake3,
                    "original_name": w.raw.original_name,
                    "ingested_at": w.raw.ingested_at,
                    "withdrawn_at": w.withdrawn_at,
                    "reason": w.reason,
                }
                for w in withdrawn
            ],
        },
        "libraries": environment(),
    }


def environment() -> dict[str, str]:
    """What besides our code and inputs shapes the tables: Python's Unicode data, libraries."""
    major, minor, _ = platform.python_version_tuple()
    return {
        "python": f"{major}.{minor}",
        "unicode": unicodedata.unidata_version,
        **{name: _version(name) for name in SHAPING_LIBRARIES},
    }


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""
