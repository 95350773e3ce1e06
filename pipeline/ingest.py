"""Put captures into the content-addressed raw store and record them in its index.

All or nothing: every path is read, checked and copied to a private temporary directory
first; only if every one can be a capture are they moved to their addresses and the index
rewritten (the new records spliced in, the others copied as bytes). Otherwise the store is
left exactly as it was and every problem is reported, one line each, naming the file and
the reason.

In a folder, names starting with a dot (``.DS_Store``, ``.git/``) are skipped, and counted; a
symbolic link is refused, never followed (``d/x.txt -> /etc/passwd`` would publish the
target). A file or link named on the command line is taken as named. A capture larger than
``max_size`` bytes (10 MB unless changed) is refused before it is read.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from corpus.report import Report
from corpus.store import RawFile, blake3_hex, raw_path, sha256_hex
from pipeline.formats import NotACapture, sniff
from pipeline.index import insert, scan
from pipeline.project import Project
from pipeline.publish import TEMP_PREFIX, repair

DEFAULT_MAX_SIZE = 10_000_000
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?b?)", re.IGNORECASE)


@dataclass
class IngestResult:
    added: list[RawFile] = field(default_factory=list)
    existing: list[RawFile] = field(default_factory=list)
    reencoded: list[RawFile] = field(default_factory=list)  # stored, with --encoding's now
    hidden: list[Path] = field(default_factory=list)  # dotfiles and dot-folders skipped
    report: Report = field(default_factory=lambda: Report("ingest"))


def parse_size(text: str) -> int:
    """Bytes in a size such as ``10MB``, ``500 kB``, ``1.5GB`` or ``2000`` (decimal units)."""
    if not (match := _SIZE.fullmatch(text.strip())):
        raise ValueError(f"not a size: {text!r} (say 10MB, 500kB or a number of bytes)")
    return int(float(match[1]) * _UNITS[match[2].lower()])


def walk(paths: Iterable[Path], hidden: list[Path] | None = None) -> Iterator[Path]:
    """Files named by ``paths``; a directory is walked recursively in sorted order.

    Inside a walked directory, names starting with a dot are skipped (and appended to
    ``hidden``), and a symbolic link is listed but never followed.
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        found: list[Path] = []
        skipped = hidden if hidden is not None else []
        for top, dirs, files in os.walk(path, onerror=_raise):
            links = {n for n in dirs if os.path.islink(os.path.join(top, n))}
            dot_dirs = [n for n in dirs if n.startswith(".") and n not in links]
            for name in [*files, *links, *dot_dirs]:
                (skipped if name.startswith(".") else found).append(Path(top) / name)
            dirs[:] = sorted(n for n in dirs if not n.startswith(".") and n not in links)
        yield from sorted(found)


def _raise(error: OSError) -> None:
    raise error


def ingest(
    project: Project,
    paths: Iterable[Path],
    now: datetime | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    encoding: str | None = None,
) -> IngestResult:
    """Hash, check and store every file under ``paths``; the same bytes twice are one file.

    Of several names for the same new bytes, the smallest is recorded, so the order in which
    files are given does not change the index. ``now`` (else ``$SOURCE_DATE_EPOCH``, else the
    clock) is the recorded ingest time.

    ``encoding`` (a label) is every file's, instead of the one :mod:`pipeline.charset` would
    detect; of bytes already stored, it replaces the recorded encoding (the way to correct a
    capture recorded with the wrong one). Without it, stored bytes keep their record.
    """
    stamp = _now(now).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = IngestResult()
    paths = list(paths)
    with project.lock():
        repair(project)
        index = scan(project.raw_dir)  # where each record is: none is parsed
        found: list[RawFile] = []  # the records of the files given that the store has, in order
        staged: dict[str, RawFile] = {}
        reread: dict[str, RawFile] = {}  # stored records with the encoding given instead
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=project.base) as tmp:
            for path in _files(result, paths):
                try:
                    data = _read(path, max_size)
                    b3 = blake3_hex(data)
                    stored = index.find(b3)[1]
                    fmt = sniff(data, path.name, encoding) if not stored or encoding else None
                except (OSError, NotACapture) as e:
                    reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
                    result.report.add("ingest", f"{_shown(path)}: {reason}")
                    continue
                result.report.count("files")
                name = _name(path)
                if stored:
                    found.append(stored)
                    if fmt and fmt.encoding != stored.encoding:
                        reread[b3] = replace(stored, encoding=fmt.encoding)
                elif b3 in staged:
                    staged[b3] = replace(
                        staged[b3], original_name=min(name, staged[b3].original_name)
                    )
                else:
                    assert fmt is not None  # sniffed: the bytes are not stored
                    _write(Path(tmp) / b3, data)
                    staged[b3] = RawFile(
                        b3, sha256_hex(data), len(data), fmt.media_type, fmt.encoding, name, stamp
                    )
            if not result.report.ok:
                return result
            result.existing = found
            result.reencoded = [reread[b3] for b3 in sorted(reread)]
            os.sync()  # staged bytes are durable before the index names them (once, not per file)
            for b3 in sorted(staged):
                target = raw_path(project.raw_dir, b3)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(Path(tmp) / b3, target)
                result.added.append(staged[b3])
        if changed := sorted([*result.added, *result.reencoded], key=lambda r: r.blake3):
            insert(index, changed)  # spliced into the stored records, which are copied as bytes
    return result


def _now(now: datetime | None) -> datetime:
    if now is not None:
        return now
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def _files(result: IngestResult, paths: list[Path]) -> Iterator[Path]:
    """The files to ingest; a directory with none in it is a problem (probably a wrong path),
    and so is a symbolic link inside one."""
    report = result.report
    for path in paths:
        try:
            files = list(walk([path], result.hidden))
        except OSError as e:
            report.add("ingest", f"{_shown(Path(e.filename or path))}: {e.strerror or e}")
            continue
        if not files and path.is_dir():
            report.add("ingest", f"{_shown(path)}: a directory with no files in it")
        for file in files:
            if file != path and file.is_symlink():
                report.add(
                    "ingest",
                    f"{_shown(file)}: a symbolic link (to {_shown(Path(os.readlink(file)))}) "
                    "inside a folder, not followed: give the file itself",
                )
            else:
                yield file
    if result.hidden:
        report.count("hidden skipped", len(result.hidden))


def _read(path: Path, max_size: int) -> bytes:
    """The bytes of a regular file (a link is followed) of at most ``max_size`` bytes; never
    blocks on a pipe or a device."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise NotACapture(f"a broken symbolic link (to {os.readlink(path)})") from None
        raise
    if stat.S_ISDIR(info.st_mode):
        raise NotACapture("a symbolic link to a directory; give the directory itself")
    if not stat.S_ISREG(info.st_mode):
        raise NotACapture(f"not a regular file ({_kind(info.st_mode)}), so not a capture")
    with path.open("rb") as f:
        data = f.read(max_size + 1) if info.st_size <= max_size else b""
    if info.st_size > max_size or len(data) > max_size:
        size = max(info.st_size, len(data))
        raise NotACapture(
            f"{size:,} bytes, over the limit of {max_size:,} per capture (see --max-size)"
        )
    return data


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
