"""The site, in-process: every page and canned query of the real Datasette on the built seeds.

Expected rows are worked out here in Python from the published tables, independently of
the SQL, so a query that drifts from its description fails.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import lxml.html
import pytest
from conftest import CLI
from datasette.utils import tilde_encode

import corpus
from bench.replicate import replicate
from pipeline import schemas
from pipeline.project import Project
from pipeline.publish import atomic as publish
from pipeline.publish.atomic import database_current
from pipeline.site.plugins.corpus_site import HOME_DOCUMENTS
from pipeline.site.plugins.table_search import LISTED, Order, _held, _tested, _walk_fills_the_page
from pipeline.site.serve import HERE, SEARCH_CAP, datasette

Row = dict[str, Any]


class Site:
    """The real Datasette of a project, with a synchronous ``get``."""

    def __init__(self, project: Project, templates: Path = HERE / "templates") -> None:
        self.ds = datasette(project, templates)

    def get(self, path: str, status: int = 200) -> Any:
        response = asyncio.run(self.ds.client.get(path))
        assert response.status_code == status, f"{path}: {response.status_code}"
        return response

    def html(self, path: str) -> Any:
        return lxml.html.fromstring(self.get(path).text)

    def rows(self, query: str, **params: str) -> list[Row]:
        path = f"/corpus/{query}.json?_shape=objects&{urlencode(params)}"
        return self.get(path).json()["rows"]


@pytest.fixture(scope="module")
def site(built: Project) -> Site:
    return Site(built)


@pytest.fixture(scope="module")
def tables(built: Project) -> dict[str, list[Row]]:
    c = corpus.at(built.root)
    return {name: c.rows(name) for name in c.tables()}


def _doc_with_most(tables: dict[str, list[Row]], table: str) -> str:
    counts = Counter(r["doc_id"] for r in tables[table])
    return counts.most_common(1)[0][0]


# Every page


def test_every_table_and_row_page_renders(site: Site, tables: dict[str, list[Row]]) -> None:
    for table in schemas.tables():
        assert table.description in site.html(f"/corpus/{table.name}").text_content()
        data = site.get(f"/corpus/{table.name}.json?_shape=objects&_size=max").json()
        assert len(data["rows"]) == len(tables[table.name])
        if tables[table.name]:
            first = tables[table.name][0]
            key = ",".join(tilde_encode(str(first[k])) for k in table.primary_key)
            site.get(f"/corpus/{table.name}/{key}")


def test_our_table_template_writes_what_datasettes_own_writes(
    built: Project, site: Site, tables: dict[str, list[Row]], tmp_path: Path
) -> None:
    """``templates/_table.html`` has a filter write each row's cells in one piece: every table
    page, searched, sorted and faceted, and every row page, is byte for byte Datasette's."""
    stock = tmp_path / "templates"
    shutil.copytree(HERE / "templates", stock, ignore=shutil.ignore_patterns("_table.html"))
    theirs = Site(built, stock)
    paths = [
        "/corpus/documents?_search=Shanghai",
        "/corpus/quotes?_sort=speaker_text&_facet=method",
        "/corpus/mentions?_where=type%3D%27person%27",
    ]
    for table in schemas.tables():
        if not tables[table.name]:
            continue  # no cells to write (problems, in the seeds)
        paths.append(f"/corpus/{table.name}")
        first = tables[table.name][0]
        key = ",".join(tilde_encode(str(first[k])) for k in table.primary_key)
        paths.append(f"/corpus/{table.name}/{key}")
    timing = re.compile(r"Queries took [0-9.]+ms")
    for path in paths:
        ours = timing.sub("", site.get(path).text)
        assert "<td class=" in ours, path
        assert ours == timing.sub("", theirs.get(path).text), path
    template = site.ds.jinja_env.get_template("_table.html").filename
    assert template == str(HERE / "templates" / "_table.html")
    assert theirs.ds.jinja_env.get_template("_table.html").filename != template


def test_instance_database_and_metadata_pages_render(site: Site, built: Project) -> None:
    assert "Questions" in site.get("/").text
    assert "documents" in site.get("/corpus").text
    assert site.get("/-/metadata.json").json()["title"] == built.identity()["title"]
    assert "mark" in site.get("/corpus-static/corpus.css").text


