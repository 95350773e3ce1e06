"""Write the scale results: JSON with the machine, and a small table in ``docs/performance.md``."""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import psutil

BEGIN, END = "<!-- bench:scale -->", "<!-- /bench:scale -->"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = found[1] if found else cpu
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": [round(x, 2) for x in os.getloadavg()],  # 1, 5, 15 min: a shared machine
        "versions": {name: _version(name) for name in VERSIONS},
    }


VERSIONS = ("pyarrow", "py3langid", "blake3", "sqlite-utils", "datasette")


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def write(result: dict[str, Any], json_path: Path, doc: Path) -> dict[str, Any]:
    """Add one size's ``result`` to the JSON (replacing that size) and redraw the doc's table.

    Each size records when and on what it was measured, so sizes run at different times
    (100k and 1M are opt-in) can stand in one table honestly.
    """
    old = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
    entry = {
        "measured": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **result,
        "machine": {**machine(), **result.get("machine", {})},
    }
    sizes = {s["documents"]: s for s in old.get("sizes", [])} | {result["documents"]: entry}
    data = {"sizes": [sizes[n] for n in sorted(sizes)]}
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    block = f"{BEGIN}\n{table(data)}{END}"
    text = doc.read_text(encoding="utf-8") if doc.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    start, end = text.index(BEGIN), text.index(END) + len(END)
    doc.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return data


def table(data: dict[str, Any]) -> str:
    """The Markdown table: one row per figure, one column per corpus size, then the machines."""
    sizes = data["sizes"]
    lines = [
        "| figure | target | " + " | ".join(f"{_n(s['documents'])} docs" for s in sizes) + " |",
        "|---|---|" + "---|" * len(sizes),
    ]
    for label, target, where, shown in ROWS:
        cells = " | ".join(_cell(s, where, shown) for s in sizes)
        lines.append(f"| {label} | {target} | {cells} |")
    machines: dict[str, list[str]] = {}
    for s in sizes:
        m = s["machine"]
        on = (
            f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['system']}, "
            f"Python {m['python']}, SQLite {m['sqlite']}"
        )
        if "load_average" in m:
            load = " / ".join(f"{x:g}" for x in m["load_average"])
            on += f"; load average {load} at the start"
        machines.setdefault(on, []).append(f"{_n(s['documents'])} on {s['measured']}")
    notes = [f"Measured {', '.join(when)}: {on}." for on, when in machines.items()]
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def _cell(size: dict[str, Any], where: str, shown: Callable[[Any], str]) -> str:
    """The figure at ``where`` ("build.phases.database") of one size, or a dash if not run."""
    value: Any = size
    for key in where.split("."):
        if not isinstance(value, dict) or key not in value:
            return "–"
        value = value[key]
    return shown(value)


def _n(n: float) -> str:
    """``n`` to three significant digits, with k or M: 54799.8 -> "54.8k"."""
    for unit, scale in (("M", 1_000_000), ("k", 1_000), ("", 1)):
        if n >= scale or not unit:
            return f"{float(f'{n / scale:.3g}'):g}{unit}"
    return ""


def _ms(d: dict[str, Any]) -> str:
    """p50 / p95, and how many requests failed if any did ("1000 / 1200, 12 failed")."""
    failed = sum(d.get("failed", {}).values())
    return f"{d['p50_ms']:.0f} / {d['p95_ms']:.0f}" + (f", {failed} failed" if failed else "")


def _f(digits: int) -> Callable[[float], str]:
    return lambda x: f"{x:.{digits}f}"


# (figure, target, where in a size's results, how to print it)
ROWS: list[tuple[str, str, str, Callable[[Any], str]]] = [
    ("raw captures (MB)", "", "raw_mb", _f(1)),
    ("read + BLAKE3 baseline (files/s)", "", "read_hash.files_per_s", _n),
    ("read + BLAKE3 baseline (MB/s)", "", "read_hash.mb_per_s", _f(0)),
    ("`corpus ingest` (files/s)", "", "ingest.files_per_s", _n),
    ("`corpus ingest` (MB/s)", "", "ingest.mb_per_s", _f(0)),
    ("read + BLAKE3 + write a copy (files/s)", "", "read_hash_copy.files_per_s", _n),
    ("ingest / read + BLAKE3 speed", "≈ 1", "ingest.of_baseline", _f(2)),
    ("ingest / read + BLAKE3 + copy speed", "", "ingest.of_copy_baseline", _f(2)),
    ("read + BLAKE3 baseline (CPU ms/doc)", "", "read_hash.cpu_ms_per_doc", _f(3)),
    ("lean pass baseline (CPU ms/doc)", "", "lean.cpu_ms_per_doc", _f(3)),
    ("`corpus build`, full (CPU ms/doc, process tree)", "≤ 1", "build.cpu_ms_per_doc", _f(2)),
    ("  in the steps (CPU ms/doc)", "", "build.steps_cpu_ms_per_doc", _f(2)),
    ("  outside the steps (CPU ms/doc)", "", "build.outside_cpu_ms_per_doc", _f(2)),
    ("`corpus build`, full (docs/s)", "≥ 2,000", "build.docs_per_s", _n),
    ("full build (s)", "100k: < 60", "build.seconds", _f(1)),
    ("  of which SQLite + FTS (s)", "", "build.phases.database", _f(1)),
    ("incremental build, 1 raw changed (s)", "100k: < 2", "incremental.seconds", _f(2)),
    ("incremental build (CPU s, process tree)", "", "incremental.cpu_seconds", _f(2)),
    ("incremental / full", "", "incremental.of_full", _f(3)),
    ("incremental / full, CPU", "≤ 0.02", "incremental.of_full_cpu", _f(3)),
    ("`corpus validate --fast` (rows/s)", "", "validate.fast.rows_per_s", _n),
    ("`frictionless validate` (rows/s)", "", "validate.frictionless.rows_per_s", _n),
    ("fast / frictionless speed", "≥ 30", "validate.fast_vs_frictionless", _f(1)),
    ("`corpus validate`, full (rows/s)", "", "validate.full.rows_per_s", _n),
    ("`corpus verify` (spans/s)", "≥ 1M", "verify.spans_per_s", _n),
    ("Datasette table page, p50 / p95 (ms)", "", "datasette.table", _ms),
    ("Datasette facet, mentions by entity, p50 / p95 (ms)", "", "datasette.facet", _ms),
    ("Datasette FTS, table search, p50 / p95 (ms)", "1M: p95 < 50", "datasette.search", _ms),
    (
        "Datasette FTS, site search page, p50 / p95 (ms)",
        "1M: p95 < 50",
        "datasette.site_search",
        _ms,
    ),
    ("Datasette document page, p50 / p95 (ms)", "", "datasette.document", _ms),
    ("peak RSS: ingest (MB)", "1M: < 1,024", "ingest.peak_rss_mb", _f(0)),
    ("peak RSS: build (MB)", "1M: < 1,024", "build.peak_rss_mb", _f(0)),
    ("peak RSS: validate --fast (MB)", "", "validate.fast.peak_rss_mb", _f(0)),
    ("peak RSS: verify (MB)", "", "verify.peak_rss_mb", _f(0)),
]
