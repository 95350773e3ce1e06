"""``corpus validate``: pandera schemas and frictionless over the published tables.

Both are derived from ``schemas/``. Frictionless checks types, constraints, keys and
foreign keys, and sha256; our :class:`Blake3` check adds the ``blake3`` property that
frictionless skips, and checks each part of a table in parts against its own ``bytes``,
``hash`` and ``blake3`` (frictionless knows only a whole resource's). Pandera checks each
file on its own. Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import attrs
import frictionless
import pandas as pd
import pandera.pandas as pa
from frictionless import errors as ferrors

from corpus.report import Report
from corpus.store import digests
from corpus.tables import parts, read_descriptor, resource
from pipeline.project import Project
from pipeline.publish.datapackage import rebase
from pipeline.schemas import Table, tables

ERROR_LIMIT = 100_000


def validate(project: Project) -> Report:
    """Validate the published data package of ``project`` with pandera and frictionless."""
    report = Report("validate")
    data_dir = project.data_dir
    if not (data_dir / "datapackage.json").is_file():
        report.add("package", f"{data_dir / 'datapackage.json'} is missing; run `corpus build`")
        return report
    _check_root_descriptor(report, project)
    _check_generated(report, project)
    descriptor = read_descriptor(data_dir)
    for table in tables():
        for part in parts(resource(descriptor, table.name)):
            _pandera(report, table, data_dir / part.path)
    _frictionless(report, data_dir / "datapackage.json")
    return report


def _check_root_descriptor(report: Report, project: Project) -> None:
    root = project.root / "datapackage.json"
    prefix = project.data_dir.relative_to(project.root).as_posix()
    expected = rebase(read_descriptor(project.data_dir), prefix)
    if not root.is_file() or json.loads(root.read_text(encoding="utf-8")) != expected:
        report.add(
            "package",
            f"{root} does not describe the published {prefix}/; run `corpus build`",
        )


def _check_generated(report: Report, project: Project) -> None:
    """``metadata.yml`` and ``croissant.json`` (published and root copies) are exactly what the
    build generates from the schemas and the descriptor (which holds the project's identity):
    the site never shows text, HTML included, that neither holds."""
    from pipeline.publish.croissant import CROISSANT, croissant
    from pipeline.publish.croissant import dumps as dump_croissant
    from pipeline.site.metadata import dumps as dump_metadata
    from pipeline.site.metadata import metadata

    prefix = project.data_dir.relative_to(project.root).as_posix()
    published = read_descriptor(project.data_dir)
    identity = {k: published.get(k) for k in ("title", "description", "licenses")}
    site = dump_metadata(metadata(tables(), identity))  # the identity the build published
    generated = {
        project.data_dir / "metadata.yml": site,
        project.data_dir / CROISSANT: dump_croissant(croissant(published)),
        project.root / "metadata.yml": site,
        project.root / CROISSANT: dump_croissant(croissant(rebase(published, prefix))),
    }
    for path, text in generated.items():
        try:
            found = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            found = None
        if found != text:
            line = _first_line_differing(found or "", text)
            report.add(
                "package",
                f"{path} is not what the build generates"
                + (" (missing)" if found is None else f" (line {line} differs)")
                + "; run `corpus build`",
                table=path.name,
            )


def _first_line_differing(a: str, b: str) -> int:
    x, y = a.splitlines(), b.splitlines()
    return 1 + next(
        (i for i, (m, n) in enumerate(zip(x, y, strict=False)) if m != n), min(len(x), len(y))
    )


# --- pandera -------------------------------------------------------------------------------

_DTYPES = {"string": str, "integer": "Int64", "number": float, "boolean": "boolean"}


def pandera_schema(table: Table) -> pa.DataFrameSchema:
    """A pandera schema for ``table``, mapped from its Table Schema."""
    columns = {}
    for f in table.fields:
        cons = f.get("constraints", {})
        checks = []
        if "pattern" in cons:
            checks.append(pa.Check.str_matches(cons["pattern"]))
        if "enum" in cons:
            checks.append(pa.Check.isin(cons["enum"]))
        if "minimum" in cons:
            checks.append(pa.Check.ge(cons["minimum"]))
        if "minLength" in cons:
            checks.append(pa.Check.str_length(min_value=cons["minLength"]))
        dtype = "datetime64[ns, UTC]" if f["type"] == "datetime" else _DTYPES[f["type"]]
        columns[f["name"]] = pa.Column(
            dtype,
            checks=checks,
            nullable=not cons.get("required", False),
            unique=cons.get("unique", False),
            coerce=True,
        )
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        unique=table.primary_key or None,
        name=table.name,
    )


def _read_frame(table: Table, path: Path) -> pd.DataFrame:
    """The CSV as the schema types it: strings stay strings, empty cells become nulls."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for f in table.fields:
        name = f["name"]
        if name not in frame:
            continue
        if f["type"] != "string" or not f.get("constraints", {}).get("required"):
            frame[name] = frame[name].replace("", None)
        if f["type"] == "boolean":
            frame[name] = frame[name].map({"true": True, "false": False}, na_action="ignore")
        if f["type"] == "datetime":
            frame[name] = pd.to_datetime(frame[name], utc=True, errors="coerce")
    return frame


def _pandera(report: Report, table: Table, path: Path) -> None:
    if not path.is_file():
        report.add("pandera", f"{path} is missing", table=table.name)
        return
    frame = _read_frame(table, path)
    report.count("rows (pandera)", len(frame))
    where = "" if path.name == f"{table.name}.csv" else f"{path.parent.name}/{path.name} "
    try:
        pandera_schema(table).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as e:
        for case in e.failure_cases.to_dict("records"):
            index = case.get("index")
            report.add(
                "pandera",
                f"{case['check']} failed for {case['failure_case']!r}",
                table=table.name,
                key="" if index is None or pd.isna(index) else f"{where}row {int(index) + 2}",
                column=str(case.get("column") or ""),
            )
    except (pa.errors.SchemaError, ValueError, TypeError) as e:
        report.add("pandera", str(e).splitlines()[0], table=table.name)


# --- frictionless --------------------------------------------------------------------------


class Blake3Error(ferrors.HashCountError):
    type = "blake3-hash"
    title = "BLAKE3 Hash Error"
    description = "The file's BLAKE3 does not match the blake3 property of its resource."
    template = "The data source does not match the expected BLAKE3 hash: {note}"


class PartError(ferrors.HashCountError):
    type = "part-digest"
    title = "Part Digest Error"
    description = "A part of a multipart resource does not match its entry in parts."
    template = "A part does not match its recorded size or hashes: {note}"


@attrs.define(kw_only=True, repr=False)
class Blake3(frictionless.Check):
    """Check a resource's file against its ``blake3`` property (frictionless skips it), and
    each part of a multipart resource against its entry in ``parts``."""

    type = "blake3"
    Errors: ClassVar[list[Any]] = [Blake3Error, PartError]

    def validate_end(self) -> Iterable[frictionless.Error]:
        base = Path(self.resource.basepath or ".")
        if self.resource.multipart:
            recorded = {p["path"]: p for p in self.resource.custom.get("parts", [])}
            for path in self.resource.paths:
                yield from _part_errors(base, path, recorded.get(path))
            return
        expected = self.resource.custom.get("blake3")
        if expected is None:
            return
        found = digests(Path(str(self.resource.normpath))).blake3
        if found != expected:
            yield Blake3Error(note=f'expected is "{expected}" and actual is "{found}"')


def _part_errors(base: Path, path: str, entry: dict[str, Any] | None) -> Iterator[PartError]:
    if entry is None:
        yield PartError(note=f'"{path}" has no entry in parts')
        return
    if not (base / path).is_file():
        return  # frictionless reports the missing file
    found = digests(base / path)
    for what, expected, actual in (
        ("bytes", entry.get("bytes"), found.size),
        ("hash", entry.get("hash"), f"sha256:{found.sha256}"),
        ("blake3", entry.get("blake3"), found.blake3),
    ):
        if expected is not None and expected != actual:
            yield PartError(
                note=f'"{path}": {what} expected is "{expected}" and actual is "{actual}"'
            )


def _frictionless(report: Report, descriptor: Path) -> None:
    package = frictionless.Package(str(descriptor))
    checklist = frictionless.Checklist(checks=[Blake3()])
    result = package.validate(checklist, limit_errors=ERROR_LIMIT)
    for task in result.tasks:
        report.count("rows (frictionless)", task.stats.get("rows") or 0)
        for error in task.errors:
            report.add(
                "frictionless",
                error.message,
                table=task.name or "",
                key=_row_key(error),
                column=_column(error),
            )
    for error in result.errors:
        report.add("frictionless", error.message)


def _column(error: Any) -> str:
    """The column of a cell's error, or the columns of a foreign key's."""
    return getattr(error, "field_name", "") or ",".join(getattr(error, "field_names", []))


def _row_key(error: Any) -> str:
    number = getattr(error, "row_number", None)
    return f"row {number}" if number else ""
