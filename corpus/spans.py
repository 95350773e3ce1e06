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

:meth:`Sources.bodies` likewise tells which documents' bodies are what
:func:`corpus.text.assemble` makes of their kept segments, for the usual documents whose
pieces are already normal text (``normalise`` keeps them as they are): each body is then the
pieces joined by their separators, made and compared in Arrow. Every other document is
re-assembled in Python by the caller, which reports any difference.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corpus.arrow import bools, strings

INLINE = 12  # bytes a string view holds inline; longer ones point into the buffer
_LIMIT = 2**31  # a view's offset is an int32: larger shards are checked row by row
_MASKS = np.array([0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF], "<u4")  # the first n bytes of a word
_ALL = np.uint32(0xFFFFFFFF)
# A piece that normalise() would change, or that assemble() leaves out: empty, a space at
# either end, two in a row, or any other character for which str.isspace() holds.
_NOT_NORMAL = (
    r"^$|^ | $|  |[\t-\r\x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
    r"\x{202f}\x{205f}\x{3000}]"
)
_SPACE, _BLANK_LINE = 0x20, 0x0A0A  # a joined piece's separator, a paragraph's: inline bytes


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

    def bodies(self, segments: list[pa.Array], doc_ids: pa.Array, texts: pa.Array) -> np.ndarray:
        """Which of the documents ``doc_ids`` (bodies ``texts``) are known to have the body
        :func:`corpus.text.assemble` makes of the kept segments ``segments`` (their columns
        ``doc_id, seq, start, end, joined``) of their plain (not HTML) raw texts.

        Known (``True``) only for a document with a kept segment, each a span inside its text
        whose piece is already normal text, joined as ``assemble`` joins them; any other is
        ``False``, for the caller to re-assemble.
        """
        known = np.zeros(len(doc_ids), bool)
        if len(self.buffer) >= _LIMIT or not len(doc_ids):
            return known
        seg_docs, seqs, starts, ends, joined = segments
        docs = pc.index_in(seg_docs, value_set=self.ids)  # null: a document without a text here
        spans = pc.and_(pc.is_valid(docs), pc.and_(pc.is_valid(starts), pc.is_valid(ends)))
        unsure = pc.unique(seg_docs.filter(pc.invert(spans)))  # a half span: known to none
        docs, seqs, starts, ends, joined = (
            a.filter(spans) for a in (docs, seqs, starts, ends, joined)
        )
        order = np.argsort(_ints(seqs, 0), kind="stable")  # assemble()'s order: by seq (null: 0)
        d = _ints(docs)
        order = order[np.argsort(d[order], kind="stable")]
        d, a, b = d[order], _ints(starts)[order], _ints(ends)[order]
        inside = (a >= 0) & (a < b) & (b <= self.lengths[d])
        a, b = np.where(inside, a, 0), np.where(inside, b, 0)
        first, last = self._byte(self.points[d] + a), self._byte(self.points[d] + b)
        pieces = _view_rows(first, last - first, self.words)
        text = _string_views(pieces, self.padded).cast(pa.string())
        normal = ~_bools(pc.match_substring_regex(text, _NOT_NORMAL))
        unsure_d = np.unique(d[~(inside & normal)])
        heads = np.flatnonzero(np.r_[True, d[1:] != d[:-1]]) if len(d) else np.zeros(0, np.int64)
        # Each piece after its document's first follows a separator (an inline view).
        glued = _bools(joined)[order]
        both = np.zeros((2 * len(d), 4), "<u4")
        both[1::2] = pieces
        both[0::2, 0] = np.where(glued, 1, 2)
        both[0::2, 1] = np.where(glued, _SPACE, _BLANK_LINE)
        both[2 * heads, :2] = 0
        lists = pa.ListArray.from_arrays(
            _int_array(np.r_[2 * heads, 2 * len(d)], np.int32),
            _string_views(both, self.padded).cast(pa.string()),
        )
        bodies = pc.binary_join(lists, strings([""])[0])
        row = _ints(pc.index_in(doc_ids, value_set=self.ids), -1)  # each document's text
        group = np.minimum(np.searchsorted(d[heads], row), max(len(heads) - 1, 0))
        has = (row >= 0) & (len(heads) > 0)
        has[has] = d[heads][group[has]] == row[has]
        has &= ~np.isin(row, unsure_d) & ~_bools(pc.is_in(doc_ids, value_set=unsure))
        if has.any():
            found = bodies.take(_int_array(group[has], np.int64))
            known[has] = _bools(pc.equal(found, texts.filter(bools(has.view(np.uint8)))))
        return known

    def _byte(self, points: np.ndarray) -> np.ndarray:
        """The byte offset in the buffer of each code point ``points`` (of all texts)."""
        return points + np.searchsorted(self.continued, points, side="right")


def _ints(values: pa.Array, null: int = 0) -> np.ndarray:
    """An integer array as int64s (a null as ``null``), read from its buffers (``to_numpy``
    makes pyarrow import pandas: 0.4 CPU-s)."""
    width = values.type.byte_width
    data = np.frombuffer(values.buffers()[1], f"<i{width}", len(values), values.offset * width)
    data = data.astype(np.int64)
    if values.null_count:
        data[~_valid(values)] = null
    return data


def _valid(values: pa.Array) -> np.ndarray:
    """Which cells of ``values`` are not null."""
    bitmap = values.buffers()[0]
    if bitmap is None:
        return np.ones(len(values), bool)
    return _bits(bitmap, values.offset, len(values))


def _bools(values: pa.Array) -> np.ndarray:
    """A boolean array as numpy's (a null as ``False``)."""
    return _bits(values.buffers()[1], values.offset, len(values)) & _valid(values)


def _bits(buffer: pa.Buffer, offset: int, n: int) -> np.ndarray:
    bits = np.unpackbits(np.frombuffer(buffer, np.uint8), bitorder="little")
    return bits[offset : offset + n].astype(bool)


def _int_array(values: np.ndarray, dtype: type) -> pa.Array:
    data = np.ascontiguousarray(values, dtype)
    type_ = pa.int32() if dtype is np.int32 else pa.int64()
    return pa.Array.from_buffers(type_, len(data), [None, pa.py_buffer(data)])


def _views(first: np.ndarray, sizes: np.ndarray, words: np.ndarray, buffer: Any) -> pa.Array:
    """A string-view column of the bytes ``first[i]:first[i] + sizes[i]`` of ``buffer``
    (``words[k]``: the 32-bit word at its byte ``k``; it ends with 12 bytes of padding)."""
    return _string_views(_view_rows(first, sizes, words), buffer)


def _view_rows(first: np.ndarray, sizes: np.ndarray, words: np.ndarray) -> np.ndarray:
    """The views of :func:`_views`, in Arrow's layout, as four 32-bit words a row: the size,
    then the bytes themselves (up to 12, the rest zero), else a 4-byte prefix, buffer 0 and
    the offset."""
    views = np.empty((len(first), 4), "<u4")
    views[:, 0] = sizes
    short = sizes <= INLINE
    for word in range(3):
        kept = _MASKS[np.clip(sizes - 4 * word, 0, 4)]
        views[:, 1 + word] = words[first + 4 * word] & np.where(short, kept, _ALL)
    long = ~short
    views[long, 2] = 0
    views[long, 3] = first[long]
    return views


def _string_views(views: np.ndarray, buffer: Any) -> pa.Array:
    return pa.Array.from_buffers(
        pa.string_view(), len(views), [None, pa.py_buffer(views), pa.py_buffer(buffer)]
    )
