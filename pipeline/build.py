"""``corpus build``: run the steps over the raw store and publish every table atomically.

Incremental, per step (``pipeline/cache.py``): a document's state after a step is reused
while its raw file and the fingerprints of that step and every earlier one are unchanged;
and per shard (``pipeline/shards.py``): a table's part is reused while its key is unchanged.
"""

from __future__ import annotations

import json
import os
import platform
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

from corpus import __version__
from corpus.api import SQLITE_NAME
from corpus.store import RawFile, decode, raw_path
from corpus.tables import DESCRIPTOR, Part, iter_rows, parts, read_descriptor, resource
from pipeline import rows, schemas, shards
from pipeline.cache import ROWS, Cache
from pipeline.croissant import CROISSANT, croissant
from pipeline.croissant import dumps as dump_croissant
from pipeline.database import build_database, update_database
from pipeline.datapackage import descriptor, dumps, part
from pipeline.executors import Executor, Local
from pipeline.metadata import dumps as dump_metadata
from pipeline.metadata import metadata
from pipeline.project import Project
from pipeline.publish import database_current, publish, repair, staging, stamp
from pipeline.registry import Registry
from pipeline.rows import Row, doc_rows
from pipeline.shards import (
    MANIFEST,
    PART_SIZE,
    Manifest,
    config_hash,
    part_path,
    read_manifest,
)
from pipeline.steps import STEPS, Step, fingerprint, source_fingerprint
from pipeline.write import TableWriter

# Libraries whose versions can change what the tables say; recorded in datapackage.json.
SHAPING_LIBRARIES = ("py3langid", "trafilatura", "lxml", "pyarrow")
REGISTRY_TABLES = ("outlets", "entities", "aliases")
T = TypeVar("T")
R = TypeVar("R")


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
    seconds: float = 0.0


def build(
    project: Project,
    steps: Sequence[Step] = STEPS,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
    part_size: int = PART_SIZE,
) -> BuildResult:
    """Process the raw files (reusing cached documents and unchanged shards); publish the tables.

    Two phases, each on every worker: the documents not in the cache go through the steps
    (their rows land in the cache), then each shard whose key changed is written from the
    cache straight into the staging directory. An unchanged shard's published files are
    hard-linked into staging instead, and the SQLite database, when only some shards
    changed, is updated in place after the exchange (``docs/decisions.md``).
    """
    started = time.perf_counter()
    executor = executor or Local()
    result = BuildResult()
    data_dir = project.data_dir
    with project.lock():
        repair(project)
        lap = _Laps()
        registry = Registry(project.registry_dir)
        fp = fingerprint(steps, registry)
        tables = schemas.tables()
        sharded = tuple(t for t in tables if t.name not in REGISTRY_TABLES)
        stages = [(s.name, s.fingerprint) for s in steps] + [(ROWS, source_fingerprint(ROWS, rows))]
        base = f"registry:{registry.fingerprint}\n{sorted(environment().items())}"
        cache = Cache(project.cache_dir, base, tuple(stages))
        process = partial(
            _document, raw_dir=project.raw_dir, cache=cache, steps=tuple(steps), registry=registry
        )
        index = shards.scan(project.raw_dir)
        k = shards.digits(index.count, part_size)
        config = json.dumps(
            [base, stages, source_fingerprint("shards", shards), [t.schema for t in sharded]]
        )
        keys = shards.keys(project.raw_dir, k, config)
        old = read_manifest(data_dir)
        lap("index")
        with staging(project) as stage:
            ready = _link_unchanged(data_dir, stage, sharded, keys, old, k)
            changed = [p for p in keys if p not in ready]  # ready: shards linked, then written
            result.shards = {
                "parts": len(keys),
                "written": len(changed),
                "reused": len(ready),
                "spliced": 0,
            }
            if progress and ready:
                progress(sum(s["rows"]["documents"] for s in ready.values()))
            step_seconds: Counter[str] = Counter()
            done_stages: Counter[int] = Counter()
            todo = _uncached(shards.raws(project.raw_dir, k, set(changed)), cache, progress)
            for done, seconds in _map(executor, partial(_steps_only, document=process), todo):
                done_stages[done] += 1
                step_seconds.update(seconds)
                if progress:
                    progress(1)
            lap("documents")
            same = old is not None and (old.digits, old.config) == (k, config_hash(config))
            write = partial(
                shards.write_shard,
                stage=stage,
                tables=sharded,
                document=process,
                stages=len(stages),
                published=data_dir if same else None,  # splice changed shards into their parts
            )
            jobs = shards.jobs(project.raw_dir, k, changed)
            changes = []
            for w in _map(executor, write, jobs, batch=1):
                ready[w.prefix] = {"rows": w.rows, "parts": w.parts}
                changes.append(w.change)
                result.shards["spliced"] += w.change.added is not None
                for stages_reused, seconds in w.made:  # not in the cache after all
                    done_stages[stages_reused] += 1
                    step_seconds.update(seconds)
            ordered = [ready[p] for p in keys]  # every shard: its parts and rows, in prefix order
            lap("tables")
            files: dict[str, list[Part]] = {}
            for table in tables:
                if table in sharded:
                    files[table.name] = [s["parts"][table.name] for s in ordered]
                    result.rows[table.name] = sum(s["rows"][table.name] for s in ordered)
                else:
                    files[table.name], result.rows[table.name] = _write_registry(
                        table, project.registry_dir, stage
                    )
            shard_rows = {p: {"key": keys[p], "rows": ready[p]["rows"]} for p in keys}
            manifest = Manifest(k, config_hash(config), shard_rows)
            provenance = _provenance(dict(stages), registry, fp, index)
            desc = descriptor(tables, files, provenance)
            text = dumps(desc)
            (stage / DESCRIPTOR).write_text(text, encoding="utf-8")
            (stage / "metadata.yml").write_text(dump_metadata(metadata(tables)), encoding="utf-8")
            (stage / CROISSANT).write_text(dump_croissant(croissant(desc)), encoding="utf-8")
            (stage / MANIFEST).write_text(manifest.dumps(), encoding="utf-8")
            lap("package")
            in_place = len(changed) < len(keys) and database_current(data_dir)
            if in_place:
                os.link(data_dir / SQLITE_NAME, stage / SQLITE_NAME)
            else:
                build_database(stage / SQLITE_NAME, tables, stage, desc, stamp(text.encode()))
            lap("database")
            publish(project, stage)
            lap("publish")
            if in_place:  # the one step after the exchange; see docs/decisions.md
                update_database(
                    data_dir / SQLITE_NAME, sharded, data_dir, changes, stamp(text.encode())
                )
                lap("database update")
            result.database = "updated" if in_place else "built"
            result.phase_seconds = lap.seconds
    result.documents = index.count
    rebuilt = sum(done_stages.values())
    result.rebuilt, result.reused = rebuilt, index.count - rebuilt
    result.stages = {
        name: {
            "reused": index.count - sum(n for done, n in done_stages.items() if done <= i),
            "rebuilt": sum(n for done, n in done_stages.items() if done <= i),
        }
        for i, (name, _) in enumerate(stages)
    }
    result.step_seconds = {s.name: round(step_seconds[s.name], 6) for s in steps}
    result.seconds = time.perf_counter() - started
    return result


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
    except (OSError, ValueError):
        return {}
    recorded = {p.path: p for t in tables for p in parts(resource(published, t.name))}
    reused = {}
    for prefix, key in keys.items():
        entry = old.shards.get(prefix, {})
        paths = [part_path(t.name, prefix) for t in tables]
        if entry.get("key") != key or any(p not in recorded for p in paths):
            continue
        try:
            for path in paths:
                for name in (path, recorded[path].parquet):
                    (stage / name).parent.mkdir(parents=True, exist_ok=True)
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


