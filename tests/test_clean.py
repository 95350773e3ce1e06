"""The cleaner: segments tile the raw text, chrome is labelled by a named rule, bodies are exact."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import REPO

from corpus.text import assemble, normalise
from pipeline.checks.evaluate import documents
from pipeline.extract import clean
from pipeline.extract.model import Doc, Segment
from pipeline.extract.registry import Registry

REGISTRY = Registry(REPO / "corpus" / "registry")
GOLD = REPO / "tests" / "gold" / "fields"
FIXTURE = REPO / "tests" / "fixtures" / "article.html"

# A generic page, not any seed's outlet: every kind of chrome the rules know, in one dump.
FIRST = (
    "ANKARA (Reuters) - The ministers agreed on Sunday to extend the corridor for another year,"
    " officials said after two days of talks that had been expected to end without a deal."
)
SPLIT = (
    "The agreement covers grain, oil seeds and fertiliser shipped from the three ports, and the"
    " whole arrangement will be reviewed in",
    "six months by a joint commission, the statement said.",
)
LAST = (
    "Officials from both sides said the talks had been difficult but that the outcome was good"
    " for farmers, for shippers and for the countries that depend on the grain."
)
PAGE = "\n".join(
    [
        "Skip to content",
        "World",
        "Politics",
        "Business",
        "Sport",
        "Sign in",
        "",
        "Ministers agree to extend the grain corridor",
        "",
        "By Jane Doe",
        "March 3, 2024 at 10:05 am",
        "",
        "Ships wait in the port of Odesa on March 1, 2024. (Photo by John Roe/Example Agency)",
        "",
        FIRST,
        "",
        SPLIT[0],
        "",
        SPLIT[1],
        "",
        "Read more: Grain prices fall after the deal",
        "",
        LAST,
        "",
        "Ministers agree to extend the grain corridor",
        "Share",
        "Tags: grain, Black Sea, shipping",
        "Article ID 48213",
        "12 Comments",
        "Follow us on Telegram: t.me/examplenews",
        "© 2024 Example News. All rights reserved.",
    ]
)


def assert_tiles(text: str, segments: Sequence[Segment]) -> None:
    """Every non-whitespace character in exactly one segment; segments trimmed and in order."""
    covered = [0] * len(text)
    for seg in segments:
        assert 0 <= seg.start < seg.end <= len(text), seg
        piece = text[seg.start : seg.end]
        assert not piece[0].isspace() and not piece[-1].isspace(), seg
        for i in range(seg.start, seg.end):
            covered[i] += 1
    assert all(a.end <= b.start for a, b in pairwise(segments))
    assert all(c <= 1 for c in covered)
    assert [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]] == []


def body(text: str, segments: Sequence[Segment], html: bool = False) -> str:
    return assemble(text, ((s.start, s.end, s.joined) for s in segments if s.kept), html=html)


def by_text(text: str, segments: Sequence[Segment]) -> dict[str, Segment]:
    """Each segment by its text; the first one when a text occurs twice."""
    found: dict[str, Segment] = {}
    for s in segments:
        found.setdefault(normalise(text[s.start : s.end]), s)
    return found


@pytest.fixture(scope="module")
def seeds() -> list[Doc]:
    return documents(REPO / "corpus" / "raw", REGISTRY, ["clean"])


def test_segments_tile_every_seed(seeds: list[Doc]) -> None:
    assert len(seeds) == 5
    for doc in seeds:
        assert_tiles(doc.text, doc.segments)


def test_every_seed_body_is_exactly_the_hand_made_gold(seeds: list[Doc]) -> None:
    for doc in seeds:
        gold = json.loads((GOLD / f"{doc.doc_id}.json").read_text(encoding="utf-8"))
        assert body(doc.text, doc.segments) == gold["body"], doc.raw.original_name


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t\u00a0\r\n",
        "x",
        "\u00a0x\u00a0",
        "Title\r\n\r\nA first paragraph that is long enough to be read as running text here.\r\n",
        "Title\rline one of a body that runs on for a while, long enough\rto be text.\r\rEnd",
        "Tabs\tinside\tlines\n\t\tindented line of words that carries on for a good while.\n",
        "NBSP\u00a0\u00a0joined\u00a0\n\u00a0\u00a0\n\u00a0lead and trail\u00a0",
        "Unicode\u2028line\u2029separators\x0cform\x0bfeed\x85next\x1cfile",
        "zero\u200bwidth\ufeffchars are not whitespace\n\u200b\n",
        PAGE.replace("\n", "\r\n"),
        PAGE.replace("\n", "\r"),
    ],
)
def test_segments_tile_adversarial_text(text: str) -> None:
    assert_tiles(text, clean.segment(text))


def test_split_lines_reads_crlf_lone_cr_and_unicode_separators() -> None:
    lines = clean.split_lines("a\r\nb\rc\u2028d\n\n\u00a0\ne")
    assert [ln.text for ln in lines] == ["a", "b", "c", "d", "e"]
    assert [ln.block for ln in lines] == [0, 0, 0, 0, 1]


def test_words_are_estimated_in_scripts_without_spaces() -> None:
    assert clean.words("Sergei Shoigu met Ashtiani.") == 4
    assert clean.words("国防部长会见了伊朗同行") == 5
    assert clean.words("a" * 3) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published on September 20, 2023 at 3:17 p.m. GMT", True),
        ("Thursday 21st of September 2023, 10:05 a.m.", True),
        ("Last updated: 21 Sep 2023 09:05 UTC", True),
        ("Posted 2016.12.01 by staff", True),
        ("The talks on September 20, 2023 ended without a deal.", False),
        ("Sept. 20, 2023 | 3:17 PM | Politics news", False),
    ],
)
def test_a_date_line_is_a_date_and_little_else(text: str, expected: bool) -> None:
    segments = clean.segment(f"{text}\n\n{FIRST}")
    assert (segments[0].rule == "date-line") is expected


def test_every_kind_of_chrome_is_named_by_its_rule() -> None:
    segments = clean.segment(PAGE)
    assert_tiles(PAGE, segments)
    seg = by_text(PAGE, segments)
    expected = {
        "Skip to content": ("boilerplate", "ui-widget"),
        "Politics": ("navigation", "short-line-menu"),
        "Ministers agree to extend the grain corridor": ("title", "headline-before-metadata"),
        "By Jane Doe": ("byline", "by-line"),
        "March 3, 2024 at 10:05 am": ("date", "date-line"),
        "(Photo by John Roe/Example Agency)": ("credit", "caption-credit"),
        "Read more: Grain prices fall after the deal": ("related", "read-link"),
        "Share": ("boilerplate", "ui-widget"),
        "Tags: grain, Black Sea, shipping": ("tag", "tags-label"),
        "Article ID 48213": ("id", "article-id"),
        "12 Comments": ("comment", "comment-widget"),
        "Follow us on Telegram: t.me/examplenews": ("social", "telegram-link"),
        "© 2024 Example News. All rights reserved.": ("footer", "copyright"),
    }
    assert {text: (seg[text].kind, seg[text].rule) for text in expected} == expected
    caption = next(s for s in segments if s.kind == "caption")
    assert PAGE[caption.start : caption.end] == "Ships wait in the port of Odesa on March 1, 2024."


def test_a_repeated_block_keeps_only_its_first_occurrence() -> None:
    segments = clean.segment(PAGE)
    titles = [s for s in segments if s.kind == "title"]
    assert [s.rule for s in titles] == ["headline-before-metadata", "repeated-block"]
    assert not any(s.kept for s in titles)


def test_a_paragraph_printed_again_further_down_the_article_is_kept_again() -> None:
    text = "\n\n".join(["A headline for the story", FIRST, LAST, FIRST, LAST])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}\n\n{FIRST}\n\n{LAST}"


def test_a_standfirst_shown_above_the_byline_and_again_below_it_does_not_pull_them_in() -> None:
    dek = "The ministers agreed to extend the grain corridor for another year, officials said."
    lines = ["A headline for the story", dek, "By Jane Doe", "March 1, 2024", dek, FIRST, LAST]
    text = "\n\n".join(lines)
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_paragraph_printed_twice_in_a_row_is_kept_twice() -> None:
    text = "\n\n".join(["A headline for the story", FIRST, FIRST, LAST])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{FIRST}\n\n{LAST}"


def test_a_list_inside_the_article_is_body() -> None:
    items = [
        f"Item {n}: the {n}th of the documents the ministers signed on Sunday" for n in range(12)
    ]
    text = "\n\n".join(["A headline for the story", FIRST, "\n".join(items), LAST])
    assert body(text, clean.segment(text)) == "\n\n".join([FIRST, *items, LAST])


def test_a_tag_list_inside_the_page_costs_each_line() -> None:
    tags = "\n".join(["China", "Hong Kong", "Protests", "Beijing", "Trade", "Politics"])
    teaser = f"{LAST} {LAST}"
    text = "\n\n".join(["A headline for the story", FIRST, LAST, tags, teaser])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_cookie_notice_is_not_body() -> None:
    notice = (
        "This website uses cookies to improve your experience while you navigate through the"
        " website, and some of them are stored in your browser as they are necessary."
    )
    text = "\n\n".join(["A headline for the story", FIRST, LAST, notice, notice])
    segments = clean.segment(text)
    assert body(text, segments) == f"{FIRST}\n\n{LAST}"
    assert {s.rule for s in segments[3:]} == {"cookie-notice"}


def test_a_page_of_one_short_paragraph_keeps_it() -> None:
    text = "Home\nNews\n\nA short note, on its own page.\n\nSign in"
    assert body(text, clean.segment(text)) == "A short note, on its own page."


def test_a_paragraph_split_mid_sentence_is_joined() -> None:
    segments = clean.segment(PAGE)
    joined = [s for s in segments if s.joined]
    assert [(PAGE[s.start : s.end], s.rule) for s in joined] == [(SPLIT[1], "mid-sentence-join")]
    assert f"{SPLIT[0]} {SPLIT[1]}" in body(PAGE, segments)


def test_only_the_article_paragraphs_are_kept() -> None:
    kept = body(PAGE, clean.segment(PAGE))
    assert kept == "\n\n".join([FIRST, " ".join(SPLIT), LAST])


def test_a_bracketed_acronym_closing_a_paragraph_is_not_a_photo_credit() -> None:
    line = " ".join(["The ministers of the member states met at the annual summit of the"] * 3)
    text = f"Title of the story here\n\n{line} Shanghai Cooperation Organisation (SCO)"
    assert [s.kind for s in clean.segment(text)] == ["title", "body"]


def test_footer_prose_after_a_comment_section_is_not_body() -> None:
    teaser = f"Readers wrote in about this story: {LAST} {LAST}"
    text = "\n\n".join(["A headline for the story", FIRST, LAST, "3 Comments", teaser])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_page_without_running_text_keeps_nothing() -> None:
    text = "Home\nNews\nSport\nWeather\n\nSign in"
    assert body(text, clean.segment(text)) == ""


def test_outlet_markers_tell_taglines_and_self_references(seeds: list[Doc]) -> None:
    def label(seed: str, starting: str) -> tuple[str, str]:
        doc = next(d for d in seeds if d.raw.original_name.startswith(seed))
        seg = next(s for s in doc.segments if doc.text.startswith(starting, s.start))
        return seg.kind, seg.rule

    assert label("002", "Creating new perspectives") == ("tagline", "outlet-marker")
    assert label("004", "Press TV’s website") == ("footer", "outlet-self-reference")
    assert label("003", "read more in our Telegram") == ("social", "telegram-link")
    assert label("001", "News ID 689019") == ("id", "article-id")
    assert label("000", "Wishing those celebrating") == ("boilerplate", "page-header")


def test_html_paragraphs_are_located_in_the_source(make_doc: Callable[..., Doc]) -> None:
    source = FIXTURE.read_text(encoding="utf-8")
    doc = clean.run(make_doc(source, "text/html"), REGISTRY)
    assert_tiles(doc.text, doc.segments)
    text = body(doc.text, doc.segments, html=True)
    assert text.startswith("Transport ministers of the five Caspian states agreed on Tuesday")
    assert "with customs officers from each country seconded to it for two years." in text
    assert "“A ship should not wait three days for papers" in text  # &ldquo; read
    assert "in a neighbour’s computer,” said Kazakhstan’s transport minister" in text
    assert "that avoid Russia and the Red Sea, according to the ministers’ joint" in text
    assert text.endswith("to review how the register works, the statement said.")
    for chrome in ("Subscribe", "Related", "Trans-Caspian pipeline", "Share", "Telegram", "©"):
        assert chrome not in text
    assert len(text.split("\n\n")) == 6


def test_html_paragraphs_are_one_span_each_markup_and_references_inside(
    make_doc: Callable[..., Doc],
) -> None:
    doc = clean.run(make_doc(FIXTURE.read_text(encoding="utf-8"), "text/html"), REGISTRY)
    kept = [s for s in doc.segments if s.kept]
    assert [s.rule for s in kept] == ["html-paragraph"] * 6
    raw = [doc.text[s.start : s.end] for s in kept]
    assert raw[2].startswith("&ldquo;A ship") and '<a href="/tags/customs">customs</a>' in raw[3]
    kinds = {s.kind: doc.text[s.start : s.end] for s in doc.segments if not s.kept}
    assert kinds["title"] == "Caspian ports to share customs data, ministers agree"
    assert kinds["byline"] == "Leyla Karimova"
    assert kinds["date"] == "2024-05-14T09:42:00+04:00"
    assert kinds["section"] == "Economy"
    assert kinds["credit"] == "(Photo by Daniyar Sadykov)"


def test_html_list_items_and_table_rows_are_located(make_doc: Callable[..., Doc]) -> None:
    source = (
        "<html><head><title>Results</title></head><body><article><h1>Results</h1>"
        f"<p>{FIRST}</p><ul><li>Grain exports rose by a third</li><li>Oil seeds fell</li></ul>"
        "<table><tr><td>Port</td><td>Ships</td></tr><tr><td>Odesa</td><td>41</td></tr></table>"
        f"<p>{LAST}</p></article></body></html>"
    )
    doc = clean.run(make_doc(source, "text/html"), REGISTRY)
    assert_tiles(doc.text, doc.segments)
    text = body(doc.text, doc.segments, html=True)
    for expected in (FIRST, "Grain exports rose by a third", "Oil seeds fell", "Odesa 41", LAST):
        assert expected in text


def test_html_dates_after_the_capture_are_refused(make_doc: Callable[..., Doc]) -> None:
    source = FIXTURE.read_text(encoding="utf-8")
    doc = clean.run(make_doc(source, "text/html", captured="2024-05-01"), REGISTRY)
    assert "date" not in {s.kind for s in doc.segments}


def test_rule_names_are_short_stable_identifiers(seeds: list[Doc]) -> None:
    rules = {s.rule for doc in seeds for s in doc.segments}
    assert all(r.replace("-", "").isalnum() and r.islower() for r in rules), rules
    assert {"repeated-block", "read-link", "telegram-link", "mid-sentence-join"} <= rules


def test_the_cleaner_works_without_a_registry(seeds: list[Doc]) -> None:
    for doc in seeds:
        plain = clean.segment(doc.text)
        assert body(doc.text, plain) == body(doc.text, doc.segments)


def test_gold_files_cover_every_seed() -> None:
    assert len(list(Path(GOLD).glob("*.json"))) == 5


def _wrapped(text: str, width: int = 80) -> str:
    """``text`` as a terminal browser dumps it: each line broken at spaces to ``width``."""
    return "\n".join(
        piece for line in text.splitlines() for piece in (textwrap.wrap(line, width) or [""])
    )


def test_a_hard_wrapped_dump_is_read_as_its_paragraphs() -> None:
    wrapped = _wrapped(PAGE)
    width = clean.wrap_width([(len(ln), 0) for ln in wrapped.splitlines()])
    assert width is not None and 70 <= width <= 80
    segments = clean.segment(wrapped)
    assert_tiles(wrapped, segments)
    assert body(wrapped, segments) == body(PAGE, clean.segment(PAGE))
    assert next(s.kind for s in segments if wrapped[s.start : s.end].startswith("Ministers")) == (
        "title"
    )


def test_a_wrapped_paragraph_is_joined_only_where_the_next_word_did_not_fit() -> None:
    paragraph = " ".join([FIRST, LAST])
    text = "\n\n".join(["A headline for the story", _wrapped(paragraph), _wrapped(paragraph)])
    lines = clean.split_lines(text)
    assert [ln.text for ln in lines] == ["A headline for the story", paragraph, paragraph]
    # the same short lines in one block, not filled to a width, stay apart
    menu = "\n".join(["Home", "World news today", "Sport", "Business and markets"] * 3)
    assert len(clean.split_lines(menu)) == 12


def test_a_browser_copy_is_not_taken_for_a_wrapped_dump() -> None:
    assert clean.wrap_width([(len(FIRST), 0), (len(LAST), 1), (40, 2), (12, 3)]) is None
    assert [ln.text for ln in clean.split_lines(PAGE)][-7:-6] == [
        "Ministers agree to extend the grain corridor"
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "Leave a Reply",
        "12 Kommentare",
        "Kommentare:",
        "Commentaires",
        "Комментарии",
        "Karoline Herr sagt:",
        "Milan Griffes on September 12, 2018 at 4:47 pm said:",
    ],
)
def test_the_body_stops_before_the_comments(heading: str) -> None:
    comment = f"I read this and I disagree with every word of it, {LAST.lower()}"
    text = "\n\n".join(["A headline for the story", FIRST, LAST, heading, comment, comment])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


@pytest.mark.parametrize(
    "credit", ["JIM WATSON/AFP/Getty Images", "KREMLIN PRESS OFFICE/Handout via Reuters"]
)
def test_a_photo_credit_is_no_title(credit: str) -> None:
    text = "\n\n".join([credit, FIRST, LAST])
    kinds = {text[s.start : s.end]: s.kind for s in clean.segment(text)}
    assert kinds[credit] == "credit"
    assert "title" not in kinds.values()


@pytest.mark.parametrize("headline", ["Moscow / Tehran talks resume", "US/Iran talks resume"])
def test_a_headline_with_a_slash_is_no_photo_credit(headline: str) -> None:
    text = "\n\n".join([headline, FIRST, LAST])
    assert next(s.kind for s in clean.segment(text)) == "title"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Daniel | Staff reporter", "Daniel"),
        ("Von: Lars Fischer und Alina Schadwinkel", "Lars Fischer und Alina Schadwinkel"),
        ("Par Barbara Stiegler", "Barbara Stiegler"),
        ("By ALLY MUTNICK", "ALLY MUTNICK"),
    ],
)
def test_a_byline_is_no_title(line: str, names: str) -> None:
    text = "\n\n".join(["A headline for the story", line, FIRST, LAST])
    kinds = {text[s.start : s.end]: s.kind for s in clean.segment(text)}
    assert (kinds[line], kinds["A headline for the story"]) == ("byline", "title")
    assert clean.BY.fullmatch(line)["name"] == names


def test_a_sentence_opening_with_a_cue_word_is_no_byline() -> None:
    assert clean.BY.fullmatch("By now it was over.") is None
    assert clean.BY.fullmatch("Von Berlin nach Hamburg") is None


def test_a_tag_cloud_and_teasers_of_other_stories_are_not_body() -> None:
    cloud = " ".join(f"tag{i} topic{i} words" for i in range(15))  # 45 words, no punctuation
    teaser = "Another story begins here and goes on for a while before it is cut off by the site..."
    text = "\n\n".join(["A headline for the story", FIRST, LAST, teaser, cloud, teaser + " two"])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_headline_has_more_words_than_the_menu_item_or_kicker_beside_it() -> None:
    for near in ["Tweet Share", "Ultium Cells", "Reading time: 2 minutes"]:
        text = "\n\n".join(["Ministers agree to extend the grain corridor", near, FIRST, LAST])
        kinds = {text[s.start : s.end]: s.kind for s in clean.segment(text)}
        assert kinds["Ministers agree to extend the grain corridor"] == "title", near


def test_the_headline_is_the_line_the_article_tells_again() -> None:
    text = "\n\n".join(
        [
            "Ministers extend the grain corridor",
            "Weather warnings for the coast this weekend and beyond",
            "March 3, 2024",
            f"{FIRST} The grain corridor stays open.",
            LAST,
        ]
    )
    titles = [s for s in clean.segment(text) if s.kind == "title"]
    assert [(text[s.start : s.end], s.rule) for s in titles] == [
        ("Ministers extend the grain corridor", "headline-the-body-tells")
    ]


def test_a_tag_of_a_list_the_article_tells_again_is_no_headline() -> None:
    """Lines of an aclu.org post (trafilatura's development pages): the article tells its
    tag "Juvenile Justice", an item of a list of short lines, more fully than its headline."""
    header = "\n".join(
        [
            "Sarah Hinger, Staff Attorney, ACLU Racial Justice Program",
            "& Sylvia Torres-Guillén, Director of Education Equity, ACLU Foundations of California",
            "July 25, 2019 | 11:15 PM",
            "Tags",
            "School-to-Prison Pipeline",
            "Juvenile Justice",
        ]
    )
    headline = "This County Criminalized Students for Bad Grades – Until Now"
    paragraphs = [
        "Since 2001, the Riverside County, California probation department has been needlessly"
        " funneling young people struggling with grades, behavior, trauma, and mental health"
        " into the criminal justice system.",
        "Thankfully, after more than a decade of placing children on probation, this is all"
        " changing. Today, we filed a landmark settlement with the federal district court that,"
        " when approved, will end the relationship between the probation department and"
        " school districts in Riverside.",
        "As in many areas of juvenile justice, research on adolescent development shows that"
        " traditional models of juvenile probation are ineffective and even harmful to young"
        " people.",
    ]
    text = "\n\n".join(["Speak Freely", headline, header, *paragraphs])
    titles = [text[s.start : s.end] for s in clean.segment(text) if s.kind == "title"]
    assert titles == [headline]


def test_the_headline_comes_before_a_standfirst_as_long() -> None:
    """Lines of a corkbeo.ie live page (trafilatura's development pages)."""
    headline = "Level 3 LIVE from Cork as Ireland adapts to incoming coronavirus restrictions"
    standfirst = (
        "The country avoided Level 5 last night, but NPHET have warned it may be down the line"
    )
    meta = "\n".join(["corklive", "Share", "By", "Gavin O'Callaghan", "Updated21:22, 6 OCT 2020"])
    paragraphs = [
        "Tonight at midnight Cork will be moved into Level 3 and some harsher restrictions will"
        " come into place.",
        "The new rules will trigger a lot of changes and some businesses (mainly pubs and"
        " restaurants) will be shutting or changing the way they serve.",
        "These new rules will be in place until the 27th of October, at which point the"
        " government will make another decision depending on the covid figures.",
    ]
    text = "\n\n".join(["News", headline, standfirst, meta, *paragraphs])
    titles = [text[s.start : s.end] for s in clean.segment(text) if s.kind == "title"]
    assert titles == [headline]


def test_a_headline_with_its_section_glued_before_it_is_passed_over() -> None:
    """Lines of a nytimes.com article (trafilatura's development pages): the page prints
    its headline twice, once glued to its section by the renderer."""
    headline = "Rolling Blackouts in California Have Power Experts Stumped"
    top = "\n".join(
        ["Business", "Today\u2019s Paper", f"Business|{headline}", "https://nyti.ms/3l13G3o"]
    )
    paragraphs = [
        "As temperatures began to rise in California on Friday and again on Saturday, the manager"
        " of much of the state\u2019s electric grid called on utilities to cut power to hundreds of"
        " thousands of customers.",
        "\u201cThey set it up like this is a historic event,\u201d said Bill Powers, a San Diego"
        " engineer who provides expert testimony on utility matters before the state\u2019s"
        " regulators. \u201cThis should not have triggered blackouts.\u201d",
    ]
    text = "\n\n".join([top, "Advertisement", headline, "By Ivan Penn\nAug. 16, 2020", *paragraphs])
    titles = [text[s.start : s.end] for s in clean.segment(text) if s.kind == "title"]
    assert titles == [headline]


def test_a_share_line_that_ends_with_the_headline_further_up_is_passed_over() -> None:
    """A Vox-like page: the sharing widget repeats the headline after a kicker, more than
    ``TITLE_WINDOW`` lines below the headline itself."""
    headline = "Black Sea shipping survives another winter of war"
    share = ["Share this story", "Share this on Facebook", "Share this on Twitter"]
    widget = [*share, "Share All sharing options", f"Share All sharing options for: {headline}"]
    standfirst = "The deal keeps the ships moving, though both sides said the talks were hard."
    byline = "By Ann Lee Dec 6, 2016"
    top = "\n".join(["Filed under:", "Politics", headline, standfirst, byline, *widget])
    bottom = "\n".join(["Reddit", "Pocket", "Email", "Photo by Ann Lee/Getty Images"])
    text = "\n\n".join([top, bottom, FIRST, LAST])
    titles = [text[s.start : s.end] for s in clean.segment(text) if s.kind == "title"]
    assert titles == [headline]


def test_a_headline_below_its_path_glued_to_it_is_the_title() -> None:
    """A Seznam-like page: teasers of other stories, then the breadcrumb printed glued to
    the headline ("NewsPoliticsHarbour strike ends…"), then the headline alone, which the
    body's opening does not tell."""
    headline = "Harbour strike ends after a long night of bargaining in the port"
    teasers = [
        "Police charge a judge who leaked the verdict to reporters",
        "Keep a cool head: experts on how to survive bad markets",
    ]
    top = "\n".join([*teasers, "Breadcrumb navigation", f"NewsPolitics{headline}", headline])
    text = "\n\n".join([top, "Ann Lee", "Photo: Reuters", FIRST, LAST])
    titles = [text[s.start : s.end] for s in clean.segment(text) if s.kind == "title"]
    assert titles == [headline]


def test_a_menu_item_below_its_menu_path_is_no_title() -> None:
    """A short line printed below a longer one that ends with it ("Service Codes Promo",
    "Codes Promo") is a menu item, not a headline glued to its path."""
    headline = "Harbour strike ends after a long night of bargaining in the port"
    text = "\n\n".join(["Service Codes Promo\nCodes Promo", headline, "March 3, 2024", FIRST, LAST])
    titles = [text[s.start : s.end] for s in clean.segment(text) if s.kind == "title"]
    assert titles == [headline]


def test_a_headline_the_body_opens_with_above_its_date_is_the_title() -> None:
    """A Standard-like page: the body is found from the headline down (headline,
    standfirst, names, date), with nothing title-like above it; the headline is the title
    and leaves the body."""
    headline = "After the protest in Hamburg: are we too soft on extremists?"
    standfirst = (
        "The outrage after the march of extremists in Hamburg remains great, and politicians"
        " now want to act faster against the groups behind it."
    )
    names = "Ann Lee Bob Stone Carla Diaz"
    text = "\n\n".join([headline, standfirst, names, "3 May 2024, 17:47", FIRST, LAST])
    segments = clean.segment(text)
    titles = [text[s.start : s.end] for s in segments if s.kind == "title"]
    assert titles == [headline]
    assert headline not in body(text, segments)
    assert FIRST in body(text, segments)


def test_a_headline_in_a_script_without_capitals_is_the_title() -> None:
    """A Japanese headline opens with no capital letter, yet it is title-like."""
    headline = "東京の新しい図書館、来月に開館へ"
    menu = "ニュース\nトップ\nランキング"
    text = "\n\n".join([menu, "Top Stories", headline, "March 3, 2024", FIRST, LAST])
    titles = [text[s.start : s.end] for s in clean.segment(text) if s.kind == "title"]
    assert titles == [headline]


def test_a_breadcrumb_path_is_no_headline() -> None:
    text = "\n\n".join(
        [
            "Home » World » Ministers agree to extend the grain corridor",
            "March 3, 2024",
            FIRST,
            LAST,
        ]
    )
    assert not [s for s in clean.segment(text) if s.kind == "title"]


def test_a_headline_below_its_date_line_is_the_title() -> None:
    menu = "\n".join(
        ["The Example Blog", "Home", "Blog", "About", "Work", "Talks", "Books", "Links"]
    )
    text = "\n\n".join([menu, "March 3, 2024", "Why we moved the blog", FIRST, LAST])
    kinds = {text[s.start : s.end]: s.kind for s in clean.segment(text)}
    assert (kinds["March 3, 2024"], kinds["Why we moved the blog"]) == ("date", "title")


def test_a_wrapped_paragraph_among_many_menu_lines_is_rejoined() -> None:
    menu = "\n".join(f"Section {i}" for i in range(60))
    paragraph = " ".join([FIRST, LAST])
    text = f"{menu}\n\n{_wrapped(paragraph)}"
    assert clean.split_lines(text)[-1].text == paragraph


TOUR = ["Tallinn", "Riga", "Vilnius", "Warsaw", "Krakow", "Prague", "Vienna", "Budapest"]


def test_a_list_the_article_announces_is_kept_in_the_middle_and_at_the_end() -> None:
    cities = "\n".join(TOUR)  # short lines, as a menu is: without the colon they end the body
    middle = "\n\n".join(["Ministers on tour", FIRST, f"The tour stops in:\n{cities}", LAST])
    assert body(middle, clean.segment(middle)) == "\n\n".join(
        [FIRST, "The tour stops in:", *TOUR, LAST]
    )
    end = "\n\n".join(["Ministers on tour", FIRST, LAST, f"The tour stops in:\n{cities}"])
    assert body(end, clean.segment(end)).endswith("Budapest")
    unannounced = "\n\n".join(["Ministers on tour", FIRST, cities, LAST])
    assert body(unannounced, clean.segment(unannounced)) in (FIRST, LAST)


@pytest.mark.parametrize(
    "heading",
    ["Related coverage from our desk:", "Read more stories about:", "Share this story with:"],
)
def test_a_list_of_other_pages_is_no_list_of_the_article(heading: str) -> None:
    links = "\n".join(["Grain prices fall", "Ports reopen", "Ships wait", "Farmers protest"])
    text = "\n\n".join(["Ministers agree on grain", FIRST, LAST, f"{heading}\n{links}"])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_long_paragraph_closed_by_a_credit_is_running_text_not_a_caption() -> None:
    long = f"{FIRST} {LAST} {FIRST} (Photo: John Roe/Example Agency)"  # 82 words
    short = "Ships wait in the port of Odesa on March 1, 2024. (Photo by John Roe/Example Agency)"
    text = "\n\n".join(["Ministers agree on grain", FIRST, short, long, LAST])
    kinds = {text[s.start : s.end]: s.kind for s in clean.segment(text)}
    assert (kinds[long], kinds["Ships wait in the port of Odesa on March 1, 2024."]) == (
        "body",
        "caption",
    )


def test_a_quotation_introduced_by_who_wrote_it_is_no_comment() -> None:
    text = "\n\n".join(["A headline for the story", FIRST, "The minister said:", LAST])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\nThe minister said:\n\n{LAST}"


def test_a_paragraph_cut_off_right_after_the_article_is_its_last() -> None:
    cut = f"{LAST[:-1]} and the talks go on...."
    teaser = "Ports reopen\n\nShips left the port of Odesa on Monday as the talks went on..."
    text = "\n\n".join(["Ministers agree on grain", FIRST, cut, "Subscribe", teaser])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{cut}"


def test_a_sentence_may_end_in_an_emoji() -> None:
    short = "Danced along to the cheerful beat, the crowd sang with them 🙂"
    text = "\n\n".join(["A headline for the story", FIRST, short, "Share", "Tweet", "Email"])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{short}"


def test_a_lede_that_lost_its_full_stop_opens_the_article() -> None:
    lede = (
        "Chelsea have this morning paid the release fee to the league to secure the record"
        " signing of the goalkeeper from the Basque club after two weeks of talks"
    )
    title = "Chelsea Pay The Release Fee To Sign The Record Goalkeeper From The Basque Club Today"
    for line, kept in ((lede, True), (title, False)):
        text = "\n\n".join(["Sport", "News", "A headline", "August 8, 2018", line, FIRST, LAST])
        expected = f"{line}\n\n{FIRST}\n\n{LAST}" if kept else f"{FIRST}\n\n{LAST}"
        assert body(text, clean.segment(text)) == expected


def test_a_short_article_below_its_date_line_wins_over_longer_posts_further_down() -> None:
    post = (
        "Why does nobody in this forum ever talk about the price of fertiliser, which has tripled"
        " since the spring and which every farmer I know is worried about this year?"
    )
    posts = [f"{post} Question {n} of the week." for n in range(4)]  # 4 x 35 words of prose
    menu = ["Forum", "Questions", "Answers", "Members", "Rules", "Archive"]
    for above, article in (("March 3, 2024 at 10:05 am", True), ("World", False)):
        text = "\n\n".join(["Ministers agree on grain", above, FIRST, LAST, *menu, *posts])
        expected = f"{FIRST}\n\n{LAST}" if article else "\n\n".join(posts)
        assert body(text, clean.segment(text)) == expected, above


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Lesen Sie auch: Getreidepreise fallen nach dem Abkommen", "read-link"),
        ("Zobacz także: Ceny zboża spadają", "read-link"),
        ("Mehr zum Thema", "related-heading"),
        ("Ähnliche Beiträge", "related-heading"),
        ("Beliebte Beiträge zum Thema:", "related-heading"),
        ("Lea más: Propone legalizar la compra", "read-link"),
        ("À lire aussi", "related-heading"),
        ("Você pode gostar...", "related-heading"),
        ("You might also like:", "related-heading"),
        ("You May Like", "related-heading"),
        ("Related Searches", "related-heading"),
        ("More Like This", "related-heading"),
        ("We Recommend", "related-heading"),
        ("Artículos relacionados", "related-heading"),
        ("Weiterlesen", "ui-widget"),
        ("Artikel teilen", "ui-widget"),
        ("Lire la suite", "ui-widget"),
    ],
)
def test_links_to_other_pages_and_buttons_in_other_languages_are_chrome(
    line: str, rule: str
) -> None:
    text = "\n\n".join(["Ministers agree on grain", FIRST, line, LAST])
    rules = {text[s.start : s.end]: s.rule for s in clean.segment(text)}
    assert rules[line] == rule
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_count_of_comments_beside_the_byline_does_not_end_the_article() -> None:
    standfirst = (
        "Most viruses that reach us come from animals, and the more forest is cut down the more"
        " often they do, researchers who have studied outbreaks in Asia and Africa for twenty"
        " years say."
    )
    lines = ["Ministers agree on grain", standfirst, "Jane Doe", "March 3, 2024", "44 Kommentare"]
    text = "\n\n".join([*lines, FIRST, LAST, "44 Kommentare", "A reader's view, " + LAST])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_date_line_may_give_the_times_it_was_published_and_updated() -> None:
    line = "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019"
    text = "\n\n".join(["Ministers agree on grain", FIRST, line, LAST])
    rules = {text[s.start : s.end]: s.rule for s in clean.segment(text)}
    assert rules[line] == "date-line"


