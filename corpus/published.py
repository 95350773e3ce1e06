"""One published version of the data directory, pinned by a reader for as long as it reads.

Publishing (``pipeline.publish.atomic``) replaces ``corpus/data`` whole, by exchanging it with a
staged directory: the directory entry ``data`` is the one pointer, and each directory it has
named is a version. A reader resolves the version once (:func:`pinned`):

1. it opens ``corpus/data``: the descriptor then holds that directory, whatever it is renamed to;
2. it takes a shared ``flock`` on it, without waiting;
3. it checks that ``corpus/data`` still names that directory (same device and inode); if not, a
   build published in between (or is removing that version): it lets go and starts again.

It then reads every file through ``/proc/<pid>/fd/<fd>/``, a path that stays on the pinned
directory after ``data`` names another (for the process and for its worker processes), and lets
go when done. A publisher removes a version it swapped out only under an exclusive ``flock``
taken without waiting (:func:`unused`), so a pinned version is never removed under a reader.
Without ``/proc`` (not Linux) readers read ``corpus/data`` itself, as before versions; on a
file system without ``flock`` the version is held by the descriptor alone (its files can
still be removed under a reader).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


@contextmanager
def pinned(data_dir: Path) -> Iterator[Path]:
    """A path to the version of ``data_dir`` published now, valid until the block ends.

    ``data_dir`` itself when it does not exist or the system has no ``/proc``.
    """
    while True:
        try:
            fd = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            fd = -1
        if fd < 0:
            yield data_dir
            return
        try:
            if _pin(fd, data_dir):
                path = Path(f"/proc/{os.getpid()}/fd/{fd}")
                yield path if path.is_dir() else data_dir
                return
        finally:
            os.close(fd)  # closing it lets go of the lock


def unused(fd: int) -> bool:
    """Whether no reader pins the directory open as ``fd``; if so, it stays unpinnable (an
    exclusive lock) until ``fd`` is closed."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # no locks on this file system: readers could not pin it either
        pass
    return True


def _pin(fd: int, data_dir: Path) -> bool:
    """Take the shared lock on ``fd``; ``True`` if ``data_dir`` still names its directory."""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:  # being removed: swapped out already
        return False
    except OSError:  # no locks on this file system: the descriptor alone holds the version
        pass
    held = os.fstat(fd)
    with suppress(FileNotFoundError):
        now = os.stat(data_dir)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)
    return False
