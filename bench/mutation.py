"""Mutation testing with hand-written mutants: does a test fail when a check is taken out?

    python -m bench.mutation                  # every mutant; the score and the survivors
    python -m bench.mutation --only verify:   # the mutants whose name contains "verify:"
    python -m bench.mutation --list           # the mutants, not run

Each mutant, listed in ``bench/mutants.toml``, is one small edit of the source (a check
removed, a comparison loosened, a pattern unanchored) in one of the integrity modules. The
working tree (what git tracks, and files it does not ignore) is copied to a scratch directory
once per job; each mutant is applied there, the test files named for its module run
(``pytest -x``, with the copy first on ``PYTHONPATH`` and no bytecode written), and the
source restored. A mutant is *killed* when the tests fail (or run past ``--timeout``), and
*survives* when they pass: then no test notices that check missing. The tests must pass on
the unmutated copy first.

A mutant whose original text is no longer in its module (the code moved on) is reported as
*stale*, one that does not compile as *invalid*; both are left out of the score: update its
text in ``bench/mutants.toml``.
Score: killed / (killed + survived).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MUTANTS = Path(__file__).resolve().parent / "mutants.toml"

# The test files run for a mutant of each module.
TESTS = {
    "corpus/verify.py": ["tests/test_tamper.py", "tests/test_verify.py"],
    "corpus/spans.py": ["tests/test_tamper.py", "tests/test_verify.py"],
    "corpus/served.py": ["tests/test_tamper.py"],
    "pipeline/checks/rederive.py": ["tests/test_tamper.py"],
    "pipeline/checks/tablecheck.py": ["tests/test_tablecheck.py"],
    "pipeline/publish/atomic.py": [
        "tests/test_faults.py",
        "tests/test_parts.py",
        "tests/test_validate.py",
    ],
    "pipeline/publish/write.py": ["tests/test_parts.py"],
    "pipeline/raw/ingest.py": ["tests/test_ingest.py"],
    "pipeline/site/database.py": ["tests/test_parts.py"],
}


@dataclass(frozen=True)
class Mutant:
    name: str
    module: str
    old: str  # must occur exactly once in the module
    new: str


def mutants(path: Path = MUTANTS) -> list[Mutant]:
    """The mutants listed in ``path`` (``bench/mutants.toml``), in order."""
    listed = tomllib.loads(path.read_text(encoding="utf-8"))["mutant"]
    return [
        Mutant(f"{Path(m['module']).stem}: {m['name']}", m["module"], m["old"], m["new"])
        for m in listed
    ]


@dataclass
class Outcome:
    name: str
    module: str
    result: str  # killed, survived, timeout; stale, invalid (not scored)
    seconds: float
    failed: str = ""  # the first failing test


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only", action="append", default=[], help="run the mutants whose name contains this"
    )
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (one copy each)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per mutant's tests")
    parser.add_argument("--json", type=Path, help="write the outcomes to this file")
    parser.add_argument(
        "--deselect",
        action="append",
        default=[],
        metavar="NODEID",
        help="leave out a test that fails without any mutant (pytest's --deselect)",
    )
    args = parser.parse_args()
    chosen = [m for m in mutants() if not args.only or any(o in m.name for o in args.only)]
    if args.list:
        for m in chosen:
            print(m.name)
        return
    outcomes = run(chosen, args.jobs, args.timeout, [f"--deselect={d}" for d in args.deselect])
    print(summary(outcomes))
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1) + "\n")
    sys.exit(0 if all(o.result != "survived" for o in outcomes) else 1)


def run(mutants: list[Mutant], jobs: int, timeout: int, extra: list[str]) -> list[Outcome]:
    """Every mutant's outcome, in the order given, on ``jobs`` copies of the working tree."""
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        copies = [_copy(Path(tmp) / str(i)) for i in range(max(1, jobs))]
        modules = sorted({m.module for m in mutants})
        every = sorted({t for m in modules for t in TESTS[m]})
        baseline = _pytest(copies[0], every + extra, timeout)
        if baseline[0] != "survived":
            sys.exit(f"the tests fail on the unmutated tree ({baseline[1]}); fix them first")
        free = list(copies)

        def one(mutant: Mutant) -> Outcome:
            copy = free.pop()
            try:
                outcome = _run_one(copy, mutant, timeout, extra)
            finally:
                free.append(copy)
            print(f"{outcome.result:8} {outcome.seconds:6.1f}s  {mutant.name}", flush=True)
            return outcome

        with ThreadPoolExecutor(len(copies)) as pool:
            return list(pool.map(one, mutants))


def _copy(target: Path) -> Path:
    """The working tree's files (tracked, and untracked but not ignored) copied to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _run_one(copy: Path, mutant: Mutant, timeout: int, extra: list[str]) -> Outcome:
    path = copy / mutant.module
    source = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    if source.count(mutant.old) != 1:
        return Outcome(
            mutant.name, mutant.module, "stale", 0.0, "its text is not in the module once"
        )
    mutated = source.replace(mutant.old, mutant.new)
    try:
        compile(mutated, mutant.module, "exec")
    except SyntaxError as e:
        return Outcome(mutant.name, mutant.module, "invalid", 0.0, f"does not compile: {e}")
    path.write_text(mutated, encoding="utf-8")
    try:
        result, failed = _pytest(copy, TESTS[mutant.module] + extra, timeout)
    finally:
        path.write_text(source, encoding="utf-8")
    result = {"survived": "survived", "failed": "killed"}.get(result, result)
    return Outcome(mutant.name, mutant.module, result, time.perf_counter() - started, failed)


def _pytest(copy: Path, tests: list[str], timeout: int) -> tuple[str, str]:
    """Run ``tests`` in ``copy``: ("survived", "") when they pass, ("failed", first failure),
    or ("timeout", "")."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        done = subprocess.run(
            command, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", ""
    if done.returncode == 0:
        return "survived", ""
    lines = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return "failed", (lines[0] if lines else done.stdout[-300:])


def summary(outcomes: list[Outcome]) -> str:
    scored = [o for o in outcomes if o.result not in ("stale", "invalid")]
    killed = [o for o in scored if o.result in ("killed", "timeout")]
    lines = [
        f"mutation score: {len(killed)}/{len(scored)} = {len(killed) / max(1, len(scored)):.0%}"
    ]
    for module in sorted({o.module for o in scored}):
        mine = [o for o in scored if o.module == module]
        dead = sum(o.result in ("killed", "timeout") for o in mine)
        lines.append(f"  {module}: {dead}/{len(mine)}")
    survivors = [o for o in scored if o.result == "survived"]
    lines.append(f"survivors ({len(survivors)}):" if survivors else "survivors: none")
    lines += [f"  {o.name}" for o in survivors]
    for result in ("stale", "invalid"):
        left = [o for o in outcomes if o.result == result]
        if left:
            lines.append(f"{result}, not scored ({len(left)}): " + "; ".join(o.name for o in left))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
