"""``corpus validate --fast`` finds what frictionless finds in the same CSVs, and says where."""

from __future__ import annotations

import json
import subprocess
import sys

import frictionless
import pytest
from conftest import CLI

from pipeline.checks.tablecheck import validate
from pipeline.project import Project


def test_the_built_corpus_passes_and_every_row_is_read(built: Project) -> None:
    report = validate(built.data_dir)
    assert report.ok, report.problems[:5]
    rows = sum(
        r.get("rows", 0) for r in _frictionless(built).to_dict()["tasks"] for r in [r["stats"]]
    )
    assert report.checked["rows"] == rows > 100


def test_the_check_never_imports_pandas(built: Project) -> None:
    """pyarrow imports pandas on its first conversion of Python values: a third of the start-up
    of ``corpus validate --fast``; the check builds its Arrow values from buffers instead."""
    code = (
        "import sys; from pathlib import Path; from pipeline.checks.tablecheck import validate; "
        f"assert validate(Path({str(built.data_dir)!r})).ok; print('pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


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


def _last(line: str, column: int, value: str) -> str:
    """``line`` with its ``column``-th cell from the end (1: the last) set to ``value``; the
    cells before may hold quoted commas."""
    cells = line.rsplit(",", column)
    cells[1] = value
    return ",".join(cells)


def _swapped(line: str) -> str:
    """A raw_files line with its encoding and original_name columns swapped."""
    cells = line.split(",")
    cells[4], cells[5] = cells[5], cells[4]
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
        ("raw_files", lambda ls: [ls[0], _cell(ls[1], 2, "12a"), *ls[2:]], "not a valid integer"),
        (
            "raw_files",
            lambda ls: [ls[0], _cell(ls[1], 2, "-" + "9" * 30), *ls[2:]],
            "size_bytes breaks minimum 1",
        ),
        ("raw_files", lambda ls: [ls[0], _cell(ls[1], 4, ""), *ls[2:]], "encoding is required"),
        ("raw_files", lambda ls: [ls[0], _cell(ls[1], 3, "text/pdf"), *ls[2:]], "not one of"),
        (
            "raw_files",
            lambda ls: [ls[0], _cell(ls[1], 6, "2026-11-25 noon"), *ls[2:]],
            "ingested_at is not a valid datetime",
        ),
        ("segments", lambda ls: [ls[0], _last(ls[1], 3, "yes"), *ls[2:]], "kept is not a valid"),
        ("raw_files", lambda ls: [_swapped(line) for line in ls], "header is ["),
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
    monkeypatch.setattr("pipeline.checks.tablecheck.SHOWN", 2)
    _edit(project, "raw_files", lambda ls: [ls[0], *(_cell(line, 2, "x") for line in ls[1:])])
    messages = [p.message for p in validate(project.data_dir).problems if p.table == "raw_files"]
    assert sum("size_bytes is not a valid integer" in m for m in messages) == 2
    assert any(m.startswith("... and ") and "more type:size_bytes problems" in m for m in messages)


def test_cli_fast_json(cli: CLI, built: Project) -> None:
    result = cli("validate", "--fast", "--root", built.root, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    resources = json.loads((built.data_dir / "datapackage.json").read_text())["resources"]
    assert report["ok"] and report["checked"]["files"] == len(resources)


def test_cli_fast_without_a_build_says_what_to_do(cli: CLI, tmp_path) -> None:
    assert cli("init", tmp_path / "p").exit_code == 0
    result = cli("validate", "--fast", "--root", tmp_path / "p")
    assert result.exit_code == 2  # nothing published: a usage error, as in git
    assert "run `corpus build`" in result.output


# --- tables in parts (the seeds with at most 2 documents per part) ---------------------------


def _nonempty_parts(project: Project, name: str) -> list[str]:
    """The parts of table ``name`` that hold rows, in order."""
    desc = json.loads((project.data_dir / "datapackage.json").read_text())
    (res,) = [r for r in desc["resources"] if r["name"] == name]
    return [p for p in res["path"] if len((project.data_dir / p).read_text().splitlines()) > 1]


def _edit_part(project: Project, path: str, edit) -> None:
    file = project.data_dir / path
    file.write_text("".join(edit(file.read_text().splitlines(keepends=True))), encoding="utf-8")


def test_a_corpus_in_parts_passes_and_every_part_is_read(built_parts: Project) -> None:
    report = validate(built_parts.data_dir)
    assert report.ok, report.problems[:5]
    rows = sum(t["stats"].get("rows", 0) for t in _frictionless(built_parts).to_dict()["tasks"])
    assert report.checked["rows"] == rows > 100
    desc = json.loads((built_parts.data_dir / "datapackage.json").read_text())
    files = sum(len(r["path"]) if isinstance(r["path"], list) else 1 for r in desc["resources"])
    assert report.checked["files"] == files > 100


def test_a_bad_cell_in_a_part_is_located_by_part_and_row(project_parts: Project) -> None:
    path = _nonempty_parts(project_parts, "raw_files")[-1]
    _edit_part(project_parts, path, lambda ls: [ls[0], _cell(ls[1], 2, "0"), *ls[2:]])
    problems = validate(project_parts.data_dir).problems
    (problem,) = [p for p in problems if p.column == "size_bytes"]
    assert (problem.table, problem.key) == ("raw_files", f"{path} row 2")
    assert {p.column for p in problems if p.message.startswith(f"{path}: ")} == {
        "bytes",
        "hash",
        "blake3",
    }, "the part's own digests"
    assert not _frictionless(project_parts).valid


def test_a_missing_part_and_a_part_without_digests(project_parts: Project) -> None:
    gone, bare = _nonempty_parts(project_parts, "segments")[:2]
    (project_parts.data_dir / gone).unlink()
    desc_path = project_parts.data_dir / "datapackage.json"
    desc = json.loads(desc_path.read_text())
    for res in desc["resources"]:
        res["parts"] = [p for p in res.get("parts", []) if p["path"] != bare]
    desc_path.write_text(json.dumps(desc))
    messages = [p.message for p in validate(project_parts.data_dir).problems]
    assert f"{gone} is missing" in messages
    assert f"{bare} has no digests in datapackage.json" in messages


def test_keys_are_unique_within_a_part_and_parts_hold_their_prefix(project_parts: Project) -> None:
    first, other = _nonempty_parts(project_parts, "segments")[:2]
    row = (project_parts.data_dir / first).read_text().splitlines(keepends=True)[1]
    _edit_part(project_parts, first, lambda ls: [*ls, row])  # a duplicate in its part
    _edit_part(project_parts, other, lambda ls: [*ls, row])  # and one in another part
    problems = [p for p in validate(project_parts.data_dir).problems if p.table == "segments"]
    doc_id, seq = row.split(",")[:2]
    assert f"{first} doc_id, seq = {doc_id}, {seq} appears 2 times" in [p.message for p in problems]
    prefix = other.removeprefix("segments/").removesuffix(".csv")
    (misplaced,) = [p for p in problems if p.column == "doc_id"]
    assert (
        misplaced.message == f"doc_id does not start with {prefix}, the part's prefix: {doc_id!r}"
    )
    assert misplaced.key.startswith(f"{other} row ")


@pytest.mark.parametrize("into", ["later", "earlier"], ids=["into-a-later-part", "into-an-earlier"])
def test_a_key_repeated_in_another_part_is_found(project_parts: Project, into: str) -> None:
    """``citation_id`` is checked part by part while its values start with their part's
    prefix; a value that does not sends the check back over the whole table."""
    first, *_, last = _nonempty_parts(project_parts, "citations")
    source, target = (first, last) if into == "later" else (last, first)
    row = (project_parts.data_dir / source).read_text().splitlines(keepends=True)[1]
    _edit_part(project_parts, target, lambda ls: [*ls, row])
    messages = [p.message for p in validate(project_parts.data_dir).problems]
    assert f"citation_id = {row.split(',')[0]} appears 2 times" in messages
