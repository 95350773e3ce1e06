"""``corpus validate`` catches what frictionless, pandera and our BLAKE3 check each exist for."""

from __future__ import annotations

import json

import pandera.pandas as pa
import pytest
from conftest import CLI

from pipeline.checks.validate import pandera_schema, validate
from pipeline.project import Project
from pipeline.schemas import table, tables


def test_the_built_corpus_validates(built: Project) -> None:
    report = validate(built)
    assert report.ok, report.problems[:5]
    assert report.checked["rows (pandera)"] == report.checked["rows (frictionless)"] > 100


def test_every_table_has_a_pandera_schema_from_schemas_dir() -> None:
    for t in tables():
        schema = pandera_schema(t)
        assert list(schema.columns) == t.columns
        assert schema.unique == (t.primary_key or None)


def _rewrite(project: Project, name: str, old: str, new: str) -> None:
    path = project.data_dir / f"{name}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_cell_fails_sha256_and_blake3(cli: CLI, project: Project) -> None:
    outlet = project.data_dir.joinpath("outlets.csv").read_text().splitlines()[1].split(",")[0]
    _rewrite(project, "outlets", outlet, outlet.upper())
    result = cli("validate", "--root", project.root, "--json")
    assert result.exit_code == 1
    messages = [p["message"] for p in json.loads(result.stdout)["problems"]]
    assert any("expected BLAKE3 hash" in m for m in messages), "our custom frictionless check"
    assert any("expected hash count" in m for m in messages), "frictionless's sha256"
    assert any("str_matches" in m and outlet.upper() in m for m in messages), "pandera pattern"


def test_a_dangling_foreign_key_is_reported(project: Project) -> None:
    doc_id = project.data_dir.joinpath("segments.csv").read_text().splitlines()[1].split(",")[0]
    _rewrite(project, "segments", doc_id, "0" * 16)
    problems = [str(p) for p in validate(project).problems]
    assert any("foreign key" in p and "0" * 16 in p for p in problems)


def test_a_duplicate_primary_key_is_reported_by_both_validators(project: Project) -> None:
    path = project.data_dir / "raw_files.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    problems = validate(project).problems
    assert {p.check for p in problems if p.table == "raw_files"} >= {"pandera", "frictionless"}
    assert any("primary key" in p.message for p in problems)


def test_a_stale_root_descriptor_is_reported(project: Project) -> None:
    root = project.root / "datapackage.json"
    desc = json.loads(root.read_text())
    desc["resources"][0]["bytes"] += 1
    root.write_text(json.dumps(desc))
    (problem,) = validate(project).problems
    assert problem.check == "package" and "run `corpus build`" in problem.message


def test_missing_package_says_what_to_do(cli: CLI, tmp_path) -> None:
    assert cli("init", tmp_path / "p").exit_code == 0
    result = cli("validate", "--root", tmp_path / "p")
    assert result.exit_code == 2  # nothing published: a usage error, as in git
    assert "nothing is published yet; run `corpus build`" in result.stderr


@pytest.mark.parametrize(
    ("column", "value"),
    [("published", "21/09/2023"), ("language", "english"), ("word_count", "-1")],
)
def test_pandera_mapping_enforces_constraints(column: str, value: str) -> None:
    import pandas as pd

    t = table("documents")
    row = {c: None for c in t.columns} | {
        "doc_id": "0" * 16,
        "raw_blake3": "0" * 64,
        "text": "x",
        "text_blake3": "0" * 64,
        "word_count": 1,
    }
    frame = pd.DataFrame([row | {column: value}])
    with pytest.raises(pa.errors.SchemaErrors) as e:
        pandera_schema(t).validate(frame, lazy=True)
    assert column in set(e.value.failure_cases["column"])


def test_a_corpus_in_parts_validates(built_parts: Project) -> None:
    report = validate(built_parts)
    assert report.ok, report.problems[:5]
    assert report.checked["rows (pandera)"] == report.checked["rows (frictionless)"] > 100


def test_an_edited_part_fails_its_own_digests(project_parts: Project) -> None:
    """Frictionless hashes only whole resources: our check reads each part's digests."""
    desc = json.loads((project_parts.data_dir / "datapackage.json").read_text())
    (res,) = [r for r in desc["resources"] if r["name"] == "raw_files"]
    path = next(p for p in res["path"] if (project_parts.data_dir / p).stat().st_size > 200)
    file = project_parts.data_dir / path
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[2] = "0"  # size_bytes
    file.write_text("".join([lines[0], ",".join(cells), *lines[2:]]), encoding="utf-8")
    problems = validate(project_parts).problems
    digests = [p.message for p in problems if "does not match its recorded size" in p.message]
    assert [m.split(": ", 2)[1] for m in digests] == [f'"{path}"'] * 3
    assert {m.split(": ", 2)[2].split()[0] for m in digests} == {"bytes", "hash", "blake3"}
    (pandera,) = [p for p in problems if p.check == "pandera"]
    assert (pandera.table, pandera.key, pandera.column) == (
        "raw_files",
        f"{path} row 2",
        "size_bytes",
    )
