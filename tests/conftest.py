"""Fixtures: a real corpus project built once per session, private copies to break, the CLI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.project import Project

REPO = Path(__file__).resolve().parent.parent


def copy_sources(root: Path) -> Project:
    """A project at ``root`` with the repository's raw store and registry (nothing built)."""
    project = Project(root)
    shutil.copytree(REPO / "corpus" / "raw", project.raw_dir)
    shutil.copytree(REPO / "corpus" / "registry", project.registry_dir)
    return project


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The five seeds, built once for the whole session (read-only by convention)."""
    from pipeline.build import build

    project = copy_sources(tmp_path_factory.mktemp("built"))
    build(project)
    return project


@pytest.fixture
def project(built: Project, tmp_path: Path) -> Project:
    """A private copy of the built project, for tests that change or break it."""
    shutil.copytree(built.root, tmp_path / "project")
    return Project(tmp_path / "project")


CLI = Callable[..., Result]


@pytest.fixture
def cli() -> CLI:
    """Run the real ``corpus`` command in-process: ``cli("build", "--root", path)``."""
    runner = CliRunner()

    def run(*args: object) -> Result:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run
