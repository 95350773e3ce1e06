"""py3langid's model, kept in the build cache in a form that loads in milliseconds.

py3langid ships its model LZMA-compressed and decompresses it (about a second) in every
process on its first ``classify``: longer than an incremental build's whole work. The first
build writes the arrays, uncompressed, to ``corpus/.cache/py3langid-<version>/``; later
processes map them and hand py3langid the identifier it would have built from the same
arrays, so every result is the same.
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
    langid.IDENTIFIER = langid.LanguageIdentifier(
        ptc,
        np.asarray(pc),
        classes,
        _array(nextmove),  # indexed once per byte of text: an array's items are fastest
        output.tolist(),
        tk_row=_array(row),
    )


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
    out.frombytes(memoryview(values).cast("B"))
    return out
