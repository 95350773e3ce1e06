"""The rows the entity, quote and citation steps make, as sorted JSON, to compare two versions.

    python -m bench.extract_rows OUT.json [--n 2000] [--checkout SCRAPINGHUB]
    python -m bench.extract_rows --compare A.json B.json

Reads the seeds (``corpus/raw``), ``n`` synthetic captures (``bench/synth.py``) and, with
``--checkout``, the quote benchmark's dev pages as text and as HTML, runs every step on
them, and writes each document's mentions, quotes and citations. A change meant to make
the steps faster must leave the file byte for byte the same. ``--cache`` keeps the documents
after the steps before the timed ones (clean, fields, media) in a pickle, so a rerun only
runs the timed steps.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.extract.model import Doc

ROOT = Path(__file__).resolve().parent.parent
BEFORE = ("clean", "fields", "media")
TIMED = ("entities", "quotes", "citations")
_CAPTURED = "2024-06-01T00:00:00Z"


def _inputs(n: int, checkout: Path | None) -> Iterator[tuple[str, Doc]]:
    """``(label, Doc)`` of every document, before any step."""
    from bench.synth import captures
    from corpus.store import RawFile, blake3_hex, decode, raw_path, read_index, sha256_hex
    from pipeline.extract.model import Doc
    from pipeline.raw.formats import sniff

    raw_dir = ROOT / "corpus" / "raw"
    for raw in read_index(raw_dir):
        yield (
            f"seed:{raw.blake3[:16]}",
            Doc(raw, decode(raw_path(raw_dir, raw.blake3).read_bytes(), raw.encoding)),
        )
    for k, capture in enumerate(captures(ROOT / "corpus" / "registry", n)):
        fmt = sniff(capture.data, capture.name)
        data = capture.data
        raw = RawFile(
            blake3_hex(data),
            sha256_hex(data),
            len(data),
            fmt.media_type,
            fmt.encoding,
            capture.name,
            _CAPTURED,
        )
        yield f"synth:{k}", Doc(raw, data.decode(fmt.encoding))
    if checkout is None:
        return
    from bench.quotes import gold

    texts = gold.Texts(checkout, ROOT / "bench" / "out" / "data")
    for page in gold.load(ROOT / "bench" / "quotes" / "gold", texts, ("dev",)):
        for media_type, text in (("text/plain", page.text), ("text/html", page.html)):
            if not text:
                continue
            raw = RawFile(
                page.page, "", len(text.encode()), media_type, "utf-8", page.name, _CAPTURED
            )
            yield f"dev:{page.name}:{media_type}", Doc(raw, text)


def prepared(n: int, checkout: Path | None, cache: Path | None) -> list[tuple[str, Doc]]:
    """The documents after the steps before the timed ones (read from ``cache`` if there)."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    from pipeline.build.steps import STEPS
    from pipeline.extract.registry import Registry

    registry = Registry(ROOT / "corpus" / "registry")
    steps = {s.name: s.run for s in STEPS}
    docs = []
    for label, doc in _inputs(n, checkout):
        for name in BEFORE:
            doc = steps[name](doc, registry)
        docs.append((label, doc))
    if cache is not None:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def rows(docs: list[tuple[str, Doc]]) -> dict[str, dict[str, list[dict[str, object]]]]:
    """The mentions, quotes and citations of each document, by label."""
    from pipeline.build.steps import STEPS
    from pipeline.extract.registry import Registry

    registry = Registry(ROOT / "corpus" / "registry")
    steps = {s.name: s.run for s in STEPS}
    out = {}
    for label, doc in docs:
        for name in TIMED:
            doc = steps[name](doc, registry)
        out[label] = {
            "mentions": [asdict(m) for m in doc.mentions],
            "quotes": [asdict(q) for q in doc.quotes],
            "citations": [asdict(c) for c in doc.citations],
        }
    return out


def compare(a: Path, b: Path) -> int:
    """Print the documents whose rows differ; the number of them."""
    left, right = json.loads(a.read_text()), json.loads(b.read_text())
    differ = sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))
    for label in differ:
        for part in ("mentions", "quotes", "citations"):
            x, y = (left.get(label) or {}).get(part), (right.get(label) or {}).get(part)
            if x != y:
                gone = [r for r in x or [] if r not in (y or [])]
                new = [r for r in y or [] if r not in (x or [])]
                print(f"{label} {part}: -{json.dumps(gone)[:600]}\n  +{json.dumps(new)[:600]}")
    print(f"{len(differ)} of {len(left)} documents differ")
    return len(differ)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--n", type=int, default=2000, help="synthetic captures (default 2000)")
    parser.add_argument("--checkout", type=Path, help="Scrapinghub benchmark, for the dev pages")
    parser.add_argument("--cache", type=Path, help="pickle of the documents before the steps")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"))
    args = parser.parse_args(argv)
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    if args.out is None:
        parser.error("give OUT.json or --compare A B")
    found = rows(prepared(args.n, args.checkout, args.cache))
    args.out.write_text(json.dumps(found, sort_keys=True, indent=0, ensure_ascii=False))


if __name__ == "__main__":
    main()
