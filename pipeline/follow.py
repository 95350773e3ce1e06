"""The site follows what is published: after a rebuild, the next request is served from the
new version, with no restart.

Before each request, :class:`Versions` compares the directory ``corpus/data`` names with the
version it serves (one ``stat``). When a build published another, it pins the new version
(``corpus.published``), hands Datasette a database over that version's ``corpus.db`` and its
``metadata.yml``, and lets go of the old version once the last request that began on it ends:
its connections are closed, so no removed file stays open, and the next build removes it.
A request that began before the switch keeps the old database open until it ends, so a
query it made of that database still answers (one that looks the database up again after
the switch gets the new one: each version is whole, but such a page could show both).
"""

from __future__ import annotations

import asyncio
import os
import threading
import weakref
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import yaml
from datasette.app import Datasette
from datasette.database import Database

from corpus.api import SQLITE_NAME
from corpus.published import pinned

ASGI = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
DATABASE = "corpus"
METADATA = "metadata.yml"


class VersionDatabase(Database):
    """A Datasette database over one pinned version, with connections of its own.

    Datasette keeps one read connection per thread per database *name*; a new version under
    the same name would reuse the old version's connections, so each keeps its own.
    """

    def __init__(self, ds: Datasette, path: Path) -> None:
        super().__init__(ds, path=str(path), is_mutable=True)
        self._connections = threading.local()

    async def execute_fn(self, fn: Callable[[Any], Any]) -> Any:
        if self.ds.executor is None:  # Datasette without threads: one connection anyway
            return await super().execute_fn(fn)

        def in_thread() -> Any:
            conn = getattr(self._connections, "conn", None)
            if conn is None:
                conn = self.connect()
                self.ds._prepare_connection(conn, self.name)
                self._connections.conn = conn
            return fn(conn)

        return await asyncio.get_running_loop().run_in_executor(self.ds.executor, in_thread)


class Version:
    """One published version as served: its pin, its database and how many requests use it."""

    def __init__(self, ds: Datasette, data_dir: Path) -> None:
        self._pin = ExitStack()
        path = self._pin.enter_context(pinned(data_dir))
        found = os.stat(path)
        self.key = (found.st_dev, found.st_ino)
        self.database = VersionDatabase(ds, path / SQLITE_NAME)
        self.metadata = yaml.safe_load((path / METADATA).read_text(encoding="utf-8"))
        self.requests = 0

    def close(self) -> None:
        self.database.close()
        self._pin.close()


class Versions:
    """The version Datasette ``ds`` serves of ``data_dir``, switched when another is published."""

    def __init__(self, ds: Datasette, data_dir: Path) -> None:
        self.ds, self.data_dir = ds, data_dir
        self.plugins = dict(ds.metadata("plugins") or {})  # kept across metadata reloads
        self.version: Version | None = None

    def wrap(self, app: ASGI) -> ASGI:
        """``app`` serving each HTTP request from the version published when it arrives."""

        async def follow(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            version = self.current()
            version.requests += 1
            try:
                await app(scope, receive, send)
            finally:
                version.requests -= 1
                if version is not self.version and not version.requests:
                    version.close()

        return follow

    def current(self) -> Version:
        """The version to serve: the one served, or the one published since (if whole)."""
        try:
            found = os.stat(self.data_dir)
            key = (found.st_dev, found.st_ino)
        except FileNotFoundError:  # mid-exchange where there is no renameat2: keep serving
            key = None
        if self.version is not None and key in (None, self.version.key):
            return self.version
        new = Version(self.ds, self.data_dir)
        if not Path(new.database.path).is_file():  # published without a database: keep serving
            new.close()
            assert self.version is not None, f"{self.data_dir / SQLITE_NAME} is missing"
            return self.version
        old, self.version = self.version, new
        previous = self.ds.databases.get(DATABASE)
        self.ds.remove_database(DATABASE)
        self.ds.add_database(new.database, name=DATABASE)
        self.ds._metadata_local = {**new.metadata, "plugins": self.plugins}
        if old is None:
            if previous is not None:  # the database Datasette opened at start
                previous.close()
        elif not old.requests:
            old.close()
        return new


_FOLLOWED: weakref.WeakKeyDictionary[Datasette, Versions] = weakref.WeakKeyDictionary()


def follow(ds: Datasette, data_dir: Path) -> Callable[[ASGI], ASGI]:
    """The ASGI wrapper that keeps ``ds`` on the version of ``data_dir`` published now (one
    state per Datasette: its own client and the server wrap its app separately)."""
    if ds not in _FOLLOWED:
        _FOLLOWED[ds] = Versions(ds, data_dir)
    return _FOLLOWED[ds].wrap
