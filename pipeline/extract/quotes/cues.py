"""The speech cues of the frame (the registry's verbs and phrases), found once and read by range."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import overload

from pipeline.extract.gazetteer import Gazetteer

_CUE_WORD = re.compile(r"[\w-]+")  # no cue can start inside it: a cue follows no such character


class _Cues:
    """The speech cues of the frame, found once and then read by range.

    A range gives what ``cue_pattern.finditer(view, start, end)`` gives: the cues found in
    the frame up to ``reach`` (what the rules read), except in the last few characters
    before ``end``, where the frame seems to end and a cue may read differently ("says" cut
    to "say"); those are re-read, and so is a range that ends after ``reach``.
    """

    def __init__(self, view: str, gazetteer: Gazetteer, reach: int) -> None:
        self._view, self._pattern, self._reach = view, gazetteer.cue_pattern, reach
        found = list(self._pattern.finditer(view, 0, reach))
        inner = [  # a cue that starts inside another one (after its space), found by a search there
            m
            for f in found
            if not _CUE_WORD.fullmatch(f.group())
            for p in range(f.start() + 1, f.end())
            if (m := self._pattern.match(view, p))
        ]
        self._all = sorted([*found, *inner], key=lambda m: m.start())
        self._starts = [m.start() for m in self._all]
        self._apart = not inner  # then a search from any point finds a run of ``_all``
        self._longest = max(map(len, gazetteer.cues), default=0)

    def first(self, start: int, end: int) -> re.Match[str] | None:
        """What ``cue_pattern.search(view, start, end)`` finds."""
        if end > self._reach:
            return self._pattern.search(self._view, start, end)
        n = bisect_left(self._starts, start)
        if n < len(self._starts) and self._starts[n] < end - self._longest:
            return self._all[n]
        return self._pattern.search(self._view, max(start, end - self._longest), end)

    def within(self, start: int, end: int) -> Sequence[re.Match[str]]:
        """What ``cue_pattern.finditer(view, start, end)`` finds (not copied: a long
        sentence has many cues and many quotes, each reading those before it)."""
        if end > self._reach:
            return list(self._pattern.finditer(self._view, start, end))
        safe = end - self._longest  # a cue starting before this reads the same up to ``end``
        n = bisect_left(self._starts, start)
        if self._apart:
            found, first, stop = self._all, n, bisect_left(self._starts, safe, n)
        else:
            found = []
            while n < len(self._starts) and self._starts[n] < safe:
                found.append(self._all[n])
                n = bisect_left(self._starts, self._all[n].end(), n + 1)
            first, stop = 0, len(found)
        rest = max(found[stop - 1].end() if stop > first else start, safe)
        return _Chain(found, first, stop, list(self._pattern.finditer(self._view, rest, end)))


class _Chain(Sequence["re.Match[str]"]):
    """``head[first:stop]`` followed by ``tail``, read in place."""

    def __init__(
        self, head: list[re.Match[str]], first: int, stop: int, tail: list[re.Match[str]]
    ) -> None:
        self._head, self._first, self._stop, self._tail = head, first, stop, tail

    def __len__(self) -> int:
        return self._stop - self._first + len(self._tail)

    def __iter__(self) -> Iterator[re.Match[str]]:
        yield from map(self._head.__getitem__, range(self._first, self._stop))
        yield from self._tail

    @overload
    def __getitem__(self, n: int) -> re.Match[str]: ...

    @overload
    def __getitem__(self, n: slice) -> list[re.Match[str]]: ...

    def __getitem__(self, n: int | slice) -> re.Match[str] | list[re.Match[str]]:
        if isinstance(n, slice):
            return [self[k] for k in range(*n.indices(len(self)))]
        k = n + len(self) if n < 0 else n
        if not 0 <= k < len(self):
            raise IndexError(n)
        k += self._first
        return self._head[k] if k < self._stop else self._tail[k - self._stop]
