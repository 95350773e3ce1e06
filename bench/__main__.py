"""``python -m bench``: the scale benchmark on seeded synthetic corpora (``make bench``).

Every pipeline command on corpora of each size, with the baselines measured in the same
run; results go to JSON and to the table in ``docs/performance.md``. The default sizes
finish in minutes on two cores; ``--sizes 1k,10k,100k,1M`` runs the full set.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench import report, scale

ROOT = Path(__file__).resolve().parent.parent


def size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1M"`` -> 1000000."""
    scales = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}
    if text and text[-1] in scales:
        return int(float(text[:-1]) * scales[text[-1]])
    return int(text)


def sizes(text: str) -> list[int]:
    """``"1k,10k"`` -> [1000, 10000]."""
    return [size(s) for s in text.split(",")]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="1k,10k",
        type=sizes,
        help="corpus sizes, comma-separated (default: 1k,10k; 100k and 1M are opt-in)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--requests", type=int, default=50, help="Datasette GETs per endpoint")
    parser.add_argument(
        "--frictionless-max",
        type=size,
        default=100_000,
        help="largest size to run frictionless on",
    )
    parser.add_argument(
        "--full-max",
        type=size,
        default=10_000,
        help="largest size to run the full `corpus validate` (pandera and frictionless) on",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="only ingest and build (full, then incremental) with their baselines",
    )
    parser.add_argument("--work", type=Path, default=ROOT / "bench/out/scale")
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="run the commands on a copy of the code taken at the start (edits cannot leak in)",
    )
    parser.add_argument("--json", type=Path, default=ROOT / "docs/performance.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs/performance.md")
    args = parser.parse_args(argv)

    work = args.work.resolve()
    options = scale.Options(
        work=work,
        seed=args.seed,
        workers=args.workers,
        requests=args.requests,
        frictionless_max=args.frictionless_max,
        full_max=args.full_max,
        code=scale.snapshot(ROOT, work / "code") if args.snapshot else None,
        build_only=args.build_only,
    )
    for n in args.sizes:
        print(f"{n} documents ...", file=sys.stderr, flush=True)
        data = report.write(scale.measure(n, options), args.json, args.doc)
    print(report.table(data))


if __name__ == "__main__":
    main()
