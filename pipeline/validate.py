"""``corpus validate``: pandera schemas and frictionless over the published tables.

Both are derived from ``schemas/``. Frictionless checks types, constraints, keys and
foreign keys, and sha256; our :class:`Blake3` check adds the ``blake3`` property that
frictionless skips. Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import attrs
import frictionless
import pandas as pd
import pandera.pandas as pa
from frictionless import errors as ferrors

from corpus.report import Report
from corpus.store import blake3_hex
from corpus.tables import read_descriptor
from pipeline.datapackage import rebase
from pipeline.project import Project
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
    for table in tables():
        _pandera(report, table, data_dir / f"{table.name}.csv")
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
    try:
        pandera_schema(table).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as e:
        for case in e.failure_cases.to_dict("records"):
            index = case.get("index")
            report.add(
                "pandera",
                f"{case['check']} failed for {case['failure_case']!r}",
                table=table.name,
                key="" if index is None or pd.isna(index) else f"row {int(index) + 2}",
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


@attrs.define(kw_only=True, repr=False)
class Blake3(frictionless.Check):
    """Check a resource's file against its ``blake3`` property (frictionless skips it)."""

    type = "blake3"
    Errors: ClassVar[list[Any]] = [Blake3Error]

    def validate_end(self) -> Iterable[frictionless.Error]:
        expected = self.resource.custom.get("blake3")
        if expected is None:
            return
        found = blake3_hex(Path(str(self.resource.normpath)).read_bytes())
        if found != expected:
            yield Blake3Error(note=f'expected is "{expected}" and actual is "{found}"')


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
                column=getattr(error, "field_name", "") or "",
            )
    for error in result.errors:
        report.add("frictionless", error.message)


def _row_key(error: Any) -> str:
    number = getattr(error, "row_number", None)
    return f"row {number}" if number else ""