def test_a_stub_of_a_page_without_chrome_is_all_body() -> None:
    """A page of a few words is its own text, unless a line of it is chrome (see
    ``test_a_page_without_running_text_keeps_nothing``) or it is longer."""
    stub = "Test Case 1\n\nabc\ndef\nghi"
    assert body(stub, clean.segment(stub)) == "Test Case 1 abc def ghi"
    longer = "\n".join(["World", "Politics", "Business", "Sport", "Culture", "Science"] * 4)
    assert body(longer, clean.segment(longer)) == ""


def test_a_list_written_out_with_bullets_is_the_articles() -> None:
    """Items marked "+ " or "* " in the text, short ones among them, are a list of the
    article's even unannounced; the same lines without bullets are a menu."""
    items = ["+ Added banners", "+ Added armor stands", "+ Added red sandstone", "+ Added rabbits"]
    items += ["* Villager trading has been rebalanced", "* Buttons go on the ceiling now"]
    for marked in (True, False):
        lines = items if marked else [item[2:] for item in items]
        text = "\n\n".join(["Minecraft 1.8", "\n".join(lines), FIRST, LAST])
        kept = [text[s.start : s.end] for s in clean.segment(text) if s.kept]
        assert (kept == [*lines, FIRST, LAST]) is marked


def test_paragraphs_without_full_stops_below_the_date_line_open_the_article() -> None:
    """Under a long menu, the first paragraphs cost as much as the menu's last line; below
    the date line they are the article's opening. A headline-like line there is not."""
    opening = (
        "Chelsea have this morning paid the release fee to the league to secure the record"
        " signing of the goalkeeper from the Basque club"
    )
    second = "This has freed the move of their first goalkeeper to the capital"
    menu = [f"Section {n}" for n in range(16)]
    text = "\n\n".join(["\n".join(menu), "Chelsea Pay The Fee", "March 3, 2024"])
    text = "\n\n".join([text, opening, second, FIRST, LAST])
    kept = [text[s.start : s.end] for s in clean.segment(text) if s.kept]
    assert kept == [opening, second, FIRST, LAST]
    title_case = second.title()
    text = text.replace(second, title_case)
    kept = [text[s.start : s.end] for s in clean.segment(text) if s.kept]
    assert kept == [FIRST, LAST]


