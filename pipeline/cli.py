"""The ``corpus`` command: a thin layer over the pipeline's functions.

Exit codes: 0 success; 1 the corpus or an input has problems (all of them are reported), or
the port to serve on is taken; 2 the command was used wrongly (unknown option, a bad port,
not a corpus project, nothing published yet, ...), as in git, datasette and sqlite-utils.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from corpus.api import at
from corpus.report import Report
from corpus.store import iter_index
from pipeline import console
from pipeline.project import Project, ProjectError

if TYPE_CHECKING:
    from pipeline.raw.ingest import IngestResult

HIDDEN = "hidden skipped"  # pipeline.raw.ingest's reason, named here so the CLI imports light

app = typer.Typer(
    help="Build, validate, verify and serve a provenance-tracking news corpus.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from corpus import __version__

        typer.echo(f"corpus {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Build, validate, verify and serve a provenance-tracking news corpus."""


Root = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Corpus project directory (default: the one containing the current directory).",
        file_okay=False,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def _project(root: Path | None) -> Project:
    """The project at ``root`` (which must be one), else the one around the current directory."""
    try:
        return console.project(root)
    except console.UsageError as e:
        _fail(str(e), e.code)


def _published(root: Path | None) -> Project:
    """The project, which must have published tables (a usage error otherwise, as in git)."""
    try:
        return console.published(root)
    except console.UsageError as e:
        _fail(str(e), e.code)


class _Progress:
    """Progress on stderr: a rich bar labelled with the phase while a terminal watches; else,
    once the work has taken ``every`` seconds, a plain line every ``every`` seconds (CI logs)."""

    def __init__(self, bar: Any, label: str, total: int | None, every: float = 5.0) -> None:
        self._bar, self._label, self._every = bar, label, every
        self._task = bar.add_task(label, total=total) if bar is not None else None
        self._done, self._phase, self._started = 0, "", time.monotonic()
        self._stop = threading.Event()
        if bar is None:
            threading.Thread(target=self._beat, daemon=True).start()

    def advance(self, n: int) -> None:
        self._done += n
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def phase(self, label: str) -> None:
        self._phase = label
        if self._bar is not None:
            self._bar.update(self._task, description=f"{self._label}: {label}")

    def close(self) -> None:
        self._stop.set()

    def _beat(self) -> None:
        while not self._stop.wait(self._every):
            done = f", {self._done:,} documents" if self._done else ""
            seconds = time.monotonic() - self._started
            phase = f" {self._phase}" if self._phase else ""
            typer.echo(f"{self._label}:{phase}{done} ({seconds:.0f}s)", err=True)


@contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[_Progress]:
    """Progress for a long step (see :class:`_Progress`)."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    if not console.is_terminal:
        shown = _Progress(None, label, total)
        try:
            yield shown
        finally:
            shown.close()
        return
    with Progress(console=console, transient=True) as bar:
        yield _Progress(bar, label, total)


def _report(report: Report, as_json: bool) -> None:
    """Print ``report`` (human or JSON) and exit 1 if it found problems."""
    for line, err in console.report_lines(report, as_json):
        typer.echo(line, err=err)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the project.")],
    name: Annotated[
        str | None,
        typer.Option(help="The corpus's name: lowercase letters, digits, . _ - (default: DIR's)."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Its title (default: the name).")] = None,
    license: Annotated[
        str | None, typer.Option(help="SPDX id of the tables' licence, e.g. CC-BY-4.0.")
    ] = None,
    description: Annotated[str, typer.Option(help="One paragraph on what it holds.")] = "",
    registry: Annotated[
        str,
        typer.Option(
            help="A registry directory to copy (outlets, gazetteer), or 'none': an empty one "
            "(the language files only)."
        ),
    ] = "none",
) -> None:
    """Create a new, empty corpus project in DIRECTORY with its own name, title and licence."""
    from pipeline.project import identity, slug
    from pipeline.project import init as make

    label = directory.resolve().name
    title, description = _utf8(title, "--title"), _utf8(description, "--description") or ""
    try:
        who = identity(name or slug(label), title or name or label, license, description)
        project = make(directory, who, None if registry == "none" else Path(registry))
    except ProjectError as e:
        _fail(str(e))
    typer.echo(f"Created an empty corpus project {who['name']!r} in {project.root}")
    typer.echo(
        f"Next: corpus ingest --root {directory} CAPTURES...; corpus build --root {directory}"
    )


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,  # checked by ingest, which reports every problem, not click's first
        typer.Argument(
            help="Files or directories of captures; WARC files and WACZ packages record by record.",
            readable=False,
            show_default=False,
        ),
    ] = None,
    root: Root = None,
    max_size: Annotated[
        str,
        typer.Option(
            metavar="SIZE", help="Refuse a capture larger than this (10MB, 500kB, 2GB, bytes)."
        ),
    ] = "10MB",
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="LABEL",
            help="Every file's encoding (e.g. windows-1251), instead of detecting it; "
            "recorded for files already stored too.",
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="Where the capture came from.")
    ] = None,
    captured_at: Annotated[
        str | None,
        typer.Option(
            metavar="TIME", help="When it was captured: ISO 8601 with a zone (2024-03-01T09:30Z)."
        ),
    ] = None,
    rights: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Licence or rights statement of every capture given."),
    ] = None,
    meta: Annotated[
        Path | None,
        typer.Option(
            "--meta",
            metavar="CSV",
            dir_okay=False,
            help="Sidecar CSV: path (from the CSV's folder), source_url, captured_at, rights; "
            "its files are ingested too.",
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="In folders, only files matching (repeatable)."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="In folders, not files matching (repeatable)."),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid", help="Store what can be, list what is refused (else store nothing)."
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Hash captures (BLAKE3), copy them into the raw store and record them.

    In folders, hidden names (starting with a dot) are skipped and symbolic links refused.
    """
    from pipeline.raw.charset import codec
    from pipeline.raw.ingest import Select, parse_size
    from pipeline.raw.ingest import ingest as run
    from pipeline.raw.sidecar import Source, utc

    if not paths and meta is None:
        _fail("nothing to ingest: give files or folders, or --meta CSV")
    project = _project(root)
    try:
        limit = parse_size(max_size)
    except ValueError as e:
        _fail(f"--max-size: {e}")
    if encoding is not None and codec(encoding) is None:
        _fail(f"--encoding: unknown encoding {encoding!r}")
    try:
        when = utc(captured_at) if captured_at else ""
    except ValueError as e:
        _fail(f"--captured-at: {e}")
    source = Source(url or "", when, rights or "")
    select = Select(tuple(include or ()), tuple(exclude or ()))
    try:
        result = run(
            project, paths or [], max_size=limit, encoding=encoding, source=source,
            sidecar=meta, select=select, skip_invalid=skip_invalid,
        )  # fmt: skip
    except ProjectError as e:
        _fail(str(e))
    if as_json:
        typer.echo(result.report.to_json())
    else:
        for problem in result.report.problems:
            typer.echo(str(problem), err=True)
        typer.echo(_ingested(result, skip_invalid), err=not result.report.ok)
    if not result.report.ok and not skip_invalid:
        raise typer.Exit(1)


def _ingested(result: IngestResult, skip_invalid: bool) -> str:
    """The one-line summary of an ingest: stored, refused, skipped."""
    refused = len(result.report.problems)
    if refused and not skip_invalid:
        total = result.report.checked.get("captures", 0) + refused
        return (
            f"Nothing was stored: {refused} of {total} refused (listed above); "
            "fix them, or --skip-invalid to store the rest"
        )
    line = f"{len(result.added)} added, {len(result.existing)} already stored"
    if result.reencoded:
        line += f" ({len(result.reencoded)} now recorded as {result.reencoded[0].encoding})"
    if result.updated:
        line += f" ({len(result.updated)} with their source recorded anew)"
    if refused:
        line += f"; {refused} refused (listed above)"
    for why, n in sorted(result.skipped.items()):
        line += f"; {n} {why}"
        if why == HIDDEN:
            names = sorted(p.name for p in result.hidden)
            line += " (" + ", ".join(names[:3]) + (", ..." if len(names) > 3 else "") + ")"
    return line


@app.command()
def remove(
    captures: Annotated[
        list[str], typer.Argument(help="BLAKE3s of captures, or files with the same bytes.")
    ],
    reason: Annotated[str, typer.Option(help="Why, as the record will say it.")] = "",
    root: Root = None,
    as_json: Json = False,
) -> None:
    """Withdraw captures: recorded with the time and reason, left out of every later build."""
    from pipeline.raw.remove import remove as run

    project = _project(root)
    try:
        result = run(project, captures, reason)
    except ProjectError as e:
        _fail(str(e))
    if result.report.ok and not as_json:
        typer.echo(
            f"{len(result.removed)} withdrawn, {len(result.already)} withdrawn before; "
            f"run `corpus build` to publish without them"
        )
        return
    _report(result.report, as_json)


