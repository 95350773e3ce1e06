"""``corpus build``: run the steps over the raw store and publish every table atomically.

Incremental, per step (``pipeline/cache.py``): a document's state after a step is reused
while its raw file and the fingerprints of that step and every earlier one are unchanged.
"""

from __future__ import annotations

import platform
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import blake3

from corpus import __version__
from corpus.store import INDEX_NAME, RawFile, decode, iter_index, raw_path
from corpus.tables import iter_rows
from pipeline import rows, schemas
from pipeline.cache import ROWS, Cache
from pipeline.croissant import CROISSANT, croissant
from pipeline.croissant import dumps as dump_croissant
from pipeline.database import build_database
from pipeline.datapackage import descriptor, dumps
from pipeline.executors import Executor, Local
from pipeline.metadata import dumps as dump_metadata
from pipeline.metadata import metadata
from pipeline.project import Project, ProjectError
from pipeline.publish import publish, repair, staging
from pipeline.registry import Registry
from pipeline.rows import PER_DOCUMENT, Row, doc_rows
from pipeline.steps import STEPS, Step, fingerprint, source_fingerprint
from pipeline.write import TableWriter

# Libraries whose versions can change what the tables say; recorded in datapackage.json.
SHAPING_LIBRARIES = ("py3langid", "trafilatura", "lxml", "pyarrow")
REGISTRY_TABLES = ("outlets", "entities", "aliases")


@dataclass
class BuildResult:
    documents: int = 0
    reused: int = 0
    rebuilt: int = 0
    stages: dict[str, dict[str, int]] = field(default_factory=dict)  # reused/rebuilt per step
    rows: dict[str, int] = field(default_factory=dict)
    step_seconds: dict[str, float] = field(default_factory=dict)
    phase_seconds: dict[str, float] = field(default_factory=dict)  # wall time of each phase
    seconds: float = 0.0


def build(
    project: Project,
    steps: Sequence[Step] = STEPS,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    """Process every raw file (reusing cached documents) and publish the tables."""
    started = time.perf_counter()
    executor = executor or Local()
    result = BuildResult()
    with project.lock():
        repair(project)
        registry = Registry(project.registry_dir)
        fp = fingerprint(steps, registry)
        raws = partial(_index, project.raw_dir)  # streamed, once per pass: 1M records are 0.6 GB
        tables = schemas.tables()
        stages = [(s.name, s.fingerprint) for s in steps] + [(ROWS, source_fingerprint(ROWS, rows))]
        base = f"registry:{registry.fingerprint}\n{sorted(environment().items())}"
        process = partial(
            _document,
            raw_dir=project.raw_dir,
            cache=Cache(project.cache_dir, base, tuple(stages)),
            steps=tuple(steps),
            registry=registry,
        )
        step_seconds: Counter[str] = Counter()
        reused_stages: Counter[str] = Counter()
        with staging(project) as stage:
            lap = _Laps()
            writers = {t.name: TableWriter(t, stage) for t in tables}
            inputs = _Inputs()
            writers["raw_files"].write(asdict(inputs.add(r)) for r in raws())
            for name in REGISTRY_TABLES:
                writers[name].write(_registry_rows(schemas.table(name), project.registry_dir))
            for made, reused, seconds in executor.map(process, raws()):
                for name in PER_DOCUMENT:
                    writers[name].write(made[name])
                result.documents += 1
                result.reused += reused == len(stages)
                reused_stages.update(name for name, _ in stages[:reused])
                step_seconds.update(seconds)
                if progress:
                    progress(1)
            lap("documents")
            for writer in writers.values():
                writer.close()
            result.rows = {name: w.rows for name, w in writers.items()}
            provenance = _provenance(dict(stages), registry, fp, inputs)
            desc = descriptor(tables, stage, provenance)
            meta = dump_metadata(metadata(tables))
            (stage / "datapackage.json").write_text(dumps(desc), encoding="utf-8")
            (stage / "metadata.yml").write_text(meta, encoding="utf-8")
            (stage / CROISSANT).write_text(dump_croissant(croissant(desc)), encoding="utf-8")
            lap("package")
            build_database(stage / "corpus.db", tables, stage)
            lap("database")
            publish(project, stage)
            lap("publish")
            result.phase_seconds = lap.seconds
    result.rebuilt = result.documents - result.reused
    result.stages = {
        name: {"reused": reused_stages[name], "rebuilt": result.documents - reused_stages[name]}
        for name, _ in stages
    }
    result.step_seconds = {s.name: round(step_seconds[s.name], 6) for s in steps}
    result.seconds = time.perf_counter() - started
    return result


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
    done, doc = cache.resume(raw, text, keys)
    seconds = {}
    for k in range(done, len(steps)):
        t0 = time.perf_counter()
        doc = steps[k].run(doc, registry)
        seconds[steps[k].name] = time.perf_counter() - t0
        cache.save(raw, k, keys, doc)
    made = doc_rows(doc)
    cache.save(raw, len(steps), keys, made)
    return made, done, seconds


def _registry_rows(table: schemas.Table, directory: Path) -> list[Row]:
    """A registry CSV's rows, cut to the table's columns and sorted by its primary key."""
    res = {"path": f"{table.name}.csv", "schema": table.schema}
    rows = [{c: row.get(c) for c in table.columns} for row in iter_rows(directory, res)]
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in table.primary_key))


def _index(raw_dir: Path) -> Iterator[RawFile]:
    """The raw files in hash order, streamed from the store's index (ingest keeps it sorted)."""
    last = ""
    for raw in iter_index(raw_dir):
        if raw.blake3 <= last:
            raise ProjectError(
                f"{raw_dir / INDEX_NAME} is not sorted by blake3 (edited by hand?): "
                "restore it from version control or a backup"
            )
        last = raw.blake3
        yield raw


class _Inputs:
    """How many raw files, and the BLAKE3 of their hashes joined by newlines, as they pass."""

    def __init__(self) -> None:
        self.count = 0
        self._hash = blake3.blake3()

    def add(self, raw: RawFile) -> RawFile:
        self._hash.update(f"{chr(10) if self.count else ''}{raw.blake3}".encode())
        self.count += 1
        return raw

    @property
    def blake3(self) -> str:
        return self._hash.hexdigest()


def _provenance(
    stages: dict[str, str], registry: Registry, fp: str, inputs: _Inputs
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
