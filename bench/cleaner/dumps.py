"""``python -m bench.cleaner.dumps``: body and fields from text dumps, beside trafilatura.

For each page of trafilatura's evaluation set, of Mozilla Readability's test pages, of
Postlight Parser's test pages (fields only: it has no gold body) and of Fundus's parser
test pages, the
HTML is rendered two ways (one line per block by inscriptis, and that hard-wrapped at 80
columns as terminal browsers print it); our cleaner and field step read each dump and, as
``corpus build`` reads an HTML capture, the HTML (:mod:`bench.cleaner.html`); trafilatura
reads the HTML (body without comments, tables kept, as its own evaluation runs it;
metadata for the fields). Body: snippets for trafilatura's set (see
:mod:`bench.cleaner.goldsets`), token P/R/F1 for Readability's and Fundus's; fields: see
:mod:`bench.cleaner.fieldscore`. Every figure is given for the development pages and the
held-out ones apart.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.settings import Document

from bench.cleaner import baselines
from bench.cleaner.fieldscore import FIELDS, dump_fields, score
from bench.cleaner.goldsets import (
    FUNDUS,
    POSTLIGHT,
    READABILITY,
    TRAFILATURA,
    GoldPage,
    fundus_pages,
    postlight_pages,
    readability_pages,
    trafilatura_pages,
)
from bench.cleaner.html import read_html
from bench.cleaner.metrics import compare, micro, tokens
from bench.cleaner.render import render
from bench.cleaner.run import cleaner, replace_block
from bench.cleaner.wrap import wrap

ROOT = Path(__file__).resolve().parents[2]
DUMPS: dict[str, Callable[[str], str]] = {"inscriptis": lambda d: d, "wrapped at 80": wrap}


def snippet_counts(page: GoldPage, output: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of a page's snippets, as trafilatura's ``evaluate.py`` counts them."""
    text = " ".join(output.split())
    found_in = sum(" ".join(w.split()) in text for w in page.with_)
    found_out = sum(" ".join(w.split()) in text for w in page.without)
    return found_in, found_out, len(page.with_) - found_in, len(page.without) - found_out


def _trafilatura(html: str) -> tuple[str, dict[str, str]]:
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )
    if not isinstance(result, Document):  # no article found
        return "", {}
    return result.text or "", {f: getattr(result, f) or "" for f in FIELDS}


def run_pages(pages: Sequence[GoldPage]) -> dict[str, list[dict[str, Any]]]:
    """Every system's body and fields on every page: ``{system: [{body, fields}, ...]}``."""
    outputs: dict[str, list[dict[str, Any]]] = {}
    for page in pages:
        dump = render(page.html)
        for label, make in DUMPS.items():
            text = make(dump)
            body = cleaner(page, text)
            outputs.setdefault(f"cleaner ({label} dump)", []).append(
                {"body": body, "fields": dump_fields(text, page.captured)}
            )
        long = baselines.long_lines(dump)
        outputs.setdefault("baseline: lines of >= 10 words", []).append({"body": long})
        body, fields = read_html(page.html)
        outputs.setdefault("HTML path: the clean step", []).append({"body": body, "fields": fields})
        body, fields = _trafilatura(page.html)
        name = f"reference: trafilatura {version('trafilatura')} (HTML)"
        outputs.setdefault(name, []).append({"body": body, "fields": fields})
    return outputs


def summarise(pages: Sequence[GoldPage], outputs: dict[str, list[dict[str, Any]]]) -> dict:
    """Body and field scores of each system, for the development and held-out pages."""
    result: dict[str, Any] = {}
    for split in ("dev", "held-out"):
        rows = [i for i, p in enumerate(pages) if p.held_out == (split == "held-out")]
        if not rows:
            continue
        for system, outs in outputs.items():
            entry: dict[str, Any] = {"pages": len(rows)}
            if pages[rows[0]].body is not None:
                counts = [
                    compare(tokens(pages[i].body or ""), tokens(outs[i]["body"])) for i in rows
                ]
                entry["tokens"] = {k: round(v, 4) for k, v in micro(counts).items()}
                entry["tokens"]["mean_f1"] = round(statistics.fmean(c.f1 for c in counts), 4)
            elif any(pages[i].with_ for i in rows):
                found = [snippet_counts(pages[i], outs[i]["body"]) for i in rows]
                tp, fp, fn, _ = (sum(c[k] for c in found) for k in range(4))
                p, r = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
                f1 = 2 * p * r / (p + r) if p + r else 0.0
                entry["snippets"] = {
                    "precision": round(p, 4),
                    "recall": round(r, 4),
                    "f1": round(f1, 4),
                }
            if "fields" in outs[rows[0]]:
                entry["fields"] = score(
                    [pages[i].fields for i in rows], [outs[i]["fields"] for i in rows]
                )
            if len(entry) > 1:  # a body or fields to score (Postlight's set has no body)
                result.setdefault(split, {})[system] = entry
    return result