def _utf8(value: str | None, option: str) -> str | None:
    """An argument as its UTF-8 text, whatever the locale decoded it as (a C locale leaves
    the bytes of "–" as surrogates, which no file can hold)."""
    if value is None:
        return None
    try:
        return os.fsencode(value).decode("utf-8")
    except UnicodeDecodeError:
        _fail(f"{option} is not UTF-8 text")


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

    from pipeline.build.executors import Dask, Executor, Local
    from pipeline.build.run import Refused
    from pipeline.build.run import build as run
    from pipeline.publish.atomic import no_room

    if scheduler and executor is not ExecutorName.dask:
        _fail("--scheduler needs --executor dask")
    if executor is ExecutorName.dask and find_spec("distributed") is None:
        _fail('--executor dask needs the dask extra: pip install "<this package>[build,dask]"')
    chosen: Executor = Dask(scheduler, workers) if executor is ExecutorName.dask else Local(workers)
    project = _project(root)
    try:
        # the bar's total, only for a terminal: counting 1M records takes a second
        total = sum(1 for _ in iter_index(project.raw_dir)) if sys.stderr.isatty() else None
        with _progress("Building", total) as shown:
            result = run(
                project,
                executor=chosen,
                progress=shown.advance,
                part_size=part_size,
                phase=shown.phase,
            )
    except ProjectError as e:
        _fail(str(e))
    except Refused as e:  # the staged tables would not validate: nothing was published
        typer.echo(f"Error: {e}; nothing was published", err=True)
        _report(e.report, as_json)
    except (OSError, sqlite3.Error) as e:  # a full disk: said in one line, nothing half-written
        if not no_room(e):
            raise
        _fail(
            f"{project.base}: no room to write the build ({e}); nothing half-written was published"
        )
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
    project = _published(root)
    if fast:
        from pipeline.checks.tablecheck import validate as check

        _report(check(project.data_dir), as_json)
        return
    from pipeline.checks.validate import validate as run

    with _progress("Validating"):
        report = run(project)
    _report(report, as_json)


@app.command()
def verify(
    root: Root = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes for a corpus in parts (each holds one shard; memory grows "
            "with them). Default: one per core over 32 MB, else one.",
            show_default=False,
        ),
    ] = None,
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
    project = _published(root)
    if sample is not None and not rederive:
        _fail("--sample needs --rederive")
    with _progress("Verifying"):
        report = at(project.root).verify(workers)
    if rederive:
        from pipeline.checks.rederive import Refused
        from pipeline.checks.rederive import rederive as run

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

    from pipeline.site.info import info as run
    from pipeline.site.info import lines

    try:
        facts = run(_project(root))
    except ProjectError as e:
        _fail(str(e))
    typer.echo(json.dumps(facts, indent=2) if as_json else "\n".join(lines(facts)))


@app.command()
def serve(
    root: Root = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free one).")] = 8001,
) -> None:
    """Build if needed, then browse the corpus in Datasette."""
    from pipeline.publish.atomic import database_current
    from pipeline.site.serve import PortError, listen
    from pipeline.site.serve import serve as run

    if not 0 <= port <= 65535:
        _fail(f"--port {port}: a port is a number from 0 to 65535")
    project = _project(root)
    try:
        sock = listen(host, port)  # before building: a busy port says so at once
    except PortError as e:
        _fail(str(e), 1)
    try:
        if not database_current(project.data_dir):  # missing, or not of the published tables
            build(root=project.root, as_json=False)
        _refuse_unpublished(project)
    except BaseException:  # a refusal (typer.Exit included) lets the port go
        sock.close()
        raise
    port = sock.getsockname()[1]
    typer.echo(f"Serving {project.data_dir / 'corpus.db'} on http://{host}:{port}/", err=True)
    run(project, sock)


def _refuse_unpublished(project: Project) -> None:
    """Serve only the database and metadata the build published (their hashes in served.json)."""
    from corpus.api import SQLITE_NAME
    from corpus.served import SERVED, check
    from pipeline.site.served import served_intact

    for name in (SQLITE_NAME, "metadata.yml"):
        if not served_intact(project.data_dir, name):
            problems = check(project.data_dir, (name,)).problems
            why = str(problems[0]) if problems else f"{name} is not in {SERVED}"
            _fail(f"refusing to serve {project.data_dir}: {why}; run `corpus build`", 1)


