"""``corpus validate --fast`` finds what frictionless finds in the same CSVs, and says where."""

from __future__ import annotations

import json

import frictionless
import pytest
from conftest import CLI

from pipeline.project import Project
from pipeline.tablecheck import validate


def test_the_built_corpus_passes_and_every_row_is_read(built: Project) -> None:
    report = validate(built.data_dir)
    assert report.ok, report.problems[:5]
    rows = sum(r["rows"] for r in _frictionless(built).to_dict()["tasks"] for r in [r["stats"]])
    assert report.checked["rows"] == rows > 100


def _frictionless(project: Project) -> frictionless.Report:
    return frictionless.Package(str(project.data_dir / "datapackage.json")).validate()


def _edit(project: Project, name: str, edit) -> None:
    path = project.data_dir / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(edit(lines)), encoding="utf-8")


def _cell(line: str, column: int, value: str) -> str:
    cells = line.split(",")
    cells[column] = value
    return ",".join(cells)


@pytest.mark.parametrize(
    ("table", "edit", "expected"),
    [
        (
            "segments",
            lambda ls: [ls[0], _cell(ls[1], 2, "x1"), *ls[2:]],
            "start is not a valid integer",
        ),
        ("segments", lambda ls: [ls[0], _cell(ls[1], 2, "-4"), *ls[2:]], "start breaks minimum 0"),
        ("segments", lambda ls: [*ls, ls[1]], "appears 2 times"),
        ("segments", lambda ls: [ls[0], _cell(ls[1], 0, "0" * 16), *ls[2:]], "is not in documents"),
        ("raw_files", lambda ls: [ls[0], _cell(ls[1], 0, "X"), *ls[2:]], "does not match"),
        ("raw_files", lambda ls: [ls[0], ls[1].rstrip("\n") + ",extra\n", *ls[2:]], "cells"),
    ],
)
def test_a_broken_table_is_reported_like_frictionless_does(project, table, edit, expected):
    _edit(project, table, edit)
    problems = [p for p in validate(project.data_dir).problems if p.table == table]
    assert any(expected in p.message for p in problems), problems
    assert {p.column for p in problems} >= {"hash", "blake3"}, "the file changed"
    assert not _frictionless(project).valid


def test_a_bad_cell_is_located_by_row_and_column(project: Project) -> None:
    _edit(project, "raw_files", lambda ls: [*ls[:3], _cell(ls[3], 2, "0"), *ls[4:]])
    (problem,) = [p for p in validate(project.data_dir).problems if p.column == "size_bytes"]
    assert (problem.table, problem.key) == ("raw_files", "row 4")
    assert problem.message == "size_bytes breaks minimum 1: '0'"


def test_problems_beyond_the_limit_are_counted(project: Project, monkeypatch) -> None:
    monkeypatch.setattr("pipeline.tablecheck.SHOWN", 2)
    _edit(project, "raw_files", lambda ls: [ls[0], *(_cell(line, 2, "x") for line in ls[1:])])
    messages = [p.message for p in validate(project.data_dir).problems if p.table == "raw_files"]
    assert sum("size_bytes is not a valid integer" in m for m in messages) == 2
    assert any(m.startswith("... and ") and "more type:size_bytes problems" in m for m in messages)


def test_cli_fast_json(cli: CLI, built: Project) -> None:
    result = cli("validate", "--fast", "--root", built.root, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    resources = json.loads((built.data_dir / "datapackage.json").read_text())["resources"]
    assert report["ok"] and report["checked"]["files"] == len(resources)


def test_cli_fast_without_a_build_says_what_to_do(cli: CLI, tmp_path) -> None:
    assert cli("init", tmp_path / "p").exit_code == 0
    result = cli("validate", "--fast", "--root", tmp_path / "p")
    assert result.exit_code == 1
    assert "run `corpus build`" in result.output
