"""Tables split into parts by BLAKE3 prefix, and the manifest that lets a build reuse them.

A corpus of at most ``part_size`` documents publishes each table as one file. A larger one
splits every per-document table (and ``raw_files``) by the first ``k`` hex digits of the raw
file's BLAKE3, ``k`` the smallest with at most ``part_size`` documents per shard on average:
``documents/3a.csv`` holds the documents whose ``doc_id`` starts with ``3a``. All ``16**k``
parts are listed, in prefix order, so the parts end to end are the one-file table.

Each shard has a key: the BLAKE3 of everything its files depend on (``k``, its raw records,
the build's configuration). The manifest (``parts.json``, published with the tables) keeps
the keys; a shard whose key is unchanged is not written again, and one that only gained or
lost raw files under the same configuration is spliced: its other documents' rows are
copied from the published part, not made again.
"""

from __future__ import annotations

import json
import shutil
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

import blake3
import pyarrow as pa
import pyarrow.parquet as pq

from corpus.store import RawFile
from corpus.tables import Part
from pipeline.publish.datapackage import part
from pipeline.publish.write import PartWriter, to_arrow, write_parquet
from pipeline.raw.index import Index, whole_rows
from pipeline.schemas import Table

PART_SIZE = 4_000  # documents per shard, at most on average
MANIFEST = "parts.json"
RAW_FILES = "raw_files"


def digits(documents: int, part_size: int) -> int:
    """Hex digits of the sharding key: 0 (one file) up to ``part_size`` documents."""
    if part_size < 1:
        raise ValueError(f"part size must be at least 1, not {part_size}")
    k = 0
    while documents > part_size * 16**k:
        k += 1
    return k


def prefixes(k: int) -> list[str]:
    """Every shard's prefix, in order: ``[""]`` for one file."""
    return [f"{i:0{k}x}" for i in range(16**k)] if k else [""]


def part_path(table: str, prefix: str) -> str:
    """A part's path in the data directory: ``documents.csv`` or ``documents/3a.csv``."""
    return f"{table}/{prefix}.csv" if prefix else f"{table}.csv"


def key_range(prefix: str) -> tuple[str, str]:
    """Keys ``lo <= key < hi`` of the shard ``prefix`` (hex digits sort before ``g``)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def config_hash(config: str) -> str:
    """What a manifest records of a build's configuration."""
    return blake3.blake3(config.encode()).hexdigest()[:32]


def keys(index: Index, k: int, config: str) -> dict[str, str]:
    """Each shard's key: BLAKE3 of ``config``, ``k`` and the index records of its raw files
    (their bytes: one read of each shard's range)."""
    hashers = {p: blake3.blake3(f"{config}\n{k}\n".encode()) for p in prefixes(k)}
    if index.count:
        with index.path.open("rb") as f:
            for prefix, h in hashers.items():
                start, end = index.span(prefix)
                f.seek(start)
                h.update(f.read(end - start))
    return {p: h.hexdigest()[:32] for p, h in hashers.items()}


@dataclass(frozen=True)
class Change:
    """What a build did to a shard: the raw files (BLAKE3s) it added and removed, or
    ``added`` ``None`` when it wrote the shard whole."""

    prefix: str
    added: tuple[str, ...] | None
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Job:
    """A shard to write: its raw files, and those whose rows must be made (``new``): all of
    them, or when it is spliced into its published part (``gone`` then lists the raw
    files it lost), only the ones it gained."""

    prefix: str
    raws: tuple[RawFile, ...]
    new: tuple[RawFile, ...]
    gone: tuple[str, ...] | None = None  # None: written whole


@dataclass(frozen=True)
class Written:
    """A shard's parts as written: each table's file with its digests, and its row count."""

    prefix: str
    parts: dict[str, Part]
    rows: dict[str, int]
    change: Change


def job(
    prefix: str, raws: tuple[RawFile, ...], tables: tuple[Table, ...], published: Path | None
) -> Job:
    """Shard ``prefix``'s job. With ``published``, the data directory of a build with the
    same configuration holding the shard's parts, it is spliced: the rows of the documents
    still in it will be copied from there, and only the new documents' rows made."""
    paths = [part_path(t.name, prefix) for t in tables]
    if published is None or not all(
        (published / p).is_file() and (published / _parquet(p)).is_file() for p in paths
    ):
        return Job(prefix, raws, raws)
    read = ["blake3", "media_type", "encoding"]  # what ingest may record anew
    old = pq.ParquetFile(published / _parquet(part_path(RAW_FILES, prefix))).read(columns=read)
    before = {tuple(r.values()) for r in old.to_pylist()}
    still = {r.blake3 for r in raws if (r.blake3, r.media_type, r.encoding) in before}
    gone = sorted({b3 for b3, *_ in before} - still)  # a record re-encoded is gone, and new
    return Job(prefix, raws, tuple(r for r in raws if r.blake3 not in still), tuple(gone))


