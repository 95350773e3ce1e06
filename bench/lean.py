"""The lean pass: what the build's bookkeeping alone costs, a baseline for ``corpus build``.

Over the same raw store as the build: read each capture, decode it, split it into lines,
keep the non-blank ones and write them as spans (``doc_id``, ``seq``, ``start``, ``end``,
``text``) to one Parquet file. No extraction, no cache, no database: a build can only be as
cheap as this plus its steps.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpus.store import decode, raw_path
from pipeline.project import Project
from pipeline.raw.index import scan

BATCH = 4_096  # documents per Parquet row group
SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("seq", pa.int64()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
    ]
)


def measure(root: Path, out: Path) -> dict[str, Any]:
    """CPU and wall time of the lean pass over the project at ``root`` (in this process)."""
    raw_dir = Project(root).raw_dir
    out.mkdir(parents=True, exist_ok=True)
    cpu, wall = time.process_time(), time.perf_counter()
    index = scan(raw_dir)
    columns: list[list[Any]] = [[] for _ in SCHEMA]
    documents = spans = 0
    with pq.ParquetWriter(out / "spans.parquet", SCHEMA, compression="zstd") as writer:
        for raw in index.raws(""):
            text = decode(raw_path(raw_dir, raw.blake3).read_bytes(), raw.encoding)
            doc_id, start, seq = raw.blake3[:16], 0, 0
            for line in text.splitlines(keepends=True):
                if line.strip():
                    end = start + len(line.rstrip("\r\n"))
                    for column, value in zip(
                        columns, (doc_id, seq, start, end, text[start:end]), strict=True
                    ):
                        column.append(value)
                    seq += 1
                start += len(line)
            documents += 1
            spans += seq
            if documents % BATCH == 0:
                writer.write_table(pa.table(columns, schema=SCHEMA))
                columns = [[] for _ in SCHEMA]
        writer.write_table(pa.table(columns, schema=SCHEMA))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "documents": documents,
        "spans": spans,
        "seconds": round(wall, 3),
        "cpu_ms_per_doc": round(1000 * cpu / max(documents, 1), 3),
    }
