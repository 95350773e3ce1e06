"""Prove the chain from raw bytes to every cell: hashes, spans, cleaned text, references.

Needs only the published tables and the raw store (and the standard library and ``blake3``),
so a downloaded corpus can be checked without the build tools. Every problem is reported,
located by table, row key and column; ``expected`` is what the tables record and ``found``
is what re-computing it from the raw bytes (or the file) gives.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from corpus.report import Report
from corpus.store import (
    COLUMNS,
    INDEX_NAME,
    blake3_hex,
    decode,
    raw_path,
    read_index,
    sha256_hex,
)
from corpus.tables import DESCRIPTOR, Row, iter_rows, read_descriptor
from corpus.text import assemble

EXCERPT = 40  # characters of each side shown around the first difference of two long texts


def verify(data_dir: Path, raw_dir: Path) -> Report:
    """Check every raw file, every published file, every span, every body and every reference."""
    report = Report("verify")
    try:
        descriptor = read_descriptor(data_dir)
    except (OSError, ValueError) as e:
        report.add("file", f"cannot read {data_dir / DESCRIPTOR} ({e}); run `corpus build`")
        return report
    resources = {r["name"]: r for r in descriptor["resources"]}
    _check_files(report, data_dir, resources.values())
    tables = {name: _read_table(report, data_dir, res) for name, res in resources.items()}
    _check_parquet(report, data_dir, resources, tables)
    texts = _check_raw_store(report, raw_dir, tables.get("raw_files", []))
    _check_inputs(
        report, descriptor.get("build", {}).get("inputs", {}), tables.get("raw_files", [])
    )
    documents = tables.get("documents", [])
    doc_raw = {d["doc_id"]: d["raw_blake3"] for d in documents}
    for name, res in resources.items():
        _check_spans(report, name, res, tables[name], doc_raw, texts)
        _check_references(report, name, res, tables)
    _check_every_raw_has_a_document(report, tables.get("raw_files", []), documents)
    _check_documents(report, documents, tables.get("segments", []), texts)
    _check_evidence_backs_documents(report, resources, documents, tables.get("evidence", []))
    return report


def _key(res: dict[str, Any], row: Row) -> str:
    return "/".join(str(row.get(k)) for k in res["schema"].get("primaryKey", []))


def _read_table(report: Report, data_dir: Path, res: dict[str, Any]) -> list[Row]:
    """A table's rows; a cell that does not fit its type is reported and read as ``None``.

    A table whose header is not its schema's columns is reported and checked as empty.
    """
    name = res["name"]
    columns = [f["name"] for f in res["schema"]["fields"]]
    if not (data_dir / res["path"]).is_file():
        return []  # reported by _check_files
    try:
        with (data_dir / res["path"]).open(newline="", encoding="utf-8") as f:
            header = next(csv.reader(f), [])
        if header != columns:
            report.add(
                "file",
                "the header is not the schema's columns",
                table=name,
                column="header",
                expected=",".join(columns),
                found=",".join(header),
            )
            return []
        return list(
            iter_rows(data_dir, res, on_error=lambda msg: report.add("file", msg, table=name))
        )
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        report.add("file", f"cannot read the table: {e}", table=name)
        return []


def _check_files(report: Report, data_dir: Path, resources: Iterable[dict[str, Any]]) -> None:
    """Each CSV against the size and hashes ``datapackage.json`` records for it."""
    for res in resources:
        path = data_dir / res["path"]
        if not path.is_file():
            report.add("file", f"{res['path']} is missing", table=res["name"])
            continue
        data = path.read_bytes()
        report.count("files")
        for column, expected, found in (
            ("bytes", res.get("bytes"), len(data)),
            ("hash", res.get("hash"), f"sha256:{sha256_hex(data)}"),
            ("blake3", res.get("blake3"), blake3_hex(data)),
        ):
            if expected is not None and expected != found:
                report.add(
                    "file",
                    f"{res['path']} does not match its {column} in {DESCRIPTOR} "
                    "(edited after publishing?)",
                    table=res["name"],
                    column=column,
                    expected=str(expected),
                    found=str(found),
                )


def _check_parquet(
    report: Report,
    data_dir: Path,
    resources: dict[str, dict[str, Any]],
    tables: dict[str, list[Row]],
) -> None:
    """Each built Parquet file holds the CSV's rows (checked where pyarrow is installed)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return
    for name, res in resources.items():
        path = (data_dir / res["path"]).with_suffix(".parquet")
        if not path.is_file() or not (data_dir / res["path"]).is_file():
            continue
        report.count("parquet files")
        try:
            parquet = pq.read_table(path).to_pylist()
        except Exception as e:  # any corruption pyarrow can raise
            report.add("parquet", f"cannot read {path.name}: {e}", table=name)
            continue
        rows = tables[name]
        if len(parquet) != len(rows):
            report.add(
                "parquet",
                f"{path.name} does not hold the same number of rows as {res['path']}",
                table=name,
                column="rows",
                expected=str(len(rows)),
                found=str(len(parquet)),
            )
        for row, other in zip(rows, parquet, strict=False):
            for column, value in row.items():
                if not _same_cell(value, other.get(column)):
                    report.add(
                        "parquet",
                        f"{path.name} disagrees with {res['path']}",
                        table=name,
                        key=_key(res, row),
                        column=column,
                        expected=str(value),
                        found=str(other.get(column)),
                    )


