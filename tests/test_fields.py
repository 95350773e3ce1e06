"""Fields and their evidence: seeds against the hand-made gold, rules on small inline pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Article

from corpus.text import normalise
from pipeline.checks.evaluate import documents, found_fields
from pipeline.extract import clean, fields
from pipeline.extract.dates import find_dates, find_weekdays, parse_fallback, slash_order
from pipeline.extract.model import Doc, Evidence, Segment
from pipeline.extract.outlets import Outlets
from pipeline.extract.registry import Registry

REGISTRY = Registry(REPO / "corpus" / "registry")
GOLD = REPO / "tests" / "gold" / "fields"
FIXTURE = REPO / "tests" / "fixtures" / "article.html"
PARAGRAPH = (
    "The two ministers discussed military cooperation, regional security and the situation"
    " in the Caucasus during talks that lasted most of the day, their ministries said."
)

# The literal text each seed's published date is read from.
PUBLISHED_TEXT = {
    "16525609ecab5cfa": "09/21/2023",
    "7e7b46fad7e27669": None,
    "bd821a96e65f20ca": "11:31 20.09.2023",
    "c1ab1fac7cb72964": "September 20, 2023 at 3:17 pm",
    "e9e4ce28fef87d3b": "on Friday",
}


@pytest.fixture(scope="module")
def seeds() -> list[Doc]:
    return documents(REPO / "corpus" / "raw", REGISTRY, ["clean", "fields"])


def extract(doc: Doc, registry: Registry = REGISTRY) -> dict[str, list[Evidence]]:
    fields.run(clean.run(doc, registry), registry)
    rows: dict[str, list[Evidence]] = {}
    for e in doc.evidence:
        rows.setdefault(e.field, []).append(e)
    return rows


def test_every_seed_field_is_the_gold_one(seeds: list[Doc]) -> None:
    for doc in seeds:
        gold = json.loads((GOLD / f"{doc.doc_id}.json").read_text(encoding="utf-8"))
        found = found_fields(doc)
        for name in ("title", "outlet_id", "author", "published", "published_precision"):
            assert found[name] == gold[name], (doc.doc_id, name)
        assert bool(found["published_inferred"]) == gold["published_inferred"], doc.doc_id
        assert found["section"] == gold["section"], doc.doc_id
        assert found["dateline"] == gold["dateline"], doc.doc_id
        assert [e.value for e in doc.evidence if e.field == "tag"] == gold["tags"], doc.doc_id


def test_published_evidence_is_the_literal_date_text(seeds: list[Doc]) -> None:
    for doc in seeds:
        rows = [e for e in doc.evidence if e.field == "published"]
        literal = PUBLISHED_TEXT[doc.doc_id]
        assert [doc.text[e.start : e.end] for e in rows] == ([literal] if literal else [])


def test_every_evidence_span_shows_its_value(seeds: list[Doc]) -> None:
    for doc in seeds:
        for e in doc.evidence:
            text = normalise(doc.text[e.start : e.end])
            assert 0 <= e.start < e.end <= len(doc.text) and e.method
            if e.field in ("title", "author", "tag", "dateline"):
                assert text == e.value
            if e.field == "section":
                assert text.split() == e.value.split()


def test_no_author_is_invented(seeds: list[Doc]) -> None:
    authors = {doc.doc_id: [e.value for e in doc.evidence if e.field == "author"] for doc in seeds}
    assert authors == {
        "16525609ecab5cfa": ["Steven Ganot"],
        "7e7b46fad7e27669": [],
        "bd821a96e65f20ca": [],
        "c1ab1fac7cb72964": [],
        "e9e4ce28fef87d3b": [],
    }


def test_outlet_evidence_is_the_marker_not_a_cited_source(seeds: list[Doc]) -> None:
    found = {
        doc.doc_id: (e.value, doc.text[e.start : e.end], e.method)
        for doc in seeds
        for e in doc.evidence
        if e.field == "outlet"
    }
    assert found == {
        "16525609ecab5cfa": ("the-media-line", "The Media Line", "outlet:name-in-tagline"),
        "7e7b46fad7e27669": ("imna", "IMNA", "outlet:abbreviation-in-dateline"),
        "bd821a96e65f20ca": (
            "international-affairs",
            "The_International_Affairs",
            "outlet:telegram-in-social",
        ),
        "c1ab1fac7cb72964": (
            "middle-east-monitor",
            "Creating new perspectives since 2009",
            "outlet:tagline-in-tagline",
        ),
        "e9e4ce28fef87d3b": ("press-tv", "Press TV", "outlet:name-in-footer"),
    }


def test_a_name_only_in_the_body_is_no_outlet(make_doc: Callable[..., Doc]) -> None:
    text = f"Ministers meet in Moscow\n\n{PARAGRAPH} Anadolu Agency reports, citing Reuters.\n"
    assert "outlet" not in extract(make_doc(text))


@pytest.mark.parametrize(
    ("opening", "place", "outlet"),
    [
        ("TEHRAN (Reuters) - ", "Tehran", "reuters"),
        ("MOSCOW, Sept 20 (TASS) — ", "Moscow", "tass"),
        ("Iran (IMNA) - ", "Iran", "imna"),
        ("NEW YORK — ", "New York", None),
        ("", None, None),
    ],
)
def test_datelines(
    make_doc: Callable[..., Doc], opening: str, place: str | None, outlet: str | None
) -> None:
    rows = extract(make_doc(f"Ministers meet in Moscow\n\n{opening}{PARAGRAPH}\n"))
    assert [e.value for e in rows.get("dateline", [])] == ([place] if place else [])
    assert [e.value for e in rows.get("outlet", [])] == ([outlet] if outlet else [])


def test_a_byline_gives_the_names_only(make_doc: Callable[..., Doc]) -> None:
    doc = make_doc(
        f"Ministers meet in Moscow\n\nBy Jane Doe and John Roe, Reuters\n\n{PARAGRAPH}\n"
    )
    rows = extract(doc)
    [author] = rows["author"]
    assert (author.value, doc.text[author.start : author.end]) == ("Jane Doe and John Roe",) * 2


CAPTION = "The ministers in Astana on April 26, 2024. (Photo by the Defense Ministry)"


@pytest.mark.parametrize(
    ("dateline", "weekday", "published", "method"),
    [
        ("", "on Friday", "2024-04-26", fields.INFERRED_WEEKDAY),
        ("", "on Monday", None, None),
        ("April 27, 2024\n\n", "on Friday", "2024-04-27", "date-line:month-day-year"),
    ],
)
def test_a_weekday_the_caption_confirms_is_an_inferred_date(
    make_doc: Callable[..., Doc], dateline: str, weekday: str, published: str, method: str
) -> None:
    text = f"Ministers meet in Astana\n\n{dateline}{CAPTION}\n\nThey met {weekday}. {PARAGRAPH}\n"
    doc = make_doc(text)
    rows = extract(doc).get("published", [])
    assert [(e.value, e.method) for e in rows] == ([(published, method)] if published else [])
    if method == fields.INFERRED_WEEKDAY:
        assert doc.text[rows[0].start : rows[0].end] == weekday


def test_a_caption_date_after_the_capture_is_not_inferred(make_doc: Callable[..., Doc]) -> None:
    text = f"Ministers meet in Astana\n\n{CAPTION}\n\nThey met on Friday. {PARAGRAPH}\n"
    assert "published" not in extract(make_doc(text, captured="2024-04-01"))


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2023", "year"),
        ("2023-09", "month"),
        ("2023-09-21", "day"),
        ("2023-09-20T15:17", "minute"),
        ("2023-09-20T15:17:05", "second"),
    ],
)
def test_precision(iso: str, expected: str) -> None:
    assert fields.precision(iso) == expected


def test_precision_refuses_what_is_not_iso() -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        fields.precision("21/09/2023")


@pytest.mark.parametrize(
    ("text", "literal", "iso"),
    [
        ("09/21/2023", "09/21/2023", "2023-09-21"),
        ("21/09/2023", "21/09/2023", "2023-09-21"),
        ("September 20, 2023 at 3:17 pm", "September 20, 2023 at 3:17 pm", "2023-09-20T15:17"),
        ("11:31 20.09.2023 •", "11:31 20.09.2023", "2023-09-20T11:31"),
        ("in Tehran on Sept. 20, 2023.", "Sept. 20, 2023", "2023-09-20"),
        ("Updated: Thu 21 Sep 2023 09:05 GMT", "21 Sep 2023 09:05", "2023-09-21T09:05"),
        ("12 January 2024, 12:05 AM", "12 January 2024, 12:05 AM", "2024-01-12T00:05"),
        ('content="2024-05-14T09:42:00+04:00"', "2024-05-14T09:42:00+04:00", "2024-05-14T09:42:00"),
        ("by the office / 2016.12.01", "2016.12.01", "2016-12-01"),
        ("Stand: 31.10.23 14:05 Uhr", "31.10.23 14:05", "2023-10-31T14:05"),
        ("posted 10/31/23 by", "10/31/23", "2023-10-31"),
        ("vom 05.03.99", "05.03.99", "1999-03-05"),
    ],
)
def test_dates_read_as_printed(text: str, literal: str, iso: str) -> None:
    [found] = find_dates(text)
    assert (text[found.start : found.end], found.iso) == (literal, iso)


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2023",
        "on April 1 and",
        "the 2015 nuclear deal",
        "v2023.10.1",
        "3+3 format",
        "Python 3.10.12",
        "v1.10.23",
        "host 192.168.10.23",
        "31.02.23",
        "up 12.10.23%",
    ],
)
def test_no_date_where_there_is_none(text: str) -> None:
    assert find_dates(text) == []


def test_an_ambiguous_numeric_date_says_so() -> None:
    [found] = find_dates("03/04/2023")
    assert (found.iso, found.method) == ("2023-03-04", "date:numeric-ambiguous")


@pytest.mark.parametrize(
    ("text", "country", "order"),
    [
        ("Posted 12/04/2020. Comment of 17/11/2019", "", True),  # the day can only be 17
        ("Posted 12/04/2020. Comment of 11/17/2019", "GB", False),  # the page before the outlet
        ("Posted 12/04/2020, updated 12 April 2020", "", True),  # a month name's order
        ("Posted 12/04/2020, updated April 12, 2020", "", False),
        ("12/04/2020 and 17/11/2019 and 11/17/2019", "", None),  # the page disagrees with itself
        ("12 April 2020 and April 12, 2020", "GB", None),
        ("Posted 12/04/2020", "GB", True),  # the outlet's country, where the page says nothing
        ("Posted 12/04/2020", "US", False),
        ("Posted 12/04/2020", "CA", None),  # writes both orders
        ("Posted 12/04/2020", "", None),
    ],
)
def test_the_order_of_a_pages_slash_dates(text: str, country: str, order: bool | None) -> None:
    assert slash_order(text, country) is order


def test_a_slash_date_is_read_in_the_order_given() -> None:
    [found] = find_dates("12/04/2020", day_first=True)
    assert (found.iso, found.method) == ("2020-04-12", "date:numeric-day-first")
    [found] = find_dates("12/04/2020", day_first=False)
    assert (found.iso, found.method) == ("2020-12-04", "date:numeric-month-first")
    [found] = find_dates("17/11/2019", day_first=False)  # one reading only: the order is moot
    assert (found.iso, found.method) == ("2019-11-17", "date:numeric")


@pytest.mark.parametrize(
    ("comment", "iso", "method"),
    [
        ("Reply of 17/11/2019: well said", "2020-04-12", "date-line:numeric-day-first"),
        ("Reply: well said", "2020-12-04", "date-line:numeric-ambiguous"),  # nothing to go by
    ],
)
def test_a_dumps_slash_date_is_read_in_the_pages_order(
    make_doc: Callable[..., Doc], comment: str, iso: str, method: str
) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    headline = "Ministers agree to extend the grain corridor"
    text = "\n\n".join([headline, "12/04/2020", body, comment])
    [date] = extract(make_doc(text))["published"]
    assert (text[date.start : date.end], date.value, date.method) == ("12/04/2020", iso, method)


@pytest.mark.parametrize(
    ("lines", "literal"),
    [
        (["28. Oktober 2023", "Aktualisiert am 19.02.2024"], "28. Oktober 2023"),  # a revision's
        (["Published: 26 September 2020 | Updated: 28 September 2020"], "26 September 2020"),
        (["Updated: 28 September 2020"], "28 September 2020"),  # the only date there is
    ],
)
def test_a_revisions_date_comes_after_the_publications(
    make_doc: Callable[..., Doc], lines: list[str], literal: str
) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    text = "\n\n".join(["Ministers agree to extend the grain corridor", *lines, body, body])
    [date] = extract(make_doc(text))["published"]
    assert text[date.start : date.end] == literal


def test_a_name_beside_a_date_opens_with_a_first_name_where_a_line_has_one(
    make_doc: Callable[..., Doc],
) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    lines = ["12. Mai 2022 Häufige Fragen", "12. Mai 2022 Brit Weirich"]  # no line opens with it
    text = "\n\n".join(["Ministers agree to extend the grain corridor", *lines, body, body])
    [author] = extract(make_doc(text))["author"]
    assert (author.value, author.method) == ("Brit Weirich", "name-beside-date")


def test_weekday_phrases() -> None:
    text = "They met on Friday in Astana; on Tuesday they flew home. Monday came."
    assert [(text[w.start : w.end], w.weekday) for w in find_weekdays(text)] == [
        ("on Friday", 4),
        ("on Tuesday", 1),
    ]


def test_outlet_markers_are_whole_words_and_longest_first() -> None:
    outlets = Outlets.load(REPO / "corpus" / "registry")
    text = "The Associated Press (AP) and ISNA, not MAPS or the_ISNA_thing; see presstv.ir/x."
    hits = [(text[h.start : h.end], h.marker.outlet_id) for h in outlets.find(text)]
    assert hits == [
        ("The Associated Press", "associated-press"),
        ("AP", "associated-press"),
        ("ISNA", "isna"),
        ("presstv.ir", "press-tv"),
    ]


def test_outlet_markers_in_a_window_are_whole_words_of_the_whole_text() -> None:
    outlets = Outlets.load(REPO / "corpus" / "registry")
    text = "xAA (AA) AAx presstv.ir-news www.presstv.ir."
    spans = [(h.start, h.end) for h in outlets.find(text, 1)]
    assert [text[s:e] for s, e in spans] == ["AA", "presstv.ir"]  # "xAA": the x still counts
    assert spans[1][0] == text.index("www.") + 4  # a domain joins "-" but not "."
    assert [(h.start, h.end) for h in outlets.find(text, 9, 11)] == [(9, 11)]  # cut off "AAx"


def test_an_empty_marker_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outlets.csv").write_text("outlet_id,name,homepage,country\nx,X,https://x,ir\n")
    (tmp_path / "outlet_markers.csv").write_text('outlet_id,kind,text\nx,name,""\n')
    with pytest.raises(ValueError, match="empty"):
        Outlets.load(tmp_path)


def test_every_outlet_has_a_name_marker_and_a_homepage() -> None:
    outlets = Outlets.load(REPO / "corpus" / "registry")
    assert len(outlets.outlets) >= 13
    for outlet in outlets.outlets:
        kinds = {m.kind for m in outlets.markers if m.outlet_id == outlet.outlet_id}
        assert "name" in kinds, outlet
        assert outlet.homepage.startswith("https://") and len(outlet.country) == 2, outlet


def test_a_marker_of_an_unknown_outlet_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outlets.csv").write_text("outlet_id,name,homepage,country\n")
    (tmp_path / "outlet_markers.csv").write_text("outlet_id,kind,text\nnobody,name,Nobody\n")
    with pytest.raises(ValueError, match="unknown 'nobody'"):
        Outlets.load(tmp_path)


def test_html_fields_come_from_located_metadata(
    make_doc: Callable[..., Doc], tmp_path: Path
) -> None:
    (tmp_path / "outlets.csv").write_text(
        "outlet_id,name,homepage,country\n"
        "caspian-herald,The Caspian Herald,https://caspianherald.example,AZ\n"
    )
    (tmp_path / "outlet_markers.csv").write_text(
        "outlet_id,kind,text\n"
        "caspian-herald,name,The Caspian Herald\n"
        "caspian-herald,domain,caspianherald.example\n"
    )
    doc = make_doc(FIXTURE.read_text(encoding="utf-8"), "text/html")
    rows = extract(doc, Registry(tmp_path))
    values = {name: [e.value for e in found] for name, found in rows.items()}
    assert values == {
        "outlet": ["caspian-herald"],
        "title": ["Caspian ports to share customs data, ministers agree"],
        "author": ["Leyla Karimova"],
        "published": ["2024-05-14T09:42:00"],
        "section": ["Economy"],
        "tag": ["customs", "Caspian Sea"],
    }
    assert rows["outlet"][0].method == "outlet:domain-in-boilerplate"
    assert doc.text[rows["published"][0].start : rows["published"][0].end].endswith("+04:00")


@pytest.mark.parametrize(
    ("text", "literal", "iso", "method"),
    [
        (
            "Опубликовано 16 октября 2023 г., 12:30",
            "16 октября 2023 г., 12:30",
            "2023-10-16T12:30",
            "date:day-month-year",
        ),
        ("منتشر شده در ۱۶ مهر ۱۴۰۲", "۱۶ مهر ۱۴۰۲", "2023-10-08", "date:day-month-year-jalali"),
        ("۳۰ اسفند ۱۴۰۳", "۳۰ اسفند ۱۴۰۳", "2025-03-20", "date:day-month-year-jalali"),
        ("۱۶ اکتبر ۲۰۲۳", "۱۶ اکتبر ۲۰۲۳", "2023-10-16", "date:day-month-year"),
        ("نُشر في ١٦ أكتوبر ٢٠٢٣", "١٦ أكتوبر ٢٠٢٣", "2023-10-16", "date:day-month-year"),
        ("الاثنين 16 تشرين الأول 2023", "16 تشرين الأول 2023", "2023-10-16", "date:day-month-year"),
        (
            "Veröffentlicht am 16. Oktober 2019",
            "16. Oktober 2019",
            "2019-10-16",
            "date:day-month-year",
        ),
        ("le 1er janvier 2021 à Paris", "1er janvier 2021", "2021-01-01", "date:day-month-year"),
        ("5 de marzo de 2020", "5 de marzo de 2020", "2020-03-05", "date:day-month-year"),
        ("2023年9月20日", "2023年9月20日", "2023-09-20", "date:year-month-day"),
        ("Opublikowano 3 lutego 2021 przez", "3 lutego 2021", "2021-02-03", "date:day-month-year"),
        ("Publikováno 24. dubna 2025", "24. dubna 2025", "2025-04-24", "date:day-month-year"),
        ("Oppdatert 5. desember 2024", "5. desember 2024", "2024-12-05", "date:day-month-year"),
        ("Publicerad 2 augusti 2025 kl.", "2 augusti 2025", "2025-08-02", "date:day-month-year"),
        ("Yayınlanma: 24 Nisan 2024", "24 Nisan 2024", "2024-04-24", "date:day-month-year"),
        ("Diterbitkan 17 Agustus 2024", "17 Agustus 2024", "2024-08-17", "date:day-month-year"),
        ("Опубліковано 12 січня 2026", "12 січня 2026", "2026-01-12", "date:day-month-year"),
    ],
)
def test_dates_beyond_english_keep_their_span(
    text: str, literal: str, iso: str, method: str
) -> None:
    [found] = find_dates(text)
    assert (text[found.start : found.end], found.iso, found.method) == (literal, iso, method)


def test_a_solar_hijri_day_that_does_not_exist_is_no_date() -> None:
    assert find_dates("31 مهر 1402") == []  # the second half of the year has 30-day months


def test_dateparser_reads_what_our_patterns_do_not_and_keeps_the_span() -> None:
    text = "Δημοσιεύθηκε 3 Φεβρουαρίου 2021 από"
    assert find_dates(text) == []
    found = parse_fallback(text)
    assert found is not None
    assert (text[found.start : found.end], found.iso, found.method) == (
        "3 Φεβρουαρίου 2021",
        "2021-02-03",
        "date:dateparser",
    )
    assert parse_fallback("Posted 2 days ago by the desk") is None  # no printed day


def test_a_dump_gives_title_author_and_date_from_its_header(make_doc: Callable[..., Doc]) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    text = "\n\n".join(
        [
            "Home\nWorld\nSport",
            "Ministers agree to extend the grain corridor",
            "JIM WATSON/AFP/Getty Images",
            "Veröffentlicht am: 28. Oktober 2023 | By: Jane Doe | 3 Kommentare",
            body,
            body,
        ]
    )
    found = extract(make_doc(text))
    assert [(e.value, e.method) for e in found["title"]] == [
        ("Ministers agree to extend the grain corridor", "headline-before-metadata")
    ]
    assert [(e.value, e.method) for e in found["author"]] == [("Jane Doe", "by-in-header")]
    [date] = found["published"]
    assert (text[date.start : date.end], date.value) == ("28. Oktober 2023", "2023-10-28")


_MATCH_REPORT = (
    "Liverpool hat in der Premier League beim FC Everton mit 0:2 verloren. Der Rückschlag kam"
    " unerwartet, sagte Trainer Jürgen Klopp nach dem Spiel. "
)
_ARREST = (
    "Die Polizei hat am Sonntag in Hamburg zwei Männer festgenommen. Es geht um 550 Einbrüche"
    " in der Stadt seit dem Sommer, sagte ein Sprecher. "
)


@pytest.mark.parametrize(
    ("header", "body", "headline"),
    [
        # a kicker the body tells more than the headline ("Premier League") is too short
        (
            [
                "Alle Ergebnisse des Spieltags im Überblick finden Sie hier",
                "Premier League",
                "Schwerer Rückschlag: Die Reds patzen beim Nachbarn",
                "Stand: 24.04.2024 23:05 Uhr",
            ],
            _MATCH_REPORT,
            "Schwerer Rückschlag: Die Reds patzen beim Nachbarn",
        ),
        # a standfirst below the headline is told more by the body, but a headline told for
        # the most part is told enough
        (
            [
                "Ministers extend the grain corridor after two days of talks in Istanbul",
                "The ministers agreed on Sunday to extend the grain corridor for another year",
                "By Jane Doe",
            ],
            "The ministers agreed on Sunday to extend the grain corridor for another year,"
            " officials said after two days of talks in the capital. ",
            "Ministers extend the grain corridor after two days of talks in Istanbul",
        ),
        # a headline may open with a quotation mark (or a digit)
        (
            [
                "Hamburg",
                "„Niemand hat etwas gesehen“: Polizei fasst Einbrecherbande",
                "Von Anna Schmidt",
            ],
            _ARREST,
            "„Niemand hat etwas gesehen“: Polizei fasst Einbrecherbande",
        ),
    ],
)
def test_a_dumps_headline_is_the_line_that_looks_most_like_one(
    make_doc: Callable[..., Doc], header: list[str], body: str, headline: str
) -> None:
    text = "\n\n".join(["Startseite\nPolitik\nPanorama\nSport", *header, body * 3, body * 3])
    [title] = extract(make_doc(text))["title"]
    assert (title.value, text[title.start : title.end]) == (headline, headline)


def test_a_headline_printed_twice_is_given_at_its_first_print(
    make_doc: Callable[..., Doc],
) -> None:
    headline = "Ministers extend the grain corridor after two days of talks"
    teaser = "Grain exports resume at Odesa as the first ships leave port"
    header = [headline, "News\nWorld\nSport\nBusiness", teaser, headline, "By Jane Doe"]
    text = "\n\n".join([*header, _MATCH_REPORT * 3, _MATCH_REPORT * 3])
    [title] = extract(make_doc(text))["title"]
    assert (title.value, title.start) == (headline, 0)


@pytest.mark.parametrize(
    ("metadata", "author"),
    [
        # a third word that is rare is the name's, a common one is not ("Tips meg")
        (["15.10.24 23:35", "Anna Mathilde Løland Tips meg"], "Anna Mathilde Løland"),
        (["bySauli Giliard", "April 24, 2019"], "Sauli Giliard"),  # a cue glued to the name
        (["Julia Vergin | Clare Roth", "vor 3 Stunden"], "Julia Vergin | Clare Roth"),
    ],
)
def test_a_line_near_the_headline_that_opens_with_names_is_the_byline(
    make_doc: Callable[..., Doc], metadata: list[str], author: str
) -> None:
    headline = "Polizei fasst Einbrecherbande nach langer Suche"
    menu = "Startseite\nPolitik\nPanorama\nSport"
    text = "\n\n".join([menu, headline, *metadata, _ARREST * 3, _ARREST * 3])
    [row] = extract(make_doc(text, captured="2024-10-16"))["author"]
    assert (row.value, row.method) == (author, "name-opening-line")
    assert text[row.start : row.end] == author


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Von Sina Zehrfeld Landespolitische Korrespondentin", "Sina Zehrfeld"),
        ("By Amy Gibbons Political Correspondent", "Amy Gibbons"),
        ("By Victoria O’Regan Follow", "Victoria O’Regan"),
        ("By Dolores Chang For Dailymail.Com", "Dolores Chang"),
    ],
)
def test_a_job_title_or_a_button_after_a_bylines_name_is_left_out(
    make_doc: Callable[..., Doc], byline: str, author: str
) -> None:
    headline = "Polizei fasst Einbrecherbande nach langer Suche"
    text = "\n\n".join([headline, byline, _ARREST * 3, _ARREST * 3])
    [row] = extract(make_doc(text))["author"]
    assert (row.value, text[row.start : row.end]) == (author, author)


@pytest.mark.parametrize(
    "line",
    [
        "Chuck Burton/AP",  # a picture's credit
        "Im Fokus",  # a German word that is also a first name
        "Cristina Gil, at the testing lab | photo by Joan Bardeletti",  # a caption
    ],
)
def test_a_credit_or_a_page_word_opening_a_line_is_not_read_as_a_byline(
    make_doc: Callable[..., Doc], line: str
) -> None:
    text = "\n\n".join(
        ["Polizei fasst Einbrecherbande nach langer Suche", line, _ARREST * 3, _ARREST * 3]
    )
    rows = extract(make_doc(text)).get("author", [])
    assert [r.method for r in rows if r.method == "name-opening-line"] == []


@pytest.mark.parametrize(
    ("credit", "date", "agency"),
    [
        ("dpa", "28.04.2023 | 17:52 Uhr", "dpa"),
        ("Quelle: dpa Sport", "Aktualisiert am 28. April 2023, 20:22 Uhr", "dpa"),
        ("SID", "16:30", "SID"),
        ("Haberler - Anadolu Ajansı", "30.04.2024 - 16:48", "Anadolu Ajansı"),
    ],
)
def test_an_agency_credited_beside_the_date_is_the_author_of_a_dump(
    make_doc: Callable[..., Doc], credit: str, date: str, agency: str
) -> None:
    headline = "Polizei fasst Einbrecherbande nach langer Suche"
    text = "\n\n".join([headline, credit, date, _ARREST * 3, _ARREST * 3])
    [row] = extract(make_doc(text))["author"]
    assert (row.value, row.method, text[row.start : row.end]) == (agency, "agency-credit", agency)


def test_an_agency_credited_far_from_any_date_is_no_author(make_doc: Callable[..., Doc]) -> None:
    """A picture's credit ("dpa" under a photo in the body's top) is no byline."""
    headline = "Polizei fasst Einbrecherbande nach langer Suche"
    text = "\n\n".join(
        [headline, "28.04.2023 | 17:52 Uhr", *(["Startseite"] * 3), "dpa", _ARREST * 3, _ARREST * 3]
    )
    rows = extract(make_doc(text)).get("author", [])
    assert [r.value for r in rows if r.method == "agency-credit"] == []


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("28. Juni 201914. Januar 2020 | Klaus Quibeldey-Cirkel", "28. Juni 2019"),
        ("Posted on August 2, 2019August 2, 2019Author", "August 2, 2019"),
        ("Nicole Collignon22. Februar 2020", "22. Februar 2020"),
        ("17/11/201917/11/2019 ~ Cem Basman", "17/11/2019"),
        ("Published Mon, Mar 4 20199:15 AM EST", "Mar 4 2019"),  # a time glued to the year
        ("Updated June 3, 202111:02 PM ET", "June 3, 2021"),
        ("王小明2021-06-15 08:30:00", "2021-06-15 08:30:00"),  # glued to a name without spaces
    ],
)
def test_a_date_glued_to_its_neighbours_by_the_renderer_is_read(text: str, literal: str) -> None:
    found = find_dates(text)[0]
    assert text[found.start : found.end] == literal


@pytest.mark.parametrize(
    ("line", "author", "method"),
    [
        ("Publiziert am 13. Januar 2014 von uriebe", "uriebe", "by-in-header"),
        ("Geschrieben von Cooper am 25.08.2015 22:30", "Cooper", "by-in-header"),
        ("12/04/2020 by Kay 24 Comments", "Kay", "by-in-header"),
        ("17. September 2019 Helmut Rubik 0", "Helmut Rubik", "name-beside-date"),
        ("By Logan C. Ritchie November 8, 2023", "Logan C. Ritchie", "by-line"),  # a date after
        ("Von Nadja Demel13.12.2022", "Nadja Demel", "by-line"),  # ... glued to the name
        ("By Erin Cunningham March 18 at 3:57 PM", "Erin Cunningham", "by-line"),  # no year
        # a job title after the name
        (
            "By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU",
            "Daniel Kahn Gillmor",
            "by-line",
        ),
        ("By Stella Kim and Jennifer Jett", "Stella Kim and Jennifer Jett", "by-line"),
        ("James Akinaka • 8h", "James Akinaka", "name-opening-line"),  # a name line, no date
    ],
)
def test_an_author_in_a_date_line(
    make_doc: Callable[..., Doc], line: str, author: str, method: str
) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    text = "\n\n".join(["Ministers agree to extend the grain corridor", line, body, body])
    assert [(e.value, e.method) for e in extract(make_doc(text))["author"]] == [(author, method)]


def test_a_byline_of_a_related_post_far_below_the_body_loses_to_a_name_line_above_it(
    make_doc: Callable[..., Doc],
) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    related = ["Recommended", "Bridge plans approved", "Mark Byrnes", "Jul 17, 2014"]
    lines = ["Ministers agree to extend the grain corridor", "Sarah Archer", body, body]
    footer = [f"Footer link {n}" for n in range(fields.FOOTER_LINES)]
    text = "\n\n".join([*lines, *footer, *related])
    assert [(e.value, e.method) for e in extract(make_doc(text))["author"]] == [
        ("Sarah Archer", "name-opening-line")
    ]


def test_a_possessive_is_no_name_beside_a_date(make_doc: Callable[..., Doc]) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    text = "\n\n".join(["Sony’s PlayStation review", "Sony’s PlayStation VR, 2016-10-13", body])
    assert "author" not in extract(make_doc(text))


def test_a_date_beside_the_headline_far_above_the_body_is_read_before_the_footer(
    make_doc: Callable[..., Doc],
) -> None:
    body = " ".join(["The ministers agreed on Sunday to extend the corridor for another year."] * 4)
    intro = [f"Teaser line number {n} of the introduction" for n in range(fields.HEADER_LINES + 2)]
    head = ["21 September 2020", "Ministers agree to extend the grain corridor"]
    text = "\n\n".join([*head, *intro, body, body, "Similar articles", "27 July 2020"])
    [date] = extract(make_doc(text))["published"]
    assert date.value == "2020-09-21"


@pytest.mark.parametrize("printed", ["14. M&auml;rz 2023", "&#x32;&#x30;&#x32;&#x33;-03-14"])
def test_an_html_date_written_with_character_references_keeps_its_span(
    make_doc: Callable[..., Doc], printed: str
) -> None:
    body = "<p>The council met on Tuesday to discuss the harbour bridge plans again today.</p>" * 4
    source = (
        "<html><head><title>Bridge plans</title></head><body><h1>Bridge plans</h1>"
        f'<p class="date">{printed}</p><article>{body}</article></body></html>'
    )
    [date] = extract(make_doc(source, "text/html"))["published"]
    assert (source[date.start : date.end], date.value) == (printed, "2023-03-14")
    assert date.method.startswith("html-date:")


def test_a_date_trafilatura_glued_to_a_byline_is_the_date_not_the_name(
    make_doc: Callable[..., Doc],
) -> None:
    body = "<p>The council met on Tuesday to discuss the harbour bridge plans again today.</p>" * 4
    source = (
        '<html><head><title>Bridge plans</title><meta name="author" content="Josh Haskell'
        ' December"></head><body><h1>Bridge plans</h1><div>by Josh Haskell</div>'
        f"<div>December 16, 2016, 4:19 PM</div><article>{body}</article></body></html>"
    )
    found = extract(make_doc(source, "text/html"))
    [date] = found["published"]
    assert (source[date.start : date.end], date.value) == (
        "December 16, 2016, 4:19 PM",
        "2016-12-16T16:19",
    )
    assert [e.value for e in found["author"]] == ["Josh Haskell"]


def test_names_in_elements_of_their_own_are_set_apart(make_doc: Callable[..., Doc]) -> None:
    """A reader sees "Birgit Baumann Anna Giulia Fink": the value parts them as the markup
    does, and the span is the byline's."""
    body = "<p>The council met on Tuesday to discuss the harbour bridge plans again today.</p>" * 4
    byline = '<span class="a">Birgit Baumann</span>\n<span class="a">Anna Giulia Fink</span>'
    source = (
        '<html><head><title>Bridge plans</title><meta name="author" content="Birgit Baumann'
        ' and Anna Giulia Fink"></head><body><h1>Bridge plans</h1>'
        f'<div class="byline">{byline}</div><article>{body}</article></body></html>'
    )
    [author] = extract(make_doc(source, "text/html"))["author"]
    assert (source[author.start : author.end], author.value) == (
        byline.removeprefix('<span class="a">').removesuffix("</span>"),
        "Birgit Baumann; Anna Giulia Fink",
    )


