"""Tamper with a built corpus on purpose: ``verify`` must catch each change, precisely.

Each test breaks one thing and checks the exact problem (check, table, key, column, expected,
found). "Forger" tests also fix the hashes in ``datapackage.json``, as a careful forger would,
to show the row-level checks hold on their own.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import CLI

import corpus
from corpus.report import Problem
from corpus.store import blake3_hex, raw_path, read_index, sha256_hex
from corpus.tables import DESCRIPTOR
from pipeline.checks import tablecheck
from pipeline.checks.validate import validate
from pipeline.project import Project
from pipeline.schemas import table
from pipeline.site.served import write_served

SPAN_TABLES = ("segments", "evidence", "mentions", "quotes", "media", "citations")


def problems(project: Project) -> list[Problem]:
    return corpus.at(project.root).verify().problems


def read_csv(project: Project, table: str) -> list[dict[str, str]]:
    with (project.data_dir / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(project: Project, table: str, rows: list[dict[str, str]], forge: bool) -> None:
    """Write ``rows`` back as the build does; ``forge`` also fixes datapackage.json's hashes."""
    path = project.data_dir / f"{table}.csv"
    columns = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    if forge:
        (project.data_dir / f"{table}.parquet").unlink()  # as in a checkout: Parquet is built
        desc_path = project.data_dir / DESCRIPTOR
        desc = json.loads(desc_path.read_text(encoding="utf-8"))
        data = path.read_bytes()
        for res in desc["resources"]:
            if res["name"] == table:
                res.update(bytes=len(data), hash=f"sha256:{sha256_hex(data)}")
                res["blake3"] = blake3_hex(data)
        desc_path.write_text(json.dumps(desc, indent=2, ensure_ascii=False), encoding="utf-8")
        write_served(project.data_dir)


def raw_text(project: Project, doc_id: str) -> str:
    (doc,) = [d for d in corpus.at(project.root).rows("documents") if d["doc_id"] == doc_id]
    return corpus.at(project.root).raw_text(doc["raw_blake3"])


def writable(path: Path) -> Path:
    os.chmod(path, 0o644)
    return path


def first_raw(project: Project) -> str:
    return read_index(project.raw_dir)[0].blake3


# --- the raw store ---------------------------------------------------------------------------


def flip_byte(path: Path) -> bytes:
    """Flip the case of the first ``e``: the file still decodes, only its hash tells."""
    data = bytearray(writable(path).read_bytes())
    data[data.index(b"e")] ^= 0x20
    path.write_bytes(bytes(data))
    return bytes(data)


def test_one_flipped_byte_in_a_raw_file(project: Project, cli: CLI) -> None:
    b3 = first_raw(project)
    data = flip_byte(raw_path(project.raw_dir, b3))
    found = problems(project)
    assert (
        Problem(
            "raw",
            f"{b3[:2]}/{b3}: its bytes no longer hash to its name (corrupted or edited?)",
            "raw_files",
            b3,
            "blake3",
            b3,
            blake3_hex(data),
        )
        in found
    )
    assert [(p.column, p.found) for p in found if p.column == "sha256"] == [
        ("sha256", sha256_hex(data))
    ]
    assert {p.key for p in found} == {b3}, "spans of a corrupt file are not re-checked against it"
    result = cli("verify", "--root", project.root)
    assert result.exit_code == 1
    assert f"raw: raw_files.{b3}.blake3: {b3[:2]}/{b3}: its bytes no longer" in result.stderr


def test_a_raw_file_deleted(project: Project) -> None:
    b3 = first_raw(project)
    raw_path(project.raw_dir, b3).unlink()
    assert problems(project) == [
        Problem("raw", f"raw file is missing from the store: {b3[:2]}/{b3}", "raw_files", b3)
    ]


def test_an_unknown_file_added_to_the_store(project: Project) -> None:
    stray = project.raw_dir / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"not ingested\n")
    (project.raw_dir / "notes.txt").write_text("hello\n")
    found = problems(project)
    assert [(p.check, p.table, p.key) for p in found] == [
        ("raw", "raw_files", stray.name),
        ("raw", "raw_files", "notes.txt"),
    ]
    assert found[0].message.startswith(f"unknown file in the raw store: ab/{stray.name} ")


def test_two_raw_files_swapped(project: Project) -> None:
    a, b = (r.blake3 for r in read_index(project.raw_dir)[:2])
    pa, pb = writable(raw_path(project.raw_dir, a)), writable(raw_path(project.raw_dir, b))
    da, db = pa.read_bytes(), pb.read_bytes()
    pa.write_bytes(db)
    pb.write_bytes(da)
    found = [p for p in problems(project) if p.column == "blake3"]
    assert found == [
        Problem(
            "raw",
            f"{x[:2]}/{x}: holds the bytes of raw file {y} (two files swapped or misfiled?)",
            "raw_files",
            x,
            "blake3",
            x,
            y,
        )
        for x, y in sorted([(a, b), (b, a)])
    ]


def test_the_store_index_and_raw_files_table_disagree(project: Project) -> None:
    index = project.raw_dir / "index.csv"
    b3 = first_raw(project)
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, line in enumerate(lines) if line.startswith(b3))
    cells = lines[line].split(",")
    old = cells[4]
    cells[4] = "latin-1"  # encoding
    lines[line] = ",".join(cells)
    index.write_text("".join(lines), encoding="utf-8")
    assert Problem(
        "raw",
        "raw_files and the store's index.csv disagree",
        "raw_files",
        b3,
        "encoding",
        old,
        "latin-1",
    ) in problems(project)


