"""``corpus build``: run the steps over the raw store and publish every table atomically.

Incremental: each document's rows are cached under the build's fingerprint (steps'
sources + registry); an unchanged raw file under an unchanged fingerprint is reused.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from corpus import __version__
from corpus.store import RawFile, blake3_hex, decode, raw_path, read_index
from corpus.tables import iter_rows
from pipeline import schemas
from pipeline.database import build_database
from pipeline.datapackage import descriptor, dumps, rebase
from pipeline.executors import Executor, Local
from pipeline.metadata import dumps as dump_metadata
from pipeline.metadata import metadata
from pipeline.model import Doc
from pipeline.project import Project
from pipeline.publish import clean_stale, publish, staging
from pipeline.registry import Registry
from pipeline.rows import PER_DOCUMENT, Row, doc_rows
from pipeline.steps import STEPS, Step, fingerprint
from pipeline.write import TableWriter

# Libraries whose versions can change what the tables say; recorded in datapackage.json.
SHAPING_LIBRARIES = ("py3langid", "trafilatura", "lxml")
REGISTRY_TABLES = ("outlets", "entities", "aliases")


@dataclass
class BuildResult:
    documents: int = 0
    reused: int = 0
    rebuilt: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    step_seconds: dict[str, float] = field(default_factory=dict)
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
        clean_stale(project)
        registry = Registry(project.registry_dir)
        fp = fingerprint(steps, registry)
        raws = read_index(project.raw_dir)
        tables = schemas.tables()
        process = partial(
            _document,
            raw_dir=project.raw_dir,
            cache=project.cache_dir / fp[:32],
            steps=tuple(steps),
            registry=registry,
        )
        step_seconds: Counter[str] = Counter()
        with staging(project) as stage:
            writers = {t.name: TableWriter(t, stage) for t in tables}
            writers["raw_files"].write(asdict(r) for r in raws)
            for name in REGISTRY_TABLES:
                writers[name].write(_registry_rows(schemas.table(name), project.registry_dir))
            for rows, reused, seconds in executor.map(process, raws):
                for name in PER_DOCUMENT:
                    writers[name].write(rows[name])
                result.documents += 1
                result.reused += reused
                step_seconds.update(seconds)
                if progress:
                    progress(1)
            for writer in writers.values():
                writer.close()
            result.rows = {name: w.rows for name, w in writers.items()}
            provenance = _provenance(steps, registry, fp, raws)
            desc = descriptor(tables, stage, provenance)
            meta = dump_metadata(metadata(tables))
            (stage / "datapackage.json").write_text(dumps(desc), encoding="utf-8")
            (stage / "metadata.yml").write_text(meta, encoding="utf-8")
            build_database(stage / "corpus.db", tables, stage)
            root_desc = dumps(rebase(desc, project.data_dir.relative_to(project.root).as_posix()))
            publish(project, stage, {"datapackage.json": root_desc, "metadata.yml": meta})
    result.rebuilt = result.documents - result.reused
    result.step_seconds = {s.name: round(step_seconds[s.name], 6) for s in steps}
    result.seconds = time.perf_counter() - started
    return result


def _document(
    raw: RawFile, raw_dir: Path, cache: Path, steps: tuple[Step, ...], registry: Registry
) -> tuple[dict[str, list[Row]], bool, dict[str, float]]:
    """One document's rows, from the cache when its raw file and fingerprint are known."""
    cached = cache / raw.blake3[:2] / f"{raw.blake3}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8")), True, {}
    doc = Doc(raw=raw, text=decode(raw_path(raw_dir, raw.blake3).read_bytes(), raw.encoding))
    seconds = {}
    for step in steps:
        t0 = time.perf_counter()
        doc = step.run(doc, registry)
        seconds[step.name] = time.perf_counter() - t0
    rows = doc_rows(doc)
    _write_cache(cached, json.dumps(rows, ensure_ascii=False))
    return rows, False, seconds


def _write_cache(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _registry_rows(table: schemas.Table, directory: Path) -> list[Row]:
    """A registry CSV's rows, cut to the table's columns and sorted by its primary key."""
    res = {"path": f"{table.name}.csv", "schema": table.schema}
    rows = [{c: row.get(c) for c in table.columns} for row in iter_rows(directory, res)]
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in table.primary_key))


def _provenance(
    steps: Sequence[Step], registry: Registry, fp: str, raws: list[RawFile]
) -> dict[str, Any]:
    """How this corpus was built: enough to explain any change between two releases."""
    return {
        "pipeline_version": __version__,
        "fingerprint": fp,
        "steps": {s.name: s.fingerprint for s in steps},
        "registry": registry.fingerprint,
        "inputs": {
            "raw_files": len(raws),
            "blake3": blake3_hex("\n".join(r.blake3 for r in raws).encode()),
        },
        "libraries": {name: _version(name) for name in SHAPING_LIBRARIES},
    }


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""
