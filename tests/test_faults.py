"""Faults: a build or ingest killed with SIGKILL at any point, and two writers at once.

Real ``corpus`` processes, really killed; the published corpus must stay exactly as it was,
and still validate and verify.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLI, REPO, copy_sources

import corpus
from corpus.report import Report
from corpus.store import blake3_hex, read_index
from pipeline.checks.validate import validate
from pipeline.project import Project
from pipeline.publish.atomic import repair
from pipeline.raw.ingest import ingest

CORPUS = str(Path(sys.executable).with_name("corpus"))
LOCKED = "another corpus ingest or build is running"
PROGRESS = re.compile(r"Building:[^(]*\(\d+s\)")


def snapshot(project: Project) -> dict[str, str]:
    """BLAKE3 of every published file (the data directory and the root copies)."""
    files = sorted(p for p in project.data_dir.rglob("*") if p.is_file())  # parts included
    paths = [*files, project.root / "datapackage.json"]
    return {p.relative_to(project.root).as_posix(): blake3_hex(p.read_bytes()) for p in paths}


def start(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [CORPUS, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    """Poll (every 0.5 ms) until ``condition`` holds; fail if the process ends first."""
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, f"finished before the kill point: {process.stderr}"
        assert time.monotonic() < deadline, "kill point never reached"
        time.sleep(0.0005)


def said(stderr: str) -> list[str]:
    """The lines of ``stderr`` but the progress lines a build prints every 5 s of a long run."""
    return [line for line in stderr.splitlines() if not PROGRESS.fullmatch(line)]


def staged(project: Project, name: str = "") -> bool:
    return any((s / name).exists() for s in project.base.glob(".staging-*"))


def more_to_build(project: Project, tmp_path: Path) -> None:
    """A new capture, so that the next build has work to do and publishes something else."""
    capture = tmp_path / "extra.txt"
    capture.write_text((REPO / "tests" / "test_faults.py").read_text(encoding="utf-8"))
    assert ingest(project, [capture]).report.ok


@pytest.fixture(scope="module")
def valid(built: Project) -> list[tuple[str, ...]]:
    """What ``validate`` says of the intact corpus (the faults must not change a word of it)."""
    return located(validate(built))


def located(report: Report) -> list[tuple[str, ...]]:
    return [(p.check, p.table, p.key, p.column) for p in report.problems]


KILL_POINTS = {
    "staging created": lambda p: staged(p),
    "tables being written": lambda p: any(
        (s / "segments.csv").is_file() and (s / "segments.csv").stat().st_size > 0
        for s in p.base.glob(".staging-*")
    ),
    "database being built": lambda p: staged(p, "corpus.db"),
}


def kill_build(project: Project, tmp_path: Path, point: str) -> None:
    """Start a real ``corpus build`` with work to do, and SIGKILL it at ``point``."""
    more_to_build(project, tmp_path)
    process = start("build", "--root", project.root)
    wait_for(lambda: KILL_POINTS[point](project), process)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert staged(project), "killed mid-build: its staging directory is still there"


@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_mid_build_leaves_the_published_corpus_intact(
    project: Project, tmp_path: Path, point: str, valid: list[tuple[str, ...]]
) -> None:
    before = snapshot(project)
    kill_build(project, tmp_path, point)
    assert snapshot(project) == before
    assert located(validate(project)) == valid
    report = corpus.at(project.root).verify()
    assert report.ok and report.checked["raw files not yet built"] == 1


# A build killed at the swap itself: at the first thing it does to ``corpus/data`` (its path in
# an audit event's arguments, or looking up renameat2 for the exchange), or at the next thing
# it does after that. A build that replaced the directory any other way than in one step
# (delete, then rename) would leave it missing or half-removed here.
KILLED_AT_SWAP = """
import os, signal, sys
from pipeline.cli import main

moment, data = sys.argv.pop(1), sys.argv.pop(1)
touched = []

