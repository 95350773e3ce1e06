"""The ``corpus`` loader API over a built project (the wheel is tested in test_package.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

import corpus
from corpus.store import blake3_hex
from pipeline.project import Project


@pytest.fixture
def c(built: Project) -> corpus.Corpus:
    return corpus.at(built.root)


def test_tables_follow_the_package_order(c: corpus.Corpus) -> None:
    names = c.tables()
    assert names[:3] == ["raw_files", "outlets", "documents"]
    assert {"segments", "evidence", "quotes", "mentions"} <= set(names)


def test_rows_are_typed_by_the_schema(c: corpus.Corpus) -> None:
    docs = c.rows("documents")
    assert len(docs) == 5
    assert all(isinstance(d["word_count"], int) and d["word_count"] > 50 for d in docs)
    seg = c.rows("segments")[0]
    assert isinstance(seg["kept"], bool) and isinstance(seg["start"], int)


def test_load_frame_reads_parquet_with_the_same_rows_as_csv(c: corpus.Corpus) -> None:
    frame = c.load_frame("segments")
    rows = c.rows("segments")
    assert len(frame) == len(rows)
    assert frame.iloc[0]["text"] == rows[0]["text"]
    assert str(frame["kept"].dtype) == "bool"


def test_rows_and_parquet_give_the_same_values_nulls_included(c: corpus.Corpus) -> None:
    def iso(value: object) -> object:  # rows() keeps a datetime as its CSV text
        return value.strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(value, datetime) else value

    nulls = 0
    for name in c.tables():
        rows = c.rows(name)
        arrow = [{k: iso(v) for k, v in row.items()} for row in c.load_arrow(name).to_pylist()]
        assert rows == arrow, name
        nulls += sum(v is None for row in rows for v in row.values())
    assert nulls, "the seeds have empty optional values"


def test_every_span_indexes_the_raw_text(c: corpus.Corpus) -> None:
    docs = {d["doc_id"]: d["raw_blake3"] for d in c.rows("documents")}
    for ev in c.rows("evidence"):
        assert c.raw_text(docs[ev["doc_id"]])[ev["start"] : ev["end"]] == ev["text"]


def test_raw_returns_verified_bytes_and_refuses_corrupt_ones(project: Project) -> None:
    c = corpus.at(project.root)
    b3 = c.rows("raw_files")[0]["blake3"]
    assert blake3_hex(c.raw(b3)) == b3
    path = project.raw_dir / b3[:2] / b3
    path.chmod(0o644)
    path.write_bytes(b"tampered")
    with pytest.raises(ValueError, match=f"raw file {b3} is corrupt"):
        c.raw(b3)


def test_unknown_table_names_the_known_ones(c: corpus.Corpus) -> None:
    with pytest.raises(KeyError, match="the tables are: raw_files, outlets"):
        c.rows("articles")


def test_descriptor_records_how_it_was_built(c: corpus.Corpus) -> None:
    build = c.descriptor()["build"]
    assert build["pipeline_version"] == corpus.__version__
    steps = {"clean", "fields", "media", "entities", "quotes", "citations"}
    assert set(build["steps"]) == steps | {"rows"}, "each step, and the code that makes rows"
    assert build["inputs"]["raw_files"] == 5
    assert c.sqlite_path().is_file()
