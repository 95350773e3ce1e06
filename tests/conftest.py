"""Fixtures: a real corpus project built once per session, private copies to break, the CLI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from corpus.store import RawFile, blake3_hex, sha256_hex
from pipeline.cli import app
from pipeline.extract.model import Doc, Segment
from pipeline.extract.registry import Registry
from pipeline.project import PROJECT_FILE, Project

REPO = Path(__file__).resolve().parent.parent
NO_SKIPS = "CORPUS_NO_SKIPS"  # set by .ci/run: a test that would skip fails instead


def _no_skip(report: pytest.CollectReport | pytest.TestReport) -> None:
    """Under ``CORPUS_NO_SKIPS``, a skipped test or module is a failure that says why."""
    if report.skipped and os.environ.get(NO_SKIPS) and not hasattr(report, "wasxfail"):
        why = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, and {NO_SKIPS} is set (CI runs every test): {why}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    _no_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    _no_skip(outcome.get_result())


def copy_sources(root: Path) -> Project:
    """A project at ``root`` with the repository's raw store, registry and identity (nothing
    built)."""
    project = Project(root)
    shutil.copytree(REPO / "corpus" / "raw", project.raw_dir)
    shutil.copytree(REPO / "corpus" / "registry", project.registry_dir)
    shutil.copyfile(REPO / "corpus" / PROJECT_FILE, project.identity_path)
    return project


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The five seeds, built once for the whole session (read-only by convention)."""
    from pipeline.build.run import build

    project = copy_sources(tmp_path_factory.mktemp("built"))
    build(project)
    return project


@pytest.fixture
def project(built: Project, tmp_path: Path) -> Project:
    """A private copy of the built project, for tests that change or break it."""
    shutil.copytree(built.root, tmp_path / "project")
    return Project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_parts(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The five seeds built with at most 2 documents per part: every per-document table in
    16 parts, most of them header-only (read-only by convention)."""
    from pipeline.build.run import build

    project = copy_sources(tmp_path_factory.mktemp("built-parts"))
    build(project, part_size=2)
    return project


@pytest.fixture
def project_parts(built_parts: Project, tmp_path: Path) -> Project:
    """A private copy of the seeds built in parts, for tests that change or break it."""
    shutil.copytree(built_parts.root, tmp_path / "project")
    return Project(tmp_path / "project")


CLI = Callable[..., Result]


@pytest.fixture
def cli() -> CLI:
    """Run the real ``corpus`` command in-process: ``cli("build", "--root", path)``."""
    runner = CliRunner()

    def run(*args: object) -> Result:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def make_doc() -> Callable[..., Doc]:
    """A document of inline ``text``, as if ingested, for step tests on small inputs."""

    def make(text: str, media_type: str = "text/plain", captured: str = "2024-06-01") -> Doc:
        data = text.encode()
        stamp = f"{captured}T00:00:00Z"
        raw = RawFile(
            blake3_hex(data), sha256_hex(data), len(data), media_type, "utf-8", "inline", stamp
        )
        return Doc(raw, text)

    return make


@pytest.fixture(scope="session")
def repo_registry() -> Registry:
    """The repository's curated registry (outlets, gazetteer)."""
    return Registry(REPO / "corpus" / "registry")


Article = Callable[..., Doc]


@pytest.fixture(scope="session")
def make_article() -> Article:
    """A document from a title and body paragraphs, already segmented as the cleaner would.

    ``make_article("Title", "First paragraph.", ["A line that", "goes on."])``: a list is
    one paragraph whose later lines are ``joined`` segments.
    """

    def make(title: str, *paragraphs: str | list[str]) -> Doc:
        text, segments = title, [Segment(0, len(title), "title", False, "test")] if title else []
        for paragraph in paragraphs:
            for n, line in enumerate([paragraph] if isinstance(paragraph, str) else paragraph):
                text += "\n\n"
                start = len(text)
                text += line
                segments.append(Segment(start, len(text), "body", True, "test", n > 0))
        data = text.encode("utf-8")
        raw = RawFile(blake3_hex(data), sha256_hex(data), len(data), "text/plain", "utf-8", "t", "")
        return Doc(raw, text, segments)

    return make
