"""``python -m bench.across --checkout PATH``: events and quotation links across outlets,
scored against a hand-made gold, beside baselines; ``--scale N``: their cost per document.

Gold (``bench/across_gold.json``, ours, CC0): which reports tell one event, and which
quotations carry the same words, over the five seeds and the ``dev`` pages of the quotation
benchmark (``bench/quotes/gold/dev``, Scrapinghub pages; the text is read from the user's
checkout, never committed). A page is a quotation by its gold span (``page``, ``start``).

The seeds and the pages are ingested into a fresh project (each page's ``articleBody`` as a
plain-text capture, as ``bench.quotes`` feeds it) and built; the scores are pairwise:
precision and recall of the pairs of reports put in one event, and of the pairs of gold
quotations linked (a found quotation stands for the gold one whose span it overlaps).

Baselines, on the same build: events by text alone (Jaccard of the rare words at least
``TEXT_ONLY``, any date, every pair); quotation links by the canned query
``same_quotation`` (half the words of four letters shared, any speaker).

``--scale N`` writes N synthetic captures (``bench/synth.py``), builds them, and times the
linking alone (CPU of the process, peak memory) against the whole build: its own phase, and
with the reports' features the build's workers made for it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from bench import measure
from bench.quotes import gold as quotes_gold
from corpus.api import SQLITE_NAME
from corpus.store import blake3_hex
from corpus.tables import parts, read_descriptor
from pipeline import schemas
from pipeline.across import LAST, STATE, Tables, link
from pipeline.across.events import _text, features
from pipeline.build.run import build
from pipeline.project import PROJECT_FILE, Project
from pipeline.raw.ingest import ingest
from pipeline.raw.remove import remove

ROOT = Path(__file__).resolve().parents[1]
CORPUS = str(Path(sys.executable).with_name("corpus"))
GOLD = ROOT / "bench" / "across_gold.json"
TEXT_ONLY = 0.3


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.across", description=__doc__)
    parser.add_argument("--checkout", type=Path, help="Scrapinghub benchmark checkout")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--quotes-gold", type=Path, default=ROOT / "bench/quotes/gold")
    parser.add_argument("--json", type=Path, default=ROOT / "bench/out/across.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs/across.md")
    parser.add_argument("--scale", type=int, nargs="*", help="synthetic corpus sizes to time")
    parser.add_argument("--dump", action="store_true", help="print what was found, for the gold")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {}
    if args.checkout:
        if not (args.checkout / "ground-truth.json").is_file():
            parser.error(f"{args.checkout}: no ground-truth.json (see bench/quotes/README.md)")
        result["dev"] = score(args.checkout, args.quotes_gold, args.gold, args.dump)
        for name, row in result["dev"]["systems"].items():
            print(f"{name:34} P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f}")
    if args.scale:
        result["scale"] = [scale(n) for n in args.scale]
        for row in result["scale"]:
            print(json.dumps(row))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if "dev" in result:
        _write_doc(args.doc, result["dev"])


def _write_doc(path: Path, dev: dict[str, Any]) -> None:
    """Replace the ``<!-- bench:across -->`` block of ``path`` with the scores."""
    lines = [
        f"On {dev['documents']} reports ({dev['gold_event_pairs']} gold pairs of reports in one "
        f"event, {dev['gold_quote_pairs']} gold pairs of linked quotations):",
        "",
        "| system | precision | recall | F1 | pairs found |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
            f"{r['found_pairs']} |"
            for name, r in dev["systems"].items()
        ),
    ]
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BLOCK[0], 1)
    _, tail = rest.split(BLOCK[1], 1)
    block = "\n".join([BLOCK[0], *lines, BLOCK[1]])
    path.write_text(head + block + tail, encoding="utf-8")


BLOCK = ("<!-- bench:across -->", "<!-- /bench:across -->")


def score(checkout: Path, quotes_gold_dir: Path, gold_path: Path, dump: bool) -> dict[str, Any]:
    """Build the seeds and the dev pages; score events and quotation links, with baselines."""
    texts = quotes_gold.Texts(checkout, ROOT / "bench/out/data")
    pages = [
        p for p in quotes_gold.load(quotes_gold_dir, texts, ("dev",)) if p.dataset == "scrapinghub"
    ]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp), {p.name: p.text for p in pages})
        return evaluate(project, pages, gold, dump)


def evaluate(project: Project, pages: list[Any], gold: dict[str, Any], dump: bool) -> dict:
    """Score the across tables of a built ``project`` against ``gold``."""
    if True:
        names = {blake3_hex(p.text.encode())[:16]: p.name for p in pages}
        names.update({k: k for k in gold["seeds"]})
        tables, db = _tables(project), project.data_dir / SQLITE_NAME
        made = link(tables)
        quotes = {q["quote_id"]: q for q in tables.rows("quotes")}
        found_events = _groups((m["event_id"], m["doc"]) for m in made["document_events"])
        baseline_events = _text_only(tables)
        gold_quotes = _gold_quotes(pages, gold)
        found_links = {(r["quote_id"], r["other_quote_id"]) for r in made["quote_links"]}
        baseline_links = _same_quotation(db)
        if dump:
            _dump(found_events, names, made, quotes)
        docs = sorted(names)
        rename = lambda groups: [{names[d] for d in g if d in names} for g in groups]  # noqa: E731
        gold_events = [set(g) for g in gold["events"]]
        result = {
            "documents": len(docs),
            "gold_event_pairs": len(_pairs(gold_events)),
            "gold_quote_pairs": len(_pairs(gold_quotes["families"])),
            "systems": {
                "events: pipeline": _prf(_pairs(rename(found_events)), _pairs(gold_events)),
                "events: text only (baseline)": _prf(
                    _pairs(rename(baseline_events)), _pairs(gold_events)
                ),
                "quote links: pipeline": _prf(
                    _linked(found_links, quotes, names, gold_quotes),
                    _pairs(gold_quotes["families"]),
                ),
                "quote links: same_quotation (baseline)": _prf(
                    _linked(baseline_links, quotes, names, gold_quotes),
                    _pairs(gold_quotes["families"]),
                ),
            },
        }
    return result


def _project(tmp: Path, pages: dict[str, str]) -> Project:
    project = Project(tmp / "corpus")
    shutil.copytree(ROOT / "corpus" / "raw", project.raw_dir)
    shutil.copytree(ROOT / "corpus" / "registry", project.registry_dir)
    shutil.copyfile(ROOT / "corpus" / PROJECT_FILE, project.identity_path)
    captures = tmp / "captures"
    captures.mkdir()
    for name, text in pages.items():
        (captures / f"{name}.txt").write_text(text, encoding="utf-8")
    ingest(project, [captures])
    build(project)
    return project


def _tables(project: Project) -> Tables:
    desc = read_descriptor(project.data_dir)
    return Tables(project.data_dir, {r["name"]: parts(r) for r in desc["resources"]})


def _groups(pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for group, member in pairs:
        groups.setdefault(group, set()).add(member)
    return list(groups.values())


def _pairs(groups: Iterable[Iterable[Any]]) -> set[frozenset[Any]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def _prf(found: set[frozenset[Any]], gold: set[frozenset[Any]]) -> dict[str, float]:
    tp = len(found & gold)
    p = tp / len(found) if found else 1.0
    r = tp / len(gold) if gold else 1.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "found_pairs": len(found),
        "true_pairs": tp,
    }


def _text_only(tables: Tables) -> list[set[str]]:
    """Baseline events: reports whose words' MinHash Jaccard reaches ``TEXT_ONLY``, joined."""
    docs: dict[str, dict[str, object]] = {r["doc_id"]: {} for r in tables.rows("documents")}
    texts = ((r["doc_id"], r["text"] or "") for r in tables.rows("documents"))
    feats = features(docs, [], texts)
    parent = {d: d for d in feats}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in combinations(sorted(feats), 2):
        if _text(feats[a], feats[b]) >= TEXT_ONLY:
            parent[root(a)] = root(b)
    return _groups((root(d), d) for d in feats)


