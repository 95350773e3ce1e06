"""``python -m bench.cleaner DATASET...``: score the cleaner on public gold article bodies."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.cleaner import datasets, goldsets
from bench.cleaner.run import evaluate, write

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> None:
    """Parse the options, load each data set, score it, write the JSON and the doc."""
    parser = argparse.ArgumentParser(prog="python -m bench.cleaner", description=__doc__)
    parser.add_argument("dataset", nargs="+", choices=["newspaper4k", "scrapinghub", "readability"])
    parser.add_argument(
        "--checkout", type=Path, help="a checkout of the Scrapinghub benchmark (for scrapinghub)"
    )
    parser.add_argument(
        "--readability", type=Path, help="a checkout of Mozilla Readability (for readability)"
    )
    parser.add_argument("--cache", type=Path, default=ROOT / "bench/out/data")
    parser.add_argument("--json", type=Path, default=ROOT / "bench/out/cleaner.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs/cleaner-benchmark.md")
    parser.add_argument("--texts", type=Path, help="write every dump, gold and output here")
    args = parser.parse_args(argv)
    if "scrapinghub" in args.dataset and args.checkout is None:
        parser.error("scrapinghub needs --checkout PATH (see bench/cleaner/README.md)")
    if "readability" in args.dataset and args.readability is None:
        parser.error("readability needs --readability PATH (see bench/cleaner/README.md)")

    results = {}
    for name in dict.fromkeys(args.dataset):
        if name == "newspaper4k":
            source = datasets.NEWSPAPER4K
            pages = datasets.newspaper4k_pages(datasets.fetch_newspaper4k(args.cache))
        elif name == "readability":
            source = goldsets.READABILITY
            gold = goldsets.readability_pages(args.readability)
            pages = [datasets.Page(p.name, p.html, p.body or "") for p in gold]
        else:
            source, pages = datasets.SCRAPINGHUB, datasets.scrapinghub_pages(args.checkout)
        results[name] = result = evaluate(source, pages, texts=args.texts)
        for system, row in result["systems"].items():
            score = row["tokens"]["micro"]["f1"] if "tokens" in row else row["error"]
            print(f"{name:12} {system:36} token F1 {score}")
    write(results, args.json, args.doc)


if __name__ == "__main__":
    main()