def test_every_canned_query_runs_with_and_without_parameters(site: Site) -> None:
    names = [q.name for q in schemas.queries()]
    assert set(names) >= {
        "quotes_by_person",
        "documents_mentioning",
        "same_quotation",
        "outlet_citations",
        "search",
    }
    for name in names:  # the page, then the rows with every parameter left blank
        site.get(f"/corpus/{name}")
        assert isinstance(site.rows(name), list)


def test_home_page_lists_documents_questions_and_tables(
    site: Site, tables: dict[str, list[Row]]
) -> None:
    page = site.html("/")
    links = {a.get("href") for a in page.iter("a")}
    for doc in tables["documents"]:
        assert f"/document/{doc['doc_id']}" in links
    text = page.text_content()
    for query in schemas.queries():
        assert query.title in text
    for table in schemas.tables():
        assert f"/corpus/{table.name}" in links
    assert page.xpath("//form[@action='/corpus/search']//input[@name='q']")


def test_unknown_document_is_not_found(site: Site) -> None:
    site.get("/document/0000000000000000", status=404)


# The document page


def test_document_page_shows_the_cleaned_text_exactly(
    site: Site, tables: dict[str, list[Row]]
) -> None:
    for doc in tables["documents"]:
        page = site.html(f"/document/{doc['doc_id']}")
        paragraphs = page.xpath("//section[@class='doc-text']/p[not(@class)]")
        assert "\n\n".join(p.text_content() for p in paragraphs) == doc["text"]
        assert page.xpath("//h1")[0].text_content() == (doc["title"] or "(no headline found)")


def test_document_page_highlights_quotes_and_links_speakers_and_entities(
    site: Site, tables: dict[str, list[Row]]
) -> None:
    doc_id = _doc_with_most(tables, "quotes")
    page = site.html(f"/document/{doc_id}")
    body = page.xpath("//section[@class='doc-text']")[0]
    kept = [s for s in tables["segments"] if s["doc_id"] == doc_id and s["kept"]]
    quotes = [
        q for q in tables["quotes"] if q["doc_id"] == doc_id and any(_inside(q, s) for s in kept)
    ]
    assert quotes, "the document quoted most has quotes in its body"
    highlighted = " ".join(e.text_content() for e in body.xpath(".//*[@class='quote']"))
    for q in quotes:
        assert q["text"].split()[0] in highlighted
        assert body.get_element_by_id(f"quote-{q['quote_id']}") is not None
        assert page.xpath(f"//aside//a[@href='#quote-{q['quote_id']}']")
    speakers = [q for q in quotes if q["speaker_entity_id"]]
    for q in speakers:
        href = f"/corpus/quotes_by_person?person={q['speaker_entity_id']}"
        assert page.xpath(f"//a[@href='{href}']"), href
    mentioned = {
        m["entity_id"]
        for m in tables["mentions"]
        if m["doc_id"] == doc_id and m["entity_id"] and any(_inside(m, s) for s in kept)
    }
    links = body.xpath("./p[not(@class)]//a[contains(@class, 'mention')]/@href")
    assert {href.split("entity=")[1] for href in links} == mentioned


def _inside(span: Row, segment: Row) -> bool:
    return segment["start"] <= span["start"] and span["end"] <= segment["end"]


def test_fields_captions_and_citations_link_to_their_raw_span(
    site: Site, tables: dict[str, list[Row]]
) -> None:
    doc_id = _doc_with_most(tables, "evidence")
    page = site.html(f"/document/{doc_id}")
    raw = page.xpath("//pre[@class='raw']")[0]
    for ev in (e for e in tables["evidence"] if e["doc_id"] == doc_id):
        target = raw.xpath(f".//*[@id='raw-ev-{ev['seq']}']")
        assert target, ev
        assert page.xpath(f"//table[@class='facts']//a[@href='#raw-ev-{ev['seq']}']")
        assert ev["text"].startswith(target[0].text_content())
    for table, key in (("media", "media_id"), ("citations", "citation_id")):
        for row in tables[table]:
            page = site.html(f"/document/{row['doc_id']}")
            assert page.xpath(f"//aside//a[@href='#raw-{row[key]}']")
            assert page.xpath(f"//pre[@class='raw']//*[@id='raw-{row[key]}']")


