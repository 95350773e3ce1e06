"""A corpus of your own captures with their sources (text, HTML, a WARC file, a sidecar of
URLs) from ``corpus init`` to ``corpus serve``, and the CLI conventions on the way."""

from __future__ import annotations

import gzip
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import CLI, REPO
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import corpus
from corpus.store import blake3_hex, read_index
from pipeline.project import Project, init

TEXT = (
    "Shoigu meets Ashtiani in Moscow\n\nTASS\n\nMOSCOW, 21 September 2023. "
    "“We are aimed at implementing the agreements,” Shoigu said.\n"
)
PAGE = (
    "<html><head><title>Gharaei Ashtiani visits Moscow</title></head><body><article>"
    "<h1>Gharaei Ashtiani visits Moscow</h1><p>Iran's defence minister met Sergei Shoigu.</p>"
    "<p>“Our cooperation grows,” Ashtiani said.</p></article></body></html>"
)
URI = "https://example.org/news/2023/ashtiani-moscow.html"


def warc(path: Path) -> bytes:
    """A gzipped WARC file: an HTML response (cp1251, said by its header, sent gzipped), an
    image, a request. The HTML payload's bytes, as decoded, are returned."""
    body = PAGE.replace("Moscow", "Москве").encode("cp1251")
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for content_type, payload, sent in (
            ("text/html; charset=windows-1251", gzip.compress(body, mtime=0), "gzip"),
            ("image/png", b"\x89PNG\r\n\x1a\n....", "identity"),
        ):
            fields = [("Content-Type", content_type), ("Content-Encoding", sent)]
            headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                URI if "html" in content_type else URI + ".png",
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-09-21T10:15:00Z"},
            )
            writer.write_record(record)
        request = StatusAndHeaders(
            "GET /news HTTP/1.1", [("Host", "example.org")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(URI, "request", payload=io.BytesIO(b""), http_headers=request)
        )
    return body


@pytest.fixture
def captures(tmp_path: Path) -> Path:
    folder = tmp_path / "captures"
    (folder / "sub").mkdir(parents=True)
    (folder / "tass.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "captures.csv").write_text(
        "path,source_url,captured_at,rights\n"
        "tass.txt,https://tass.com/politics/1,2023-09-21T12:00:00+03:00,© TASS\n"
        "sub/page.html,https://example.org/page,,CC-BY-4.0\n",
        encoding="utf-8",
    )
    return folder


def test_own_corpus_from_init_to_serve(cli: CLI, captures: Path, tmp_path: Path) -> None:
    root = tmp_path / "mine"
    assert cli("init", root).exit_code == 0
    body = warc(captures / "crawl.warc.gz")
    one = captures / "one.txt"
    one.write_text(TEXT.replace("Moscow", "Tehran"), encoding="utf-8")

    result = cli(
        "ingest", "--root", root, "--meta", captures / "captures.csv", captures / "crawl.warc.gz"
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3 added, 0 already stored")
    assert "1 WARC request records skipped" in result.output
    assert "1 WARC responses skipped (not HTML or text)" in result.output
    result = cli(
        "ingest", "--root", root, "--url", "https://tass.com/2", "--captured-at",
        "2023-09-22T08:00Z", "--rights", "© TASS", one,
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    records = {r.original_name: r for r in read_index(root / "corpus" / "raw")}
    tass, page, crawl = records["tass.txt"], records["page.html"], records["crawl.warc.gz"]
    assert (tass.source_url, tass.captured_at, tass.rights) == (
        "https://tass.com/politics/1", "2023-09-21T09:00:00Z", "© TASS",
    )  # fmt: skip
    assert page.path.endswith("sub/page.html") and page.rights == "CC-BY-4.0"
    assert (crawl.source_url, crawl.captured_at) == (URI, "2023-09-21T10:15:00Z")
    assert crawl.blake3 == blake3_hex(body) and crawl.encoding == "cp1251"  # the payload's
    assert crawl.warc_record_id.startswith("<urn:uuid:")
    assert ["Content-Type", "text/html; charset=windows-1251"] in json.loads(crawl.http_headers)
    assert records["one.txt"].source_url == "https://tass.com/2"

    for verb in ("build", "validate", "verify"):
        result = cli(verb, "--root", root)
        assert result.exit_code == 0, (verb, result.output)
    mine = corpus.at(root)
    rows = {r["original_name"]: r for r in mine.rows("raw_files")}
    assert rows["tass.txt"]["captured_at"] == "2023-09-21T09:00:00Z"
    assert rows["crawl.warc.gz"]["warc_record_id"] == crawl.warc_record_id
    assert "Москве" in mine.raw_text(crawl.blake3)
    result = cli("ingest", "--root", root, "--rights", "CC0-1.0", one)  # a source given later
    assert "1 with their source recorded anew" in result.output
    for verb in ("build", "verify"):  # the record's shard is rewritten: raw_files follows
        result = cli(verb, "--root", root)
        assert result.exit_code == 0, (verb, result.output)
    assert {r["original_name"]: r for r in mine.rows("raw_files")}["one.txt"]["rights"] == "CC0-1.0"
    prov = json.loads(cli("export", "prov", "--root", root).stdout)
    entity = prov["entity"][f"b3:{tass.blake3}"]
    assert entity["corpus:source_url"] == "https://tass.com/politics/1"
    assert entity["corpus:captured_at"] == "2023-09-21T09:00:00Z"

    server = subprocess.Popen(
        [REPO / ".venv/bin/corpus", "serve", "--root", root, "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stderr.readline() if server.stderr else ""
        assert "Serving" in line, line
        url = line.split(" on ")[-1].strip()
        query = "raw_files.json?_shape=array&_col=source_url&original_name=tass.txt"
        with urllib.request.urlopen(url + "corpus/" + query, timeout=30) as response:
            served = json.load(response)
        assert served[0]["source_url"] == "https://tass.com/politics/1"
        doc_id = tass.blake3[:16]
        with urllib.request.urlopen(f"{url}document/{doc_id}", timeout=30) as response:
            page = response.read().decode()
        assert '<a href="https://tass.com/politics/1" rel="nofollow noopener">' in page
        assert "2023-09-21T09:00:00Z" in page and "© TASS" in page
    finally:
        server.terminate()
        server.wait(10)


def test_one_refused_file_stores_nothing_unless_skip_invalid(
    cli: CLI, captures: Path, tmp_path: Path
) -> None:
    project = init(tmp_path / "p")
    (captures / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    (captures / "captures.csv").unlink()
    result = cli("ingest", "--root", project.root, captures)
    assert result.exit_code == 1
    assert "logo.png: binary file (a PNG image)" in result.output
    assert "Nothing was stored: 1 of 3 refused" in result.output
    assert read_index(project.raw_dir) == []

    result = cli("ingest", "--root", project.root, "--skip-invalid", captures)
    assert result.exit_code == 0, result.output
    assert "logo.png: binary file" in result.output
    assert "2 added, 0 already stored; 1 refused (listed above)" in result.output
    assert len(read_index(project.raw_dir)) == 2


def test_include_and_exclude_globs_choose_files_in_folders(
    cli: CLI, captures: Path, tmp_path: Path
) -> None:
    project = init(tmp_path / "p")
    result = cli("ingest", "--root", project.root, "--include", "*.html", captures)
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "2 left out by --include/--exclude" in result.output
    result = cli(
        "ingest", "--root", project.root, "--exclude", "sub/*", "--exclude", "*.csv", captures
    )
    assert result.output.startswith("1 added, 0 already stored"), result.output
    assert sorted(r.original_name for r in read_index(project.raw_dir)) == ["page.html", "tass.txt"]
    result = cli("ingest", "--root", project.root, "--include", "*.html", captures / "captures.csv")
    assert result.exit_code == 0 and result.output.startswith("1 added")  # a file named: taken


def test_bad_sources_are_refused_in_one_line(cli: CLI, captures: Path, tmp_path: Path) -> None:
    project = init(tmp_path / "p")
    two = ("--root", project.root, "--url", "https://x.org/", captures)
    assert "--url is the source of one capture, but 3 files" in cli("ingest", *two).output
    result = cli("ingest", "--root", project.root, "--captured-at", "2023-09-21 10:00", captures)
    assert result.exit_code == 2 and "has no time zone" in result.output
    (captures / "captures.csv").write_text("path,url\ntass.txt,https://x.org\n", encoding="utf-8")
    result = cli("ingest", "--root", project.root, "--meta", captures / "captures.csv")
    assert result.exit_code == 1 and "the columns are path, source_url" in result.output
    assert read_index(project.raw_dir) == []


def test_version_and_short_help(cli: CLI) -> None:
    assert cli("--version").output == f"corpus {corpus.__version__}\n"
    assert cli("-h").exit_code == 0 and "ingest" in cli("-h").output
    assert "--skip-invalid" in cli("ingest", "-h").output


def test_usage_errors_exit_2_in_one_line(cli: CLI, tmp_path: Path) -> None:
    typo = tmp_path / "no-such-project"
    result = cli("ingest", "--root", typo, tmp_path)
    assert result.exit_code == 2 and "is not a corpus project" in result.output
    assert not typo.exists()  # no half project
    project = init(tmp_path / "p")
    verbs = [["validate"], ["validate", "--fast"], ["verify"], ["info"], ["export", "prov"]]
    for verb in [*verbs, ["export", "jsonl", str(tmp_path / "out.jsonl")]]:
        result = cli(*verb, "--root", project.root)
        assert result.exit_code == 2, verb
        assert "nothing is published yet; run `corpus build`" in result.output, verb
    result = cli("serve", "--root", project.root, "--port", "99999")
    assert (result.exit_code, result.output.count("\n")) == (2, 1)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--root", project.root, "--port", port)
    assert result.exit_code == 1
    assert result.output == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_without_the_build_extra_the_command_names_it() -> None:
    script = "import sys; sys.modules['typer'] = None; from pipeline.entry import main; main()"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 1
    assert "needs the build extra (typer is not installed)" in result.stderr
    assert '[build]"' in result.stderr


def test_load_without_pandas_names_the_extra() -> None:
    script = "import sys; sys.modules['pandas'] = None; import corpus; corpus.load('documents')"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "ImportError: this needs pandas: pip install" in result.stderr
    assert '[pandas]"' in result.stderr


def test_loader_shapes_and_unknown_hashes() -> None:
    docs = corpus.load("documents")
    assert type(docs).__name__ == "DataFrame"
    assert corpus.rows("documents")[0]["doc_id"] == docs.doc_id[0]
    assert corpus.load_arrow("documents").num_rows == len(docs)
    assert corpus.load_polars("quotes").height == len(corpus.load("quotes"))
    bad = "0" * 64
    for read in (corpus.raw, corpus.raw_text):
        with pytest.raises(KeyError, match=bad):
            read(bad)


def test_progress_prints_plain_lines_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import _Progress

    shown = _Progress(None, "Building", None, every=0.05)
    shown.phase("tables")
    shown.advance(7)
    time.sleep(0.2)
    shown.close()
    assert "Building: tables, 7 documents (0s)" in capsys.readouterr().err


def test_an_index_of_the_first_columns_reads_and_grows(tmp_path: Path, captures: Path) -> None:
    """An index written before the source columns existed reads with them empty, and the
    next ingest writes it with every column."""
    from pipeline.raw.ingest import ingest

    project = init(tmp_path / "p")
    ingest(project, [captures / "tass.txt"])
    index = project.raw_dir / "index.csv"
    lines = index.read_text(encoding="utf-8").splitlines()
    index.write_text("".join(",".join(line.split(",")[:7]) + "\n" for line in lines))
    (old,) = read_index(project.raw_dir)
    assert (old.original_name, old.path, old.source_url) == ("tass.txt", "", "")
    ingest(project, [captures / "sub"])
    assert index.read_text(encoding="utf-8").splitlines()[0].endswith(",http_headers")
    assert [r.original_name for r in read_index(project.raw_dir)].count("tass.txt") == 1
    assert len(read_index(project.raw_dir)) == 2


def test_the_json_api_calls_in_the_docs_answer(built: Project) -> None:
    """Every ``curl`` line of docs/datasette.md, through the real site: rows come back."""
    import asyncio
    import re

    from pipeline.site.serve import datasette

    text = (REPO / "docs" / "datasette.md").read_text(encoding="utf-8")
    urls = re.findall(r"curl '(http://127\.0\.0\.1:8001(/[^']+))'", text)
    assert len(urls) == 6

    async def rows(path: str) -> list[dict[str, object]]:
        response = await datasette(built).client.get(path)
        assert response.status_code == 200, (path, response.text[:200])
        return response.json()

    for _, path in urls:
        assert asyncio.run(rows(path)), path


def test_a_wacz_package_and_a_source_given_later(cli: CLI, captures: Path, tmp_path: Path) -> None:
    import zipfile

    project = init(tmp_path / "p")
    body = warc(tmp_path / "data.warc.gz")
    with zipfile.ZipFile(captures / "crawl.wacz", "w") as wacz:
        wacz.write(tmp_path / "data.warc.gz", "archive/data.warc.gz")
        wacz.writestr("datapackage.json", "{}")
    result = cli("ingest", "--root", project.root, "--include", "*.wacz", captures)
    assert result.output.startswith("1 added"), result.output
    (record,) = read_index(project.raw_dir)
    assert (record.blake3, record.source_url) == (blake3_hex(body), URI)

    tass = captures / "tass.txt"
    assert cli("ingest", "--root", project.root, tass).exit_code == 0
    result = cli("ingest", "--root", project.root, "--url", "https://tass.com/1", tass)
    assert result.output == "0 added, 1 already stored (1 with their source recorded anew)\n"
    stored = {r.original_name: r for r in read_index(project.raw_dir)}["tass.txt"]
    assert (stored.source_url, stored.path) == ("https://tass.com/1", tass.as_posix())
