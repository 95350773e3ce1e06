"""Executors run one function over many items and yield the results in input order.

The build hands every executor the same picklable function, so where it runs (this
process, a pool of processes, a Dask cluster) never changes what it produces.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    def map(
        self, fn: Callable[[T], R], items: Iterable[T], batch: int | None = None
    ) -> Iterator[R]:
        """``fn`` over ``items``, in order; ``batch`` items per task (default: the executor's)."""
        ...


@dataclass(frozen=True)
class Local:
    """This machine: in-process with one worker, else a process pool of ``workers``.

    ``workers=None`` (the default) is one per core, once the items fill the pool's window
    at least once; fewer run in this process, since starting a pool (about half a second)
    costs more than it saves on a handful of documents. At most ``ahead`` chunks per worker
    are handed out before their results are taken, so a consumer slower than the pool (the
    table writers) never lets results pile up.
    """

    workers: int | None = None
    chunksize: int = 16
    ahead: int = 2

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], batch: int | None = None
    ) -> Iterator[R]:
        chunksize = batch or self.chunksize
        workers, items = self.workers, iter(items)
        if workers is None:
            cores = len(os.sched_getaffinity(0))
            head = list(islice(items, full := self.ahead * cores * chunksize))
            workers = cores if len(head) == full else 1
            items = chain(head, items)
        if workers <= 1:
            yield from map(fn, items)
            return
        size = self.ahead * workers * chunksize
        window, stop = threading.Semaphore(size), threading.Event()

        def throttled() -> Iterator[T]:
            for item in items:
                window.acquire()
                if stop.is_set():
                    return
                yield item

        ctx = multiprocessing.get_context("forkserver")
        with ctx.Pool(workers, _install, (fn,)) as pool:
            try:
                for result in pool.imap(_call, throttled(), chunksize=chunksize):
                    window.release()
                    yield result
            finally:  # an error or an early stop: free the pool's feeder so the pool can close
                stop.set()
                window.release(size)


_installed: Callable[[Any], Any] | None = None  # in a pool's worker: the function it maps


def _install(fn: Callable[[Any], Any]) -> None:
    """Start of a pool's worker: keep ``fn``, unpickled once rather than with every chunk,
    so that what it loads and warms (the registry's gazetteer, its caches) lasts."""
    global _installed
    _installed = fn


def _call(item: Any) -> Any:
    """``fn`` of :func:`_install` on one item, in a pool's worker."""
    assert _installed is not None, "called outside a pool started with _install"
    return _installed(item)


@dataclass(frozen=True)
class Dask:
    """A Dask cluster: the scheduler at ``scheduler``, else a LocalCluster of ``workers``
    (``None``: one per core).

    Items go to the cluster ``batch`` at a time (one task each, so the scheduler's cost per
    task is shared), with at most ``ahead`` tasks per worker thread in flight: memory
    stays flat however many items there are. Workers must see the paths that ``fn``
    reads and writes (the raw store, the cache): a shared file system on a real cluster.
    Dask is an optional extra (``pip install ".[dask]"``), imported only here.
    """

    scheduler: str | None = None
    workers: int | None = None
    batch: int = 64
    ahead: int = 2

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], batch: int | None = None
    ) -> Iterator[R]:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError(
                'the Dask executor needs the dask extra: pip install "<this package>[dask]"'
            ) from None
        with ExitStack() as stack:
            if self.scheduler:
                client = stack.enter_context(Client(self.scheduler))
            else:
                cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                stack.enter_context(cluster)
                client = stack.enter_context(Client(cluster))
            [remote] = client.scatter([fn], broadcast=True, hash=False)
            limit = self.ahead * max(1, sum(client.nthreads().values()))
            pending: deque[Any] = deque()
            iterator = iter(items)
            while chunk := tuple(islice(iterator, batch or self.batch)):
                pending.append(client.submit(_apply, remote, chunk, pure=False))
                if len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()


def _apply(fn: Callable[[T], R], chunk: tuple[T, ...]) -> list[R]:
    """One Dask task: ``fn`` over a batch of items, in order."""
    return [fn(item) for item in chunk]
