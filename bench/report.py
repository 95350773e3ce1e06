"""Write the scale results: JSON with the machine, and a small table in ``docs/performance.md``."""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
from datetime import UTC, datetime
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
    }


def write(result: dict[str, Any], json_path: Path, doc: Path) -> dict[str, Any]:
    """Add one size's ``result`` to the JSON (replacing that size) and redraw the doc's table.

    Each size records when and on what it was measured, so sizes run at different times
    (100k and 1M are opt-in) can stand in one table honestly.
    """
    old = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
    entry = {
        "measured": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        **result,
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
    for label, target, cell in ROWS:
        lines.append(f"| {label} | {target} | " + " | ".join(_cell(cell, s) for s in sizes) + " |")
    machines: dict[str, list[str]] = {}
    for s in sizes:
        m = s["machine"]
        on = (
            f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['system']}, "
            f"Python {m['python']}, SQLite {m['sqlite']}"
        )
        machines.setdefault(on, []).append(f"{_n(s['documents'])} on {s['measured']}")
    notes = [f"Measured {', '.join(when)}: {on}." for on, when in machines.items()]
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def _cell(cell: Any, size: dict[str, Any]) -> str:
    try:
        return cell(size)
    except (KeyError, TypeError, ZeroDivisionError):
        return "–"


def _n(n: float) -> str:
    for unit, scale in (("M", 1_000_000), ("k", 1_000)):
        if n >= scale:
            return f"{n / scale:g}{unit}"
    return f"{n:g}"


def _ms(d: dict[str, Any]) -> str:
    return f"{d['p50_ms']:.0f} / {d['p95_ms']:.0f}"


ROWS: list[tuple[str, str, Any]] = [
    ("raw captures (MB)", "", lambda s: f"{s['raw_mb']:g}"),
    (
        "read + BLAKE3 baseline (files/s, MB/s)",
        "",
        lambda s: f"{_n(s['read_hash']['files_per_s'])}, {s['read_hash']['mb_per_s']:.0f}",
    ),
    (
        "`corpus ingest` (files/s, MB/s)",
        "near baseline",
        lambda s: f"{_n(s['ingest']['files_per_s'])}, {s['ingest']['mb_per_s']:.0f}",
    ),
    ("ingest / baseline speed", "≈ 1", lambda s: f"{s['ingest']['of_baseline']:.2f}"),
    ("`corpus build`, full (docs/s)", "≥ 2,000", lambda s: _n(s["build"]["docs_per_s"])),
    ("full build (s)", "100k < 60", lambda s: f"{s['build']['seconds']:.1f}"),
    ("  of which SQLite + FTS (s)", "", lambda s: f"{s['build']['phases']['database']:.1f}"),
    (
        "incremental build, 1 raw changed (s)",
        "100k < 2",
        lambda s: f"{s['incremental']['seconds']:.2f}",
    ),
    ("incremental / full", "", lambda s: f"{s['incremental']['of_full']:.3f}"),
    ("`corpus validate --fast` (rows/s)", "", lambda s: _n(s["validate"]["fast"]["rows_per_s"])),
    (
        "`frictionless validate` (rows/s)",
        "",
        lambda s: _n(s["validate"]["frictionless"]["rows_per_s"]),
    ),
    ("fast / frictionless speed", "≥ 30", lambda s: f"{s['validate']['fast_vs_frictionless']:g}"),
    ("`corpus validate` (rows/s)", "", lambda s: _n(s["validate"]["full"]["rows_per_s"])),
    ("`corpus verify` (spans/s)", "≥ 1M", lambda s: _n(s["verify"]["spans_per_s"])),
    ("Datasette table page p50 / p95 (ms)", "", lambda s: _ms(s["datasette"]["table"])),
    ("Datasette facet p50 / p95 (ms)", "", lambda s: _ms(s["datasette"]["facet"])),
    (
        "Datasette FTS search p50 / p95 (ms)",
        "1M: p95 < 50",
        lambda s: _ms(s["datasette"]["search"]),
    ),
    ("Datasette document page p50 / p95 (ms)", "", lambda s: _ms(s["datasette"]["document"])),
    ("peak RSS: ingest (MB)", "1M < 1,024", lambda s: f"{s['ingest']['peak_rss_mb']:.0f}"),
    ("peak RSS: build (MB)", "1M < 1,024", lambda s: f"{s['build']['peak_rss_mb']:.0f}"),
    ("peak RSS: validate --fast (MB)", "", lambda s: f"{s['validate']['fast']['peak_rss_mb']:.0f}"),
    ("peak RSS: verify (MB)", "", lambda s: f"{s['verify']['peak_rss_mb']:.0f}"),
]
