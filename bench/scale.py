"""One size of the scale benchmark: every command of the pipeline on a synthetic corpus.

Each figure is measured in the same run as the baseline it is compared with: ingest against
reading and hashing the same files, the fast validation against ``frictionless validate`` on
the same tables, the incremental build against the full build.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import blake3

from bench import latency, lean, synth
from bench.measure import Run, run
from pipeline.project import default_registry, init
from pipeline.raw.ingest import walk

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
    full_max: int = 10_000  # the same for `corpus validate` (pandera, then frictionless)
    code: Path | None = None  # run the commands on this copy of the code (see snapshot)
    build_only: bool = False  # ingest and build (full, incremental) with their baselines

    @property
    def env(self) -> dict[str, str] | None:
        return {**os.environ, "PYTHONPATH": str(self.code)} if self.code else None


def snapshot(repo: Path, to: Path) -> Path:
    """Copy the code the commands run (``corpus``, ``pipeline``, ``schemas``) to ``to``.

    Edits made to the checkout while a long benchmark runs then cannot change what it
    measures half-way (a changed step would also void the build cache).
    """
    shutil.rmtree(to, ignore_errors=True)
    skip = shutil.ignore_patterns("__pycache__", "data", "raw", ".cache")
    for name in ("corpus", "pipeline", "schemas"):
        shutil.copytree(repo / name, to / name, ignore=skip)
    return to


def _corpus(o: Options, *args: str, check: bool = True) -> Run:
    """Run the ``corpus`` command (on the snapshot of the code, if any)."""
    return run([CORPUS, *args], check=check, env=o.env)


def measure(size: int, options: Options) -> dict[str, Any]:
    """Every figure for a corpus of ``size`` synthetic documents."""
    o = options
    root = o.work / f"corpus-{size}"
    shutil.rmtree(root, ignore_errors=True)  # first: deleting files slows creating others
    os.sync()
    started = time.perf_counter()
    folders = synth.write(o.work / "captures", default_registry(), size, o.seed, jobs=o.workers)
    generated = time.perf_counter() - started
    files = list(walk(folders))
    total = sum(f.stat().st_size for f in files)
    result: dict[str, Any] = {
        "machine": {"load_average": [round(x, 2) for x in os.getloadavg()]},
        "documents": size,
        "raw_mb": round(total / MB, 1),
        "generate_seconds": round(generated, 2),
    }
    _read_and_hash(files)  # warm the page cache, so that the baseline and ingest both read RAM
    cpu = time.process_time()
    baseline = _read_and_hash(files)
    result["read_hash"] = {
        **_rates(len(files), total, baseline),
        "cpu_ms_per_doc": _per_doc(time.process_time() - cpu, size),
    }
    copied = _read_hash_and_copy(files, o.work / "copy")
    result["read_hash_copy"] = _rates(len(files), total, copied)

    init(root, registry=default_registry())  # the bundled gazetteer: as measured before
    ingest = _corpus(o, "ingest", "--root", str(root), *map(str, folders))
    shutil.rmtree(o.work / "copy")  # only now, for the same reason
    result["ingest"] = {
        **_rates(len(files), total, ingest.seconds),
        "of_baseline": round(baseline / ingest.seconds, 3),
        "of_copy_baseline": round(copied / ingest.seconds, 3),
        "peak_rss_mb": _mb(ingest),
    }

    result["lean"] = lean.measure(root, o.work / "lean")
    build = _corpus(o, "build", "--root", str(root), "--workers", str(o.workers), "--json")
    built = json.loads(build.stdout)
    steps = sum(built["step_seconds"].values())
    result["build"] = {
        "seconds": round(build.seconds, 2),
        "docs_per_s": round(size / build.seconds, 1),
        "cpu_seconds": round(build.cpu_seconds, 2),
        "cpu_ms_per_doc": _per_doc(build.cpu_seconds, size),
        "steps_cpu_ms_per_doc": _per_doc(steps, size),
        "outside_cpu_ms_per_doc": _per_doc(build.cpu_seconds - steps, size),
        "peak_rss_mb": _mb(build),
        "rows": built["rows"],
        "phases": built.get("phase_seconds", {}),
        "phase_cpu": built.get("phase_cpu_seconds", {}),
        "step_docs_per_s": {
            name: round(size / s, 1) if s else None for name, s in built["step_seconds"].items()
        },
    }
    result["incremental"] = _incremental(root, files[0], build, size, o)
    if o.build_only:
        return result
    result["validate"] = _validate(root, size, o)
    verify = _corpus(o, "verify", "--root", str(root), "--json", check=False)
    checked = json.loads(verify.stdout)
    spans = checked["checked"].get("spans", 0)
    result["verify"] = {
        "ok": verify.returncode == 0,
        "problems": len(checked["problems"]),
        "seconds": round(verify.seconds, 2),
        "spans": spans,
        "spans_per_s": round(spans / verify.seconds),
        "peak_rss_mb": _mb(verify),
    }
    result["datasette"] = latency.measure(CORPUS, root, o.requests, o.env)
    return result


def _read_and_hash(files: list[Path]) -> float:
    """Seconds to read and BLAKE3 every file: the floor for ingest."""
    started = time.perf_counter()
    for path in files:
        blake3.blake3(path.read_bytes()).digest()
    return time.perf_counter() - started


def _read_hash_and_copy(files: list[Path], to: Path) -> float:
    """Seconds to read, BLAKE3 and write a copy of every file into ``to``, then sync once.

    Ingest also has to store every capture: this is that work without any of its checks.
    """
    shutil.rmtree(to, ignore_errors=True)
    to.mkdir(parents=True)
    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        (to / blake3.blake3(data).hexdigest()).write_bytes(data)
    os.sync()
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
    fast = _corpus(o, "validate", "--fast", "--root", str(root), "--json", check=False)
    rows = _rows(json.loads(fast.stdout)["checked"])
    out["fast"] = _validation(fast, rows)
    if size <= o.full_max:
        full = _corpus(o, "validate", "--root", str(root), "--json", check=False)
        out["full"] = _validation(full, rows)
    if size <= o.frictionless_max:
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


def _per_doc(cpu_seconds: float, size: int) -> float:
    return round(1000 * cpu_seconds / size, 3)


def _incremental(root: Path, first: Path, full: Run, size: int, o: Options) -> dict[str, Any]:
    """Change one capture (a new capture of the same page, one line longer) and rebuild.

    Run before validate, verify and serve: the build after it then finds the corpus as the
    full build left it (only the changed part differs)."""
    changed = o.work / "changed" / first.name
    changed.parent.mkdir(parents=True, exist_ok=True)
    changed.write_bytes(first.read_bytes() + b"\nCorrection: an earlier version misspelt a name.\n")
    ingest = _corpus(o, "ingest", "--root", str(root), str(changed))
    build = _corpus(o, "build", "--root", str(root), "--workers", str(o.workers), "--json")
    built = json.loads(build.stdout)
    return {
        "ingest_seconds": round(ingest.seconds, 2),
        "seconds": round(build.seconds, 2),
        "cpu_seconds": round(build.cpu_seconds, 3),
        "cpu_ms_per_doc": _per_doc(build.cpu_seconds, size),
        "rebuilt": built["rebuilt"],
        "of_full": round(build.seconds / full.seconds, 4),
        "of_full_cpu": round(build.cpu_seconds / full.cpu_seconds, 4),
        "peak_rss_mb": _mb(build),
        "phases": built.get("phase_seconds", {}),
        "phase_cpu": built.get("phase_cpu_seconds", {}),
    }
