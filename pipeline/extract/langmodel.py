"""py3langid's model, kept in the build cache in a form that loads in milliseconds, and
its byte walk done by NumPy.

py3langid ships its model LZMA-compressed and decompresses it (about a second) in every
process on its first ``classify``: longer than an incremental build's whole work. The first
build writes the arrays, uncompressed, to ``corpus/.cache/py3langid-<version>/``; later
processes map them and hand py3langid an identifier built from the same arrays.

py3langid walks its automaton one byte at a time in Python (about 1 ms per 2,000
characters). The automaton is an Aho-Corasick one over byte n-grams: its state after a
byte depends only on the last :data:`DEPTH` bytes read (the longest suffix of the text that
is a prefix of a feature; ``bench/langid_proof.py`` checks this over the whole model). So
the state at every position is found at once, by ``DEPTH`` vectorised steps from the start
state, and everything after the walk (the counts in order of first sight, the scores, the
decision) is py3langid's own code: every result is the same.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from array import array
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid import langid, modelio

ARRAYS = ("ptc", "pc", "nextmove", "row", "output")
DEPTH = 6  # the longest feature's bytes: the automaton's deepest state
LANGUAGE_SAMPLE = 2_000  # characters of a text read to tell its language


def language(text: str) -> str:
    """Code of ``text``'s language (py3langid): ISO 639-1 where the language has one, else
    ISO 639-3 (``yue``, ``arz``); empty for an empty text.

    Only the first ``LANGUAGE_SAMPLE`` characters are read: py3langid walks every byte in
    Python, and a few hundred words tell a language as surely as the whole article.
    """
    return str(langid.classify(text[:LANGUAGE_SAMPLE])[0]) if text.strip() else ""


class Identifier(langid.LanguageIdentifier):  # type: ignore[misc]
    """py3langid's identifier, but for the walk over the bytes (:meth:`visits`)."""

    def __init__(
        self,
        ptc: np.ndarray,
        pc: np.ndarray,
        classes: list[str],
        nextmove: np.ndarray,
        row: np.ndarray,
        output: np.ndarray,
    ) -> None:
        # py3langid's own walk is not used: its tables are passed as mapped, not copied
        super().__init__(ptc, pc, classes, nextmove, output, tk_row=_array(row))
        self._next = nextmove  # indexed by position at once: the mapped array as it is
        self._rows = np.asarray(row, dtype=np.intp) << 8
        self._out = np.asarray(output, dtype=np.intp)

    def visits(self, data: bytes) -> dict[int, int]:
        """How often each feature occurs in ``data``, in order of first occurrence: what
        py3langid's ``visit_counts`` counts, the states found ``DEPTH`` bytes at a time."""
        text = np.frombuffer(data, dtype=np.uint8)
        n = len(text)
        state = np.zeros(n, dtype=np.intp)
        for j in range(min(DEPTH, n) - 1, -1, -1):  # position i reads byte i - j
            state[j:] = self._next[self._rows[state[j:]] + text[: n - j]]
        found = self._out[state]
        found = found[found >= 0]
        features, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first)
        return dict(zip(features[order].tolist(), counts[order].tolist(), strict=True))

    def _raw_score(self, text: bytes) -> np.ndarray:
        if visits := self.visits(text):
            return self._sparse_score(visits, self.nb_ptc)
        return super()._raw_score(b"")  # no feature: py3langid's score of nothing


def load(cache_dir: Path) -> None:
    """Give py3langid its identifier from ``cache_dir`` (writing it there first if missing),
    unless this process has one already."""
    if langid.IDENTIFIER is not None:
        return
    directory = cache_dir / f"py3langid-{version('py3langid')}"
    if not (directory / "classes.json").is_file():
        _write(directory)
    ptc, pc, nextmove, row, output = (
        np.load(directory / f"{name}.npy", mmap_mode="r") for name in ARRAYS
    )
    classes = json.loads((directory / "classes.json").read_text(encoding="utf-8"))
    langid.IDENTIFIER = Identifier(ptc, np.asarray(pc), classes, nextmove, row, output)


def _write(directory: Path) -> None:
    """Decompress py3langid's model into ``directory`` (atomically: another process may race)."""
    model = modelio.load_model(langid.MODEL_DIR / langid.MODEL_FILE)
    ptc, pc, classes, nextmove, row, output = model
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=directory.parent, prefix=".tmp-"))
    arrays = (ptc, pc, _numpy(nextmove), _numpy(row), np.asarray(output, dtype=np.int64))
    try:
        for name, values in zip(ARRAYS, arrays, strict=True):
            np.save(tmp / f"{name}.npy", values, allow_pickle=False)
        (tmp / "classes.json").write_text(json.dumps(classes), encoding="utf-8")
        os.replace(tmp, directory)
    except BaseException as e:  # a full disk; or (OSError) written meanwhile by another process
        shutil.rmtree(tmp, ignore_errors=True)
        if not isinstance(e, OSError) or not directory.is_dir():
            raise


def _numpy(values: array) -> np.ndarray:  # type: ignore[type-arg]
    return np.frombuffer(values, dtype=values.typecode)


def _array(values: np.ndarray) -> array:  # type: ignore[type-arg]
    """The stdlib array py3langid makes of a NumPy one (one copy of the mapped file)."""
    out = array(values.dtype.char)
    out.frombytes(values.data.cast("B"))
    return out
