"""Response times of a local ``corpus serve``: a bounded number of GETs on loopback."""

from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
WARMUP = 3


@contextmanager
def serving(
    corpus: str, root: Path, env: dict[str, str] | None = None, timeout: float = 120.0
) -> Iterator[int]:
    """Run ``corpus serve`` for ``root`` on a free loopback port; yield the port."""
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
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


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