@app.command()
def entities(
    suggest: Annotated[
        bool,
        typer.Option("--suggest", help="List the names the registry lacks, most mentioned first."),
    ] = False,
    promote: Annotated[
        str | None,
        typer.Option("--promote", metavar="NAME", help="Add NAME to the registry (entities.csv)."),
    ] = None,
    type_: Annotated[
        str, typer.Option("--type", help="With --promote: person, organization or place.")
    ] = "person",
    entity_id: Annotated[
        str | None, typer.Option("--id", help="With --promote: the id (default: from NAME).")
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", help="With --promote: another spelling (repeatable)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="With --suggest: how many.")] = 20,
    root: Root = None,
    as_json: Json = False,
) -> None:
    """Review the people and organisations the registry lacks, and promote them to it."""
    import json
    from dataclasses import asdict

    from pipeline.candidates import PromotionError
    from pipeline.candidates import promote as add
    from pipeline.candidates import suggest as listing

    if suggest == (promote is not None):
        _fail("pass one of --suggest or --promote NAME")
    project = _project(root)
    if promote is not None:
        try:
            new = add(project.registry_dir, promote, type_, entity_id or "", tuple(alias or ()))
        except PromotionError as e:
            _fail(str(e), code=1)
        where = project.registry_dir / "entities.csv"
        typer.echo(
            json.dumps({"entity_id": new, "name": promote, "type": type_, "registry": str(where)})
            if as_json
            else f"Promoted {promote!r} as {type_} {new} in {where}; "
            "run `corpus build` to link its mentions"
        )
        return
    try:
        found = listing(at(project.root), limit)
    except FileNotFoundError as e:
        _fail(f"{e.filename} is missing: nothing is published yet; run `corpus build`")
    if as_json:
        typer.echo(json.dumps([asdict(c) for c in found], indent=2, ensure_ascii=False))
        return
    for c in found:
        example = c.examples[0]
        typer.echo(
            f"{c.mentions:5} {c.name} ({c.type}; {c.documents} documents, {c.quotes} quotes; "
            f"e.g. {example['doc_id']}:{example['start']}-{example['end']} {example['text']!r})"
        )
    if found:
        typer.echo(
            f'Promote one: corpus entities --promote "{found[0].name}" --type {found[0].type}'
        )


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="A published version: a directory or a git revision.")],
    new: Annotated[
        str, typer.Argument(help="Another; default: the project's published tables.")
    ] = "",
    root: Root = None,
    as_json: Json = False,
) -> None:
    """Documents and rows added, removed and changed per table between two versions."""
    import json

    from pipeline.publish.diff import VersionError, open_version
    from pipeline.publish.diff import diff as compare

    project = _project(root)
    data = project.data_dir.relative_to(project.root).as_posix()
    try:
        found = compare(
            open_version(old, project.root, data),
            open_version(new or str(project.data_dir), project.root, data),
        )
    except VersionError as e:
        _fail(str(e))
    typer.echo(json.dumps(found.to_dict(), indent=2) if as_json else "\n".join(found.lines()))


@app.command()
def release(
    version: Annotated[str, typer.Argument(help="The new version, e.g. 0.2.0.")],
    root: Root = None,
) -> None:
    """Set the corpus's version, build, and write what changed into CHANGELOG.md."""
    from pipeline.build.run import build as run
    from pipeline.publish.release import release as make

    project = _project(root)
    try:
        changes = make(project, version, run)
    except ProjectError as e:
        _fail(str(e))
    d = changes.documents
    typer.echo(
        f"Released {version}: documents {len(d.added)} added, {len(d.removed)} removed, "
        f"{len(d.changed)} changed (CHANGELOG.md)"
    )


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
    from pipeline.publish.prov import export as run

    try:
        text = run(at(_project(root).root), output)
    except FileNotFoundError as e:
        _fail(f"{e.filename} is missing: nothing is published yet; run `corpus build`")
    if output is None:
        typer.echo(text, nl=False)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    hf = "hf"


def _export_as(kind: ExportFormat) -> Callable[..., None]:
    """``corpus export KIND OUT``: documents with their rows nested, as JSON Lines, Parquet
    or a Hugging Face dataset folder."""

    def command(
        out: Annotated[Path, typer.Argument(help="The file (a folder for hf) to write.")],
        root: Root = None,
    ) -> None:
        from pipeline.publish import export as formats

        write = {"jsonl": formats.write_jsonl, "parquet": formats.write_parquet}
        project = _published(root)
        published = at(project.root)
        if not all(p.is_file() for t in published.tables() for p in published.paths(t, "parquet")):
            _fail(f"{project.data_dir}: the Parquet copies are not built; run `corpus build`")
        try:
            n = write.get(kind, formats.write_hf)(published, out)
        except (FileExistsError, FileNotFoundError) as e:
            _fail(str(e))
        typer.echo(f"Wrote {n} documents to {out}")

    command.__doc__ = {
        "jsonl": "One JSON object per document, its segments, spans, quotes... nested.",
        "parquet": "One Parquet file: a row per document, its tables' rows as nested lists.",
        "hf": "A Hugging Face dataset folder (dataset card, configs): load_dataset(OUT).",
    }[kind]
    return command


for _kind in ExportFormat:
    export.command(_kind.value)(_export_as(_kind))


def main() -> None:
    sys.exit(app())
