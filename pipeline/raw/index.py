"""The raw store's index read as bytes: one pass finds every record, later ones read only theirs.

``corpus/raw/index.csv`` is sorted by BLAKE3, so the records of a shard (or the place of a
new one) are one byte range of the file. ``scan`` notes where each record starts and the
first digits of its hash; a build then hashes each shard's range and parses the records of
the shards it writes, and an ingest splices new records in, copying the rest as bytes.
"""

from __future__ import annotations

import csv
import heapq
import io
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass
from itertools import accumulate, pairwise
from pathlib import Path
from typing import BinaryIO

import blake3

from corpus.store import COLUMNS, INDEX_NAME, RawFile, write_index
from pipeline.project import ProjectError

HEAD = 8  # hex digits of a hash kept per record: enough to find any shard of up to 16**8


@dataclass(frozen=True)
class Index:
    """Where each record of the index lies, and what one pass over it tells."""

    path: Path
    columns: list[str]  # the header's
    count: int
    blake3: str  # of the raw files' BLAKE3s joined by newlines (the build's input record)
    heads: array  # type: ignore[type-arg]  # each record's first HEAD hex digits, as an int
    offsets: array  # type: ignore[type-arg]  # each record's byte offset, then the file's end

    def span(self, prefix: str) -> tuple[int, int]:
        """The byte range of the records whose hash starts with ``prefix``."""
        if not prefix:
            return self.offsets[0], self.offsets[-1]
        shift = 4 * (HEAD - len(prefix))
        lo = int(prefix, 16) << shift
        i, j = bisect_left(self.heads, lo), bisect_left(self.heads, lo + (1 << shift))
        return self.offsets[i], self.offsets[j]

    def raws(self, prefix: str) -> Iterator[RawFile]:
        """The records whose hash starts with ``prefix``, in hash order."""
        return self._parse(*self.span(prefix))

    def find(self, b3: str) -> tuple[int, RawFile | None]:
        """Where the record of ``b3`` is or would go (a byte offset), and the record if stored."""
        head = int(b3[:HEAD], 16)
        i, j = bisect_left(self.heads, head), bisect_right(self.heads, head)
        for r in range(i, j):  # the records sharing the head: almost always none or one
            raw = next(self._parse(self.offsets[r], self.offsets[r + 1]))
            if raw.blake3 >= b3:
                return self.offsets[r], raw if raw.blake3 == b3 else None
        return self.offsets[j], None

    def _parse(self, start: int, end: int) -> Iterator[RawFile]:
        with self.path.open("rb") as f:
            f.seek(start)
            text = f.read(end - start).decode("utf-8")
        at = [self.columns.index(name) for name in COLUMNS if name in self.columns]
        for row in csv.reader(io.StringIO(text, newline="")):
            values = [row[i] for i in at]  # an older index lacks the last columns: empty
            yield RawFile(*values[:2], int(values[2]), *values[3:])  # type: ignore[arg-type,call-arg]


def scan(raw_dir: Path) -> Index:
    """One pass over the index: each record's place, checking that they are sorted by hash."""
    path = raw_dir / INDEX_NAME
    digest, heads, offsets = blake3.blake3(), array("Q"), array("Q")
    columns, last, end = list(COLUMNS), b"", 0
    for offset, records in _records(path):
        if offset == 0:  # the header
            header, *records = records
            columns = next(csv.reader([header.decode("utf-8")]))
            offset += len(header) + 1
        b3s = [record.split(b",", 1)[0] for record in records]
        if not all(a < b for a, b in pairwise([last, *b3s])):
            raise ProjectError(
                f"{path} is not sorted by blake3 (edited by hand?): "
                "restore it from version control or a backup"
            )
        try:
            heads.extend([int(b3[:HEAD].ljust(HEAD, b"0"), 16) for b3 in b3s])
        except ValueError:
            raise ProjectError(f"{path}: a record does not start with a BLAKE3 hash") from None
        if b3s:
            digest.update(b"\n".join([b"", *b3s] if offsets else b3s))
            offsets.extend(accumulate([len(r) + 1 for r in records[:-1]], initial=offset))
            last = b3s[-1]
        end = offset + sum(len(r) + 1 for r in records)
    offsets.append(min(end, path.stat().st_size) if end else 0)  # a last record may lack \n
    return Index(path, columns, len(heads), digest.hexdigest(), heads, offsets)


