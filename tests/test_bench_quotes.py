"""The quotation benchmark's matching, counting, loader and command, on a synthetic page."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.quotes import gold, metrics, pick
from bench.quotes.metrics import Found
from bench.quotes.run import BLIND

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "The mayor spoke on Monday.\n"
    '"We will build the bridge," Jane Smith said.\n'
    'Smith called it "a good day".\n'
    '"It is late," he said. Critics called it a "boondoggle".\n'
)
BRIDGE = "We will build the bridge,"
LATE = "It is late,"


def _quote(text: str, kind: str, speaker: str, mention: str) -> dict[str, object]:
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "text": text, "kind": kind}, {
        "speaker": speaker,
        "mention": mention,
    }


def _gold_quotes() -> list[dict[str, object]]:
    items = [
        _quote(BRIDGE, "quote", "Jane Smith", "Jane Smith"),
        _quote("a good day", "partial", "Jane Smith", "Smith"),
        _quote(LATE, "quote", "Jane Smith", "he"),
    ]
    return [span | who for span, who in items]


GOLD = tuple(gold.GoldQuote(**q) for q in _gold_quotes())


def test_a_page_is_scored_by_matching_words_one_to_one():
    found = [
        Found("“we will BUILD the bridge”", "Smith", "Jane Smith"),  # marks and case ignored
        Found("a good day"),  # optional: neither right nor wrong
        Found("It is late", "the mayor", "The Mayor"),  # right quote, wrong speaker
        Found("boondoggle"),  # a scare quote: false
        Found("It is late"),  # the same quotation twice: the second is false
    ]
    c = metrics.score("p", GOLD, found)
    assert (c.gold, c.optional, c.found, c.correct, c.ignored) == (2, 1, 5, 2, 1)
    assert c.precision == pytest.approx(2 / 4) and c.recall == 1.0
    assert (c.named, c.named_right, c.unnamed_right) == (2, 1, 0)
    assert c.speaker_accuracy == pytest.approx(0.5) and c.speaker_precision == pytest.approx(0.5)
    assert (c.persons, c.persons_right, c.person_identified) == (2, 1, 0.5)
    assert [e["text"] for e in c.false] == ["boondoggle", "It is late"]
    assert [e["gold_mention"] for e in c.wrong_speaker] == ["he"]
    assert c.missed == []


def test_missed_quotations_count_against_recall_only():
    c = metrics.score("p", GOLD, [Found(BRIDGE, "he", "")])
    assert (c.correct, c.recall, c.precision) == (1, 0.5, 1.0)
    assert [m["text"] for m in c.missed] == [LATE]
    assert c.speaker_accuracy == 0.0  # "he" is not the mention of this quotation
    empty = metrics.score("p", GOLD, [])
    assert (empty.recall, empty.precision, empty.found) == (0.0, 1.0, 0)


def test_a_quotation_matches_when_half_its_words_line_up():
    assert metrics.similarity(["a", "b"], ["a", "b", "c"]) == pytest.approx(0.8)
    longer = Found("We will build the bridge, he said, and the road")
    assert metrics.score("p", GOLD, [longer]).correct == 1  # 5 of 10 + 5 words: 0.667
    assert metrics.score("p", GOLD, [Found("bridge")]).correct == 0  # 2·1/(1+5) = 0.333
    # two found parts compete for one gold quotation: the closer one wins, the other is false
    c = metrics.score("p", GOLD, [Found("We will build"), Found("We will build the bridge")])
    assert (c.correct, len(c.false), c.false[0]["text"]) == (1, 1, "We will build")


def test_speaker_and_person_rules():
    bridge, late = GOLD[0], GOLD[2]
    assert metrics.speaker_right(bridge, "Sen. Jane Smith")  # contains the full name
    assert metrics.speaker_right(bridge, "Smith")  # part of the name
    assert not metrics.speaker_right(bridge, "")
    assert not metrics.speaker_right(bridge, "Mr.")  # titles are not names
    assert metrics.speaker_right(late, "he") and not metrics.speaker_right(late, "she")
    unnamed = gold.GoldQuote(0, 1, "x", "quote", "", "the patient")
    assert metrics.speaker_right(unnamed, "") and metrics.speaker_right(unnamed, "The patient")
    assert not metrics.speaker_right(unnamed, "Owen Dempsey")
    assert metrics.person_identified(bridge, "Dr. Jane Smith")
    assert metrics.person_identified(bridge, "Jane Q. Smith")  # one word more is allowed
    assert not metrics.person_identified(bridge, "Smith")
    assert not metrics.person_identified(bridge, "Mayor Jane Smith of Springfield")
    assert not metrics.person_identified(unnamed, "")


def test_a_middle_initial_is_no_other_person():
    # PolNeAR dev: the Source "Mr. Burman", the article's full name "Leonard E. Burman"
    burman = gold.GoldQuote(0, 1, "x", "quote", "Mr. Burman", "Mr. Burman")
    assert metrics.person_identified(burman, "Leonard E. Burman")
    assert metrics.person_identified(burman, "Leonard Burman")
    assert not metrics.person_identified(burman, "E. Leonard Smith")  # the surname must be there


def test_middle_names_suffixes_and_a_mention_s_name():
    # PolNeAR train: "Mr. Cruz" of "Rafael Edward Cruz", "Mr. Biden" of "Joseph R. Biden Jr."
    cruz = gold.GoldQuote(0, 1, "x", "quote", "Mr. Cruz", "Mr. Cruz")
    assert metrics.person_identified(cruz, "Rafael Edward Cruz")  # given and middle names
    assert not metrics.person_identified(cruz, "Cruz Rafael Edward")  # the surname ends it
    assert not metrics.person_identified(cruz, "Rafael Edward Cruz Smith")
    biden = gold.GoldQuote(0, 1, "x", "quote", "Joe Biden", "Mr. Biden")
    assert metrics.person_identified(biden, "Joe R. Biden Jr.")  # an initial, a suffix
    assert metrics.person_identified(biden, "Joe W Biden")  # an initial without its stop
    assert not metrics.person_identified(biden, "Joe Robinette Hunter Biden")  # two more
    ryan = gold.GoldQuote(0, 1, "x", "quote", "House Speaker Paul Ryan", "House Speaker Paul Ryan")
    assert not metrics.person_identified(ryan, "Paul Ryan")  # a full name, as annotated
    mention = gold.GoldQuote(0, 1, "x", "quote", ryan.speaker, ryan.mention, sources=((0, 23),))
    assert metrics.person_identified(mention, "Paul Ryan")  # the full name in the mention
    assert not metrics.person_identified(mention, "Ryan")  # a surname is no full name
    assert not metrics.person_identified(mention, "Paul Smith")


def _checkout(tmp_path: Path, text: str = TEXT) -> tuple[Path, Path, str]:
    """A one-page Scrapinghub-style checkout and its gold folder, the page filed by its hash."""
    page = "a" * 64
    checkout = tmp_path / "aeb"
    (checkout / "html").mkdir(parents=True)
    truth = {page: {"articleBody": text, "url": "https://news.example/story"}}
    (checkout / "ground-truth.json").write_text(json.dumps(truth))
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    html = f"<html><body>{paragraphs}</body></html>"
    (checkout / "html" / f"{page}.html.gz").write_bytes(gzip.compress(html.encode()))
    split = gold.splits_of("scrapinghub", page)[0]  # by its hash (heldout4 is the other choice)
    folder = tmp_path / "gold" / split
    folder.mkdir(parents=True)
    annotation = {
        "dataset": "scrapinghub",
        "page": page,
        "url": "https://news.example/story",
        "outlet": "news.example",
        "text_sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
        "quotes": _gold_quotes(),
    }
    (folder / "scrapinghub-aaaa.json").write_text(json.dumps(annotation))
    return checkout, tmp_path / "gold", split


def _bench(tmp_path: Path, checkout: Path, gold_dir: Path) -> subprocess.CompletedProcess[str]:
    doc = tmp_path / "doc.md"
    doc.write_text("# Doc\n\n<!-- bench:quotes -->\nold\n<!-- /bench:quotes -->\nkept\n")
    command = [sys.executable, "-m", "bench.quotes", "--checkout", str(checkout)]
    command += ["--gold", str(gold_dir), "--json", str(tmp_path / "q.json"), "--doc", str(doc)]
    command.append("--html")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_command_scores_the_baselines_with_known_answers(tmp_path):
    checkout, gold_dir, split = _checkout(tmp_path)
    result = _bench(tmp_path, checkout, gold_dir)
    assert result.returncode == 0, result.stderr
    systems = json.loads((tmp_path / "q.json").read_text())["splits"][split]["systems"]
    regex = systems["baseline: regex"]
    # four quoted spans: two required (found, speakers "Jane Smith" and "he"), one optional,
    # one scare quote; "he" is the right mention but not the full name
    assert (regex["found"], regex["correct"], regex["quote_precision"]) == (4, 2, 0.6667)
    assert (regex["quote_recall"], regex["speaker_accuracy"], regex["person_identified"]) == (
        1.0,
        1.0,
        0.5,
    )
    nearest = systems["baseline: nearest name"]
    assert (nearest["person_identified"], nearest["speaker_precision"]) == (1.0, 1.0)
    assert [e["text"] for e in regex["false"]] == ["boondoggle"]
    assert {"pipeline", "pipeline (HTML page)"} <= systems.keys()
    assert systems["pipeline (HTML page)"]["reads"] == "HTML"
    doc = (tmp_path / "doc.md").read_text()
    assert "old" not in doc and doc.endswith("<!-- /bench:quotes -->\nkept\n")
    assert "| baseline: regex | text | 4 | 0.667 | 1.000 | 1.000 | **0.500** | 1.000 |" in doc


def test_the_command_refuses_a_changed_text_or_a_misfiled_page(tmp_path):
    checkout, gold_dir, split = _checkout(tmp_path, TEXT.replace("Monday", "Sunday"))
    result = _bench(tmp_path, checkout, gold_dir)
    assert result.returncode == 1 and "text differs" in result.stderr
    assert not (tmp_path / "q.json").exists()
    other = "test" if split == "dev" else "dev"
    checkout, gold_dir, split = _checkout(tmp_path / "second")
    (gold_dir / split).rename(gold_dir / other)
    result = _bench(tmp_path, checkout, gold_dir)
    assert result.returncode == 1 and "hashes to the other split" in result.stderr


def test_the_committed_gold_is_split_by_page_hash_and_well_formed():
    pages = 0
    for split in gold.SPLITS:
        for path in (ROOT / "bench/quotes/gold" / split).glob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            assert split in gold.splits_of(data["dataset"], data["page"]), path
            for q in data["quotes"]:
                assert q["kind"] in gold.KINDS and q["end"] - q["start"] == len(q["text"]), path
            pages += 1
    assert pages >= 30


def _heldout_checkouts(tmp_path: Path) -> tuple[Path, Path, Path, str]:
    """A one-page trafilatura ``tests/`` folder, a one-page Readability checkout, and a gold
    folder annotating both pages' text as the bench extracts it."""
    paragraphs = "".join(f"<p>{line}</p>" for line in TEXT.splitlines())
    html = f"<html><body><article><h1>Bridge</h1>{paragraphs}</article></body></html>"
    tests = tmp_path / "trafilatura" / "tests"
    (tests / "cache").mkdir(parents=True)
    (tests / "cache" / "news.example.bridge.html").write_text(html)
    urls = {"https://news.example/bridge": {"file": "news.example.bridge.html"}}
    (tests / "evaldata.json").write_text(json.dumps(urls))
    page = tmp_path / "readability" / "test" / "test-pages" / "bridge-1"
    page.mkdir(parents=True)
    (page / "source.html").write_text(html)
    (page / "expected.html").write_text(paragraphs)
    text = gold.extract_text(html)
    quotes = []
    for item in _gold_quotes():
        start = text.index(str(item["text"]))
        quotes.append(item | {"start": start, "end": start + len(str(item["text"]))})
    folder = tmp_path / "gold" / "heldout"
    folder.mkdir(parents=True)
    for dataset, name in (("trafilatura", "news.example.bridge.html"), ("readability", "bridge-1")):
        annotation = {
            "dataset": dataset,
            "page": name,
            "url": "https://news.example/bridge",
            "outlet": "news.example",
            "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
            "quotes": quotes,
        }
        stem = name.removesuffix(".html")
        (folder / f"{dataset}-{stem}.json").write_text(json.dumps(annotation))
    return tests, tmp_path / "readability", tmp_path / "gold", text


