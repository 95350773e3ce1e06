"""Publish a build atomically: the data directory is swapped whole, or not at all.

Everything a build writes goes to a staging directory beside ``corpus/data``; publishing
exchanges the two directories with one ``renameat2(RENAME_EXCHANGE)`` system call, so a
reader (or a build killed at any instant) sees the old corpus or the new one, never a mix.
The root ``datapackage.json`` and ``metadata.yml`` are then rewritten from the published
copies (each by an atomic rename); :func:`repair`, run by every ``ingest`` and ``build``
under the project lock, redoes that and clears whatever a killed process left behind.

Each directory ``corpus/data`` has named is a version; readers pin the one they started on
(``corpus.published``). The version a build swaps out is removed at once when no reader pins
it, else renamed ``.retired-*`` and removed by the first build or ingest after its readers
let go. Directories and files are created with the modes the umask allows, as any other
file, so that a corpus published for others is readable by them.

The SQLite database is stamped with the descriptor it was built from (:func:`stamp`); one
that does not match the published descriptor (an in-place update killed half-way) is
removed by :func:`repair`, and the next build writes it afresh.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import blake3

from corpus.api import SQLITE_NAME
from corpus.published import unused
from corpus.tables import DESCRIPTOR, read_descriptor
from pipeline.project import Project
from pipeline.publish.croissant import CROISSANT, croissant
from pipeline.publish.croissant import dumps as dump_croissant

STAGING_PREFIX = ".staging-"  # a build's output before it is published (then the old version)
RETIRED_PREFIX = ".retired-"  # a version swapped out while a reader pinned it
TEMP_PREFIX = ".ingest-"  # an ingest's copies before they are moved into the raw store
METADATA = "metadata.yml"
NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)  # a full disk, a quota, a file size limit
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextmanager
def staging(project: Project) -> Iterator[Path]:
    """A fresh staging directory; when the block ends it is removed, or, once published
    (it then holds the version swapped out), retired."""
    project.base.mkdir(parents=True, exist_ok=True)
    path = project.base / f"{STAGING_PREFIX}{secrets.token_hex(4)}"
    path.mkdir()  # mode 0777 less the umask (mkdtemp's 0700 would hide the corpus from others)
    try:
        yield path
    finally:
        retire(path)


def retire(version: Path) -> None:
    """Remove the directory ``version`` unless a reader pins it; a pinned one is renamed
    ``.retired-*``, for a later :func:`repair` to remove."""
    try:
        fd = os.open(version, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return
    try:
        if unused(fd):
            shutil.rmtree(version)
            return
    finally:
        os.close(fd)
    if not version.name.startswith(RETIRED_PREFIX):
        os.rename(version, version.with_name(f"{RETIRED_PREFIX}{secrets.token_hex(4)}"))


def publish(project: Project, staged: Path) -> None:
    """Make ``staged`` the published data directory, then write the root files from it."""
    for path in sorted(staged.rglob("*"), reverse=True):  # files before their directories
        if path.is_dir() or path.stat().st_nlink == 1:  # a hard link to a published file is
            _fsync(path)  # on disk already; its new name is, with its directory's fsync
    _fsync(staged)
    if project.data_dir.exists():
        _exchange(staged, project.data_dir)
    else:
        os.rename(staged, project.data_dir)
    _fsync(project.base)
    _write_root_files(project)


def no_room(error: BaseException) -> bool:
    """Whether ``error`` is a write refused for want of room, as the system, Arrow (the
    message only) or SQLite (a full or failed write) report it."""
    if isinstance(error, sqlite3.OperationalError):
        return error.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)
    if not isinstance(error, OSError):
        return False
    text = str(error)  # NumPy says "Not enough free space to write ..."
    return (
        error.errno in NO_ROOM
        or any(os.strerror(n) in text for n in NO_ROOM)
        or ("free space" in text)
    )


def repair(project: Project) -> None:
    """Undo what a killed ingest or build left: temporary copies, a half exchange, stale roots.

    Call it holding the project lock, so that nothing it removes is in use.
    """
    for path in project.base.glob(f"{TEMP_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):  # a killed build's, or a swapped-out version
        for path in project.base.glob(f"{prefix}*"):
            retire(path)
    for name in (DESCRIPTOR, METADATA, CROISSANT, "CITATION.cff", ".huggingface.yaml"):
        for path in project.root.glob(f".{name}.*"):
            path.unlink()
    old = _old(project.data_dir)
    if old.exists():
        if project.data_dir.exists():
            retire(old)
        else:
            os.rename(old, project.data_dir)
    if (project.data_dir / DESCRIPTOR).is_file():
        if _roots_stale(project) and "version" in read_descriptor(project.data_dir):
            _write_root_files(project)  # (a descriptor of an older release: the build writes them)
        if (project.data_dir / SQLITE_NAME).exists() and not database_current(project.data_dir):
            for suffix in ("", "-journal", "-wal", "-shm"):
                (project.data_dir / f"{SQLITE_NAME}{suffix}").unlink(missing_ok=True)


def stamp(descriptor: bytes) -> int:
    """The database's stamp for a descriptor's bytes: 31 bits of the BLAKE3 of those bytes and
    of the code that lays the database out, so that a database laid out by other code (other
    indexes) is rebuilt rather than taken as current."""
    digest = blake3.blake3(descriptor)
    digest.update(_layout().encode())
    return int(digest.hexdigest()[:8], 16) & 0x7FFFFFFF


@cache
def _layout() -> str:
    """BLAKE3 of ``pipeline/site/database.py``, read as a file: importing it (and pyarrow) would
    cost every ingest a quarter of a second."""
    return blake3.blake3(
        (Path(__file__).parent.parent / "site" / "database.py").read_bytes()
    ).hexdigest()


def database_current(data_dir: Path) -> bool:
    """Whether ``data_dir``'s database was built from (or updated to) its descriptor."""
    db = data_dir / SQLITE_NAME
    if not db.is_file():
        return False
    try:
        with sqlite3.connect(db) as conn:  # opening rolls back a killed update's journal
            (found,) = conn.execute("PRAGMA user_version").fetchone()
        conn.close()
        return bool(found == stamp((data_dir / DESCRIPTOR).read_bytes()))
    except (OSError, sqlite3.Error):
        return False