def hook(event, args):
    if touched:
        signal.raise_signal(signal.SIGKILL)
    paths = [os.fsdecode(a) for a in args if isinstance(a, (str, bytes, os.PathLike))]
    if data in paths or (event == "ctypes.dlsym" and "renameat2" in paths):
        if moment == "at":
            signal.raise_signal(signal.SIGKILL)
        touched.append(event)

sys.addaudithook(hook)
main()
"""


@pytest.mark.parametrize("moment", ["at", "after"])
def test_sigkill_at_the_swap_leaves_one_whole_version(
    project: Project, tmp_path: Path, moment: str, cli: CLI
) -> None:
    before = snapshot(project)
    more_to_build(project, tmp_path)
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILLED_AT_SWAP,
            moment,
            project.data_dir,
            "build",
            "--root",
            project.root,
        ],
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    published = corpus.at(project.root)
    assert published.verify().ok
    if moment == "at":
        assert snapshot(project) == before
        assert len(published.rows("documents")) == 5
    else:
        assert len(published.rows("documents")) == 6
    rebuilt = cli("build", "--root", project.root)
    assert rebuilt.exit_code == 0, rebuilt.output
    left = [p.name for p in project.base.glob(".*") if p.name not in (".cache", ".lock")]
    assert not left, "what the kill left is cleared"
    assert not any(p.check == "package" for p in validate(project).problems), "root copies"


def test_a_full_disk_stops_a_build_in_one_line_and_leaves_nothing(
    project: Project, tmp_path: Path
) -> None:
    """A file size limit (RLIMIT_FSIZE) stands for the full disk: the same writes fail."""
    before = snapshot(project)
    more_to_build(project, tmp_path)
    error = _build_out_of_room(project, 100_000)  # smaller than the database and largest tables
    assert error.startswith(f"Error: {project.base}: no room to write the build (")
    assert snapshot(project) == before


def test_a_full_disk_on_a_first_build_is_one_line_too(tmp_path: Path) -> None:
    """A first build's first large write (py3langid unpacking its model, before the cache's
    copy of it) does not fit: an error from a library's own temporary file, said the same way.
    """
    project = copy_sources(tmp_path / "fresh")
    assert "no room to write the build" in _build_out_of_room(project, 1_000_000)


def _build_out_of_room(project: Project, limit: int) -> str:
    """``corpus build`` with files limited to ``limit`` bytes: its one line of error, checked
    to leave no temporary or staging folder behind."""
    full = subprocess.run(
        [CORPUS, "build", "--root", project.root],
        capture_output=True,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
    )
    assert full.returncode == 2
    [error] = said(full.stderr)
    assert not [p for p in project.base.rglob(".*") if p.name.startswith((".tmp", ".staging"))]
    return error
    assert not project.data_dir.exists()


def test_after_a_kill_the_next_build_cleans_up_and_publishes(
    project: Project, tmp_path: Path, cli: CLI
) -> None:
    kill_build(project, tmp_path, "tables being written")
    rebuilt = cli("build", "--root", project.root)  # the lock died with the process
    assert rebuilt.exit_code == 0, rebuilt.output
    assert not staged(project), "the next build clears what the killed one left"
    assert corpus.at(project.root).verify().ok
    assert len(corpus.at(project.root).rows("documents")) == len(read_index(project.raw_dir))


def test_sigkill_mid_ingest_leaves_the_store_untouched(project: Project, tmp_path: Path) -> None:
    captures = tmp_path / "many"
    captures.mkdir()
    for i in range(100):
        (captures / f"{i:03}.txt").write_text(f"Capture {i}.\n" * 2000, encoding="utf-8")
    index = (project.raw_dir / "index.csv").read_bytes()
    files = sorted(p for p in project.raw_dir.rglob("*"))
    process = start("ingest", "--root", project.root, captures)
    wait_for(lambda: any(any(t.iterdir()) for t in project.base.glob(".ingest-*")), process)
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert (project.raw_dir / "index.csv").read_bytes() == index
    assert sorted(p for p in project.raw_dir.rglob("*")) == files
    assert corpus.at(project.root).verify().ok
    again = subprocess.run([CORPUS, "ingest", "--root", project.root, captures], text=True)
    assert again.returncode == 0
    assert not list(project.base.glob(".ingest-*")), (
        "the next ingest clears the killed one's copies"
    )


def test_a_second_writer_is_refused_while_a_build_runs(
    project: Project, tmp_path: Path, cli: CLI
) -> None:
    more_to_build(project, tmp_path)
    first = start("build", "--root", project.root)
    wait_for(lambda: staged(project), first)
    other = tmp_path / "other.txt"
    other.write_text("Another capture.\n", encoding="utf-8")

    ingest = cli("ingest", "--root", project.root, other)  # this process, while the other builds
    build = cli("build", "--root", project.root)
    assert first.wait() == 0, first.stderr
    assert (ingest.exit_code, build.exit_code) == (2, 2)
    for stderr in (ingest.stderr, build.stderr):
        assert stderr.startswith(f"Error: {project.root}: {LOCKED}")
        assert stderr.count("\n") == 1, "one line"
    assert "other.txt" not in {r.original_name for r in read_index(project.raw_dir)}
    assert corpus.at(project.root).verify().ok


def test_two_ingests_at_once_the_second_refuses(project: Project, tmp_path: Path, cli: CLI) -> None:
    captures = tmp_path / "many"
    captures.mkdir()
    for i in range(50):
        (captures / f"{i:03}.txt").write_text(f"Capture {i}.\n" * 2000, encoding="utf-8")
    first = start("ingest", "--root", project.root, captures)
    wait_for(lambda: any(project.base.glob(".ingest-*")), first)
    first.send_signal(signal.SIGSTOP)  # holding the lock, mid-ingest, however loaded the machine
    try:
        second = cli("ingest", "--root", project.root, captures)
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait() == 0
    assert second.exit_code == 2 and LOCKED in second.stderr
    assert len(read_index(project.raw_dir)) == 5 + 50
    assert corpus.at(project.root).verify().ok


def test_repair_puts_back_a_data_directory_left_mid_exchange(project: Project) -> None:
    """Where renameat2 is missing, publishing is two renames; a kill between leaves .old-data."""
    before = snapshot(project)
    project.data_dir.rename(project.base / ".old-data")
    repair(project)
    assert snapshot(project) == before


def test_repair_rewrites_a_stale_root_descriptor(
    project: Project, tmp_path: Path, valid: list[tuple[str, ...]]
) -> None:
    """A kill between the exchange and the root copies leaves them stale; the next run fixes it."""
    root = project.root / "datapackage.json"
    good = root.read_bytes()
    root.write_text("{}\n", encoding="utf-8")
    published = (project.data_dir / "datapackage.json").stat().st_mtime_ns
    os.utime(root, ns=(published - 1, published - 1))  # written before the exchange
    assert ("package", "", "", "") in located(validate(project))
    assert ingest(project, [tmp_path / "nothing-here"]).report.problems  # refused, yet repaired
    assert root.read_bytes() == good
    assert located(validate(project)) == valid


def test_a_corpus_published_by_an_older_release_rebuilds(project: Project, cli: CLI) -> None:
    """Its descriptor lacks what this release writes (``version``): repair leaves the root
    copies to the build instead of failing to derive them from it."""
    path = project.data_dir / "datapackage.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    del old["version"]
    path.write_text(json.dumps(old), encoding="utf-8")
    (project.root / "croissant.json").unlink()  # a root copy is stale: repair would write it
    result = cli("build", "--root", project.root)
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text(encoding="utf-8"))["version"]
    assert cli("verify", "--root", project.root).exit_code == 0