def _heldout_bench(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "<!-- bench:quotes -->\ndev and test\n<!-- /bench:quotes -->\n"
        "<!-- bench:quotes-heldout -->\nold\n<!-- /bench:quotes-heldout -->\n"
    )
    command = [sys.executable, "-m", "bench.quotes", "--split", "heldout", *options]
    command += ["--json", str(tmp_path / "q.json"), "--doc", str(doc)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_heldout_split_reads_trafilatura_and_readability_pages(tmp_path):
    tests, readability, gold_dir, text = _heldout_checkouts(tmp_path)
    where = ["--gold", str(gold_dir), "--trafilatura", str(tests)]
    result = _heldout_bench(tmp_path, *where, "--readability", str(readability))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "q.json").read_text())
    assert list(data["splits"]) == ["heldout"]
    regex = data["splits"]["heldout"]["systems"]["baseline: regex"]
    assert (regex["found"], regex["correct"], regex["gold"]) == (8, 4, 4)  # both pages
    names = {p["name"] for p in data["pages"]}
    assert names == {"trafilatura-news.example.bridge", "readability-bridge-1"}
    doc = (tmp_path / "doc.md").read_text()
    assert "dev and test" in doc and "old" not in doc  # only the heldout block is replaced
    assert "**heldout**: 2 pages from 1 outlets, 4 required quotations" in doc
    missing = _heldout_bench(tmp_path, *where)
    assert missing.returncode == 2 and "--readability" in missing.stderr
    (tests / "cache" / "news.example.bridge.html").write_text(
        (tests / "cache" / "news.example.bridge.html").read_text().replace("Monday", "Sunday")
    )
    changed = _heldout_bench(tmp_path, *where, "--readability", str(readability))
    assert changed.returncode == 1 and "text differs" in changed.stderr
    assert "Monday" in text


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command of the bench from the repository's root."""
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def _split_command(
    tmp_path: Path, gold_dir: Path, split: str, needs: str, *where: str
) -> tuple[list[str], Path]:
    """The bench's command for ``split`` (``where``: checkouts it also reads), writing its
    block of a doc of its own; run without ``needs``, the checkout the split reads, it is
    refused."""
    doc = tmp_path / "doc.md"
    doc.write_text(f"<!-- bench:quotes-{split} -->\nold\n<!-- /bench:quotes-{split} -->\n")
    command = [sys.executable, "-m", "bench.quotes", "--split", split, "--gold", str(gold_dir)]
    command += [*where, "--json", str(tmp_path / "q.json"), "--doc", str(doc)]
    missing = run(command)
    assert missing.returncode == 2 and needs in missing.stderr
    return command, doc


