"""Readers during builds: ``python -m bench.readers ROOT`` (a built project; captures are added).

A builder process ingests one new capture and rebuilds, ``--builds`` times; meanwhile this
process reads the corpus as users do, in turn ``corpus.at(ROOT).verify()`` and
``corpus.at(ROOT).load(table)``, and counts every read that failed: an exception (a file
missing) or a report with problems (tables of one version checked against another's
descriptor). Both read through the loader API only, so the same script measures a checkout
without versions (``PYTHONPATH=<that checkout>``).
"""

from __future__ import annotations

import argparse
import resource
import shlex
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import corpus

# The builder runs the CLI of whatever ``corpus`` package this interpreter imports.
CLI = [sys.executable, "-c", "from pipeline.cli import main; main()"]


@dataclass
class Tally:
    """Reads made while the builds ran, and the failures among them (a few kept as examples)."""

    reads: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    builds: int = 0
    seconds: float = 0.0
    cpu: float = 0.0  # the readers' and the builders' CPU seconds

    def fail(self, kind: str, what: str) -> None:
        self.failed[kind] += 1
        if len(self.examples) < 5:
            self.examples.append(f"{kind}: {what}")


def builder(root: Path, builds: int, work: Path) -> subprocess.Popen[bytes]:
    """A process that ingests one new capture and builds, ``builds`` times."""
    work.mkdir(parents=True, exist_ok=True)
    steps = []
    for i in range(builds):
        capture = work / f"reader-{time.time_ns()}-{i}.txt"
        capture.write_text(f"Capture {i} for the readers' benchmark.\n" * 50, encoding="utf-8")
        steps.append(
            f"{shlex.join([*CLI, 'ingest', '--root', str(root), str(capture)])} >/dev/null"
        )
        steps.append(f"{shlex.join([*CLI, 'build', '--root', str(root)])} >/dev/null")
    return subprocess.Popen(["bash", "-ec", " && ".join(steps)])


def read_during(root: Path, builds: int, work: Path, table: str = "documents") -> Tally:
    """Read ``root``'s corpus until ``builds`` builds are published; the tally of the reads."""
    tally = Tally(builds=builds)
    data = corpus.at(root)
    started = time.perf_counter()
    process = builder(root, builds, work)
    while process.poll() is None:
        try:
            report = data.verify()
            tally.reads["verify"] += 1
            if not report.ok:
                tally.fail("verify", str(report.problems[0]))
            tally.reads["load"] += 1
            if not len(data.load(table)):
                tally.fail("load", f"{table} is empty")
        except Exception as e:  # every failure is counted, none stops the readers
            tally.fail(type(e).__name__, str(e))
    tally.seconds = time.perf_counter() - started
    tally.cpu = sum(
        u.ru_utime + u.ru_stime
        for u in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )
    if process.returncode:
        raise RuntimeError(f"the builder failed with status {process.returncode}")
    return tally


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.readers", description=__doc__)
    parser.add_argument("root", type=Path, help="a built corpus project (captures are added)")
    parser.add_argument("--builds", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path("bench/out/readers"))
    args = parser.parse_args(argv)
    tally = read_during(args.root.resolve(), args.builds, args.work.resolve())
    reads, failed = sum(tally.reads.values()), sum(tally.failed.values())
    print(
        f"{reads} reads ({dict(tally.reads)}) during {tally.builds} builds in {tally.seconds:.1f}s"
    )
    print(f"{failed} failed ({dict(tally.failed)})")
    for example in tally.examples:
        print(f"  {example[:200]}")


if __name__ == "__main__":
    main()
