"""The build cache: each document's state after each step, and the rows of chunks of
documents, reused while their inputs are unchanged.

A step's output for a document depends on the raw file, the step's own code and everything
before it. So the entry after step ``k`` is keyed by a chain: the raw file's record, the
build's environment (registry, library versions), then the fingerprints of steps ``1..k``.
Editing the rule of step ``k`` re-runs steps ``k..n`` and reuses ``1..k-1``; a new raw file
runs everything; the final rows are one more link (the code that makes rows from a document).

Layout: the steps per document, the rows per chunk. ``corpus/.cache/<b3[:2]>/<b3>/steps.json``
holds the key of each step done and what that step changed (the parts of the document whose
value differs from the state before it), so that the state after step ``k`` is the first
``k`` changes applied in turn, and the chunk its rows were last made in. A chunk is up to
``CHUNK`` documents of one shard, in hash order; its key is its first document's id and the
hash of their rows' keys, and ``corpus/.cache/chunks/<key>/<table>.arrow`` holds its rows of
each table as Arrow columns (``pipeline.publish.write.to_arrow``): one file per table per chunk, not
one per document. A document's rows are found in its chunk, else in the chunk its
``steps.json`` names (the chunks differ when its shard gained documents, or the part size
changed), else made again. A build that wrote a shard keeps only the chunks it read or
made of it (:meth:`Cache.prune`): one entry per chunk of documents, as per document and step.
"""

from __future__ import annotations

import json
import os
import shutil
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

import pyarrow as pa

from corpus.store import RawFile, blake3_hex
from pipeline.extract.model import Doc

ROWS = "rows"  # the last stage: the tables' rows made from the finished document
KEY_CHARS = 32
STEPS_FILE = "steps.json"
CHUNKS = "chunks"
CHUNK = 256  # documents per chunk, at most

Rows = dict[str, list[dict[str, Any]]]
Tables = dict[str, pa.Table]  # a chunk's rows: each table's, as Arrow columns

# The Doc's parts the steps fill (all but the raw record and text), and for a list of
# records the record type; any other part is kept as the JSON value it is.
_HINTS = get_type_hints(Doc)
_PARTS: dict[str, type | None] = {
    f.name: next(iter(get_args(_HINTS[f.name])), None)
    if get_origin(_HINTS[f.name]) is list
    else None
    for f in fields(Doc)
    if f.name not in ("raw", "text")
}


@dataclass(frozen=True)
class Cache:
    """Where a build finds and leaves documents, and the fingerprint chain of its stages."""

    directory: Path
    base: str  # fingerprint of what every stage shares: registry, environment
    stages: tuple[tuple[str, str], ...]  # (name, fingerprint) of every step, then of ROWS

    def keys(self, raw: RawFile) -> list[str]:
        """The key of each stage's entry for ``raw``: a hash over the chain up to that stage."""
        key = blake3_hex(json.dumps([self.base, asdict(raw)], sort_keys=True).encode())
        keys = []
        for name, fingerprint in self.stages:
            key = blake3_hex(f"{key}\n{name}:{fingerprint}".encode())
            keys.append(key[:KEY_CHARS])
        return keys

    def chunk_key(self, first: RawFile, keys: Iterable[list[str]]) -> str:
        """The key of a chunk: its ``first`` document's id and the hash of its documents' rows
        keys (``keys`` of each)."""
        digest = blake3_hex("\n".join(k[-1] for k in keys).encode())[:KEY_CHARS]
        return f"{first.blake3[:16]}.{digest}"

    def chunk(self, key: str, tables: Sequence[str]) -> Tables | None:
        """The rows of chunk ``key``; ``None`` when any table's file is missing or unreadable."""
        directory = self.directory / CHUNKS / key
        try:
            found = {}
            for name in tables:
                with pa.memory_map(str(directory / f"{name}.arrow")) as source:
                    found[name] = pa.ipc.open_file(source).read_all()
            return found
        except (OSError, pa.ArrowInvalid):
            return None

    def save_chunk(self, key: str, tables: Tables) -> None:
        """Write chunk ``key`` (atomically: a directory renamed into place; one already there
        stays, with the same rows)."""
        final = self.directory / CHUNKS / key
        tmp = final.with_name(f".tmp-{os.getpid()}-{key}")
        try:
            tmp.mkdir(parents=True, exist_ok=True)
            for name, table in tables.items():
                with pa.ipc.new_file(tmp / f"{name}.arrow", table.schema) as writer:
                    writer.write_table(table)
            os.rename(tmp, final)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not final.is_dir():
                raise

    def document_rows(self, raw: RawFile, keys: list[str], tables: Sequence[str]) -> Tables | None:
        """``raw``'s rows from the chunk its ``steps.json`` names, if its rows key is current."""
        entry = _read(self._dir(raw) / STEPS_FILE)
        try:
            made, chunk = entry["rows"]
        except (KeyError, TypeError, ValueError):
            return None
        found = self.chunk(chunk, tables) if made == keys[-1] else None
        if found is None:
            return None
        doc_id = raw.blake3[:16]
        rows = {}
        for name, table in found.items():
            ids = table.column("doc_id").to_pylist()  # in hash order: one run per document
            start, stop = bisect_left(ids, doc_id), bisect_right(ids, doc_id)
            rows[name] = table.slice(start, stop - start)
        return rows

    def prune(self, shards: Iterable[str], keep: set[str]) -> None:
        """Remove the chunks of the shards (prefixes) ``shards`` but those ``keep``, and what
        a killed build left half-written."""
        prefixes = tuple(shards)
        try:
            found = list(os.scandir(self.directory / CHUNKS))
        except FileNotFoundError:
            return
        for entry in found:
            stale = entry.name.startswith(".tmp-") or entry.name.startswith(prefixes)
            if stale and entry.name not in keep:
                shutil.rmtree(entry.path, ignore_errors=True)

    def resume(self, raw: RawFile, text: str, keys: list[str]) -> Progress:
        """``raw``'s document after the longest run of steps whose entries are still valid."""
        entry = _read(self._dir(raw) / STEPS_FILE)
        try:
            kept = _valid(entry, keys[:-1])
            doc = _load(raw, text, kept)
        except (AttributeError, KeyError, TypeError, ValueError):  # missing or malformed
            kept, doc = [], Doc(raw=raw, text=text)
        return Progress(self, raw, keys, len(kept), doc, kept, _parts(doc))

    def _dir(self, raw: RawFile) -> Path:
        return self.directory / raw.blake3[:2] / raw.blake3