# --- published tables ------------------------------------------------------------------------


def test_one_csv_cell_edited(project: Project) -> None:
    rows = read_csv(project, "documents")
    old = rows[0]["title"]
    rows[0]["title"] = old + " (edited)"
    write_csv(project, "documents", rows, forge=False)
    found = problems(project)
    assert {p.column for p in found if p.check == "file" and p.table == "documents"} == {
        "bytes",
        "hash",
        "blake3",
    }
    assert title_evidence_problem(rows[0]["doc_id"], old) in found


@pytest.mark.parametrize("table", SPAN_TABLES)
def test_a_span_text_edited_by_a_forger(project: Project, table: str) -> None:
    rows = read_csv(project, table)
    assert rows, f"the seeds give no {table} rows: the test would check nothing"
    row = rows[-1]
    old = row["text"]
    row["text"] = old[:-1] + ("X" if old[-1:] != "X" else "Y")
    write_csv(project, table, rows, forge=True)
    key = corpus.at(project.root).descriptor()
    pk = next(r for r in key["resources"] if r["name"] == table)["schema"]["primaryKey"]
    assert problems(project) == [
        Problem(
            "span",
            f"text is not raw[{row['start']}:{row['end']}]",
            table,
            "/".join(row[k] for k in pk),
            "text",
            row["text"],
            old,
        )
    ]


@pytest.mark.parametrize("table", SPAN_TABLES)
def test_one_span_shifted_by_a_character(project: Project, table: str) -> None:
    rows = read_csv(project, table)
    assert rows, f"the seeds give no {table} rows: the test would check nothing"
    row = rows[0]
    start, end = int(row["start"]) + 1, int(row["end"]) + 1
    row["start"], row["end"] = str(start), str(end)
    write_csv(project, table, rows, forge=True)
    text = raw_text(project, row["doc_id"])
    found = [p for p in problems(project) if p.check == "span"]
    assert [(p.table, p.column, p.message, p.expected, p.found) for p in found] == [
        (table, "text", f"text is not raw[{start}:{end}]", row["text"], text[start:end])
    ]


def test_every_mismatch_is_reported_not_just_the_first(project: Project) -> None:
    rows = read_csv(project, "segments")
    for row in rows:
        row["start"] = str(int(row["start"]) + 1)
    write_csv(project, "segments", rows, forge=True)
    found = [p for p in problems(project) if p.check == "span"]
    assert len(found) == len(rows), "one problem per shifted segment"
    assert len({p.key for p in found}) == len(rows)


def test_a_document_body_rewritten_with_a_matching_hash(project: Project) -> None:
    rows = read_csv(project, "documents")
    doc = rows[0]
    old = doc["text"]
    doc["text"] = old.replace(" ", " not ", 1)  # one inserted word
    doc["text_blake3"] = blake3_hex(doc["text"].encode())
    doc["word_count"] = str(len(doc["text"].split()))
    write_csv(project, "documents", rows, forge=True)
    (found,) = problems(project)
    at = next(i for i, (x, y) in enumerate(zip(doc["text"], old, strict=False)) if x != y)
    assert (found.check, found.table, found.key, found.column) == (
        "text",
        "documents",
        doc["doc_id"],
        "text",
    )
    assert found.message.endswith(f"(first difference at character {at})")
    assert found.expected.startswith(doc["text"][max(0, at - 40) : at + 4])
    assert found.found.startswith(old[max(0, at - 40) : at])


def test_a_body_hash_and_word_count_that_do_not_match(project: Project) -> None:
    rows = read_csv(project, "documents")
    rows[0]["text_blake3"] = "0" * 64
    rows[0]["word_count"] = "1"
    write_csv(project, "documents", rows, forge=True)
    body = rows[0]["text"]
    assert [(p.column, p.expected, p.found) for p in problems(project)] == [
        ("text_blake3", "0" * 64, blake3_hex(body.encode())),
        ("word_count", "1", str(len(body.split()))),
    ]


def test_a_row_deleted_from_a_table_that_others_reference(project: Project) -> None:
    rows = read_csv(project, "documents")
    gone = rows.pop(0)
    write_csv(project, "documents", rows, forge=True)
    found = problems(project)
    assert (
        Problem(
            "reference",
            f"raw file {gone['raw_blake3']} has no document",
            "documents",
            gone["doc_id"],
            "raw_blake3",
            gone["raw_blake3"],
            "none",
        )
        in found
    )
    dangling = {p.table for p in found if p.check == "reference" and p.column == "doc_id"}
    referencing = {
        t for t in SPAN_TABLES if any(r["doc_id"] == gone["doc_id"] for r in read_csv(project, t))
    }
    assert dangling == referencing and "segments" in dangling
    example = next(p for p in found if p.table == "segments")
    assert example.message == f"doc_id = {gone['doc_id']} is not in documents"


@pytest.mark.parametrize(
    ("name", "column", "target", "bad"),
    [
        ("document_events", "doc", "documents", "0" * 16),
        ("quote_links", "other_quote_id", "quotes", "0" * 16 + "-q0"),
    ],
)
def test_an_id_across_reports_naming_no_row_is_reported_by_verify_and_validate(
    project: Project, name: str, column: str, target: str, bad: str
) -> None:
    """The tables across reports are read whole; the ids they name are looked up among the
    keys of the per-document tables, gathered from every part. A forger's hashes do not help."""
    rows = read_csv(project, name)
    rows[0][column] = bad
    write_csv(project, name, rows, forge=True)
    key = "/".join(rows[0][k] for k in table(name).primary_key)
    message = f"{column} = {bad} is not in {target}"
    assert problems(project) == [
        Problem("reference", message, name, key, column, f"a row of {target}", "none")
    ]
    (fast,) = tablecheck.validate(project.data_dir).problems
    assert (fast.table, fast.column, fast.message) == (name, column, message)
    (slow,) = [p for p in validate(project).problems if p.check == "frictionless"]
    assert (slow.table, slow.key, slow.column) == (name, "row 2", column)
    assert "foreign key" in slow.message and bad in slow.message