def _uncached(
    raws: Iterable[RawFile], cache: Cache, progress: Callable[[int], None] | None
) -> Iterator[RawFile]:
    """The raw files whose rows are not in the cache (the others only advance ``progress``)."""
    for raw in raws:
        if not cache.has_rows(raw, cache.keys(raw)):
            yield raw
        elif progress:
            progress(1)


def _steps_only(raw: RawFile, document: Callable[..., Any]) -> tuple[int, dict[str, float]]:
    """Phase one in a worker: run (and cache) ``raw``'s steps; the rows stay in the cache."""
    _, done, seconds = document(raw)
    return done, seconds


def _write_registry(table: schemas.Table, directory: Path, stage: Path) -> tuple[list[Part], int]:
    """A registry table, one file: its rows from the registry, sorted by primary key."""
    path = f"{table.name}.csv"
    with TableWriter(table, stage / path) as writer:
        writer.write(_registry_rows(table, directory))
    return [part(stage, path)], writer.rows


class _Laps:
    """Wall time between calls, by the name of the phase each call ends."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.seconds[phase] = round(now - self._last, 3)
        self._last = now


def _document(
    raw: RawFile, raw_dir: Path, cache: Cache, steps: tuple[Step, ...], registry: Registry
) -> tuple[dict[str, list[Row]], int, dict[str, float]]:
    """One document's rows, how many stages (steps, then rows) came from the cache, timings.

    The stages reused are the longest unchanged prefix: a changed step runs again, and so
    does every step after it.
    """
    keys = cache.keys(raw)
    cached = cache.rows(raw, keys)
    if cached is not None:
        return cached, len(steps) + 1, {}
    text = decode(raw_path(raw_dir, raw.blake3).read_bytes(), raw.encoding)
    progress = cache.resume(raw, text, keys)
    doc, seconds = progress.doc, {}
    for k in range(progress.done, len(steps)):
        t0 = time.perf_counter()
        doc = steps[k].run(doc, registry)
        seconds[steps[k].name] = time.perf_counter() - t0
        progress.step(doc)
    made = doc_rows(doc)
    progress.save(made)
    return made, progress.done, seconds


def _registry_rows(table: schemas.Table, directory: Path) -> list[Row]:
    """A registry CSV's rows, cut to the table's columns and sorted by its primary key."""
    res = {"path": f"{table.name}.csv", "schema": table.schema}
    rows = [{c: row.get(c) for c in table.columns} for row in iter_rows(directory, res)]
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in table.primary_key))


def _provenance(
    stages: dict[str, str], registry: Registry, fp: str, inputs: shards.Index
) -> dict[str, Any]:
    """How this corpus was built: enough to explain any change between two releases.

    ``steps`` holds each stage's source fingerprint (the steps, then the row maker);
    ``inputs`` the raw files (count, and BLAKE3 of their sorted hashes) and each registry file.
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