def write_shard(
    job: Job,
    made: Iterable[dict[str, pa.Table]],
    stage: Path,
    tables: tuple[Table, ...],
    published: Path | None = None,
) -> Written:
    """Write shard ``job``'s part of every table in ``tables`` into ``stage``.

    ``raw_files`` gets the records themselves; the other tables the rows ``made`` of the
    job's new documents (chunks of Arrow columns, in hash order, each written as it comes:
    a shard's rows are never held at once), spliced when the job says so into the rows the
    part ``published`` holds of the documents still there (CSV bytes, Arrow columns). Runs
    in the building process: the workers made the rows.
    """
    paths = {t.name: part_path(t.name, job.prefix) for t in tables}
    scratch = stage / f".new-{job.prefix}"
    into = stage if job.gone is None else scratch
    with ExitStack() as stack:
        writers = {
            t.name: stack.enter_context(PartWriter(t, into / paths[t.name]))
            for t in tables
            if t.name != RAW_FILES
        }
        for chunk in made:
            for name, writer in writers.items():
                writer.write(chunk[name])
    rows = {name: writer.rows for name, writer in writers.items()}
    for t in tables:
        if t.name == RAW_FILES:
            with PartWriter(t, stage / paths[t.name]) as writer:
                writer.write(to_arrow(t, [asdict(raw) for raw in job.raws]))
            rows[t.name] = writer.rows
        elif job.gone is not None:
            assert published is not None, "a spliced shard needs its published parts"
            removed = {b3[:16] for b3 in job.gone}
            rows[t.name] = _splice(t, paths[t.name], published, scratch, removed, stage)
    shutil.rmtree(scratch, ignore_errors=True)
    if job.gone is None:
        change = Change(job.prefix, None)
    else:
        change = Change(job.prefix, tuple(raw.blake3 for raw in job.new), job.gone)
    found = {name: part(stage, path) for name, path in paths.items()}
    return Written(job.prefix, found, {t.name: rows[t.name] for t in tables}, change)


def _splice(
    table: Table, path: str, published: Path, scratch: Path, removed: set[str], stage: Path
) -> int:
    """Write part ``path`` to ``stage``: the published part's rows but those of documents
    ``removed``, and the new rows in ``scratch``, in key order: the same bytes as writing
    them all. The number of rows."""
    old, new, out = published / path, scratch / path, stage / path
    key = "doc_id" if "doc_id" in table.columns else "blake3"
    data = [pq.ParquetFile(_parquet(p)).read() for p in (old, new)]
    ids = [[k[:16] for k in d.column(key).to_pylist()] for d in data]
    order = runs(ids[0], ids[1], removed)
    (header, *kept), (_, *made) = (whole_rows(p.read_bytes())[0] for p in (old, new))
    lines = (kept, made)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + b"".join(b"".join(lines[s][a:b]) for s, a, b in order))
    slices = [data[s].slice(a, b - a) for s, a, b in order]
    write_parquet(table, _parquet(out), pa.concat_tables(slices) if slices else data[0].slice(0, 0))
    return sum(b - a for _, a, b in order)


def runs(old: list[str], new: list[str], removed: set[str]) -> list[tuple[int, int, int]]:
    """Merge two lists of document ids, each in key order and each document's rows together,
    leaving out the documents ``removed`` from ``old``: runs ``(source, start, stop)`` of
    rows of ``old`` (source 0) or ``new`` (1). A new document goes after an old one with the
    same id, as a stable merge puts it. Runs, not rows: a splice costs the few changed
    documents, not a Python step per row."""
    events: list[tuple[int, int, int, int]] = []  # (position in old, kind, start, stop)
    for doc in removed:
        start = bisect_left(old, doc)
        events.append((start, 0, start, bisect_right(old, doc)))
    start = 0
    for doc, rows in groupby(new):
        stop = start + sum(1 for _ in rows)
        events.append((bisect_right(old, doc), 1, start, stop))
        start = stop
    order, at = [], 0
    for position, kind, start, stop in sorted(events):
        if position > at:
            order.append((0, at, position))
            at = position
        if kind:
            order.append((1, start, stop))
        else:
            at = max(at, stop)
    if at < len(old):
        order.append((0, at, len(old)))
    return order


def _parquet(path: Path | str) -> Path:
    return Path(path).with_suffix(".parquet")


@dataclass(frozen=True)
class Manifest:
    """The published shards: the part size asked for and ``k``, the configuration's hash,
    each shard's key and rows."""

    part_size: int
    digits: int
    config: str
    shards: dict[str, dict[str, Any]]  # prefix -> {"key": ..., "rows": {table: n}}

    def dumps(self) -> str:
        data = {
            "part_size": self.part_size,
            "digits": self.digits,
            "config": self.config,
            "shards": self.shards,
        }
        return json.dumps(data, indent=1) + "\n"


def read_manifest(data_dir: Path) -> Manifest | None:
    """The published manifest; ``None`` when missing or unreadable (every shard is rewritten)."""
    try:
        data = json.loads((data_dir / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(
            int(data.get("part_size", PART_SIZE)),
            int(data["digits"]),
            str(data["config"]),
            dict(data["shards"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
