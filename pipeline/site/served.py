"""Writing the manifest of served files (``corpus/served.py`` states what it lists)."""

from __future__ import annotations

from pathlib import Path

from corpus import served
from pipeline.publish.atomic import write_atomic


def write_served(
    data_dir: Path, previous: Path | None = None, rehash: tuple[str, ...] = ()
) -> None:
    """Record every served file of ``data_dir`` in its manifest (atomically); files hard-linked
    from the published directory ``previous`` keep their recorded entries, but ``rehash``."""
    files = served.manifest(data_dir, previous, rehash)
    write_atomic(data_dir / served.SERVED, served.dumps(files))


def served_intact(data_dir: Path, name: str) -> bool:
    """Whether ``name`` is in ``data_dir``'s manifest and matches it (safe to update in place)."""
    try:
        recorded = served.read(data_dir)
    except ValueError:
        return False
    return bool(recorded and name in recorded) and served.check(data_dir, (name,)).ok
