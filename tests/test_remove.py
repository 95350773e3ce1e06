"""``corpus remove``: a withdrawn capture leaves every later build, on the record."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from conftest import CLI

from corpus.store import iter_index, iter_withdrawn, raw_path
from pipeline.project import Project


def _published(project: Project, table: str, column: str) -> set[str]:
    with (project.data_dir / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return {row[column] for row in csv.DictReader(f)}


def test_a_withdrawn_capture_is_not_published_and_the_record_says_what_when_and_why(
    cli: CLI, project: Project
) -> None:
    record = next(iter_index(project.raw_dir))
    result = cli("remove", record.blake3, "--reason", "publisher's request", "--root", project.root)
    assert result.exit_code == 0, result.output
    assert "1 withdrawn" in result.output
    [withdrawal] = iter_withdrawn(project.raw_dir)
    assert (withdrawal.raw, withdrawal.reason) == (record, "publisher's request")
    assert record.blake3 not in {r.blake3 for r in iter_index(project.raw_dir)}
    assert raw_path(project.raw_dir, record.blake3).is_file()  # the bytes stay

    assert cli("build", "--root", project.root).exit_code == 0
    assert record.blake3 not in _published(project, "raw_files", "blake3")
    assert record.blake3[:16] not in _published(project, "documents", "doc_id")
    for verb in (["validate"], ["validate", "--fast"], ["verify"]):
        assert cli(*verb, "--root", project.root).exit_code == 0, verb

    build = json.loads((project.data_dir / "datapackage.json").read_text())["build"]
    [named] = build["inputs"]["withdrawn"]
    assert named["blake3"] == record.blake3
    assert named["withdrawn_at"] == withdrawal.withdrawn_at
    prov = json.loads(cli("export", "prov", "--root", project.root).stdout)
    [invalidated] = prov["wasInvalidatedBy"].values()
    assert invalidated["prov:entity"] == f"b3:{record.blake3}"
    assert invalidated["corpus:reason"] == "publisher's request"


def test_a_withdrawn_capture_is_not_ingested_again(
    cli: CLI, project: Project, tmp_path: Path
) -> None:
    record = next(iter_index(project.raw_dir))
    copy = tmp_path / "again.txt"
    copy.write_bytes(raw_path(project.raw_dir, record.blake3).read_bytes())
    assert cli("remove", copy, "--root", project.root).exit_code == 0  # named by a file
    result = cli("ingest", "--root", project.root, copy)
    assert result.exit_code == 1
    assert "again.txt: withdrawn at" in result.output
    again = cli("remove", record.blake3, "--root", project.root)
    assert (again.exit_code, "1 withdrawn before" in again.output) == (0, True)
    assert len(list(iter_withdrawn(project.raw_dir))) == 1


def test_verify_names_withdrawn_bytes_that_changed(cli: CLI, project: Project) -> None:
    record = next(iter_index(project.raw_dir))
    assert cli("remove", record.blake3, "--root", project.root).exit_code == 0
    assert cli("build", "--root", project.root).exit_code == 0
    path = raw_path(project.raw_dir, record.blake3)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b" ")
    result = cli("verify", "--root", project.root)
    assert result.exit_code == 1
    assert record.blake3 in result.output


def test_an_unknown_capture_is_refused_and_nothing_changes(cli: CLI, project: Project) -> None:
    index = (project.raw_dir / "index.csv").read_bytes()
    record = next(iter_index(project.raw_dir))
    result = cli("remove", record.blake3, "f" * 64, "no-such-file", "--root", project.root)
    assert result.exit_code == 1
    assert f"{'f' * 64}: not in the raw store" in result.output
    assert "no-such-file: neither a BLAKE3" in result.output
    assert (project.raw_dir / "index.csv").read_bytes() == index
    assert list(iter_withdrawn(project.raw_dir)) == []
