"""The console script's quick path of ``corpus validate --fast`` prints and exits as typer does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.console import quick
from pipeline.project import Project

SCRIPT = [sys.executable, "-c", "from pipeline.entry import main; main()"]


def _both(*args: str) -> tuple[tuple[int, str, str], ...]:
    """(exit code, stdout, stderr) of the console script (the quick path) and of typer."""
    script = subprocess.run([*SCRIPT, *args], capture_output=True, text=True)
    typer = CliRunner().invoke(app, list(args))
    return (script.returncode, script.stdout, script.stderr), (
        typer.exit_code,
        typer.stdout,
        typer.stderr,
    )


def _break(project: Project) -> None:
    """Two bad cells in raw_files (a size that is no integer, one below the minimum)."""
    path = project.data_dir / "raw_files.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, value in ((1, "x"), (2, "0")):
        cells = lines[i].split(",")
        cells[2] = value
        lines[i] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("json", [False, True])
def test_a_good_corpus(built: Project, json: bool) -> None:
    args = ["validate", "--fast", "--root", str(built.root)] + (["--json"] if json else [])
    script, typer = _both(*args)
    assert script == typer and script[0] == 0


@pytest.mark.parametrize("json", [False, True])
def test_a_broken_corpus(project: Project, json: bool) -> None:
    _break(project)
    args = ["validate", *(["--json"] if json else []), "--root", str(project.root), "--fast"]
    script, typer = _both(*args)
    assert script == typer and script[0] == 1
    assert "size_bytes is not a valid integer" in script[2 - json]


def test_usage_errors(tmp_path: Path) -> None:
    script, typer = _both("validate", "--fast", "--root", str(tmp_path))  # not a project
    assert script == typer and script[0] == 2 and "is not a corpus project" in script[2]
    assert CliRunner().invoke(app, ["init", str(tmp_path / "p")]).exit_code == 0
    script, typer = _both("validate", "--fast", "--root", str(tmp_path / "p"))
    assert script == typer and script[0] == 2 and "nothing is published yet" in script[2]


def test_the_project_around_the_current_directory(built: Project) -> None:
    script = subprocess.run(
        [*SCRIPT, "validate", "--fast"], capture_output=True, text=True, cwd=built.data_dir
    )
    assert script.returncode == 0 and script.stdout.startswith("validate --fast: ok")


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["validate", "--json"],
        ["verify", "--fast"],
        ["validate", "--fast", "--fast"],
        ["validate", "--fast", "-h"],
        ["validate", "--fast", "--root=."],
        ["validate", "--fast", "--root"],
        ["validate", "--fast", "--root", "--json"],
        ["validate", "--fast", "--root", "FILE"],
        ["--version", "validate", "--fast"],
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str], tmp_path: Path) -> None:
    (tmp_path / "FILE").write_text("not a directory")
    assert quick([str(tmp_path / a) if a == "FILE" else a for a in argv]) is None