def test_an_avatar_s_initials_are_no_name_of_the_byline(make_doc: Callable[..., Doc]) -> None:
    """An author's card shows "RF" beside "Raphael Felice": the names are the two."""
    body = "<p>The council met on Tuesday to discuss the harbour bridge plans again today.</p>" * 4
    byline = (
        'Luana Patriolino</div></div><div class="item"><a href="/autor?termo=raphael-felice">'
        '<div class="letras">RF</div></a><div class="nome">Raphael Felice'
    )
    source = (
        '<html><head><title>Bridge plans</title><meta name="author" content="Luana Patriolino,'
        ' Raphael Felice"></head><body><h1>Bridge plans</h1><div class="autores">'
        f'<div class="item"><div class="nome">{byline}</div></div></div>'
        f"<article>{body}</article></body></html>"
    )
    [author] = extract(make_doc(source, "text/html"))["author"]
    assert (source[author.start : author.end], author.value) == (
        byline,
        "Luana Patriolino; Raphael Felice",
    )


def test_trafilatura_s_author_printed_far_below_the_body_beats_a_name_beside_a_date(
    make_doc: Callable[..., Doc],
) -> None:
    """The page's metadata names the author, printed only below the related posts' captions,
    many lines below the article: a name in a date line above it ("17. Dezember 2019 ·
    Moderation Anna Weber") is not the author."""
    body = "<p>The council met on Tuesday to discuss the harbour bridge plans again today.</p>" * 4
    footer = "".join(
        f"<figure><figcaption>Beitrag Nummer {i}</figcaption></figure>" for i in range(8)
    )
    source = (
        '<html><head><title>Bridge plans</title><meta name="author" content="Simon Dückert">'
        '<meta name="description" content="The council met on Tuesday to discuss the harbour'
        ' bridge plans again, and the ministers agreed to extend the corridor.">'
        '<meta name="description" content="The council met on Tuesday to discuss the harbour'
        ' bridge plans again, and the ministers agreed to extend the corridor.">'
        "</head><body><h1>Bridge plans</h1><p>17. Dezember 2019 · Moderation Anna Weber"
        f"</p><article>{body}</article><aside>{footer}</aside>"
        '<p>Veröffentlicht von <a href="/author/simon">Simon Dückert</a>.</p></body></html>'
    )
    [author] = extract(make_doc(source, "text/html"))["author"]
    assert (source[author.start : author.end], author.value) == ("Simon Dückert",) * 2


