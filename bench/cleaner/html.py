"""The HTML path: the pipeline's own clean step on a page's HTML, and the fields it reads.

``clean_html`` is what ``corpus build`` keeps of an HTML capture (``documents.text``):
:func:`pipeline.extract.htmlpage.segment`, the kept spans read by
:func:`corpus.text.assemble`. It reads the HTML, as trafilatura does, so it is scored beside
``reference: trafilatura``: trafilatura chooses the paragraphs, and the HTML path must find
every one of them in the source, so the two should score alike.
"""

from __future__ import annotations

from bench.cleaner.datasets import Page
from bench.cleaner.fieldscore import REGISTRY, doc_fields
from corpus.store import RawFile
from corpus.text import assemble
from pipeline.extract import clean, htmlpage
from pipeline.extract.model import Doc, Segment

FAR_FUTURE = "2100-01-01"  # a capture date that refuses no date the page gives


def clean_html(page: Page, dump: str) -> str:
    """The pipeline's clean step on the page's HTML: the body ``corpus build`` would keep."""
    return _body(page.html, htmlpage.segment(page.html, max_date=FAR_FUTURE))


def read_html(html: str) -> tuple[str, dict[str, str]]:
    """The body, and the title, author and date (see :func:`doc_fields`), that the pipeline
    reads off an HTML page."""
    raw = RawFile("0" * 64, "0" * 64, len(html), "text/html", "utf-8", "page", FAR_FUTURE)
    doc = clean.run(Doc(raw, html), REGISTRY)
    return _body(html, doc.segments), doc_fields(doc)


def _body(html: str, segments: list[Segment]) -> str:
    return assemble(html, [(s.start, s.end, s.joined) for s in segments if s.kept], html=True)