def test_the_heldout3_split_also_reads_goose3_pages(tmp_path):
    """heldout3's third source: goose3's ``tests/data/content/`` pages, filed only under
    heldout3 (as are trafilatura and Readability pages keyed above heldout's last one)."""
    tests, readability, gold_dir, _ = _heldout_checkouts(tmp_path)
    content = tmp_path / "goose3" / "tests" / "data" / "content"
    content.mkdir(parents=True)
    html = (tests / "cache" / "news.example.bridge.html").read_text()
    (content / "test_bridge.html").write_text(html)
    (content / "test_bridge.json").write_text(json.dumps({"url": "https://news.example/b"}))
    annotation = json.loads((gold_dir / "heldout" / "readability-bridge-1.json").read_text())
    (gold_dir / "heldout3").mkdir()
    page = gold_dir / "heldout3" / "goose3-test_bridge.json"
    page.write_text(json.dumps(annotation | {"dataset": "goose3", "page": "test_bridge.html"}))
    where = ["--trafilatura", str(tests), "--readability", str(readability)]
    command, doc = _split_command(tmp_path, gold_dir, "heldout3", "--goose3", *where)
    result = run([*command, "--goose3", str(tmp_path / "goose3")])
    assert result.returncode == 0, result.stderr
    assert "**heldout3**: 1 pages from 1 outlets, 2 required quotations" in doc.read_text()
    page.rename(gold_dir / "heldout" / page.name)
    misfiled = run([*command, "--split", "heldout", "--goose3", str(tmp_path / "goose3")])
    assert misfiled.returncode == 1 and "filed under heldout" in misfiled.stderr
    assert gold.splits_of("trafilatura", "timesofisrael.com.washington.html")[0] == "heldout"
    assert gold.splits_of("trafilatura", "politico.com.retirement.html")[0] == "heldout3"


