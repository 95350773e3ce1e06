"""``corpus info``: what a published corpus holds, for people and (``--json``) for machines."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLI

import corpus
from pipeline.project import Project


def test_info_json_counts_dates_outlets_and_build(cli: CLI, built: Project) -> None:
    result = cli("info", "--root", built.root, "--json")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    c = corpus.at(built.root)
    assert facts["tables"] == {name: len(c.rows(name)) for name in c.tables()}
    docs = c.rows("documents")
    dates = sorted(d["published"] for d in docs if d["published"])
    assert facts["published"] == {
        "first": dates[0],
        "last": dates[-1],
        "undated": len(docs) - len(dates),
    }
    assert sum(o["documents"] for o in facts["outlets"]) == 5
    assert {o["outlet_id"] for o in facts["outlets"]} == {d["outlet_id"] for d in docs}
    assert facts["fingerprint"] == c.descriptor()["build"]["fingerprint"]
    assert facts["last_build"].endswith("+00:00")


def test_info_for_people(cli: CLI, built: Project) -> None:
    result = cli("info", "--root", built.root)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [
        "corpus",
        "last",
        "documents",
        "outlets",
        "tables",
    ]
    assert "documents   5, published 2023-09-20" in result.output


def test_info_before_any_build_says_what_to_do(cli: CLI, tmp_path: Path) -> None:
    root = tmp_path / "empty"
    cli("init", root)
    result = cli("info", "--root", root)
    assert result.exit_code == 2
    assert "nothing is published yet; run `corpus build`" in result.stderr
