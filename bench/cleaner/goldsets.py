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

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from trafilatura.utils import decode_file

from bench.cleaner.datasets import Source, unique
from corpus.store import decode
from corpus.text import html_text
from pipeline.raw.formats import sniff

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
    captured: str = "2100-01-01T00:00:00"  # when the page was read, where the set says


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


POSTLIGHT = Source(
    name="postlight",
    origin="github.com/postlight/parser: fixtures/*.html, with the values that "
    "src/extractors/custom/*/index.test.js asserts",
    version="checkout given with --postlight",
    licence="MIT or Apache-2.0 (code); pages are third-party web pages, read, never committed",
    gold="title, author, date_published as each custom extractor's test asserts them (reviewed "
    "tool output); a field the test does not assert, or asserts null, is not scored",
)
# A test loads its page (``fs.readFileSync('./fixtures/x.html')``) and then asserts values
# of the parse (``assert.equal(title, 'A headline')``) until it loads another page. Dates
# are asserted as the ISO instant (``'2016-09-19T11:46:01.000Z'``) or as its day after a
# ``moment(...).format()`` (``new_date_published``, ``newDatePublished.split('T')[0]``).
_FIXTURE = re.compile(r"readFileSync\(\s*(['\"`])\./fixtures/(?P<name>[^'\"`]+)\1")
_STRING = r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`(?:[^`\\$]|\\.)*`"
_ASSERT = re.compile(
    r"assert\.equal\(\s*(?P<expr>[\w.]+(?:\('T'\)\[0\])?)\s*,\s*"
    rf"(?P<value>(?:{_STRING})(?:\s*\+\s*(?:{_STRING}))*|null)\s*,?\s*\)"
)
_ASSERTED = {
    "title": "title",
    "author": "author",
    "date_published": "date",
    "new_date_published": "date",
    "newDatePublished": "date",
    "newDatePublished.split('T')[0]": "date",
    "date_published.split('T')[0]": "date",
}
_COMMENT = re.compile(r"/\*.*?\*/|^\s*//[^\n]*", re.S | re.M)
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def postlight_expected(test: str) -> dict[str, dict[str, str]]:
    """``{fixture file name: {field: value}}`` that one ``index.test.js`` asserts: title,
    author and date (``date_published``); ``null`` gives an empty value (the page shows
    none), a field not asserted is left out, and so is an assertion on a part of a value
    (``title.split('Twitter')[0]``). The first value asserted for a page wins."""
    test = _COMMENT.sub("", test)
    loads = list(_FIXTURE.finditer(test))
    expected: dict[str, dict[str, str]] = {}
    for k, load in enumerate(loads):
        stop = loads[k + 1].start() if k + 1 < len(loads) else len(test)
        fields = expected.setdefault(load["name"], {})
        for m in _ASSERT.finditer(test, load.end(), stop):
            field = _ASSERTED.get(m["expr"])
            if field is not None and field not in fields:
                fields[field] = _js_string(m["value"])
    return {name: fields for name, fields in expected.items() if fields}


def _js_string(literal: str) -> str:
    """The value of a JavaScript string literal (or of several joined by ``+``; ``null``
    is the empty string)."""
    if literal == "null":
        return ""
    parts = re.findall(_STRING, literal)
    return "".join(_ESCAPE.sub(_unescape, part[1:-1]) for part in parts)


def _unescape(m: re.Match[str]) -> str:
    code = m[1]
    if len(code) > 1:  # \uXXXX, \u{X...}, \xXX
        return chr(int(code.strip("u{}x"), 16))
    if code == "\n":  # a line continuation
        return ""
    return _SIMPLE_ESCAPES.get(code, code)


def postlight_pages(checkout: Path) -> list[GoldPage]:
    """The pages of a checkout of Postlight Parser whose custom extractor's test asserts a
    title, author or date, all held out. ``fixtures/<name>`` is decoded as ``corpus
    ingest`` decodes a capture; a page whose HTML repeats an earlier one is dropped."""
    expected: dict[str, dict[str, str]] = {}
    for test in sorted((checkout / "src" / "extractors" / "custom").glob("*/index.test.js")):
        for name, fields in postlight_expected(test.read_text(encoding="utf-8")).items():
            expected.setdefault(name, fields)
    pages = []
    for name in sorted(expected):
        path = checkout / "fixtures" / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        pages.append(GoldPage(name, decode(data, sniff(data, name).encoding), expected[name]))
    return list(unique(pages))


FUNDUS = Source(
    name="fundus",
    origin="github.com/flairNLP/fundus: tests/resources/parser/test_data/<country>/"
    "<Publisher>_<date>.html.gz with <Publisher>.json",
    version="checkout given with --fundus (measured at 18da6e53592f99cf0ac5770dc63d6ba99ba63ae8)",
    licence="MIT (code); pages are third-party web pages, read, never committed",
    gold="title, authors, publishing_date and body (summary, section headlines, paragraphs) "
    "that each outlet's hand-written parser extracts, kept by fundus's test suite (reviewed "
    "tool output)",
)
_VERSION = re.compile(r"V\d+(?:_\d+)*")
FUNDUS_PAGES = "tests/resources/parser/test_data"  # in a Fundus checkout


def fundus_meta(checkout: Path) -> dict[str, dict]:
    """What each folder's ``meta.info`` says (``url``, ``crawl_date``) of every parser test
    page of a Fundus checkout, by page name ``<country>/<Publisher>_<date>`` (its path under
    :data:`FUNDUS_PAGES` less ``.html.gz``)."""
    pages = {}
    for meta in sorted((checkout / FUNDUS_PAGES).glob("*/meta.info")):
        for name, item in json.loads(meta.read_text(encoding="utf-8")).items():
            if name.endswith(".html.gz") and (meta.parent / name).is_file():
                pages[f"{meta.parent.name}/{name.removesuffix('.html.gz')}"] = item
    return pages


def fundus_body(expected: dict) -> str:
    """The gold body of a Fundus test page: its summary, then each section's headline and
    paragraphs, one paragraph a block."""
    body = expected.get("body") or {}
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    return "\n\n".join(parts)


def fundus_pages(checkout: Path) -> list[GoldPage]:
    """The parser test pages of a checkout of Fundus, one per outlet and parser version.

    ``<Publisher>.json`` maps each parser version (``V1``, ``V1_1``, ``V2``: later versions
    for later layouts) to what it must extract from the page crawled while it was valid;
    fundus's tests pair them by the crawl date of each ``<Publisher>_<date>.html.gz``, so the
    versions in order pair with the files in date order. A page's name is
    ``<country>/<Publisher>_<date>``; it is held out when its outlet (``<country>/<Publisher>``)
    is (:func:`held_out`), so that no outlet has pages in both halves. ``meta.info`` gives
    the time each page was crawled, its capture time.
    """
    pages = []
    meta = fundus_meta(checkout)
    for test in sorted((checkout / FUNDUS_PAGES).glob("*/*.json")):
        expected = json.loads(test.read_text(encoding="utf-8"))
        versions = sorted(
            (v for v in expected if _VERSION.fullmatch(v)),
            key=lambda v: tuple(int(n) for n in v[1:].split("_")),
        )
        files = sorted(test.parent.glob(f"{test.stem}_*.html.gz"), key=lambda p: p.name)
        outlet = f"{test.parent.name}/{test.stem}"
        for version, path in zip(versions, files, strict=False):
            gold = expected[version]
            fields = {
                "title": gold.get("title") or "",
                "author": "; ".join(gold.get("authors") or []),
                "date": gold.get("publishing_date") or "",
            }
            data = gzip.decompress(path.read_bytes())
            name = f"{test.parent.name}/{path.name.removesuffix('.html.gz')}"
            html = decode(data, sniff(data, path.name.removesuffix(".gz")).encoding)
            captured = meta[name]["crawl_date"][:19].replace(" ", "T")
            body = fundus_body(gold)
            pages.append(
                GoldPage(name, html, fields, body, held_out=held_out(outlet), captured=captured)
            )
    return list(unique(pages))
