"""``corpus validate --fast``: the Table Schema checks of the published CSVs, vectorised with Arrow.

Frictionless stays the reference (``corpus validate``, CI); this checks the same things on
the same files — header, row width, cell types, constraints, primary and unique keys,
foreign keys, size and hashes — a column at a time over blocks of rows, so a corpus of
millions of documents validates in seconds. A table in parts is read part after part, each
part checked against its own digests. Memory holds the bytes of one file (read once: hashed,
then parsed), one block of rows, the keys of one part (of the whole table for a key neither
with the table's shard column nor starting with the part's prefix), the keys other tables
reference, and the distinct values of the foreign-key columns.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import blake3
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from corpus.arrow import number as _number
from corpus.arrow import strings as _strings
from corpus.report import Report
from corpus.tables import DESCRIPTOR, Part, parts, read_descriptor, shard_column

# Bytes of CSV per block. 2 MB, not 16: Arrow parses a block that stays in the CPU's cache
# faster, and its arrays fit the allocator's reused pages (10k, in-process: 1.50 CPU-s
# against 1.63 for every table; ``docs/performance.md``, incr8).
BLOCK = 1 << 21
SHOWN = 100  # problems reported per table and check; the rest are counted in one more
CHECK = "fast"
THREADS = len(os.sched_getaffinity(0))
# CSV bytes from which the tables are checked on THREADS threads. Below, on one: at 10k
# documents (245 MB) two threads cost 0.1-0.15 CPU-s more, for a check of seconds anyway.
PARALLEL = 1 << 30

# Cells Table Schema accepts for each type (frictionless defaults; booleans per field).
_TYPES = {
    "integer": r"^[+-]?[0-9]+$",
    "number": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$|^([+-]?INF|NaN)$",
    "datetime": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:?[0-9]{2})?$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "year": r"^[0-9]{4}$",
}
_FORMATS = {"uri": r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"}
_TRUE, _FALSE = ["true", "True", "TRUE", "1"], ["false", "False", "FALSE", "0"]


# Typed values: comparing with a plain "" makes Arrow cast each block first (~100x slower).
_EMPTY, _SEPARATOR = _strings(["", "\x1f"])
_NULL_ARRAY = pa.nulls(1, pa.string())
_NULL = _NULL_ARRAY[0]
_ONE = _number(1, pa.int64())  # (count_all is int64)


def validate(data_dir: Path) -> Report:
    """Check every table of the data package in ``data_dir``; a report of every problem."""
    report = Report("validate --fast")
    if not (data_dir / DESCRIPTOR).is_file():
        report.add(CHECK, f"{data_dir / DESCRIPTOR} is missing; run `corpus build`")
        return report
    resources = read_descriptor(data_dir)["resources"]
    referenced = {
        (fk["reference"]["resource"] or res["name"], tuple(fk["reference"]["fields"]))
        for res in resources
        for fk in res["schema"].get("foreignKeys", [])
    }
    size = sum(p.bytes or 0 for r in resources for p in parts(r))
    threads = THREADS if size > PARALLEL else 1
    with ThreadPoolExecutor(threads) as pool:  # Arrow and the hashes release the GIL
        read = [pool.submit(_check_table, data_dir, r, referenced) for r in resources]
        tables = {}
        for res, table in zip(resources, read, strict=True):
            found, tables[res["name"]] = table.result()
            report.extend(found)
    for res in resources:
        for fk in res["schema"].get("foreignKeys", []):
            _check_foreign_key(report, res["name"], fk, tables)
    return report


@dataclass
class _Seen:
    """What a table keeps past its blocks: key columns, and distinct foreign-key values."""

    keys: dict[tuple[str, ...], list[pa.Table]] = field(default_factory=dict)
    distinct: dict[tuple[str, ...], list[pa.Table]] = field(default_factory=dict)


def _joined(blocks: dict[tuple[str, ...], list[pa.Table]], names: tuple[str, ...]) -> pa.Table:
    """The blocks kept of the columns ``names`` as one table (empty if none)."""
    kept = blocks.get(names) or [pa.table({n: _strings([]) for n in names})]
    return pa.concat_tables(kept)


def _buffer(paths: list[Path]) -> bytearray:
    """Memory for the largest of ``paths``, reused file after file: fresh memory for each costs
    a page fault per 4 KB (Arrow copies every cell it parses, so nothing points into it)."""
    return bytearray(max((p.stat().st_size for p in paths if p.is_file()), default=0))


def _read(path: Path, buffer: bytearray) -> memoryview:
    """The bytes of ``path``, read into ``buffer`` (all of them, should the file have grown)."""
    with path.open("rb", buffering=0) as f:
        n, rest = f.readinto(buffer), f.read()
    return memoryview(bytes(buffer[:n]) + rest if rest else buffer)[: n + len(rest)]


def _check_file(report: Report, res: dict[str, Any], part: Part, data: memoryview) -> None:
    """Size, SHA-256 and BLAKE3 of one file of the table (its bytes ``data``) against the
    descriptor."""
    report.count("files")
    recorded = (part.bytes, part.sha256, part.blake3)
    if not isinstance(res["path"], str) and recorded == (None, None, None):
        report.add(CHECK, f"{part.path} has no digests in {DESCRIPTOR}", table=res["name"])
    found_digests = (len(data), hashlib.sha256(data).hexdigest(), blake3.blake3(data).hexdigest())
    for what, expected, found in zip(
        ("bytes", "hash", "blake3"), recorded, found_digests, strict=True
    ):
        if expected is not None and expected != found:
            report.add(
                CHECK,
                f"{part.path}: {what} is {found}, the descriptor says {expected}",
                table=res["name"],
                column=what,
                expected=str(expected),
                found=str(found),
            )


def _check_table(
    data_dir: Path, res: dict[str, Any], referenced: set[tuple[str, tuple[str, ...]]]
) -> tuple[Report, _Seen]:
    """Header, rows and cells of one table, part by part, block by block; what the key checks
    need.

    A key with the table's shard column is checked in each part, with the shard column's
    prefix: keys of different parts then differ too. So is a one-column key whose values all
    start with their part's prefix (``quote_id`` ``bd82…-q0``), until a value does not: then
    the key's values of the whole table are gathered, the parts before read again.
    """
    name, schema = res["name"], res["schema"]
    report, seen = Report(name), _Seen()
    columns = [f["name"] for f in schema["fields"]]
    problems = _Problems(report, name)
    unique = [(f["name"],) for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    integers = {f["name"] for f in schema["fields"] if f["type"] == "integer"}
    keys = {tuple(schema.get("primaryKey", [])), *unique} - {()}
    targets = {k for r, k in referenced if r == name}  # kept whole, for the foreign keys
    fk_columns = {tuple(fk["fields"]) for fk in schema.get("foreignKeys", [])}
    one = isinstance(res["path"], str)
    shard = "" if one else shard_column(res)
    local = {k for k in keys if shard and shard in k}
    prefixed = {k for k in keys - local if shard and len(k) == 1}
    done: list[Part] = []
    buffer = _buffer([data_dir / p.path for p in parts(res)])
    for part in parts(res):
        path = data_dir / part.path
        if not path.is_file():
            report.add(CHECK, f"{part.path} is missing", table=name)
            continue
        where = "" if one else f"{part.path} "
        prefix = Path(part.path).stem if shard else ""
        part_keys: dict[tuple[str, ...], list[pa.Table]] = {}
        bad_rows: list[str] = []
        data = _read(path, buffer)  # read once: hashed, then parsed from memory
        _check_file(report, res, part, data)
        reader = _reader(pa.BufferReader(pa.py_buffer(data)), columns, bad_rows)
        if reader is None or reader.schema.names != columns:
            found = [] if reader is None else reader.schema.names
            report.add(CHECK, f"{where}header is {found}, the schema has {columns}", table=name)
            continue
        row = 2  # frictionless numbers the header row 1 (of each part)
        for batch in _batches(reader):
            for spec in schema["fields"]:
                _check_cells(problems, spec, batch.column(spec["name"]), row, where)
            if prefix:
                cells = batch.column(shard)
                wrong = pc.invert(pc.starts_with(cells, prefix))
                if cells.null_count:  # an empty cell starts with no prefix
                    wrong = pc.or_kleene(wrong, cells.is_null())
                message = f"{shard} does not start with {prefix}, the part's prefix"
                problems.mask(f"part:{shard}", wrong, row, cells, message, where)
            for mixed in [n for n in prefixed if not _prefixed(batch.column(n[0]), prefix)]:
                prefixed.discard(mixed)
                kept = part_keys.pop(mixed, [])
                if mixed not in targets:  # (a target's values are all kept already)
                    seen.keys[mixed] = [*_key_blocks(data_dir, done, columns, mixed), *kept]
            for names in keys | targets:
                block = pa.Table.from_batches([batch.select(names)])
                if names in local | prefixed:
                    part_keys.setdefault(names, []).append(block)
                if names in targets or names not in local | prefixed:
                    seen.keys.setdefault(names, []).append(block)
            for names in fk_columns:
                seen.distinct.setdefault(names, []).append(_distinct(batch.select(names)))
            row += batch.num_rows
            report.count("rows", batch.num_rows)
        for text in bad_rows:
            problems.add("row", f"{where}a row does not have {len(columns)} cells: {text[:80]!r}")
        for names in local | prefixed:
            _check_unique(problems, _joined(part_keys, names), integers, where)
        done.append(part)
    for names in keys - local - prefixed:
        _check_unique(problems, _joined(seen.keys, names), integers)
    problems.close()
    return report, seen


def _prefixed(cells: pa.Array, prefix: str) -> bool:
    """Whether every non-empty cell starts with ``prefix``."""
    return _all(pc.starts_with(cells, prefix))


def _key_blocks(
    data_dir: Path, done: list[Part], columns: list[str], names: tuple[str, ...]
) -> Iterator[pa.Table]:
    """The columns ``names`` of the parts ``done``, read again."""
    for part in done:
        reader = _reader(pa.OSFile(str(data_dir / part.path)), columns, [])
        for batch in _batches(reader) if reader is not None else ():
            yield pa.Table.from_batches([batch.select(names)])


def _distinct(columns: pa.RecordBatch) -> pa.Table:
    """The distinct rows of ``columns`` (a foreign key's values in one block)."""
    if columns.num_columns == 1:
        return pa.table({columns.schema.names[0]: pc.unique(columns.column(0))})
    return pa.Table.from_batches([columns]).group_by(columns.schema.names).aggregate([])


def _reader(
    source: pa.NativeFile, columns: list[str], bad_rows: list[str]
) -> pacsv.CSVStreamingReader | None:
    """A streaming reader of every cell as a string, null for an empty one (quoted or not:
    Table Schema's missing value), recording ragged rows; on one thread (the tables are
    checked on a pool already: more threads cost CPU)."""

    def ragged(row: Any) -> str:
        bad_rows.append(row.text)
        return "skip"

    try:
        return pacsv.open_csv(
            source,
            read_options=pacsv.ReadOptions(block_size=BLOCK, use_threads=False),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=ragged
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in columns},
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid:
        return None


def _batches(reader: pacsv.CSVStreamingReader) -> Iterator[pa.RecordBatch]:
    while True:
        try:
            yield reader.read_next_batch()
        except StopIteration:
            return


def _check_cells(
    problems: _Problems, spec: dict[str, Any], cells: pa.Array, first: int, where: str
) -> None:
    """Type, format and constraints of one column of one block (of the part ``where``); its
    empty cells are null. Each check is one kernel and one reduction while nothing is wrong."""
    name, type_ = spec["name"], spec["type"]
    cons = spec.get("constraints", {})

    def flag(check: str, wrong: pa.Array, message: str) -> None:
        problems.mask(f"{check}:{name}", wrong, first, cells, message, where)

    if cons.get("required") and cells.null_count:
        flag("required", cells.is_null(), f"{name} is required")
    accepted: pa.Array | None = None
    digits = False  # whether every filled cell is plain digits (an integer of at least 0)
    if type_ == "boolean":
        values = spec.get("trueValues", _TRUE) + spec.get("falseValues", _FALSE)
        accepted = pc.is_in(cells, _with_null(values))
    elif type_ in _TYPES:
        accepted, digits = _typed(cells, type_)
    elif type_ == "string" and spec.get("format") in _FORMATS:
        accepted = pc.match_substring_regex(cells, _FORMATS[spec["format"]])
    if accepted is not None and not _all(accepted):
        flag("type", pc.invert(accepted), f"{name} is not a valid {type_}")
        cells = pc.if_else(accepted, cells, _NULL)  # the constraints check the valid cells
    if "pattern" in cons:
        matched = pc.match_substring_regex(cells, f"^(?:{cons['pattern']})$")
        flag("pattern", pc.invert(matched), f"{name} does not match {cons['pattern']}")
    if "enum" in cons:
        allowed = [str(v).lower() if isinstance(v, bool) else str(v) for v in cons["enum"]]
        flag(
            "enum",
            pc.invert(pc.is_in(cells, _with_null(allowed))),
            f"{name} is not one of {cons['enum']}",
        )
    for bound, compare in (("minLength", pc.less), ("maxLength", pc.greater)):
        if bound in cons:
            wrong = compare(pc.utf8_length(cells), _number(cons[bound], pa.int32()))
            flag(bound, wrong, f"{name} breaks {bound} {cons[bound]}")
    if digits and "maximum" not in cons and cons.get("minimum", 0) <= 0:
        return  # no value of plain digits is below 0: nothing to cast
    if type_ in ("integer", "number") and ("minimum" in cons or "maximum" in cons):
        values = _numbers(cells, type_)
        for bound, compare in (("minimum", pc.less), ("maximum", pc.greater)):
            if bound in cons:
                wrong = compare(values, _number(cons[bound], values.type))
                flag(bound, wrong, f"{name} breaks {bound} {cons[bound]}")


def _numbers(cells: pa.Array, type_: str) -> pa.Array:
    """The valid ``type_`` cells as numbers: int64, or float64 for a number or an integer past
    int64's range (Table Schema's integers have none)."""
    if type_ == "integer":
        try:
            return pc.cast(cells, pa.int64())
        except pa.ArrowInvalid:
            pass
    return pc.cast(cells, pa.float64())


def _all(passed: pa.Array) -> bool:
    """Whether every non-null value of ``passed`` is true (so also when all are null)."""
    return pc.all(passed).as_py() is not False


def _with_null(values: list[str]) -> pa.Array:
    """``values`` and a null, for ``is_in``: an empty cell is no wrong value."""
    return pa.concat_arrays([_strings(values), _NULL_ARRAY])


def _typed(cells: pa.Array, type_: str) -> tuple[pa.Array, bool]:
    """Which cells are valid ``type_`` values (null where empty), and whether every filled
    one is plain digits (found without the regex)."""
    if type_ == "integer":
        digits = pc.ascii_is_decimal(cells)
        if _all(digits):
            return digits, True
    return pc.match_substring_regex(cells, _TYPES[type_]), False


def _check_unique(problems: _Problems, keys: pa.Table, integers: set[str], where: str = "") -> None:
    """Every value of the key (the columns of ``keys``) once; rows with an empty key cell are
    not keys. ``integers`` names the key's integer columns."""
    names = keys.column_names
    if keys.num_rows == 0:
        return
    filled = keys.drop_null()
    if _ascending(filled, integers):  # how the tables are written: no hashing needed
        return
    joined = pc.binary_join_element_wise(*(filled.column(n) for n in names), _SEPARATOR)
    if len(pc.unique(joined)) == filled.num_rows:  # no duplicates, no grouping
        return
    counts = filled.group_by(list(names)).aggregate([([], "count_all")])
    for dup in counts.filter(pc.greater(counts.column("count_all"), _ONE)).to_pylist():
        value = ", ".join(str(dup[n]) for n in names)
        problems.add(
            f"unique:{','.join(names)}",
            f"{where}{', '.join(names)} = {value} appears {dup['count_all']} times",
        )


def _ascending(keys: pa.Table, integers: set[str]) -> bool:
    """Whether each row's key is greater than the one before, column by column, the
    ``integers`` compared as numbers: then no two keys are the same."""
    if keys.num_rows < 2:
        return True
    greater: pa.Array | None = None
    for name in reversed(keys.column_names):  # (a, b) < (c, d) iff a < c or a = c and b < d
        column = keys.column(name).combine_chunks()
        if name in integers:
            try:
                column = pc.cast(column, pa.int64())
            except pa.ArrowInvalid:
                return False
        before, after = column[:-1], column[1:]
        less = pc.less(before, after)
        greater = (
            less if greater is None else pc.or_(less, pc.and_(pc.equal(before, after), greater))
        )
    return bool(pc.all(greater).as_py())


def _check_foreign_key(
    report: Report, name: str, fk: dict[str, Any], tables: dict[str, _Seen]
) -> None:
    """Every non-empty value of the foreign key is a key of the referenced table."""
    ref = fk["reference"]
    names, target = tuple(fk["fields"]), tuple(ref["fields"])
    child = _joined(tables[name].distinct, names)
    parent = tables.get(ref["resource"] or name)
    if child.num_rows == 0 or parent is None:
        return
    parents = _joined(parent.keys, target)
    problems = _Problems(report, name)
    if len(names) == 1:
        values = pc.unique(child.column(0).combine_chunks())
        values = values.drop_null()
        known = parents.column(0).combine_chunks() if parents.num_rows else values[:0]
        known = known.filter(pc.is_in(known, values))  # hashes the few values, not every key
        report.count("references", len(values))
        for value in values.filter(pc.invert(pc.is_in(values, known))).to_pylist():
            problems.add(
                f"foreign-key:{names[0]}",
                f"{names[0]} = {value} is not in {ref['resource'] or name}",
                column=names[0],
            )
    else:
        parents = _blanked(parents.rename_columns(list(names)))
        joined = _blanked(child).join(parents, list(names), join_type="left anti")
        for row in joined.to_pylist():
            problems.add(
                f"foreign-key:{','.join(names)}",
                f"{row} is not in {ref['resource'] or name}",
                column=",".join(names),
            )
    problems.close()


def _blanked(table: pa.Table) -> pa.Table:
    """``table`` with its empty cells "" again: a part of a composite key left empty is a
    value that must match."""
    return pa.table({n: pc.coalesce(table.column(n), _EMPTY) for n in table.column_names})


class _Problems:
    """Problems of one table, at most ``SHOWN`` per check, then one saying how many more."""

    def __init__(self, report: Report, table: str) -> None:
        self.report, self.table = report, table
        self.counts: dict[str, int] = {}

    def add(
        self, check: str, message: str, row: int | None = None, column: str = "", where: str = ""
    ) -> None:
        """One problem; ``where`` names the part (``documents/3a.csv ``) of a table in parts."""
        n = self.counts[check] = self.counts.get(check, 0) + 1
        if n <= SHOWN:
            key = f"{where}row {row}" if row is not None else ""
            self.report.add(CHECK, message, table=self.table, key=key, column=column)

    def mask(
        self, check: str, wrong: pa.Array, first: int, cells: pa.Array, message: str, where: str
    ) -> None:
        """Report each row of a block where ``wrong`` holds, with the cell it found."""
        if not pc.any(wrong).as_py():
            return
        column = check.split(":", 1)[1]
        for i in pc.indices_nonzero(wrong).to_pylist():
            value = cells[i].as_py() or ""  # (an empty cell is null)
            self.add(check, f"{message}: {value[:80]!r}", first + i, column, where)

    def close(self) -> None:
        for check, n in self.counts.items():
            if n > SHOWN:
                self.report.add(
                    CHECK, f"... and {n - SHOWN} more {check} problems", table=self.table
                )
