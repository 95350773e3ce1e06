"""The CI workflow and pre-commit hooks a fork gets: they run the real checks, and pass."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tomllib

import yaml
from conftest import REPO

from pipeline.project import Project

CHECKS = ("corpus validate", "corpus verify", "frictionless validate")


def test_workflow_builds_then_runs_every_check_and_the_tests() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/corpus.yml").read_text(encoding="utf-8"))
    runs = [s.get("run", "") for s in workflow["jobs"]["check"]["steps"]]
    text = "\n".join(runs)
    assert text.index("corpus build") < min(text.index(c) for c in CHECKS)
    assert "mlcroissant validate --jsonld croissant.json" in text
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert {"build", "dev"} <= extras.keys() and '-c constraints.txt -e ".[build,dev]"' in text
    assert runs[-1].startswith("python -m pytest"), "the tests run last, on the built corpus"


def test_pre_commit_hooks_pass_on_a_built_corpus(built: Project) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    entries = [h["entry"] for h in hooks]
    assert all(any(e.startswith(c) for e in entries) for c in CHECKS)
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}"}
    for hook in hooks:
        run = subprocess.run(
            shlex.split(hook["entry"]), cwd=built.root, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, f"{hook['id']}: {run.stdout[-1500:]}{run.stderr[-1500:]}"


def test_the_code_passes_the_linter_as_make_lint_runs_it() -> None:
    """``make lint`` (ruff's checks and formatting, configured in pyproject.toml) runs in CI
    through this test, so a commit cannot land with either failing."""
    for args in (["check"], ["format", "--check"]):
        run = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "."], cwd=REPO, capture_output=True, text=True
        )
        assert run.returncode == 0, f"ruff {' '.join(args)}: {run.stdout[-2000:]}{run.stderr}"


def test_the_code_type_checks_as_make_lint_runs_it() -> None:
    """The type hints hold: mypy (configured in pyproject.toml) finds no error in the library,
    the pipeline or the benchmarks."""
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "corpus", "pipeline", "bench"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, f"mypy: {run.stdout[-3000:]}{run.stderr[-1000:]}"


def test_ci_fails_without_a_browser_rather_than_skipping_its_test(tmp_path) -> None:
    """``.ci/run`` stops (before touching the venv) when chromium cannot be installed."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dirname").symlink_to(shutil.which("dirname"))
    (bin_dir / "apt-get").write_text("#!/bin/sh\nexit 100\n")
    (bin_dir / "apt-get").chmod(0o755)
    run = subprocess.run(
        [shutil.which("bash"), str(REPO / ".ci" / "run")],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "CI needs Debian's chromium" in run.stderr


def test_a_skip_fails_when_ci_asks_for_every_test(tmp_path) -> None:
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\ndef test_skipped():\n    pytest.skip('no browser')\n"
    )
    (tmp_path / "test_module_skips.py").write_text(
        "import pytest\n\npytest.importorskip('no_such_module_here')\n"
    )
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "conftest",
        "-q",
        "--continue-on-collection-errors",
        str(tmp_path),
    ]
    env = {k: v for k, v in os.environ.items() if k != "CORPUS_NO_SKIPS"}  # CI sets it
    env["PYTHONPATH"] = str(REPO / "tests")
    relaxed = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp_path)
    assert relaxed.returncode == 0, relaxed.stdout
    env["CORPUS_NO_SKIPS"] = "1"
    strict = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp_path)
    assert strict.returncode == 1
    assert "CORPUS_NO_SKIPS is set (CI runs every test): Skipped: no browser" in strict.stdout
    assert "no_such_module_here" in strict.stdout