def test_references_across_reports_come_before_the_shards_and_skip_an_unread_table(
    project: Project,
) -> None:
    """The keys those references want are gathered by the shards as they read their parts,
    yet the problems are reported where the tables read whole are: before any shard's. A
    target with a part that cannot be read is left out (its file is reported)."""
    rows = read_csv(project, "quote_links")
    rows[0]["other_quote_id"] = "0" * 16 + "-q0"
    write_csv(project, "quote_links", rows, forge=True)
    (project.data_dir / "media.csv").write_text("not,the,header\n", encoding="utf-8")
    found = problems(project)
    assert [p.table for p in found[:2]] == ["quote_links", "media"], found
    assert found[0].message == f"other_quote_id = {'0' * 16}-q0 is not in quotes"
    (project.data_dir / "quotes.csv").unlink()
    found = problems(project)
    assert not [p for p in found if p.table == "quote_links"], found
    assert Problem("file", "quotes.csv is missing", "quotes") in found


def test_an_entity_deleted_that_mentions_point_to(project: Project) -> None:
    mentions = [m for m in read_csv(project, "mentions") if m["entity_id"]]
    assert mentions, "the seeds give no resolved mentions: the test would check nothing"
    entity = mentions[0]["entity_id"]
    rows = [e for e in read_csv(project, "entities") if e["entity_id"] != entity]
    write_csv(project, "entities", rows, forge=True)
    found = [p for p in problems(project) if p.table == "mentions"]
    assert len(found) == sum(m["entity_id"] == entity for m in mentions)
    assert found[0].message == f"entity_id = {entity} is not in entities"


def test_a_cell_that_is_not_its_type(project: Project) -> None:
    rows = read_csv(project, "segments")
    rows[0]["start"] = "twelve"
    write_csv(project, "segments", rows, forge=True)
    found = problems(project)
    assert [(p.check, p.table) for p in found] == [("file", "segments"), ("span", "segments")]
    assert found[0].message.endswith("segments.csv: row 2: start: 'twelve' is not integer")


def test_a_parquet_copy_that_disagrees_with_its_csv(project: Project) -> None:
    path = project.data_dir / "documents.parquet"
    table = pq.read_table(path)
    titles = table.column("title").to_pylist()
    titles[0] = "forged"
    pq.write_table(table.set_column(table.schema.get_field_index("title"), "title", [titles]), path)
    doc_id = table.column("doc_id")[0].as_py()
    served, *rest = problems(project)
    assert (served.check, served.table, served.column) == ("served", "documents.parquet", "bytes")
    assert [(p.check, p.table, p.key, p.column, p.found) for p in rest] == [
        ("parquet", "documents", doc_id, "title", "forged")
    ]


def test_a_parquet_copy_forged_with_its_served_digest(project: Project) -> None:
    """Only the Parquet copy changed, its digests in served.json rewritten to match: nothing
    recorded tells, only decoding the copy and comparing it with its CSV does (why verify
    does not trust a digest in place of that comparison: docs/decisions.md, checks5)."""
    path = project.data_dir / "documents.parquet"
    table = pq.read_table(path)
    titles = table.column("title").to_pylist()
    titles[0] = "forged"
    pq.write_table(table.set_column(table.schema.get_field_index("title"), "title", [titles]), path)
    write_served(project.data_dir)
    doc_id = table.column("doc_id")[0].as_py()
    assert [(p.check, p.table, p.key, p.column, p.found) for p in problems(project)] == [
        ("parquet", "documents", doc_id, "title", "forged")
    ]


def test_a_parquet_copy_that_cannot_be_read(project: Project) -> None:
    path = project.data_dir / "documents.parquet"
    data = bytearray(path.read_bytes())
    data[100:400] = bytes(300)  # the column chunks, zeroed: the footer still parses
    path.write_bytes(bytes(data))
    found = [(p.check, p.table, p.message.split(":")[0]) for p in problems(project)]
    assert found == [
        (
            "served",
            "documents.parquet",
            "documents.parquet does not match its blake3 in served.json (edited after publishing?)",
        ),
        ("parquet", "documents", "cannot read documents.parquet"),
    ]


