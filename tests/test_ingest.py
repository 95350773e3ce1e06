"""``corpus ingest`` on odd and hostile input: stored exactly, or refused with nothing written."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import CLI

from corpus.store import blake3_hex, decode, raw_path, read_index
from pipeline.project import Project, init

TEXT = "Shoigu said: “We are aimed at implementing” the plan.\n"


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
        ("bad.txt", b"\x81\x8d\x8f\x90\x9d broken", "not valid UTF-8"),
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
