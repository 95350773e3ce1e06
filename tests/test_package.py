"""The package as a user gets it: ``python -m build``, then the wheel in a fresh venv.

The source is a copy of the repository with ``corpus build`` run in it first, since the
wheel ships the built Parquet and SQLite (``artifacts`` in ``pyproject.toml``). Every check
runs from an empty directory with the venv's own Python, so what it finds comes from the
wheel and not from this checkout. Prints the wheel's size and the import time (``-s``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from pipeline.build.run import build
from pipeline.project import Project

pytestmark = pytest.mark.slow

# What git ignores and a build does not need: the venv, caches, outputs (bench/out).
IGNORED = shutil.ignore_patterns(
    ".venv",
    ".git",
    "dist",
    "build",
    "out",
    "__pycache__",
    ".*_cache",
    ".cache",
    ".lock",
    ".staging-*",
)
CHECK = r"""
import importlib.util, json, sqlite3, sys, time
pandas = importlib.util.find_spec("pandas") is not None
t0 = time.perf_counter()
import corpus
imported = time.perf_counter() - t0
from corpus.store import blake3_hex
docs = corpus.load("documents") if pandas else corpus.rows("documents")
b3 = docs[0]["raw_blake3"] if isinstance(docs, list) else docs["raw_blake3"].iloc[0]
db = sqlite3.connect(corpus.sqlite_path())
print(json.dumps({
    "file": corpus.__file__,
    "import_seconds": imported,
    "pandas": pandas,
    "loaded": type(docs).__name__,
    "documents": len(docs),
    "tables": corpus.tables(),
    "raw_ok": blake3_hex(corpus.raw(b3)) == b3,
    "verify": corpus.verify().ok,
    "descriptor": corpus.descriptor()["name"],
    "csv": corpus.path("documents").is_file(),
    "parquet": corpus.path("documents", "parquet").is_file(),
    "sqlite_documents": db.execute("select count(*) from documents").fetchone()[0],
    "kept_dtype": str(corpus.load_frame("segments")["kept"].dtype) if pandas else "",
}))
"""


def _run(*args: object, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist and wheel built from a copy of the repository with its corpus built."""
    src = tmp_path_factory.mktemp("src") / "repo"
    shutil.copytree(REPO, src, ignore=IGNORED)
    build(Project(src))
    out = tmp_path_factory.mktemp("dist")
    # Plain `python -m build`, as users run it: the wheel is built from the sdist.
    _run(sys.executable, "-m", "build", "--outdir", out, src, cwd=src)
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with nothing but the wheel (and its one dependency)."""
    path = tmp_path_factory.mktemp("venv") / "venv"
    _run(sys.executable, "-m", "venv", path, cwd=path.parent)
    (wheel,) = dist.glob("*.whl")
    _run(path / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=path.parent)
    return path


def _check(venv: Path, cwd: Path) -> dict:
    return json.loads(_run(venv / "bin" / "python", "-c", CHECK, cwd=cwd))


def test_build_gives_an_sdist_and_a_wheel_with_the_data(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "corpus/__init__.py",
        "corpus/py.typed",
        "corpus/data/datapackage.json",
        "corpus/data/croissant.json",
        "corpus/data/documents.csv",
        "corpus/data/documents.parquet",
        "corpus/data/corpus.db",
        "corpus/raw/index.csv",
        "pipeline/_schemas/package.json",
        "pipeline/_schemas/queries/search.sql",
        "pipeline/site/templates/document.html",
        "pipeline/site/plugins/corpus_site.py",
        "pipeline/site/static/corpus.css",
    ):
        assert name in names, name
    assert sum(n.startswith("corpus/raw/") for n in names) == 6, "five captures and the index"
    assert not any("/.cache/" in n or n.endswith(".lock") for n in names)
    print(f"\nwheel {wheel.name}: {wheel.stat().st_size:,} bytes; sdist {sdist.stat().st_size:,}")


def test_wheel_in_a_fresh_venv_without_pandas(venv: Path, tmp_path: Path) -> None:
    shown = _run(
        venv / "bin" / "python",
        "-c",
        "import corpus; print(len(corpus.rows('documents')))",
        cwd=tmp_path,
    )
    assert shown == "5\n"
    load = [venv / "bin" / "python", "-c", "import corpus; corpus.load('documents')"]
    command = [venv / "bin" / "corpus", "--version"]
    for args, says in ((load, '[pandas]"'), (command, '[build]"')):
        done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert done.returncode == 1 and says in done.stderr.splitlines()[-1], done.stderr
    facts = _check(venv, tmp_path)
    assert Path(facts["file"]).is_relative_to(venv), "corpus comes from the wheel"
    assert not facts["pandas"] and facts["loaded"] == "list"
    assert facts["documents"] == 5 and facts["sqlite_documents"] == 5
    assert facts["tables"][:3] == ["raw_files", "outlets", "documents"]
    assert facts["raw_ok"] and facts["verify"] and facts["csv"] and facts["parquet"]
    assert facts["descriptor"] == "iran-russia-defence-corpus"
    times = [_check(venv, tmp_path)["import_seconds"] for _ in range(5)]
    print(f"\nimport corpus: {min(times) * 1000:.1f} ms (best of 5, fresh venv)")
    assert min(times) < 0.5


def test_wheel_with_pandas_loads_frames_from_parquet(venv: Path, tmp_path: Path) -> None:
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q"]
    _run(*pip, "-c", REPO / "constraints.txt", "pandas", "pyarrow", cwd=tmp_path)
    facts = _check(venv, tmp_path)
    assert facts["pandas"] and facts["loaded"] == "DataFrame" and facts["documents"] == 5
    assert facts["kept_dtype"] == "bool", "typed columns come from the shipped Parquet"