DUMP_BODY = " ".join(
    ["The ministers agreed on Sunday to extend the corridor for another year."] * 4
)


@pytest.mark.parametrize(
    ("header", "author"),
    [
        # a byline cue alone on its line, the name (no first name known) on the next
        ("05.06.2025 um 14:46\nvon\nNgozi Okafor", "Ngozi Okafor"),
        # a job title or a label glued to the name by the renderer
        ("Von Ulrich ExnerKorrespondent\n26.08.2024", "Ulrich Exner"),
        ("Jen MillsPublished July 17, 2024 3:01pm", "Jen Mills"),
        # of two names beside dates, the one that opens with a known first name
        (
            "Tuesday, 26 November 2024\nFederal Politics\n\nMinisters agree\n\n"
            "Dan Jervis\nTue, 26 November 2024 9:27PM",
            "Dan Jervis",
        ),
    ],
)
def test_a_dump_byline_the_renderer_split_or_glued(
    make_doc: Callable[..., Doc], header: str, author: str
) -> None:
    text = "\n\n".join(["Home\nWorld\nSport", header, DUMP_BODY, DUMP_BODY])
    [found] = extract(make_doc(text))["author"]
    assert (found.value, text[found.start : found.end]) == (author, author)


def test_a_slash_date_of_a_page_not_in_english_is_read_day_first(
    make_doc: Callable[..., Doc],
) -> None:
    """Nothing else on the page or in the registry tells the order: its language does."""
    body = (
        "Los ministros acordaron el domingo prolongar el corredor durante otro año, según"
        " dijeron los funcionarios después de dos días de conversaciones en la capital."
    )
    text = "\n\n".join(
        ["Inicio\nMundo", "Los ministros prolongan el corredor", "02/12/2024", body, body]
    )
    [date] = extract(make_doc(text))["published"]
    assert (text[date.start : date.end], date.value) == ("02/12/2024", "2024-12-02")
    assert date.method.endswith("-day-first")


