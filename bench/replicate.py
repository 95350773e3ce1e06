"""A large site to time without running the pipeline: a built project's documents, copied.

``replicate(source, target, n)`` writes a project of ``n`` documents: the source's documents,
their quotes and their ``raw_files`` rows again and again, each copy with fresh ids (a new
BLAKE3 per raw file, and the ``doc_id`` and ``quote_id`` made from it), and every other table
as the source has it. The SQLite database is then made by the same code as ``corpus build``
(``pipeline.site.database.build_database``: keys, indexes, FTS5 and its triggers) and the site's
metadata by ``pipeline.site.metadata``.

What it is not: a corpus. Every copy has the same words, so a word matches as large a share of
the documents as in the source, but the vocabulary does not grow; only the source's own
documents have segments, mentions and evidence; and there are no raw files, so document pages
are rebuilt from the segments (empty for the copies). Its descriptor lists no resources (the
tables are only in the database), and the database carries that descriptor's stamp, so that
``corpus serve`` takes it as current rather than building the (empty) raw store over it.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import blake3

from corpus.tables import DESCRIPTOR, parts, read_descriptor, resource
from pipeline import schemas
from pipeline.project import Project, default_registry, init
from pipeline.publish.atomic import stamp
from pipeline.site.database import build_database
from pipeline.site.metadata import dumps, metadata

Row = dict[str, str]
COPIED = ("raw_files", "documents", "quotes")


def replicate(source: Path, target: Path, documents: int) -> Project:
    """A new project at ``target`` with ``documents`` documents copied from ``source``."""
    csv.field_size_limit(sys.maxsize)
    project = init(target, registry=default_registry())
    tables = schemas.tables()
    src = project.base / "source"  # the source's tables, each in one file
    src.mkdir()
    published = Project(source).data_dir
    desc = read_descriptor(published)
    for table in tables:
        found = parts(resource(desc, table.name))
        _concatenate([published / p.path for p in found], src / f"{table.name}.csv")
    for table in tables:
        if table.name not in COPIED:
            shutil.copyfile(src / f"{table.name}.csv", project.data_dir / f"{table.name}.csv")
    docs = _read(src / "documents.csv")
    raws = {r["blake3"]: r for r in _read(src / "raw_files.csv")}
    quotes: dict[str, list[Row]] = defaultdict(list)
    for q in _read(src / "quotes.csv"):
        quotes[q["doc_id"]].append(q)
    with ExitStack() as stack:
        out = {name: _writer(stack, project.data_dir, src, name) for name in COPIED}
        for copy, doc in _copies(docs, documents):
            raw = _fresh(doc["raw_blake3"], copy)
            doc_id = raw[: len(doc["doc_id"])]
            out["raw_files"].writerow({**raws[doc["raw_blake3"]], "blake3": raw})
            out["documents"].writerow({**doc, "doc_id": doc_id, "raw_blake3": raw})
            for q in quotes[doc["doc_id"]]:
                out["quotes"].writerow(
                    {
                        **q,
                        "doc_id": doc_id,
                        "quote_id": _renamed(q["quote_id"], q["doc_id"], doc_id),
                        "part_of": _renamed(q["part_of"], q["doc_id"], doc_id),
                    }
                )
    write_metadata(project)
    own = {"name": "replica", "description": f"{documents} documents copied by bench/replicate.py"}
    text = json.dumps({**own, "resources": []}, indent=1).encode()
    (project.data_dir / DESCRIPTOR).write_bytes(text)
    one_file = {"resources": [{"name": t.name, "path": f"{t.name}.csv"} for t in tables]}
    build_database(project.data_dir / "corpus.db", tables, project.data_dir, one_file, stamp(text))
    for table in tables:
        (project.data_dir / f"{table.name}.csv").unlink()
    shutil.rmtree(src)
    return project


def _concatenate(paths: list[Path], to: Path) -> None:
    """The CSV files ``paths`` (parts of a table, each with the header) as one file."""
    with to.open("wb") as out:
        for i, path in enumerate(paths):
            with path.open("rb") as f:
                if i:
                    f.readline()  # a header line has no line breaks in it
                shutil.copyfileobj(f, out)


def write_metadata(project: Project) -> None:
    """The site's ``metadata.yml`` (canned queries included) from the current ``schemas/``,
    titled as the project's identity says."""
    meta = dumps(metadata(schemas.tables(), project.identity()))
    (project.data_dir / "metadata.yml").write_text(meta, encoding="utf-8")


def _copies(docs: list[Row], n: int) -> Iterator[tuple[int, Row]]:
    """``n`` documents: the source's in order, then again, with the copy's number."""
    for i in range(n):
        yield i // len(docs), docs[i % len(docs)]


def _fresh(raw_blake3: str, copy: int) -> str:
    """The source's own hash for copy 0; a new, stable one for each further copy."""
    return raw_blake3 if copy == 0 else blake3.blake3(f"{raw_blake3}/{copy}".encode()).hexdigest()


def _renamed(key: str, old: str, new: str) -> str:
    """A quote's key (it starts with its document's id) for the copy of the document."""
    return new + key[len(old) :] if key.startswith(old) else key


def _read(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _writer(stack: ExitStack, to: Path, source: Path, name: str) -> csv.DictWriter[str]:
    """A CSV writer for table ``name`` in ``to``, with the source's header."""
    with (source / f"{name}.csv").open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    file = stack.enter_context((to / f"{name}.csv").open("w", newline="", encoding="utf-8"))
    rows = csv.DictWriter(file, header, lineterminator="\n")
    rows.writeheader()
    return rows