def test_verify_json_lists_every_problem_for_machines(project: Project, cli: CLI) -> None:
    a, b = (r.blake3 for r in read_index(project.raw_dir)[:2])
    raw_path(project.raw_dir, a).unlink()
    raw_path(project.raw_dir, b).unlink()
    result = cli("verify", "--root", project.root, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert not report["ok"]
    assert [(p["check"], p["key"]) for p in report["problems"]] == [("raw", a), ("raw", b)]
    assert set(report["problems"][0]) == {
        "check",
        "message",
        "table",
        "key",
        "column",
        "expected",
        "found",
    }


def test_a_body_longer_than_the_csv_field_limit_is_read_not_crashed_on(project: Project) -> None:
    rows = read_csv(project, "documents")
    doc = rows[0]
    doc["text"] = "\n\n".join([doc["text"]] * (200_000 // len(doc["text"]) + 1))
    doc["text_blake3"] = blake3_hex(doc["text"].encode())
    doc["word_count"] = str(len(doc["text"].split()))
    write_csv(project, "documents", rows, forge=True)
    assert [(p.check, p.key, p.column) for p in problems(project)] == [
        ("text", doc["doc_id"], "text")
    ]


def test_a_raw_file_unlisted_by_a_forger(project: Project) -> None:
    """Dropping a raw file's row (and its document's) still breaks the build record's inputs."""
    raws = read_csv(project, "raw_files")
    gone = raws.pop(0)
    write_csv(project, "raw_files", raws, forge=True)
    docs = [d for d in read_csv(project, "documents") if d["raw_blake3"] != gone["blake3"]]
    write_csv(project, "documents", docs, forge=True)
    found = [(p.check, p.table, p.column) for p in problems(project)]
    assert ("file", "raw_files", "build.inputs.raw_files") in found
    assert ("file", "raw_files", "build.inputs.blake3") in found


# --- tables in parts (the seeds with at most 2 documents per part) ---------------------------


def part(project: Project, table: str, doc_id: str) -> str:
    """The part of ``table`` that holds the rows of document ``doc_id``."""
    res = next(r for r in corpus.at(project.root).descriptor()["resources"] if r["name"] == table)
    return next(p for p in res["path"] if doc_id.startswith(Path(p).stem))


def read_part(project: Project, path: str) -> list[dict[str, str]]:
    with (project.data_dir / path).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_part(project: Project, path: str, rows: list[dict[str, str]], forge: bool) -> None:
    """Write a part back as the build does; ``forge`` also fixes its digests and drops its
    Parquet copy."""
    file = project.data_dir / path
    columns = file.read_text(encoding="utf-8").splitlines()[0].split(",")
    with file.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    if forge:
        (project.data_dir / path).with_suffix(".parquet").unlink()
        data = file.read_bytes()
        edit_parts(
            project,
            lambda entry: (
                entry.update(
                    bytes=len(data), hash=f"sha256:{sha256_hex(data)}", blake3=blake3_hex(data)
                )
                if entry["path"] == path
                else None
            ),
        )


def edit_descriptor(project: Project, edit) -> None:
    path = project.data_dir / DESCRIPTOR
    desc = json.loads(path.read_text(encoding="utf-8"))
    for res in desc["resources"]:
        edit(res)
    path.write_text(json.dumps(desc, indent=2, ensure_ascii=False), encoding="utf-8")
    write_served(project.data_dir)  # a careful forger records the descriptor's new hash too


def edit_parts(project: Project, edit) -> None:
    edit_descriptor(project, lambda res: [edit(entry) for entry in res.get("parts", [])])


def first_doc(project: Project) -> str:
    return corpus.at(project.root).rows("documents")[0]["doc_id"]


def test_a_corpus_in_parts_checks_what_one_in_one_file_does(
    built: Project, built_parts: Project
) -> None:
    whole, parted = corpus.at(built.root).verify(), corpus.at(built_parts.root).verify()
    assert parted.ok, [str(p) for p in parted.problems[:5]]
    files = sum(
        len(r["path"]) if isinstance(r["path"], list) else 1
        for r in corpus.at(built_parts.root).descriptor()["resources"]
    )
    assert parted.checked["files"] == parted.checked["parquet files"] == files > 100
    assert parted.checked["served files"] == files + 4  # database, metadata, Croissant, descriptor
    rest = ("files", "parquet files", "served files")
    assert {k: v for k, v in parted.checked.items() if k not in rest} == {
        k: v for k, v in whole.checked.items() if k not in rest
    }


def test_shards_checked_on_a_pool_report_what_one_process_does(project_parts: Project) -> None:
    """Problems in several shards and in the raw store: the same report, in the same order."""
    intact = corpus.at(project_parts.root)
    assert intact.verify(workers=2).to_dict() == intact.verify().to_dict()
    doc_id = first_doc(project_parts)
    path = part(project_parts, "mentions", doc_id)
    write_part(project_parts, path, read_part(project_parts, path)[1:], forge=False)
    last = raw_path(project_parts.raw_dir, read_index(project_parts.raw_dir)[-1].blake3)
    flip_byte(last)
    (last.parent / "stray").write_bytes(b"added by hand, beside a known file")
    one, pool = intact.verify(), intact.verify(workers=2)
    assert {p.check for p in one.problems} == {"file", "parquet", "raw"}
    assert "stray" in {p.key for p in one.problems}
    assert pool.to_dict() == one.to_dict()


def test_one_cell_edited_in_a_part(project_parts: Project) -> None:
    doc_id = first_doc(project_parts)
    path = part(project_parts, "documents", doc_id)
    rows = read_part(project_parts, path)
    old = rows[0]["title"]
    rows[0]["title"] = old + " (edited)"
    write_part(project_parts, path, rows, forge=False)
    found = problems(project_parts)
    files = [p for p in found if p.check == "file"]
    assert {p.column for p in files} == {"bytes", "hash", "blake3"}
    assert all(p.message.startswith(f"{path} does not match its ") for p in files)
    assert [p for p in found if p.check == "parquet"] == [
        Problem(
            "parquet",
            f"{path.removesuffix('.csv')}.parquet disagrees with {path}",
            "documents",
            rows[0]["doc_id"],
            "title",
            old + " (edited)",
            old,
        )
    ]
    assert title_evidence_problem(rows[0]["doc_id"], old) in found


def test_a_part_deleted(project_parts: Project) -> None:
    doc_id = first_doc(project_parts)
    path = part(project_parts, "segments", doc_id)
    (project_parts.data_dir / path).unlink()
    found = problems(project_parts)
    assert found[0] == Problem("file", f"{path} is missing", "segments")
    in_shard = {
        d["doc_id"] for d in read_part(project_parts, part(project_parts, "documents", doc_id))
    }
    assert {(p.check, p.table, p.key, p.column) for p in found[1:]} == {
        ("text", "documents", d, "text") for d in in_shard
    }, "the bodies of that shard's documents no longer assemble; nothing else is touched"


@pytest.mark.parametrize("column", ["bytes", "hash", "blake3"])
def test_a_part_digest_wrong_in_the_descriptor(project_parts: Project, column: str) -> None:
    path = part(project_parts, "mentions", first_doc(project_parts))
    forged = {"bytes": 1, "hash": "sha256:" + "0" * 64, "blake3": "0" * 64}[column]
    recorded = {}

    def forge(entry: dict) -> None:
        if entry["path"] == path:
            recorded.update(entry)
            entry[column] = forged

    edit_parts(project_parts, forge)
    assert problems(project_parts) == [
        Problem(
            "file",
            f"{path} does not match its {column} in datapackage.json (edited after publishing?)",
            "mentions",
            "",
            column,
            str(forged),
            str(recorded[column]),
        )
    ]


def test_a_part_with_no_digests(project_parts: Project) -> None:
    path = part(project_parts, "quotes", first_doc(project_parts))
    edit_descriptor(
        project_parts,
        lambda res: (
            res.update(parts=[e for e in res["parts"] if e["path"] != path])
            if "parts" in res
            else None
        ),
    )
    assert problems(project_parts) == [
        Problem("file", f"{path} has no digests in datapackage.json", "quotes", "", "parts")
    ]


def test_parts_reordered_in_the_descriptor(project_parts: Project) -> None:
    """The parts end to end are the table: out of prefix order, its rows are out of order."""

    def swap(res: dict) -> None:
        if res["name"] == "segments":
            res["path"][0], res["path"][1] = res["path"][1], res["path"][0]

    edit_descriptor(project_parts, swap)
    (found,) = problems(project_parts)
    assert (found.check, found.table, found.column) == ("file", "segments", "path")
    assert found.message.startswith("the parts of segments are not the 16 prefixes of 1 hex")
    assert (found.expected[:7], found.found[:7]) == ("0, 1, 2", "1, 0, 2")


def test_a_row_moved_to_another_part_by_a_forger(project_parts: Project) -> None:
    doc_id = first_doc(project_parts)
    source = part(project_parts, "mentions", doc_id)
    other = next(
        d["doc_id"]
        for d in corpus.at(project_parts.root).rows("documents")
        if d["doc_id"][0] != doc_id[0]
    )
    target = part(project_parts, "mentions", other)
    rows = read_part(project_parts, source)
    moved = rows.pop()
    write_part(project_parts, source, rows, forge=True)
    write_part(project_parts, target, [*read_part(project_parts, target), moved], forge=True)
    found = problems(project_parts)
    key = f"{moved['doc_id']}/{moved['seq']}"
    assert (
        Problem(
            "file",
            f"{target}: a row of another shard (its doc_id does not start with {other[0]})",
            "mentions",
            key,
            "doc_id",
            f"{other[0]}…",
            moved["doc_id"],
        )
        in found
    )
    assert (
        Problem(
            "reference",
            f"doc_id = {moved['doc_id']} is not in documents",
            "mentions",
            key,
            "doc_id",
            "a row of documents",
            "none",
        )
        in found
    )


def title_evidence_problem(doc_id: str, old: str) -> Problem:
    """What verify says of a title edited to ``old + " (edited)"`` without its evidence."""
    return Problem(
        "evidence",
        "title is not the value of its first 'title' evidence",
        "documents",
        doc_id,
        "title",
        old + " (edited)",
        old,
    )


# --- consistent forgeries of derived values: only re-deriving tells ---------------------------


def forge_cell(project: Project, table: str, column: str, value: str) -> tuple[dict, str]:
    """Change one cell of the first row whose cell differs from ``value`` in the CSV, its
    Parquet copy and the descriptor's digests, as a careful forger would; the row (forged)
    and the old value."""
    rows = read_csv(project, table)
    i = next(i for i, r in enumerate(rows) if r[column] != value and (r[column] or value))
    old, rows[i][column] = rows[i][column], value
    path = project.data_dir / f"{table}.parquet"
    parquet = pq.read_table(path)
    cells = parquet.column(column).to_pylist()
    typed = {"true": True, "false": False}.get(value, value) if value else None
    cells[i] = typed
    at = parquet.schema.get_field_index(column)
    forged = parquet.set_column(at, parquet.schema.field(at), [cells])
    write_csv(project, table, rows, forge=True)
    pq.write_table(forged, path)
    write_served(project.data_dir)
    return rows[i], old


FORGERIES = [
    ("quotes", "speaker_entity_id", "masoud-pezeshkian"),  # a quote given to someone else
    ("quotes", "cue", "claimed"),
    ("quotes", "method", "double:colon:name-x"),
    ("mentions", "entity_id", "iran"),
    ("mentions", "type", "organization"),
    ("citations", "entity_id", "tass"),
    ("documents", "language", "fr"),
    ("documents", "published_method", "inferred:forged"),
    ("media", "credit", "(Reuters)"),
    ("segments", "rule", "forged-rule"),
    ("segments", "kind", "footer"),
    ("evidence", "method", "forged-method"),
]


@pytest.mark.parametrize(("table", "column", "value"), FORGERIES)
def test_a_derived_value_forged_consistently_is_caught_by_rederiving(
    project: Project, table: str, column: str, value: str
) -> None:
    from pipeline.checks.rederive import rederive

    row, old = forge_cell(project, table, column, value)
    assert (project.data_dir / f"{table}.parquet").is_file()
    pk = corpus.at(project.root).descriptor()["resources"]
    key = next(r for r in pk if r["name"] == table)["schema"]["primaryKey"]
    assert rederive(project).problems == [
        Problem(
            "rederive",
            "the published cell is not what the raw bytes give",
            table,
            "/".join(row[k] for k in key),
            column,
            value,
            old,
        )
    ]


def test_verify_rederive_on_the_command_line(project: Project, cli: CLI) -> None:
    assert cli("verify", "--root", project.root, "--rederive").exit_code == 0
    alone = cli("verify", "--root", project.root, "--sample", 2)
    assert alone.exit_code == 2 and "--sample needs --rederive" in alone.stderr
    row, old = forge_cell(project, "quotes", "speaker_entity_id", "masoud-pezeshkian")
    result = cli("verify", "--root", project.root, "--rederive", "--json")
    assert result.exit_code == 1
    (problem,) = [p for p in json.loads(result.stdout)["problems"] if p["check"] == "rederive"]
    assert (problem["key"], problem["expected"], problem["found"]) == (
        row["quote_id"],
        "masoud-pezeshkian",
        old,
    )


def test_a_row_deleted_and_a_row_added_consistently(project: Project) -> None:
    from pipeline.checks.rederive import rederive

    rows = read_csv(project, "mentions")
    gone = rows.pop(3)
    added = {**rows[0], "seq": "999"}
    write_csv(project, "mentions", [*rows, added], forge=True)
    found = [(p.key, p.expected, p.found) for p in rederive(project).problems]
    assert found == [
        (f"{added['doc_id']}/999", "the row", "none"),
        (f"{gone['doc_id']}/{gone['seq']}", "none", "the row"),
    ]


def test_rederiving_refuses_when_the_code_is_not_the_code_that_built(
    project: Project, cli: CLI
) -> None:
    from pipeline.checks.rederive import Refused, rederive

    def other_code(desc: dict) -> None:
        desc["build"]["steps"]["quotes"] = "0" * 64
        desc["build"]["libraries"]["lxml"] = "0.0"

    path = project.data_dir / DESCRIPTOR
    desc = json.loads(path.read_text(encoding="utf-8"))
    other_code(desc)
    path.write_text(json.dumps(desc), encoding="utf-8")
    with pytest.raises(Refused, match=r"stage quotes \(recorded 000000000000, installed") as e:
        rederive(project)
    assert "library lxml (recorded 0.0, installed" in str(e.value)
    result = cli("verify", "--root", project.root, "--rederive")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot re-derive: the installed code is not the code")
    assert not list(project.base.glob(".rederive-*")), "the scratch directory is removed"


def test_a_registry_edited_after_the_build_is_named(project: Project) -> None:
    from pipeline.checks.rederive import rederive

    entities = project.registry_dir / "entities.csv"
    entities.write_text(entities.read_text(encoding="utf-8") + "x,X,person,,\n", "utf-8")
    found = rederive(project).problems
    assert (found[0].table, found[0].key, found[0].column) == ("registry", "entities.csv", "blake3")
    assert (found[1].table, found[1].key) == ("entities", "x")
    assert [p.table for p in found[2:]] == ["croissant.json", DESCRIPTOR], "they record inputs"


def test_a_seeded_sample_rederives_only_its_documents(project_parts: Project, cli: CLI) -> None:
    from pipeline.checks.rederive import rederive

    report = rederive(project_parts, sample=2, seed=7)
    assert report.ok and report.checked["raw files re-derived"] == 2
    again = rederive(project_parts, sample=2, seed=7)
    assert again.checked == report.checked
    docs = corpus.at(project_parts.root).rows("documents")
    quotes = corpus.at(project_parts.root).rows("quotes")
    sampled = {d["doc_id"] for d in docs if any(q["doc_id"] == d["doc_id"] for q in quotes)}
    for seed in range(50):  # a seed whose sample holds a document with quotes, and one without
        picked = {r.blake3[:16] for r in _sample(project_parts, 2, seed)}
        if picked & sampled and sampled - picked:
            break
    doc_id = next(iter(picked & sampled))
    quote = next(q for q in quotes if q["doc_id"] == doc_id)
    path = part(project_parts, "quotes", doc_id)
    rows = read_part(project_parts, path)
    row = next(r for r in rows if r["quote_id"] == quote["quote_id"])
    row["cue"] = "forged"
    write_part(project_parts, path, rows, forge=True)
    found = rederive(project_parts, sample=2, seed=seed).problems
    assert [(p.table, p.key, p.column, p.expected) for p in found] == [
        ("quotes", quote["quote_id"], "cue", "forged")
    ]
    result = cli(
        "verify", "--root", project_parts.root, "--rederive", "--sample", 2, "--seed", seed
    )
    assert result.exit_code == 1 and "rederive: quotes." in result.stderr


def _sample(project: Project, n: int, seed: int) -> list:
    from pipeline.checks.rederive import _records

    return _records(project, corpus.at(project.root).descriptor(), n, seed)


def test_an_intact_corpus_in_parts_rederives_whole(built_parts: Project) -> None:
    from pipeline.checks.rederive import rederive

    report = rederive(built_parts)
    assert report.ok, [str(p) for p in report.problems[:5]]
    assert report.checked["raw files re-derived"] == 5


# --- what the site and the loader serve besides the CSVs --------------------------------------


def sql(project: Project, statement: str) -> None:
    import sqlite3

    with sqlite3.connect(project.data_dir / "corpus.db") as conn:
        conn.execute(statement)
    conn.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE quotes SET speaker_entity_id = 'masoud-pezeshkian' WHERE rowid = 1",
        "DELETE FROM quotes WHERE rowid = 1",
    ],
)
def test_the_database_edited_is_caught_and_not_served(
    project: Project, cli: CLI, statement: str
) -> None:
    sql(project, statement)
    found = problems(project)
    assert [(p.check, p.table, p.column) for p in found] == [("served", "corpus.db", "blake3")]
    result = cli("serve", "--root", project.root, "--port", 0)  # any free port
    assert result.exit_code == 1
    assert "refusing to serve" in result.stderr and "corpus.db does not match its blake3" in (
        result.stderr
    )
    assert cli("build", "--root", project.root).exit_code == 0
    assert problems(project) == [], "the next build writes the database again, not in place"


def test_html_added_to_the_metadata_is_caught_by_verify_validate_and_serve(
    project: Project, cli: CLI
) -> None:
    path = project.data_dir / "metadata.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "description_html: <script>alert(1)</script>\n",
        encoding="utf-8",
    )
    assert [(p.check, p.table) for p in problems(project)] == [("served", "metadata.yml")]
    validate = cli("validate", "--root", project.root)
    assert validate.exit_code == 1
    assert f"{path} is not what the build generates" in validate.stderr
    serve = cli("serve", "--root", project.root, "--port", 0)
    assert serve.exit_code == 1 and "metadata.yml does not match its" in serve.stderr