@pytest.mark.parametrize(
    ("line", "printed", "day"),
    [
        ("vor 14 Minuten", "vor 14 Minuten", "2024-05-31"),  # read at midnight
        ("Kyle Wiggers 7 hours", "7 hours", "2024-05-31"),
        ("Stand: 20:03 Uhr | Lesedauer: 4 Minuten", "Stand: 20:03 Uhr", "2024-06-01"),
        ("Updated 3 days ago", "3 days ago", "2024-05-29"),
    ],
)
def test_a_date_printed_relative_to_the_capture_is_the_day_it_names(
    make_doc: Callable[..., Doc], line: str, printed: str, day: str
) -> None:
    text = "\n\n".join(["Home\nWorld", "Ministers agree to extend the grain corridor", line])
    text += "\n\n" + DUMP_BODY + "\n\n" + DUMP_BODY
    [date] = extract(make_doc(text, captured="2024-06-01"))["published"]
    assert (text[date.start : date.end], date.value) == (printed, day)
    assert date.method.startswith("date-in-header:relative-")


@pytest.mark.parametrize(
    ("line", "captured", "printed", "day"),
    [
        ("Ярослав Кузишин, 8 января, 17:46", "2026-01-08", "8 января", "2026-01-08"),
        ("March 18 at 3:57 PM", "2024-06-01", "March 18", "2024-03-18"),
        ("Posted 30. Dezember", "2025-01-02", "30. Dezember", "2024-12-30"),  # last year's
    ],
)
def test_a_day_and_month_without_a_year_is_the_last_such_day_before_the_capture(
    make_doc: Callable[..., Doc], line: str, captured: str, printed: str, day: str
) -> None:
    text = "\n\n".join(["Home\nWorld", "Ministers agree to extend the grain corridor", line])
    text += "\n\n" + DUMP_BODY + "\n\n" + DUMP_BODY
    [date] = extract(make_doc(text, captured=captured))["published"]
    assert (text[date.start : date.end], date.value) == (printed, day)
    assert date.method == "date-in-header:yearless"


