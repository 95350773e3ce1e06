"""HTML captures: every paragraph trafilatura keeps is found in the page, read as a reader
reads it (references included), and the corpus built from it verifies."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import trafilatura
from conftest import CLI, REPO

from corpus import at
from corpus.text import assemble, html_text, html_view
from pipeline.extract import htmlpage
from pipeline.extract.model import Segment

PAGES = REPO / "tests" / "fixtures" / "html"
_TOKEN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]|\w+")  # a word; a kana or kanji each
_READING = re.compile(r"<rt>(.*?)</rt>")  # what a ruby annotation shows above its word


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def cleaned(source: str) -> tuple[str, list[Segment]]:
    """The body ``corpus build`` keeps of an HTML page, and the page's segments."""
    segments = htmlpage.segment(source, max_date="2100-01-01")
    kept = [(s.start, s.end, s.joined) for s in segments if s.kept]
    return assemble(source, kept, html=True), segments


@pytest.mark.parametrize(
    "name", ["attribute.html", "references.html", "table-layout.html", "markup.html", "ruby.html"]
)
def test_every_word_trafilatura_keeps_is_kept(name: str) -> None:
    """Its headline aside, which is the title. The body may keep more only where trafilatura
    leaves out part of a paragraph that the page shows (the readings of ruby annotations),
    and the paragraph is kept as its element."""
    source = page(name)
    body, _ = cleaned(source)
    found = trafilatura.bare_extraction(
        source, with_metadata=True, deduplicate=False, include_comments=False
    )
    headline = found.title.casefold()
    theirs = "\n".join(p for p in found.text.splitlines() if p.strip().casefold() != headline)
    ours, wanted = Counter(_TOKEN.findall(body)), Counter(_TOKEN.findall(theirs))
    shown_besides = Counter(_TOKEN.findall(" ".join(_READING.findall(source))))
    assert sum(wanted.values()) > 100
    assert wanted - ours == Counter(), "words trafilatura keeps and the body lost"
    assert ours - wanted <= shown_besides, "words the body keeps that trafilatura did not"


def test_a_paragraph_that_cannot_be_placed_word_by_word_keeps_its_element() -> None:
    """A paragraph whose every character carries a ruby reading: trafilatura leaves the
    readings out, so no two of its words stand together on the page and it cannot be
    aligned; it is kept as its element, as a reader sees it (readings included)."""
    source = page("ruby.html")
    body, segments = cleaned(source)
    fallback = [source[s.start : s.end] for s in segments if s.rule == "html-element"]
    assert len(fallback) == 7  # two paragraphs never aligned, five aligned with gaps
    paragraphs = body.split("\n\n")
    assert "会かい談だん後ご共きょう同どう声せい明めい発はっ表ぴょう" in paragraphs
    assert (
        "専せん門もん家か予よ想そう年ねん内ない首しゅ脳のう会かい談だん実じつ現げん可か能のう性せい"
        in paragraphs
    )
    assert any(p.startswith("空くう港こうでは、週しゅう末まつになると") for p in paragraphs)


def test_a_quoted_greater_than_sign_in_an_attribute_ends_no_tag() -> None:
    body, _ = cleaned(page("attribute.html"))
    paragraphs = body.split("\n\n")
    assert "Hello world today" in paragraphs
    assert any(
        p.startswith("The dispute turns on a clause that, in the words of one participant,")
        for p in paragraphs
    )
    assert len(paragraphs) == 5  # the five paragraphs of the article
    assert 'b"' not in body and "href" not in body


def test_character_references_are_read_in_the_kept_text() -> None:
    body, segments = cleaned(page("references.html"))
    assert "“Our cooperation is entering a new stage" in body
    assert "deepen military ties für the coming decade" in body
    assert "told the paper’s correspondent" in body
    assert "training programmes for officers" in body
    assert 'described the meeting as "constructive" and said' in body
    source = page("references.html")
    kept = [source[s.start : s.end] for s in segments if s.kept]
    assert any(k.startswith("&ldquo;Our cooperation") for k in kept), "the raw span keeps them"


