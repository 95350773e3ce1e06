"""Public pages with gold article bodies, and how to obtain them.

Nothing here is committed: ``newspaper4k`` is downloaded from PyPI by its ordinary client
(pinned version and hash), ``scrapinghub`` is read from a checkout the user made.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol, TypeVar


@dataclass(frozen=True)
class Page:
    """One web page of a data set: its HTML and the gold text of its article body."""

    name: str
    html: str
    gold: str


@dataclass(frozen=True)
class Source:
    """Where a data set comes from, for the report."""

    name: str
    origin: str
    version: str
    licence: str
    gold: str


NEWSPAPER4K = Source(
    name="newspaper4k",
    origin="PyPI sdist newspaper4k==0.9.6, tests/data/html/*.html with tests/data/txt/*.txt",
    version="0.9.6 (sha256 a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e)",
    licence="MIT",
    gold="expected article text of newspaper4k's own test suite (reviewed tool output)",
)
SCRAPINGHUB = Source(
    name="scrapinghub",
    origin="github.com/scrapinghub/article-extraction-benchmark: html/*.html.gz, ground-truth.json",
    version="commit 4a3bc979f76c0df73cb95fe272e2fc1b96f9f010",
    licence="MIT",
    gold="articleBody annotated by hand",
)
_SDIST = "newspaper4k-0.9.6.tar.gz"
_SDIST_SHA256 = "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"


def fetch_newspaper4k(cache: Path) -> Path:
    """Download the pinned newspaper4k sdist into ``cache`` (once) and check its hash."""
    sdist = cache / _SDIST
    if not sdist.exists():
        cache.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--no-binary", ":all:", "--dest", str(cache), "newspaper4k==0.9.6"]
        subprocess.run(command, check=True)
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != _SDIST_SHA256:
        raise ValueError(f"{sdist} has sha256 {digest}, expected {_SDIST_SHA256}: delete it")
    return sdist


def newspaper4k_pages(sdist: Path) -> list[Page]:
    """The pages of the newspaper4k test suite that have both HTML and an expected text."""
    html: dict[str, str] = {}
    text: dict[str, str] = {}
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            folder = path.parent.parts[-3:]
            if folder == ("tests", "data", "html") and path.suffix == ".html":
                html[path.stem] = _read(archive, member)
            elif folder == ("tests", "data", "txt") and path.suffix == ".txt":
                text[path.stem] = _read(archive, member)
    pages = (Page(name, html[name], text[name]) for name in sorted(html.keys() & text.keys()))
    return list(unique(pages))


def scrapinghub_pages(checkout: Path) -> list[Page]:
    """The pages of a checkout of the Scrapinghub article-extraction benchmark."""
    truth = json.loads((checkout / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        raw = gzip.decompress((checkout / "html" / f"{key}.html.gz").read_bytes())
        pages.append(Page(key, raw.decode("utf-8", "replace"), truth[key]["articleBody"]))
    return list(unique(pages))


class _Html(Protocol):
    @property
    def html(self) -> str: ...


P = TypeVar("P", bound=_Html)


def unique(pages: Iterable[P]) -> Iterator[P]:
    """Drop a page whose HTML repeats an earlier one: one page cannot have two gold bodies."""
    seen: set[str] = set()
    for page in pages:
        if page.html not in seen:
            seen.add(page.html)
            yield page


def _read(archive: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    stream = archive.extractfile(member)
    assert stream is not None, member.name  # the caller only passes regular files
    return stream.read().decode("utf-8", "replace")
