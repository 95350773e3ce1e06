"""What the ``corpus`` command prints and exits with, without typer; and its quick path.

:mod:`pipeline.cli` (typer) finds the project and prints reports through these functions.
:func:`quick` runs ``corpus validate --fast`` without typer, which imports pydantic and
builds a validator for each parameter it parses: 0.2 CPU-s, a sixth of checking 10k
documents. It takes only the plain command lines — ``validate`` with ``--fast``, and
``--json`` and ``--root DIR`` (an existing directory), each once, in any order — and leaves
every other one (help, another command, ``--root=DIR``, an option twice, a file as DIR, ...)
to typer, which parses and reports it. Both print the same lines and exit with the same codes
(tests/test_console.py runs both).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from corpus.report import Report
from corpus.store import INDEX_NAME
from pipeline.project import Project, ProjectError, find

SHOWN = 50  # problems printed before "... and N more"; --json prints all


class UsageError(Exception):
    """The command was used wrongly: ``Error: <message>`` on stderr, exit ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def project(root: Path | None) -> Project:
    """The project at ``root`` (which must be one), else the one around the current directory."""
    if root is not None and not (root / "corpus" / "raw" / INDEX_NAME).is_file():
        raise UsageError(
            f"{root} is not a corpus project (it has no corpus/raw/{INDEX_NAME}): "
            f"check the path, or make one with `corpus init {root}`"
        )
    try:
        return Project(root.resolve()) if root else find()
    except ProjectError as e:
        raise UsageError(str(e)) from None


def published(root: Path | None) -> Project:
    """The project, which must have published tables (a usage error otherwise, as in git)."""
    found = project(root)
    if not (found.data_dir / "datapackage.json").is_file():
        raise UsageError(f"{found.root}: nothing is published yet; run `corpus build`")
    return found


def report_lines(report: Report, as_json: bool) -> Iterator[tuple[str, bool]]:
    """The lines that print ``report``, human or JSON: each with whether it goes to stderr."""
    if as_json:
        yield report.to_json(), False
        return
    for problem in report.problems[:SHOWN]:
        yield str(problem), True
    if len(report.problems) > SHOWN:
        more = len(report.problems) - SHOWN
        yield f"... and {more} more problem(s); --json lists them all", True
    yield report.summary(), False


def quick(argv: list[str]) -> int | None:
    """The exit code of ``corpus validate --fast`` run on the command line ``argv`` (without
    the program's name), or ``None`` when it is not a plain one (typer's to parse)."""
    options = _plain(argv)
    if options is None:
        return None
    root, as_json = options
    try:
        found = published(root)
    except UsageError as e:
        _echo(f"Error: {e}", err=True)
        return e.code
    from pipeline.checks.tablecheck import validate

    report = validate(found.data_dir)
    for line, err in report_lines(report, as_json):
        _echo(line, err)
    return 0 if report.ok else 1


def _plain(argv: list[str]) -> tuple[Path | None, bool] | None:
    """``(root, as_json)`` of a plain ``validate --fast`` command line, else ``None``."""
    if argv[:1] != ["validate"]:
        return None
    seen: dict[str, str] = {}
    rest = iter(argv[1:])
    for token in rest:
        if token not in ("--fast", "--json", "--root") or token in seen:
            return None
        seen[token] = next(rest, "") if token == "--root" else ""
    root = seen.get("--root")
    if "--fast" not in seen or (root is not None and not _directory(root)):
        return None
    return (Path(root) if root is not None else None), "--json" in seen


def _directory(value: str) -> bool:
    """Whether ``--root value`` is a readable directory (typer's checks would pass)."""
    return not value.startswith("-") and os.path.isdir(value) and os.access(value, os.R_OK)


def _echo(line: str, err: bool = False) -> None:
    print(line, file=sys.stderr if err else sys.stdout, flush=True)
