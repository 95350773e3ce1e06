"""Tables in parts by BLAKE3 prefix: the same rows as one file, valid, rebuilt shard by shard.

The five seeds with ``--part-size 2`` give 16 parts per per-document table (most of them
header-only), which is enough to exercise every path a 100k corpus takes.
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import random
import shutil
import signal
import sqlite3
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import CLI, REPO, copy_sources
from test_faults import CORPUS, snapshot, start, wait_for

import corpus
from corpus.api import SQLITE_NAME
from corpus.served import SERVED
from corpus.store import blake3_hex, read_index, sha256_hex, write_index
from corpus.tables import parts, read_descriptor, resource
from pipeline import across, schemas
from pipeline.build.executors import Dask, Local
from pipeline.build.run import REGISTRY_TABLES, build
from pipeline.checks import tablecheck
from pipeline.project import Project
from pipeline.publish import write
from pipeline.publish.atomic import database_current, repair
from pipeline.publish.shards import MANIFEST, digits, prefixes, runs
from pipeline.publish.write import TableWriter, write_parquet
from pipeline.raw.ingest import ingest
from pipeline.site.database import build_database, update_database

SHARDED = [t.name for t in schemas.tables() if t.name not in (*REGISTRY_TABLES, *across.TABLES)]


def build_parts(cli: CLI, project: Project, *args: object) -> dict:
    result = cli("build", "--root", project.root, "--part-size", 2, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def published(project: Project) -> dict[str, bytes]:
    """Every file of the data directory (parts included) and the root copies, by path."""
    files = [project.root / "datapackage.json", project.root / "metadata.yml"]
    files += sorted(p for p in project.data_dir.rglob("*") if p.is_file())
    return {p.relative_to(project.root).as_posix(): p.read_bytes() for p in files}


def database_rows(project: Project) -> dict[str, list[tuple]]:
    """Every table's rows (sorted), and what a full-text search finds."""
    with sqlite3.connect(project.data_dir / SQLITE_NAME) as db:
        found = {
            t.name: sorted(db.execute(f"SELECT * FROM [{t.name}]"), key=repr)
            for t in schemas.tables()
        }
        found["fts"] = sorted(  # rowids differ after an update in place; keys do not
            db.execute(
                "SELECT doc_id FROM documents WHERE rowid IN "
                "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'defence OR talked')"
            )
        )
    db.close()
    return found


def same(path: Path, inodes: dict[Path, int]) -> bool:
    return path.stat().st_ino == inodes[path]


def fresh_build(project: Project, tmp_path: Path) -> Project:
    """A full build, from nothing, of ``project``'s raw store (2 documents a part)."""
    fresh = copy_sources(tmp_path / "fresh")
    shutil.copytree(project.raw_dir, fresh.raw_dir, dirs_exist_ok=True)
    assert build(fresh, part_size=2).database == "built"
    return fresh


def capture(tmp_path: Path, text: str = "Shoigu met Ashtiani in Tehran.\n\nThey talked.\n") -> Path:
    path = tmp_path / "new.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_digits_give_parts_of_at_most_part_size_documents() -> None:
    assert [digits(n, 4_000) for n in (0, 4_000, 4_001, 10_000, 100_000, 1_000_000)] == [
        0,
        0,
        1,
        1,
        2,
        2,
    ]
    assert digits(1_024_001, 4_000) == 3
    assert prefixes(0) == [""] and prefixes(1)[:3] == ["0", "1", "2"] and len(prefixes(2)) == 256


