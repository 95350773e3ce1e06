"""Where a corpus project keeps things, how to find the one you are in, and how to make one.

A project says who it is in ``corpus/project.json``: its ``name`` (lowercase letters, digits,
``.``, ``_`` and ``-``), ``title``, ``description``, ``version``, ``licenses`` (SPDX ids with
their URLs), ``keywords`` and ``contributors``, in the data package's own property names.
Every file and page a build publishes (``datapackage.json``, ``croissant.json``,
``metadata.yml``, ``CITATION.cff``, the exports, PROV) takes its identity from there and never
from the installed package; the bundled corpus is one project like any other.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.store import INDEX_NAME, write_index

PROJECT_FILE = "project.json"
NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+-]*")
SPDX = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")
# The SPDX ids whose licence text is best linked at its steward's site; others at spdx.org.
LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}
# Registry files that name a corpus's own outlets and people: empty in a new project. The
# others (speech cues, titles, spellings) describe the language and are copied.
OWN_REGISTRY = (
    "outlets.csv",
    "outlet_markers.csv",
    "entities.csv",
    "aliases.csv",
    "demonyms.csv",
    "heads.csv",
)


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

    @property
    def identity_path(self) -> Path:
        return self.base / PROJECT_FILE

    def identity(self) -> dict[str, Any]:
        """The project's name, title, description, version, licences, ... (``project.json``)."""
        try:
            found = json.loads(self.identity_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ProjectError(
                f"{self.identity_path} is missing: a project says who it is there "
                "(`corpus init DIR --name NAME --title TITLE` writes it)"
            ) from None
        except ValueError as e:
            raise ProjectError(f"{self.identity_path}: not JSON ({e})") from None
        problems = check_identity(found)
        if problems:
            raise ProjectError(f"{self.identity_path}: {'; '.join(problems)}")
        return found

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the project's write lock; refuse at once if another ingest or build has it."""
        from filelock import FileLock, Timeout  # here: 0.07 CPU-s the reading commands skip

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


def identity(
    name: str,
    title: str,
    license: str | None = None,
    description: str = "",
    version: str = "0.1.0",
) -> dict[str, Any]:
    """A project identity from its parts (``license`` an SPDX id), checked."""
    found: dict[str, Any] = {
        "name": name,
        "title": title,
        "description": description or f"{title}: news reports traced to their raw captures.",
        "version": version,
    }
    if license:
        url = LICENSE_URLS.get(license, f"https://spdx.org/licenses/{license}.html")
        found["licenses"] = [{"name": license, "path": url, "title": license}]
    found["keywords"] = ["news", "provenance"]
    problems = check_identity(found)
    if problems:
        raise ProjectError("; ".join(problems))
    return found


def check_identity(found: Any) -> list[str]:
    """What is wrong with an identity, one phrase each (nothing: it is usable)."""
    if not isinstance(found, dict):
        return ["not a JSON object"]
    problems = [f"{key} is missing" for key in ("name", "title", "version") if not found.get(key)]
    name = found.get("name")
    if name and not (isinstance(name, str) and NAME.fullmatch(name)):
        problems.append(f"name {name!r} must be lowercase letters, digits, '.', '_' or '-'")
    version = found.get("version")
    if version and not (isinstance(version, str) and VERSION.fullmatch(version)):
        problems.append(f"version {version!r} must be letters, digits, '.', '+' or '-'")
    for licence in found.get("licenses", []):
        if not SPDX.fullmatch(str(licence.get("name", ""))):
            problems.append(f"licence {licence.get('name')!r} is not an SPDX id")
    return problems


def init(root: Path, who: dict[str, Any] | None = None, registry: Path | None = None) -> Project:
    """Create an empty corpus project at ``root`` that says it is ``who`` (default: named
    after the directory), with a copy of ``registry`` (a directory like ``corpus/registry``)
    or, without one, an empty registry: the language files only."""
    project = Project(root.resolve())
    if project.base.exists():
        raise ProjectError(f"{project.base} already exists; choose an empty directory")
    if registry is not None and not registry.is_dir():
        raise ProjectError(f"{registry}: no such registry directory")
    chosen = who or identity(slug(project.root.name), project.root.name)
    project.raw_dir.mkdir(parents=True)
    project.data_dir.mkdir()
    if registry is not None:
        shutil.copytree(registry, project.registry_dir)
    else:
        shutil.copytree(default_registry(), project.registry_dir)
        for name in OWN_REGISTRY:  # keep the header: an empty table of the same shape
            path = project.registry_dir / name
            header = path.read_text(encoding="utf-8").splitlines()[0]
            path.write_text(header + "\n", encoding="utf-8")
    project.identity_path.write_text(dumps(chosen), encoding="utf-8")
    write_index(project.raw_dir, [])
    return project


def slug(text: str) -> str:
    """A name made from ``text`` (a directory's): lowercase, other characters as ``-``."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._") or "corpus"


def default_registry() -> Path:
    """The registry shipped with the package (outlets and gazetteer)."""
    return Path(__file__).resolve().parent.parent / "corpus" / "registry"


def dumps(found: dict[str, Any]) -> str:
    """``project.json``'s text: two-space indent, UTF-8, final newline."""
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"
