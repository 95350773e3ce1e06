"""Executors: results in input order wherever the work runs; a Dask build is byte-identical."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import CLI, REPO, copy_sources

from bench import synth
from corpus.store import raw_path, read_index, write_index
from pipeline import across, schemas
from pipeline.build.executors import Dask, Local
from pipeline.build.run import REGISTRY_TABLES, build
from pipeline.project import Project
from pipeline.raw.ingest import ingest

distributed = pytest.importorskip("distributed")
SYNTHETIC = 20


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The seeds and 20 synthetic captures (text, HTML, cp1252), ingested, nothing built."""
    root = tmp_path_factory.mktemp("executors")
    captures = root / "captures"
    captures.mkdir()
    for capture in synth.captures(REPO / "corpus" / "registry", SYNTHETIC, seed=7):
        (captures / capture.name).write_bytes(capture.data)
    project = copy_sources(root / "sources")
    result = ingest(project, [captures], now=datetime(2024, 1, 1, tzinfo=UTC))
    assert result.report.ok and len(result.added) == SYNTHETIC
    return project


def published(project: Project) -> dict[str, bytes]:
    """Every file a build publishes, by path relative to the project."""
    files = [project.root / "datapackage.json", project.root / "metadata.yml"]
    files += sorted(p for p in project.data_dir.iterdir() if p.is_file())
    return {p.relative_to(project.root).as_posix(): p.read_bytes() for p in files}


def copy(project: Project, root: Path) -> Project:
    shutil.copytree(project.root, root)
    return Project(root)


@pytest.mark.parametrize("executor", [Local(1), Local(2, chunksize=3), Dask(workers=2, batch=3)])
def test_map_keeps_the_input_order(executor):
    items = list(range(-50, 50))
    assert list(executor.map(abs, items)) == [abs(i) for i in items]


class Tally:
    """Counts its own calls: a function whose state shows how often it was unpickled."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, item: int) -> int:
        self.calls += 1
        return self.calls


def test_a_pool_worker_keeps_the_function_across_chunks():
    calls = list(Local(2, chunksize=1).map(Tally(), range(40)))
    assert sum(calls) > 40, "a fresh copy for every chunk would count one call each"


def pid(_item: object) -> int:
    return os.getpid()


def test_by_default_a_pool_starts_only_for_a_full_window():
    """``Local()``: fewer items than one window of the pool run here; a full one on a pool
    of one worker per core (on one core, here too)."""
    cores = len(os.sched_getaffinity(0))
    local = Local(chunksize=2, ahead=1)
    assert set(local.map(pid, range(2 * cores - 1))) == {os.getpid()}
    assert (os.getpid() in set(local.map(pid, range(2 * cores)))) == (cores == 1)


def test_dask_build_is_byte_identical_to_the_local_build(sources, tmp_path):
    local, dask = copy(sources, tmp_path / "local"), copy(sources, tmp_path / "dask")
    first = build(local, executor=Local())
    second = build(dask, executor=Dask(workers=2, batch=4))
    assert first.documents == second.documents == 5 + SYNTHETIC
    assert second.rebuilt == second.documents
    ours, theirs = published(local), published(dask)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_dask_uses_a_running_scheduler():
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        executor = Dask(cluster.scheduler_address, batch=2)
        assert list(executor.map(int, ["3", "1", "2"])) == [3, 1, 2]


@pytest.mark.parametrize("executor", [Local(2, chunksize=2, ahead=1), Dask(workers=1, batch=2)])
def test_a_task_error_reaches_the_caller_and_the_workers_stop(executor):
    with pytest.raises(ValueError, match="invalid literal"):
        list(executor.map(int, ["1"] * 40 + ["three"] + ["2"] * 400))


def test_a_consumer_may_stop_early():
    results = Local(2, chunksize=2, ahead=1).map(abs, range(10_000))
    assert next(results) == 0
    results.close()  # returns: the pool's feeder is not left waiting for room


def test_shards_by_hash_prefix_build_to_parts_of_the_whole(sources, tmp_path):
    """How 50M documents are built (docs/scaling.md): shard the raw store by BLAKE3 prefix,
    build each shard anywhere; each table of the whole is the shards' tables end to end."""
    whole = copy(sources, tmp_path / "whole")
    build(whole)
    shards = []
    for n, wanted in enumerate((lambda b3: b3 < "8", lambda b3: b3 >= "8")):
        shard = copy(sources, tmp_path / f"shard{n}")
        raws = read_index(shard.raw_dir)
        for raw in raws:
            if not wanted(raw.blake3):
                raw_path(shard.raw_dir, raw.blake3).unlink()
        write_index(shard.raw_dir, [r for r in raws if wanted(r.blake3)])
        assert build(shard).documents > 0
        shards.append(shard)
    for table in schemas.tables():
        if table.name in across.TABLES:  # corpus-level: a shard alone links differently
            continue
        ours = (whole.data_dir / f"{table.name}.csv").read_bytes()
        parts = [(s.data_dir / f"{table.name}.csv").read_bytes() for s in shards]
        if table.name in REGISTRY_TABLES:
            assert parts == [ours, ours], table.name
        else:
            header, first = parts[0].split(b"\n", 1)
            rest = parts[1].split(b"\n", 1)[1]
            assert header + b"\n" + first + rest == ours, table.name


def test_cli_builds_with_dask(cli: CLI, sources, tmp_path):
    project = copy(sources, tmp_path / "cli")
    result = cli("build", "--root", project.root, "--executor", "dask", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert f"Built {5 + SYNTHETIC} documents" in result.output


def test_cli_refuses_a_scheduler_without_dask(cli: CLI, sources):
    result = cli("build", "--root", sources.root, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--scheduler needs --executor dask" in result.output