# A line of running text above the menus: an accessibility hint (the page's first "body").
HINT = (
    "Main navigation: use the tab key to move through the menu items, open a submenu with the"
    " space bar or the enter key, and close it again with the escape key when you are done."
)


def test_a_link_to_the_comments_in_a_menu_does_not_end_the_article() -> None:
    """A "Kommentare" among menu items (a section of opinion pieces) is no comment section:
    the search for the body goes on below it; the heading of the real one still ends it."""
    menu = ["Politik", "Meinung", "Kommentare", "Kolumnen", "Sport"]
    article = ["Ministers agree on grain", FIRST, LAST]
    text = "\n\n".join([HINT, *menu, *article, "Kommentare", "A reader's view, " + LAST])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_link_to_the_comments_below_the_byline_does_not_end_the_article() -> None:
    """ "Join the conversation" in the share bar below the byline, past a reading time and a
    button, is a link to the comments, not the comments: what follows is the article."""
    lines = ["Ministers agree on grain", "By Jane Doe", "17 minute read", "Share"]
    text = "\n\n".join([HINT, *lines, "Join the conversation", FIRST, LAST])
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_note_on_the_author_below_the_article_is_not_the_articles() -> None:
    """A paragraph at the end that opens with the byline's name is about the author; one
    that opens with another name is the article's."""
    bio = "Jane Doe is a reporter who has covered farming and trade for the paper since 2015."
    quote = "John Roe, the minister, said the corridor would stay open for as long as needed."
    for last, kept in ((bio, False), (quote, True)):
        text = "\n\n".join(["Ministers agree on grain", "By Jane Doe", FIRST, LAST, last])
        expected = [FIRST, LAST, last] if kept else [FIRST, LAST]
        assert body(text, clean.segment(text)) == "\n\n".join(expected)