def test_the_heldout4_split_reads_scrapinghub_pages_from_the_checkout(tmp_path):
    """heldout4's pages are Scrapinghub pages no other split uses: read with ``--checkout``,
    filed under heldout4 or under their hash's split (a newspaper4k page only under the
    latter), and written into their own block."""
    checkout, gold_dir, split = _checkout(tmp_path)
    (gold_dir / split).rename(gold_dir / "heldout4")
    command, doc = _split_command(tmp_path, gold_dir, "heldout4", "--checkout")
    result = run([*command, "--checkout", str(checkout)])
    assert result.returncode == 0, result.stderr
    assert "**heldout4**: 1 pages from 1 outlets, 2 required quotations" in doc.read_text()
    pages = json.loads((tmp_path / "q.json").read_text())["pages"]
    assert [p["split"] for p in pages] == ["heldout4"]
    assert gold.splits_of("scrapinghub", "a" * 64) == (split, "heldout4")
    assert gold.splits_of("newspaper4k", "time_001") in {("dev",), ("test",)}


def test_the_heldout5_split_reads_postlight_fixtures(tmp_path):
    """heldout5's pages are Postlight Parser's ``fixtures/*.html``: read with ``--postlight``,
    filed only under heldout5, written into their own block, and listed by ``pick`` with the
    address their test gives."""
    tests, readability, gold_dir, _ = _heldout_checkouts(tmp_path)
    checkout = tmp_path / "postlight"
    (checkout / "fixtures").mkdir(parents=True)
    (checkout / "fixtures" / "news.example.html").write_text(
        (tests / "cache" / "news.example.bridge.html").read_text()
    )
    test = checkout / "src" / "extractors" / "custom" / "news.example" / "index.test.js"
    test.parent.mkdir(parents=True)
    test.write_text(
        "const url = 'https://news.example/bridge';\n"
        "const html = fs.readFileSync('./fixtures/news.example.html');\n"
    )
    annotation = json.loads((gold_dir / "heldout" / "readability-bridge-1.json").read_text())
    (gold_dir / "heldout5").mkdir()
    page = gold_dir / "heldout5" / "postlight-news.example.json"
    page.write_text(json.dumps(annotation | {"dataset": "postlight", "page": "news.example.html"}))
    command, doc = _split_command(tmp_path, gold_dir, "heldout5", "--postlight")
    result = run([*command, "--postlight", str(checkout)])
    assert result.returncode == 0, result.stderr
    assert "**heldout5**: 1 pages from 1 outlets, 2 required quotations" in doc.read_text()
    page.rename(gold_dir / "heldout" / page.name)
    where = ["--trafilatura", str(tests), "--readability", str(readability)]
    misfiled = run([*command, "--split", "heldout", *where, "--postlight", str(checkout)])
    assert misfiled.returncode == 1 and "filed under heldout" in misfiled.stderr
    assert gold.splits_of("postlight", "news.example.html") == ("heldout5", "heldout6")
    listed = list(pick.pages(None, None, postlight=checkout))
    assert listed == [("postlight", "news.example.html", "https://news.example/bridge")]


