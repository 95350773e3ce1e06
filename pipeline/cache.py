"""The build cache: each document's state after each step, reused while its inputs are unchanged.

A step's output for a document depends on the raw file, the step's own code and everything
before it. So the entry after step ``k`` is keyed by a chain: the raw file's record, the
build's environment (registry, library versions), then the fingerprints of steps ``1..k``.
Editing the rule of step ``k`` re-runs steps ``k..n`` and reuses ``1..k-1``; a new raw file
runs everything; the final rows are one more link (the code that makes rows from a document).

Layout: two files per document, in ``corpus/.cache/<b3[:2]>/<b3>/``. ``steps.json`` holds the
key of each step done and what that step changed (the parts of the document whose value
differs from the state before it), so that the state after step ``k`` is the first ``k``
changes applied in turn; ``<n>-rows.<key>.json`` holds the rows. Writing them removes every
other file of the document, so the cache never holds more than one entry per document and stage.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from corpus.store import RawFile, blake3_hex
from pipeline.extract.model import Doc

ROWS = "rows"  # the last stage: the tables' rows made from the finished document
KEY_CHARS = 32
STEPS_FILE = "steps.json"

Rows = dict[str, list[dict[str, Any]]]

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

    def rows(self, raw: RawFile, keys: list[str]) -> Rows | None:
        """The cached rows of ``raw`` when no stage changed since they were made."""
        rows: Rows | None = _read(self._rows_path(raw, keys))
        return rows

    def has_rows(self, raw: RawFile, keys: list[str]) -> bool:
        """Whether the rows of ``raw`` are cached (without reading them)."""
        return self._rows_path(raw, keys).is_file()

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

    def _rows_path(self, raw: RawFile, keys: list[str]) -> Path:
        stage = len(self.stages) - 1
        return self._dir(raw) / f"{stage}-{self.stages[stage][0]}.{keys[stage]}.json"


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

    def save(self, rows: Rows) -> None:
        """Write the steps' changes and ``rows``, and drop the document's stale entries."""
        directory = self.cache._dir(self.raw)
        rows_path = self.cache._rows_path(self.raw, self.keys)
        try:
            directory.mkdir(parents=True)
        except FileExistsError:
            keep = {STEPS_FILE, rows_path.name}
            for stale in os.scandir(directory):
                if stale.name not in keep:
                    Path(stale.path).unlink(missing_ok=True)
        if self._new:
            changes = self._kept + [_dump(c) for c in self._new]
            _write(directory / STEPS_FILE, {"keys": self.keys[: len(changes)], "changes": changes})
        _write(rows_path, rows)


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
