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


def test_bench_extract_rows_dumps_and_tells_what_differs(tmp_path: Path) -> None:
    """``python -m bench.extract_rows``: the rows of the seeds and synthetic captures, and
    ``--compare``, which exits 1 and names the document whose rows differ."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "bench.extract_rows", *args]
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True)

    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(str(first), "--n", "2").returncode == 0
    rows = json.loads(first.read_text())
    assert {"synth:0", "synth:1"} < set(rows) and sum(k.startswith("seed:") for k in rows) == 5
    assert any(doc["quotes"] for doc in rows.values())
    second.write_text(first.read_text())
    same = run("--compare", str(first), str(second))
    assert same.returncode == 0 and "0 of" in same.stdout
    rows["synth:1"]["mentions"] = rows["synth:1"]["mentions"][1:]
    second.write_text(json.dumps(rows))
    differ = run("--compare", str(first), str(second))
    assert differ.returncode == 1 and "synth:1 mentions" in differ.stdout
    assert "1 of" in differ.stdout
