"""A corpus of your own, from ``corpus init`` to published files, read by outside tools.

Someone else's captures (a text dump and an HTML page of a local paper, written here) go
through the real CLI; nothing published, file or page, may speak of the bundled corpus. The
published files are then read as their users read them: mlcroissant (every record set),
``datasets.load_dataset`` (the project folder and the hf export, offline), DuckDB (Parquet)
and SQLite (foreign keys, and the same nulls as Parquet and CSV). Last, versions: a release
of the bundled corpus with one capture more lists exactly that capture's rows, in
``CHANGELOG.md`` and in ``corpus diff`` against a directory and a git revision.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import duckdb
import mlcroissant as mlc
import pytest
import yaml
from conftest import CLI, REPO

import corpus
from corpus.store import read_index
from pipeline import across
from pipeline.project import Project
from pipeline.site.serve import datasette

TEXT = """Harbour footbridge to reopen in May

By Ines Caldera

March 3, 2025

PORT ELLERY – The footbridge over the inner harbour will reopen on 12 May after eight months
of repairs, the town council said on Monday.

"The new deck is wider and the lighting is finally fixed," said Tomas Reyne, the council's
works manager. "We expect the first walkers on the Saturday morning."

Fishermen welcomed the date. "It has been a long winter of detours," said Maura Quill, who
runs the ice house on the east quay, according to the Ellery Courier.
"""
HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Library extends Sunday hours | Port Ellery Gazette</title>
<meta name="author" content="Dev Anand">
<meta property="article:published_time" content="2025-02-14T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/town">Town</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Library extends Sunday hours</h1>
<p class="byline">By Dev Anand</p>
<p>The public library on Quay Street will open from noon to five on Sundays from March,
the head librarian announced on Friday.</p>
<p>&ldquo;Families asked for it in every survey we ran,&rdquo; said Ruth Okafor, the head
librarian. &ldquo;Now the budget allows it.&rdquo;</p>
<p>The extra hours are paid for by a grant from the county arts fund, the council said.</p>
</article>
<footer>&copy; 2025 Port Ellery Gazette. All rights reserved.</footer>
</body></html>
"""
NAME, TITLE = "port-ellery-local-news", "Port Ellery local news, 2025"
# What would show that the bundled corpus leaked into someone else's.
BUNDLED = ("iran", "russia", "defence-minister", "shoigu", "irna", "tasnim")
OFFLINE = {"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A new project with its own identity and an empty registry, two captures, built."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    tmp = tmp_path_factory.mktemp("own")
    (tmp / "bridge.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "library.html").write_text(HTML, encoding="utf-8")
    root = tmp / "ellery"
    run = CliRunner().invoke
    made = run(app, ["init", str(root), "--name", NAME, "--title", TITLE, "--license", "CC0-1.0"])
    assert made.exit_code == 0, made.output
    for args in (["ingest", str(tmp / "bridge.txt"), str(tmp / "library.html")], ["build"]):
        done = run(app, [*args, "--root", str(root)])
        assert done.exit_code == 0, done.output
    return Project(root)


def _published(project: Project) -> dict[str, str]:
    """Every published text file (the data directory and the files at the project root)."""
    root = [p for p in project.root.iterdir() if p.is_file()]
    data = [p for p in project.data_dir.rglob("*") if p.suffix in (".csv", ".json", ".yml")]
    return {p.relative_to(project.root).as_posix(): p.read_text("utf-8") for p in root + data}


def test_own_identity_everywhere_and_nothing_of_the_bundled_corpus(own: Project, cli: CLI) -> None:
    files = _published(own)
    names = {"datapackage.json", "croissant.json", "metadata.yml", "CITATION.cff"}
    assert names | {".huggingface.yaml"} <= files.keys()
    desc = json.loads(files["datapackage.json"])
    assert (desc["name"], desc["title"], desc["version"]) == (NAME, TITLE, "0.1.0")
    assert desc["licenses"][0]["name"] == "CC0-1.0"
    assert yaml.safe_load(files["metadata.yml"])["title"] == TITLE
    assert yaml.safe_load(files["CITATION.cff"])["title"] == TITLE
    assert json.loads(files["croissant.json"])["citeAs"] == f"{TITLE} (version 0.1.0). Data set."
    prov = cli("export", "prov", "--root", own.root).output
    assert f"urn:corpus:{NAME}:" in prov
    info = cli("info", "--root", own.root).output
    assert f"{TITLE} ({NAME} 0.1.0)" in info and "documents   2" in info

    site = datasette(own)
    doc_ids = [d["doc_id"] for d in corpus.at(own.root).rows("documents")]
    pages = ["/", "/corpus", "/corpus/documents", "/corpus/quotes", "/-/metadata.json"]
    for path in pages + [f"/document/{d}" for d in doc_ids]:
        response = asyncio.run(site.client.get(path))
        assert response.status_code == 200, path
        files[path] = response.text
    assert TITLE in files["/"]
    for name, text in [*files.items(), ("prov", prov), ("info", info)]:
        leaked = [word for word in BUNDLED if word in text.lower()]
        assert not leaked, f"{name} mentions {leaked}"


def test_own_captures_are_extracted_and_check(own: Project, cli: CLI) -> None:
    assert cli("validate", "--root", own.root).exit_code == 0
    assert cli("verify", "--root", own.root).exit_code == 0
    c = corpus.at(own.root)
    titles = {d["title"] for d in c.rows("documents")}
    assert titles == {"Harbour footbridge to reopen in May", "Library extends Sunday hours"}
    assert c.rows("quotes") and c.rows("segments") and c.rows("evidence")
    assert c.rows("outlets") == [] and c.rows("entities") == []


def test_outside_tools_read_every_published_table(own: Project, built: Project) -> None:
    for project in (own, built):
        c = corpus.at(project.root)
        dataset = mlc.Dataset(jsonld=str(project.root / "croissant.json"))
        db = sqlite3.connect(c.sqlite_path())
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for name in c.tables():
            rows = len(c.rows(name))
            assert len(list(dataset.records(name))) == rows, name
            parquet = str(c.path(name, "parquet"))
            assert duckdb.sql(f"select count(*) from '{parquet}'").fetchall() == [(rows,)]
            _same_nulls(c, name, db, parquet)


def _same_nulls(c: corpus.Corpus, name: str, db: sqlite3.Connection, parquet: str) -> None:
    """An empty value is null in every format: as many nulls in SQLite and Parquet as empty
    cells in the CSV, column by column, and never an empty string."""
    with c.path(name).open(encoding="utf-8", newline="") as f:
        cells = list(csv.DictReader(f))
    for column in cells[0] if cells else []:
        empty = sum(row[column] == "" for row in cells)
        sql = f'select count(*) filter (where "{column}" is null), '
        sql += f"count(*) filter (where cast(\"{column}\" as text) = '') from {{}}"
        assert db.execute(sql.format(f"[{name}]")).fetchone() == (empty, 0), (name, column)
        (found,) = duckdb.sql(sql.format(f"'{parquet}'")).fetchall()
        assert found == (empty, 0), (name, column)


def test_exports_nest_every_row_under_its_document(
    own: Project, built: Project, cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datasets

    for key, value in {**OFFLINE, "HF_HOME": str(tmp_path / "hf")}.items():
        monkeypatch.setenv(key, value)
    c = corpus.at(built.root)
    counts = {name: len(c.rows(name)) for name in ("segments", "mentions", "quotes")}
    out = tmp_path / "out"
    targets = {"jsonl": "documents.jsonl", "parquet": "documents.parquet", "hf": "hf"}
    for kind, name in targets.items():
        done = cli("export", kind, out / name, "--root", built.root)
        assert done.exit_code == 0, done.output
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    nested = duckdb.sql(f"select * from '{out / 'documents.parquet'}'").fetchall()
    hf = datasets.load_dataset(str(out / "hf"))["train"]
    assert len(records) == len(nested) == len(hf) == 5
    for name, n in counts.items():
        assert sum(len(r[name]) for r in records) == n
        assert sum(len(r[name]) for r in hf) == n
    assert len(datasets.load_dataset(str(out / "hf"), "quotes")["train"]) == counts["quotes"]
    quote = next(q for r in records for q in r["quotes"])
    assert "doc_id" not in quote and {"start", "end", "text", "part_of"} <= quote.keys()
    again = cli("export", "hf", out / "hf", "--root", built.root)
    assert again.exit_code == 2 and "not an empty directory" in again.stderr

    folder = datasets.load_dataset(str(own.root))["train"]
    assert sorted(folder["title"]) == sorted(
        d["title"] for d in corpus.at(own.root).rows("documents")
    )


def test_a_release_with_one_capture_more_lists_exactly_its_rows(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    who = json.loads((REPO / "corpus" / "project.json").read_text(encoding="utf-8"))
    root = tmp_path / "bundled"
    options = ["--name", who["name"], "--title", who["title"], "--license", "CC-BY-4.0"]
    assert cli("init", root, *options, "--registry", REPO / "corpus" / "registry").exit_code == 0
    seeds = sorted(read_index(REPO / "corpus" / "raw"), key=lambda r: r.blake3)
    files = []
    for raw in seeds:
        files.append(tmp_path / raw.original_name)
        shutil.copyfile(REPO / "corpus" / "raw" / raw.blake3[:2] / raw.blake3, files[-1])
    assert cli("ingest", "--root", root, *files[:-1]).exit_code == 0
    assert cli("build", "--root", root).exit_code == 0
    shutil.copytree(root / "corpus" / "data", tmp_path / "v1")
    _git(root, "init", "-q")
    _git(root, "add", "corpus/data")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1")

    assert cli("ingest", "--root", root, files[-1]).exit_code == 0
    released = cli("release", "0.2.0", "--root", root)
    assert released.exit_code == 0, released.output
    assert corpus.at(root).descriptor()["version"] == "0.2.0"
    doc_id = seeds[-1].blake3[:16]
    log = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert log.startswith("# Changelog\n\n## 0.2.0 (2023-11-14)\n\nSince 0.1.0:\n")
    assert f"- documents added: 1 ({doc_id})\n- documents removed: 0\n" in log

    new = corpus.at(root)
    for old in (str(tmp_path / "v1"), "HEAD"):
        found = json.loads(cli("diff", old, "--root", root, "--json").stdout)
        assert found["documents"] == {"added": [doc_id], "removed": [], "changed": []}
        joined = {e["event_id"] for e in new.rows("document_events") if e["doc"] == doc_id}
        for name, changes in found["tables"].items():
            # across reports: one report more adds, removes nothing (its own report of an
            # event, a row of document_events like a per-document table's, is checked exactly)
            if name in across.TABLES and name != "document_events":
                assert not changes["removed"], name
                if name == "events":  # and of the events, changes only the one it joined
                    assert set(changes["added"] + changes["changed"]) <= joined, changes
                continue
            res = next(r for r in new.descriptor()["resources"] if r["name"] == name)
            key = res["schema"]["primaryKey"]
            mine = [
                "/".join(str(row[k]) for k in key)
                for row in new.rows(name)
                if row.get("doc_id", row.get("doc", row.get("blake3", "")[:16])) == doc_id
            ]
            assert {k: sorted(v) for k, v in changes.items()} == {
                "added": sorted(mine),
                "removed": [],
                "changed": [],
            }, name
    again = cli("release", "0.2.0", "--root", root)
    assert again.exit_code == 2 and "released already" in again.stderr


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def test_init_refuses_a_bad_identity_and_build_one_without(cli: CLI, tmp_path: Path) -> None:
    for options, error in [
        (["--name", "Port Ellery"], "name 'Port Ellery' must be lowercase"),
        (["--license", "CC BY"], "licence 'CC BY' is not an SPDX id"),
        (["--registry", tmp_path / "nowhere"], "no such registry directory"),
    ]:
        result = cli("init", tmp_path / "p", *options)
        assert result.exit_code == 2 and error in result.stderr, result.stderr
        assert not (tmp_path / "p").exists()
    assert cli("init", tmp_path / "p").exit_code == 0
    (tmp_path / "p" / "corpus" / "project.json").unlink()
    result = cli("build", "--root", tmp_path / "p")
    assert result.exit_code == 2 and "project.json is missing" in result.stderr


def test_export_without_parquet_or_a_build_says_what_to_do(
    project: Project, cli: CLI, tmp_path: Path
) -> None:
    (project.data_dir / "quotes.parquet").unlink()
    result = cli("export", "jsonl", tmp_path / "d.jsonl", "--root", project.root)
    assert result.exit_code == 2 and "Parquet copies are not built" in result.stderr
    assert not (tmp_path / "d.jsonl").exists()
    assert cli("init", tmp_path / "new").exit_code == 0
    result = cli("export", "hf", tmp_path / "hf", "--root", tmp_path / "new")
    assert result.exit_code == 2 and "nothing is published yet" in result.stderr


@pytest.mark.parametrize(("name", "column"), [("citations", "doc_id"), ("document_events", "doc")])
def test_diff_counts_a_table_one_version_lacks(
    cli: CLI, tmp_path: Path, name: str, column: str
) -> None:
    """A table dropped (or added) between versions has every row removed (added), and each
    document with a row there changed: its ``doc_id``, or its foreign key into documents."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(REPO / "corpus" / "data", old)
    shutil.copytree(REPO / "corpus" / "data", new)
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != name]
    (new / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    rows = corpus.at(REPO).rows(name)
    assert rows, f"the seeds have {name}"

    for a, b, kind in ((old, new, "removed"), (new, old, "added")):
        found = json.loads(cli("diff", a, b, "--root", REPO, "--json").stdout)
        assert len(found["tables"][name][kind]) == len(rows)
        assert sorted(found["documents"]["changed"]) == sorted({r[column] for r in rows})
