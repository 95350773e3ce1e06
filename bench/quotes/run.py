"""Score every system on every annotated page; write the JSON and the doc's tables."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.cleaner.run import replace_block
from bench.quotes.gold import Page
from bench.quotes.metrics import Counts, score
from bench.quotes.systems import System

BLOCKS = {  # the doc's blocks
    "dev": "quotes",
    "test": "quotes",
    "heldout": "quotes-heldout",
    "heldout2": "quotes-heldout2",
    "heldout3": "quotes-heldout3",
    "heldout4": "quotes-heldout4",
    "heldout5": "quotes-heldout5",
    "heldout6": "quotes-heldout6",
    "heldout7": "quotes-heldout7",
    "heldout8": "quotes-heldout8",
    "heldout9": "quotes-heldout9",
    "l3s-dev": "quotes-l3s-dev",
    "polnear-train": "quotes-polnear",
    "polnear-dev": "quotes-polnear",
    "polnear-test": "quotes-polnear",
    "rwk-dev": "quotes-rwk",
    "rwk-test": "quotes-rwk",
}
# totals only: no page, no example
BLIND = frozenset({"heldout8", "heldout9", "polnear-test", "rwk-test"})
DETAILS = ("pages", "missed", "false", "wrong_speaker")  # what a blind split's row leaves out


def evaluate(pages: Sequence[Page], systems: dict[str, tuple[str, System]]) -> dict[str, Any]:
    """Per split and system: the summary figures, the time taken, and the error examples (per
    page and per quotation), which a :data:`BLIND` split leaves out."""
    result: dict[str, Any] = {"splits": {}}
    for split in dict.fromkeys(p.split for p in pages):
        chosen = [p for p in pages if p.split == split]
        rows: dict[str, Any] = {}
        for name, (reads, system) in systems.items():
            wall, cpu = time.perf_counter(), time.process_time()
            per_page = [score(p.name, p.quotes, system(p)) for p in chosen]
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            total = sum(per_page, Counts())
            rows[name] = {
                "reads": reads,
                "wall_seconds": round(wall, 3),
                "cpu_seconds": round(cpu, 3),
                **total.summary(),
                "pages": {p.name: c.summary() for p, c in zip(chosen, per_page, strict=True)},
                "missed": total.missed,
                "false": total.false,
                "wrong_speaker": total.wrong_speaker,
            }
            if split in BLIND:
                rows[name] = {k: v for k, v in rows[name].items() if k not in DETAILS}
        result["splits"][split] = {
            "pages": len(chosen),
            "outlets": len({p.outlet for p in chosen}),
            "systems": rows,
        }
    return result


def table(result: dict[str, Any], splits: Sequence[str]) -> str:
    """A Markdown block: one table for each of ``splits``."""
    lines: list[str] = []
    for split in splits:
        data = result["splits"][split]
        first = next(iter(data["systems"].values()))
        lines += [
            f"**{split}**: {data['pages']} pages from {data['outlets']} outlets, "
            f"{first['gold']} required quotations (and {first['optional']} optional ones).",
            "",
            "| system | reads | found | quote P | quote R | speaker accuracy "
            "| person identified | speaker precision | seconds (CPU) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, row in data["systems"].items():
            lines.append(
                f"| {name} | {row['reads']} | {row['found']} | {row['quote_precision']:.3f} "
                f"| {row['quote_recall']:.3f} | {row['speaker_accuracy']:.3f} "
                f"| **{row['person_identified']:.3f}** | {row['speaker_precision']:.3f} "
                f"| {row['wall_seconds']:.2f} ({row['cpu_seconds']:.2f}) |"
            )
        lines.append("")
    return "\n".join(lines).rstrip()


def write(result: dict[str, Any], json_path: Path, doc_path: Path) -> None:
    """The whole result to ``json_path``; the tables into the doc's marked blocks, ``dev`` and
    ``test`` into ``<!-- bench:quotes -->``, ``heldout`` into ``<!-- bench:quotes-heldout -->``,
    ``heldout2`` into ``<!-- bench:quotes-heldout2 -->``, and so on for ``heldout3`` to
    ``heldout9``, ``polnear-train``, ``polnear-dev`` and ``polnear-test`` into
    ``<!-- bench:quotes-polnear -->``, ``rwk-dev`` and ``rwk-test`` into
    ``<!-- bench:quotes-rwk -->`` (a block whose splits were not run is left as it is)."""
    doc = doc_path.read_text()
    for block in dict.fromkeys(BLOCKS[split] for split in result["splits"]):
        splits = [split for split in result["splits"] if BLOCKS[split] == block]
        doc = replace_block(doc, block, table(result, splits))
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    doc_path.write_text(doc)


def describe(pages: Sequence[Page]) -> dict[str, Any]:
    """What was scored, for the JSON: every page with its outlet and quotation counts (none
    of a :data:`BLIND` split)."""
    pages = [p for p in pages if p.split not in BLIND]
    return {
        "pages": [
            {"name": p.name, "split": p.split, "outlet": p.outlet, "url": p.url}
            | {"required": sum(q.required for q in p.quotes), "all": len(p.quotes)}
            for p in pages
        ],
        "gold_example": asdict(pages[0].quotes[0]) if pages and pages[0].quotes else None,
    }