def _same_quotation(db: Path) -> set[tuple[str, str]]:
    """Baseline links: the pairs the canned query ``same_quotation`` gives."""
    sql = next(q.sql for q in schemas.queries() if q.name == "same_quotation")
    with sqlite3.connect(db) as conn:
        cur = conn.execute(sql, {"min_overlap": 0.5})
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    return {(r["quote_id_a"], r["quote_id_b"]) for r in rows}


def _gold_quotes(pages: list[Any], gold: dict[str, Any]) -> dict[str, Any]:
    """The gold families as sets of (page, start), and every gold quotation's span."""
    spans = {(p.name, q.start): q.end for p in pages for q in p.quotes}
    spans.update({(s["doc"], s["start"]): s["end"] for s in gold["seed_quotes"]})
    families = [{(q["doc"], q["start"]) for q in f} for f in gold["families"]]
    return {"spans": spans, "families": families}


def _linked(
    links: set[tuple[str, str]], quotes: dict[str, Any], names: dict[str, str], gold: dict
) -> set[frozenset[Any]]:
    """Found links as pairs of gold quotations (a found quotation counts as the gold one whose
    span it overlaps; one with no gold quotation stands for itself, a false link)."""

    def as_gold(qid: str) -> Any:
        q = quotes[qid]
        name = names.get(q["doc_id"], q["doc_id"])
        for (page, start), end in gold["spans"].items():
            if page == name and start < q["end"] and q["start"] < end:
                return (page, start)
        return (name, q["start"])

    return {frozenset((as_gold(a), as_gold(b))) for a, b in links if a in quotes and b in quotes}


