"""The curated inputs of a build (``corpus/registry/``): outlets and the entity gazetteer.

Loaded once per build and handed to every step; its fingerprint (the hash of every file
in the directory) is part of each step's fingerprint, so editing the gazetteer rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.store import blake3_hex

if TYPE_CHECKING:
    from pipeline.extract.gazetteer import Gazetteer
    from pipeline.extract.outlets import Outlets


@dataclass(frozen=True)
class Registry:
    directory: Path

    @cached_property
    def outlets(self) -> Outlets:
        from pipeline.extract.outlets import Outlets

        return Outlets.load(self.directory)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from pipeline.extract.gazetteer import Gazetteer

        return Gazetteer.load(self.directory)

    @cached_property
    def files(self) -> dict[str, str]:
        """BLAKE3 of every registry file by its path in the directory, in sorted order."""
        paths = sorted(p for p in self.directory.rglob("*") if p.is_file())
        return {p.relative_to(self.directory).as_posix(): blake3_hex(p.read_bytes()) for p in paths}

    @cached_property
    def fingerprint(self) -> str:
        """BLAKE3 over the names and hashes of every registry file."""
        return blake3_hex("\n".join(f"{rel}\0{b3}" for rel, b3 in self.files.items()).encode())
