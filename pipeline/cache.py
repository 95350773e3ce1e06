"""The build cache: each document's state after each step, reused while its inputs are unchanged.

A step's output for a document depends on the raw file, the step's own code and everything
before it. So the entry after step ``k`` is keyed by a chain: the raw file's record, the
build's environment (registry, library versions), then the fingerprints of steps ``1..k``.
Editing the rule of step ``k`` re-runs steps ``k..n`` and reuses ``1..k-1``; a new raw file
runs everything; the final rows are one more link (the code that makes rows from a document).

Layout: ``corpus/.cache/<b3[:2]>/<b3>/<stage>.<key>.json``. Writing an entry removes the
stale entries of the same stage, so the cache never holds more than one per document and stage.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from corpus.store import RawFile, blake3_hex
from pipeline.model import Doc

ROWS = "rows"  # the last stage: the tables' rows made from the finished document
KEY_CHARS = 32

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
        rows: Rows | None = _read(self._path(raw, len(self.stages) - 1, keys))
        return rows

    def has_rows(self, raw: RawFile, keys: list[str]) -> bool:
        """Whether the rows of ``raw`` are cached (without reading them)."""
        return self._path(raw, len(self.stages) - 1, keys).is_file()

    def resume(self, raw: RawFile, text: str, keys: list[str]) -> tuple[int, Doc]:
        """How many steps can be skipped for ``raw``, and the document as they left it."""
        for done in range(len(self.stages) - 1, 0, -1):
            data = _read(self._path(raw, done - 1, keys))
            if data is not None:
                return done, _load(raw, text, data)
        return 0, Doc(raw=raw, text=text)

    def save(self, raw: RawFile, stage: int, keys: list[str], value: Doc | Rows) -> None:
        """Keep ``value`` (a document after step ``stage``, or the rows) and drop stale ones."""
        data = _dump(value) if isinstance(value, Doc) else value
        path = self._path(raw, stage, keys)
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{self._stem(stage)}.*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # C encoder
        os.replace(tmp, path)

    def _stem(self, stage: int) -> str:
        return f"{stage}-{self.stages[stage][0]}"

    def _path(self, raw: RawFile, stage: int, keys: list[str]) -> Path:
        b3 = raw.blake3
        return self.directory / b3[:2] / b3 / f"{self._stem(stage)}.{keys[stage]}.json"


def _read(path: Path) -> Any:
    """An entry's content; ``None`` when missing or unreadable (then it is made again)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _dump(doc: Doc) -> dict[str, Any]:
    """What the steps added to ``doc`` (the raw text is not kept: it is in the raw store)."""
    return {
        name: [dict(vars(item)) for item in getattr(doc, name)]  # flat records: asdict is slow
        if is_dataclass(kind)
        else getattr(doc, name)
        for name, kind in _PARTS.items()
    }


def _load(raw: RawFile, text: str, data: dict[str, Any]) -> Doc:
    parts: dict[str, Any] = {
        name: [kind(**item) for item in data[name]] if is_dataclass(kind) else data[name]
        for name, kind in _PARTS.items()
    }
    return Doc(raw=raw, text=text, **parts)