def _roots_stale(project: Project) -> bool:
    """Whether a root file is missing or older than the published descriptor (a build was
    killed between the exchange and writing them): cheaper than writing them to compare."""
    published = (project.data_dir / DESCRIPTOR).stat().st_mtime_ns
    names = [DESCRIPTOR, CROISSANT] + [METADATA] * (project.data_dir / METADATA).is_file()
    try:
        return any((project.root / name).stat().st_mtime_ns < published for name in names)
    except FileNotFoundError:
        return True


def _write_root_files(project: Project) -> None:
    """Root ``datapackage.json``, ``croissant.json`` (paths to ``corpus/data/``), metadata,
    ``CITATION.cff`` and ``.huggingface.yaml``."""
    from pipeline.publish.datapackage import dumps, rebase  # here, so that ``ingest`` skips pyarrow
    from pipeline.publish.export import project_files

    prefix = project.data_dir.relative_to(project.root).as_posix()
    root = rebase(read_descriptor(project.data_dir), prefix)
    texts = {DESCRIPTOR: dumps(root), CROISSANT: dump_croissant(croissant(root))}
    texts |= project_files(root)  # CITATION.cff, .huggingface.yaml
    if (project.data_dir / METADATA).is_file():
        texts[METADATA] = (project.data_dir / METADATA).read_text(encoding="utf-8")
    for name, text in texts.items():
        path = project.root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        else:
            os.utime(path)  # current: see _roots_stale


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and one rename."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # less the umask
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _old(path: Path) -> Path:
    return path.with_name(f".old-{path.name}")


def _exchange(a: Path, b: Path) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        if rc == 0:
            return
        errno = ctypes.get_errno()
        if errno not in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: no exchange here
            raise OSError(errno, os.strerror(errno), str(b))
    # No atomic exchange on this system: two renames, the old copy kept until the second
    # (a build killed in between leaves it as .old-data, which repair() puts back).
    old = _old(b)
    os.rename(b, old)
    os.rename(a, b)
    os.rename(old, a)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