def insert(index: Index, raws: Iterable[RawFile]) -> None:
    """Replace the index atomically with its records and ``raws`` (sorted by hash; one with
    a stored hash replaces that record): the other records are copied as bytes, never parsed."""
    if not index.path.exists():  # a store's first records: under a header, like any index
        index.path.write_bytes(_csv([index.columns]))
        index = scan(index.path.parent)
    if index.columns != list(COLUMNS):  # an index of fewer columns: rewritten once, whole
        write_index(index.path.parent, merge(index.raws(""), raws))
        return
    tmp = index.path.with_suffix(".tmp")
    try:
        with index.path.open("rb") as f, tmp.open("wb") as out:
            done = 0
            for raw in raws:
                at, stored = index.find(raw.blake3)
                _copy(f, out, done, at)
                row = dict(zip(COLUMNS, astuple(raw), strict=True))
                out.write(_csv([[row[c] for c in index.columns]]))
                done = index.offsets[bisect_left(index.offsets, at) + 1] if stored else at
            _copy(f, out, done, index.offsets[-1])
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(index.path)


def merge(stored: Iterable[RawFile], raws: Iterable[RawFile]) -> Iterator[RawFile]:
    """The records of ``stored`` and ``raws`` (both sorted by hash), one of ``raws`` replacing
    a stored one with its hash."""
    new = {raw.blake3: raw for raw in raws}
    for raw in heapq.merge(stored, new.values(), key=lambda r: r.blake3):
        if new.get(raw.blake3, raw) is raw:
            yield raw


def delete(index: Index, b3s: Iterable[str]) -> None:
    """Replace the index atomically with its records but those of ``b3s`` (stored ones):
    the others are copied as bytes, never parsed."""
    tmp = index.path.with_suffix(".tmp")
    try:
        with index.path.open("rb") as f, tmp.open("wb") as out:
            done = 0
            for b3 in sorted(set(b3s)):
                at, raw = index.find(b3)
                if raw is None:
                    continue
                _copy(f, out, done, at)
                done = index.offsets[bisect_left(index.offsets, at) + 1]
            _copy(f, out, done, index.offsets[-1])
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(index.path)


def _records(path: Path, block: int = 1 << 22) -> Iterator[tuple[int, list[bytes]]]:
    """The CSV records of the file at ``path``, a block at a time: the byte offset of the
    first, and each record without its newline (records split as :func:`whole_rows` says)."""
    if not path.exists():
        return
    offset, pending = 0, b""
    with path.open("rb") as f:
        while chunk := f.read(block):
            data = pending + chunk
            if b'"' in data:  # rare: a name with a comma, quote or newline
                rows, end = whole_rows(data)
                lines, pending = [row[:-1] for row in rows], data[end:]
            else:
                lines = data.split(b"\n")
                pending = lines.pop()
            yield offset, lines
            offset += sum(len(line) + 1 for line in lines)
        if pending:
            yield offset, [pending]


def whole_rows(data: bytes) -> tuple[list[bytes], int]:
    """The whole rows at the start of ``data`` (CSV as the csv module writes it), each with its
    newline, and where the last of them ends. A row ends at a newline outside quotes; quotes
    inside a quoted cell are doubled, so outside means after an even count."""
    rows: list[bytes] = []
    start = end = quotes = 0
    for line in data.split(b"\n")[:-1]:
        end += len(line) + 1
        quotes += line.count(b'"')
        if quotes % 2 == 0:
            rows.append(data[start:end])
            start, quotes = end, 0
    return rows, start


def _copy(src: BinaryIO, dst: BinaryIO, start: int, end: int, block: int = 1 << 22) -> None:
    src.seek(start)
    while start < end and (data := src.read(min(block, end - start))):
        dst.write(data)
        start += len(data)


def _csv(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as ``corpus.store.write_index`` writes them."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")