def test_an_edited_croissant_is_caught_by_verify_and_validate(project: Project, cli: CLI) -> None:
    for path in (project.data_dir / "croissant.json", project.root / "croissant.json"):
        path.write_text(
            path.read_text(encoding="utf-8").replace("licenses/by/", "publicdomain/zero/", 1),
            "utf-8",
        )
    assert [(p.check, p.table) for p in problems(project)] == [("served", "croissant.json")]
    result = cli("validate", "--root", project.root, "--json")
    tables = [p["table"] for p in json.loads(result.stdout)["problems"]]
    assert result.exit_code == 1 and tables == ["croissant.json", "croissant.json"]


def test_a_parquet_file_deleted_or_added(project: Project) -> None:
    (project.data_dir / "quotes.parquet").unlink()
    (project.data_dir / "extra.parquet").write_bytes(b"PAR1")
    assert [(p.table, p.message) for p in problems(project)] == [
        (
            "quotes.parquet",
            "quotes.parquet is in served.json but missing (deleted?); run `corpus build`",
        ),
        ("extra.parquet", "extra.parquet is not in served.json (added after publishing?)"),
    ]


def test_built_files_without_their_manifest(project: Project) -> None:
    (project.data_dir / "served.json").unlink()
    (found,) = problems(project)
    assert (found.check, found.table) == ("served", "served.json")
    assert found.message.startswith("built files but no served.json to check them against")