def test_the_heldout6_split_reads_every_heldout_source(tmp_path):
    """heldout6's pages come from trafilatura's, Readability's, goose3's and Postlight's test
    pages (never Scrapinghub's or newspaper4k's): it needs all four checkouts and writes its
    own block."""
    tests, readability, gold_dir, _ = _heldout_checkouts(tmp_path)
    (gold_dir / "heldout").rename(gold_dir / "heldout6")
    (tmp_path / "goose3" / "tests" / "data" / "content").mkdir(parents=True)
    (tmp_path / "postlight" / "fixtures").mkdir(parents=True)
    where = ["--trafilatura", str(tests), "--readability", str(readability)]
    where += ["--goose3", str(tmp_path / "goose3")]
    command, doc = _split_command(tmp_path, gold_dir, "heldout6", "--postlight", *where)
    result = run([*command, "--postlight", str(tmp_path / "postlight")])
    assert result.returncode == 0, result.stderr
    assert "**heldout6**: 2 pages from 1 outlets, 4 required quotations" in doc.read_text()
    for dataset in gold.HELDOUT:
        assert gold.splits_of(dataset, "news.example.html")[-1] == "heldout6"
    assert "heldout6" not in gold.splits_of("scrapinghub", "a" * 64)
    assert "heldout6" not in gold.splits_of("newspaper4k", "time_001")


def _fundus_checkout(tmp_path: Path, html: str) -> Path:
    """A Fundus checkout with one parser test page, ``xx/News_2024_01_01``, and its URL."""
    checkout = tmp_path / "fundus"
    folder = checkout / gold.FUNDUS_PAGES / "xx"
    folder.mkdir(parents=True)
    (folder / "News_2024_01_01.html.gz").write_bytes(gzip.compress(html.encode()))
    meta = {"News_2024_01_01.html.gz": {"url": "https://www.news.example/bridge"}}
    (folder / "meta.info").write_text(json.dumps(meta))
    return checkout


@pytest.mark.parametrize("split", ["heldout7", "heldout8"])
def test_the_fundus_splits_read_fundus_pages(tmp_path, split):
    """heldout7's and heldout8's pages are Fundus's gunzipped parser test pages: read with
    ``--fundus``, named by their path under ``test_data/``, filed only under these two,
    written into their own block, and listed by ``pick`` in each split's order with the
    address ``meta.info`` gives; heldout8, blind, keeps its totals only (no page's figures,
    no missed, false or wrongly attributed quotation), heldout7 its details."""
    tests, readability, gold_dir, _ = _heldout_checkouts(tmp_path)
    checkout = _fundus_checkout(
        tmp_path, (tests / "cache" / "news.example.bridge.html").read_text()
    )
    annotation = json.loads((gold_dir / "heldout" / "readability-bridge-1.json").read_text())
    (gold_dir / split).mkdir()
    page = gold_dir / split / "fundus-xx-News_2024_01_01.json"
    page.write_text(json.dumps(annotation | {"dataset": "fundus", "page": "xx/News_2024_01_01"}))
    command, doc = _split_command(tmp_path, gold_dir, split, "--fundus")
    result = run([*command, "--fundus", str(checkout)])
    assert result.returncode == 0, result.stderr
    assert f"**{split}**: 1 pages from 1 outlets, 2 required quotations" in doc.read_text()
    written = json.loads((tmp_path / "q.json").read_text())
    blind = split == "heldout8"
    listed = [] if blind else [("fundus-xx-News_2024_01_01", split)]
    assert [(p["name"], p["split"]) for p in written["pages"]] == listed
    rows = written["splits"][split]["systems"]
    assert rows["baseline: regex"]["found"] == 4 and rows["baseline: regex"]["correct"] == 2
    details = {"pages", "missed", "false", "wrong_speaker"}
    assert all(bool(details & set(row)) is not blind for row in rows.values())
    assert ("boondoggle" in (tmp_path / "q.json").read_text()) is not blind
    assert len(result.stdout.splitlines()) == len(rows)  # one line of totals per system
    page.rename(gold_dir / "heldout" / page.name)
    where = ["--trafilatura", str(tests), "--readability", str(readability)]
    misfiled = run([*command, "--split", "heldout", *where, "--fundus", str(checkout)])
    assert misfiled.returncode == 1 and "filed under heldout" in misfiled.stderr
    assert gold.splits_of("fundus", "xx/News_2024_01_01") == ("heldout7", "heldout8")
    assert all(split not in gold.splits_of(d, "news.example.html") for d in gold.HELDOUT)
    listed = pick.fundus_order(checkout, split)
    assert listed == [("fundus", "xx/News_2024_01_01", "https://www.news.example/bridge")]
    key = hashlib.sha256(f"{split}:fundus:xx/News_2024_01_01".encode()).hexdigest()
    assert pick.walk_key(split, "fundus", "xx/News_2024_01_01") == key
    with pytest.raises(ValueError, match="pages need --fundus PATH"):
        gold.Texts(None, tmp_path).text("fundus", "xx/News_2024_01_01")


UUID = "0a1b2c3d-0000-4000-8000-000000000001"


def _l3s_folder(tmp_path: Path, html: str) -> Path:
    """An L3S-GN1 folder with one page, ``original/<UUID>.html``, and its line of
    ``url-mapping.txt``."""
    folder = tmp_path / "L3S-GN1"
    (folder / "original").mkdir(parents=True)
    (folder / "original" / f"{UUID}.html").write_text(html, encoding="latin-1")
    mapping = f"<urn:uuid:{UUID}>\thttp://www.news.example/bridge.html\n"
    (folder / "url-mapping.txt").write_text(mapping)
    return folder


