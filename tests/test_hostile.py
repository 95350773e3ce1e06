"""Hostile captures through the real CLI: whatever comes in, ``build`` exit 0 means
``validate`` (full and ``--fast``) and ``verify`` exit 0.

Each input is ingested on its own (ingest is all or nothing: one refusal must not hide the
others) and is either refused there with a one-line reason or built, as a document or as a
row of ``problems`` with its reason. Links, a folder named ``folder.txt``, truncated WARC
files and sidecars with bad rows go in as a folder or a sidecar with ``--skip-invalid``.
All of them (79 files, 8 more of those) share one build, to keep the module fast.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI

from pipeline.build import problems
from pipeline.project import Project

NESTED = "<div>" * 5000 + "<p>Deep inside the page, the talks went on.</p>" + "</div>" * 5000
ARTICLE = (
    "Iran and Russia signed a defence agreement in Moscow on Tuesday, the ministers said.\n\n"
    "The talks lasted two days and covered air defence and training, officials said.\n"
)
PAGE = "<html><head><title>Talks in Moscow</title></head><body>{}</body></html>"
QUOTED = "“We will keep working together,” the minister said in Moscow on Tuesday.\n\n"
HOSTILE: dict[str, str | bytes] = {
    # nothing, or next to nothing
    "blank.txt": "  \n",
    "empty.txt": b"",
    "whitespace.txt": " \t\n\r\n \f\v \n\t",
    "nul-only.txt": b"\x00" * 64,
    "bom-only.txt": b"\xef\xbb\xbf",
    "bom-only-utf16.txt": b"\xff\xfe",
    "nbsp.txt": "\u00a0\u00a0\n\u3000\n",
    "tiny.txt": "x",
    "tiny.html": "<p>x",
    "title-only.html": "<title>Talks in Moscow</title>",
    "empty.html": "<html><head><title></title></head><body></body></html>",
    "script-only.html": "<html><body><script>var a = '<p>not text</p>';</script></body></html>",
    "punctuation.txt": "...!!!???—–-\n\n" * 10,
    # HTML that no browser would be proud of
    "nested.html": f"<html><body>{NESTED}</body></html>",
    "nested-10k-unclosed.html": "<div>" * 10_000 + "<p>The talks went on in Moscow, they said.",
    "malformed.html": '<html><p>Unclosed <b><i>talks in <a href="x>Moscow</p></div></span>' * 30,
    "unclosed.html": "<html><body><p>The talks <b>went <i>on <div><span>" + ARTICLE,
    "broken-attributes.html": PAGE.format(
        '<p class="a b=\'c id=x>"Talks" in <a href=">>>">Moscow</a> <img src="a"b"c" alt=>'
        " ended on Tuesday, the ministers said.</p>"
    ),
    "gt-in-attribute.html": PAGE.format(
        "<p title=\"a > b\" data-x='</p><p>'>The talks > went on in Moscow.</p>"
        '<a href="x?a>b">the minister said</a>'
    ),
    "eof-in-attribute.html": '<p>The talks ended in Moscow <a href="https://example.org/',
    "comment-never-closed.html": PAGE.format("<p>Before the comment, talks.</p><!-- <p>Hidden"),
    "cdata.html": PAGE.format("<p>Talks <![CDATA[ in <b>Moscow</b> ]]> ended.</p>"),
    "script-with-p.html": PAGE.format(
        '<p>Talks began.</p><script>document.write("</p><p>injected")</script>'
        "<p>Talks ended in Moscow, the ministers said.</p>"
    ),
    "plaintext.html": PAGE.format("<p>Before.</p><plaintext><p>All of this is text</p></b>"),
    "rcdata.html": PAGE.format(
        "<textarea><p>not a paragraph</textarea><title>x<p>y</title><noscript><p>no</p>"
        "</noscript><template><p>Inert talks</p></template><p>The talks ended.</p>"
    ),
    "huge-attribute.html": PAGE.format('<p data-x="' + "a" * 300_000 + '">Talks ended.</p>'),
    "many-paragraphs.html": PAGE.format("<p>Talks.</p>" * 20_000),
    "frameset.html": '<html><frameset><frame src="a.html"><noframes><p>Talks</p></frameset>',
    "not-html.html": '<?xml version="1.0"?><rss><item><title>Talks</title></item></rss>',
    "bom-then-html.html": "\ufeff" + PAGE.format("<p>The talks ended in Moscow on Tuesday.</p>"),
    # line ends and separators
    "cr-only.html": (
        "<html>\r<body>\r<p>The ministers met in Moscow.\rThey talked for hours.</p>\r"
        "<p>A second paragraph\rwith a bare carriage return.</p>\r</body>\r</html>\r"
    ),
    "cr-only.txt": ARTICLE.replace("\n", "\r"),
    "crlf.txt": ARTICLE.replace("\n", "\r\n"),
    "crlf-mixed.txt": ARTICLE.replace("\n\n", "\r\n\r\n\r").replace(".", ".\r", 1),
    "mixed-line-ends.txt": "Talks began.\r\nThey went on.\rAnd on.\nAnd on.\n\r\n\r" + ARTICLE,
    "line-separators.txt": ARTICLE.replace("\n\n", "\u2029").replace(", ", ",\u2028"),
    "form-feeds.txt": ARTICLE.replace("\n\n", "\f\f") + "\f\x1c\x1d\x1e" + ARTICLE,
    "next-line.txt": ARTICLE.replace("\n", "\u0085"),
    # control characters and bytes that are not UTF-8
    "controls.txt": "Talks \x01\x02\x1b[31m in Moscow \x7f\x0b\x0c ended.\n\n" * 20,
    "nul-in-text.txt": ARTICLE.replace(" ", " \x00"),
    "c1-controls.txt": "Talks \x80\x81\x9b\x9f in Moscow ended.\n\n" + ARTICLE,
    "noncharacters.txt": "Talks \ufffe\uffff\ufdd0 in Moscow \ufffd ended.\n\n" + ARTICLE,
    "invalid-utf8.txt": ARTICLE.encode() + b"\xff\xfe\xc3\x28\xa0\xa1 \xe2\x82 end\n",
    "overlong-and-surrogate.txt": ARTICLE.encode() + b"\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80\n",
    "lying-meta-utf8.html": (
        '<html><head><meta charset="utf-8"></head><body><p>Переговоры в Москве закончились '
        "во вторник, сказал министр.</p></body></html>"
    ).encode("cp1251"),
    "lying-meta-cp1251.html": (
        '<html><head><meta charset="windows-1251"></head><body><p>Talks in Moscow — “done,” '
        "the minister said. 😀</p></body></html>"
    ).encode(),
    "unknown-meta-charset.html": PAGE.replace("<head>", '<head><meta charset="x-klingon">')
    .format("<p>The talks ended in Moscow.</p>")
    .encode(),
    "utf16le-no-bom.txt": ARTICLE.encode("utf-16-le"),
    "utf16be-no-bom.html": PAGE.format("<p>The talks ended in Moscow.</p>").encode("utf-16-be"),
    "binary-junk.txt": bytes(range(256)) * 40,
    "gzip-named-html.html": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(200),
    # size and repetition
    "repetitive.txt": "Reuters Reuters (IRNA) Tasnim " * 20_000,
    "one-long-word.txt": "a" * 200_000,
    "megabyte-word.txt": "b" * 1_000_000,
    "long-line.txt": ("the minister said the talks in Moscow went on " * 8_000).strip(),
    "tabs.txt": "\t" * 5000 + ARTICLE + " " * 5000,
    # quotation marks
    "quotes.txt": '"' * 5000 + "\n\n" + "\u201c" * 3000 + " said \u201d" * 200,
    "quotes-10k.txt": '"' * 10_000,
    "unbalanced-quotes.txt": ('He said "the talks ended. She said “it went on. ' * 50) + "\n",
    "nested-quotes.txt": "“He said ‘she said “they said ‘no’ ” ’ ” ’,” the minister said.\n" * 5,
    "said-quote-repeated.txt": 'said "' * 3000,
    # scripts, directions, code points beyond the BMP
    "bidi.txt": "\u202eThe ministers met\u202c in Moscow \u200f\u200e on Tuesday.\n",
    "rtl-quotes.txt": "قال الوزير «إن المحادثات انتهت في موسكو» يوم الثلاثاء.\n\n"
    + "אמר השר: ”השיחות הסתיימו במוסקבה“.\n",
    "combining.txt": "T\u0338\u0322\u031bh\u0337e\u0335 talks" + "\u0301" * 500 + " in Mosc"
    "o\u0308w ended, the mini\u0301ster said.\n\n" + ARTICLE,
    "emoji.txt": "The minister 😀 said “We 👍🏽 agree 🇷🇺🇮🇷” in Moscow 𝕋𝕒𝕝𝕜𝕤.\n\n"
    + QUOTED.replace("We will", "We 👍🏽 will 😀"),
    "zero-width.txt": "👨\u200d👩\u200d👧 Talks\u200b\u200c\u2060 in Mos\u00adcow\ufeff ended.\n\n"
    + QUOTED,
    "cantonese.txt": "我哋今日去咗飲茶，佢話嗰間餐廳好好食，" * 2
    + "不過要排好耐隊先有位。呢度嘅嘢食真係唔錯。" * 3,
    "entities-to-nothing.html": PAGE.format(
        "<p>Talks&#0; in &#xD800; Moscow &#x110000; &#xFFFE; &#99999999999; &bogus; "
        "&amp ended&#;, the minister said.</p>"
    ),
    "entities-astral.html": PAGE.format(
        "<p>The minister &#x1F600; said &ldquo;we agree &#128077;&#x1F3FD;&rdquo; in "
        "&#x1D54B;alks.</p><p>&#x1F600;&#x1F600;&#x1F600;</p>"
    ),
    "astral-html.html": PAGE.format("<p>“We 👍🏽 agree,” the minister 😀 said in Moscow.</p>"),
    # markup that must stay text
    "marks.txt": "The talks </mark><mark> and <script>alert(1)</script> ended.\n" * 5,
    "marks.html": PAGE.format(
        "<p>The talks &lt;/mark&gt;&lt;mark&gt; ended.</p><p>&lt;script&gt;alert(1)&lt;/script&gt;"
        " the minister said.</p>"
    ),
    "html-in-txt.txt": "<html><body><p>Is this a page? The talks ended.</p></body></html>\n",
    # languages
    "article.txt": ARTICLE,
    # names
    "with spaces.txt": "A file name with spaces. " + ARTICLE,
    "новости 😀 ñ.txt": "A file name in Cyrillic with an emoji. " + ARTICLE,
    "line\nbreak.txt": "A file name with a newline in it. " + ARTICLE,
    "dup-a.txt": "The same bytes under two names. " + ARTICLE,
    "dup-b.txt": "The same bytes under two names. " + ARTICLE,
}
DUPLICATES = {"dup-b.txt"}  # the same bytes as an earlier name: already stored
EMPTY = {  # nothing to keep
    *("blank.txt", "whitespace.txt", "bom-only.txt", "bom-only-utf16.txt", "nbsp.txt"),
    *("empty.html", "title-only.html", "script-only.html"),
}


def _rows(project: Project, table: str) -> list[dict[str, str]]:
    with (project.data_dir / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _assert_build_ok_means_valid(cli: CLI, project: Project) -> None:
    built = cli("build", "--root", project.root)
    assert built.exit_code == 0, built.output
    for verb in (["validate"], ["validate", "--fast"], ["verify"]):
        result = cli(*verb, "--root", project.root)
        assert result.exit_code == 0, f"{verb}: {result.output}"


def _ingest_each(
    cli: CLI, project: Project, files: dict[str, str | bytes], tmp_path: Path
) -> set[str]:
    """Ingest each file on its own; the names refused, each with a one-line reason."""
    refused = set()
    for name, content in files.items():
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        result = cli("ingest", "--root", project.root, path)
        if result.exit_code:
            assert result.exit_code == 1
            _assert_refused(result.output, name)
            refused.add(name)
    return refused


def _assert_refused(output: str, name: str) -> None:
    """Each refusal is one line that names the file, then the summary line."""
    *problems_, summary = output.splitlines()
    assert "refused" in summary, output
    assert problems_ and all(": " in line for line in problems_), output
    assert any(name in line for line in problems_), output


def _warc(path: Path, cut: int) -> None:
    """A WARC file of two HTML responses, its last ``cut`` bytes cut off."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=path.suffix == ".gz")
    for n in (1, 2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        body = PAGE.format(f"<p>Capture {n}: the talks in Moscow ended, the minister said.</p>")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{n}", "response", payload=io.BytesIO(body.encode()),
                http_headers=headers,
            )
        )  # fmt: skip
    path.write_bytes(out.getvalue()[:-cut])


