"""Put captures into the content-addressed raw store and record them in its index.

All or nothing: every path is read, checked and copied to a private temporary directory
first; only if every one can be a capture are they moved to their addresses and the index
rewritten (the new records spliced in, the others copied as bytes). Otherwise the store is
left exactly as it was and every problem is reported, one line each, naming the file and
the reason. With ``skip_invalid`` the captures that can be stored are, and the others are
reported the same way.

A record keeps the file's base name (``original_name``), the path as given (``sub/a.txt``)
and, when known, its source: URL, capture time (UTC) and rights, from the command line or a
sidecar CSV (:mod:`pipeline.raw.sidecar`), or a WARC record's target URI, date, record id and
HTTP headers (:mod:`pipeline.raw.warc`). A WARC file or WACZ package is ingested record by record.

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
from dataclasses import asdict, astuple, dataclass, field, replace
from datetime import UTC, datetime
from fnmatch import fnmatch
from pathlib import Path

from corpus.report import Report
from corpus.store import RawFile, blake3_hex, iter_withdrawn, raw_path, sha256_hex
from pipeline.project import Project
from pipeline.publish.atomic import TEMP_PREFIX, repair
from pipeline.raw.charset import codec
from pipeline.raw.formats import NotACapture, sniff
from pipeline.raw.index import insert, scan
from pipeline.raw.sidecar import Source, utc
from pipeline.raw.sidecar import read as read_sidecar
from pipeline.raw.warc import NotAnArchive, is_archive, records

DEFAULT_MAX_SIZE = 10_000_000
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?b?)", re.IGNORECASE)


@dataclass
class IngestResult:
    added: list[RawFile] = field(default_factory=list)
    existing: list[RawFile] = field(default_factory=list)
    reencoded: list[RawFile] = field(default_factory=list)  # stored, with --encoding's now
    updated: list[RawFile] = field(default_factory=list)  # stored, with the source given now
    hidden: list[Path] = field(default_factory=list)  # dotfiles and dot-folders skipped
    skipped: dict[str, int] = field(default_factory=dict)  # not captures, by reason
    report: Report = field(default_factory=lambda: Report("ingest"))  # what was refused

    @property
    def stored(self) -> bool:
        """Whether anything was written: all was, or (``skip_invalid``) all that could be."""
        return bool(self.added or self.reencoded or self.updated)


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


@dataclass(frozen=True)
class Select:
    """Which files of a folder to take: ``include`` globs (any; none: every file) and
    ``exclude`` globs, matched against the path inside the folder given and the name."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __call__(self, inside: str) -> bool:
        def match(globs: tuple[str, ...]) -> bool:
            name = inside.rsplit("/", 1)[-1]
            return any(fnmatch(inside, g) or fnmatch(name, g) for g in globs)

        return (not self.include or match(self.include)) and not match(self.exclude)


@dataclass(frozen=True)
class _Capture:
    """Bytes to store and what is known of them."""

    shown: str  # for messages
    name: str  # recorded as original_name
    given: str  # recorded as path
    data: bytes
    source: dict[str, str]  # source_url, captured_at, rights (and a WARC record's fields)
    charset: str = ""  # declared by the HTTP response


def ingest(
    project: Project,
    paths: Iterable[Path],
    now: datetime | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    encoding: str | None = None,
    source: Source | None = None,
    sidecar: Path | None = None,
    select: Select | None = None,
    skip_invalid: bool = False,
) -> IngestResult:
    """Hash, check and store every capture under ``paths``; the same bytes twice are one file.

    A WARC file or WACZ package gives one capture per text response (:mod:`pipeline.raw.warc`).
    ``source`` (a URL only for a single file) and the entries of a ``sidecar`` CSV
    (:mod:`pipeline.raw.sidecar`, which wins for the files it names, and adds them) say where
    captures came from. ``select`` filters the files of folders. With ``skip_invalid``,
    what can be stored is, and what cannot is reported (``result.report``); without it, one
    refusal stores nothing.

    Of several captures of the same new bytes, the record that sorts first (by name, path,
    then source) is kept, so the order in which files are given does not change the index.
    ``now`` (else ``$SOURCE_DATE_EPOCH``, else the clock) is the recorded ingest time.

    ``encoding`` (a label) is every file's, instead of the one :mod:`pipeline.raw.charset` would
    detect (or a WARC response declares); of bytes already stored, it replaces the recorded
    encoding (the way to correct a capture recorded with the wrong one), as a source given
    replaces the recorded one. Without them, stored bytes keep their record.
    """
    stamp = timestamp(now)
    result = IngestResult()
    with project.lock():
        repair(project)
        index = scan(project.raw_dir)  # where each record is: none is parsed
        withdrawn = {w.raw.blake3: w for w in iter_withdrawn(project.raw_dir)}
        found: list[RawFile] = []  # the records of the files given that the store has, in order
        staged: dict[str, RawFile] = {}
        restated: dict[str, RawFile] = {}  # stored records, with the encoding or source given
        files = _listed(result, list(paths), sidecar, select or Select(), source or Source())
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=project.base) as tmp:
            for capture in _captures(result, files, max_size):
                data = capture.data
                try:
                    b3 = blake3_hex(data)
                    stored = index.find(b3)[1]
                    declared = encoding or _declared(data, capture.charset)
                    fmt = sniff(data, capture.name, declared) if not stored or encoding else None
                except NotACapture as e:
                    result.report.add("ingest", f"{capture.shown}: {e}")
                    continue
                result.report.count("captures")
                if b3 in withdrawn:
                    when = withdrawn[b3].withdrawn_at
                    result.report.add("ingest", f"{capture.shown}: withdrawn at {when}")
                elif stored:
                    found.append(stored)
                    given = {k: v for k, v in capture.source.items() if v}
                    record = replace(
                        stored,
                        encoding=fmt.encoding if fmt else stored.encoding,
                        path=stored.path or capture.given,
                        **given,  # type: ignore[arg-type]
                    )
                    if record != stored:
                        restated[b3] = min(restated.get(b3, record), record, key=_order)
                    continue
                assert fmt is not None  # sniffed: the bytes are not stored
                record = RawFile(
                    b3,
                    sha256_hex(data),
                    len(data),
                    fmt.media_type,
                    fmt.encoding,
                    capture.name,
                    stamp,
                    capture.given,
                    **capture.source,
                )
                if b3 not in staged:
                    _write(Path(tmp) / b3, data)
                staged[b3] = min(staged.get(b3, record), record, key=_order)
            for why, n in result.skipped.items():
                result.report.count(why, n)
            if not result.report.ok and not skip_invalid:
                return result
            result.existing = found
            for b3 in sorted(restated):
                old, new = index.find(b3)[1], restated[b3]
                reread = old is not None and old.encoding != new.encoding
                (result.reencoded if reread else result.updated).append(new)
            os.sync()  # staged bytes are durable before the index names them (once, not per file)
            for b3 in sorted(staged):
                target = raw_path(project.raw_dir, b3)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(Path(tmp) / b3, target)
                result.added.append(staged[b3])
        if changed := sorted([*result.added, *restated.values()], key=lambda r: r.blake3):
            insert(index, changed)  # spliced into the stored records, which are copied as bytes
    return result


