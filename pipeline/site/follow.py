"""The site follows what is published: after a rebuild, the next request is served from the
new version, with no restart; every query of one request is answered by one version.

Before each request, :class:`Versions` compares the directory ``corpus/data`` names with the
version it serves (one ``stat``). When a build published another, it pins the new version
(``corpus.published``) and takes that version's ``metadata.yml``. Datasette's database
``corpus`` is one :class:`FollowingDatabase` for the life of the server: it answers each
query from the version its request began on (a context variable set per request), on that
version's own connections. The old version's connections are closed and its pin let go when
the last request begun on it ends, so no removed file stays open, and the next build removes
the directory.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from contextvars import ContextVar
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


class Version:
    """One published version as served: its pin, its database's read connections (one per
    thread, as Datasette keeps them) and how many requests use it."""

    def __init__(self, data_dir: Path) -> None:
        self._pin = ExitStack()
        path = self._pin.enter_context(pinned(data_dir))
        found = os.stat(path)
        self.key = (found.st_dev, found.st_ino)
        self.database = path / SQLITE_NAME
        self.metadata = yaml.safe_load((path / METADATA).read_text(encoding="utf-8"))
        self.requests = 0
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []

    def connection(self, ds: Datasette) -> sqlite3.Connection:
        """This thread's read-only connection to the version's database."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"file:{self.database}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            ds._prepare_connection(conn, DATABASE)
            self._local.conn = conn
            self._connections.append(conn)
        return conn

    def close(self) -> None:
        for conn in self._connections:
            conn.close()
        self._pin.close()


_SERVING: ContextVar[Version] = ContextVar("corpus_version")


class FollowingDatabase(Database):
    """Datasette's database ``corpus``, answering each query from its request's version."""

    def __init__(self, ds: Datasette, versions: Versions) -> None:
        self._versions = versions
        super().__init__(ds, path=None, is_mutable=True)

    @property  # type: ignore[override]
    def path(self) -> str:
        """The database file of the version serving now (for Datasette's file size)."""
        return str(self._versions.serving().database)

    @path.setter
    def path(self, value: str | None) -> None:
        """Ignored: ``Database.__init__`` sets it, but the path is the version's."""

    async def execute_fn(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        version = self._versions.serving()  # here, in the request's context, not the thread's
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.ds.executor, lambda: fn(version.connection(self.ds)))


class Versions:
    """The version Datasette ``ds`` serves of ``data_dir``, switched when another is published."""

    def __init__(self, ds: Datasette, data_dir: Path) -> None:
        self.ds, self.data_dir = ds, data_dir
        self.plugins = dict(ds.metadata("plugins") or {})  # kept across metadata reloads
        self.version: Version | None = None
        opened = ds.databases.get(DATABASE)  # the database Datasette opened at start
        if opened is not None:
            ds.remove_database(DATABASE)
            opened.close()
        ds.add_database(FollowingDatabase(ds, self), name=DATABASE)

    def wrap(self, app: ASGI) -> ASGI:
        """``app`` serving each HTTP request from the version published when it arrives."""

        async def follow(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            version = self.current()
            version.requests += 1
            token = _SERVING.set(version)
            try:
                await app(scope, receive, send)
            finally:
                _SERVING.reset(token)
                version.requests -= 1
                if version is not self.version and not version.requests:
                    version.close()

        return follow

    def serving(self) -> Version:
        """The version of the request being served; outside a request, the current one."""
        return _SERVING.get(None) or self.current()

    def current(self) -> Version:
        """The version to serve: the one served, or the one published since (if whole)."""
        try:
            found = os.stat(self.data_dir)
            key = (found.st_dev, found.st_ino)
        except FileNotFoundError:  # mid-exchange where there is no renameat2: keep serving
            key = None
        if self.version is not None and key in (None, self.version.key):
            return self.version
        new = Version(self.data_dir)
        if not new.database.is_file():  # published without a database: keep serving
            new.close()
            assert self.version is not None, f"{self.data_dir / SQLITE_NAME} is missing"
            return self.version
        old, self.version = self.version, new
        self.ds._metadata_local = {**new.metadata, "plugins": self.plugins}
        if old is not None and not old.requests:
            old.close()
        return new


def follow(ds: Datasette, data_dir: Path) -> Callable[[ASGI], ASGI]:
    """The ASGI wrapper that keeps ``ds`` on the version of ``data_dir`` published now (one
    state per Datasette, kept on it: its own client and the server wrap its app separately)."""
    versions = getattr(ds, "_corpus_versions", None)
    if versions is None:
        versions = ds._corpus_versions = Versions(ds, data_dir)
    return versions.wrap