def test_a_month_abbreviated_with_a_point_before_the_year_is_read() -> None:
    [found] = find_dates("21.dez.2018 às 12h55")
    assert (found.iso, found.end) == ("2018-12-21", len("21.dez.2018"))


def test_a_reading_time_is_no_date(make_doc: Callable[..., Doc]) -> None:
    text = "\n\n".join(["Home\nWorld", "Ministers agree", "Lesedauer: 4 Minuten", DUMP_BODY])
    assert "published" not in extract(make_doc(text, captured="2024-06-01"))


@pytest.mark.parametrize(
    "caption",
    [
        "Two ferries wait in the harbour of Piraeus before the strike, March 2, 2024.",
        "A dock worker checks the containers a cargo ship unloaded in the port of Piraeus on"
        " March 2, 2024. — Picture by Eleni Kosta",
    ],
)
def test_a_captions_date_loses_to_the_date_line(make_doc: Callable[..., Doc], caption: str) -> None:
    """A date told in a sentence below the date line, or beside the "by" of a picture's
    credit, is the caption's, not the page's."""
    text = "\n\n".join(
        [
            "Home\nWorld",
            "Ministers agree to extend the grain corridor",
            "March 4, 2024 9:10 AM",
            caption,
            "Share\nPrint",
            DUMP_BODY,
            DUMP_BODY,
        ]
    )
    [date] = extract(make_doc(text))["published"]
    assert text[date.start : date.end] == "March 4, 2024 9:10 AM"