def _l3s_split(tmp_path: Path, split: str) -> tuple[Path, Path, Path, Path, Path]:
    """The bridge page as an L3S-GN1 page (Latin-1, its name accented) annotated under
    ``split``: the trafilatura and Readability checkouts, the gold folder, the L3S-GN1
    folder and the page's gold file."""
    tests, readability, gold_dir, _ = _heldout_checkouts(tmp_path)
    html = (tests / "cache" / "news.example.bridge.html").read_text()
    folder = _l3s_folder(tmp_path, html.replace("Jane Smith", "Jane Sm\u00eeth"))
    text = gold.extract_text(html.replace("Jane Smith", "Jane Sm\u00eeth"))
    assert "Jane Sm\u00eeth" in text  # the Latin-1 page was decoded
    annotation = json.loads((gold_dir / "heldout" / "readability-bridge-1.json").read_text())
    quotes = []
    for q in annotation["quotes"]:
        start = text.index(q["text"])
        who = q["speaker"].replace("Smith", "Sm\u00eeth")
        quotes.append(q | {"start": start, "end": start + len(q["text"]), "speaker": who})
    (gold_dir / split).mkdir()
    page = gold_dir / split / f"l3s-gn1-{UUID}.json"
    sha = hashlib.sha256(text.encode()).hexdigest()
    fields = {"dataset": "l3s-gn1", "page": UUID, "text_sha256": sha, "quotes": quotes}
    page.write_text(json.dumps(annotation | fields))
    return tests, readability, gold_dir, folder, page


def test_heldout9_reads_l3s_gn1_pages_blind(tmp_path):
    """heldout9's pages are L3S-GN1's crawled HTML (``original/<uuid>.html``, decoded as the
    other heldout pages are): read with ``--l3s-gn1``, filed only under heldout9, scored as
    totals only (blind: no page, no missed, false or wrongly attributed quotation, in the JSON
    or on stdout), refused when the page's text changes or its folder is not given, and
    listed by ``pick`` in heldout9's order with the address ``url-mapping.txt`` gives."""
    tests, readability, gold_dir, folder, page = _l3s_split(tmp_path, "heldout9")
    command, doc = _split_command(tmp_path, gold_dir, "heldout9", "--l3s-gn1")
    result = run([*command, "--l3s-gn1", str(folder)])
    assert result.returncode == 0, result.stderr
    assert "**heldout9**: 1 pages from 1 outlets, 2 required quotations" in doc.read_text()
    written = json.loads((tmp_path / "q.json").read_text())
    assert written["pages"] == []  # no page of a blind split is listed
    rows = written["splits"]["heldout9"]["systems"]
    assert rows["baseline: regex"]["found"] == 4 and rows["baseline: regex"]["correct"] == 2
    assert not any(
        {"pages", "missed", "false", "wrong_speaker"} & set(row) for row in rows.values()
    )
    assert "boondoggle" not in (tmp_path / "q.json").read_text()
    assert len(result.stdout.splitlines()) == len(rows)  # one line of totals per system
    changed = (folder / "original" / f"{UUID}.html").read_text(encoding="latin-1")
    (folder / "original" / f"{UUID}.html").write_text(changed.replace("Monday", "Sunday"))
    refused = run([*command, "--l3s-gn1", str(folder)])
    assert refused.returncode == 1 and "text differs" in refused.stderr
    page.rename(gold_dir / "heldout" / page.name)
    where = ["--trafilatura", str(tests), "--readability", str(readability)]
    misfiled = run([*command, "--split", "heldout", *where, "--l3s-gn1", str(folder)])
    assert misfiled.returncode == 1 and "filed under heldout" in misfiled.stderr
    assert gold.splits_of("l3s-gn1", UUID) == ("heldout9", "l3s-dev")
    assert "heldout9" not in gold.splits_of("fundus", "xx/News_2024_01_01")
    assert gold.l3s_pages(folder) == {UUID: "http://www.news.example/bridge.html"}
    listed = pick.l3s_order(folder)
    assert listed == [("l3s-gn1", UUID, "http://www.news.example/bridge.html")]
    key = hashlib.sha256(f"heldout9:l3s-gn1:{UUID}".encode()).hexdigest()
    assert pick.walk_key("heldout9", "l3s-gn1", UUID) == key
    with pytest.raises(ValueError, match="pages need --l3s-gn1 PATH"):
        gold.Texts(None, tmp_path).text("l3s-gn1", UUID)


def test_l3s_dev_reads_l3s_gn1_pages_in_the_open(tmp_path):
    """l3s-dev, the development split of L3S-GN1 pages: read with ``--l3s-gn1`` (refused
    without it) and, not being blind, scored with its pages and its errors listed."""
    _, _, gold_dir, folder, _ = _l3s_split(tmp_path, "l3s-dev")
    command, doc = _split_command(tmp_path, gold_dir, "l3s-dev", "--l3s-gn1")
    result = run([*command, "--l3s-gn1", str(folder)])
    assert result.returncode == 0, result.stderr
    assert "**l3s-dev**: 1 pages from 1 outlets, 2 required quotations" in doc.read_text()
    written = json.loads((tmp_path / "q.json").read_text())
    assert [p["split"] for p in written["pages"]] == ["l3s-dev"]
    rows = written["splits"]["l3s-dev"]["systems"]
    assert "boondoggle" in {f["text"] for f in rows["baseline: regex"]["false"]}


