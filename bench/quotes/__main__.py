"""``python -m bench.quotes --checkout PATH``: quotations and speakers on hand-annotated pages.

Scores the pipeline (and, with ``--html``, the pipeline on the HTML page) beside two
baselines against ``bench/quotes/gold/``: ``dev`` and ``test`` by default (their pages need
``--checkout``), ``--split heldout`` or ``heldout2`` (need ``--trafilatura`` and
``--readability``), ``heldout3`` (also ``--goose3``), ``heldout4`` (``--checkout``),
``heldout5`` (``--postlight``), ``heldout6`` (``--trafilatura``, ``--readability``,
``--goose3`` and ``--postlight``), ``heldout7`` or ``heldout8`` (``--fundus``; ``heldout8``
is blind: totals only), ``heldout9`` (``--l3s-gn1``; blind: totals only), ``l3s-dev``
(``--l3s-gn1``; development) or ``--split all`` (``heldout9`` and ``l3s-dev`` only when
``--l3s-gn1`` is given);
``polnear-train``, ``polnear-dev``, ``polnear-test`` or ``polnear`` (all three) read
PolNeAR's annotated attributions (``--polnear``); ``rwk-dev``, ``rwk-test`` (blind: totals
only) or ``rwk`` (both) read corpus REDEWIEDERGABE's direct speech (``--rwk``); see
``bench/quotes/README.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.quotes import gold, polnear, rwk
from bench.quotes.run import describe, evaluate, write
from bench.quotes.systems import systems

ROOT = Path(__file__).resolve().parents[2]
CHOICES = {
    "both": ("dev", "test"),
    "all": gold.SPLITS,
    "polnear": polnear.SPLITS,
    "rwk": rwk.SPLITS,
} | {s: (s,) for s in gold.SPLITS + polnear.SPLITS + rwk.SPLITS}
L3S = ("heldout9", "l3s-dev")  # the splits of L3S-GN1 pages (--l3s-gn1)


def main(argv: list[str] | None = None) -> None:
    """Parse the options, load the gold pages and their text, score, write."""
    parser = argparse.ArgumentParser(prog="python -m bench.quotes", description=__doc__)
    parser.add_argument(
        "--checkout",
        type=Path,
        help="a checkout of the Scrapinghub article-extraction benchmark (dev, test, heldout4)",
    )
    parser.add_argument(
        "--trafilatura", type=Path, help="a trafilatura checkout's tests/ folder (for heldout*)"
    )
    parser.add_argument(
        "--readability", type=Path, help="a checkout of Mozilla Readability (for heldout*)"
    )
    parser.add_argument("--goose3", type=Path, help="a checkout of goose3 (for heldout3, heldout6)")
    parser.add_argument(
        "--postlight", type=Path, help="a checkout of Postlight Parser (for heldout5, heldout6)"
    )
    parser.add_argument("--fundus", type=Path, help="a checkout of Fundus (for heldout7, heldout8)")
    parser.add_argument(
        "--l3s-gn1",
        type=Path,
        help="the L3S-GN1 folder, with original/ and url-mapping.txt (for heldout9, l3s-dev)",
    )
    parser.add_argument(
        "--polnear",
        type=Path,
        help="a checkout of PolNeAR (for polnear-train, polnear-dev, polnear-test)",
    )
    parser.add_argument(
        "--rwk", type=Path, help="a checkout of corpus REDEWIEDERGABE (for rwk-dev, rwk-test)"
    )
    parser.add_argument(
        "--split",
        choices=list(CHOICES),
        default="both",
        help="both: dev and test; all: dev, test and every heldout split (heldout9 and "
        "l3s-dev only with --l3s-gn1); polnear: "
        "polnear-train, polnear-dev and polnear-test; rwk: rwk-dev and rwk-test",
    )
    parser.add_argument("--html", action="store_true", help="also run the pipeline on the HTML")
    parser.add_argument("--gold", type=Path, default=ROOT / "bench/quotes/gold")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench/out/data")
    parser.add_argument("--registry", type=Path, default=ROOT / "corpus/registry")
    parser.add_argument("--json", type=Path, default=ROOT / "bench/out/quotes.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs/quotes-benchmark.md")
    args = parser.parse_args(argv)
    splits = CHOICES[args.split]
    if args.split == "all" and args.l3s_gn1 is None:
        splits = tuple(s for s in splits if s not in L3S)
    needs = []
    if {"dev", "test", "heldout4"} & set(splits):
        needs.append(("--checkout", args.checkout, "ground-truth.json"))
    if {"heldout", "heldout2", "heldout3", "heldout6"} & set(splits):
        needs.append(("--trafilatura", args.trafilatura, "evaldata.json"))
        needs.append(("--readability", args.readability, "test/test-pages"))
    if {"heldout3", "heldout6"} & set(splits):
        needs.append(("--goose3", args.goose3, "tests/data/content"))
    if {"heldout5", "heldout6"} & set(splits):
        needs.append(("--postlight", args.postlight, "fixtures"))
    if {"heldout7", "heldout8"} & set(splits):
        needs.append(("--fundus", args.fundus, gold.FUNDUS_PAGES))
    if set(L3S) & set(splits):
        needs.append(("--l3s-gn1", args.l3s_gn1, "url-mapping.txt"))
    if set(polnear.SPLITS) & set(splits):
        needs.append(("--polnear", args.polnear, "data/metadata.tsv"))
        if args.html:
            parser.error("--html: PolNeAR has no HTML pages (see bench/quotes/README.md)")
    if set(rwk.SPLITS) & set(splits):
        needs.append(("--rwk", args.rwk, str(rwk.TSV / "metadata.tsv")))
        if args.html:
            parser.error("--html: REDEWIEDERGABE has no HTML pages (see bench/quotes/README.md)")
    for option, path, inner in needs:
        if path is None or not (path / inner).exists():
            parser.error(f"{option} {path or ''}: no {inner} there (see bench/quotes/README.md)")
    texts = gold.Texts(
        args.checkout,
        args.cache,
        args.trafilatura,
        args.readability,
        args.goose3,
        args.postlight,
        args.fundus,
        args.l3s_gn1,
    )
    try:
        pages = gold.load(args.gold, texts, tuple(s for s in splits if s in gold.SPLITS))
        if chosen := tuple(s for s in splits if s in polnear.SPLITS):
            pages += polnear.load(args.polnear, chosen)
        if chosen := tuple(s for s in splits if s in rwk.SPLITS):
            pages += rwk.load(args.rwk, chosen)
    except (ValueError, KeyError, OSError) as error:
        parser.exit(1, f"python -m bench.quotes: {error}\n")
    result = evaluate(pages, systems(args.registry, args.html)) | describe(pages)
    write(result, args.json, args.doc)
    for split, data in result["splits"].items():
        for name, row in data["systems"].items():
            print(
                f"{split:12} {name:24} P {row['quote_precision']:.3f} R {row['quote_recall']:.3f}"
                f"  speaker {row['speaker_accuracy']:.3f}  person {row['person_identified']:.3f}"
                f"  speaker P {row['speaker_precision']:.3f}"
            )


if __name__ == "__main__":
    main()