def _same_cell(csv_value: Any, parquet_value: Any) -> bool:
    """Equal as published: an empty string cell is a Parquet null; datetimes compared as such."""
    if isinstance(parquet_value, datetime) and isinstance(csv_value, str):
        try:
            return datetime.fromisoformat(csv_value.replace("Z", "+00:00")) == parquet_value
        except ValueError:
            return False
    if csv_value == "" and parquet_value is None:
        return True
    return bool(csv_value == parquet_value)


def _check_raw_store(report: Report, raw_dir: Path, raw_files: list[Row]) -> dict[str, str]:
    """Re-hash every raw file the tables or the index name; the decoded text of each good one.

    A raw file is good when its bytes hash to the address it is stored under; spans in the
    documents of a bad one are not checked (its own problem says why).
    """
    try:
        index = {r.blake3: asdict(r) for r in read_index(raw_dir)}
    except (OSError, ValueError, TypeError, KeyError) as e:
        report.add("raw", f"cannot read the store's {INDEX_NAME}: {e!r}", table="raw_files")
        index = {}
    published = {row["blake3"]: row for row in raw_files}
    for b3, row in published.items():
        _check_index_record(report, b3, row, index.get(b3))
    known = published.keys() | index.keys()
    texts: dict[str, str] = {}
    for b3 in sorted(known):
        record = published.get(b3) or index[b3]
        text = _check_raw_file(report, raw_dir, b3, record, known)
        if text is not None:
            texts[b3] = text
    if unbuilt := len(index.keys() - published.keys()):
        report.count("raw files not yet built", unbuilt)
    addresses = {raw_path(raw_dir, b3) for b3 in known} | {raw_dir / INDEX_NAME}
    for path in sorted(raw_dir.rglob("*")):
        if path not in addresses and (path.is_symlink() or not path.is_dir()):
            report.add(
                "raw",
                f"unknown file in the raw store: {path.relative_to(raw_dir)} "
                f"(not in raw_files nor in {INDEX_NAME}; added by hand or by an interrupted "
                "ingest?)",
                table="raw_files",
                key=path.name,
            )
    return texts


def _check_inputs(report: Report, inputs: dict[str, Any], raw_files: list[Row]) -> None:
    """The build record names exactly the raw files published (their count and joint hash)."""
    hashes = sorted(r["blake3"] for r in raw_files)
    for column, found in (
        ("raw_files", len(hashes)),
        ("blake3", blake3_hex("\n".join(hashes).encode())),
    ):
        if column in inputs and inputs[column] != found:
            report.add(
                "file",
                f"the build record's inputs are not the published raw files ({column})",
                table="raw_files",
                column=f"build.inputs.{column}",
                expected=str(inputs[column]),
                found=str(found),
            )


def _check_index_record(report: Report, b3: str, row: Row, record: dict[str, Any] | None) -> None:
    """A published ``raw_files`` row agrees with the store's own record of that file."""
    if record is None:
        report.add(
            "raw",
            f"listed in raw_files but not in the store's {INDEX_NAME}",
            table="raw_files",
            key=b3,
        )
        return
    for column in COLUMNS:
        if str(record[column]) != str(row[column]):
            report.add(
                "raw",
                f"raw_files and the store's {INDEX_NAME} disagree",
                table="raw_files",
                key=b3,
                column=column,
                expected=str(row[column]),
                found=str(record[column]),
            )