def test_a_date_line_among_the_bodys_first_lines_is_the_pages(make_article: Article) -> None:
    """A byline and date the cleaner kept as the body's fourth line, below the headline,
    the standfirst and a teaser, is read before a date line further down the page."""
    doc = make_article(
        "Ministers agree to extend the grain corridor | Harbour News",
        "Ministers agree to extend the grain corridor",
        "The deal keeps ships moving through the strait. Traders had feared a halt in May.",
        "The agreement came after three days of talks in Istanbul",
        "Mara Quinn · Harbour News · Posted: Mar 04, 2024 6:00 AM EST | Last Updated: March 5",
        DUMP_BODY,
        DUMP_BODY,
    )
    for kind, line in [
        *[("navigation", item) for item in ("Home", "World", "Business", "Sport", "Weather", "Tv")],
        ("date", "Grain prices fall as the corridor opens · July 22, 2023"),  # a related story
    ]:
        doc.text += "\n\n" + line
        doc.segments.append(Segment(len(doc.text) - len(line), len(doc.text), kind, False, "t"))
    fields.run(doc, REGISTRY)
    [date] = [e for e in doc.evidence if e.field == "published"]
    assert doc.text[date.start : date.end] == "Mar 04, 2024 6:00 AM"


def test_a_publication_date_far_above_the_body_is_read_before_a_related_storys(
    make_article: Article,
) -> None:
    """A live page prints "Publié le ..." above a long list of its latest posts, further
    above the body than its header reaches; a date line below the body is another story's."""
    doc = make_article("", DUMP_BODY, DUMP_BODY)
    above = [
        ("boilerplate", "Publié le 4 mars 2024 à 07:45Mis à jour le 4 mars 2024 à 09:10"),
        *[("boilerplate", f"{h}h{m} - Un point sur la matinée") for h in (9, 8) for m in (40, 20)],
        *[("navigation", item) for item in ("Accueil", "Monde", "Économie", "Sport", "Bourse")],
        *[("boilerplate", item) for item in ("Partager", "Imprimer", "Lire aussi", "Suivre")],
        ("boilerplate", "Publicité"),
    ]
    below = [
        *[("navigation", item) for item in ("Accueil", "Monde", "Économie", "Sport", "Bourse")],
        ("date", "Le prix du blé recule à Chicago · 22 juillet 2023"),
        ("navigation", "Mentions légales"),
    ]
    head = "".join(line + "\n\n" for _, line in above)
    shift = len(head)
    segments = []
    for kind, line in above:
        start = head.index(line, segments[-1].end if segments else 0)
        segments.append(Segment(start, start + len(line), kind, False, "t"))
    segments += [
        Segment(s.start + shift, s.end + shift, s.kind, s.kept, s.rule) for s in doc.segments
    ]
    text = head + doc.text
    for kind, line in below:
        text += "\n\n" + line
        segments.append(Segment(len(text) - len(line), len(text), kind, False, "t"))
    doc = Doc(doc.raw, text, segments)
    fields.run(doc, REGISTRY)
    [date] = [e for e in doc.evidence if e.field == "published"]
    assert (text[date.start : date.end], date.value) == ("4 mars 2024", "2024-03-04")


