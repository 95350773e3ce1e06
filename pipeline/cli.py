"""The ``corpus`` command: a thin layer over the pipeline's functions.

Exit codes: 0 success; 1 the corpus or an input has problems (all of them are reported);
2 the command was used wrongly (unknown option, not in a corpus project, ...).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from corpus.api import at
from corpus.report import Report
from corpus.store import iter_index
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


@contextmanager
def _progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar (a pulsing one without ``total``) on stderr while a terminal watches."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)


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


class ExecutorName(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def build(
    root: Root = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes (of the local pool, or of a Dask LocalCluster); "
            "default: one per core, where there are enough documents to share.",
        ),
    ] = None,
    executor: Annotated[
        ExecutorName, typer.Option(help="Where the steps run: this machine, or a Dask cluster.")
    ] = ExecutorName.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a running Dask scheduler (tcp://HOST:8786); "
            "default: a LocalCluster of --workers."
        ),
    ] = None,
    part_size: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Documents per part, at most on average: a larger corpus publishes each "
            "per-document table as 16, 256, ... parts by BLAKE3 prefix. "
            "Default: the last build's, else 4,000.",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Run the pipeline over the raw store and publish the tables atomically."""
    import json

    from pipeline.build import build as run
    from pipeline.executors import Dask, Executor, Local

    if scheduler and executor is not ExecutorName.dask:
        _fail("--scheduler needs --executor dask")
    if executor is ExecutorName.dask and find_spec("distributed") is None:
        _fail('--executor dask needs the dask extra: pip install "<this package>[build,dask]"')
    chosen: Executor = Dask(scheduler, workers) if executor is ExecutorName.dask else Local(workers)
    project = _project(root)
    try:
        # the bar's total, only for a terminal: counting 1M records takes a second
        total = sum(1 for _ in iter_index(project.raw_dir)) if sys.stderr.isatty() else None
        with _progress("Building", total) as advance:
            result = run(project, executor=chosen, progress=advance, part_size=part_size)
    except ProjectError as e:
        _fail(str(e))
    if as_json:
        typer.echo(json.dumps(result.__dict__, indent=2))
        return
    typer.echo(
        f"Built {result.documents} documents ({result.rebuilt} rebuilt, {result.reused} reused) "
        f"in {result.seconds:.2f}s: " + ", ".join(f"{n} {name}" for name, n in result.rows.items())
    )
    rerun = [f"{name} {n['rebuilt']}" for name, n in result.stages.items() if n["rebuilt"]]
    if rerun:
        typer.echo("Steps re-run (documents): " + ", ".join(rerun))


@app.command()
def validate(
    root: Root = None,
    fast: Annotated[
        bool,
        typer.Option(
            "--fast",
            help="Only the Table Schema checks, vectorised with Arrow (types, constraints, keys, "
            "hashes): for large corpora. Without it, pandera and frictionless (the reference).",
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Check the published tables against their schemas (pandera and frictionless)."""
    if fast:
        from pipeline.tablecheck import validate as check

        _report(check(_project(root).data_dir), as_json)
        return
    from pipeline.validate import validate as run

    project = _project(root)
    with _progress("Validating"):
        report = run(project)
    _report(report, as_json)


@app.command()
def verify(
    root: Root = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes for a corpus in parts over 32 MB (each holds one shard; "
            "memory grows with them).",
        ),
    ] = 1,
    rederive: Annotated[
        bool,
        typer.Option(
            "--rederive",
            help="Also build the raw files again in a scratch directory and compare every "
            "table cell by cell (catches a derived value forged with its hashes).",
        ),
    ] = False,
    sample: Annotated[
        int | None,
        typer.Option(min=1, help="With --rederive: re-derive only N raw files, chosen by --seed."),
    ] = None,
    seed: Annotated[int, typer.Option(help="With --sample: the random seed.")] = 0,
    as_json: Json = False,
) -> None:
    """Re-hash every raw file and re-slice every span of every table."""
    project = _project(root)
    if sample is not None and not rederive:
        _fail("--sample needs --rederive")
    with _progress("Verifying"):
        report = at(project.root).verify(workers)
    if rederive:
        from pipeline.rederive import Refused
        from pipeline.rederive import rederive as run

        try:
            with _progress("Re-deriving"):
                report.extend(run(project, sample, seed, workers))
        except (Refused, ProjectError) as e:
            _fail(f"cannot re-derive: {e}")
    _report(report, as_json)


@app.command()
def info(root: Root = None, as_json: Json = False) -> None:
    """Counts, date range, outlets and last build of the published corpus."""
    import json

    from pipeline.info import info as run
    from pipeline.info import lines

    try:
        facts = run(_project(root))
    except ProjectError as e:
        _fail(str(e))
    typer.echo(json.dumps(facts, indent=2) if as_json else "\n".join(lines(facts)))


@app.command()
def serve(
    root: Root = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
) -> None:
    """Build if needed, then browse the corpus in Datasette."""
    from pipeline.publish import database_current
    from pipeline.serve import serve as run

    project = _project(root)
    if not database_current(project.data_dir):  # missing, or not of the published tables
        build(root=project.root, as_json=False)
    _refuse_unpublished(project)
    typer.echo(f"Serving {project.data_dir / 'corpus.db'} on http://{host}:{port}/", err=True)
    run(project, host, port)


def _refuse_unpublished(project: Project) -> None:
    """Serve only the database and metadata the build published (their hashes in served.json)."""
    from corpus.api import SQLITE_NAME
    from corpus.served import SERVED, check
    from pipeline.served import served_intact

    for name in (SQLITE_NAME, "metadata.yml"):
        if not served_intact(project.data_dir, name):
            problems = check(project.data_dir, (name,)).problems
            why = str(problems[0]) if problems else f"{name} is not in {SERVED}"
            _fail(f"refusing to serve {project.data_dir}: {why}; run `corpus build`", 1)


export = typer.Typer(help="Write the corpus in other formats.", no_args_is_help=True)
app.add_typer(export, name="export")


@export.command("prov")
def export_prov(
    root: Root = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE (default: stdout).")
    ] = None,
) -> None:
    """The lineage as W3C PROV-JSON: raw files, ingest and build, steps, tables, agents."""
    from pipeline.prov import export as run

    try:
        text = run(at(_project(root).root), output)
    except FileNotFoundError as e:
        _fail(f"{e.filename} is missing: nothing is published yet; run `corpus build`")
    if output is None:
        typer.echo(text, nl=False)


def main() -> None:
    sys.exit(app())