def test_parts_concatenated_are_the_one_file_tables(built_parts: Project, built: Project) -> None:
    desc = read_descriptor(built_parts.data_dir)
    for name in REGISTRY_TABLES:
        assert resource(desc, name)["path"] == f"{name}.csv"
    for name in SHARDED:
        res = resource(desc, name)
        assert res["path"] == [f"{name}/{p}.csv" for p in prefixes(1)]
        assert "bytes" not in res and "hash" not in res and "blake3" not in res
        whole = (built.data_dir / f"{name}.csv").read_bytes()
        header = whole.split(b"\n", 1)[0] + b"\n"
        body = b""
        for part in parts(res):
            data = (built_parts.data_dir / part.path).read_bytes()
            assert (part.bytes, part.sha256, part.blake3) == (
                len(data),
                sha256_hex(data),
                blake3_hex(data),
            )
            assert data.startswith(header), part.path
            body += data[len(header) :]
        assert header + body == whole, name
        frames = [pq.read_table(built_parts.data_dir / p.parquet) for p in parts(res)]
        assert pa.concat_tables(frames).equals(pq.read_table(built.data_dir / f"{name}.parquet"))
    loaded = corpus.at(built_parts.root)
    assert loaded.rows("quotes") == corpus.at(built.root).rows("quotes")
    assert len(loaded.paths("documents", "parquet")) == 16
    assert database_rows(built_parts) == database_rows(built)


