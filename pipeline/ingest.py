"""Put captures into the content-addressed raw store and record them in its index.

All or nothing: every path is read, checked and copied to a private temporary directory
first; only if every one can be a capture are they moved to their addresses and the index
rewritten (the new records spliced in, the others copied as bytes). Otherwise the store is
left exactly as it was and every problem is reported, one line each, naming the file and
the reason.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from corpus.report import Report
from corpus.store import RawFile, blake3_hex, iter_withdrawn, raw_path, sha256_hex
from pipeline.formats import NotACapture, sniff
from pipeline.index import insert, scan
from pipeline.project import Project
from pipeline.publish import TEMP_PREFIX, repair


@dataclass
class IngestResult:
    added: list[RawFile] = field(default_factory=list)
    existing: list[RawFile] = field(default_factory=list)
    report: Report = field(default_factory=lambda: Report("ingest"))


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named by ``paths``; a directory is walked recursively in sorted order.

    A link to a directory is followed when named, not when met inside a walked directory
    (it is listed, then refused).
    """
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_symlink() or not p.is_dir())
        else:
            yield path


def ingest(project: Project, paths: Iterable[Path], now: datetime | None = None) -> IngestResult:
    """Hash, check and store every file under ``paths``; the same bytes twice are one file.

    Of several names for the same new bytes, the smallest is recorded, so the order in which
    files are given does not change the index. ``now`` (else ``$SOURCE_DATE_EPOCH``, else the
    clock) is the recorded ingest time.
    """
    stamp = timestamp(now)
    result = IngestResult()
    paths = list(paths)
    with project.lock():
        repair(project)
        index = scan(project.raw_dir)  # where each record is: none is parsed
        withdrawn = {w.raw.blake3: w for w in iter_withdrawn(project.raw_dir)}
        found: list[RawFile] = []  # the records of the files given that the store has, in order
        staged: dict[str, RawFile] = {}
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=project.base) as tmp:
            for path in _files(result.report, paths):
                try:
                    data = _read(path)
                    fmt = sniff(data, path.name)
                except (OSError, NotACapture) as e:
                    reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
                    result.report.add("ingest", f"{_shown(path)}: {reason}")
                    continue
                result.report.count("files")
                b3 = blake3_hex(data)
                name = _name(path)
                if b3 in withdrawn:
                    when = withdrawn[b3].withdrawn_at
                    result.report.add("ingest", f"{_shown(path)}: withdrawn at {when}")
                elif stored := index.find(b3)[1]:
                    found.append(stored)
                elif b3 in staged:
                    staged[b3] = replace(
                        staged[b3], original_name=min(name, staged[b3].original_name)
                    )
                else:
                    _write(Path(tmp) / b3, data)
                    staged[b3] = RawFile(
                        b3, sha256_hex(data), len(data), fmt.media_type, fmt.encoding, name, stamp
                    )
            if not result.report.ok:
                return result
            result.existing = found
            os.sync()  # staged bytes are durable before the index names them (once, not per file)
            for b3 in sorted(staged):
                target = raw_path(project.raw_dir, b3)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(Path(tmp) / b3, target)
                result.added.append(staged[b3])
        if result.added:  # spliced into the stored records, which are copied as bytes
            insert(index, result.added)
    return result


def timestamp(now: datetime | None = None) -> str:
    """``now`` (else ``$SOURCE_DATE_EPOCH``, else the clock) as recorded: ISO 8601, UTC."""
    if now is None and (epoch := os.environ.get("SOURCE_DATE_EPOCH")):
        now = datetime.fromtimestamp(int(epoch), UTC)
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _files(report: Report, paths: list[Path]) -> Iterator[Path]:
    """The files to ingest; a directory with none in it is a problem (probably a wrong path)."""
    for path in paths:
        files = list(walk([path]))
        if not files:
            report.add("ingest", f"{_shown(path)}: a directory with no files in it")
        yield from files


def _read(path: Path) -> bytes:
    """The bytes of a regular file (a link is followed); never blocks on a pipe or a device."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise NotACapture(f"a broken symbolic link (to {os.readlink(path)})") from None
        raise
    if stat.S_ISDIR(mode):
        raise NotACapture("a symbolic link to a directory; give the directory itself")
    if not stat.S_ISREG(mode):
        raise NotACapture(f"not a regular file ({_kind(mode)}), so not a capture")
    return path.read_bytes()


def _kind(mode: int) -> str:
    for test, what in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return what
    return "a special file"


def _name(path: Path) -> str:
    """The file name as recorded: a name that is not valid UTF-8 keeps its bytes as escapes."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _shown(path: Path) -> str:
    """``path`` for a one-line message: names with line breaks or odd bytes are escaped."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text if text.isprintable() else ascii(text)


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` read-only, ready to be synced (with the others) and moved to its address."""
    with path.open("wb") as f:
        f.write(data)
    os.chmod(path, 0o444)
