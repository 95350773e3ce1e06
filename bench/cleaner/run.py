"""Score the cleaner and the baselines on a data set; write JSON and a Markdown table."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

import trafilatura

from bench.cleaner import baselines
from bench.cleaner.datasets import Page, Source
from bench.cleaner.goldsets import GoldPage
from bench.cleaner.html import clean_html
from bench.cleaner.metrics import Counts, bootstrap_std, compare, macro, micro, shingles, tokens
from bench.cleaner.render import render
from bench.cleaner.wrap import wrap
from corpus.text import assemble

System = Callable[[Page, str], str]
"""A cleaner under test: the page and its rendered dump in, the predicted body out."""


def cleaner(page: Page | GoldPage, dump: str) -> str:
    """Our cleaner: segment the dump, assemble the kept segments (``documents.text``)."""
    from pipeline.extract.clean import segment  # imported late: the bench runs before it exists

    segments = segment(dump)
    return assemble(dump, [(s.start, s.end, s.joined) for s in segments if s.kept])


def cleaner_digest() -> str:
    """SHA-256 (12 digits) of ``pipeline/extract/clean.py``: which cleaner a result belongs to."""
    spec = importlib.util.find_spec("pipeline.extract.clean")
    if spec is None or spec.origin is None:
        return "absent"
    return hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()[:12]


def _cleaner_wrapped(page: Page, dump: str) -> str:
    return cleaner(page, wrap(dump))


def _all_text(page: Page, dump: str) -> str:
    return baselines.all_text(dump)


def _long_lines(page: Page, dump: str) -> str:
    return baselines.long_lines(dump)


def _trafilatura(page: Page, dump: str) -> str:
    return trafilatura.extract(page.html) or ""


# name -> (what it reads, system); trafilatura reads the HTML, so it is a reference, not a peer.
SYSTEMS: dict[str, tuple[str, System]] = {
    "cleaner": ("dump", cleaner),
    "cleaner on the dump hard-wrapped at 80": ("wrapped dump", _cleaner_wrapped),
    "baseline: all text": ("dump", _all_text),
    f"baseline: lines of >= {baselines.LONG_LINE_WORDS} words": ("dump", _long_lines),
    "HTML path: the clean step": ("HTML", clean_html),
    f"reference: trafilatura {version('trafilatura')}": ("HTML", _trafilatura),
}


def evaluate(
    source: Source,
    pages: Sequence[Page],
    systems: dict[str, tuple[str, System]] = SYSTEMS,
    texts: Path | None = None,
) -> dict[str, Any]:
    """Render every page, run every system, and score its output against the gold body.

    With ``texts``, write each page's dump, gold and outputs there, to read the failures.
    """
    started = time.perf_counter()
    dumps = [render(page.html) for page in pages]
    render_seconds = time.perf_counter() - started
    results: dict[str, Any] = {}
    per_page: dict[str, list[float]] = {}
    for name, (reads, system) in systems.items():
        try:
            started = time.perf_counter()
            outputs = [system(page, dump) for page, dump in zip(pages, dumps, strict=True)]
            seconds = time.perf_counter() - started
        except ImportError as error:  # the cleaner is not written yet
            results[name] = {"reads": reads, "error": str(error)}
            continue
        by_token = [compare(tokens(p.gold), tokens(o)) for p, o in zip(pages, outputs, strict=True)]
        by_shingle = [
            compare(shingles(p.gold), shingles(o)) for p, o in zip(pages, outputs, strict=True)
        ]
        results[name] = {
            "reads": reads,
            "seconds": round(seconds, 3),
            "tokens": _summary(by_token),
            "shingles": _summary(by_shingle),
        }
        per_page[name] = [round(c.f1, 4) for c in by_token]
        if texts is not None:
            _save(texts / source.name, pages, {"dump": dumps, name: outputs})
    return {
        "dataset": {**asdict(source), "pages": len(pages)},
        "renderer": f"inscriptis {version('inscriptis')} (bench/cleaner/render.py)",
        "cleaner": f"pipeline/extract/clean.py sha256 {cleaner_digest()}",
        "render_seconds": round(render_seconds, 3),
        "systems": results,
        "pages": [
            {"name": page.name, "gold_tokens": len(tokens(page.gold))}
            | {f"token_f1 {name}": scores[i] for name, scores in per_page.items()}
            for i, page in enumerate(pages)
        ],
    }


def _save(folder: Path, pages: Sequence[Page], columns: dict[str, Sequence[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, page in enumerate(pages):
        (folder / f"{page.name}.gold.txt").write_text(page.gold)
        for label, values in columns.items():
            slug = re.sub(r"\W+", "-", label).strip("-")
            (folder / f"{page.name}.{slug}.txt").write_text(values[i])


def _summary(pages: Sequence[Counts]) -> dict[str, Any]:
    rounded = {key: round(value, 4) for key, value in macro(pages).items()}
    return {
        "micro": {key: round(value, 4) for key, value in micro(pages).items()},
        "macro": rounded | {"f1_std": round(bootstrap_std(pages), 4)},
    }


def table(result: dict[str, Any]) -> str:
    """The Markdown block of one data set's results."""
    data = result["dataset"]
    lines = [
        f"**{data['name']}**: {data['pages']} pages; {data['origin']}; {data['version']}; "
        f"licence {data['licence']}; gold: {data['gold']}. Renderer: {result['renderer']} "
        f"({result['render_seconds']} s). Cleaner: {result['cleaner']}.",
        "",
        "| system | reads | token P | token R | token F1 | macro token F1 "
        "| 4-shingle F1 (macro ± sd) | seconds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in result["systems"].items():
        if "error" in row:
            lines.append(f"| {name} | {row['reads']} | not run: {row['error']} |" + " – |" * 5)
            continue
        tok, shi = row["tokens"], row["shingles"]
        lines.append(
            f"| {name} | {row['reads']} | {tok['micro']['precision']:.3f} "
            f"| {tok['micro']['recall']:.3f} | **{tok['micro']['f1']:.3f}** "
            f"| {tok['macro']['f1']:.3f} | {shi['macro']['f1']:.3f} ± {shi['macro']['f1_std']:.3f} "
            f"| {row['seconds']:.2f} |"
        )
    return "\n".join(lines)


def write(results: dict[str, dict[str, Any]], json_path: Path, doc_path: Path) -> None:
    """Merge ``results`` (by data set) into the JSON file and into the doc's marked blocks."""
    merged = json.loads(json_path.read_text()) if json_path.exists() else {}
    merged.update(results)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(merged, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    doc = doc_path.read_text()
    for name, result in results.items():
        doc = replace_block(doc, name, table(result))
    doc_path.write_text(doc)


def replace_block(doc: str, name: str, body: str) -> str:
    """Replace the text between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``."""
    pattern = re.compile(
        rf"(<!-- bench:{re.escape(name)} -->\n).*?(<!-- /bench:{re.escape(name)} -->)", re.S
    )
    if not pattern.search(doc):
        raise ValueError(f"no <!-- bench:{name} --> block in the doc to replace")
    return pattern.sub(lambda m: f"{m.group(1)}{body}\n{m.group(2)}", doc)
