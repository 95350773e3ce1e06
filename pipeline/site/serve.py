"""``corpus serve``: Datasette 0.65 on the published SQLite database with its metadata.

The site is the published ``metadata.yml`` plus what this package keeps beside this module:
``templates/`` (home and document pages), ``plugins/`` (the document route, cell links) and
``static/`` (CSS). The raw store's place is handed to the plugin as an attribute of the
Datasette instance, so neither the published metadata nor ``/-/metadata.json`` shows a
local path.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from pipeline.project import Project

# Long cells (a document's body) are cut in lists; row and document pages show them whole.
# Facets are the ones metadata.yml names: suggesting more costs a full scan per column per page.
SETTINGS = {
    "truncate_cells_html": 500,
    "default_page_size": 50,
    "facet_time_limit_ms": 500,
    "suggest_facets": False,
}
# Searches are counted up to this many matches; past it, a search is broad: the search page
# shows the best it finds first, a table's search box lists the matches without counting them.
SEARCH_CAP = 1000
HERE = Path(__file__).resolve().parent
RAW_DIR = "corpus_raw_dir"  # the Datasette instance's attributes that tell the plugins
DATA_DIR = "corpus_data_dir"
STATIC = "corpus-static"


def datasette(project: Project, templates: Path = HERE / "templates") -> Any:
    """A Datasette instance over ``project``'s published corpus (for serving or testing),
    with the site's ``templates``."""
    import yaml
    from datasette.app import Datasette

    data_dir = project.data_dir
    metadata = yaml.safe_load((data_dir / "metadata.yml").read_text(encoding="utf-8"))

    class Site(Datasette):  # type: ignore[misc]
        """Datasette with the project's local paths as attributes, set before Datasette
        builds its app (and calls the plugins' hooks): plugin metadata would show them at
        /-/metadata.json."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            setattr(self, RAW_DIR, project.raw_dir)
            setattr(self, DATA_DIR, data_dir)  # followed across rebuilds (pipeline.site.follow)
            super().__init__(*args, **kwargs)

    return Site(
        [str(data_dir / "corpus.db")],
        metadata=metadata,
        settings=SETTINGS,
        immutables=[],
        template_dir=str(templates),
        plugins_dir=str(HERE / "plugins"),
        static_mounts=[(STATIC, str(HERE / "static"))],
    )


class PortError(Exception):
    """The port cannot be listened on (taken, or not allowed); said in one line."""


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``, bound here so a busy port is one line, not a
    traceback from inside uvicorn (``port`` 0: any free one)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as e:
        raise PortError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    return sock


def serve(project: Project, sock: socket.socket) -> None:
    """Serve on ``sock`` (from :func:`listen`) until interrupted."""
    import uvicorn

    config = uvicorn.Config(datasette(project).app(), log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])
