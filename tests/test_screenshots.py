"""What a visitor sees: ``corpus serve`` in a subprocess, shot by headless Chromium (Debian).

Each page is loaded twice by a real browser: ``--dump-dom`` to check the rendered text, and
``--screenshot`` for the picture. ``UPDATE_SCREENSHOTS=1`` copies the pictures into
``docs/screenshots/`` (the ones the docs show); otherwise they go to a temporary directory.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO

import corpus
from pipeline.project import Project

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium: apt-get install -y chromium"
)
SHOTS = REPO / "docs" / "screenshots"
WINDOW = (1280, 1600)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--window-size={WINDOW[0]},{WINDOW[1]}",
]


@pytest.fixture(scope="module")
def server(built: Project) -> Iterator[str]:
    """``corpus serve`` on a free loopback port, stopped after the module."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-c", "from pipeline.cli import main; main()", "serve"]
    args = ["--root", str(built.root), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen([*command, *args], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/-/versions.json", proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait_for(url: str, proc: subprocess.Popen[bytes]) -> None:
    """Until ``url`` answers: a start-up wait, not a speed check (a loaded machine takes
    minutes to import and open the database)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"corpus serve exited: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"corpus serve did not answer {url}")


def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    run = subprocess.run(
        [CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def _pages(built: Project) -> dict[str, tuple[str, list[str]]]:
    """Name: (path, texts the page must show) for the four pages of the docs."""
    c = corpus.at(built.root)
    quotes = c.rows("quotes")
    doc_id = Counter(q["doc_id"] for q in quotes).most_common(1)[0][0]
    doc = next(d for d in c.rows("documents") if d["doc_id"] == doc_id)
    speaker = Counter(q["speaker_entity_id"] for q in quotes if q["speaker_entity_id"])
    name = next(
        e["name"] for e in c.rows("entities") if e["entity_id"] == speaker.most_common(1)[0][0]
    )
    first_doc = c.rows("documents")[0]["title"]
    return {
        "home": ("/", [built.identity()["title"], "Documents", "Questions", first_doc]),
        "table": ("/corpus/quotes", ["Quotes", "speaker_entity_id", name, "rows"]),
        "document": (
            f"/document/{doc_id}",
            [doc["title"], "Cleaned text", "Fields", "Quotes", "Raw capture", name],
        ),
        "search": (
            "/corpus/search?q=strategic+partnership",
            ["Search documents and quotes", "document", "quote", "strategic partnership"],
        ),
    }


@pytest.mark.slow
@needs_chromium
def test_pages_render_in_a_browser(server: str, built: Project, tmp_path: Path) -> None:
    for name, (path, texts) in _pages(built).items():
        dom = render(server, tmp_path, name, path)
        shown = " ".join(dom.text_content().split())
        for text in texts:
            assert " ".join(text.split()) in shown, f"{name}: {text!r} not rendered"
        if name == "search":
            assert dom.xpath("//td//mark"), "search matches are highlighted"


def render(server: str, tmp_path: Path, name: str, path: str) -> lxml.html.HtmlElement:
    """The page at ``path`` as Chromium renders it; its screenshot taken as ``name``.png
    (into ``docs/screenshots/`` with ``UPDATE_SCREENSHOTS=1``) and checked not blank."""
    out = SHOTS if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / "shots"
    out.mkdir(parents=True, exist_ok=True)
    dom = lxml.html.fromstring(_chromium(tmp_path, "--dump-dom", server + path))
    png = out / f"{name}.png"
    _chromium(tmp_path, f"--screenshot={png}", server + path)
    assert _png_size(png) == WINDOW
    assert png.stat().st_size > 20_000, f"{name}: the screenshot looks blank"
    return dom


def test_the_docs_keep_a_screenshot_of_each_page(built: Project) -> None:
    for name in _pages(built):
        assert _png_size(SHOTS / f"{name}.png") == WINDOW, name
