"""Hostile captures through the real CLI: whatever comes in, ``build`` exit 0 means
``validate`` (full and ``--fast``) and ``verify`` exit 0.

Each input is ingested on its own (ingest is all or nothing: one refusal must not hide the
others) and is either refused there with a one-line reason or built, as a document or as a
row of ``problems`` with its reason. Many inputs share one build, to keep the module fast.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI

from pipeline import problems
from pipeline.project import Project

NESTED = "<div>" * 5000 + "<p>Deep inside the page, the talks went on.</p>" + "</div>" * 5000
ARTICLE = (
    "Iran and Russia signed a defence agreement in Moscow on Tuesday, the ministers said.\n\n"
    "The talks lasted two days and covered air defence and training, officials said.\n"
)
HOSTILE = {
    "blank.txt": "  \n",
    "nbsp.txt": "\u00a0\u00a0\n\u3000\n",
    "tiny.txt": "x",
    "empty.html": "<html><head><title></title></head><body></body></html>",
    "script-only.html": "<html><body><script>var a = '<p>not text</p>';</script></body></html>",
    "nested.html": f"<html><body>{NESTED}</body></html>",
    "malformed.html": '<html><p>Unclosed <b><i>talks in <a href="x>Moscow</p></div></span>' * 30,
    "cr-only.html": (
        "<html>\r<body>\r<p>The ministers met in Moscow.\rThey talked for hours.</p>\r"
        "<p>A second paragraph\rwith a bare carriage return.</p>\r</body>\r</html>\r"
    ),
    "cr-only.txt": ARTICLE.replace("\n", "\r"),
    "crlf-mixed.txt": ARTICLE.replace("\n\n", "\r\n\r\n\r").replace(".", ".\r", 1),
    "controls.txt": "Talks \x01\x02\x1b[31m in Moscow \x7f\x0b\x0c ended.\n\n" * 20,
    "repetitive.txt": "Reuters Reuters (IRNA) Tasnim " * 20_000,
    "one-long-word.txt": "a" * 200_000,
    "marks.txt": "The talks </mark><mark> and <script>alert(1)</script> ended.\n" * 5,
    "quotes.txt": '"' * 5000 + "\n\n" + "\u201c" * 3000 + " said \u201d" * 200,
    "bidi.txt": "\u202eThe ministers met\u202c in Moscow \u200f\u200e on Tuesday.\n",
    "cantonese.txt": "我哋今日去咗飲茶，佢話嗰間餐廳好好食，" * 2
    + "不過要排好耐隊先有位。呢度嘅嘢食真係唔錯。" * 3,
    "article.txt": ARTICLE,
}
EMPTY = {"blank.txt", "nbsp.txt", "empty.html", "script-only.html"}  # nothing to keep


def _rows(project: Project, table: str) -> list[dict[str, str]]:
    with (project.data_dir / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _assert_build_ok_means_valid(cli: CLI, project: Project) -> None:
    built = cli("build", "--root", project.root)
    assert built.exit_code == 0, built.output
    for verb in (["validate"], ["validate", "--fast"], ["verify"]):
        result = cli(*verb, "--root", project.root)
        assert result.exit_code == 0, f"{verb}: {result.output}"


def _ingest_each(cli: CLI, project: Project, files: dict[str, str], tmp_path: Path) -> set[str]:
    """Ingest each file on its own; the names refused, each with a one-line reason."""
    refused = set()
    for name, text in files.items():
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        result = cli("ingest", "--root", project.root, path)
        if result.exit_code:
            assert result.exit_code == 1
            assert f"{name}: " in result.output, result.output
            refused.add(name)
    return refused


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, set[str]]:
    """A project holding every hostile input ingest takes, built; and the names refused."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    runner = CliRunner()

    def cli(*args: object) -> Any:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    tmp = tmp_path_factory.mktemp("hostile")
    project = Project(tmp / "project")
    assert cli("init", project.root).exit_code == 0
    refused = _ingest_each(cli, project, HOSTILE, tmp)
    _assert_build_ok_means_valid(cli, project)
    return project, refused