@pytest.mark.parametrize(
    ("header", "names", "printed"),
    [
        ("By\nLucy HartNews Reporter\nTom Price", "Lucy Hart; Tom Price", "Lucy HartNews Reporter"),
        ("12.03.2024, 17:26 Uhr\nVon\nJonas Weber\nMarta Kühn", "Jonas Weber; Marta Kühn", ""),
    ],
)
def test_names_one_a_line_below_a_byline_cue_are_all_the_authors(
    make_doc: Callable[..., Doc], header: str, names: str, printed: str
) -> None:
    """A byline printed one name a line: every name (each less a role glued to it), the
    span from the first to the last."""
    text = "\n\n".join(["Home\nWorld\nSport", header, DUMP_BODY, DUMP_BODY])
    [found] = extract(make_doc(text))["author"]
    first, last = names.split("; ")
    assert found.value == names
    assert text[found.start : found.end].startswith(printed or first)
    assert text[found.start : found.end].endswith(last)


def test_a_cued_byline_among_the_bodys_first_lines_beats_a_date_line_above_it(
    make_doc: Callable[..., Doc],
) -> None:
    """A byline line that says "Veröffentlicht" between the body's first paragraphs gives
    the date, not the date line of the page's last revision above the body."""
    lines = [
        ("title", False, "Zwei Lebensmittel helfen gegen Ängste"),
        *[("navigation", False, item) for item in ("Start", "News", "Gesundheit", "Sport")],
        ("date", False, "Harbour News — 02.01.23 09:51"),
        ("body", True, DUMP_BODY),
        ("byline", False, "von Mara Quinn, Redaktion Veröffentlicht: 26.12.2022"),
        ("body", True, DUMP_BODY),
    ]
    doc = make_doc("\n\n".join(line for _, _, line in lines))
    at = 0
    for kind, kept, line in lines:
        at = doc.text.index(line, at)
        doc.segments.append(Segment(at, at + len(line), kind, kept, "t"))
    fields.run(doc, REGISTRY)
    [date] = [e for e in doc.evidence if e.field == "published"]
    assert (doc.text[date.start : date.end], date.value) == ("26.12.2022", "2022-12-26")
