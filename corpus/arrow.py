"""Arrow values built from their buffers, not converted from Python values.

pyarrow imports pandas (when installed) on its first conversion of Python values — ``pa.array``,
``pa.scalar``, a plain number or string given to a compute function — which costs 0.4 CPU-s,
more than checking the five seeds. ``verify`` and ``validate --fast`` make theirs here.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import pyarrow as pa

_CODES = {pa.int32(): "i", pa.int64(): "q", pa.float64(): "d"}


def strings(values: Iterable[str]) -> pa.StringArray:
    """``values`` as an Arrow string array."""
    data = [v.encode("utf-8", "surrogatepass") for v in values]
    offsets = array("i", [0])
    for d in data:
        offsets.append(offsets[-1] + len(d))
    return pa.StringArray.from_buffers(
        len(data), pa.py_buffer(offsets), pa.py_buffer(b"".join(data))
    )


def string(value: str | None) -> pa.Scalar:
    """``value`` as an Arrow string scalar (``None``: a null one)."""
    return strings([value])[0] if value is not None else pa.nulls(1, pa.string())[0]


def number(value: float, type_: pa.DataType) -> pa.Scalar:
    """``value`` as an Arrow scalar of ``type_`` (int32, int64 or float64); a value that is not
    a whole number is a float64."""
    if type_ != pa.float64() and value != int(value):
        type_ = pa.float64()
    buffer = pa.py_buffer(array(_CODES[type_], [value if type_ == pa.float64() else int(value)]))
    return pa.Array.from_buffers(type_, 1, [None, buffer])[0]