def test_raw_capture_is_shown_whole_with_removed_chrome_greyed(
    site: Site, built: Project, tables: dict[str, list[Row]]
) -> None:
    c = corpus.at(built.root)
    for doc in tables["documents"]:
        raw = site.html(f"/document/{doc['doc_id']}").xpath("//pre[@class='raw']")[0]
        assert raw.text_content() == c.raw_text(doc["raw_blake3"])
        greyed = "".join(e.text_content() for e in raw.xpath(".//*[contains(@class, 'removed')]"))
        for seg in tables["segments"]:
            if seg["doc_id"] == doc["doc_id"] and not seg["kept"] and seg["text"].strip():
                assert seg["text"] in greyed


def test_without_the_raw_capture_the_page_is_made_from_the_segments(
    project: Project, tables: dict[str, list[Row]]
) -> None:
    doc = tables["documents"][0]
    raw = project.raw_dir / doc["raw_blake3"][:2] / doc["raw_blake3"]
    raw.chmod(0o644)
    raw.write_bytes(raw.read_bytes() + b"tampered")
    page = Site(project).html(f"/document/{doc['doc_id']}")
    assert "could not be read and re-hashed" in page.text_content()
    paragraphs = page.xpath("//section[@class='doc-text']/p[not(@class)]")
    assert "\n\n".join(p.text_content() for p in paragraphs) == doc["text"]
    raw = page.xpath("//pre[@class='raw']")[0].text_content()
    for seg in (s for s in tables["segments"] if s["doc_id"] == doc["doc_id"]):
        assert raw[seg["start"] : seg["end"]] == seg["text"]


def test_every_link_on_a_document_page_resolves(site: Site, tables: dict[str, list[Row]]) -> None:
    doc_id = _doc_with_most(tables, "mentions")
    page = site.html(f"/document/{doc_id}")
    ids = set(page.xpath("//@id"))
    for href in sorted(set(page.xpath("//a/@href"))):
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif not urlsplit(href).netloc:
            site.get(href)


def test_titles_and_doc_ids_in_lists_link_to_the_document_page(
    site: Site, tables: dict[str, list[Row]]
) -> None:
    doc_id = tables["documents"][0]["doc_id"]
    assert f'href="/document/{doc_id}"' in site.get("/corpus/documents").text
    assert f'href="/document/{doc_id}"' in site.get("/corpus/segments").text


# Canned queries: the rows they must return on the seeds


def test_quotes_of_a_person_across_outlets(site: Site, tables: dict[str, list[Row]]) -> None:
    person = Counter(q["speaker_entity_id"] for q in tables["quotes"] if q["speaker_entity_id"])
    entity_id = person.most_common(1)[0][0]
    expected = {q["quote_id"] for q in tables["quotes"] if q["speaker_entity_id"] == entity_id}
    entity = next(e for e in tables["entities"] if e["entity_id"] == entity_id)
    aliases = [a["alias"] for a in tables["aliases"] if a["entity_id"] == entity_id]
    for spelled in (entity_id, entity["name"].upper(), *aliases[:1]):
        rows = site.rows("quotes_by_person", person=spelled)
        assert {r["quote_id"] for r in rows} == expected, spelled
        assert {r["speaker"] for r in rows} == {entity["name"]}
    outlets = {r["outlet"] for r in site.rows("quotes_by_person", person=entity_id)}
    assert len(outlets) >= 2, "the seeds quote the most-quoted person in several outlets"
    attributed = {q["quote_id"] for q in tables["quotes"] if q["speaker_name"]}
    assert {r["quote_id"] for r in site.rows("quotes_by_person", person="")} == attributed
    assert site.rows("quotes_by_person", person="nobody at all") == []


