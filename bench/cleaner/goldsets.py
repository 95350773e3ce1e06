"""Two public sets of pages with gold title, author and date, for text dumps.

Trafilatura's evaluation set: ``tests/evaldata.json`` of a trafilatura checkout maps each
URL to its HTML file (under ``tests/cache/`` or ``tests/eval/``), a few ``with``
snippets that the main text must contain and ``without`` snippets (menus, footers,
comments) that it must not, and, for most pages, the gold ``title``, ``author`` and
``date`` (an empty string: the page shows none). There is no full gold body, so the body
is scored as trafilatura's own ``tests/evaluate.py`` scores it: a ``with`` snippet found
in the output (whitespace collapsed) is a true positive, a ``without`` snippet found a
false positive.

Half of its pages (by a hash of the URL, fixed beforehand) are for development and half
are held out, so that rules tuned while reading the first half are measured on the second.
Mozilla Readability's test pages (:func:`readability_pages`) are all held out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from trafilatura.utils import decode_file

from bench.cleaner.datasets import Source

TRAFILATURA = Source(
    name="trafilatura",
    origin="github.com/adbar/trafilatura: tests/evaldata.json over tests/cache/ and tests/eval/",
    version="checkout given with --trafilatura",
    licence="Apache-2.0 (code); pages are third-party web pages, read, never committed",
    gold="'with'/'without' snippets of the main text, and title, author, date, by hand",
)
FIELDS = ("title", "author", "date")


@dataclass(frozen=True)
class GoldPage:
    """A page with gold fields, and a gold body either whole or as snippets in and out."""

    name: str
    html: str
    fields: dict[str, str]  # only the fields the set annotates for this page
    body: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    held_out: bool = True  # not read while the rules were written


def held_out(name: str) -> bool:
    """Whether a trafilatura page is in the held-out half: its URL's SHA-256 starts with a
    hex digit of 8 or more."""
    return hashlib.sha256(name.encode()).hexdigest()[0] >= "8"


def trafilatura_pages(tests: Path) -> list[GoldPage]:
    """Every page of ``tests/evaldata.json`` whose HTML file is in the checkout."""
    data = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(data):
        item = data[url]
        path = next(
            (
                p
                for p in (tests / "cache" / item["file"], tests / "eval" / item["file"])
                if p.exists()
            ),
            None,
        )
        if path is None:
            continue
        author = item.get("author")
        if isinstance(author, list):
            item["author"] = "; ".join(author)
        fields = {f: item[f] or "" for f in FIELDS if f in item}
        html = decode_file(path.read_bytes())
        snippets = tuple(item["with"]), tuple(item["without"])
        pages.append(GoldPage(url, html, fields, None, *snippets, held_out=held_out(url)))
    return pages


READABILITY = Source(
    name="readability-dumps",
    origin="github.com/mozilla/readability: test/test-pages/*/source.html, expected.html, "
    "expected-metadata.json",
    version="checkout given with --readability",
    licence="Apache-2.0 (code); pages are third-party web pages, read, never committed",
    gold="Readability's expected article (its text) and metadata (title, byline, publishedTime)",
)


def readability_pages(test_pages: Path) -> list[GoldPage]:
    """Mozilla Readability's test pages, all held out: the text of ``expected.html`` is
    the gold body, ``expected-metadata.json`` gives title, byline (author), publishedTime."""
    pages = []
    for folder in sorted(p for p in test_pages.iterdir() if (p / "source.html").exists()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        fields = {"title": meta.get("title") or "", "author": meta.get("byline") or ""}
        fields["date"] = meta.get("publishedTime") or ""
        expected = lxml.html.fromstring((folder / "expected.html").read_text(encoding="utf-8"))
        body = expected.text_content()
        html = decode_file((folder / "source.html").read_bytes())  # not all are UTF-8
        pages.append(GoldPage(folder.name, html, fields, body))
    return pages