def _ingest_odd_files(cli: CLI, project: Project, tmp: Path) -> int:
    """Links, a folder named like a file, truncated archives and a bad sidecar, with
    ``--skip-invalid`` where one refusal should not sink the others; the inputs used."""
    outside = tmp / "outside.txt"
    outside.write_text("Linked: the talks in Moscow ended, the minister said.\n")
    folder = tmp / "odd"
    (folder / "folder.txt").mkdir(parents=True)  # a directory with a capture's name
    (folder / "folder.txt" / "inside.txt").write_text("Inside a folder named .txt. " + ARTICLE)
    (folder / "link.txt").symlink_to(outside)
    (folder / "dangling.txt").symlink_to(tmp / "nowhere.txt")
    _warc(folder / "truncated.warc", cut=40)
    _warc(folder / "truncated.warc.gz", cut=40)
    result = cli("ingest", "--root", project.root, "--skip-invalid", folder)
    assert result.exit_code == 0, result.output
    for name in ("link.txt", "dangling.txt", "truncated.warc", "truncated.warc.gz"):
        _assert_refused(result.output, name)  # a link in a folder is never followed
    assert "a truncated record (https://example.org/2)" in result.output

    named = cli("ingest", "--root", project.root, folder / "link.txt")  # taken as named
    assert named.exit_code == 0, named.output

    sidecar = tmp / "sidecar" / "sources.csv"
    sidecar.parent.mkdir()
    (sidecar.parent / "good.txt").write_text("From a sidecar. " + ARTICLE)
    rows = (
        "good.txt,https://example.org/good,2024-03-01T09:30:00Z,CC-BY-4.0",
        "missing.txt,https://example.org/missing,,",
        "good.txt,,not a time,",
        ",https://example.org/no-path,,",
        "good.txt,https://example.org/good,2024-03-01T09:30:00,",
        "good.txt,https://example.org/good,2024-03-01T09:30:00Z,© TASS, 2023",
        '"unterminated,',
    )
    for header in ("path,source_url,captured_at,rights", "path,source_url,captured_at,extra"):
        sidecar.write_text("\n".join((header, *rows)) + "\n")
        for flags in ((), ("--skip-invalid",)):
            result = cli("ingest", "--root", project.root, *flags, "--meta", sidecar)
            assert result.exit_code == (0 if flags else 1), result.output
            _assert_refused(result.output, "sources.csv")
            if not header.endswith("extra"):
                assert "line 5: no path" in result.output
                assert "line 7: more cells than columns" in result.output
    return 8  # folder.txt, link.txt twice, dangling.txt, two WARC files, two sidecars


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, set[str]]:
    """A project holding every hostile input ingest takes, built; and the names refused."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    runner = CliRunner()

    def cli(*args: object) -> Any:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    tmp = tmp_path_factory.mktemp("hostile")
    project = Project(tmp / "project")
    assert cli("init", project.root).exit_code == 0
    refused = _ingest_each(cli, project, HOSTILE, tmp)
    assert len(HOSTILE) + _ingest_odd_files(cli, project, tmp) >= 60
    _assert_build_ok_means_valid(cli, project)
    return project, refused


def test_every_hostile_input_is_refused_or_gives_a_corpus_that_validates_and_verifies(
    hostile: tuple[Project, set[str]],
) -> None:
    project, refused = hostile
    names = {r["blake3"]: r["original_name"] for r in _rows(project, "raw_files")}
    assert set(HOSTILE) - refused - DUPLICATES <= set(names.values())
    assert not DUPLICATES & set(names.values())
    built = {d["raw_blake3"] for d in _rows(project, "documents")}
    failed = {p["raw_blake3"]: p for p in _rows(project, "problems")}
    assert built.isdisjoint(failed) and built | failed.keys() == names.keys()
    assert all(p["reason"] and p["stage"] for p in failed.values())
    assert {"article.txt", "cr-only.html", "cr-only.txt", "repetitive.txt"} <= {
        names[b3] for b3 in built
    }


def test_spans_count_code_points_not_bytes_or_utf16_units(
    hostile: tuple[Project, set[str]],
) -> None:
    """In a text capture a span's text is the raw text's slice, astral characters and all."""
    from corpus.store import decode, raw_path

    project, _ = hostile
    raws = {r["blake3"]: r for r in _rows(project, "raw_files")}
    texts = {}
    for doc in _rows(project, "documents"):
        raw = raws[doc["raw_blake3"]]
        if raw["media_type"] == "text/plain":
            data = raw_path(project.raw_dir, raw["blake3"]).read_bytes()
            texts[doc["doc_id"]] = decode(data, raw["encoding"])
    astral = Counter()
    for table in ("segments", "quotes"):
        for row in _rows(project, table):
            if (text := texts.get(row["doc_id"])) is not None:
                assert text[int(row["start"]) : int(row["end"])] == row["text"], (table, row)
                astral[table] += any(ord(c) > 0xFFFF for c in row["text"])
    assert astral["segments"] and astral["quotes"], astral


def test_a_capture_with_nothing_to_keep_is_a_problem_with_its_reason(
    hostile: tuple[Project, set[str]],
) -> None:
    project, refused = hostile
    names = {r["blake3"]: r["original_name"] for r in _rows(project, "raw_files")}
    reasons = {names[p["raw_blake3"]]: p["reason"] for p in _rows(project, "problems")}
    for name in EMPTY - refused:
        assert reasons[name] == "empty-body", name
    assert all(d["text"] for d in _rows(project, "documents"))


def test_bare_carriage_returns_survive_the_tables_and_the_database(
    hostile: tuple[Project, set[str]],
) -> None:
    import sqlite3

    project, _ = hostile
    texts = [s["text"] for s in _rows(project, "segments") if "\r" in s["text"]]
    assert any("\r" in t.replace("\r\n", "") for t in texts)  # a bare one, kept in its cell
    with sqlite3.connect(project.data_dir / "corpus.db") as db:
        stored = {row[0] for row in db.execute("select text from segments")}
    assert set(texts) <= stored


def test_languages_without_a_two_letter_code_get_their_three_letter_one(
    hostile: tuple[Project, set[str]],
) -> None:
    project, _ = hostile
    names = {r["blake3"]: r["original_name"] for r in _rows(project, "raw_files")}
    language = {names[d["raw_blake3"]]: d["language"] for d in _rows(project, "documents")}
    assert (language["cantonese.txt"], language["article.txt"]) == ("yue", "en")


def test_a_capture_past_the_limits_is_a_problem_not_a_stalled_build(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limits, made small: too many characters, then too much CPU time."""
    project = Project(tmp_path / "project")
    assert cli("init", project.root).exit_code == 0
    # each long enough to take several clock ticks of CPU: a coarse process clock (as in a
    # sandbox) shows a document of a few milliseconds as taking none
    files = {"big.txt": ARTICLE * 40, "article.txt": ARTICLE * 8}
    assert not _ingest_each(cli, project, files, tmp_path)
    monkeypatch.setattr(problems, "MAX_CHARS", len(ARTICLE) * 10)
    _assert_build_ok_means_valid(cli, project)
    [found] = _rows(project, "problems")
    assert (found["reason"], found["stage"]) == ("too-large", "read")
    assert len(_rows(project, "documents")) == 1

    monkeypatch.setattr(problems, "MAX_CHARS", 10**9)
    monkeypatch.setattr(problems, "CPU_SECONDS", 1e-6)
    (project.registry_dir / "outlets.csv").write_text(
        (project.registry_dir / "outlets.csv").read_text() + "\n"
    )  # a registry change: every document is made again, under the new limits
    _assert_build_ok_means_valid(cli, project)
    slow = _rows(project, "problems")
    assert {p["reason"] for p in slow} == {"time-limit"} and len(slow) == 2
    assert _rows(project, "documents") == []