def test_every_hostile_input_is_refused_or_gives_a_corpus_that_validates_and_verifies(
    hostile: tuple[Project, set[str]],
) -> None:
    project, refused = hostile
    names = {r["blake3"]: r["original_name"] for r in _rows(project, "raw_files")}
    assert set(names.values()) == set(HOSTILE) - refused
    built = {d["raw_blake3"] for d in _rows(project, "documents")}
    failed = {p["raw_blake3"]: p for p in _rows(project, "problems")}
    assert built.isdisjoint(failed) and built | failed.keys() == names.keys()
    assert {"article.txt", "cr-only.html", "cr-only.txt", "repetitive.txt"} <= {
        names[b3] for b3 in built
    }


def test_a_capture_with_nothing_to_keep_is_a_problem_with_its_reason(
    hostile: tuple[Project, set[str]],
) -> None:
    project, refused = hostile
    names = {r["blake3"]: r["original_name"] for r in _rows(project, "raw_files")}
    reasons = {names[p["raw_blake3"]]: p["reason"] for p in _rows(project, "problems")}
    for name in EMPTY - refused:
        assert reasons[name] == "empty-body", name
    assert all(d["text"] for d in _rows(project, "documents"))


def test_bare_carriage_returns_survive_the_tables_and_the_database(
    hostile: tuple[Project, set[str]],
) -> None:
    import sqlite3

    project, _ = hostile
    texts = [s["text"] for s in _rows(project, "segments") if "\r" in s["text"]]
    assert any("\r" in t.replace("\r\n", "") for t in texts)  # a bare one, kept in its cell
    with sqlite3.connect(project.data_dir / "corpus.db") as db:
        stored = {row[0] for row in db.execute("select text from segments")}
    assert set(texts) <= stored


def test_languages_without_a_two_letter_code_get_their_three_letter_one(
    hostile: tuple[Project, set[str]],
) -> None:
    project, _ = hostile
    names = {r["blake3"]: r["original_name"] for r in _rows(project, "raw_files")}
    language = {names[d["raw_blake3"]]: d["language"] for d in _rows(project, "documents")}
    assert (language["cantonese.txt"], language["article.txt"]) == ("yue", "en")


def test_a_capture_past_the_limits_is_a_problem_not_a_stalled_build(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limits, made small: too many characters, then too much CPU time."""
    project = Project(tmp_path / "project")
    assert cli("init", project.root).exit_code == 0
    files = {"big.txt": ARTICLE * 40, "article.txt": ARTICLE}
    assert not _ingest_each(cli, project, files, tmp_path)
    monkeypatch.setattr(problems, "MAX_CHARS", len(ARTICLE) * 10)
    _assert_build_ok_means_valid(cli, project)
    [found] = _rows(project, "problems")
    assert (found["reason"], found["stage"]) == ("too-large", "read")
    assert len(_rows(project, "documents")) == 1

    monkeypatch.setattr(problems, "MAX_CHARS", 10**9)
    monkeypatch.setattr(problems, "CPU_SECONDS", 1e-6)
    (project.registry_dir / "outlets.csv").write_text(
        (project.registry_dir / "outlets.csv").read_text() + "\n"
    )  # a registry change: every document is made again, under the new limits
    _assert_build_ok_means_valid(cli, project)
    slow = _rows(project, "problems")
    assert {p["reason"] for p in slow} == {"time-limit"} and len(slow) == 2
    assert _rows(project, "documents") == []


def test_a_build_whose_tables_would_not_validate_publishes_nothing(
    cli: CLI, project: Project
) -> None:
    before = json.loads((project.data_dir / "datapackage.json").read_text())
    outlets = project.registry_dir / "outlets.csv"
    outlets.write_text(outlets.read_text() + "Not An Id,,https://example.org,XX\n")
    result = cli("build", "--root", project.root)
    assert result.exit_code == 1
    assert "nothing was published" in result.output
    assert "outlets.row 2.name: name is required" in result.output
    assert json.loads((project.data_dir / "datapackage.json").read_text()) == before
    assert cli("validate", "--fast", "--root", project.root).exit_code == 0
