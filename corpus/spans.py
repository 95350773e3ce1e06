"""Span texts re-sliced from the raw texts with Arrow, a column at a time (needs pyarrow).

A span is ``start:end`` in code points of its document's decoded raw text (an astral
character is one code point, as in Python). :class:`Sources` lays a shard's texts end to end
as UTF-8 and turns each span into byte offsets there: plain addition for a text that is all
ASCII, a lookup in the text's table of code-point starts otherwise. The spans then become a
column of string views into that buffer (no text copied), compared with the column of
recorded texts in one call.

:meth:`Sources.check` answers only whether *every* span of a column holds: how many it
checked, or ``None`` when one does not (or cannot be told here). The caller then checks that
column row by row, in Python, to say which rows are wrong and why; the two must agree on
every row (tests/test_tamper.py, tests/test_hostile.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corpus.arrow import strings

INLINE = 12  # bytes a string view holds inline; longer ones point into the buffer
_LIMIT = 2**31  # a view's offset is an int32: larger shards are checked row by row
_MASKS = np.array([0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF], "<u4")  # the first n bytes of a word
_ALL = np.uint32(0xFFFFFFFF)


class Sources:
    """The decoded raw texts of a shard's documents, by ``doc_id``."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.ids = strings(texts)
        self.lengths = np.array([len(t) for t in texts.values()], np.int64)  # code points
        self.points = np.concatenate(([0], np.cumsum(self.lengths)))[:-1]  # each text's first
        # (A lone surrogate, which no strict decoding gives, still takes one code point.)
        self.buffer = "".join(texts.values()).encode("utf-8", "surrogatepass")
        self.padded = np.frombuffer(self.buffer + bytes(INLINE + 3), np.uint8)
        # The 32-bit word at each byte of the buffer (a view: nothing copied).
        self.words = np.ndarray((len(self.padded) - 3,), "<u4", self.padded, 0, (1,))
        # Code point c of the buffer starts at byte c + (continuation bytes before it): those
        # of code points before c. Continuation byte j (at byte k) is of code point k - j - 1.
        data = np.frombuffer(self.buffer, np.uint8)
        wide = np.flatnonzero(data >= 0x80)
        continued = wide[(data[wide] & 0xC0) == 0x80]
        self.continued = continued - np.arange(len(continued))

    def check(
        self, doc_ids: pa.Array, starts: pa.Array, ends: pa.Array, values: pa.Array
    ) -> int | None:
        """How many spans ``doc_ids``/``starts``/``ends`` hold ``values`` exactly (a row with
        neither start nor end is no span); ``None`` unless every one does."""
        if len(self.buffer) >= _LIMIT:
            return None
        spans = pc.invert(pc.and_(pc.is_null(starts), pc.is_null(ends)))
        if not pc.all(spans).as_py():
            doc_ids, starts, ends, values = (
                a.filter(spans) for a in (doc_ids, starts, ends, values)
            )
        docs = pc.index_in(doc_ids, value_set=self.ids)
        if docs.null_count or starts.null_count or ends.null_count:
            return None  # a span of no text, or half a span
        d, a, b = _ints(docs), _ints(starts), _ints(ends)
        if not (np.all(a >= 0) and np.all(a <= b) and np.all(b <= self.lengths[d])):
            return None
        first, last = self._byte(self.points[d] + a), self._byte(self.points[d] + b)
        found = _views(first, last - first, self.words, self.padded)
        return len(values) if found.equals(values.cast(pa.string_view())) else None

    def _byte(self, points: np.ndarray) -> np.ndarray:
        """The byte offset in the buffer of each code point ``points`` (of all texts)."""
        return points + np.searchsorted(self.continued, points, side="right")


def _ints(values: pa.Array) -> np.ndarray:
    """An integer array without nulls as int64s, read from its buffer (``to_numpy`` makes
    pyarrow import pandas: 0.4 CPU-s)."""
    width = values.type.byte_width
    data = np.frombuffer(values.buffers()[1], f"<i{width}", len(values), values.offset * width)
    return data.astype(np.int64)


def _views(first: np.ndarray, sizes: np.ndarray, words: np.ndarray, buffer: Any) -> pa.Array:
    """A string-view column of the bytes ``first[i]:first[i] + sizes[i]`` of ``buffer``.

    Arrow's layout, as four 32-bit words a row: the size, then the bytes themselves (up to
    12, the rest zero), else a 4-byte prefix, buffer 0 and the offset. ``words[k]`` is the
    32-bit word at byte ``k`` of ``buffer`` (which ends with 12 bytes of padding).
    """
    views = np.empty((len(first), 4), "<u4")
    views[:, 0] = sizes
    short = sizes <= INLINE
    for word in range(3):
        kept = _MASKS[np.clip(sizes - 4 * word, 0, 4)]
        views[:, 1 + word] = words[first + 4 * word] & np.where(short, kept, _ALL)
    long = ~short
    views[long, 2] = 0
    views[long, 3] = first[long]
    return pa.Array.from_buffers(
        pa.string_view(), len(first), [None, pa.py_buffer(views), pa.py_buffer(buffer)]
    )