def _dump(events: list[set[str]], names: dict[str, str], made: dict, quotes: dict) -> None:
    for g in events:
        if len(g) > 1:
            print("event:", sorted(names.get(d, d) for d in g))
    for r in made["quote_links"]:
        if r["quote_id"] < r["other_quote_id"]:
            a, b = quotes[r["quote_id"]], quotes[r["other_quote_id"]]
            print(
                "link:",
                r["relation"],
                names.get(a["doc_id"]),
                a["start"],
                a["text"][:60],
                "|",
                names.get(b["doc_id"]),
                b["start"],
                b["text"][:60],
            )


def scale(n: int, work: Path | None = None) -> dict[str, Any]:
    """Build ``n`` synthetic captures with ``corpus build`` (CPU time and peak RSS of the
    whole process tree), then again after one changed capture; in each run, the linking's
    own CPU time and what it touched, as it recorded them (``pipeline.across.LAST``)."""
    from bench import synth

    with tempfile.TemporaryDirectory(dir=work) as tmp:
        project = Project(Path(tmp) / "corpus")
        shutil.copytree(ROOT / "corpus" / "registry", project.registry_dir)
        shutil.copyfile(ROOT / "corpus" / PROJECT_FILE, project.identity_path)
        project.raw_dir.mkdir(parents=True)
        folders = synth.write(Path(tmp) / "captures", project.registry_dir, n, jobs=2)
        ingest(project, folders)
        full = _measured_build(project, n)
        first = min(p for p in folders[0].iterdir() if p.suffix in (".html", ".txt"))
        changed = Path(tmp) / "changed" / first.name
        changed.parent.mkdir()
        changed.write_bytes(first.read_bytes() + b"\nShoigu met Bagheri in Tehran again.\n")
        ingest(project, [changed])
        remove(project, [blake3_hex(first.read_bytes())], reason="a changed capture")
        incremental = _measured_build(project, n)
    return {"documents": n, "full": full, "incremental": incremental}


def _measured_build(project: Project, n: int) -> dict[str, Any]:
    """``corpus build`` in a process of its own, measured; the linking's share of it."""
    made = measure.run([CORPUS, "build", "--root", str(project.root)])
    last = json.loads((project.cache_dir / STATE / LAST).read_text(encoding="utf-8"))
    cpu, link = made.cpu_seconds, last["cpu_seconds"]
    workers = last.get("worker_cpu_seconds", 0.0)  # the reports' features, in the workers
    return {
        "build_wall_seconds": round(made.seconds, 2),
        "build_cpu_seconds": round(cpu, 2),
        "link_cpu_seconds": round(link, 3),
        "link_wall_seconds": round(last["seconds"], 3),
        "link_adds_to_build": round(link / (cpu - link), 4),  # the build's CPU includes it
        "features_worker_cpu_seconds": round(workers, 3),
        "link_and_features_add_to_build": round((link + workers) / (cpu - link - workers), 4),
        "build_cpu_ms_per_document": round(1000 * (cpu - link) / n, 2),
        "link_cpu_ms_per_document": round(1000 * link / n, 3),
        "peak_rss_mb": round(made.peak_rss_mb),
        "added": last["added"],
        "removed": last["removed"],
        "windows_touched": len(last["touched"]),
        "windows_rendered": len(last["rendered"]),
        "windows": _windows(project),
        "quotations_relinked": last["quotes_linked"],  # pipeline/across/families.py
        "quotations_as_leaves": last["leaves"],
        "outlets_relinked": last["outlets"],
    }


def _windows(project: Project) -> int:
    return len(list((project.cache_dir / STATE).glob("w-*.pkl")))


if __name__ == "__main__":
    main()
