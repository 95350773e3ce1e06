"""The pages across outlets in a real browser: ``corpus serve`` shot by headless Chromium,
as ``test_screenshots.py`` does (``UPDATE_SCREENSHOTS=1`` refreshes ``docs/screenshots/``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_screenshots import SHOTS, WINDOW, _png_size, needs_chromium, render, server

import corpus
from pipeline.project import Project

__all__ = ["server"]  # the fixture, shared with test_screenshots


def _pages(built: Project) -> dict[str, tuple[str, list[str]]]:
    """Name: (path, texts the page must show)."""
    c = corpus.at(built.root)
    tehran = next(e["event_id"] for e in c.rows("events") if e["place"] == "tehran")
    family = next(f["family_id"] for f in c.rows("quote_families"))
    return {
        "across": ("/across", ["Across outlets", "Who cites whom", "Anadolu Agency", "Press TV"]),
        "event": (f"/event/{tehran}", ["Tehran, 2023-09-20", "4 reports", "The Media Line"]),
        "family": (f"/family/{family}", ["2 wordings", "earliest", "We are aimed at"]),
    }


@pytest.mark.slow
@needs_chromium
def test_across_pages_render_in_a_browser(server: str, built: Project, tmp_path: Path) -> None:
    for name, (path, texts) in _pages(built).items():
        dom = render(server, tmp_path, name, path)
        shown = " ".join(dom.text_content().split())
        for text in texts:
            assert text in shown, f"{name}: {text!r} not rendered"
        assert dom.xpath("//svg") or name == "family", f"{name}: no plot"


def test_the_docs_keep_a_screenshot_of_each_across_page(built: Project) -> None:
    for name in _pages(built):
        assert _png_size(SHOTS / f"{name}.png") == WINDOW, name