@pytest.mark.parametrize("descriptor", ["corpus/data/datapackage.json", "datapackage.json"])
def test_frictionless_validates_the_multipart_package(
    built_parts: Project, descriptor: str
) -> None:
    frictionless = Path(CORPUS).with_name("frictionless")
    result = subprocess.run(
        [frictionless, "validate", "--json", descriptor],
        cwd=built_parts.root,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    assert report["valid"], result.stdout[-3000:]
    assert {t["name"] for t in report["tasks"]} == {t.name for t in schemas.tables()}


def test_croissant_reads_the_records_of_a_table_in_parts(built_parts: Project) -> None:
    mlc = pytest.importorskip("mlcroissant", reason="the Croissant validator is not installed")
    dataset = mlc.Dataset(jsonld=str(built_parts.data_dir / "croissant.json"))
    doc_ids = {d["documents/doc_id"].decode() for d in dataset.records("documents")}
    assert doc_ids == {r["doc_id"] for r in corpus.at(built_parts.root).rows("documents")}


def test_one_new_capture_rewrites_only_its_shard(
    project_parts: Project, cli: CLI, tmp_path: Path
) -> None:
    inodes = {p: p.stat().st_ino for p in project_parts.data_dir.glob("*/*.*")}
    new = ingest(project_parts, [capture(tmp_path)]).added[0]
    result = build_parts(cli, project_parts)
    assert result["shards"] == {"parts": 16, "written": 1, "reused": 15, "spliced": 1}
    assert (result["rebuilt"], result["database"]) == (1, "updated")
    data = project_parts.data_dir
    moved = {p.relative_to(data).as_posix() for p in inodes if not same(p, inodes)}
    shard = new.blake3[0]
    assert moved == {f"{name}/{shard}.{ext}" for name in SHARDED for ext in ("csv", "parquet")}
    assert database_current(project_parts.data_dir)

    fresh = fresh_build(project_parts, tmp_path)
    ours, theirs = published(project_parts), published(fresh)
    assert ours.keys() == theirs.keys()
    # the database updated in place has other rowids, and served.json records its hash
    differ = [n for n in ours if ours[n] != theirs[n] and not n.endswith((SQLITE_NAME, SERVED))]
    assert differ == []
    assert database_rows(project_parts) == database_rows(fresh)


def test_a_shard_is_spliced_to_the_bytes_a_full_write_gives(
    project: Project, tmp_path: Path
) -> None:
    """One part holding every document (the seeds, one file): a new document lands among
    the others, then one goes; each time the spliced files equal a fresh build's."""
    text = 'Shoigu said: "We met,\nand talked."\n\n"Yes," he said, "and ""again""."\n'
    ingest(project, [capture(tmp_path, text)])
    result = build(project)
    assert (result.shards["spliced"], result.rebuilt) == (1, 1)
    assert _same_as_fresh(project, tmp_path / "one")
    kept = read_index(project.raw_dir)[1:]
    write_index(project.raw_dir, kept)
    result = build(project)
    assert (result.shards["spliced"], result.rebuilt, result.documents) == (1, 0, 5)
    assert _same_as_fresh(project, tmp_path / "two")


def test_runs_merge_as_a_stable_merge_of_rows_does() -> None:
    """``runs`` against the row-by-row merge it replaced, on random parts: documents with
    one or more rows, new ones before, among and after the old, some sharing an old id,
    some of the old removed (and some ids removed that are not there)."""
    rng = random.Random(7)
    for _ in range(500):
        ids = sorted(rng.sample(range(100), rng.randint(0, 12)))
        old = [f"{i:02}" for i in ids for _ in range(rng.randint(1, 3))]
        fresh = sorted(rng.sample(range(100), rng.randint(0, 4)))
        new = [f"{i:02}" for i in fresh for _ in range(rng.randint(1, 3))]
        removed = set(rng.sample(sorted(set(old)), min(len(set(old)), rng.randint(0, 3))))
        removed.add(f"{rng.randrange(100):02}")
        expected = [
            (source, i)
            for doc, source, i in heapq.merge(
                ((doc, 0, i) for i, doc in enumerate(old) if doc not in removed),
                ((doc, 1, i) for i, doc in enumerate(new)),
                key=lambda item: item[0],
            )
        ]
        found = [(s, i) for s, start, stop in runs(old, new, removed) for i in range(start, stop)]
        assert found == expected, (old, new, removed)


@pytest.mark.parametrize(
    "rows, chars, groups", [(4, 1 << 24, 8), (1 << 16, 300, 6), (1 << 16, 1 << 24, 1)]
)
def test_write_parquet_cuts_the_row_groups_table_writer_cuts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int, chars: int, groups: int
) -> None:
    """The same bytes from rows written as they come and from the table read back: with
    groups cut by rows, by characters (multi-byte ones among them), or not cut at all."""
    monkeypatch.setattr(write, "ROW_GROUP", rows)
    monkeypatch.setattr(write, "ROW_GROUP_BYTES", chars)
    table = schemas.table("segments")
    examples = [
        {
            "doc_id": f"{i:016x}",
            "seq": i,
            "kind": "paragraph",
            "kept": i % 2 == 0,
            "joined": i % 3 == 0,
            "rule": "",
            "text": "Шойгу сказал " * (i % 7),
            "start": i,
            "end": i + 1,
        }
        for i in range(30)
    ]
    assert set(examples[0]) == set(table.columns), "the example must fit schemas/segments.json"
    with TableWriter(table, tmp_path / "written.csv") as writer:
        writer.write(examples)
    written = tmp_path / "written.parquet"
    write_parquet(table, tmp_path / "again.parquet", pq.read_table(written))
    assert pq.ParquetFile(written).metadata.num_row_groups == groups
    assert (tmp_path / "again.parquet").read_bytes() == written.read_bytes()


def _same_as_fresh(project: Project, root: Path) -> bool:
    fresh = copy_sources(root)
    shutil.copytree(project.raw_dir, fresh.raw_dir, dirs_exist_ok=True)
    build(fresh)
    ours, theirs = published(project), published(fresh)
    assert ours.keys() == theirs.keys()
    assert [n for n in ours if ours[n] != theirs[n] and not n.endswith(SQLITE_NAME)] == []
    return database_rows(project) == database_rows(fresh)


def test_an_unchanged_corpus_rewrites_nothing(project_parts: Project, cli: CLI) -> None:
    before = published(project_parts)
    result = build_parts(cli, project_parts)
    assert result["shards"]["written"] == 0 and result["database"] == "updated"
    assert published(project_parts) == before