def test_a_build_whose_tables_would_not_validate_publishes_nothing(
    cli: CLI, project: Project
) -> None:
    before = json.loads((project.data_dir / "datapackage.json").read_text())
    outlets = project.registry_dir / "outlets.csv"
    outlets.write_text(outlets.read_text() + "Not An Id,,https://example.org,XX\n")
    result = cli("build", "--root", project.root)
    assert result.exit_code == 1
    assert "nothing was published" in result.output
    assert "outlets.row 2.name: name is required" in result.output
    assert json.loads((project.data_dir / "datapackage.json").read_text()) == before
    assert cli("validate", "--fast", "--root", project.root).exit_code == 0


def test_bodies_forged_as_their_kept_pieces_unread_are_caught(
    hostile: tuple[Project, set[str]], tmp_path: Path
) -> None:
    """Each body replaced by its kept pieces joined as they are (tags, references and odd
    whitespace left in), its hash and word count forged to match: every body that differs
    is reported, HTML and text alike (none is taken for what its pieces join to)."""
    import os
    import shutil

    import corpus
    from corpus.store import blake3_hex, sha256_hex
    from pipeline.site.served import write_served

    project = Project(tmp_path / "project")
    shutil.copytree(hostile[0].root, project.root, symlinks=True)
    media = {r["blake3"]: r["media_type"] for r in _rows(project, "raw_files")}
    kept = sorted(
        (s for s in _rows(project, "segments") if s["kept"] == "true"), key=lambda s: int(s["seq"])
    )
    documents, forged = _rows(project, "documents"), {}
    for doc in documents:
        raw = corpus.at(project.root).raw_text(doc["raw_blake3"])
        pieces = [
            ("" if not i else " " if s["joined"] == "true" else "\n\n")
            + raw[int(s["start"]) : int(s["end"])]
            for i, s in enumerate(s for s in kept if s["doc_id"] == doc["doc_id"])
        ]
        if "".join(pieces) != doc["text"]:
            forged[doc["doc_id"]] = media[doc["raw_blake3"]]
        doc["text"] = "".join(pieces)
        doc["text_blake3"] = blake3_hex(doc["text"].encode())
        doc["word_count"] = str(len(doc["text"].split()))
    assert {"text/html", "text/plain"} <= set(forged.values())
    path = project.data_dir / "documents.csv"
    os.chmod(path, 0o644)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(documents[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(documents)
    (project.data_dir / "documents.parquet").unlink()
    descriptor = json.loads((project.data_dir / "datapackage.json").read_text(encoding="utf-8"))
    (res,) = [r for r in descriptor["resources"] if r["name"] == "documents"]
    data = path.read_bytes()
    res.update(bytes=len(data), hash=f"sha256:{sha256_hex(data)}", blake3=blake3_hex(data))
    (project.data_dir / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    write_served(project.data_dir)
    found = corpus.at(project.root).verify().problems
    assert [(p.check, p.column) for p in found] == [("text", "text")] * len(forged)
    assert {p.key for p in found} == set(forged)
