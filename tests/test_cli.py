"""The ``corpus`` command end to end on real files: init, ingest, build, validate, verify."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLI, REPO

from corpus import at
from corpus.store import read_index
from pipeline.project import Project

SEEDS = REPO / "corpus" / "raw"


def seed_files(tmp_path: Path) -> Path:
    """The five seed captures as plain files named as they were captured."""
    out = tmp_path / "captures"
    out.mkdir()
    for raw in read_index(SEEDS):
        (out / raw.original_name).write_bytes((SEEDS / raw.blake3[:2] / raw.blake3).read_bytes())
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
    assert "0 added, 5 already stored" in again.output  # a file named twice is one capture

    built = cli("build", "--root", root)
    assert built.exit_code == 0, built.output
    assert "Built 5 documents (5 rebuilt, 0 reused)" in built.output

    assert cli("validate", "--root", root).exit_code == 0
    verified = cli("verify", "--root", root, "--json")
    assert verified.exit_code == 0
    report = json.loads(verified.stdout)
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
    assert json.loads(result.stdout)["reused"] == 5
    assert not list(project.base.glob(".staging-*")), "a published build leaves no staging"


def test_an_html_capture_goes_through_every_verb(cli: CLI, tmp_path: Path) -> None:
    root = tmp_path / "html"
    cli("init", root)
    page = REPO / "tests" / "fixtures" / "article.html"
    assert "1 added" in cli("ingest", "--root", root, page).output
    assert cli("build", "--root", root).exit_code == 0
    assert cli("validate", "--root", root).exit_code == 0
    assert cli("verify", "--root", root).exit_code == 0
    c = at(root)
    (raw,) = c.rows("raw_files")
    (doc,) = c.rows("documents")
    assert raw["media_type"] == "text/html"
    assert doc["title"] and doc["word_count"] > 50
    assert "<" not in doc["text"], "the body is text, not markup"
    raw_text = c.raw_text(raw["blake3"])
    for ev in c.rows("evidence"):
        assert raw_text[ev["start"] : ev["end"]] == ev["text"]


def test_build_says_which_steps_re_ran_for_how_many_documents(
    cli: CLI, project: Project, tmp_path: Path
) -> None:
    capture = tmp_path / "new.txt"
    capture.write_text("Shoigu meets Ashtiani\n\nThe ministers met in Tehran on Tuesday.\n")
    cli("ingest", "--root", project.root, capture)
    result = cli("build", "--root", project.root)
    assert "Built 6 documents (1 rebuilt, 5 reused)" in result.output
    assert "Steps re-run (documents): clean 1, fields 1" in result.output
