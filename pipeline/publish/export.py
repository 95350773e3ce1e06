"""``corpus export jsonl|parquet|hf``: the published corpus in the shapes other tools read.

- ``jsonl``: one JSON object per document, the ``documents`` row with the rows of every table
  that refers to it (``segments``, ``evidence``, ``media``, ``mentions``, ``quotes``,
  ``citations``: each row's spans included) nested as lists under the table's name, without
  the repeated ``doc_id``; an empty value is ``null``, a datetime ISO 8601 in UTC (``…Z``).
- ``parquet``: the same records in one Parquet file, the nested tables as lists of structs
  typed by their Table Schemas.
- ``hf``: a Hugging Face dataset folder: ``data/nested.parquet`` (the nested records,
  the default configuration) and ``data/<table>.parquet`` for every table (a configuration
  each), with a dataset card (``README.md``) whose ``configs:`` lets ``load_dataset(OUT)``
  read it offline.

Everything is read from what is published (the Parquet copies, part by part, so memory
holds one part's documents) and written beside the output first, then moved into place: an
export is whole or absent. The project root gets two derived files with every build
(:func:`project_files`): ``CITATION.cff`` and ``.huggingface.yaml``, the configurations
that let ``load_dataset(<project>)`` read the published Parquet tables.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from corpus.api import Corpus
from pipeline import schemas
from pipeline.publish import citation

HF_CONFIG = ".huggingface.yaml"
DOCUMENTS = "documents"
_DOC = "doc_id"
NESTED = "nested.parquet"  # the default configuration of an hf export
BATCH = 1_000  # documents per Parquet row group


def children(desc: dict[str, Any]) -> list[str]:
    """The tables whose rows belong to one document (a foreign key ``doc_id`` to it)."""
    return [
        r["name"]
        for r in desc["resources"]
        if any(
            fk["fields"] == [_DOC] and fk["reference"]["resource"] == DOCUMENTS
            for fk in r["schema"].get("foreignKeys", [])
        )
    ]


def records(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """Every document with its rows of the other tables nested, in the published order."""
    names = children(corpus.descriptor())
    documents = corpus.paths(DOCUMENTS, "parquet")
    nested = {name: corpus.paths(name, "parquet") for name in names}
    for i, path in enumerate(documents):  # the parts of every per-document table line up
        rows: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for name in names:
            for row in pq.read_table(nested[name][i]).to_pylist():
                rows[row.pop(_DOC)][name].append(row)
        for doc in pq.read_table(path).to_pylist():
            found = rows.get(doc[_DOC], {})
            yield {**doc, **{name: found.get(name, []) for name in names}}


def arrow_schema(desc: dict[str, Any]) -> pa.Schema:
    """The nested records' schema: the documents' columns, then a list of structs per table."""
    nested = [
        pa.field(
            name,
            pa.list_(pa.struct([f for f in schemas.table(name).arrow_schema() if f.name != _DOC])),
            nullable=False,
        )
        for name in children(desc)
    ]
    return pa.schema([*schemas.table(DOCUMENTS).arrow_schema(), *nested])


def write_jsonl(corpus: Corpus, out: Path) -> int:
    """The nested records as JSON Lines at ``out``; how many."""
    with _replacing(out) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as f:
        n = 0
        for record in records(corpus):
            f.write(json.dumps(record, ensure_ascii=False, default=_json) + "\n")
            n += 1
    return n


def write_parquet(corpus: Corpus, out: Path) -> int:
    """The nested records as one Parquet file at ``out``; how many."""
    schema = arrow_schema(corpus.descriptor())
    with _replacing(out) as tmp, pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        n = 0
        batch: list[dict[str, Any]] = []
        for record in records(corpus):
            batch.append(record)
            n += 1
            if len(batch) == BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


def write_hf(corpus: Corpus, out: Path) -> int:
    """A Hugging Face dataset folder at ``out`` (which must not exist or be empty)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out} exists and is not an empty directory")
    desc = corpus.descriptor()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (tmp / "data").mkdir()
        n = write_parquet(corpus, tmp / "data" / NESTED)
        for name in corpus.tables():
            parts = [pq.read_table(p) for p in corpus.paths(name, "parquet")]
            pq.write_table(pa.concat_tables(parts), tmp / "data" / f"{name}.parquet")
        configs = [_config("default", f"data/{NESTED}")]
        configs += [_config(name, f"data/{name}.parquet") for name in corpus.tables()]
        (tmp / "README.md").write_text(dataset_card(desc, configs), encoding="utf-8")
        if out.exists():
            out.rmdir()
        os.chmod(tmp, 0o755)  # mkdtemp made it private
        os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return n


def dataset_card(desc: dict[str, Any], configs: list[dict[str, Any]]) -> str:
    """A dataset card: YAML (licence, name, configurations), then what it is and how to cite."""
    header: dict[str, Any] = {"pretty_name": desc["title"]}
    if licences := desc.get("licenses"):
        header["license"] = licences[0]["name"].lower()
    header["tags"] = desc.get("keywords", [])
    header["configs"] = configs
    tables = "\n".join(f"- `{r['name']}`: {r['description']}" for r in desc["resources"])
    return (
        f"---\n{yaml.safe_dump(header, sort_keys=False, allow_unicode=True)}---\n\n"
        f"# {desc['title']}\n\n{desc['description']}\n\n"
        f"Version {desc['version']}. The default configuration holds one record per document "
        "with the rows of the tables that refer to it nested; each table is a configuration "
        f"of its own:\n\n{tables}\n\n## Citation\n\n{citation.cite_as(desc)}\n"
    )


def project_files(desc: dict[str, Any]) -> dict[str, str]:
    """The files derived for the project root from its root descriptor (paths from the root):
    ``CITATION.cff`` and the Hugging Face configurations of the published Parquet tables."""
    configs = [
        {**_config(r["name"], _parquet_glob(r["path"])), **({"default": True} if i == 0 else {})}
        for i, r in enumerate(sorted(desc["resources"], key=lambda r: r["name"] != DOCUMENTS))
    ]
    hf = yaml.safe_dump({"configs": configs}, sort_keys=False, allow_unicode=True)
    return {citation.CITATION: citation.dumps(citation.cff(desc)), HF_CONFIG: hf}


def _parquet_glob(path: str | list[str]) -> str:
    """The Parquet copies of a table: its one file, or every part in its directory."""
    if isinstance(path, str):
        return path.removesuffix(".csv") + ".parquet"
    return f"{path[0].rsplit('/', 1)[0]}/*.parquet"


def _config(name: str, path: str) -> dict[str, Any]:
    return {"config_name": name, "data_files": [{"split": "train", "path": path}]}


def _json(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    raise TypeError(f"{type(value).__name__} is not JSON")


@contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out``, renamed to ``out`` when the block ends without error."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