def test_a_known_outlet_is_one_of_a_split_or_its_subdomain(tmp_path):
    """The outlet rule of heldout7 to heldout9: a host is known when it is a committed
    split's outlet, a subdomain of one, or has one as its subdomain."""
    outlets = {"news.example", "sport.paper.example"}
    assert pick.is_known("news.example", outlets)
    assert pick.is_known("www2.news.example", outlets)
    assert pick.is_known("paper.example", outlets)
    assert not pick.is_known("othernews.example", outlets)
    assert not pick.is_known("news.example.org", outlets)
    (tmp_path / "heldout").mkdir()
    (tmp_path / "heldout" / "a.json").write_text(json.dumps({"outlet": "news.example"}))
    assert pick.known_outlets(tmp_path) == {"news.example"}
    assert len(pick.known_outlets()) >= 247


def test_the_language_share_is_the_named_language_s_function_words():
    """heldout7's and heldout8's 4% rule: the share of a text's words that are function
    words of the language ``pick.language`` names."""
    assert pick.language_share("Der Hund und die Katze") == 0.6
    assert pick.language_share("Die Zeit and the man") == 0.4  # English: two of five
    assert pick.language_share("") == 0.0


HELDOUT_KEYS = {"dataset", "page", "url", "outlet", "text_sha256", "quotes"}
QUOTE_KEYS = {"start", "end", "text", "kind", "speaker", "mention"}


def _committed(split: str) -> list[dict]:
    folder = ROOT / "bench/quotes/gold" / split
    files = sorted(folder.glob("*.json"))
    read = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    return [data | {"file": p.name, "split": split} for p, data in zip(files, read, strict=True)]


# each held-out split: its pages, outlets and required quotations
HELDOUT_COUNTS = {
    "heldout": (31, 31, 196),
    "heldout2": (25, 25, 105),
    "heldout3": (20, 20, 147),
    "heldout4": (14, 14, 95),
    "heldout5": (25, 25, 156),
    "heldout6": (29, 29, 155),
    "heldout7": (25, 25, 154),
    "heldout8": (25, 25, 150),
    "heldout9": (25, 25, 182),
    "l3s-dev": (20, 20, 136),
}
# the splits whose outlets each one's rule refuses (heldout4 may reuse a dev or test outlet)
NEW_OUTLETS_AGAINST = {
    "heldout2": gold.SPLITS,
    "heldout3": gold.SPLITS,
    "heldout4": ("heldout", "heldout2", "heldout3"),
    "heldout5": gold.SPLITS,
    "heldout6": gold.SPLITS,
    "heldout7": gold.SPLITS,
    "heldout8": gold.SPLITS,
    "heldout9": gold.SPLITS,
    "l3s-dev": gold.SPLITS,
}


@pytest.mark.parametrize("split", HELDOUT_COUNTS)
def test_the_heldout_gold_is_well_formed_and_new(split):
    """What can be checked without the pages: the schema, the offsets' order, the hashes'
    shape, the counts the split promises, and that no page repeats one of another split."""
    heldout = _committed(split)
    for data in heldout:
        assert set(data) - {"file", "split"} == HELDOUT_KEYS, data["file"]
        assert split in gold.splits_of(data["dataset"], data["page"]), data["file"]
        stem = data["page"][:12] if data["dataset"] == "scrapinghub" else data["page"]
        stem = stem.removesuffix(".html").replace("/", "-")  # a Fundus page's folder
        assert data["file"] == f"{data['dataset']}-{stem}.json"
        assert re.fullmatch("[0-9a-f]{64}", data["text_sha256"]), data["file"]
        end = 0
        for q in data["quotes"]:
            assert set(q) == QUOTE_KEYS and q["kind"] in gold.KINDS, data["file"]
            assert end <= q["start"] < q["end"] and q["end"] - q["start"] == len(q["text"])
            assert q["text"] == q["text"].strip() and q["text"][0] not in '"“”„«»'
            end = q["end"]
        assert any(q["kind"] == "quote" for q in data["quotes"]), data["file"]
    required = sum(q["kind"] == "quote" for d in heldout for q in d["quotes"])
    outlets = {d["outlet"] for d in heldout}
    assert (len(heldout), len(outlets), required) == HELDOUT_COUNTS[split]
    earlier = [d for other in gold.SPLITS if other != split for d in _committed(other)]
    assert not {d["url"] for d in heldout if d["url"]} & {d["url"] for d in earlier}
    assert not {d["text_sha256"] for d in heldout} & {d["text_sha256"] for d in earlier}
    assert not {d["file"] for d in heldout} & {d["file"] for d in earlier}
    pages = {(d["dataset"], d["page"]) for d in heldout}
    assert not pages & {(d["dataset"], d["page"]) for d in earlier}
    refused = set(NEW_OUTLETS_AGAINST.get(split, ())) - {split}
    assert not outlets & {d["outlet"] for d in earlier if d["split"] in refused}


