"""The ``corpus`` command: a thin layer over the pipeline's functions.

Exit codes: 0 success; 1 the corpus or an input has problems (all of them are reported);
2 the command was used wrongly (unknown option, not in a corpus project, ...).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from corpus.api import at
from corpus.report import Report
from pipeline.project import Project, ProjectError, find

app = typer.Typer(
    help="Build, validate, verify and serve a provenance-tracking news corpus.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Root = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Corpus project directory (default: the one containing the current directory).",
        file_okay=False,
    ),
]
SHOWN = 50  # problems printed before "... and N more"; --json prints all
Json = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def _project(root: Path | None) -> Project:
    try:
        return Project(root.resolve()) if root else find()
    except ProjectError as e:
        _fail(str(e))


def _report(report: Report, as_json: bool) -> None:
    """Print ``report`` (human or JSON) and exit 1 if it found problems."""
    if as_json:
        typer.echo(report.to_json())
    else:
        for problem in report.problems[:SHOWN]:
            typer.echo(str(problem), err=True)
        if len(report.problems) > SHOWN:
            more = len(report.problems) - SHOWN
            typer.echo(f"... and {more} more problem(s); --json lists them all", err=True)
        typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def init(directory: Annotated[Path, typer.Argument(help="Where to create the project.")]) -> None:
    """Create a new, empty corpus project in DIRECTORY."""
    from pipeline.project import init as make

    try:
        project = make(directory)
    except ProjectError as e:
        _fail(str(e))
    typer.echo(f"Created an empty corpus project in {project.root}")
    typer.echo(
        f"Next: corpus ingest --root {directory} CAPTURES...; corpus build --root {directory}"
    )


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories of captures.")],
    root: Root = None,
    as_json: Json = False,
) -> None:
    """Hash captures (BLAKE3), copy them into the raw store and record them."""
    from pipeline.ingest import ingest as run

    project = _project(root)
    try:
        result = run(project, paths)
    except ProjectError as e:
        _fail(str(e))
    if result.report.ok and not as_json:
        typer.echo(f"{len(result.added)} added, {len(result.existing)} already stored")
        return
    _report(result.report, as_json)


@app.command()
def build(
    root: Root = None,
    workers: Annotated[int, typer.Option(help="Worker processes for the local executor.")] = 1,
    as_json: Json = False,
) -> None:
    """Run the pipeline over the raw store and publish the tables atomically."""
    import json

    from pipeline.build import build as run
    from pipeline.executors import Local

    project = _project(root)
    try:
        result = run(project, executor=Local(workers))
    except ProjectError as e:
        _fail(str(e))
    if as_json:
        typer.echo(json.dumps(result.__dict__, indent=2))
        return
    typer.echo(
        f"Built {result.documents} documents ({result.rebuilt} rebuilt, {result.reused} reused) "
        f"in {result.seconds:.2f}s: " + ", ".join(f"{n} {name}" for name, n in result.rows.items())
    )


@app.command()
def validate(root: Root = None, as_json: Json = False) -> None:
    """Check the published tables against their schemas (pandera and frictionless)."""
    from pipeline.validate import validate as run

    _report(run(_project(root)), as_json)


@app.command()
def verify(root: Root = None, as_json: Json = False) -> None:
    """Re-hash every raw file and re-slice every span of every table."""
    project = _project(root)
    _report(at(project.root).verify(), as_json)


@app.command()
def serve(
    root: Root = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
) -> None:
    """Build if needed, then browse the corpus in Datasette."""
    from pipeline.serve import serve as run

    project = _project(root)
    if not (project.data_dir / "corpus.db").exists():
        build(root=project.root, workers=1, as_json=False)
    typer.echo(f"Serving {project.data_dir / 'corpus.db'} on http://{host}:{port}/", err=True)
    run(project, host, port)


def main() -> None:
    sys.exit(app())
