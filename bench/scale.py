"""One size of the scale benchmark: every command of the pipeline on a synthetic corpus.

Each figure is measured in the same run as the baseline it is compared with: ingest against
reading and hashing the same files, the fast validation against ``frictionless validate`` on
the same tables, the incremental build against the full build.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import blake3

from bench import latency, synth
from bench.measure import Run, run
from pipeline.ingest import walk
from pipeline.project import default_registry, init

BIN = Path(sys.executable).parent
CORPUS = str(BIN / "corpus")
FRICTIONLESS = str(BIN / "frictionless")
MB = 1_000_000


@dataclass(frozen=True)
class Options:
    work: Path
    seed: int = 0
    workers: int = 2
    requests: int = 50
    frictionless_max: int = 100_000  # above this size frictionless would take hours: skipped


def measure(size: int, options: Options) -> dict[str, Any]:
    """Every figure for a corpus of ``size`` synthetic documents."""
    o = options
    started = time.perf_counter()
    folders = synth.write(o.work / "captures", default_registry(), size, o.seed, jobs=o.workers)
    generated = time.perf_counter() - started
    files = list(walk(folders))
    total = sum(f.stat().st_size for f in files)
    result: dict[str, Any] = {
        "documents": size,
        "raw_mb": round(total / MB, 1),
        "generate_seconds": round(generated, 2),
    }
    _read_and_hash(files)  # warm the page cache, so that the baseline and ingest both read RAM
    baseline = _read_and_hash(files)
    result["read_hash"] = _rates(len(files), total, baseline)

    root = o.work / f"corpus-{size}"
    shutil.rmtree(root, ignore_errors=True)
    init(root)
    ingest = run([CORPUS, "ingest", "--root", str(root), *map(str, folders)])
    result["ingest"] = {
        **_rates(len(files), total, ingest.seconds),
        "of_baseline": round(baseline / ingest.seconds, 3),
        "peak_rss_mb": _mb(ingest),
    }

    build = run([CORPUS, "build", "--root", str(root), "--workers", str(o.workers), "--json"])
    built = json.loads(build.stdout)
    result["build"] = {
        "seconds": round(build.seconds, 2),
        "docs_per_s": round(size / build.seconds, 1),
        "peak_rss_mb": _mb(build),
        "rows": built["rows"],
        "phases": built.get("phase_seconds", {}),
        "step_docs_per_s": {
            name: round(size / s, 1) if s else None for name, s in built["step_seconds"].items()
        },
    }
    result["validate"] = _validate(root, size, o)
    verify = run([CORPUS, "verify", "--root", str(root), "--json"])
    spans = json.loads(verify.stdout)["checked"].get("spans", 0)
    result["verify"] = {
        "seconds": round(verify.seconds, 2),
        "spans": spans,
        "spans_per_s": round(spans / verify.seconds),
        "peak_rss_mb": _mb(verify),
    }
    result["datasette"] = _datasette(root, o.requests)
    result["incremental"] = _incremental(root, files[0], build.seconds, o)
    return result


def _read_and_hash(files: list[Path]) -> float:
    """Seconds to read and BLAKE3 every file: the floor for ingest."""
    started = time.perf_counter()
    for path in files:
        blake3.blake3(path.read_bytes()).digest()
    return time.perf_counter() - started


def _rates(files: int, size: int, seconds: float) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "files_per_s": round(files / seconds, 1),
        "mb_per_s": round(size / MB / seconds, 1),
    }


def _mb(r: Run) -> float:
    return round(r.peak_rss_mb, 1)


def _validate(root: Path, size: int, o: Options) -> dict[str, Any]:
    """``corpus validate --fast`` against ``frictionless validate`` on the same tables."""
    out: dict[str, Any] = {}
    fast = run([CORPUS, "validate", "--fast", "--root", str(root), "--json"], check=False)
    rows = _rows(json.loads(fast.stdout)["checked"])
    out["fast"] = _validation(fast, rows)
    if size <= o.frictionless_max:
        full = run([CORPUS, "validate", "--root", str(root), "--json"], check=False)
        out["full"] = _validation(full, rows)
        reference = run(
            [FRICTIONLESS, "validate", "--json", "--limit-errors", "100", "datapackage.json"],
            cwd=root,
            check=False,
        )
        out["frictionless"] = _validation(reference, rows)
        out["fast_vs_frictionless"] = round(reference.seconds / fast.seconds, 1)
    return out


def _rows(checked: dict[str, int]) -> int:
    return max(n for what, n in checked.items() if what.startswith("rows"))


def _validation(r: Run, rows: int) -> dict[str, Any]:
    return {
        "ok": r.returncode == 0,
        "seconds": round(r.seconds, 2),
        "rows": rows,
        "rows_per_s": round(rows / r.seconds),
        "peak_rss_mb": _mb(r),
    }


def _datasette(root: Path, requests: int) -> dict[str, Any]:
    """p50/p95 of a table page, a facet, a full-text search and a document page."""
    with sqlite3.connect(root / "corpus" / "data" / "corpus.db") as db:
        count = db.execute("select count(*) from documents").fetchone()[0]
        step = max(1, count // requests)
        sample = db.execute(
            "select doc_id, title from documents where rowid % ? = 0 limit ?", (step, requests)
        ).fetchall()
    words = [max(title.split(), key=len).strip(".,:;'\"“”‘’«»()") for _, title in sample]
    paths = {
        "table": ["/corpus/documents"] * requests,
        "facet": ["/corpus/documents?_facet=outlet_id"] * requests,
        "search": ["/corpus/documents?" + urlencode({"_search": f'"{w}"'}) for w in words if w],
        "document": [f"/corpus/documents/{doc_id}" for doc_id, _ in sample],
    }
    with latency.serving(CORPUS, root) as port:
        return {name: latency.summary(latency.timings(port, p)) for name, p in paths.items()}


def _incremental(root: Path, first: Path, full: float, o: Options) -> dict[str, Any]:
    """Change one capture (a new capture of the same page, one line longer) and rebuild."""
    changed = o.work / "changed" / first.name
    changed.parent.mkdir(parents=True, exist_ok=True)
    changed.write_bytes(first.read_bytes() + b"\nCorrection: an earlier version misspelt a name.\n")
    ingest = run([CORPUS, "ingest", "--root", str(root), str(changed)])
    build = run([CORPUS, "build", "--root", str(root), "--workers", str(o.workers), "--json"])
    built = json.loads(build.stdout)
    return {
        "ingest_seconds": round(ingest.seconds, 2),
        "seconds": round(build.seconds, 2),
        "rebuilt": built["rebuilt"],
        "of_full": round(build.seconds / full, 4),
        "peak_rss_mb": _mb(build),
        "phases": built.get("phase_seconds", {}),
    }
