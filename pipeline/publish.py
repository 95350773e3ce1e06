"""Publish a build atomically: the data directory is swapped whole, or not at all.

Everything a build writes goes to a staging directory beside ``corpus/data``; publishing
exchanges the two directories with one ``renameat2(RENAME_EXCHANGE)`` system call, so a
reader (or a build killed at any instant) sees the old corpus or the new one, never a mix.
The root ``datapackage.json`` and ``metadata.yml`` are then rewritten from the published
copies (each by an atomic rename); ``repair`` redoes that if a build died in between.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.project import Project

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextmanager
def staging(project: Project) -> Iterator[Path]:
    """A fresh staging directory, removed unless it was published."""
    project.base.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=".staging-", dir=project.base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def publish(project: Project, staged: Path, root_files: dict[str, str]) -> None:
    """Make ``staged`` the published data directory, then write the root files."""
    for path in staged.iterdir():
        _fsync(path)
    _fsync(staged)
    if project.data_dir.exists():
        _exchange(staged, project.data_dir)
    else:
        os.rename(staged, project.data_dir)
    _fsync(project.base)
    for name, text in root_files.items():
        write_atomic(project.root / name, text)


def clean_stale(project: Project) -> None:
    """Remove staging directories left by builds that were killed."""
    for path in project.base.glob(".staging-*"):
        shutil.rmtree(path, ignore_errors=True)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and one rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    # No atomic exchange on this system: two renames, the old copy kept until the second.
    old = b.with_name(f".old-{b.name}")
    os.rename(b, old)
    os.rename(a, b)
    os.rename(old, a)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