def _order(record: RawFile) -> tuple[str, ...]:
    """Which of several records of the same bytes is kept: the first in this order."""
    return (record.original_name, record.path, *astuple(record)[8:])


def _declared(data: bytes, charset: str) -> str | None:
    """The encoding an HTTP response declares, when the bytes read with it; else detect."""
    name = codec(charset) if charset else None
    if name is None:
        return None
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def timestamp(now: datetime | None = None) -> str:
    """``now`` (else ``$SOURCE_DATE_EPOCH``, else the clock) as recorded: ISO 8601, UTC."""
    if now is None and (epoch := os.environ.get("SOURCE_DATE_EPOCH")):
        now = datetime.fromtimestamp(int(epoch), UTC)
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _listed(
    result: IngestResult, paths: list[Path], sidecar: Path | None, select: Select, source: Source
) -> list[tuple[Path, str, Source]]:
    """The files to ingest, each with the path as given and its source. A directory with no
    files in it is a problem (probably a wrong path), and so is a symbolic link inside one."""
    report = result.report
    listed: dict[str, tuple[Path, str, Source]] = {}
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
            elif file == path or select(file.relative_to(path).as_posix()):  # named: taken
                listed.setdefault(os.path.abspath(file), (file, _text(file.as_posix()), source))
            else:
                _skip(result, "left out by --include/--exclude")
    if sidecar is not None:
        entries, problems = read_sidecar(sidecar)
        for problem in problems:
            report.add("ingest", problem)
        for entry in entries:
            key = os.path.abspath(entry.file)
            file, given, _ = listed.get(key, (entry.file, entry.given, source))
            listed[key] = (file, given, entry.source.over(source))
    if result.hidden:
        _skip(result, "hidden skipped", len(result.hidden))
    if source.source_url and len(listed) > 1:
        report.add(
            "ingest",
            f"--url is the source of one capture, but {len(listed)} files were given: "
            "name each file's URL in a --meta CSV",
        )
    return list(listed.values())


def _captures(
    result: IngestResult, files: list[tuple[Path, str, Source]], max_size: int
) -> Iterator[_Capture]:
    """The captures in ``files``: a file's bytes, or an archive's records."""
    for file, given, source in files:
        fields = asdict(source)
        if not is_archive(file):
            try:
                yield _Capture(_shown(file), _name(file), given, _read(file, max_size), fields)
            except (OSError, NotACapture) as e:
                reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
                result.report.add("ingest", f"{_shown(file)}: {reason}")
            continue
        try:
            for record in records(file, max_size, result.skipped):
                shown = f"{_shown(file)}: record {record.record_id} ({record.target_uri})"
                if record.payload is None:
                    result.report.add(
                        "ingest",
                        f"{shown}: {record.size:,} bytes, over the limit of {max_size:,} "
                        "per capture (see --max-size)",
                    )
                    continue
                found = Source(record.target_uri, _warc_date(record.date)).over(source)
                warc = {"warc_record_id": record.record_id, "http_headers": record.headers}
                fields = asdict(found) | warc
                yield _Capture(shown, _name(file), given, record.payload, fields, record.charset)
        except (OSError, NotAnArchive) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            result.report.add("ingest", f"{_shown(file)}: {reason}")


def _warc_date(date: str) -> str:
    try:
        return utc(date) if date else ""
    except ValueError:
        return date  # kept as written: the archive's word


def _skip(result: IngestResult, reason: str, n: int = 1) -> None:
    result.skipped[reason] = result.skipped.get(reason, 0) + n


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
    return _text(path.name)


def _text(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _shown(path: Path) -> str:
    """``path`` for a one-line message: names with line breaks or odd bytes are escaped."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text if text.isprintable() else ascii(text)


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` read-only, ready to be synced (with the others) and moved to its address."""
    with path.open("wb") as f:
        f.write(data)
    os.chmod(path, 0o444)
