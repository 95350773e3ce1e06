"""The raw store's index read as bytes: the same records as the CSV reader, spliced in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.store import INDEX_NAME, RawFile, blake3_hex, read_index, write_index
from pipeline.project import ProjectError
from pipeline.publish.shards import keys, prefixes
from pipeline.raw.index import _records, insert, scan

NAMES = ["plain.txt", "comma, in it.html", 'a "quoted" name', "two\nlines", "ünïcode.txt", ""]


def records(n: int, salt: str = "") -> list[RawFile]:
    made = [
        RawFile(
            blake3_hex(f"{salt}{i}".encode()),
            "0" * 64,
            i,
            "text/plain",
            "utf-8",
            NAMES[i % len(NAMES)],
            "2026-01-01T00:00:00Z",
        )
        for i in range(n)
    ]
    return sorted(made, key=lambda r: r.blake3)


def test_inserted_records_give_the_index_write_index_writes(tmp_path: Path) -> None:
    old, new = records(40), records(25, salt="new")
    write_index(tmp_path, old)
    for batch in (new[:1], new[1:10], new[10:]):  # first, middle and last places among others
        insert(scan(tmp_path), batch)
    spliced = (tmp_path / INDEX_NAME).read_bytes()
    write_index(tmp_path, sorted(old + new, key=lambda r: r.blake3))
    assert spliced == (tmp_path / INDEX_NAME).read_bytes()


def test_a_first_record_goes_under_a_header(tmp_path: Path) -> None:
    (raw,) = records(1)
    insert(scan(tmp_path), [raw])
    assert read_index(tmp_path) == [raw]


def test_scan_finds_every_record_and_each_shards_records(tmp_path: Path) -> None:
    stored = records(60)
    write_index(tmp_path, stored)
    index = scan(tmp_path)
    assert index.count == 60
    for raw in stored:
        assert index.find(raw.blake3)[1] == raw
    assert index.find(records(1, salt="absent")[0].blake3)[1] is None
    for k in (0, 1, 2):
        found = [r for p in prefixes(k) for r in index.raws(p)]
        assert found == stored
        assert list(index.raws(prefixes(k)[-1])) == [
            r for r in stored if r.blake3.startswith(prefixes(k)[-1])
        ]


def test_records_are_whole_whatever_blocks_the_file_is_read_in(tmp_path: Path) -> None:
    """A block may end inside a record, inside a quoted name, even inside one spanning two
    lines: the records and their offsets are those of one read of the whole file."""
    write_index(tmp_path, records(60))
    path = tmp_path / INDEX_NAME
    data = path.read_bytes()
    whole = _read(path, block=len(data) + 1)
    assert len(whole) == 61 and b"".join(row + b"\n" for _, row in whole) == data
    for block in (1, 7, 64, 333):
        assert _read(path, block) == whole, block


def _read(path: Path, block: int) -> list[tuple[int, bytes]]:
    """Each record of ``_records`` with its own byte offset."""
    found = []
    for offset, rows in _records(path, block=block):
        for row in rows:
            found.append((offset, row))
            offset += len(row) + 1
    return found


def test_a_shard_key_changes_with_its_records_only(tmp_path: Path) -> None:
    stored = records(60)
    write_index(tmp_path, stored)
    before = keys(scan(tmp_path), 1, "config")
    changed = stored[0].blake3[0]
    write_index(tmp_path, stored[1:])
    after = keys(scan(tmp_path), 1, "config")
    assert {p for p in before if before[p] != after[p]} == {changed}
    assert keys(scan(tmp_path), 1, "other config") != after


def test_an_unsorted_index_is_refused(tmp_path: Path) -> None:
    stored = records(3)
    write_index(tmp_path, stored)
    path = tmp_path / INDEX_NAME
    header, *lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(header + b"".join(reversed(lines)))
    with pytest.raises(ProjectError, match="not sorted"):
        scan(tmp_path)