def test_comments_cdata_scripts_and_styles_are_never_text() -> None:
    body, _ = cleaned(page("markup.html"))
    for hidden in ("not text", "old paragraph", "editor", "Advertisement", "x()", "enable"):
        assert hidden not in body
    assert "Transport ministers agreed on Tuesday" in body  # a drop cap joins its word
    assert "container manifests, and is due to take effect" in body
    assert "ship’s arrival" in body


def test_a_table_layout_keeps_every_paragraph() -> None:
    body, _ = cleaned(page("table-layout.html"))
    for sentence in (
        "The ministers of the three Black Sea states agreed on Sunday",
        "reviewed in six months by a joint commission, the statement said.",
        "Odesa 412",
        "Shipping companies welcomed the decision",
        "The commission will publish its first report in the autumn",
        "and called for the corridor to be made permanent.",
    ):
        assert sentence in body


def test_html_captures_build_verify_and_quote_through_references(cli: CLI, tmp_path: Path) -> None:
    root = tmp_path / "html"
    cli("init", root, "--registry", REPO / "corpus" / "registry")  # the gazetteer links Shoigu
    assert "5 added" in cli("ingest", "--root", root, PAGES).output
    assert cli("build", "--root", root).exit_code == 0
    assert cli("validate", "--root", root).exit_code == 0
    verified = cli("verify", "--root", root, "--json")
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.stdout)["checked"]["documents"] == 5
    c = at(root)
    texts = {d["title"]: d["text"] for d in c.rows("documents")}
    assert "für the coming decade" in texts["Shoigu in Tehran: “A new stage”"]
    (raw,) = [r for r in c.rows("raw_files") if r["original_name"] == "references.html"]
    raw_text = c.raw_text(raw["blake3"])
    (quote,) = [q for q in c.rows("quotes") if q["text"].startswith("Our cooperation")]
    assert raw_text[quote["start"] - len("&ldquo;") : quote["start"]] == "&ldquo;"
    assert raw_text[quote["end"] : quote["end"] + len("&rdquo;")] == "&rdquo;"
    assert quote["speaker_entity_id"] == "sergei-shoigu"
    for row in c.rows("mentions"):
        assert (
            raw_text[row["start"] : row["end"]] == row["text"]
            or row["doc_id"] != raw["blake3"][:16]
        )


def test_the_document_page_shows_the_body_as_the_corpus_keeps_it(cli: CLI, tmp_path: Path) -> None:
    from pipeline.site.highlight import Mark, paragraphs, plain

    root = tmp_path / "html"
    cli("init", root)
    cli("ingest", "--root", root, PAGES / "references.html")
    cli("build", "--root", root)
    c = at(root)
    (doc,) = c.rows("documents")
    raw_text = c.raw_text(doc["raw_blake3"])
    kept = [(s["start"], s["end"], s["joined"]) for s in c.rows("segments") if s["kept"]]
    marks = [
        Mark(r["start"], r["end"], table) for table in ("quotes", "mentions") for r in c.rows(table)
    ]
    blocks = paragraphs(raw_text, kept, marks, html=True)
    assert "\n\n".join(plain(blocks)) == doc["text"]
    quoted = [t for block in blocks for t, m in block if any(x.kind == "quotes" for x in m)]
    assert quoted[0].startswith("Our cooperation is entering a new stage")


def test_several_authors_are_taken_where_they_stand_together() -> None:
    """Not the first place of each name (a photo credit far above the byline)."""
    filler = "<p>The council met on Tuesday to discuss the harbour bridge.</p>" * 5
    source = (
        f"<html><body><p>Photo: Jane Roe</p>{filler}<p>By John Doe and Jane Roe</p></body></html>"
    )
    span = htmlpage._byline(source, html_view(source), "John Doe; Jane Roe", 0, [])
    assert span is not None and source[span[0] : span[1]] == "John Doe and Jane Roe"