# the pages heldout7's walk read and left out of it (dropped, or read past its stop)
HELDOUT7_READ = {
    "de/HamburgerAbendblatt_2025_09_09",
    "de/Heise_2024_04_19",
    "de/Gamestar_2024_04_28",
    "ca/TheProvince_2026_06_06",
    "at/DiePresse_2025_06_05",
    "za/DurbanLocal_2025_11_09",
    "au/WestAustralian_2024_11_26",
    "my/MalayMail_2024_11_22",
    "jp/TheJapanNews_2024_10_13",
    "tw/TaipeiTimes_2024_10_15",
    "us/VoiceOfAmerica_2024_04_28",
    "za/TheCitizen_2025_11_28",
    "mx/MexicoNewsDaily_2025_04_16",
    "be/PoliticoEu_2025_10_23",
    "au/NineNews_2024_05_02",
}


def test_heldout8_reads_no_page_heldout7_read():
    """heldout8's rule 1 (gold README): none of its pages is one heldout7's walk read."""
    assert not {d["page"] for d in _committed("heldout8")} & HELDOUT7_READ


@pytest.mark.parametrize("split", ["heldout8", "heldout9", "l3s-dev"])
def test_no_outlet_is_an_earlier_split_s_or_its_subdomain(split):
    """heldout8's and heldout9's rule 3 and l3s-dev's rule 2: none of the split's outlets is,
    or is a subdomain of, or has as a subdomain, an outlet of an earlier split (heldout9's
    included, for l3s-dev) or another of its own."""
    earlier = gold.SPLITS[: gold.SPLITS.index(split)]
    known = {d["outlet"] for other in earlier for d in _committed(other)}
    hosts = [d["outlet"] for d in _committed(split)]
    for i, host in enumerate(hosts):
        assert not pick.is_known(host, known | set(hosts[:i])), host


def test_l3s_dev_continues_heldout9_s_walk():
    """l3s-dev's rule 1: every one of its pages comes after every page heldout9 took in
    heldout9's walk order, so the two splits share no page; it is a development split, so
    its per-page results are not hidden."""

    def key(d: dict) -> str:
        return pick.walk_key("heldout9", d["dataset"], d["page"])

    held, dev = _committed("heldout9"), _committed("l3s-dev")
    assert all(d["dataset"] == "l3s-gn1" for d in held + dev)
    assert min(map(key, dev)) > max(map(key, held))
    assert "l3s-dev" not in BLIND and "heldout9" in BLIND


TRAFILATURA = Path(os.environ.get("QUOTES_TRAFILATURA", "/work/devsets/trafilatura/tests"))
READABILITY = Path(os.environ.get("QUOTES_READABILITY", "/work/devsets/readability"))
GOOSE3 = Path(os.environ.get("QUOTES_GOOSE3", "/work/devsets/goose3"))  # heldout3's third source
SCRAPINGHUB = Path(os.environ.get("QUOTES_CHECKOUT", "/work/devsets/article-extraction-benchmark"))
POSTLIGHT = Path(os.environ.get("QUOTES_POSTLIGHT", "/work/devsets/postlight-parser"))
FUNDUS = Path(os.environ.get("QUOTES_FUNDUS", "/work/devsets/fundus"))  # heldout7's pages
L3S = Path(os.environ.get("QUOTES_L3S_GN1", "/work/devsets/l3s-gn1/L3S-GN1-20100130203947-00001"))
NEEDS = {  # the checkouts each split's pages are read from
    "heldout": (TRAFILATURA, READABILITY),
    "heldout2": (TRAFILATURA, READABILITY),
    "heldout3": (TRAFILATURA, READABILITY, GOOSE3),
    "heldout4": (SCRAPINGHUB,),
    "heldout5": (POSTLIGHT,),
    "heldout6": (TRAFILATURA, READABILITY, GOOSE3, POSTLIGHT),
    "heldout7": (FUNDUS,),
    "heldout8": (FUNDUS,),
    "heldout9": (L3S,),
    "l3s-dev": (L3S,),
}


@pytest.mark.parametrize("split", HELDOUT_COUNTS)
def test_the_heldout_gold_reproduces_its_text_where_the_pages_are_here(split):
    """With the checkouts at hand (:data:`NEEDS`: ``QUOTES_TRAFILATURA``,
    ``QUOTES_READABILITY``, ``QUOTES_GOOSE3``, ``QUOTES_CHECKOUT``, ``QUOTES_POSTLIGHT``,
    ``QUOTES_FUNDUS``, ``QUOTES_L3S_GN1``), every text hashes as annotated and every offset
    gives its quotation;
    without them (a clean CI machine has none), the loader still refuses to read a heldout
    page with no folder given."""
    here = all(folder.is_dir() for folder in NEEDS[split])
    if here:
        where = (TRAFILATURA, READABILITY, GOOSE3, POSTLIGHT, FUNDUS, L3S)
        texts = gold.Texts(SCRAPINGHUB, ROOT / "bench/out/data", *where)
        pages = gold.load(ROOT / "bench/quotes/gold", texts, (split,))
        assert len(pages) == HELDOUT_COUNTS[split][0] and all(p.split == split for p in pages)
    need = r"pages need --(trafilatura|readability|goose3|checkout|postlight|fundus|l3s-gn1) PATH"
    with pytest.raises(ValueError, match=need):
        gold.load(ROOT / "bench/quotes/gold", gold.Texts(None, ROOT), (split,))