def test_documents_that_mention_an_entity(site: Site, tables: dict[str, list[Row]]) -> None:
    for entity_id in ("sergei-shoigu", "mohammad-reza-gharaei-ashtiani"):
        counts = Counter(m["doc_id"] for m in tables["mentions"] if m["entity_id"] == entity_id)
        rows = site.rows("documents_mentioning", entity=entity_id)
        assert {r["doc_id"]: r["mentions"] for r in rows} == dict(counts)
        assert len(rows) == 5, "every seed mentions both ministers"
        spellings = {m["text"] for m in tables["mentions"] if m["entity_id"] == entity_id}
        assert {s for r in rows for s in r["spellings"].split(",")} == spellings


def test_what_each_outlet_cites(site: Site, tables: dict[str, list[Row]]) -> None:
    outlet_of = {d["doc_id"]: d["outlet_id"] for d in tables["documents"]}
    names = {o["outlet_id"]: o["name"] for o in tables["outlets"]}
    entities = {e["entity_id"]: e["name"] for e in tables["entities"]}
    expected: Counter[tuple[str, str]] = Counter()
    for c in tables["citations"]:
        outlet = names.get(outlet_of[c["doc_id"]], "(unrecognised outlet)")
        expected[outlet, entities.get(c["entity_id"], c["source"])] += 1
    rows = site.rows("outlet_citations")
    assert {(r["outlet"], r["source"]): r["citations"] for r in rows} == dict(expected)
    assert rows, "the seeds cite agencies and ministries"


def _terms(text: str) -> set[str]:
    """The words same_quotation compares, as its description defines them."""
    words = (w.strip(".,;:!?\"'“”‘’«»()[]—–-…") for w in text.lower().split())
    return {w for w in words if len(w) >= 4}


def test_the_same_quotation_worded_by_different_outlets(
    site: Site, tables: dict[str, list[Row]]
) -> None:
    outlet_of = {d["doc_id"]: d["outlet_id"] or d["doc_id"] for d in tables["documents"]}
    overlap = {}
    for a in tables["quotes"]:
        for b in tables["quotes"]:
            ta, tb = _terms(a["text"]), _terms(b["text"])
            shared = len(ta & tb)
            if (
                a["quote_id"] < b["quote_id"]
                and outlet_of[a["doc_id"]] != outlet_of[b["doc_id"]]
                and shared >= 4
            ):
                overlap[a["quote_id"], b["quote_id"]] = shared / min(len(ta), len(tb))
    for given, threshold in (("", 0.5), ("0.8", 0.8)):
        rows = site.rows("same_quotation", min_overlap=given)
        found = {(r["quote_id_a"], r["quote_id_b"]) for r in rows}
        assert found == {pair for pair, x in overlap.items() if x >= threshold}, given
    rows = site.rows("same_quotation")
    shared_quote = "entire range of planned activities"
    assert any(shared_quote in r["quote_a"] and shared_quote in r["quote_b"] for r in rows)


def test_search_finds_documents_and_quotes(site: Site, tables: dict[str, list[Row]]) -> None:
    word = re.compile(r"\bShanghai\b", re.I)
    docs = {d["doc_id"] for d in tables["documents"] if word.search(d["title"] + d["text"])}
    quoted = {q["doc_id"] for q in tables["quotes"] if word.search(q["text"])}
    rows = site.rows("search", q="Shanghai")
    assert {r["doc_id"] for r in rows if r["found_in"] == "document"} == docs
    assert {r["doc_id"] for r in rows if r["found_in"] == "quote"} == quoted
    assert all("<mark>" in r["snippet"] for r in rows)
    page = site.html("/corpus/search?q=Shanghai")
    assert page.xpath("//td//mark"), "snippets are highlighted on the page"
    assert site.rows("search", q="Shoigu's \"new level") is not None  # punctuation is safe
    assert site.rows("search", q="") == []


def test_search_page_counts_the_matches_and_links_to_them(
    site: Site, tables: dict[str, list[Row]]
) -> None:
    word = re.compile(r"\bShanghai\b", re.I)
    docs = [d for d in tables["documents"] if word.search(d["title"] + d["text"])]
    page = site.html("/corpus/search?q=Shanghai")
    found = " ".join(page.xpath("//p[@class='corpus-found']")[0].text_content().split())
    assert f"{len(docs)} documents match" in found
    href = page.xpath("//p[@class='corpus-found']/a[contains(@href, '/corpus/documents')]/@href")
    listed = site.get(href[0].replace("/corpus/documents?", "/corpus/documents.json?")).json()
    assert listed["filtered_table_rows_count"] == len(docs)
    assert "No documents match" in site.html("/corpus/search?q=qqqzzzq").text_content()