@pytest.mark.parametrize(
    "placeholder",
    [
        "An dieser Stelle finden Sie externen Inhalt, der den Artikel ergänzt. Sie können ihn"
        " mit einem Klick anzeigen lassen und wieder ausblenden.",
        "Deine Privatsphäre-Einstellungen verhindern das Laden und Anzeigen aller externen"
        " Inhalte (z.B. Grafiken, Tabellen) und Videos.",
        "To view this video please enable JavaScript, and consider upgrading to a web browser"
        " that supports HTML5 video.",
    ],
)
def test_the_placeholder_of_an_embed_inside_the_article_is_chrome(placeholder: str) -> None:
    """What a page prints where a video or a post it did not load would be, asking for
    consent or for scripts, is no text of the article around it."""
    text = "\n\n".join(["Ministers agree on grain", FIRST, placeholder, LAST])
    rules = {text[s.start : s.end]: s.rule for s in clean.segment(text)}
    assert rules[placeholder] == "embed-placeholder"
    assert body(text, clean.segment(text)) == f"{FIRST}\n\n{LAST}"


def test_a_caption_below_the_date_line_costs_no_more_for_the_menus_above_it() -> None:
    """The article right below its date line, past a picture's caption, wins over longer
    posts further down, past a line of chrome, however long the menu above the date line:
    the stretch of non-text that the caption belongs to starts at the date line. Without
    chrome between, the posts are sections of one long text and stay the body."""
    post = (
        "Why does nobody in this forum ever talk about the price of fertiliser, which has tripled"
        " since the spring and which every farmer I know is worried about this year?"
    )
    posts = [f"{post} Question {n} of the week." for n in range(4)]  # 4 x 35 words of prose
    menu = [f"Section {n}" for n in range(30)]
    caption = "Grain is loaded at the port of Odesa\nPhoto: Jane Doe"
    article = ["Ministers agree on grain", "March 3, 2024", caption, FIRST, LAST]
    forum = ["Forum", "Questions", "Answers", "Members", "Rules", "Archive"]
    for chrome, expected in (("Related Articles", f"{FIRST}\n\n{LAST}"), ("Rules", None)):
        text = "\n\n".join([*menu, *article, *forum[:3], chrome, *forum[3:], *posts])
        assert body(text, clean.segment(text)) == (expected or "\n\n".join(posts))


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        (
            ["Jane Doe", "Jane Doe is a reporter who has covered farming and trade since 2015."],
            False,
        ),
        (
            ["Über den Autor", "Sie schreibt seit 2015 über Landwirtschaft und Handel für uns."],
            False,
        ),
        (["About Jane Doe", "She has covered farming and trade for the paper since 2015."], False),
        (
            [
                "John Roe",
                "John Roe said the corridor would stay open for as long as it was needed.",
            ],
            True,
        ),
    ],
)
def test_a_note_on_the_author_under_a_heading_or_a_name_is_not_the_articles(
    note: list[str], kept: bool
) -> None:
    """With no byline to give the name, a note on the author at the end is told by its
    heading, or by a name alone on its line above a paragraph telling who that is; a
    subheading that names someone the article goes on about is the article's."""
    text = "\n\n".join(["Ministers agree on grain", FIRST, LAST, *note])
    expected = [FIRST, LAST, *note] if kept else [FIRST, LAST]
    assert body(text, clean.segment(text)) == "\n\n".join(expected)
