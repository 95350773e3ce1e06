"""The ``corpus`` command end to end on real files: init, ingest, build, validate, verify."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLI, REPO

from pipeline.project import Project

SEEDS = REPO / "corpus" / "raw"


def seed_files(tmp_path: Path) -> Path:
    """The five seed captures as plain files named as they were captured."""
    out = tmp_path / "captures"
    out.mkdir()
    index = (SEEDS / "index.csv").read_text(encoding="utf-8").splitlines()[1:]
    for line in index:
        b3, *_, name, _ = line.split(",")
        (out / name).write_bytes((SEEDS / b3[:2] / b3).read_bytes())
    return out


def test_help_lists_every_verb(cli: CLI) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for verb in ("init", "ingest", "build", "validate", "verify", "serve"):
        assert verb in result.output


def test_new_project_from_captures_to_verified_corpus(cli: CLI, tmp_path: Path) -> None:
    root = tmp_path / "mine"
    assert cli("init", root).exit_code == 0
    captures = seed_files(tmp_path)

    first = cli("ingest", "--root", root, captures)
    assert first.exit_code == 0, first.output
    assert "5 added, 0 already stored" in first.output
    again = cli("ingest", "--root", root, captures, captures / "000_72627362f4f190d1.txt")
    assert "0 added, 6 already stored" in again.output

    built = cli("build", "--root", root)
    assert built.exit_code == 0, built.output
    assert "Built 5 documents (5 rebuilt, 0 reused)" in built.output

    assert cli("validate", "--root", root).exit_code == 0
    verified = cli("verify", "--root", root, "--json")
    assert verified.exit_code == 0
    report = json.loads(verified.output)
    assert report["ok"] and report["checked"]["raw files"] == 5
    assert report["checked"]["spans"] > 100


def test_verbs_find_the_project_from_a_subdirectory(
    cli: CLI, project: Project, monkeypatch
) -> None:
    monkeypatch.chdir(project.raw_dir)
    result = cli("verify")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("verify: ok")


def test_outside_a_project_is_a_usage_error(cli: CLI, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("build")
    assert result.exit_code == 2
    assert "not inside a corpus project; pass --root DIR" in result.stderr


def test_init_refuses_an_existing_project(cli: CLI, project: Project) -> None:
    result = cli("init", project.root)
    assert result.exit_code == 2
    assert "already exists" in result.stderr


def test_second_build_while_one_holds_the_lock_refuses(cli: CLI, project: Project) -> None:
    with project.lock():
        result = cli("build", "--root", project.root)
    assert result.exit_code == 2
    assert "another corpus ingest or build is running" in result.stderr


def test_build_reuses_unchanged_documents(cli: CLI, project: Project) -> None:
    result = cli("build", "--root", project.root, "--json")
    assert json.loads(result.output)["reused"] == 5
    assert not list(project.base.glob(".staging-*")), "a published build leaves no staging"
