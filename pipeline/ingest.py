"""Put captures into the content-addressed raw store and record them in its index.

All or nothing: every path is read and checked first; if any cannot be a capture the
store is left exactly as it was and every problem is reported.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from corpus.report import Report
from corpus.store import RawFile, blake3_hex, raw_path, read_index, sha256_hex, write_index
from pipeline.formats import NotACapture, sniff
from pipeline.project import Project


@dataclass
class IngestResult:
    added: list[RawFile] = field(default_factory=list)
    existing: list[RawFile] = field(default_factory=list)
    report: Report = field(default_factory=lambda: Report("ingest"))


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named by ``paths``; a directory is walked recursively in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() or p.is_symlink())
        else:
            yield path


def ingest(project: Project, paths: Iterable[Path], now: datetime | None = None) -> IngestResult:
    """Hash, check and store every file under ``paths``; the same bytes twice are one file."""
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = IngestResult()
    with project.lock():
        known = {r.blake3: r for r in read_index(project.raw_dir)}
        staged: dict[str, tuple[RawFile, bytes]] = {}
        for path in walk(paths):
            try:
                data = path.read_bytes()
                fmt = sniff(data, path.name)
            except (OSError, NotACapture) as e:
                reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
                result.report.add("ingest", f"{path}: {reason}")
                continue
            result.report.count("files")
            b3 = blake3_hex(data)
            if b3 in known:
                result.existing.append(known[b3])
            elif b3 not in staged:
                record = RawFile(
                    b3, sha256_hex(data), len(data), fmt.media_type, fmt.encoding, path.name, stamp
                )
                staged[b3] = (record, data)
        if not result.report.ok:
            return result
        for record, data in staged.values():
            _store(project.raw_dir, record.blake3, data)
            result.added.append(record)
        if result.added:
            write_index(project.raw_dir, [*known.values(), *result.added])
    return result


def _store(raw_dir: Path, b3: str, data: bytes) -> None:
    """Write ``data`` at its address atomically (temp file, fsync, rename) and read-only."""
    target = raw_path(raw_dir, b3)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".ingest-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
