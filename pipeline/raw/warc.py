"""The captures inside a web archive: WARC files (``.warc``, ``.warc.gz``) and WACZ packages.

Read with ``warcio``. Each ``response`` record whose HTTP ``Content-Type`` is HTML or plain
text (or absent) is one capture: its payload, with the transfer and content encodings undone
(what a browser would have read), is what is stored and hashed; its ``WARC-Target-URI``,
``WARC-Date``, ``WARC-Record-ID`` and HTTP headers are recorded with it. Every other record
(requests, metadata, revisits, images, scripts, ...) is skipped and counted. A WACZ package
is a ZIP archive whose ``archive/*.warc(.gz)`` members are read in name order. A record
shorter than its ``Content-Length`` (a truncated file) makes the archive unreadable from
there: the records before it are captures, it and the rest are not.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
SUFFIXES = (".warc", ".warc.gz", ".wacz")


class NotAnArchive(ValueError):
    """The file cannot be read as a WARC file or WACZ package; the message says why."""


@dataclass(frozen=True)
class Record:
    """One response record's payload and what the archive says of it."""

    record_id: str
    target_uri: str
    date: str  # WARC-Date as written
    headers: str  # the HTTP headers, JSON: [[name, value], ...]
    charset: str  # of the Content-Type header, "" when none
    payload: bytes | None  # None: over the size limit (``size`` says how big)
    size: int


def is_archive(path: Path) -> bool:
    """Whether ``path`` is named as a WARC file or WACZ package."""
    return path.name.lower().endswith(SUFFIXES)


def records(path: Path, max_size: int, skipped: dict[str, int]) -> Iterator[Record]:
    """The text response records of the archive at ``path``, in the order stored; a record
    skipped is counted in ``skipped`` under the reason. Payloads over ``max_size`` bytes
    come without their bytes."""
    try:
        if path.name.lower().endswith(".wacz"):
            with zipfile.ZipFile(path) as wacz:
                names = sorted(
                    n
                    for n in wacz.namelist()
                    if n.startswith("archive/") and n.endswith((".warc", ".warc.gz"))
                )
                if not names:
                    raise NotAnArchive("a WACZ package with no archive/*.warc.gz in it")
                for name in names:
                    with wacz.open(name) as member:
                        yield from _records(member, max_size, skipped)
        else:
            with path.open("rb") as f:
                yield from _records(f, max_size, skipped)
    except zipfile.BadZipFile:
        raise NotAnArchive("not a WACZ package (not a ZIP archive)") from None
    except NotAnArchive:
        raise
    except Exception as e:  # warcio's errors are plain exceptions of several kinds
        raise NotAnArchive(f"not a readable WARC file ({type(e).__name__}: {e})") from None


def _records(stream: IO[bytes], max_size: int, skipped: dict[str, int]) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator

    for record in ArchiveIterator(stream):
        if record.rec_type != "response" or record.http_headers is None:
            _count(skipped, f"WARC {record.rec_type} records skipped")
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        mime, _, params = content_type.partition(";")
        if mime.strip() and mime.strip().lower() not in TEXT_TYPES:
            _count(skipped, "WARC responses skipped (not HTML or text)")
            continue
        data = record.content_stream().read(max_size + 1)
        missing = getattr(record.raw_stream, "limit", 0)  # of the block's Content-Length
        if len(data) <= max_size and missing:
            target = record.rec_headers.get_header("WARC-Target-URI") or ""
            raise NotAnArchive(f"a truncated record ({target}): {missing:,} bytes missing")
        yield Record(
            record.rec_headers.get_header("WARC-Record-ID") or "",
            record.rec_headers.get_header("WARC-Target-URI") or "",
            record.rec_headers.get_header("WARC-Date") or "",
            json.dumps([list(h) for h in record.http_headers.headers], ensure_ascii=False),
            _charset(params),
            data if len(data) <= max_size else None,
            len(data),
        )


def _charset(params: str) -> str:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"')
    return ""


def _count(skipped: dict[str, int], reason: str) -> None:
    skipped[reason] = skipped.get(reason, 0) + 1
