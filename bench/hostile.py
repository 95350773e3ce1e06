"""``python -m bench.hostile``: the build's limits on captures made to stall it.

Builds, each in a project of its own through the real CLI, a 20 MB capture of ordinary
sentences and a 5 MB one of outlet names repeated (the input that made outlet matching
quadratic), and with ``--pages DIR`` every ``*.html`` page under DIR (trafilatura's
evaluation set: ``/work/devsets/trafilatura/tests``); the pages ingest refuses (undecodable)
are left out and counted. Prints, per build: its exit code, wall and CPU time (the process
tree's), peak memory, the documents and the problems by reason; then whether ``validate
--fast`` and ``verify`` pass. The goal: each capture built or refused within 30 s and 1 GB.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
from collections import Counter
from pathlib import Path

from bench.measure import run

ROOT = Path(__file__).resolve().parent.parent
CORPUS = str(Path(sys.executable).with_name("corpus"))
WORDS = [
    "the",
    "minister",
    "said",
    "defence",
    "Iran",
    "Russia",
    "meeting",
    "Tehran",
    "Moscow",
    "agreement",
    "cooperation",
    "military",
    "talks",
    "according",
    "to",
    "Reuters",
    "officials",
    "on",
    "Tuesday",
]


def ordinary(size: int, seed: int = 0) -> str:
    """Paragraphs of random news words, ``size`` characters or a little more."""
    rng, paragraphs, n = random.Random(seed), [], 0
    while n < size:
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(80)) + ".")
        n += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def repetitive(size: int) -> str:
    """Outlet names and an abbreviation, repeated to ``size`` characters."""
    unit = "Reuters Reuters Tasnim IRNA (IMNA) "
    return (unit * (size // len(unit) + 1))[:size]


def build(work: Path, name: str, files: list[Path]) -> None:
    """Ingest ``files`` (one at a time when the batch is refused), build, check; print."""
    project = work / name
    shutil.rmtree(project, ignore_errors=True)
    run([CORPUS, "init", str(project)])
    # ingest's own size limit (10 MB by default) would refuse the 20 MB capture: the build's
    # limits are what is measured here
    ingest = [CORPUS, "ingest", "--root", str(project), "--max-size", "100MB"]
    first = run([*ingest, *map(str, files)], check=False)
    refused = {str(p) for p in files if f"ingest: {p}: " in first.stderr}
    if first.returncode:  # all or nothing: again without the files it named
        run([*ingest, *(str(p) for p in files if str(p) not in refused)])
    made = run([CORPUS, "build", "--root", str(project)], check=False)
    data = project / "corpus" / "data"
    documents = _count(data / "documents.csv")
    reasons = Counter(row["reason"] for row in _rows(data / "problems.csv"))
    checks = {
        " ".join(verb): run([CORPUS, *verb, "--root", str(project)], check=False).returncode
        for verb in (["validate", "--fast"], ["verify"])
    }
    print(
        f"{name}: {len(files) - len(refused)} captures ({len(refused)} refused by ingest); "
        f"build exit {made.returncode} in {made.seconds:.1f} s wall, {made.cpu_seconds:.1f} s CPU, "
        f"{made.peak_rss_mb:.0f} MB peak; {documents} documents, problems {dict(reasons)}; "
        + ", ".join(f"{verb} exit {code}" for verb, code in checks.items())
    )


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    csv.field_size_limit(sys.maxsize)  # a document's text may be megabytes
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _count(path: Path) -> int:
    return len(_rows(path))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--work", type=Path, default=ROOT / "bench/out/hostile")
    parser.add_argument("--pages", type=Path, help="a folder of HTML pages to build as well")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    inputs = args.work / "inputs"
    inputs.mkdir(exist_ok=True)
    for name, text in (
        ("ordinary-20MB.txt", ordinary(20_000_000)),
        ("repetitive-5MB.txt", repetitive(5_000_000)),
    ):
        (inputs / name).write_text(text, encoding="utf-8")
        build(args.work, name.removesuffix(".txt"), [inputs / name])
    if args.pages:
        build(args.work, "pages", sorted(args.pages.rglob("*.html")))


if __name__ == "__main__":
    main()
