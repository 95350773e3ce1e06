"""``python -m bench.cleaner.means``: mean body F1 from dumps, this cleaner beside another.

The figure of issue 16's target: each page's HTML is rendered once (inscriptis, and that
hard-wrapped at 80 columns); the cleaner of this checkout and, with ``--against REV``, the
``pipeline/extract/clean.py`` of git revision ``REV`` (or a ``clean.py`` file) segment the
same dumps in one run; the body is scored per page: token F1 averaged over pages for the sets
with a whole gold body (Scrapinghub, Readability, newspaper4k, each half of Fundus's), pooled
snippet F1 for each half of trafilatura's pages (development, held out). Rendered dumps are
cached in ``--cache`` (one JSON file per set); only means are printed, so a held-out set
stays unread.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bench.cleaner import datasets, goldsets
from bench.cleaner.dumps import snippet_counts
from bench.cleaner.metrics import compare, tokens
from bench.cleaner.render import render
from bench.cleaner.wrap import wrap
from corpus.text import assemble

ROOT = Path(__file__).resolve().parents[2]
Scorer = Callable[[list[str]], float]  # the bodies of a set's pages in, its mean out


def _sets(args: argparse.Namespace) -> dict[str, tuple[list[str], Scorer]]:
    """Each requested set's HTML pages and how its bodies are scored."""
    sets: dict[str, tuple[list[str], Scorer]] = {}

    def by_tokens(golds: list[str]) -> Scorer:
        return lambda bodies: statistics.fmean(
            compare(tokens(g), tokens(b)).f1 for g, b in zip(golds, bodies, strict=True)
        )

    if args.scrapinghub:
        pages = datasets.scrapinghub_pages(args.scrapinghub)
        sets["scrapinghub"] = [p.html for p in pages], by_tokens([p.gold for p in pages])
    if args.readability:
        gold = goldsets.readability_pages(args.readability)
        sets["readability"] = [p.html for p in gold], by_tokens([p.body or "" for p in gold])
    if args.newspaper4k:
        pages = datasets.newspaper4k_pages(datasets.fetch_newspaper4k(args.data))
        sets["newspaper4k"] = [p.html for p in pages], by_tokens([p.gold for p in pages])
    if args.trafilatura:
        marked = goldsets.trafilatura_pages(args.trafilatura)
        for half, held_out in (("dev", False), ("held-out", True)):
            chosen = [p for p in marked if p.held_out == held_out]
            sets[f"trafilatura {half}"] = [p.html for p in chosen], _by_snippets(chosen)
    if args.fundus:
        fundus = goldsets.fundus_pages(args.fundus)
        for half, held_out in (("dev", False), ("held-out", True)):
            chosen = [p for p in fundus if p.held_out == held_out]
            sets[f"fundus {half}"] = (
                [p.html for p in chosen],
                by_tokens([p.body or "" for p in chosen]),
            )
    return sets


def _by_snippets(pages: list[goldsets.GoldPage]) -> Scorer:
    """Pooled snippet F1 of ``pages``' bodies, as ``bench.cleaner.dumps`` counts it."""

    def score(bodies: list[str]) -> float:
        counts = [snippet_counts(p, b) for p, b in zip(pages, bodies, strict=True)]
        tp, fp, fn = (sum(c[k] for c in counts) for k in range(3))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    return score


def _dumps(name: str, htmls: list[str], cache: Path) -> list[str]:
    """The rendered dump of every page, from the cache when it holds this set's pages."""
    path = cache / f"{name.replace(' ', '-')}.json"
    if path.exists():
        cached = json.loads(path.read_text())
        if len(cached) == len(htmls):
            return cached
    dumps = [render(html) for html in htmls]
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dumps, ensure_ascii=False))
    return dumps


def _cleaner_at(rev: str) -> ModuleType:
    """A cleaner loaded as a module of its own: the file ``rev`` if there is one, else the
    ``pipeline/extract/clean.py`` of git revision ``rev``."""
    path = Path(rev)
    if not path.is_file():
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:pipeline/extract/clean.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        path = Path(tempfile.mkdtemp()) / "clean_against.py"
        path.write_text(source)
    spec = importlib.util.spec_from_file_location(f"clean_against_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def body(module: ModuleType, dump: str) -> str:
    """The body ``module``'s ``segment`` keeps of ``dump``, as ``documents.text`` holds it."""
    segments = module.segment(dump)
    return assemble(dump, [(s.start, s.end, s.joined) for s in segments if s.kept])


def main(argv: list[str] | None = None) -> None:
    """Parse the options and print one row per set: its means per cleaner and dump."""
    parser = argparse.ArgumentParser(prog="python -m bench.cleaner.means", description=__doc__)
    parser.add_argument("--scrapinghub", type=Path, help="a checkout of the Scrapinghub benchmark")
    parser.add_argument("--readability", type=Path, help="a checkout of Mozilla Readability")
    parser.add_argument("--trafilatura", type=Path, help="a trafilatura checkout's tests/ folder")
    parser.add_argument("--newspaper4k", action="store_true", help="newspaper4k's test pages")
    parser.add_argument("--fundus", type=Path, help="a checkout of Fundus")
    parser.add_argument(
        "--against",
        action="append",
        default=[],
        help="a git revision (or a clean.py file) whose cleaner is scored beside this one",
    )
    parser.add_argument("--data", type=Path, default=ROOT / "bench/out/data")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench/out/dumps")
    args = parser.parse_args(argv)
    from pipeline.extract import clean  # imported late: the bench runs before it exists

    cleaners = {rev: _cleaner_at(rev) for rev in args.against} | {"this": clean}
    sets = _sets(args)
    if not sets:
        parser.error("name at least one set")
    for name, (htmls, score) in sets.items():
        dumps = _dumps(name, htmls, args.cache)
        cells = []
        for label, make in (("inscriptis", lambda d: d), ("wrapped at 80", wrap)):
            texts = [make(d) for d in dumps]
            for who, module in cleaners.items():
                cells.append(f"{label} {who} {score([body(module, t) for t in texts]):.4f}")
        print(f"{name} ({len(htmls)}): " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()
