"""Where a corpus project keeps things, how to find the one you are in, and how to make one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from corpus.store import INDEX_NAME, write_index


class ProjectError(Exception):
    """A problem with the project itself (not found, locked, ...), said in one line."""


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def base(self) -> Path:
        return self.root / "corpus"

    @property
    def raw_dir(self) -> Path:
        return self.base / "raw"

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def registry_dir(self) -> Path:
        return self.base / "registry"

    @property
    def cache_dir(self) -> Path:
        return self.base / ".cache"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the project's write lock; refuse at once if another ingest or build has it."""
        try:
            with FileLock(self.base / ".lock", timeout=0):
                yield
        except Timeout:
            raise ProjectError(
                f"{self.root}: another corpus ingest or build is running "
                f"(lock {self.base / '.lock'}); wait for it to finish"
            ) from None


def find(start: Path | None = None) -> Project:
    """The corpus project that contains ``start`` (default: the current directory)."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / "corpus" / "raw" / INDEX_NAME).is_file():
            return Project(directory)
    raise ProjectError(
        f"{here} is not inside a corpus project; pass --root DIR or run `corpus init DIR`"
    )


def init(root: Path) -> Project:
    """Create an empty corpus project at ``root``, with a copy of the default registry."""
    project = Project(root.resolve())
    if project.base.exists():
        raise ProjectError(f"{project.base} already exists; choose an empty directory")
    project.raw_dir.mkdir(parents=True)
    project.data_dir.mkdir()
    shutil.copytree(default_registry(), project.registry_dir)
    write_index(project.raw_dir, [])
    return project


def default_registry() -> Path:
    """The registry shipped with the package (outlets and gazetteer)."""
    return Path(__file__).resolve().parent.parent / "corpus" / "registry"
