"""The cleaner benchmark's renderer, metric, baselines and loaders, on tiny inline inputs."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

from bench.cleaner import baselines, datasets, metrics, run
from bench.cleaner.datasets import Page
from bench.cleaner.render import render

ARTICLE = """<!DOCTYPE html><html><head><title>Site title</title><style>p {color: red}</style>
<script>var x = "script text";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<h1>Ministers  meet</h1><p>First <b>bold</b>
paragraph, one line.</p><p>Second<br>line</p>
<div hidden>hidden text</div><div style="display: none">undisplayed text</div>
<noscript>enable scripts</noscript><template>template text</template>
<table><tr><td>cell one</td><td>cell two</td></tr><tr><td>cell three</td></tr></table>
</body></html>"""


def test_render_gives_one_line_per_block_and_blank_lines_around_paragraphs():
    lines = render(ARTICLE).splitlines()
    assert lines[:2] == ["Home", "World"]  # list items: no bullet, no indentation
    text = render(ARTICLE)
    assert "Ministers meet\n\nFirst bold paragraph, one line.\n\nSecond\nline" in text


def test_render_drops_what_a_browser_does_not_show():
    text = render(ARTICLE)
    for absent in ("Site title", "color", "script", "hidden", "undisplayed", "enable", "template"):
        assert absent not in text


def test_render_keeps_table_cells_in_reading_order():
    text = render(ARTICLE)
    assert text.index("cell one") < text.index("cell two") < text.index("cell three")
    assert "cell one cell two" in text


def test_render_puts_drop_down_options_on_lines_of_their_own():
    text = render("<p>Archive<select><option>May 2019</option><option>April 2019</option></select>")
    assert text.splitlines() == ["Archive", "May 2019", "April 2019"]


def test_render_accepts_empty_pages_and_xml_declarations():
    assert render("") == ""
    assert render("<!-- nothing -->") == ""
    xml = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Zürich</p></body></html>'
    assert render(xml).strip() == "Zürich"


def test_tokens_ignore_punctuation_and_split_unspaced_scripts():
    assert metrics.tokens("“Hello,” she said — 3+3 format.") == [
        "Hello", "she", "said", "3", "3", "format",
    ]  # fmt: skip
    assert metrics.tokens("国防部长 met") == ["国", "防", "部", "长", "met"]


def test_shingles_are_runs_of_four_tokens_or_the_whole_short_text():
    assert metrics.shingles("a b c d e") == [("a", "b", "c", "d"), ("b", "c", "d", "e")]
    assert metrics.shingles("a b") == [("a", "b")]
    assert metrics.shingles("") == []


def test_compare_counts_a_multiset_overlap():
    counts = metrics.compare(["a", "a", "b", "c"], ["a", "b", "b", "d"])
    assert counts == metrics.Counts(tp=2, fp=2, fn=2)
    assert counts.precision == counts.recall == counts.f1 == 0.5


def test_empty_sides_score_one_only_when_both_are_empty():
    assert metrics.compare([], []).f1 == 1.0
    assert metrics.compare(["a"], []).precision == 0.0
    assert metrics.compare([], ["a"]).recall == 0.0


def test_micro_pools_units_while_macro_averages_pages():
    long_right = metrics.Counts(tp=90, fp=0, fn=10)
    short_wrong = metrics.Counts(tp=0, fp=10, fn=10)
    assert metrics.micro([long_right, short_wrong])["precision"] == pytest.approx(0.9)
    assert metrics.macro([long_right, short_wrong])["precision"] == pytest.approx(0.5)


def test_bootstrap_is_repeatable_and_zero_when_pages_agree():
    pages = [metrics.Counts(5, 1, 2), metrics.Counts(1, 5, 0), metrics.Counts(3, 3, 3)]
    assert metrics.bootstrap_std(pages) == metrics.bootstrap_std(pages) > 0
    assert metrics.bootstrap_std([metrics.Counts(1, 1, 1)] * 3) == 0.0


def test_long_lines_keeps_only_lines_of_enough_words():
    dump = "Home\nWorld\none two three four five six seven eight nine ten\nshort line"
    assert baselines.long_lines(dump) == "one two three four five six seven eight nine ten"
    assert baselines.all_text(dump) == dump


def test_unique_drops_pages_with_repeated_html():
    pages = [Page("a", "<p>x</p>", "x"), Page("b", "<p>x</p>", "y"), Page("c", "<p>z</p>", "z")]
    assert [p.name for p in datasets.unique(pages)] == ["a", "c"]


def test_scrapinghub_pages_reads_a_checkout(tmp_path: Path):
    truth = {"k2": {"articleBody": "Body two", "url": "u"}, "k1": {"articleBody": "Body one"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    (tmp_path / "html").mkdir()
    for key in truth:
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(f"<p>{key}é</p>".encode()))
    pages = datasets.scrapinghub_pages(tmp_path)
    assert pages == [Page("k1", "<p>k1é</p>", "Body one"), Page("k2", "<p>k2é</p>", "Body two")]


def test_newspaper4k_pages_pairs_html_with_expected_text(tmp_path: Path):
    sdist = tmp_path / "newspaper4k-0.9.6.tar.gz"
    files = {
        "html/a.html": "<p>A</p>",
        "txt/a.txt": "A",
        "html/only_html.html": "<p>B</p>",
        "txt/only_text.txt": "C",
    }
    with tarfile.open(sdist, "w:gz") as archive:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"newspaper4k-0.9.6/tests/data/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    assert datasets.newspaper4k_pages(sdist) == [Page("a", "<p>A</p>", "A")]


def _not_written_yet(page: Page, dump: str) -> str:
    from no_such_module_here import segment  # type: ignore[import-not-found]

    return str(segment(dump))


def test_evaluate_scores_systems_and_writes_the_doc_block(tmp_path: Path):
    pages = [
        Page("p1", "<nav>Menu Home</nav><p>" + "word " * 12 + "</p>", "word " * 12),
        Page("p2", "<p>Only body here</p>", "Only body here"),
    ]
    systems: dict[str, tuple[str, run.System]] = {
        "all": ("dump", run._all_text),
        "nothing": ("dump", lambda page, dump: ""),
        "missing": ("dump", _not_written_yet),
    }
    result = run.evaluate(datasets.NEWSPAPER4K, pages, systems)
    everything = result["systems"]["all"]["tokens"]
    assert everything["micro"]["recall"] == 1.0
    assert everything["micro"]["precision"] == round(15 / 17, 4)
    assert result["systems"]["nothing"]["tokens"]["micro"]["f1"] == 0.0
    assert "no_such_module_here" in result["systems"]["missing"]["error"]
    assert [p["name"] for p in result["pages"]] == ["p1", "p2"]

    doc = tmp_path / "doc.md"
    doc.write_text(
        "intro\n<!-- bench:newspaper4k -->\nstale table\n<!-- /bench:newspaper4k -->\nend\n"
    )
    run.write({"newspaper4k": result}, tmp_path / "out.json", doc)
    text = doc.read_text()
    assert "stale table" not in text and text.startswith("intro\n") and text.endswith("end\n")
    assert "| all | dump | 0.882 | 1.000 | **0.938** |" in text
    assert "| missing | dump | not run:" in text
    assert set(json.loads((tmp_path / "out.json").read_text())) == {"newspaper4k"}


def test_replace_block_refuses_a_doc_without_the_block():
    with pytest.raises(ValueError, match="bench:scrapinghub"):
        run.replace_block("no markers", "scrapinghub", "table")
