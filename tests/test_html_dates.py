"""The published date of an HTML page: the page's metadata wins over other dates it prints."""

from __future__ import annotations

import pytest
from conftest import REPO

from corpus.store import RawFile
from corpus.text import assemble
from pipeline.extract import clean, fields
from pipeline.extract.model import Doc, Evidence
from pipeline.extract.registry import Registry

REGISTRY = Registry(REPO / "corpus" / "registry")
BODY = " ".join(["The council met on Tuesday to discuss the new harbour bridge plans."] * 6)


def html_page(head: str, article_top: str = "", after: str = "") -> str:
    """A small news page: ``head`` in ``<head>``, ``article_top`` above the paragraphs,
    ``after`` below the article (comments, a footer)."""
    return (
        f"<!DOCTYPE html><html><head><title>Harbour bridge plans</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> Last updated 14 March 2024</nav>"
        f"<article><h1>Harbour bridge plans</h1>{article_top}"
        f"<p>{BODY}</p><p>{BODY}</p><p>{BODY}</p></article>{after}"
        "<footer>Copyright 2024. Site map.</footer></body></html>"
    )


def published(source: str) -> Evidence:
    raw = RawFile("0" * 64, "0" * 64, len(source), "text/html", "utf-8", "page", "2024-06-01")
    doc = clean.run(Doc(raw, source), REGISTRY)
    fields.run(doc, REGISTRY)
    [row] = [e for e in doc.evidence if e.field == "published"]
    return row


LATER = "<div class='comments'><p>Comment posted 2024-05-30 by Sam: great news.</p></div>"
EPOCH = "<span class='stamp'>1970-01-01</span>"


@pytest.mark.parametrize(
    ("head", "article_top", "raw"),
    [
        (
            '<meta property="article:published_time" content="2023-11-02T09:30:00Z">',
            "",
            "2023-11-02T09:30:00Z",
        ),
        ('<meta name="date" content="2023-11-02">', "", "2023-11-02"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2023-11-02T09:30:00+01:00", "dateModified": "2024-05-30"}</script>',
            "",
            "2023-11-02T09:30:00+01:00",
        ),
        (
            "",
            '<p class="meta"><time datetime="2023-11-02">2 November 2023</time></p>',
            "2023-11-02",
        ),
        ("", '<p>By Ann Lee, <span itemprop="datePublished">2023-11-02</span></p>', "2023-11-02"),
    ],
    ids=["article:published_time", "meta-date", "json-ld", "time-element", "itemprop"],
)
@pytest.mark.parametrize("after", ["", LATER, EPOCH], ids=["alone", "later-comment", "epoch"])
def test_the_metadata_date_wins_and_keeps_its_raw_span(
    head: str, article_top: str, raw: str, after: str
) -> None:
    source = html_page(head, article_top, after)
    row = published(source)
    assert row.value[:10] == "2023-11-02", row
    assert source[row.start : row.end] == raw


def test_an_updated_date_above_the_article_does_not_win() -> None:
    head = (
        '<meta property="article:published_time" content="2023-11-02T09:30:00Z">'
        '<meta property="article:modified_time" content="2024-05-30T10:00:00Z">'
    )
    source = html_page(head, "<p class='meta'>Updated 30 May 2024</p>", EPOCH)
    assert published(source).value[:10] == "2023-11-02"


def test_a_date_printed_only_inside_a_kept_paragraph_keeps_its_span_and_the_body() -> None:
    """The paragraph is cut around the date; the body reads as before."""
    source = html_page("", f"<p>27.1.2022 - {BODY}</p>", "")
    for other in ("Last updated 14 March 2024", "Copyright 2024. "):
        source = source.replace(other, "")
    row = published(source)
    assert row.value == "2022-01-27" and row.method.startswith("html-date:")
    assert source[row.start : row.end] == "27.1.2022"
    raw = RawFile("0" * 64, "0" * 64, len(source), "text/html", "utf-8", "page", "2024-06-01")
    doc = clean.run(Doc(raw, source), REGISTRY)
    kept = [(s.start, s.end, s.joined) for s in doc.segments if s.kept]
    assert f"27.1.2022 - {BODY}" in assemble(source, kept, html=True).split("\n\n")


def test_a_date_a_tag_glues_to_a_kept_paragraph_is_cut_out_with_a_space() -> None:
    """``<span>27.01.2022</span>Bridge`` shows "27.01.2022Bridge": the date is cut out of
    the paragraph, which then reads "27.01.2022 Bridge"."""
    top = f"<p><span class='date'>27.01.2022</span>Bridge plans approved. {BODY}</p>"
    source = html_page("", top, "")
    for other in ("Last updated 14 March 2024", "Copyright 2024. "):
        source = source.replace(other, "")
    row = published(source)
    assert (source[row.start : row.end], row.value) == ("27.01.2022", "2022-01-27")
    raw = RawFile("0" * 64, "0" * 64, len(source), "text/html", "utf-8", "page", "2024-06-01")
    doc = clean.run(Doc(raw, source), REGISTRY)
    kept = [(s.start, s.end, s.joined) for s in doc.segments if s.kept]
    body = assemble(source, kept, html=True)
    assert f"27.01.2022 Bridge plans approved. {BODY}" in body.split("\n\n")


@pytest.mark.parametrize(
    ("path", "form"), [("2023/11/02/harbour/", "y/m/d"), ("news/02-11-2023", "d-m-y")]
)
def test_a_date_trafilatura_reads_off_the_address_is_given_as_the_address_writes_it(
    path: str, form: str
) -> None:
    source = html_page(f'<link rel="canonical" href="https://example.org/{path}">')
    for other in ("Last updated 14 March 2024", "Copyright 2024. "):
        source = source.replace(other, "")
    row = published(source)
    assert (row.value, row.method) == ("2023-11-02", f"html-date-in-address:{form}")
    assert source[row.start : row.end] == path.split("/harbour")[0].removeprefix("news/")
