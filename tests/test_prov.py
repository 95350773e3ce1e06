"""``corpus export prov``: the lineage as W3C PROV-JSON, read back with the ``prov`` package."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLI
from prov.model import PROV, ProvActivity, ProvAgent, ProvDocument, ProvEntity

import corpus
from pipeline.project import Project


def exported(cli: CLI, project: Project, tmp_path: Path) -> tuple[ProvDocument, str]:
    out = tmp_path / "prov.json"
    result = cli("export", "prov", "--root", project.root, "--output", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    return ProvDocument.deserialize(content=text, format="json"), text


def records(doc: ProvDocument, kind: type) -> dict[str, object]:
    return {str(r.identifier): r for r in doc.get_records(kind)}


def test_raw_files_build_steps_tables_and_agents(cli: CLI, built: Project, tmp_path: Path) -> None:
    doc, _ = exported(cli, built, tmp_path)
    c = corpus.at(built.root)
    entities = records(doc, ProvEntity)
    raws = {r["blake3"] for r in c.rows("raw_files")}
    assert {f"b3:{b3}" for b3 in raws} <= entities.keys()
    tables = [e for e in entities.values() if e.get_asserted_types() == {doc_type(doc, "Table")}]
    assert sorted(str(next(iter(t.get_attribute("prov:label")))) for t in tables) == sorted(
        f"{name}.csv" for name in c.tables()
    )
    steps = c.descriptor()["build"]["steps"]
    plans = [e for e in entities.values() if PROV["Plan"] in e.get_asserted_types()]
    assert sorted(str(next(iter(p.get_attribute("prov:label")))) for p in plans) == sorted(steps)

    activities = records(doc, ProvActivity)
    assert sum(k.startswith("corpus:build/") for k in activities) == 1
    assert any(k.startswith("corpus:ingest/") for k in activities)
    agents = records(doc, ProvAgent)
    assert any(PROV["SoftwareAgent"] in a.get_asserted_types() for a in agents.values())
    outlets = {d["outlet_id"] for d in c.rows("documents") if d["outlet_id"]}
    assert {f"corpus:outlet/{o}" for o in outlets} <= agents.keys()


def test_every_table_is_generated_by_the_build_and_derived_from_its_inputs(
    cli: CLI, built: Project, tmp_path: Path
) -> None:
    _, text = exported(cli, built, tmp_path)
    data = json.loads(text)
    (build,) = [k for k in data["activity"] if k.startswith("corpus:build/")]
    tables = {k for k in data["entity"] if k.startswith("corpus:table/")}
    generated = {g["prov:entity"] for g in data["wasGeneratedBy"].values()}
    assert tables <= generated
    derived = {
        (d["prov:generatedEntity"], d["prov:usedEntity"]) for d in data["wasDerivedFrom"].values()
    }
    raws = {f"b3:{r['blake3']}" for r in corpus.at(built.root).rows("raw_files")}
    documents = next(t for t in tables if t.startswith("corpus:table/documents/"))
    assert {(documents, raw) for raw in raws} <= derived
    used = {u["prov:entity"] for u in data["used"].values() if u["prov:activity"] == build}
    assert raws <= used


def test_the_export_is_deterministic_and_goes_to_stdout_by_default(
    cli: CLI, built: Project, tmp_path: Path
) -> None:
    _, text = exported(cli, built, tmp_path)
    assert cli("export", "prov", "--root", built.root).stdout == text


def test_nothing_published_is_a_clear_error(cli: CLI, tmp_path: Path) -> None:
    assert cli("init", tmp_path / "empty").exit_code == 0
    result = cli("export", "prov", "--root", tmp_path / "empty")
    assert result.exit_code == 2
    assert "nothing is published yet; run `corpus build`" in result.stderr


def doc_type(doc: ProvDocument, name: str) -> object:
    return doc.valid_qualified_name(f"corpus:{name}")