def table(name: str, summary: dict[str, Any], pages: int) -> str:
    """The Markdown block of one set."""
    lines = [f"**{name}** ({pages} pages)", ""]
    lines.append(
        "| pages | system | body P | body R | body F1 | title | title token F1 | author | date |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for split, systems in summary.items():
        for system, e in systems.items():
            body = e.get("snippets") or e.get("tokens")
            f = e.get("fields")
            cells = ["–"] * 3
            if body:
                cells = [f"{body[k]:.3f}" for k in ("precision", "recall")]
                cells.append(f"**{body['f1']:.3f}**")
            values = [
                f and f["title"]["accuracy"],
                f and f["title"].get("token_f1"),
                f and f["author"]["accuracy"],
                f and f["date"]["accuracy"],
            ]
            cells += ["–" if v is None else f"{v:.3f}" for v in values]
            lines.append(f"| {split} ({e['pages']}) | {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the options, score each set, write the JSON and the doc's blocks."""
    parser = argparse.ArgumentParser(prog="python -m bench.cleaner.dumps", description=__doc__)
    parser.add_argument("--trafilatura", type=Path, help="a trafilatura checkout's tests/ folder")
    parser.add_argument("--readability", type=Path, help="a checkout of Mozilla Readability")
    parser.add_argument("--postlight", type=Path, help="a checkout of Postlight Parser")
    parser.add_argument("--fundus", type=Path, help="a checkout of Fundus")
    parser.add_argument("--only", choices=["dev", "held-out"], help="score only these pages")
    parser.add_argument("--json", type=Path, default=ROOT / "bench/out/cleaner-dumps.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs/cleaner-benchmark.md")
    parser.add_argument("--outputs", type=Path, help="write every page's outputs here (JSON)")
    args = parser.parse_args(argv)
    sets = []
    if args.trafilatura:
        sets.append((TRAFILATURA, trafilatura_pages(args.trafilatura)))
    if args.readability:
        source = replace(READABILITY, name=f"{READABILITY.name}-dumps")
        sets.append((source, readability_pages(args.readability)))
    if args.postlight:
        sets.append((POSTLIGHT, postlight_pages(args.postlight)))
    if args.fundus:
        sets.append((FUNDUS, fundus_pages(args.fundus)))
    if not sets:
        parser.error("give --trafilatura, --readability, --postlight and/or --fundus PATH")
    merged = json.loads(args.json.read_text()) if args.json.exists() else {}
    doc = args.doc.read_text()
    for source, pages in sets:
        if args.only:
            pages = [p for p in pages if p.held_out == (args.only == "held-out")]
        outputs = run_pages(pages)
        summary = summarise(pages, outputs)
        merged[source.name] = {"dataset": asdict(source), "summary": summary}
        print(table(source.name, summary, len(pages)))
        if args.outputs:
            args.outputs.mkdir(parents=True, exist_ok=True)
            rows = [
                {"name": p.name, "gold": p.fields, **{s: o[i] for s, o in outputs.items()}}
                for i, p in enumerate(pages)
            ]
            (args.outputs / f"{source.name}.json").write_text(
                json.dumps(rows, ensure_ascii=False, indent=1)
            )
        if not args.only and f"<!-- bench:{source.name} -->" in doc:
            doc = replace_block(doc, source.name, table(source.name, summary, len(pages)))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(merged, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    args.doc.write_text(doc)


if __name__ == "__main__":
    main()