@pytest.fixture(scope="module")
def large(built: Project, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The seeds' documents and quotes copied to more than the search page ranks, and more
    than a broad table search lists whole (LISTED). What its tests check is the plan and the
    rows, not the time (``bench.latency`` measures that): no query limit on a loaded machine."""
    site = Site(replicate(built.root, tmp_path_factory.mktemp("large") / "p", LARGE))
    site.ds._settings["sql_time_limit_ms"] = 600_000
    return site


LARGE = 12 * SEARCH_CAP  # 2,400 copies of each seed, each copy with its seed's date


def test_a_replica_passes_as_current_so_serve_does_not_build_over_it(
    built: Project, tmp_path: Path
) -> None:
    """``corpus serve`` builds first when the database is not of the published descriptor; a
    replica has no raw files, so that build would publish an empty site in its place (and
    ``python -m bench.latency`` would time it)."""
    project = replicate(built.root, tmp_path / "p", 12)
    assert database_current(project.data_dir)


def test_a_database_laid_out_by_other_code_is_not_current(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp covers the code that lays the database out (its indexes): a database of an
    older layout is rebuilt by the next build or serve, not served as it is."""
    project = replicate(built.root, tmp_path / "p", 12)
    assert database_current(project.data_dir)
    monkeypatch.setattr(publish, "_layout", lambda: "another layout")
    assert not database_current(project.data_dir)


def test_search_ranks_the_best_of_a_bounded_set_of_matches(large: Site) -> None:
    rows = large.rows("search", q="Shoigu")
    documents = [r for r in rows if r["found_in"] == "document"]
    assert len(documents) == 20, "the 20 best documents, not every match"
    assert all("<mark>" in r["snippet"] for r in rows)
    found = large.html("/corpus/search?q=Shoigu").xpath("//p[@class='corpus-found']")[0]
    assert f"More than {SEARCH_CAP:,} documents match" in found.text_content()
    href = found.xpath("a[contains(@href, '/corpus/documents')]/@href")[0]
    assert large.get(href.replace("/corpus/documents?", "/corpus/documents.json?")).json()["rows"]


ORDER = "published desc, doc_id"
_MATCHES = "select rowid from documents_fts where documents_fts match ?"


def _matching(site: Site, word: str) -> set[str]:
    """The documents whose full-text index matches ``word``, straight from SQLite."""
    path = site.ds.get_database("corpus").path
    with sqlite3.connect(path) as db:
        rows = db.execute(
            f"select doc_id from documents where rowid in ({_MATCHES})", (f'"{word}"',)
        ).fetchall()
    db.close()
    return {doc_id for (doc_id,) in rows}


def _pages(site: Site, path: str) -> list[Any]:
    """Every page of a table's JSON, following ``next_url``."""
    pages = [site.get(path).json()]
    while pages[-1]["next_url"]:
        pages.append(site.get(pages[-1]["next_url"].removeprefix("http://localhost")).json())
    return pages


def _rows(pages: list[Any]) -> list[Row]:
    """Every row of a table's JSON pages, as objects."""
    return [dict(zip(p["columns"], row, strict=True)) for p in pages for row in p["rows"]]


def _newest_first(rows: list[Row]) -> list[Row]:
    """``rows`` in the documents' listing order: newest first, ties by ``doc_id``; undated
    (null) last."""
    by_id = sorted(rows, key=lambda r: r["doc_id"])
    return sorted(by_id, key=lambda r: r["published"] or "", reverse=True)


def _plan(page: dict[str, Any]) -> str:
    """Which of the table search's plans made a JSON page (see the table_search plugin)."""
    sql = page["query"]["sql"]
    return "tested" if "exists (" in sql else "held" if "+rowid in (" in sql else "listed"


@pytest.mark.parametrize(
    ("args", "plan"),
    [
        ("_size=100", "tested"),  # dense: each row tested against the full-text index
        ("_size=1000", "held"),  # a page that large: every match held, the index walked
        ("_size=1000&_sort=raw_blake3", "listed"),  # no index in that order: Datasette's plan
    ],
)
def test_a_broad_table_search_lists_every_match_without_counting_them(
    large: Site, tables: dict[str, list[Row]], args: str, plan: str
) -> None:
    """Past SEARCH_CAP matches the table's search box skips the count and the facets (they
    cost a pass over every match) and reads the page off an index where the order has one:
    the rows are still every match, once, in order, page after page."""
    word = _everywhere(large, tables)
    expected = _matching(large, word)
    pages = _pages(large, f"/corpus/documents.json?_search={word}&{args}")
    rows = _rows(pages)
    assert len(rows) == len(expected) and {r["doc_id"] for r in rows} == expected
    if "_sort" in args:  # ascending by a column, ties by doc_id
        column = args.split("=")[-1]
        assert rows == sorted(rows, key=lambda r: (r[column], r["doc_id"]))
    else:  # newest first, ties by doc_id
        assert rows == _newest_first(rows)
    for page in pages:
        assert page["filtered_table_rows_count"] is None and page["facet_results"] == {}
    assert _plan(pages[0]) == plan
    html = large.html(f"/corpus/documents?_search={word}")
    heading = html.xpath("//h3")[0].text_content()
    assert f"more than {SEARCH_CAP:,} rows, too many to count" in heading
    assert html.xpath("//input[@id='_search']/@value") == [word]


def _everywhere(site: Site, tables: dict[str, list[Row]]) -> str:
    """A word of every seed document, so of every row of the copies."""
    first = tables["documents"][0]
    words = sorted(set(re.findall(r"[A-Z][a-z]{4,}", f"{first['title']} {first['text']}")))
    return next(w for w in words if len(_matching(site, w)) == LARGE)


def test_a_narrow_search_from_a_broad_one_is_counted_and_faceted(
    large: Site, site: Site, tables: dict[str, list[Row]]
) -> None:
    """The page's form carries the broad search's own arguments: a new search drops them
    (made here on the seeds, where every search is narrow)."""
    html = large.html("/corpus/documents?_search=Shoigu")
    hidden = {
        i.get("name"): i.get("value")
        for i in html.xpath("//form[@class='filters']//input[@type='hidden']")
    }
    assert {"_broad_search", "_nocount", "_nofacet"} <= hidden.keys()
    word = _everywhere(large, tables)
    page = site.get(f"/corpus/documents.json?{urlencode({**hidden, '_search': word})}").json()
    assert page["filtered_table_rows_count"] == len(tables["documents"])
    assert page["facet_results"], "facets of the matches"
    mine = site.get(f"/corpus/documents.json?_search={word}&_nocount=1").json()
    assert mine["filtered_table_rows_count"] is None, "a reader's own _nocount stays"


def test_paging_through_a_table_lists_every_row_once_however_many_share_a_date(
    large: Site,
) -> None:
    """Datasette's first page sorts by the column alone and the next ones break its ties by
    the primary key: the index on both gives the first page that order too (the copies
    share their dates, 2,400 to a date)."""
    pages = _pages(large, "/corpus/documents.json?_size=700")
    ids = [row[p["columns"].index("doc_id")] for p in pages for row in p["rows"]]
    assert len(ids) == len(set(ids)) == LARGE


def _newest_and_words(tables: dict[str, list[Row]]) -> tuple[str, list[str]]:
    """The newest seed document, and the capitalised words of the seeds, sorted."""
    newest = max(tables["documents"], key=lambda d: d["published"] or "")["doc_id"]
    texts = " ".join(d["title"] + " " + d["text"] for d in tables["documents"])
    return newest, sorted(set(re.findall(r"[A-Z][a-z]{4,}", texts)))


def test_a_broad_search_tests_rows_against_the_index_only_where_the_walk_is_short(
    large: Site, site: Site, tables: dict[str, list[Row]]
) -> None:
    """A walk that tests rows against the full-text index is tried first; it is not used
    where the first rows hold too few matches (words cluster in time), nor with another
    filter (how many rows would pass it is unknown)."""
    newest, words = _newest_and_words(tables)
    older = next(  # in most seeds, not in the newest: none of the newest copies match
        w for w in words if len(found := _matching(site, w)) >= 4 and newest not in found
    )
    word = _everywhere(large, tables)
    dense = large.get(f"/corpus/documents.json?_search={word}&_size=100").json()
    later = large.get(f"/corpus/documents.json?_search={older}&_size=100").json()
    language = dense["rows"][0][dense["columns"].index("language")]
    filtered = large.get(f"/corpus/documents.json?_search={word}&language={language}").json()
    assert _plan(dense) == "tested" and _plan(later) == "held"
    assert later["rows"]
    assert _plan(filtered) == "listed" and filtered["rows"]
    assert filtered["filtered_table_rows_count"] is None


def test_fewer_matches_are_held_where_a_walk_fills_the_page_else_listed(
    large: Site, site: Site, tables: dict[str, list[Row]]
) -> None:
    """Up to LISTED matches, Datasette's plan (fetch every match, sort) costs little, but a
    walk holding the matches costs less where it fills the page early, which a bounded walk
    tries first: a word of the newest reports is held, one missing from them is listed.
    Either way the pages list every match, once, in order."""
    newest, words = _newest_and_words(tables)
    twice = {  # words of two seeds: 4,800 of the 12,000 copies, more than SEARCH_CAP
        newest in found: w for w in reversed(words) if len(found := _matching(site, w)) == 2
    }
    for word, plan in ((twice[True], "held"), (twice[False], "listed")):
        assert SEARCH_CAP < len(expected := _matching(large, word)) <= LISTED
        assert _plan(large.get(f"/corpus/documents.json?_search={word}").json()) == plan
        pages = _pages(large, f"/corpus/documents.json?_search={word}&_size=1000")
        rows = _rows(pages)
        assert rows == _newest_first(rows)
        assert {r["doc_id"] for r in rows} == expected and len(rows) == len(expected)


@pytest.mark.parametrize("test", [_tested, _held])
def test_a_walk_that_meets_no_match_gives_up_within_its_budget(
    large: Site, tables: dict[str, list[Row]], test: Any
) -> None:
    """Words cluster in time: one absent from the newest reports would have the walk test
    every newer row before its first match, so the walk is tried within a budget first."""
    db = large.ds.get_database("corpus")
    words = {w for d in tables["documents"] for w in re.findall(r"[A-Za-z]{5,}", d["text"])}
    with sqlite3.connect(db.path) as conn:
        rows = conn.execute(f"select rowid from documents order by {ORDER}")
        position = {rowid: i for i, (rowid,) in enumerate(rows)}
        at = {  # where each match of a word is in the listing order
            word: sorted(position[r] for (r,) in conn.execute(_MATCHES, (f'"{word}"',)))
            for word in sorted(words)
        }
    conn.close()
    word = next(w for w in sorted(at) if len(at[w]) > 51 and at[w][0] > 0)
    order = Order("documents", "published", True, ["doc_id"])

    def fills(budget: int) -> bool:
        walk = _walk_fills_the_page(db, order, test, "documents_fts", word, None, 51, budget)
        return asyncio.run(walk)

    assert not fills(at[word][0]), "no match in the rows before the first"
    assert fills(at[word][50] + 1), "the 51st match is the last row walked"
    assert not fills(at[word][50])


def test_the_date_facet_reads_an_index_of_dates(large: Site, tables: dict[str, list[Row]]) -> None:
    """Datasette groups by ``date(published)`` for the documents' date facet: an index on that
    expression saves computing it for every row and sorting the result."""
    facet = (  # the query of datasette.facets.DateFacet over the whole table
        "select date(published) as value, count(*) as count from (select * from documents) "
        "where date(published) is not null group by date(published) order by count desc, value"
    )
    with sqlite3.connect(large.ds.get_database("corpus").path) as db:
        plan = " ".join(row[3] for row in db.execute(f"explain query plan {facet}"))
    db.close()
    assert "idx_documents_published_date" in plan, plan
    page = large.get("/corpus/documents.json").json()
    counts = {r["value"]: r["count"] for r in page["facet_results"]["published"]["results"]}
    dated = sum(1 for d in tables["documents"] if d["published"])
    assert sum(counts.values()) == dated * LARGE // len(tables["documents"]), "every dated copy"


def test_a_broad_search_lists_matches_even_where_no_index_gives_the_order(
    built: Project, tmp_path: Path
) -> None:
    """A database without the index on the listing order (laid out by older code) pages a
    broad search through every match, not by walking the table."""
    site = Site(replicate(built.root, tmp_path / "p", LARGE))
    with sqlite3.connect(site.ds.get_database("corpus").path) as db:
        db.execute("drop index idx_documents_published_doc_id")
    db.close()
    page = site.get("/corpus/documents.json?_search=Shoigu").json()
    assert _plan(page) == "listed" and len(page["rows"]) == 50


def test_home_page_lists_the_newest_documents_of_a_large_corpus(large: Site) -> None:
    page = large.html("/")
    rows = page.xpath("//table[contains(@class, 'corpus-documents')]/tbody/tr")
    assert len(rows) == HOME_DOCUMENTS
    dates = [r.xpath("td")[2].text_content() for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert f"{LARGE:,}" in page.xpath("//h2")[0].text_content()
    assert page.xpath("//a[@href='/corpus/documents' and text()='all of them']")


# One source of truth


def test_site_metadata_agrees_with_datapackage(
    site: Site, built: Project, tables: dict[str, list[Row]]
) -> None:
    meta = site.get("/-/metadata.json").json()
    desc = json.loads((built.root / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["title"] == desc["title"] and meta["description"] == desc["description"]
    assert meta["license"] == desc["licenses"][0]["name"]
    assert meta["license_url"] == desc["licenses"][0]["path"]
    site_tables = meta["databases"]["corpus"]["tables"]
    for res in desc["resources"]:
        shown = site_tables[res["name"]]
        assert shown["description"] == res["description"]
        assert shown["columns"] == {f["name"]: f["description"] for f in res["schema"]["fields"]}
    queries = meta["databases"]["corpus"]["queries"]
    assert set(queries) == {q.name for q in schemas.queries()}


def test_facets_that_matter(site: Site) -> None:
    def facets(table: str) -> set[str]:
        return set(site.get(f"/corpus/{table}.json").json()["facet_results"])

    assert {"outlet_id", "published", "section"} <= facets("documents")
    assert {"speaker_name", "speaker_entity_id"} <= facets("quotes")
    assert "entity_id" in facets("mentions")


def test_table_search_uses_full_text_indexes(site: Site, tables: dict[str, list[Row]]) -> None:
    rows = site.get("/corpus/documents.json?_shape=objects&_search=Shanghai").json()["rows"]
    assert rows and all("shanghai" in (r["title"] + r["text"]).lower() for r in rows)
    quote = tables["quotes"][0]["text"].split()[-1].strip(".,'\"“”’")
    found = site.get(f"/corpus/quotes.json?_shape=objects&_search={quote}").json()["rows"]
    assert tables["quotes"][0]["quote_id"] in {r["quote_id"] for r in found}


def test_a_search_with_nothing_to_match_is_a_bad_request_not_a_server_error(site: Site) -> None:
    for path in (
        "/corpus/documents?_search=%22",
        "/corpus/quotes?_search=%22",
        "/corpus/documents?_search=%00",
    ):
        site.get(path, status=400)  # Datasette's own answer to a search it cannot run
    site.get("/corpus/search?q=%00")
    assert site.rows("search", q='"') == []


def test_the_metadata_page_shows_no_local_path(site: Site, built: Project) -> None:
    assert str(built.root) not in site.get("/-/metadata.json").text


def test_a_documents_own_tags_stay_text_in_search_snippets(cli: CLI, tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    capture = tmp_path / "tags.txt"
    capture.write_text(
        "Talks on </mark><mark>defence <script>alert(1)</script> & more in Moscow ended.\n"
    )
    for args in (["init", project.root], ["ingest", "--root", project.root, capture]):
        assert cli(*args).exit_code == 0
    assert cli("build", "--root", project.root).exit_code == 0
    [row] = Site(project).rows("search", q="defence")
    assert row["snippet"] == (
        "Talks on &lt;/mark&gt;&lt;mark&gt;<mark>defence</mark> "
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more in Moscow ended."
    )
