"""Incremental builds: only what depends on a change is rebuilt, step by step, same bytes out."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.build.run import BuildResult, build
from pipeline.build.steps import STEPS, Step
from pipeline.extract.model import Doc
from pipeline.extract.registry import Registry
from pipeline.project import Project
from pipeline.publish.shards import MANIFEST
from pipeline.raw.ingest import ingest

NAMES = [s.name for s in STEPS] + ["rows"]


def entities_again(doc: Doc, registry: Registry) -> Doc:
    """The entities step under another fingerprint (this module's source): a "changed rule"."""
    return STEPS[3].run(doc, registry)


def tables(project: Project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(project.data_dir.glob("*.csv"))}


def per_stage(result: BuildResult) -> dict[str, tuple[int, int]]:
    return {name: (n["reused"], n["rebuilt"]) for name, n in result.stages.items()}


def test_an_unchanged_corpus_is_all_reused(project: Project) -> None:
    result = build(project)
    assert (result.reused, result.rebuilt) == (result.documents, 0)
    assert per_stage(result) == {name: (result.documents, 0) for name in NAMES}


def test_one_new_raw_file_rebuilds_only_its_document(project: Project, tmp_path: Path) -> None:
    before = tables(project)
    capture = tmp_path / "new.txt"
    capture.write_text("Shoigu met Ashtiani in Tehran.\n\nThey talked.\n", encoding="utf-8")
    assert ingest(project, [capture]).report.ok
    result = build(project)
    n = result.documents - 1
    assert (result.reused, result.rebuilt) == (n, 1)
    assert per_stage(result) == {name: (n, 1) for name in NAMES}
    assert tables(project) != before


def test_a_changed_step_reruns_from_that_step_on(project: Project) -> None:
    assert STEPS[3].name == "entities"
    before = tables(project)
    steps = (*STEPS[:3], Step("entities", entities_again), *STEPS[4:])
    result = build(project, steps=steps)
    n = result.documents
    assert per_stage(result) == {
        name: (n, 0) if i < 3 else (0, n) for i, name in enumerate(NAMES)
    }, "clean, fields and media reused; entities and every later stage rebuilt"
    assert (result.reused, result.rebuilt) == (0, n)
    assert tables(project) == before, "same code, same rows"

    again = build(project, steps=steps)
    assert again.reused == n, "the changed step's output is cached in turn"
    back = build(project)
    assert per_stage(back)["media"] == (n, 0) and per_stage(back)["entities"] == (0, n), (
        "one entry per step is kept: going back reruns the step, not the ones before"
    )


def test_a_registry_edit_rebuilds_everything(project: Project) -> None:
    outlets = project.registry_dir / "outlets.csv"
    outlets.write_text(outlets.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = build(project)
    assert result.rebuilt == result.documents
    assert per_stage(result)["clean"] == (0, result.documents)


def test_an_unreadable_cache_entry_is_made_again(project: Project) -> None:
    before = tables(project)
    entry = next(project.cache_dir.glob("chunks/*/mentions.arrow"))
    entry.write_bytes(b"not Arrow")
    assert build(project).rebuilt == 0, "an unchanged shard is not read again"
    (project.data_dir / MANIFEST).unlink()  # now every shard is written: the chunk is read
    result = build(project)
    n = result.documents  # the five seeds are one chunk
    assert (result.rebuilt, per_stage(result)["rows"][1]) == (n, n)
    assert per_stage(result)["citations"] == (n, 0), "only the broken stage"
    assert tables(project) == before
    assert build(project).rebuilt == 0, "the chunk was cached again"


def test_a_document_is_one_file_a_chunk_one_per_table_and_a_broken_entry_reruns_its_steps(
    project: Project,
) -> None:
    before = tables(project)
    folders = [d for d in project.cache_dir.glob("*/*") if d.is_dir() and d.parent.name != "chunks"]
    assert folders and all([f.name for f in d.iterdir()] == ["steps.json"] for d in folders), (
        "the states after every step in one file"
    )
    [chunk] = project.cache_dir.glob("chunks/*")
    assert sorted(f.stem for f in chunk.iterdir()) == sorted(
        [
            "documents",
            "segments",
            "evidence",
            "media",
            "mentions",
            "quotes",
            "citations",
            "problems",
        ]
    ), "the rows of every document of the chunk, a file per table"
    entry = folders[0] / "steps.json"
    entry.write_text('{"keys": 1}', encoding="utf-8")
    shutil.rmtree(chunk)
    (project.data_dir / MANIFEST).unlink()  # every shard is written: the entries are read
    result = build(project)
    n = result.documents
    assert per_stage(result)["clean"] == (n - 1, 1), "all its steps again"
    assert per_stage(result)["rows"] == (0, n), "the others' rows from their cached steps"
    assert tables(project) == before
    assert '"keys": 1' not in entry.read_text(encoding="utf-8")