def _check_raw_file(
    report: Report, raw_dir: Path, b3: str, record: dict[str, Any], known: set[str]
) -> str | None:
    """Re-hash one stored file against its record; its decoded text when it is good."""
    path = raw_path(raw_dir, b3)
    where = path.relative_to(raw_dir)
    if not path.is_file():
        report.add("raw", f"raw file is missing from the store: {where}", table="raw_files", key=b3)
        return None
    data = path.read_bytes()
    report.count("raw files")
    found = blake3_hex(data)
    if found != b3:
        why = (
            f"holds the bytes of raw file {found} (two files swapped or misfiled?)"
            if found in known
            else "its bytes no longer hash to its name (corrupted or edited?)"
        )
        report.add(
            "raw",
            f"{where}: {why}",
            table="raw_files",
            key=b3,
            column="blake3",
            expected=b3,
            found=found,
        )
    for column, found_value in (("sha256", sha256_hex(data)), ("size_bytes", len(data))):
        if str(record[column]) != str(found_value):
            report.add(
                "raw",
                f"{where}: stored bytes do not match their recorded {column}",
                table="raw_files",
                key=b3,
                column=column,
                expected=str(record[column]),
                found=str(found_value),
            )
    if found != b3:
        return None
    try:
        return decode(data, record["encoding"])
    except (UnicodeDecodeError, LookupError) as e:
        report.add(
            "raw",
            f"{where}: cannot decode with its recorded encoding: {e}",
            table="raw_files",
            key=b3,
            column="encoding",
        )
        return None


