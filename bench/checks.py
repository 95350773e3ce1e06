"""``python -m bench.checks ROOT``: what checking a built project costs, in CPU and wall time.

On the project at ``ROOT`` (built, e.g. by ``python -m bench``), in one run, each command as a
user runs it, CPU time summed over its process tree (psutil, see ``bench.measure``):

- ``corpus verify`` (every check): spans re-sliced per CPU-second and per second, with one
  worker and with the default (one per core for a corpus in parts over 32 MB);
- ``corpus validate --fast`` against ``frictionless validate`` on the same
  ``datapackage.json``: the ratio of their CPU times and of their wall times.

Goals (issue 19): verify >= 0.5M spans per CPU-second, ``validate --fast`` >= 30x
frictionless in CPU. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from bench.measure import Run, run

BIN = Path(sys.executable).parent
CORPUS = str(BIN / "corpus")


def measure(root: Path, frictionless: bool = True) -> dict[str, Any]:
    """Every figure for the built project at ``root``."""
    result: dict[str, Any] = {"load_average": os.getloadavg()}
    for label, extra in (("verify_one_worker", ["--workers", "1"]), ("verify", [])):
        done = run([CORPUS, "verify", "--root", str(root), "--json", *extra], check=False)
        spans = json.loads(done.stdout)["checked"].get("spans", 0)
        result[label] = {
            **_figures(done),
            "spans": spans,
            "spans_per_cpu_s": round(spans / done.cpu_seconds),
            "spans_per_s": round(spans / done.seconds),
        }
    fast = run([CORPUS, "validate", "--fast", "--root", str(root), "--json"], check=False)
    result["validate_fast"] = _figures(fast)
    if frictionless:
        argv = [str(BIN / "frictionless"), "validate", "--json", "--limit-errors", "100"]
        reference = run([*argv, "datapackage.json"], cwd=root, check=False)
        result["frictionless"] = _figures(reference)
        result["fast_vs_frictionless_cpu"] = round(reference.cpu_seconds / fast.cpu_seconds, 1)
        result["fast_vs_frictionless_wall"] = round(reference.seconds / fast.seconds, 1)
    return result


def _figures(done: Run) -> dict[str, Any]:
    return {
        "ok": done.returncode == 0,
        "seconds": round(done.seconds, 2),
        "cpu_seconds": round(done.cpu_seconds, 2),
        "peak_rss_mb": round(done.peak_rss_mb, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.checks", description=__doc__)
    parser.add_argument("root", type=Path, help="a built project (corpus build)")
    parser.add_argument("--no-frictionless", action="store_true", help="skip the reference")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.root.resolve(), not args.no_frictionless), indent=1))


if __name__ == "__main__":
    main()