def test_an_incremental_build_keeps_the_manifest_true(
    project_parts: Project, cli: CLI, tmp_path: Path
) -> None:
    capture = tmp_path / "new.txt"
    capture.write_text("Moscow, 1 March 2024. A new capture, built in place.\n", encoding="utf-8")
    assert cli("ingest", "--root", project_parts.root, capture).exit_code == 0
    result = cli("build", "--root", project_parts.root, "--json")
    assert json.loads(result.stdout)["database"] == "updated"
    assert problems(project_parts) == []
    sql(project_parts, "DELETE FROM documents WHERE rowid = 1")
    result = cli("build", "--root", project_parts.root, "--json")
    assert json.loads(result.stdout)["database"] == "built", "an edited database is not kept"
    assert problems(project_parts) == []


# --- each check on its own (every one of these broke no test when its check was removed) ------


def edit_parquet(project: Project, table: str, edit) -> None:
    path = project.data_dir / f"{table}.parquet"
    pq.write_table(edit(pq.read_table(path)), path)
    write_served(project.data_dir)  # the forger records the new file too


def test_a_parquet_copy_missing_its_last_row(project: Project) -> None:
    edit_parquet(project, "mentions", lambda t: t.slice(0, t.num_rows - 1))
    rows = len(read_csv(project, "mentions"))
    assert [(p.check, p.table, p.column, p.expected, p.found) for p in problems(project)] == [
        ("parquet", "mentions", "rows", str(rows), str(rows - 1))
    ]


