"""Response times of a local ``corpus serve``: a bounded number of GETs on loopback.

``python -m bench.latency --documents 100k,1M`` times the site on databases larger than the
pipeline can build here: a built project's documents and quotes copied to that size
(``bench/replicate.py`` says what such a database is and is not).
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.replicate import replicate, write_metadata
from pipeline.project import Project

HOST = "127.0.0.1"
WARMUP = 3
ROOT = Path(__file__).resolve().parent.parent
CORPUS = str(Path(sys.executable).parent / "corpus")


def main(argv: list[str] | None = None) -> None:
    from bench.__main__ import sizes  # the same sizes as the scale benchmark's

    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__)
    parser.add_argument(
        "--documents",
        default="100k",
        type=sizes,
        help="sizes, comma-separated (default: 100k; 1M takes most of an hour and 21 GB)",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT / "bench/out/scale/corpus-10000",
        help="a built project to copy (default: the scale benchmark's 10k corpus)",
    )
    parser.add_argument("--work", type=Path, default=ROOT / "bench/out/latency")
    parser.add_argument("--requests", type=int, default=50, help="GETs per kind of page")
    args = parser.parse_args(argv)
    results = {}
    for n in args.documents:
        root = args.work / f"replica-{n}"
        if (root / "corpus" / "data" / "corpus.db").is_file():
            write_metadata(Project(root))  # reused: only the site's queries may have changed
        else:
            print(f"copying {args.source} to {n} documents ...", file=sys.stderr, flush=True)
            replicate(args.source, root, n)
        results[n] = measure(CORPUS, root, args.requests)
        print(json.dumps({"documents": n, **results[n]}), flush=True)


def measure(
    corpus: str, root: Path, requests: int, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """p50/p95 of each kind of page of ``root``'s site (see ``pages``)."""
    paths = pages(root / "corpus" / "data" / "corpus.db", requests)
    with serving(corpus, root, env) as port:
        return {name: summary(timings(port, p)) for name, p in paths.items()}


def pages(database: Path, requests: int) -> dict[str, list[str]]:
    """``requests`` paths per kind of page: a table page, a facet, full-text searches, documents.

    Searches are for the longest word of headlines sampled across the table (common and rare
    words alike), through the table's search box and the site's search page.
    """
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        count = db.execute("select max(rowid) from documents").fetchone()[0] or 0
        step = max(1, count // requests)
        sample = db.execute(
            "select doc_id, title from documents where rowid % ? = 0 limit ?", (step, requests)
        ).fetchall()
    titles = [(title or "").split() for _, title in sample]  # an empty title is null
    words = [max(ws or [""], key=len).strip(".,:;'\"“”‘’«»()") for ws in titles]
    words = [w for w in words if w]
    return {
        "table": ["/corpus/documents"] * requests,
        "facet": ["/corpus/mentions?_facet=entity_id"] * requests,
        "search": ["/corpus/documents?" + urlencode({"_search": f'"{w}"'}) for w in words],
        "site_search": ["/corpus/search?" + urlencode({"q": w}) for w in words],
        "document": [f"/document/{doc_id}" for doc_id, _ in sample],
    }


@contextmanager
def serving(
    corpus: str, root: Path, env: dict[str, str] | None = None, timeout: float = 120.0
) -> Iterator[int]:
    """Run ``corpus serve`` for ``root`` on a free loopback port; yield the port.

    ``corpus serve`` builds first when the database is not of the published tables; the
    pages to request were sampled from the database as it was, so a rebuilt one is an error.
    """
    database = root / "corpus" / "data" / "corpus.db"
    before = _identity(database)
    port = _free_port()
    proc = subprocess.Popen(
        [corpus, "serve", "--root", str(root), "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _answers(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""  # type: ignore[union-attr]
                raise RuntimeError(f"corpus serve did not start: {err[-2000:]}")
            time.sleep(0.1)
        if _identity(database) != before:
            raise RuntimeError(f"corpus serve rebuilt {database}: not the site that was sampled")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _identity(path: Path) -> tuple[int, int, int]:
    """Inode, size and modification time: a rebuilt database changes at least one."""
    found = path.stat()
    return found.st_ino, found.st_size, found.st_mtime_ns


def timings(port: int, paths: Sequence[str]) -> list[tuple[float, int]]:
    """Seconds and HTTP status of each GET of ``paths`` (in turn, one keep-alive connection),
    after a warm-up."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    measured = []
    try:
        for i, path in enumerate([*paths[:WARMUP], *paths]):
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if i >= WARMUP:
                measured.append((time.perf_counter() - started, response.status))
    finally:
        conn.close()
    return measured


def summary(measured: Sequence[tuple[float, int]]) -> dict[str, Any]:
    """p50 and p95 in milliseconds over every request, and how many failed (by status).

    A failure is timed too: Datasette answers 400 when a query runs past its time limit.
    """
    seconds = [s for s, _ in measured]
    cuts = statistics.quantiles(seconds, n=20, method="inclusive")
    failed = Counter(str(status) for _, status in measured if status != 200)
    return {
        "requests": len(seconds),
        "p50_ms": round(statistics.median(seconds) * 1000, 2),
        "p95_ms": round(cuts[18] * 1000, 2),
        "failed": dict(sorted(failed.items())),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=2)
        conn.request("GET", "/-/versions.json")
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


if __name__ == "__main__":
    main()
