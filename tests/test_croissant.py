"""``croissant.json``: made from ``datapackage.json``, beside it and at the root, and valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.store import sha256_hex
from pipeline.croissant import CROISSANT, croissant
from pipeline.project import Project


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("where", ["data", "root"])
def test_croissant_describes_every_published_file_and_column(built: Project, where: str) -> None:
    base = built.data_dir if where == "data" else built.root
    desc, meta = _read(base / "datapackage.json"), _read(base / CROISSANT)
    assert meta == croissant(desc), "croissant.json is derived from datapackage.json"
    assert meta["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert meta["license"] == desc["licenses"][0]["path"]
    files = {f["@id"]: f for f in meta["distribution"]}
    for res in desc["resources"]:
        data = (base / res["path"]).read_bytes()
        assert files[res["path"]]["sha256"] == sha256_hex(data)
        assert files[res["path"]]["contentSize"] == f"{len(data)} B"
    record_sets = {r["@id"]: r for r in meta["recordSet"]}
    for res in desc["resources"]:
        fields = record_sets[res["name"]]["field"]
        assert [f["name"] for f in fields] == [f["name"] for f in res["schema"]["fields"]]
        assert all(f["source"]["fileObject"]["@id"] == res["path"] for f in fields)


def test_foreign_keys_become_references(built: Project) -> None:
    meta = _read(built.data_dir / CROISSANT)
    quotes = next(r for r in meta["recordSet"] if r["@id"] == "quotes")
    speaker = next(f for f in quotes["field"] if f["name"] == "speaker_entity_id")
    assert speaker["references"] == {"field": {"@id": "entities/entity_id"}}
    assert quotes["key"] == {"@id": "quotes/quote_id"}


@pytest.mark.parametrize("where", ["data", "root"])
def test_mlcroissant_validates_and_reads_the_records(built: Project, where: str) -> None:
    mlc = pytest.importorskip("mlcroissant", reason="the Croissant validator is not installed")
    base = built.data_dir if where == "data" else built.root
    dataset = mlc.Dataset(jsonld=str(base / CROISSANT))  # raises on any error
    documents = list(dataset.records("documents"))
    assert len(documents) == 5
    doc_ids = {d["documents/doc_id"].decode() for d in documents}
    assert doc_ids == {r["doc_id"] for r in _rows(built, "documents")}


def _rows(project: Project, name: str) -> list[dict]:
    import corpus

    return corpus.at(project.root).rows(name)
