"""Executors run one function over many items and yield the results in input order.

The build hands every executor the same picklable function, so where it runs (this
process, a pool of processes) never changes what it produces.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


@dataclass(frozen=True)
class Local:
    """This machine: in-process with one worker, else a process pool of ``workers``."""

    workers: int = 1
    chunksize: int = 16

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.workers <= 1:
            yield from map(fn, items)
            return
        ctx = multiprocessing.get_context("forkserver")
        with ctx.Pool(self.workers) as pool:
            yield from pool.imap(fn, items, chunksize=self.chunksize)
