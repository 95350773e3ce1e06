"""``python -m bench.extract``: it times the three steps per document, here and in a baseline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_bench_extract_times_each_step_against_a_baseline() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bench.extract", "--n", "3", "--baseline", str(REPO), "--json"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    report = json.loads(out)
    assert report["n"] == 3 and set(report) == {"n", "this", "baseline"}
    for figures in (report["this"], report["baseline"]):
        steps = [figures[f"{s}_cpu_ms"] for s in ("entities", "quotes", "citations")]
        assert all(ms > 0 for ms in steps)
        assert abs(figures["total_cpu_ms"] - sum(steps)) < 1e-9
