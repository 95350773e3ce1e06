"""The dump benchmark's wrapper, gold sets, field scoring and snippet counts, on tiny inputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bench.cleaner import dumps, fieldscore, goldsets
from bench.cleaner.goldsets import GoldPage
from bench.cleaner.wrap import wrap

PARAGRAPH = " ".join(f"word{i}" for i in range(40))
ARTICLE = (
    "<html><body><nav>Home</nav><h1>Ministers agree to extend the grain corridor</h1>"
    "<p>By Jane Doe</p><p>March 3, 2024</p>"
    + "<p>The ministers agreed on Sunday to extend the corridor for another year, officials"
    " said after two days of talks that had been expected to end without a deal.</p>"
    * 3
    + "</body></html>"
)


def test_wrap_breaks_long_lines_at_spaces_and_keeps_blank_lines() -> None:
    text = wrap(f"Title\n\n{PARAGRAPH}\n\nhttp://example.org/{'x' * 100}")
    lines = text.split("\n")
    assert lines[:2] == ["Title", ""]
    assert all(len(line) <= 80 for line in lines[2:-2])
    assert " ".join(lines[2:-2]) == PARAGRAPH
    assert lines[-1] == f"http://example.org/{'x' * 100}"  # a long word stays whole


def test_fields_compare_normalised_values() -> None:
    assert fieldscore.correct("title", "Ministers  agree!", "ministers agree")
    assert not fieldscore.correct("title", "Ministers agree", "Ministers agree | Site")
    assert fieldscore.correct("author", "Jane Doe; John Roe", "By John Roe and Jane Doe")
    assert not fieldscore.correct("author", "Jane Doe; John Roe", "Jane Doe")
    gold = "Felix Schröder; Jörg Soldwisch; dpa"
    assert fieldscore.correct("author", gold, "Felix Schröder und Jörg Soldwisch, dpa")
    assert fieldscore.correct("author", "Julia Vergin; Clare Roth", "Julia Vergin | Clare Roth")
    assert fieldscore.correct("date", "2024-03-03", "2024-03-03T10:05")
    assert not fieldscore.correct("date", "2024-03-03", "")
    scores = fieldscore.score(
        [{"title": "A b", "author": "", "date": "2024-03-03"}, {"title": "C d"}],
        [{"title": "a B", "author": "X Y", "date": "2024-03-04"}, {}],
    )
    assert scores["title"] == {"pages": 2, "accuracy": 0.5, "token_f1": 0.5}
    assert scores["author"] == {"pages": 0, "accuracy": None}  # an empty gold is not scored
    assert scores["date"] == {"pages": 1, "accuracy": 0.0}


def test_fields_from_a_dump_and_from_html() -> None:
    dump = "\n\n".join(
        [
            "Ministers agree to extend the grain corridor",
            "By Jane Doe",
            "March 3, 2024",
            f"The ministers agreed. {PARAGRAPH}.",
        ]
    )
    assert fieldscore.dump_fields(dump) == {
        "title": "Ministers agree to extend the grain corridor",
        "author": "Jane Doe",
        "date": "2024-03-03",
    }
    assert fieldscore.trafilatura_fields(ARTICLE)["title"].startswith("Ministers agree")


def test_snippets_are_counted_as_trafilatura_counts_them() -> None:
    page = GoldPage("u", "", {}, None, ("the  corridor", "absent text"), ("Home", "Menu"))
    assert dumps.snippet_counts(page, "Home\nthe\ncorridor was extended") == (1, 1, 1, 1)


def test_trafilatura_set_loads_pages_with_their_fields_and_a_fixed_half(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "a.html").write_bytes(ARTICLE.encode("utf-8"))
    data = {
        "https://example.org/a": {
            "file": "a.html",
            "with": ["grain corridor"],
            "without": ["Home"],
            "author": ["Jane Doe", "John Roe"],
            "title": "Ministers agree",
            "date": "2024-03-03",
        },
        "https://example.org/missing": {"file": "gone.html", "with": ["x"], "without": ["y"]},
    }
    (tmp_path / "evaldata.json").write_text(json.dumps(data))
    [page] = goldsets.trafilatura_pages(tmp_path)
    assert page.fields == {
        "title": "Ministers agree",
        "author": "Jane Doe; John Roe",
        "date": "2024-03-03",
    }
    assert (page.with_, page.without, page.body) == (("grain corridor",), ("Home",), None)
    assert page.held_out == goldsets.held_out("https://example.org/a")
    halves = {goldsets.held_out(f"https://example.org/{i}") for i in range(20)}
    assert halves == {True, False}


def test_readability_pages_give_the_expected_text_and_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "test" / "test-pages" / "001"
    folder.mkdir(parents=True)
    cyrillic = '<meta charset="windows-1251"><p>Министры договорились.</p>'
    (folder / "source.html").write_bytes(cyrillic.encode("cp1251") + ARTICLE.encode())
    expected = "<div><p>The ministers agreed.</p><p>Kyiv&shy;ska said so.</p></div>"
    (folder / "expected.html").write_text(expected)
    meta = {"title": "Ministers agree", "byline": "By Jane Doe", "publishedTime": None}
    (folder / "expected-metadata.json").write_text(json.dumps(meta))
    (tmp_path / "test" / "test-pages" / "002").mkdir()  # no source.html: not a page
    [page] = goldsets.readability_pages(tmp_path)
    assert (page.name, page.held_out) == ("001", True)
    assert page.body == "The ministers agreed. Kyivska said so."  # blocks apart, as read
    assert page.html.startswith('<meta charset="windows-1251"><p>Министры')
    assert page.fields == {"title": "Ministers agree", "author": "By Jane Doe", "date": ""}


def test_fundus_pages_pair_each_parser_version_with_its_crawl(tmp_path: Path) -> None:
    folder = tmp_path / "tests" / "resources" / "parser" / "test_data" / "de"
    folder.mkdir(parents=True)
    body = {
        "summary": ["The ministers agreed."],
        "sections": [{"headline": ["Talks"], "paragraphs": ["Two days.", "No deal."]}],
    }
    expected = {  # versions named out of date order in the file, as fundus's JSON may be
        "V1_1": {"authors": [], "body": body, "title": "Later", "publishing_date": "2025-01-02"},
        "V1": {
            "authors": ["Jane Doe", "John Roe"],
            "body": {"summary": [], "sections": []},
            "publishing_date": "2023-04-28 04:00:00+02:00",
            "title": "Earlier",
        },
    }
    (folder / "Outlet.json").write_text(json.dumps(expected))
    for day, text in (("2025_01_02", "later page"), ("2023_04_28", "earlier page")):
        (folder / f"Outlet_{day}.html.gz").write_bytes(gzip.compress(f"<p>{text}</p>".encode()))
    crawled = {
        f"Outlet_{day}.html.gz": {"url": "https://example.org/", "crawl_date": f"{at}.148171"}
        for day, at in (
            ("2025_01_02", "2025-01-02 20:32:23"),
            ("2023_04_28", "2023-04-28 09:05:00"),
        )
    }
    (folder / "meta.info").write_text(json.dumps(crawled))
    earlier, later = goldsets.fundus_pages(tmp_path)
    assert (earlier.name, earlier.html) == ("de/Outlet_2023_04_28", "<p>earlier page</p>")
    assert earlier.fields == {
        "title": "Earlier",
        "author": "Jane Doe; John Roe",
        "date": "2023-04-28 04:00:00+02:00",
    }
    assert later.fields == {"title": "Later", "author": "", "date": "2025-01-02"}
    assert later.body == "The ministers agreed.\n\nTalks\n\nTwo days.\n\nNo deal."
    assert earlier.held_out == later.held_out == goldsets.held_out("de/Outlet")
    assert (earlier.captured, later.captured) == ("2023-04-28T09:05:00", "2025-01-02T20:32:23")


def test_the_dump_benchmark_scores_both_dumps_and_trafilatura(tmp_path: Path) -> None:
    page = GoldPage(
        "p",
        ARTICLE,
        {"title": "Ministers agree to extend the grain corridor", "date": "2024-03-03"},
        "The ministers agreed on Sunday to extend the corridor for another year",
    )
    summary = dumps.summarise([page], dumps.run_pages([page]))
    systems = summary["held-out"]
    assert set(systems) == {
        "cleaner (inscriptis dump)",
        "cleaner (wrapped at 80 dump)",
        "baseline: lines of >= 10 words",
        "HTML path: the clean step",
        next(s for s in systems if s.startswith("reference: trafilatura")),
    }
    ours = systems["cleaner (inscriptis dump)"]
    assert ours["tokens"]["recall"] == 1.0
    assert ours["fields"]["title"]["accuracy"] == 1.0
    assert ours["fields"]["date"]["accuracy"] == 1.0
    assert "fields" not in systems["baseline: lines of >= 10 words"]
    html = systems["HTML path: the clean step"]
    assert html["tokens"]["recall"] == 1.0
    assert html["fields"]["title"]["accuracy"] == 1.0
    assert "| held-out (1) | cleaner (inscriptis dump) |" in dumps.table("x", summary, 1)


POSTLIGHT_TEST = r"""
describe('ExampleExtractor', () => {
  describe('initial test case', () => {
    beforeAll(() => {
      const html = fs.readFileSync('./fixtures/www.example.com.html');
      result = Mercury.parse(url, { html, fallback: false });
    });
    it('returns the title', async () => {
      const { title } = await result;
      assert.equal(
        title,
        `Ministers agree: \u201cno deal\u201d`
      );
    });
    it('returns the author', async () => {
      // assert.equal(author, 'Commented Out');
      assert.equal(author, 'Jane Doe and John O\'Roe');
    });
    /* assert.equal(date_published, '1999-01-01T00:00:00.000Z'); */
    it('returns the date_published', async () => {
      const new_date_published = moment(date_published).format().split('T')[0];
      assert.equal(new_date_published, '2024-03-03');
    });
    it('returns the dek', async () => {
      assert.equal(dek, 'Not a field we score');
    });
  });
  it('works with a second page', async () => {
    const html = fs.readFileSync(
      './fixtures/www.example.com--second.html'
    );
    assert.equal(title.split('|')[0], 'A part of a title');
    assert.equal(author, null);
    assert.equal(date_published, "2019-04-15T13:18:34.000Z");
  });
  it('works with a page without asserted fields', async () => {
    const html = fs.readFileSync('./fixtures/www.example.com--third.html');
    assert.equal(first13, 'Some words');
  });
});
"""


def test_postlight_values_are_those_each_page_s_test_asserts() -> None:
    assert goldsets.postlight_expected(POSTLIGHT_TEST) == {
        "www.example.com.html": {
            "title": "Ministers agree: \u201cno deal\u201d",
            "author": "Jane Doe and John O'Roe",
            "date": "2024-03-03",
        },
        "www.example.com--second.html": {"author": "", "date": "2019-04-15T13:18:34.000Z"},
    }


def test_postlight_pages_are_read_from_a_checkout_and_all_held_out(tmp_path: Path) -> None:
    (tmp_path / "src/extractors/custom/www.example.com").mkdir(parents=True)
    (tmp_path / "src/extractors/custom/www.example.com/index.test.js").write_text(POSTLIGHT_TEST)
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures/www.example.com.html").write_text(ARTICLE)
    # the second page's file is missing: no page
    [page] = goldsets.postlight_pages(tmp_path)
    assert (page.name, page.held_out, page.body, page.with_) == (
        "www.example.com.html",
        True,
        None,
        (),
    )
    assert page.fields["date"] == "2024-03-03"
    summary = dumps.summarise([page], dumps.run_pages([page]))["held-out"]
    assert "baseline: lines of >= 10 words" not in summary  # no gold body, no fields
    assert "tokens" not in summary["cleaner (inscriptis dump)"]
    assert summary["cleaner (inscriptis dump)"]["fields"]["date"]["accuracy"] == 1.0
    row = next(
        r
        for r in dumps.table("postlight", {"held-out": summary}, 1).splitlines()
        if "inscriptis" in r
    )
    assert row.startswith("| held-out (1) | cleaner (inscriptis dump) | – | – | – |")