def test_a_parquet_cell_emptied_and_a_parquet_column_dropped(project: Project) -> None:
    def null_title(t):
        titles = t.column("title").to_pylist()
        titles[0] = None
        return t.set_column(t.schema.get_field_index("title"), "title", [titles])

    edit_parquet(project, "documents", null_title)
    edit_parquet(project, "quotes", lambda t: t.drop_columns(["cue"]))
    doc_id = read_csv(project, "documents")[0]["doc_id"]
    found = [(p.check, p.table, p.key, p.column, p.found, p.message) for p in problems(project)]
    assert found == [
        (
            "parquet",
            "documents",
            doc_id,
            "title",
            "None",
            "documents.parquet disagrees with documents.csv",
        ),
        ("parquet", "quotes", "", "", "", "quotes.parquet has no column cue"),
    ]


def test_a_span_row_that_names_another_raw_file(project: Project) -> None:
    rows = read_csv(project, "evidence")
    raws = [r["blake3"] for r in read_csv(project, "raw_files")]
    row = rows[0]
    own, row["raw_blake3"] = row["raw_blake3"], next(b for b in raws if b != row["raw_blake3"])
    write_csv(project, "evidence", rows, forge=True)
    assert Problem(
        "span",
        "raw_blake3 is not the document's raw file",
        "evidence",
        f"{row['doc_id']}/{row['seq']}",
        "raw_blake3",
        row["raw_blake3"],
        own,
    ) in problems(project)


