"""The content-addressed raw store: ``raw/<b3[:2]>/<b3>``, bytes exactly as captured.

Reading only; writing new captures is the pipeline's ``ingest``. Kept in ``corpus`` so
that an installed package can hand out (and re-check) its raw captures.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import blake3 as _blake3

INDEX_NAME = "index.csv"
WITHDRAWN_NAME = "withdrawn.csv"  # captures taken out by ``corpus remove``: bytes kept, unpublished


@dataclass(frozen=True)
class RawFile:
    """One raw capture as recorded in the store's index (and in the ``raw_files`` table).

    The fields after ``ingested_at`` are what is known of where the capture came from, ``""``
    when nothing is: an index written before they existed reads with them empty.
    """

    blake3: str
    sha256: str
    size_bytes: int
    media_type: str
    encoding: str
    original_name: str
    ingested_at: str
    path: str = ""  # the path as given to ingest (``sub/a.txt``; a WARC file's for its records)
    source_url: str = ""  # where it was captured from (a WARC record's target URI)
    captured_at: str = ""  # when (ISO 8601, UTC); a WARC record's date
    rights: str = ""  # the licence or rights statement it was captured under
    warc_record_id: str = ""  # the WARC-Record-ID of the response it is the payload of
    http_headers: str = ""  # that response's HTTP headers: JSON, a list of [name, value] pairs


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(RawFile))


def blake3_hex(data: bytes) -> str:
    """BLAKE3 of ``data`` as 64 lowercase hex digits."""
    return _blake3.blake3(data).hexdigest()


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Digests:
    """A file's size and hashes."""

    size: int
    sha256: str
    blake3: str


def digests(path: Path, block: int = 1 << 24) -> Digests:
    """Size, SHA-256 and BLAKE3 of the file at ``path``, read ``block`` bytes at a time.

    Memory stays flat however large the file (a published table can be gigabytes).
    """
    sha, b3, size = hashlib.sha256(), _blake3.blake3(), 0
    with path.open("rb") as f:
        while chunk := f.read(block):
            sha.update(chunk)
            b3.update(chunk)
            size += len(chunk)
    return Digests(size, sha.hexdigest(), b3.hexdigest())


def raw_path(raw_dir: Path, b3: str) -> Path:
    """Where the bytes with BLAKE3 ``b3`` live in the store."""
    return raw_dir / b3[:2] / b3


def decode(data: bytes, encoding: str) -> str:
    """The raw text that every span indexes: ``data`` decoded strictly, nothing normalised.

    ``encoding`` is the Python codec name ingest recorded (``cp1251``, ``utf-16``: a byte-order
    mark is not part of the text); no detection happens here, so any reader decodes alike.
    """
    return data.decode(encoding)


def read_index(raw_dir: Path) -> list[RawFile]:
    """The store's index, sorted by hash; an empty list for a store with no index yet."""
    return sorted(iter_index(raw_dir), key=lambda r: r.blake3)


def iter_index(raw_dir: Path) -> Iterator[RawFile]:
    """The store's index one record at a time, as written (sorted by hash by ``write_index``).

    For passes over millions of raw files, whose records would not all fit in memory.
    """
    path = raw_dir / INDEX_NAME
    if not path.exists():
        return
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield RawFile(**{**row, "size_bytes": int(row["size_bytes"])})  # type: ignore[arg-type]


def write_index(raw_dir: Path, rows: Iterable[RawFile]) -> None:
    """Replace the store's index atomically with ``rows``, streamed; they must be sorted by hash."""
    path = raw_dir / INDEX_NAME
    tmp = path.with_suffix(".tmp")
    try:
        with tmp.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(COLUMNS)
            last = ""
            for row in rows:
                if row.blake3 <= last:
                    raise ValueError(f"index rows must be sorted by hash, unique: {row.blake3}")
                last = row.blake3
                writer.writerow(astuple(row))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


@dataclass(frozen=True)
class Withdrawal:
    """A capture taken out of the corpus (``corpus remove``): its index record as it was,
    when and why. Its bytes stay in the store, so that what was published can be checked."""

    raw: RawFile
    withdrawn_at: str
    reason: str


WITHDRAWN_COLUMNS: tuple[str, ...] = (*COLUMNS, "withdrawn_at", "reason")


def iter_withdrawn(raw_dir: Path) -> Iterator[Withdrawal]:
    """The store's withdrawals, in the order they were made; none for a store without any."""
    path = raw_dir / WITHDRAWN_NAME
    if not path.exists():
        return
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            record = {c: row[c] for c in COLUMNS}
            raw = RawFile(**{**record, "size_bytes": int(record["size_bytes"])})  # type: ignore[arg-type]
            yield Withdrawal(raw, row["withdrawn_at"], row["reason"])