@dataclass
class Progress:
    """One document on its way through the steps: what was reused, what each new step changed."""

    cache: Cache
    raw: RawFile
    keys: list[str]
    done: int  # steps reused from the cache
    doc: Doc  # the document as they left it
    _kept: list[dict[str, Any]]  # their changes, as read
    _last: dict[str, Any]  # the parts as the latest step left them (records are frozen)
    _new: list[dict[str, Any]] = field(default_factory=list)  # the changes of each step run

    def step(self, doc: Doc) -> None:
        """Note ``doc`` as the next step left it."""
        parts = _parts(doc)
        self._new.append({n: v for n, v in parts.items() if v != self._last[n]})
        self._last = parts

    def save(self, chunk: str) -> None:
        """Write the steps' changes, and that the rows were made in ``chunk``."""
        directory = self.cache._dir(self.raw)
        directory.mkdir(parents=True, exist_ok=True)
        changes = self._kept + [_dump(c) for c in self._new]
        entry = {"keys": self.keys[: len(changes)], "changes": changes}
        _write(directory / STEPS_FILE, {**entry, "rows": [self.keys[-1], chunk]})


def _parts(doc: Doc) -> dict[str, Any]:
    """The steps' parts of ``doc``; lists copied, so that a later step cannot change them."""
    return {
        name: list(value) if isinstance(value := getattr(doc, name), list) else value
        for name in _PARTS
    }


def _valid(entry: Any, keys: list[str]) -> list[dict[str, Any]]:
    """The changes of the leading steps of ``entry`` whose keys are still ``keys``."""
    kept = []
    for key, want, changes in zip(entry["keys"], keys, entry["changes"], strict=False):
        if key != want:
            break
        kept.append(changes)
    return kept


def _write(path: Path, value: Any) -> None:
    """Write ``value`` as JSON to ``path`` atomically (a temporary file, then a rename); a
    failed write (a full disk) leaves nothing behind."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        tmp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _read(path: Path) -> Any:
    """An entry's content; ``None`` when missing or unreadable (then it is made again)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _dump(parts: dict[str, Any]) -> dict[str, Any]:
    """``parts`` as JSON values (the raw text is not kept: it is in the raw store)."""
    return {
        name: [dict(vars(item)) for item in value]  # flat records: asdict is slow
        if is_dataclass(_PARTS[name])
        else value
        for name, value in parts.items()
    }


def _load(raw: RawFile, text: str, changes: list[dict[str, Any]]) -> Doc:
    """The document that ``changes``, applied in turn, make of ``raw``'s ``text``."""
    data: dict[str, Any] = {}
    for step in changes:
        data.update(step)
    parts: dict[str, Any] = {}
    for name, value in data.items():
        kind = _PARTS[name]
        parts[name] = [kind(**item) for item in value] if is_dataclass(kind) else value
    return Doc(raw=raw, text=text, **parts)
