"""The HTML path: the pipeline's own clean step on a page's HTML, and Mozilla Readability's pages.

``clean_html`` is what ``corpus build`` keeps of an HTML capture (``documents.text``):
:func:`pipeline.extract.htmlpage.segment`, the kept spans read by
:func:`corpus.text.assemble`. It reads the HTML, as trafilatura does, so it is scored beside
``reference: trafilatura``: trafilatura chooses the paragraphs, and the HTML path must find
every one of them in the source, so the two should score alike.

Mozilla Readability's test pages (``test/test-pages/*/`` of a checkout of
github.com/mozilla/readability, Apache-2.0) give a body (``expected.html``, Readability's own
output, reviewed by its maintainers) and metadata (``expected-metadata.json``: title,
byline, published time) for each ``source.html``.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.cleaner.datasets import Page, Source, unique
from corpus.text import assemble, html_text

READABILITY = Source(
    name="readability",
    origin="github.com/mozilla/readability: test/test-pages/*/source.html with expected.html",
    version="checkout given with --readability",
    licence="Apache-2.0",
    gold="expected.html: Readability's output kept by its test suite (reviewed tool output)",
)
FAR_FUTURE = "2100-01-01"  # a capture date that refuses no date the page gives


def clean_html(page: Page, dump: str) -> str:
    """The pipeline's clean step on the page's HTML: the body ``corpus build`` would keep."""
    from pipeline.extract.htmlpage import segment

    segments = segment(page.html, max_date=FAR_FUTURE)
    return assemble(page.html, [(s.start, s.end, s.joined) for s in segments if s.kept], html=True)


def readability_pages(checkout: Path) -> list[Page]:
    """The test pages of a checkout of Mozilla Readability, gold body read off expected.html."""
    pages = []
    for folder in sorted((checkout / "test" / "test-pages").iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if source.is_file() and expected.is_file():
            gold = html_text(expected.read_text(encoding="utf-8"))
            pages.append(Page(folder.name, source.read_text(encoding="utf-8"), gold))
    return list(unique(pages))


def readability_metadata(checkout: Path, name: str) -> dict[str, str]:
    """A test page's gold title, byline and published time (empty when it has none)."""
    path = checkout / "test" / "test-pages" / name / "expected-metadata.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    keys = {"title": "title", "author": "byline", "published": "publishedTime"}
    return {field: data.get(key) or "" for field, key in keys.items()}


def html_fields(html: str) -> dict[str, str]:
    """Title, author and published date (``date``) the pipeline reads off an HTML page."""
    from corpus.store import RawFile
    from pipeline.extract import clean, fields
    from pipeline.extract.model import Doc
    from pipeline.extract.registry import Registry

    registry = Registry(Path(__file__).resolve().parents[2] / "corpus" / "registry")
    raw = RawFile("0" * 64, "0" * 64, len(html), "text/html", "utf-8", "page", FAR_FUTURE)
    doc = fields.run(clean.run(Doc(raw, html), registry), registry)
    found: dict[str, str] = {}
    for row in doc.evidence:
        name = "date" if row.field == "published" else row.field
        if name in ("title", "author", "date"):
            found.setdefault(name, row.value)
    return found
