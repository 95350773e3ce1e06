"""Prove the chain from raw bytes to every cell: hashes, spans, cleaned text, references.

Needs only the published tables and the raw store, so a downloaded corpus can be checked
without the build tools.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corpus.report import Report
from corpus.store import INDEX_NAME, blake3_hex, decode, raw_path, read_index, sha256_hex
from corpus.tables import Row, iter_rows, read_descriptor
from corpus.text import assemble


def verify(data_dir: Path, raw_dir: Path) -> Report:
    """Check every raw file, every published file, every span and every reference."""
    report = Report("verify")
    descriptor = read_descriptor(data_dir)
    resources = {r["name"]: r for r in descriptor["resources"]}
    _check_files(report, data_dir, resources.values())
    tables = _read_tables(report, data_dir, resources)
    texts = _check_raw_store(report, raw_dir, tables.get("raw_files", []))
    doc_raw = {d["doc_id"]: d["raw_blake3"] for d in tables.get("documents", [])}
    for name, res in resources.items():
        _check_spans(report, name, res, tables[name], doc_raw, texts)
        _check_references(report, name, res, tables)
    _check_documents(report, tables.get("documents", []), tables.get("segments", []), texts)
    return report


def _read_tables(
    report: Report, data_dir: Path, resources: dict[str, dict[str, Any]]
) -> dict[str, list[Row]]:
    """Every table's rows; a table that cannot be read is reported and checked as empty."""
    tables: dict[str, list[Row]] = {}
    for name, res in resources.items():
        try:
            tables[name] = list(iter_rows(data_dir, res))
        except (OSError, ValueError) as e:
            report.add("file", f"cannot read the table: {e}", table=name)
            tables[name] = []
    return tables


def _key(res: dict[str, Any], row: Row) -> str:
    return "/".join(str(row.get(k)) for k in res["schema"].get("primaryKey", []))


def _check_files(report: Report, data_dir: Path, resources: Iterable[dict[str, Any]]) -> None:
    for res in resources:
        path = data_dir / res["path"]
        if not path.exists():
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
                    f"{res['path']} does not match its {column} in datapackage.json "
                    "(edited after publishing?)",
                    table=res["name"],
                    column=column,
                    expected=str(expected),
                    found=str(found),
                )


def _check_raw_store(report: Report, raw_dir: Path, raw_files: list[Row]) -> dict[str, str]:
    """Re-hash every raw file; return the decoded text of each good one by BLAKE3."""
    texts: dict[str, str] = {}
    for row in raw_files:
        b3 = row["blake3"]
        path = raw_path(raw_dir, b3)
        if not path.is_file():
            report.add(
                "raw", f"raw file is missing from the store: {path}", table="raw_files", key=b3
            )
            continue
        data = path.read_bytes()
        report.count("raw files")
        for column, expected, found in (
            ("blake3", b3, blake3_hex(data)),
            ("sha256", row["sha256"], sha256_hex(data)),
            ("size_bytes", row["size_bytes"], len(data)),
        ):
            if expected != found:
                report.add(
                    "raw",
                    f"stored bytes do not match their recorded {column}",
                    table="raw_files",
                    key=b3,
                    column=column,
                    expected=str(expected),
                    found=str(found),
                )
        try:
            texts[b3] = decode(data, row["encoding"])
        except (UnicodeDecodeError, LookupError) as e:
            report.add(
                "raw", f"cannot decode with {row['encoding']}: {e}", table="raw_files", key=b3
            )
    known = {raw_path(raw_dir, r["blake3"]) for r in raw_files}
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        if path.name != INDEX_NAME and path not in known:
            report.add("raw", f"unknown file in the raw store: {path}", table="raw_files")
    indexed = sorted(r.blake3 for r in read_index(raw_dir))
    if indexed != sorted(texts.keys() | {r["blake3"] for r in raw_files}):
        report.add("raw", "the store's index.csv and the raw_files table list different files")
    return texts


def _span_columns(res: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Span column triples: ``start/end/text``, and ``X_start/X_end`` with ``X_text`` or ``X``."""
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
    triples = _span_columns(res)
    if not triples or not rows or "doc_id" not in rows[0]:
        return
    for row in rows:
        b3 = doc_raw.get(row["doc_id"], "")
        if "raw_blake3" in row and row["raw_blake3"] != b3:
            report.add(
                "span",
                "raw_blake3 is not the document's raw file",
                table=name,
                key=_key(res, row),
                column="raw_blake3",
                expected=b3,
                found=row["raw_blake3"],
            )
        text = texts.get(b3)
        if text is None:
            continue
        for start_col, end_col, text_col in triples:
            start, end = row[start_col], row[end_col]
            if start is None and end is None:
                continue
            report.count("spans")
            found = text[start:end] if start is not None and end is not None else None
            if found is None or not 0 <= start <= end <= len(text) or found != row[text_col]:
                report.add(
                    "span",
                    f"raw[{start}:{end}] is not the recorded {text_col}",
                    table=name,
                    key=_key(res, row),
                    column=text_col,
                    expected=str(row[text_col]),
                    found=str(found),
                )


def _check_references(
    report: Report, name: str, res: dict[str, Any], tables: dict[str, list[Row]]
) -> None:
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
                )


def _check_documents(
    report: Report, documents: list[Row], segments: list[Row], texts: dict[str, str]
) -> None:
    kept: dict[str, list[Row]] = defaultdict(list)
    for seg in segments:
        if seg["kept"]:
            kept[seg["doc_id"]].append(seg)
    for doc in documents:
        raw_text = texts.get(doc["raw_blake3"])
        if raw_text is None:
            continue
        report.count("documents")
        spans = sorted(kept[doc["doc_id"]], key=lambda s: s["seq"])
        expected = assemble(raw_text, ((s["start"], s["end"], s["joined"]) for s in spans))
        if doc["text"] != expected:
            report.add(
                "text",
                "text is not what the document's kept segments assemble to",
                table="documents",
                key=doc["doc_id"],
                column="text",
            )
        if doc["text_blake3"] != blake3_hex(doc["text"].encode("utf-8")):
            report.add(
                "text",
                "text_blake3 is not the BLAKE3 of text",
                table="documents",
                key=doc["doc_id"],
                column="text_blake3",
                expected=doc["text_blake3"],
                found=blake3_hex(doc["text"].encode("utf-8")),
            )