@pytest.mark.parametrize("column", ["media_type", "original_name", "ingested_at"])
def test_a_raw_files_record_edited_by_a_forger(project: Project, column: str) -> None:
    rows = read_csv(project, "raw_files")
    new = {
        "media_type": "text/html",
        "original_name": "x.txt",
        "ingested_at": "2020-01-01T00:00:00Z",
    }
    old, rows[0][column] = rows[0][column], new[column]
    write_csv(project, "raw_files", rows, forge=True)
    found = [p for p in problems(project) if p.check == "raw"]
    assert found == [
        Problem(
            "raw",
            "raw_files and the store's index.csv disagree",
            "raw_files",
            rows[0]["blake3"],
            column,
            new[column],
            old,
        )
    ]


def test_a_span_past_the_end_of_the_raw_text(project: Project) -> None:
    rows = read_csv(project, "mentions")
    row = rows[0]
    length = len(raw_text(project, row["doc_id"]))
    row["start"], row["end"], row["text"] = str(length + 5), str(length + 9), ""
    write_csv(project, "mentions", rows, forge=True)
    assert [(p.check, p.key, p.message) for p in problems(project)] == [
        (
            "span",
            f"{row['doc_id']}/{row['seq']}",
            f"text is not raw[{length + 5}:{length + 9}] (not a span of the "
            f"{length}-character raw text)",
        )
    ]


def test_an_index_out_of_order(project: Project) -> None:
    index = project.raw_dir / "index.csv"
    head, first, second, *rest = index.read_text(encoding="utf-8").splitlines(keepends=True)
    writable(index).write_text("".join([head, second, first, *rest]), encoding="utf-8")
    found = [(p.check, p.key, p.message) for p in problems(project)]
    assert (
        "raw",
        first.split(",")[0],
        "the store's index.csv is not sorted by blake3 (edited by hand?)",
    ) in found


def test_a_csv_with_its_columns_reordered_by_a_forger(project: Project) -> None:
    path = project.data_dir / "mentions.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows = [[r[1], r[0], *r[2:]] for r in rows]  # doc_id and seq swapped, data with them
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    write_csv(project, "mentions", read_csv(project, "mentions"), forge=True)
    found = [(p.check, p.table, p.column, p.found[:10]) for p in problems(project)]
    assert ("file", "mentions", "header", "seq,doc_id") in found


def test_a_raw_file_dropped_from_the_store_index(project: Project) -> None:
    index = project.raw_dir / "index.csv"
    head, first, *rest = index.read_text(encoding="utf-8").splitlines(keepends=True)
    writable(index).write_text("".join([head, *rest]), encoding="utf-8")
    b3 = first.split(",")[0]
    assert problems(project) == [
        Problem("raw", "listed in raw_files but not in the store's index.csv", "raw_files", b3)
    ]


def test_a_span_with_a_negative_start_that_slices_the_same_text(project: Project) -> None:
    """``raw[-k:end]`` can hold the span's text; a span must still start inside the text."""
    rows = read_csv(project, "mentions")
    row = rows[0]
    length = len(raw_text(project, row["doc_id"]))
    start = int(row["start"]) - length
    row["start"] = str(start)
    write_csv(project, "mentions", rows, forge=True)
    assert [(p.check, p.key, p.message) for p in problems(project)] == [
        (
            "span",
            f"{row['doc_id']}/{row['seq']}",
            f"text is not raw[{start}:{row['end']}] (not a span of the {length}-character raw "
            "text)",
        )
    ]


def test_a_document_id_that_is_not_its_raw_files(project: Project) -> None:
    rows = read_csv(project, "documents")
    old = rows[0]["doc_id"]
    rows[0]["doc_id"] = "0" * 16
    write_csv(project, "documents", rows, forge=True)
    assert Problem(
        "text",
        "doc_id is not the first 16 hex digits of raw_blake3",
        "documents",
        "0" * 16,
        "doc_id",
        "0" * 16,
        old,
    ) in problems(project)


def test_a_parquet_part_edited_in_place_stays_reported_after_a_rebuild(
    project_parts: Project, cli: CLI
) -> None:
    """The build links an unchanged part into its new version with its recorded entry: an
    edit made in place (the same file) is not blessed by being hashed again."""
    doc_id = first_doc(project_parts)
    path = project_parts.data_dir / part(project_parts, "documents", doc_id).replace(
        ".csv", ".parquet"
    )
    table = pq.read_table(path)
    titles = table.column("title").to_pylist()
    titles[0] = "forged"
    pq.write_table(table.set_column(table.schema.get_field_index("title"), "title", [titles]), path)
    assert cli("build", "--root", project_parts.root).exit_code == 0
    found = {(p.check, p.table) for p in problems(project_parts)}
    name = path.relative_to(project_parts.data_dir).as_posix()
    assert ("served", name) in found and ("parquet", "documents") in found


def test_a_sample_is_the_seeds_choice(project_parts: Project) -> None:
    import random

    from pipeline.checks.rederive import _records

    published = corpus.at(project_parts.root).descriptor()
    every = read_index(project_parts.raw_dir)
    for seed in (0, 7):
        expected = sorted(random.Random(seed).sample(every, 3), key=lambda r: r.blake3)
        assert _records(project_parts, published, 3, seed) == expected
    assert _records(project_parts, published, None, 0) == every