def test_names_of_one_byline_are_near_in_what_a_reader_sees_however_long_the_markup() -> None:
    """The names stand 16 characters apart on the page and 300 apart in the source."""
    unit = '<a href="/staff/{0}" class="flexible-link internal byline-author-name">{1}</a>'
    names = unit.format("john-doe", "John Doe"), unit.format("jane-roe", "Jane Roe")
    filler = "<!--[--><!----><!----><!---->" * 3
    byline = f"<div>By {filler}{names[0]}{filler}<span> and </span>{filler}{names[1]}</div>"
    council = "<p>The council met on Tuesday to discuss the harbour bridge.</p>" * 3
    source = f"<html><body><p>Photo: Jane Roe</p>{council}{byline}{council}</body></html>"
    span = htmlpage._byline(source, html_view(source), "John Doe; Jane Roe", 0, [])
    assert span is not None
    assert html_text(source[span[0] : span[1]]) == "John Doe and Jane Roe"
    assert span[1] - span[0] > htmlpage.BYLINE_REACH


@pytest.mark.parametrize(
    ("title", "sitename", "hostname", "headline"),
    [
        ("Rasende Polizisten - strafprozess.ch", "", "strafprozess.ch", "Rasende Polizisten"),
        ("Will Smith - TV TODAY", "TV Today", "www.tvtoday.de", "Will Smith"),
        ("Diario HOY | Darán bendición", "Diario HOY", "hoy.com.py", "Darán bendición"),
        ("Tanz in der Lokremise | St.Galler Tagblatt", "", "tagblatt.ch", "Tanz in der Lokremise"),
        ("NEWS WEB EASY|子どもへの体罰", "NEWS WEB EASY", "www3.nhk.or.jp", "子どもへの体罰"),
        # a piece that only mentions the site, or no separator: the title as it is
        ("Glasgow - DRK: Mehr Menschen auf Hilfe angewiesen", "DRK e.V.", "drk.de", None),
        ("Ministers agree - talks go on", "The Herald", "herald.example", None),
        ("Ministers agree", "Ministers", "ministers.example", None),
    ],
)
def test_the_site_s_name_is_taken_off_a_title(
    title: str, sitename: str, hostname: str, headline: str | None
) -> None:
    assert htmlpage.without_site(title, sitename, hostname) == (headline or title)


def _title(source: str) -> tuple[str, str]:
    [seg] = [s for s in htmlpage.segment(source, "2100-01-01") if s.kind == "title"]
    return html_text(source[seg.start : seg.end]), seg.rule


def test_a_title_tag_gives_the_headline_without_the_site_s_name_unless_the_page_prints_it() -> None:
    body = "<p>The council met on Tuesday to discuss the harbour bridge plans again.</p>" * 4
    title = "Bridge plans approved - Harbour Herald"  # trafilatura takes og:title as it is
    head = (
        f'<head><title>{title}</title><meta property="og:title" content="{title}">'
        '<meta property="og:site_name" content="Harbour Herald"></head>'
    )
    source = f"<html>{head}<body><article>{body}</article></body></html>"
    assert _title(source) == ("Bridge plans approved", "html-title-without-site")
    printed = source.replace("<article>", f"<article><h1>{title}</h1>")
    assert _title(printed) == (title, "html-title")


def test_a_title_element_wins_over_a_shorter_heading_that_shares_no_word_with_it() -> None:
    body = "<p>The council met on Tuesday to discuss the harbour bridge plans again.</p>" * 4
    source = (
        "<html><head><title>Bridge plans approved - Harbour Herald</title></head><body>"
        f"<h1>About Us</h1><article>{body}</article></body></html>"
    )
    assert _title(source) == ("Bridge plans approved - Harbour Herald", "html-title-element")
    site = source.replace("<head>", '<head><meta property="og:site_name" content="Harbour Herald">')
    assert _title(site) == ("Bridge plans approved", "html-title-element")
    # a <title> of no more words than the heading, such as the site's name, is no headline
    named = site.replace("Bridge plans approved - Harbour Herald</title>", "Harbour Herald</title>")
    assert _title(named) == ("About Us", "html-title")
