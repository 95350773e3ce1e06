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

from trafilatura.utils import decode_file

from bench.cleaner.datasets import Source, unique
from corpus.store import decode
from corpus.text import html_text
from pipeline.formats import sniff

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
    name="readability",
    origin="github.com/mozilla/readability: test/test-pages/*/source.html, expected.html, "
    "expected-metadata.json",
    version="checkout given with --readability",
    licence="Apache-2.0 (code); pages are third-party web pages, read, never committed",
    gold="expected.html: Readability's output kept by its test suite (reviewed tool output), "
    "its text as corpus.text.html_text reads it; expected-metadata.json: title, byline, "
    "publishedTime",
)


def readability_pages(checkout: Path) -> list[GoldPage]:
    """The test pages (``test/test-pages/*/``) of a checkout of Mozilla Readability, all held
    out: the text of ``expected.html`` is the gold body, ``expected-metadata.json`` gives
    title, byline (author) and publishedTime (date). A page whose HTML repeats an earlier
    one is dropped.

    ``source.html`` is decoded as ``corpus ingest`` decodes a capture (declared or detected
    charset: several pages are not UTF-8), so the bench reads the text the pipeline reads;
    ``expected.html``, written by Readability's test suite, is UTF-8.
    """
    pages = []
    for folder in sorted((checkout / "test" / "test-pages").iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if not (source.is_file() and expected.is_file()):
            continue
        metadata = folder / "expected-metadata.json"
        meta = json.loads(metadata.read_text(encoding="utf-8")) if metadata.is_file() else {}
        keys = {"title": "title", "author": "byline", "date": "publishedTime"}
        fields = {field: meta.get(key) or "" for field, key in keys.items()}
        body = html_text(expected.read_text(encoding="utf-8"))
        data = source.read_bytes()
        html = decode(data, sniff(data, source.name).encoding)
        pages.append(GoldPage(folder.name, html, fields, body))
    return list(unique(pages))
