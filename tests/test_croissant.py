"""``croissant.json``: made from ``datapackage.json``, beside it and at the root, and valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import corpus
from corpus.store import sha256_hex
from pipeline.project import Project
from pipeline.publish.croissant import CROISSANT, croissant


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("where", ["data", "root"])
def test_croissant_describes_every_published_file_and_column(built: Project, where: str) -> None:
    base = built.data_dir if where == "data" else built.root
    desc, meta = _read(base / "datapackage.json"), _read(base / CROISSANT)
    assert meta == croissant(desc), "croissant.json is derived from datapackage.json"
    assert meta["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert meta["license"] == desc["licenses"][0]["path"]
    assert meta["version"] == desc["version"]
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


def test_keys_are_kept_and_no_field_references_another(built: Project) -> None:
    """mlcroissant reads a ``references`` as a join that fails (see
    pipeline/publish/croissant.py)."""
    meta = _read(built.data_dir / CROISSANT)
    quotes = next(r for r in meta["recordSet"] if r["@id"] == "quotes")
    assert quotes["key"] == {"@id": "quotes/quote_id"}
    assert not [f for r in meta["recordSet"] for f in r["field"] if "references" in f]


def test_identity_version_and_citation_come_from_the_project(built: Project) -> None:
    meta, who = _read(built.data_dir / CROISSANT), built.identity()
    assert (meta["name"], meta["alternateName"]) == (who["name"], who["title"])
    assert meta["version"] == who["version"]
    assert meta["citeAs"].startswith("The corpus developers. " + who["title"])


@pytest.mark.parametrize("where", ["data", "root"])
def test_mlcroissant_reads_every_record_set(built: Project, where: str) -> None:
    """All of them, in the data package's order, from one ``Dataset``: the rows of each table."""
    import mlcroissant as mlc

    base = built.data_dir if where == "data" else built.root
    dataset = mlc.Dataset(jsonld=str(base / CROISSANT))  # raises on any error
    c = corpus.at(built.root)
    for name in c.tables():
        records = list(dataset.records(name))
        assert len(records) == len(c.rows(name)), name
    documents = list(dataset.records("documents"))
    doc_ids = {d["documents/doc_id"].decode() for d in documents}
    assert doc_ids == {r["doc_id"] for r in c.rows("documents")}