def _span_columns(res: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Span column triples: ``start/end/text`` and ``X_start/X_end/X`` (or ``X_text``)."""
    names = {f["name"] for f in res["schema"]["fields"]}
    triples = []
    for name in sorted(names):
        if name == "start" and {"end", "text"} <= names:
            triples.append(("start", "end", "text"))
        elif name.endswith("_start"):
            prefix = name.removesuffix("_start")
            text = f"{prefix}_text" if f"{prefix}_text" in names else prefix
            if f"{prefix}_end" in names and text in names:
                triples.append((name, f"{prefix}_end", text))
    return triples


def _check_spans(
    report: Report,
    name: str,
    res: dict[str, Any],
    rows: list[Row],
    doc_raw: dict[str, str],
    texts: dict[str, str],
) -> None:
    """Every span of every row re-sliced from its document's decoded raw text."""
    triples = _span_columns(res)
    if not triples or not rows or "doc_id" not in rows[0]:
        return
    for row in rows:
        b3 = doc_raw.get(row["doc_id"], "")
        if "raw_blake3" in row and b3 and row["raw_blake3"] != b3:
            report.add(
                "span",
                "raw_blake3 is not the document's raw file",
                table=name,
                key=_key(res, row),
                column="raw_blake3",
                expected=str(row["raw_blake3"]),
                found=b3,
            )
        text = texts.get(b3)
        if text is None:
            continue
        for start_col, end_col, text_col in triples:
            start, end = row[start_col], row[end_col]
            if start is None and end is None:
                continue
            report.count("spans")
            ok = start is not None and end is not None and 0 <= start <= end <= len(text)
            found = text[start:end] if ok else None
            if found != row[text_col]:
                report.add(
                    "span",
                    f"{text_col} is not raw[{start}:{end}]"
                    + ("" if ok else f" (not a span of the {len(text)}-character raw text)"),
                    table=name,
                    key=_key(res, row),
                    column=text_col,
                    expected=str(row[text_col]),
                    found=str(found),
                )


def _check_references(
    report: Report, name: str, res: dict[str, Any], tables: dict[str, list[Row]]
) -> None:
    """Every foreign key of every row points at a row that exists."""
    for fk in res["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        target = ref["resource"] or name
        targets = {tuple(r[c] for c in ref["fields"]) for r in tables.get(target, [])}
        for row in tables[name]:
            values = tuple(row[c] for c in fk["fields"])
            if any(v in (None, "") for v in values):
                continue
            report.count("references")
            if values not in targets:
                report.add(
                    "reference",
                    f"{', '.join(fk['fields'])} = {', '.join(map(str, values))} is not in {target}",
                    table=name,
                    key=_key(res, row),
                    column=",".join(fk["fields"]),
                    expected=f"a row of {target}",
                    found="none",
                )


def _check_every_raw_has_a_document(
    report: Report, raw_files: list[Row], documents: list[Row]
) -> None:
    """One document per published raw file: a deleted document row is named."""
    built = {d["raw_blake3"] for d in documents}
    for row in raw_files:
        if row["blake3"] not in built:
            report.add(
                "reference",
                f"raw file {row['blake3']} has no document",
                table="documents",
                key=row["blake3"][:16],
                column="raw_blake3",
                expected=row["blake3"],
                found="none",
            )


def _check_documents(
    report: Report, documents: list[Row], segments: list[Row], texts: dict[str, str]
) -> None:
    """Each document's id, body, body hash and word count, re-derived from the raw text."""
    kept: dict[str, list[Row]] = defaultdict(list)
    for seg in segments:
        if seg["kept"]:
            kept[seg["doc_id"]].append(seg)
    for doc in documents:
        key = doc["doc_id"]
        if key != doc["raw_blake3"][:16]:
            report.add(
                "text",
                "doc_id is not the first 16 hex digits of raw_blake3",
                table="documents",
                key=key,
                column="doc_id",
                expected=key,
                found=doc["raw_blake3"][:16],
            )
        text = doc["text"]
        for column, expected, found in (
            ("text_blake3", doc["text_blake3"], blake3_hex(text.encode("utf-8"))),
            ("word_count", doc["word_count"], len(text.split())),
        ):
            if expected != found:
                report.add(
                    "text",
                    f"{column} does not match text",
                    table="documents",
                    key=key,
                    column=column,
                    expected=str(expected),
                    found=str(found),
                )
        raw_text = texts.get(doc["raw_blake3"])
        if raw_text is None:
            continue
        report.count("documents")
        spans = sorted(kept[key], key=lambda s: s["seq"] or 0)
        assembled = assemble(raw_text, ((s["start"], s["end"], s["joined"]) for s in spans))
        if text != assembled:
            at, ours, theirs = _first_difference(text, assembled)
            report.add(
                "text",
                f"text is not what the kept segments assemble to (first difference at "
                f"character {at})",
                table="documents",
                key=key,
                column="text",
                expected=ours,
                found=theirs,
            )


def _first_difference(a: str, b: str) -> tuple[int, str, str]:
    """Where two texts first differ, and a short excerpt of each from just before there."""
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    lo = max(0, at - EXCERPT)
    return at, a[lo : at + EXCERPT], b[lo : at + EXCERPT]


def _check_evidence_backs_documents(
    report: Report,
    resources: dict[str, dict[str, Any]],
    documents: list[Row],
    evidence: list[Row],
) -> None:
    """A document column named like an evidence field holds that field's first value.

    ``title`` is backed by the first ``title`` evidence row, ``outlet_id`` by ``outlet``;
    a value in such a column with no evidence at all is reported too.
    """
    if "documents" not in resources:
        return
    first: dict[tuple[str, str], Row] = {}
    for ev in sorted(evidence, key=lambda e: (e["doc_id"], e["seq"] or 0)):
        first.setdefault((ev["doc_id"], ev["field"]), ev)
    fields = {f for _, f in first}
    columns = {
        c: f
        for c in (f["name"] for f in resources["documents"]["schema"]["fields"])
        for f in (c, c.removesuffix("_id"))
        if f in fields and c not in ("doc_id", "text")
    }
    for doc in documents:
        for column, field in sorted(columns.items()):
            backing = first.get((doc["doc_id"], field))
            value = doc[column] or ""
            report.count("evidenced values")
            if (backing["value"] if backing else "") != value:
                report.add(
                    "evidence",
                    f"{column} is not the value of its first {field!r} evidence"
                    + ("" if backing else " (it has none)"),
                    table="documents",
                    key=doc["doc_id"],
                    column=column,
                    expected=value,
                    found=backing["value"] if backing else "",
                )
