"""``corpus ingest`` on odd and hostile input: stored exactly, or refused with nothing written."""

from __future__ import annotations

import asyncio
import codecs
import ctypes
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import CLI, REPO

import corpus
from corpus.store import blake3_hex, decode, raw_path, read_index
from pipeline.project import Project, init
from pipeline.raw.ingest import ingest, parse_size

TEXT = "Shoigu said: “We are aimed at implementing” the plan.\n"
LINE = "Shoigu met Ashtiani in Tehran. “We agreed,” he said. "  # no line break


@pytest.fixture
def empty(tmp_path: Path) -> Project:
    return init(tmp_path / "p")


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8.txt", TEXT.encode(), "utf-8"),
        ("bom.txt", codecs.BOM_UTF8 + TEXT.encode(), "utf-8-sig"),
        ("utf16.txt", TEXT.encode("utf-16"), "utf-16"),
        ("cp1252.txt", "Shoigu said: \x93We\x94 \x96 caf\xe9\n".encode("latin-1"), "cp1252"),
        ("crlf.txt", TEXT.replace("\n", "\r\n").encode(), "utf-8"),
        ("lone-cr.txt", TEXT.replace("\n", "\r").encode(), "utf-8"),
        ("name with spaces é.txt", TEXT.encode(), "utf-8"),
    ],
)
def test_odd_text_is_stored_byte_exact(
    cli: CLI, empty: Project, tmp_path: Path, name: str, data: bytes, encoding: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("ingest", "--root", empty.root, path)
    assert result.exit_code == 0, result.output
    (record,) = read_index(empty.raw_dir)
    assert record.encoding == encoding
    assert record.original_name == name
    stored = raw_path(empty.raw_dir, record.blake3).read_bytes()
    assert stored == data and record.blake3 == blake3_hex(data)
    assert "Shoigu said" in decode(stored, record.encoding)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (a PDF document)"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        ("nul.txt", b"text\x00with NUL", "contains NUL characters"),
        ("bad.txt", b"\x81\x8d\x8f\x90\x9d broken", "cannot tell its encoding with confidence"),
    ],
)
def test_hostile_input_is_refused_with_one_line_naming_the_file(
    cli: CLI, empty: Project, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    bad = tmp_path / name
    bad.write_bytes(data)
    result = cli("ingest", "--root", empty.root, good, bad)
    assert result.exit_code == 1
    line = result.stderr.splitlines()[0]
    assert str(bad) in line and reason in line
    assert read_index(empty.raw_dir) == [], "all or nothing: the good file is not stored either"
    assert [p.name for p in empty.raw_dir.iterdir()] == ["index.csv"]


def test_missing_and_unreadable_files_are_refused(cli: CLI, empty: Project, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = cli("ingest", "--root", empty.root, missing)
    assert result.exit_code == 1
    assert f"{missing}: No such file or directory" in result.stderr


def test_a_directory_is_walked_in_sorted_order_and_duplicates_are_one_file(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "caps"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "one.txt").write_text(TEXT)
    (folder / "a.txt").write_text(TEXT)  # same bytes, another name
    (folder / "c.txt").write_text(TEXT + "more\n")
    result = cli("ingest", "--root", empty.root, folder)
    assert "2 added, 0 already stored" in result.output
    names = sorted(r.original_name for r in read_index(empty.raw_dir))
    assert names == ["a.txt", "c.txt"], "the first name in sorted walk order is recorded"


def test_stored_files_are_read_only(cli: CLI, empty: Project, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(TEXT)
    cli("ingest", "--root", empty.root, path)
    (record,) = read_index(empty.raw_dir)
    assert raw_path(empty.raw_dir, record.blake3).stat().st_mode & 0o222 == 0


# --- size, names, links, special files --------------------------------------------------------


def test_a_capture_over_the_size_limit_is_refused_unless_the_limit_is_raised(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    line = TEXT.encode()
    data = line * (12_000_000 // len(line) + 1)
    path.write_bytes(data)
    small = tmp_path / "small.txt"
    small.write_text(TEXT)
    result = cli("ingest", "--root", empty.root, small, path)
    assert result.exit_code == 1
    (line_,) = [x for x in result.stderr.splitlines() if x.startswith("ingest:")]
    assert line_ == (
        f"ingest: {path}: {len(data):,} bytes, over the limit of 10,000,000 per capture "
        "(see --max-size)"
    )
    assert read_index(empty.raw_dir) == [], "all or nothing"

    result = cli("ingest", "--root", empty.root, "--max-size", "1kB", small, path)
    assert result.exit_code == 1 and "over the limit of 1,000 per capture" in result.stderr
    assert cli("ingest", "--root", empty.root, "--max-size", "ten", path).exit_code == 2

    result = cli("ingest", "--root", empty.root, "--max-size", "12.5MB", path)
    assert result.exit_code == 0, result.output
    (record,) = read_index(empty.raw_dir)
    assert record.size_bytes == len(data) > 12_000_000
    assert raw_path(empty.raw_dir, record.blake3).read_bytes() == data


@pytest.mark.parametrize(
    ("text", "size"),
    [("10MB", 10_000_000), ("500 kB", 500_000), ("1.5GB", 1_500_000_000), ("2000", 2000)],
)
def test_sizes_are_read_in_decimal_units(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_a_one_megabyte_single_line_is_stored_byte_exact(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text(LINE * (1_000_000 // len(LINE)), encoding="utf-8")
    assert cli("ingest", "--root", empty.root, path).exit_code == 0
    (record,) = read_index(empty.raw_dir)
    assert (record.encoding, record.media_type) == ("utf-8", "text/plain")
    assert raw_path(empty.raw_dir, record.blake3).read_bytes() == path.read_bytes()


def test_a_long_single_line_is_built_with_valid_spans(cli: CLI, tmp_path: Path) -> None:
    """One line of 1 MB (no paragraph or sentence to cut it) builds, and its spans verify."""
    project = init(tmp_path / "p")
    shutil.rmtree(project.registry_dir)
    shutil.copytree(REPO / "corpus" / "registry", project.registry_dir)
    path = tmp_path / "one-line.txt"
    path.write_text(LINE * (1_000_000 // len(LINE)), encoding="utf-8")
    assert cli("ingest", "--root", project.root, path).exit_code == 0
    assert cli("build", "--root", project.root).exit_code == 0
    report = corpus.at(project.root).verify()
    assert report.ok, [str(p) for p in report.problems[:3]]
    assert report.checked["spans"] > 1000


def test_names_with_dot_dot_write_nothing_outside_the_store(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    inside = tmp_path / "caps" / "sub"
    inside.mkdir(parents=True)
    (tmp_path / "caps" / "up.txt").write_text(TEXT)
    odd = inside / "..\\..\\evil.txt"  # backslashes are ordinary characters in a POSIX name
    odd.write_text(TEXT + "odd\n")
    outside = {p for p in tmp_path.rglob("*") if not p.is_relative_to(empty.root)}
    result = cli("ingest", "--root", empty.root, inside / ".." / "up.txt", odd)
    assert result.exit_code == 0, result.output
    names = sorted(r.original_name for r in read_index(empty.raw_dir))
    assert names == ["..\\..\\evil.txt", "up.txt"], "the file's own name, never a path"
    assert {p for p in tmp_path.rglob("*") if not p.is_relative_to(empty.root)} == outside
    assert all(raw_path(empty.raw_dir, r.blake3).is_file() for r in read_index(empty.raw_dir))


def test_odd_names_round_trip_through_the_index(cli: CLI, empty: Project, tmp_path: Path) -> None:
    names = ['line\nbreak, "quoted".txt', "ünïcödé — 新闻.txt"]
    for i, name in enumerate(names):
        (tmp_path / name).write_text(f"{TEXT}{i}\n")
    raw_name = os.fsencode(tmp_path) + b"/bad\xffbyte.txt"  # not valid UTF-8
    with open(raw_name, "wb") as f:
        f.write(TEXT.encode() + b"3\n")
    result = cli(
        "ingest", "--root", empty.root, *(tmp_path / n for n in names), os.fsdecode(raw_name)
    )
    assert result.exit_code == 0, result.output
    recorded = sorted(r.original_name for r in read_index(empty.raw_dir))
    assert recorded == sorted([*names, "bad\\xffbyte.txt"])


def test_a_refused_name_with_a_line_break_is_still_one_line(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    result = cli("ingest", "--root", empty.root, path)
    assert result.exit_code == 1
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("ingest:")]
    assert "two\\nlines.txt" in line and line.endswith("empty file")


def test_symbolic_links_are_followed_when_named_and_refused_inside_a_folder(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    target = tmp_path / "target.txt"
    target.write_text(TEXT)
    (tmp_path / "link.txt").symlink_to(target)
    result = cli("ingest", "--root", empty.root, tmp_path / "link.txt")
    assert result.exit_code == 0, result.output
    (record,) = read_index(empty.raw_dir)
    assert record.original_name == "link.txt", "a link to a file: the target's bytes, its name"

    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT + "a\n")
    (folder / "x.txt").symlink_to(secret)
    (folder / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dir-link").symlink_to(tmp_path)
    result = cli("ingest", "--root", empty.root, folder)
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if x.startswith("ingest:")]
    refused = "inside a folder, not followed: give the file itself"
    assert lines == [
        f"ingest: {folder / 'broken.txt'}: a symbolic link (to {tmp_path / 'gone.txt'}) {refused}",
        f"ingest: {folder / 'dir-link'}: a symbolic link (to {tmp_path}) {refused}",
        f"ingest: {folder / 'loop.txt'}: a symbolic link (to {folder / 'loop.txt'}) {refused}",
        f"ingest: {folder / 'x.txt'}: a symbolic link (to {secret}) {refused}",
    ]
    assert read_index(empty.raw_dir) == [record], "nothing of the folder is stored"
    stored = [p for p in empty.raw_dir.rglob("*") if p.is_file() and p.name != "index.csv"]
    assert [p.read_bytes() for p in stored] == [TEXT.encode()]

    for name in ("broken.txt", "loop.txt", "dir-link"):  # named, a link is followed or refused
        result = cli("ingest", "--root", empty.root, folder / name)
        assert result.exit_code == 1
    assert (
        "a broken symbolic link (to"
        in cli("ingest", "--root", empty.root, folder / "broken.txt").stderr
    )


def test_hidden_files_and_folders_in_a_folder_are_skipped_and_counted(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    (folder / ".git" / "objects").mkdir(parents=True)
    (folder / ".git" / "objects" / "ab").write_bytes(b"\x78\x01binary\x00")
    (folder / "sub").mkdir()
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\x00\x00")
    (folder / "sub" / "._report.txt").write_bytes(b"\x00\x05\x16\x07")  # AppleDouble
    (folder / "report.txt").write_text(TEXT)
    (folder / "sub" / "other.txt").write_text(TEXT + "other\n")
    result = cli("ingest", "--root", empty.root, folder)
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == "2 added, 0 already stored; 3 hidden skipped (.DS_Store, ._report.txt, .git)\n"
    )
    assert sorted(r.original_name for r in read_index(empty.raw_dir)) == ["other.txt", "report.txt"]

    result = cli("ingest", "--root", empty.root, "--json", folder)
    assert '"hidden skipped": 3' in result.output
    named = tmp_path / ".notes.txt"
    named.write_text(TEXT + "named\n")
    assert cli("ingest", "--root", empty.root, named).output == "1 added, 0 already stored\n"


def test_a_named_pipe_and_a_device_are_refused_without_blocking(
    empty: Project, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    corpus_command = Path(sys.executable).with_name("corpus")
    result = subprocess.run(
        [corpus_command, "ingest", "--root", empty.root, fifo, "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=60,  # reading either would block or never end
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"ingest: {fifo}: not a regular file (a named pipe), so not a capture"
    assert (
        lines[1] == "ingest: /dev/zero: not a regular file (a character device), so not a capture"
    )


def _without_permission_override() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this process's bounding set, so that
    a command it runs as root obeys file permissions (``prctl(PR_CAPBSET_DROP)``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_an_unreadable_file_is_refused(cli: CLI, empty: Project, tmp_path: Path) -> None:
    """chmod 000 stops everyone but a process that may override file permissions: as root, the
    real command runs without that capability. /proc/self/mem cannot be read even so."""
    locked = tmp_path / "locked.txt"
    locked.write_text(TEXT)
    locked.chmod(0)
    good = tmp_path / "good.txt"
    good.write_text(TEXT + "good\n")
    run = subprocess.run(
        [Path(sys.executable).with_name("corpus"), "ingest", "--root", empty.root, good, locked],
        capture_output=True,
        text=True,
        preexec_fn=_without_permission_override if os.geteuid() == 0 else None,
    )
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == f"ingest: {locked}: Permission denied"
    assert read_index(empty.raw_dir) == []

    result = cli("ingest", "--root", empty.root, "/proc/self/mem")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "ingest: /proc/self/mem: Input/output error"


def test_an_empty_directory_is_refused(cli: CLI, empty: Project, tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    result = cli("ingest", "--root", empty.root, tmp_path / "nothing")
    assert result.exit_code == 1
    assert f"{tmp_path / 'nothing'}: a directory with no files in it" in result.stderr


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            "café".encode() + b" \xff truncated",
            "invalid UTF-8 at byte 6 in a file that is otherwise",
        ),
        (codecs.BOM_UTF16_LE + b"x\x00\x00\xd8", "starts with a utf-16 byte-order mark but is not"),
    ],
)
def test_damaged_text_is_refused_not_misread(
    cli: CLI, empty: Project, tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    result = cli("ingest", "--root", empty.root, path)
    assert result.exit_code == 1 and reason in result.stderr


def test_the_order_of_the_files_does_not_change_the_index(tmp_path: Path) -> None:
    files = []
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT if name != "c.txt" else TEXT + "c\n")
        files.append(tmp_path / name)
    when = datetime(2024, 1, 1, tzinfo=UTC)
    one, two = init(tmp_path / "one"), init(tmp_path / "two")
    ingest(one, files, now=when)
    ingest(two, reversed(files), now=when)
    assert (one.raw_dir / "index.csv").read_bytes() == (two.raw_dir / "index.csv").read_bytes()
    assert sorted(r.original_name for r in read_index(one.raw_dir)) == ["a.txt", "c.txt"]


def test_ingesting_in_batches_merges_into_the_same_index(tmp_path: Path) -> None:
    files = []
    for i in range(40):
        (tmp_path / f"{i:02d}.txt").write_text(f"{TEXT}{i}\n")
        files.append(tmp_path / f"{i:02d}.txt")
    when = datetime(2024, 1, 1, tzinfo=UTC)
    whole, batched = init(tmp_path / "whole"), init(tmp_path / "batched")
    ingest(whole, files, now=when)
    for batch in (files[::3], files[1::3], files[2::3]):
        ingest(batched, batch, now=when)
    again = ingest(batched, files[:5], now=when)
    index = (batched.raw_dir / "index.csv").read_bytes()
    assert index == (whole.raw_dir / "index.csv").read_bytes()
    assert (again.added, len(again.existing)) == ([], 5)
    assert {r.original_name for r in again.existing} == {f.name for f in files[:5]}


# --- odd encodings, end to end; markup in a capture -----------------------------------------


def test_odd_encodings_keep_every_span_valid(cli: CLI, tmp_path: Path) -> None:
    project = init(tmp_path / "p")
    shutil.rmtree(project.registry_dir)
    shutil.copytree(REPO / "corpus" / "registry", project.registry_dir)
    body = (
        "Iran and Russia sign defence pact\n\nBy Staff\n\nSept. 20, 2023\n\n"
        "TEHRAN – Defence Minister Sergei Shoigu met Mohammad-Reza Ashtiani on Wednesday.\n\n"
        "“We are aimed at implementing the plan,” Shoigu said, according to IRNA.\n"
    )
    for name, data in [
        ("utf16.txt", body.encode("utf-16")),
        ("bom.txt", codecs.BOM_UTF8 + body.replace("Iran", "Iran,").encode()),
        ("cp1252.txt", body.replace("Shoigu", "Shoïgu").encode("cp1252")),
        ("crlf.txt", body.replace("\n", "\r\n").replace("pact", "pact!").encode()),
        ("cr.txt", body.replace("\n", "\r").replace("pact", "pact?").encode()),
    ]:
        (tmp_path / name).write_bytes(data)
        assert cli("ingest", "--root", project.root, tmp_path / name).exit_code == 0
    assert cli("build", "--root", project.root).exit_code == 0
    report = corpus.at(project.root).verify()
    assert report.ok, [str(p) for p in report.problems[:3]]
    assert report.checked["raw files"] == 5 and report.checked["spans"] > 25
    encodings = {r["encoding"] for r in corpus.at(project.root).rows("raw_files")}
    assert encodings == {"utf-16", "utf-8-sig", "cp1252", "utf-8"}


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"


def test_markup_in_a_capture_is_never_executed_by_datasette(cli: CLI, tmp_path: Path) -> None:
    project = init(tmp_path / "p")
    shutil.rmtree(project.registry_dir)
    shutil.copytree(REPO / "corpus" / "registry", project.registry_dir)
    seed = next(iter(read_index(REPO / "corpus" / "raw")))
    text = raw_path(REPO / "corpus" / "raw", seed.blake3).read_text(encoding="utf-8")
    hostile = tmp_path / f"{IMG}.txt"  # the file name is shown too
    hostile.write_text(text.replace("Shoigu", f"Shoigu{SCRIPT}").replace("Iran", f"Iran{IMG}"))
    assert cli("ingest", "--root", project.root, hostile).exit_code == 0
    assert cli("build", "--root", project.root).exit_code == 0
    (doc,) = corpus.at(project.root).rows("documents")
    assert SCRIPT in doc["text"] and IMG in doc["text"], "the payload is in the published text"

    from pipeline.site.serve import datasette

    ds = datasette(project)
    pages = [
        "/",
        "/corpus/documents",
        f"/corpus/documents/{doc['doc_id']}",
        f"/document/{doc['doc_id']}",
        f"/corpus/segments?doc_id={doc['doc_id']}",
        "/corpus/evidence",
        "/corpus/mentions",
        "/corpus/quotes",
        "/corpus/raw_files",
        "/corpus/search?q=Shoigu",
        "/corpus?sql=select+text+from+documents",
    ]

    async def fetch() -> list[tuple[str, int, str]]:
        return [(page, (r := await ds.client.get(page)).status_code, r.text) for page in pages]

    escaped = 0
    for page, status, html in asyncio.run(fetch()):
        assert status == 200, page
        assert "<script>alert(" not in html and "<img src=x onerror" not in html, page
        escaped += "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;img src=x" in html
    assert escaped >= len(pages) - 1, "the payload is shown, as text"


def test_source_date_epoch_is_the_recorded_ingest_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reproducible ingests: ``$SOURCE_DATE_EPOCH``, when set, is the time recorded."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "a.txt").write_text(TEXT)
    project = init(tmp_path / "p")
    ingest(project, [tmp_path / "a.txt"])
    assert [r.ingested_at for r in read_index(project.raw_dir)] == ["2023-11-14T22:13:20Z"]


def test_a_link_to_a_directory_listed_in_a_meta_csv_is_refused_by_name(
    cli: CLI, empty: Project, tmp_path: Path
) -> None:
    """A --meta CSV names files that are not walked: a link there to a directory is read
    as a file would be, and refused with what it is."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "dir-link").symlink_to(tmp_path / "folder")
    meta = tmp_path / "captures.csv"
    meta.write_text("path,source_url\ndir-link,https://x.org/a\n", encoding="utf-8")
    result = cli("ingest", "--root", empty.root, "--meta", meta)
    assert result.exit_code == 1
    assert "dir-link: a symbolic link to a directory; give the directory itself" in result.stderr
    assert read_index(empty.raw_dir) == []
