"""CPU time of the entity, quote and citation steps per document, against a baseline checkout.

    python -m bench.extract --n 1000 [--baseline /path/to/other/checkout]

Runs ``bench/synth.py`` captures (deterministic) through clean, fields and media, then times
the entities, quotes and citations steps one document at a time (after one capture that
loads what the steps load once per process: word lists, name data): CPU time of this process
(``time.process_time``: the steps run in it, no workers) and wall time. With ``--baseline``,
the same captures go through the steps of that checkout, in a child process of this run,
and the ratio is printed: compare figures only within one run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
TIMED = ("entities", "quotes", "citations")
_CAPTURED = "2024-06-01T00:00:00Z"


def measure(root: Path, n: int) -> dict[str, float]:
    """Milliseconds per document of each timed step (CPU and wall), for the code at ``root``."""
    sys.path[:0] = [str(root)]
    import pipeline
    from bench.synth import captures
    from corpus.store import RawFile, blake3_hex, sha256_hex
    from pipeline.build.steps import STEPS
    from pipeline.extract.model import Doc
    from pipeline.extract.registry import Registry
    from pipeline.raw.formats import sniff

    assert Path(pipeline.__file__).resolve().is_relative_to(root.resolve()), pipeline.__file__
    registry = Registry(HERE / "corpus" / "registry")  # the same registry for both trees
    steps = {s.name: s.run for s in STEPS}
    cpu = dict.fromkeys(TIMED, 0.0)
    wall = dict.fromkeys(TIMED, 0.0)
    for k, capture in enumerate(captures(HERE / "corpus" / "registry", n + 1)):
        fmt = sniff(capture.data, capture.name)
        data = capture.data
        b3, sha = blake3_hex(data), sha256_hex(data)
        raw = RawFile(b3, sha, len(data), fmt.media_type, fmt.encoding, capture.name, _CAPTURED)
        doc = Doc(raw, data.decode(fmt.encoding))
        for name in ("clean", "fields", "media"):
            doc = steps[name](doc, registry)
        for name in TIMED:
            c0, w0 = time.process_time(), time.perf_counter()
            doc = steps[name](doc, registry)
            cpu[name] += (time.process_time() - c0) * (k > 0)  # capture 0 loads the models
            wall[name] += (time.perf_counter() - w0) * (k > 0)
    result = {f"{k}_cpu_ms": 1000 * v / n for k, v in cpu.items()}
    result |= {f"{k}_wall_ms": 1000 * v / n for k, v in wall.items()}
    result["total_cpu_ms"] = sum(result[f"{k}_cpu_ms"] for k in TIMED)
    result["total_wall_ms"] = sum(result[f"{k}_wall_ms"] for k in TIMED)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="captures (default 1000)")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)  # measure this tree
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    if args.child:  # the child process measuring a baseline
        print(json.dumps(measure(args.child, args.n)))
        return
    ours = measure(HERE, args.n)
    report = {"n": args.n, "this": ours}
    if args.baseline:
        child = [sys.executable, __file__, "--n", str(args.n)]
        out = subprocess.run(
            [*child, "--child", str(args.baseline.resolve())],
            cwd=args.baseline,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        report["baseline"] = json.loads(out)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for label, figures in [(k, v) for k, v in report.items() if k != "n"]:
        parts = ", ".join(f"{k} {figures[f'{k}_cpu_ms']:.2f}" for k in TIMED)
        print(
            f"{label:9} CPU ms/doc: {parts}; together {figures['total_cpu_ms']:.2f} "
            f"(wall {figures['total_wall_ms']:.2f})"
        )
    if "baseline" in report:
        ratio = report["baseline"]["total_cpu_ms"] / ours["total_cpu_ms"]
        print(f"this run is {ratio:.2f}x the baseline's speed (CPU, {args.n} captures)")


if __name__ == "__main__":
    main()