def test_a_new_part_size_rewrites_every_shard_from_the_cache(
    project_parts: Project, cli: CLI
) -> None:
    kept = cli("build", "--root", project_parts.root, "--json")  # default: the last build's
    assert kept.exit_code == 0, kept.output
    assert json.loads(kept.stdout)["shards"] == {
        "parts": 16,
        "written": 0,
        "reused": 16,
        "spliced": 0,
    }
    result = cli("build", "--root", project_parts.root, "--part-size", "4000", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["shards"] == {"parts": 1, "written": 1, "reused": 0, "spliced": 0}
    assert (found["rebuilt"], found["database"]) == (0, "built")
    committed = {n: (REPO / "corpus/data" / f"{n}.csv").read_bytes() for n in SHARDED}
    assert {n: (project_parts.data_dir / f"{n}.csv").read_bytes() for n in SHARDED} == committed
    assert not (project_parts.data_dir / "documents").exists()


def test_a_missing_manifest_rewrites_every_shard(project_parts: Project, cli: CLI) -> None:
    before = published(project_parts)
    (project_parts.data_dir / MANIFEST).unlink()
    result = build_parts(cli, project_parts)
    assert result["shards"]["written"] == 16 and result["rebuilt"] == 0
    assert published(project_parts) == before


def test_a_stale_database_stamp_rebuilds_the_database(project_parts: Project, cli: CLI) -> None:
    expected = database_rows(project_parts)
    with sqlite3.connect(project_parts.data_dir / SQLITE_NAME) as db:
        db.execute("DELETE FROM documents")
        db.execute("PRAGMA user_version = 1")
    db.close()
    assert not database_current(project_parts.data_dir)
    repair(project_parts)
    assert not (project_parts.data_dir / SQLITE_NAME).exists(), "a stale database is not served"
    assert build_parts(cli, project_parts)["database"] == "built"
    assert database_current(project_parts.data_dir)
    assert database_rows(project_parts) == expected


def test_a_database_laid_out_by_other_code_is_not_current(
    built_parts: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp hashes ``pipeline/site/database.py`` with the descriptor: other indexes, other
    stamp, so the next build writes the database afresh."""
    assert database_current(built_parts.data_dir)
    monkeypatch.setattr("pipeline.publish.atomic._layout", lambda: "0" * 64)  # database.py edited
    assert not database_current(built_parts.data_dir)


def test_dask_and_local_publish_the_same_parts(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    sources = copy_sources(tmp_path / "local"), copy_sources(tmp_path / "dask")
    build(sources[0], executor=Local(2), part_size=2)
    build(sources[1], executor=Dask(workers=2, batch=2), part_size=2)
    ours, theirs = published(sources[0]), published(sources[1])
    assert ours.keys() == theirs.keys() and len(ours) > 100
    assert [name for name in ours if ours[name] != theirs[name]] == []


@pytest.mark.parametrize("point", ["staging created", "database being updated"])
def test_a_killed_incremental_build_leaves_old_or_new(
    project_parts: Project, cli: CLI, tmp_path: Path, point: str
) -> None:
    before = snapshot(project_parts)
    ingest(project_parts, [capture(tmp_path)])
    reader = sqlite3.connect(project_parts.data_dir / SQLITE_NAME)  # a reader holds the update
    reader.execute("BEGIN")  # back at its commit, with its journal written: the kill point
    reader.execute("SELECT count(*) FROM documents").fetchone()
    process = start("build", "--root", project_parts.root, "--part-size", 2)
    journal = project_parts.data_dir / f"{SQLITE_NAME}-journal"
    if point == "staging created":
        wait_for(lambda: any(project_parts.base.glob(".staging-*")), process)
    else:
        wait_for(journal.exists, process)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    reader.close()
    if point == "staging created":
        assert snapshot(project_parts) == before
    else:  # the new tables are published; the database still holds the old ones
        assert not database_current(project_parts.data_dir)
    assert corpus.at(project_parts.root).verify().ok
    result = build_parts(cli, project_parts)
    assert database_current(project_parts.data_dir)
    assert database_rows(project_parts) == database_rows(fresh_build(project_parts, tmp_path))
    assert result["documents"] == 6


@pytest.mark.parametrize("rows, chars", [(10, 1 << 24), (1 << 16, 40)])
def test_part_writer_writes_the_bytes_table_writer_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int, chars: int
) -> None:
    """Rows made into Arrow chunks (as the build's workers do) and written a chunk at a time
    as one part: the CSV and Parquet bytes of the same rows streamed, with booleans, empty
    and missing values, carriage returns, multi-byte text, datetimes, and batches and row
    groups cut inside a chunk and between two."""
    monkeypatch.setattr(write, "BATCH", 4)
    monkeypatch.setattr(write, "ROW_GROUP", rows)
    monkeypatch.setattr(write, "ROW_GROUP_BYTES", chars)
    segments = [
        {
            "doc_id": f"{i:016x}",
            "seq": i,
            "kind": "paragraph",
            "kept": i % 2 == 0,
            "joined": i % 3 == 0,
            "rule": "" if i % 4 else "dateline",
            "text": ("Шойгу сказал\r" if i % 5 == 0 else 'Shoigu, "said"\n') * (i % 3),
            "start": i,
            "end": i + 1,
        }
        for i in range(23)
    ]
    raws = [
        {
            **dict.fromkeys(schemas.table("raw_files").columns, ""),
            "blake3": f"{i:064x}",
            "size_bytes": i,
            "ingested_at": f"2024-03-0{1 + i % 9}T12:00:0{i % 10}Z",
            "source_url": None if i % 2 else "",
        }
        for i in range(12)
    ]
    for name, made in (("segments", segments), ("raw_files", raws)):
        table = schemas.table(name)
        with TableWriter(table, tmp_path / "streamed" / f"{name}.csv") as writer:
            writer.write(made)
        with write.PartWriter(table, tmp_path / "parts" / f"{name}.csv") as part:
            for i in range(0, len(made), 3):
                part.write(write.to_arrow(table, made[i : i + 3]))
        assert part.rows == len(made)
        assert pq.ParquetFile(tmp_path / "parts" / f"{name}.parquet").num_row_groups > 1
        for suffix in (".csv", ".parquet"):
            streamed = (tmp_path / "streamed" / name).with_suffix(suffix).read_bytes()
            assert (tmp_path / "parts" / name).with_suffix(suffix).read_bytes() == streamed
        assert (tmp_path / "parts" / f"{name}.csv").read_bytes() == _csv_module(table, made)


def test_part_writer_quotes_every_cell_as_the_csv_module_does(tmp_path: Path) -> None:
    """Arrow makes a part's CSV cells (``write.csv_rows``): random texts of commas, quotes,
    line feeds, carriage returns, spaces and multi-byte letters, empty values, booleans and
    negative numbers, give the bytes of rows the csv module writes (TableWriter's)."""
    rng = random.Random(7)
    alphabet = [",", '"', "\n", "\r", " ", "a", "Ш", "é", "'", "\t", "\u2028", "0"]
    table = schemas.table("segments")
    rows = [
        {
            "doc_id": f"{i:016x}",
            "seq": i,
            "kind": "paragraph",
            "kept": rng.random() < 0.5,
            "joined": rng.random() < 0.5,
            "rule": rng.choice(["", "x,y", '"q"', "plain"]),
            "text": "".join(rng.choices(alphabet, k=rng.randrange(6))),
            "start": -i,
            "end": i * 1_000_003,
        }
        for i in range(400)
    ]
    with TableWriter(table, tmp_path / "streamed.csv") as writer:
        writer.write(rows)
    with write.PartWriter(table, tmp_path / "part.csv") as part:
        for i in range(0, len(rows), 37):
            part.write(write.to_arrow(table, rows[i : i + 37]))
    for suffix in (".csv", ".parquet"):
        streamed = (tmp_path / "streamed").with_suffix(suffix).read_bytes()
        assert (tmp_path / "part").with_suffix(suffix).read_bytes() == streamed
    assert (tmp_path / "streamed.csv").read_bytes() == _csv_module(table, rows)


def _csv_module(table: schemas.Table, rows: list[dict]) -> bytes:
    """The CSV the csv module writes of ``rows`` (booleans as true/false, None empty), but a
    row with a carriage return written with every such cell quoted: the reference both
    writers' Arrow-made CSV is held to."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in rows:
        cells = [write._cell(row[c]) for c in table.columns]
        if any("\r" in cell for cell in cells):
            out.write(",".join(write._quoted(row[c]) for c in table.columns) + "\n")
        else:
            writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def test_ids_across_reports_are_looked_up_in_every_part(project_parts: Project) -> None:
    loaded = corpus.at(project_parts.root)
    docs = [row["doc"] for row in loaded.rows("document_events")]
    assert len({doc[0] for doc in docs}) > 1, "reports of several parts"
    report = loaded.verify()
    assert report.ok, report.problems[:5]
    assert tablecheck.validate(project_parts.data_dir).ok
    path = project_parts.data_dir / "document_events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(docs[-1], "0" * 16), encoding="utf-8")
    dangling = [p for p in loaded.verify().problems if p.check == "reference"]
    assert [(p.table, p.column, p.message) for p in dangling] == [
        ("document_events", "doc", f"doc = {'0' * 16} is not in documents")
    ]


def _table_rows(db_path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db_path) as db:
        found = {
            t.name: sorted(db.execute(f"SELECT * FROM [{t.name}]"), key=repr)
            for t in schemas.tables()
        }
    db.close()
    return found


@pytest.mark.parametrize("vouched", [True, False])
def test_a_table_in_one_file_is_updated_by_the_rows_that_differ(
    built_parts: Project, tmp_path: Path, vouched: bool
) -> None:
    """The tables across reports, rewritten whole by a build, reach the database as their
    rows that differ from the published files (one removed, one edited to a text with a
    quote and a line break, one added; the removed citation edge has an empty key cell,
    NULL in SQLite): the same rows as a database built from the new files. An old file its
    descriptor does not vouch for makes the table replaced whole, with the same rows."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(built_parts.data_dir, old)
    shutil.copytree(built_parts.data_dir, new)
    replaced = tuple(schemas.table(name) for name in across.TABLES)
    edges = old / "citation_edges.csv"
    with edges.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    rows[1][header.index("outlet_id")] = ""  # an edge of a report whose outlet is unknown
    with edges.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    descriptor = read_descriptor(old)
    resource(descriptor, "citation_edges")["blake3"] = blake3_hex(edges.read_bytes())
    (old / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for table in replaced:
        with (old / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        assert rows, f"the seeds have no {table.name}"
        text = next(i for i, f in enumerate(table.fields) if f["type"] == "string")
        key = header.index(table.primary_key[0])
        edited = [*rows[0][:text], 'said "no"\nthen yes', *rows[0][text + 1 :]]
        added = [*rows[-1][:key], "zz-new", *rows[-1][key + 1 :]]
        with (new / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([header, edited, *rows[2:], added])
    db = tmp_path / SQLITE_NAME
    build_database(db, tuple(schemas.tables()), old, read_descriptor(old), 0)
    if not vouched:
        with (old / "quote_links.csv").open("a", encoding="utf-8") as f:
            f.write("an,edited,row\n")
    sharded = tuple(t for t in schemas.tables() if t.name in SHARDED)
    update_database(db, sharded, new, [], 1, replaced=replaced, previous=old)

    fresh = tmp_path / "fresh.db"
    tables = tuple(schemas.tables())
    build_database(fresh, tables, new, read_descriptor(new), 1)
    assert _table_rows(db) == _table_rows(fresh)
    assert (
        _table_rows(db)["quote_links"]
        != _table_rows(built_parts.data_dir / SQLITE_NAME)["quote_links"]
    )
