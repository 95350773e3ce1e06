"""Byte-identical builds whatever the environment, and no drift from the committed tables.

Two builds from scratch, in real ``corpus`` processes that differ in everything that should
not matter (locale and its encoding, time zone, hash seed, working directory, the order and
grouping of ingests, worker processes), must publish the same bytes: every CSV, Parquet file,
``datapackage.json`` and ``metadata.yml``. And the committed tables must be what a build of
the committed raw store and registry gives today.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import REPO

from corpus.served import SERVED
from corpus.store import read_index
from pipeline.project import Project
from pipeline.publish.shards import MANIFEST

CORPUS = str(Path(sys.executable).with_name("corpus"))
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH: the recorded ingest time, the same for both


def captures(tmp_path: Path) -> list[Path]:
    """The repository's raw captures as files under their original names."""
    out = tmp_path / "captures"
    out.mkdir()
    for raw in read_index(REPO / "corpus" / "raw"):
        path = out / raw.original_name
        path.write_bytes((REPO / "corpus" / "raw" / raw.blake3[:2] / raw.blake3).read_bytes())
    return sorted(out.iterdir())


def corpus(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(
        [CORPUS, *args], cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, f"corpus {args}: {result.stderr}"


def init_like_the_repository(root: str, cwd: Path, env: dict[str, str]) -> None:
    """``corpus init`` with the repository's identity and registry: the bundled corpus is
    one project made this way."""
    who = json.loads((REPO / "corpus" / "project.json").read_text(encoding="utf-8"))
    licence = who["licenses"][0]["name"]
    options = ["--name", who["name"], "--title", who["title"], "--license", licence]
    options += ["--description", who["description"], "--registry", str(REPO / "corpus/registry")]
    corpus(["init", root, *options], cwd, env)
    # what `corpus init` does not ask for (keywords, contributors, the licence's own words)
    (Path(cwd) / root / "corpus" / "project.json").write_text(json.dumps(who), encoding="utf-8")


def build_a(tmp_path: Path, files: list[Path]) -> Path:
    """Sorted, one ingest, --root, C.UTF-8, UTC, hash seed 0, one process."""
    root = tmp_path / "a"
    env = {"LC_ALL": "C.UTF-8", "TZ": "UTC", "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": EPOCH}
    init_like_the_repository(str(root), tmp_path, env)
    corpus(["ingest", "--root", str(root), *map(str, files)], tmp_path, env)
    corpus(["build", "--root", str(root)], tmp_path, env)
    return root


def build_b(tmp_path: Path, files: list[Path]) -> Path:
    """Reversed, one ingest per file, found from a subdirectory, ASCII C locale, Tehran time,
    another hash seed, two worker processes."""
    root = tmp_path / "b"
    env = {
        "LC_ALL": "C",
        "PYTHONCOERCECLOCALE": "0",  # keep the C locale: the preferred encoding is ASCII
        "PYTHONUTF8": "0",
        "TZ": "Asia/Tehran",
        "PYTHONHASHSEED": "4242",
        "SOURCE_DATE_EPOCH": EPOCH,
    }
    init_like_the_repository("b", tmp_path, env)
    inside = root / "corpus" / "raw"
    for path in reversed(files):
        corpus(["ingest", str(path)], inside, env)
    corpus(["build", "--workers", "2"], inside, env)
    return root


def published(root: Path) -> dict[str, bytes]:
    """Every published file that must be byte-stable (the SQLite database is not)."""
    data = root / "corpus" / "data"
    files = {p.relative_to(root).as_posix(): p for p in data.iterdir() if p.suffix != ".db"}
    files |= {name: root / name for name in ("datapackage.json", "metadata.yml")}
    return {name: path.read_bytes() for name, path in sorted(files.items())}


def differences(old: dict[str, bytes], new: dict[str, bytes], labels: tuple[str, str]) -> str:
    """A short diff of each file that differs, for the failure message."""
    out = [f"only in one: {sorted(old.keys() ^ new.keys())}"] if old.keys() ^ new.keys() else []
    for name in sorted(old.keys() & new.keys()):
        if old[name] != new[name]:
            diff = difflib.unified_diff(
                old[name].decode(errors="replace").splitlines(),
                new[name].decode(errors="replace").splitlines(),
                *labels,
                lineterm="",
                n=0,
            )
            out.append(f"{name}:\n" + "\n".join(list(diff)[:12]))
    return "\n".join(out)


def test_builds_are_byte_identical_whatever_the_environment(tmp_path: Path) -> None:
    files = captures(tmp_path)
    with ThreadPoolExecutor(2) as pool:
        a, b = pool.submit(build_a, tmp_path, files), pool.submit(build_b, tmp_path, files)
        ours, theirs = published(a.result()), published(b.result())
    assert any(name.endswith(".parquet") for name in ours)
    assert ours == theirs, differences(ours, theirs, ("a", "b"))


def test_the_committed_tables_are_what_a_build_gives_today(built: Project) -> None:
    """The drift check: change a rule, the registry or a library, and rebuild before committing."""
    rebuilt = {
        k: v
        for k, v in published(built.root).items()
        if not k.endswith((".parquet", MANIFEST, SERVED))
    }
    committed = {name: (REPO / name).read_bytes() for name in rebuilt if (REPO / name).is_file()}
    assert committed == rebuilt, "run `corpus build` and commit corpus/data/:\n" + differences(
        committed, rebuilt, ("committed", "rebuilt")
    )


def test_corpus_verify_passes_on_the_committed_corpus() -> None:
    """The real command, on the repository itself, as CI runs it."""
    result = subprocess.run([CORPUS, "verify", "--root", str(REPO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("verify: ok")
