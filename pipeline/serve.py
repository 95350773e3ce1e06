"""``corpus serve``: Datasette 0.65 on the published SQLite database with its metadata.

The site is the published ``metadata.yml`` plus what this package keeps beside this module:
``templates/`` (home and document pages), ``plugins/`` (the document route, cell links) and
``static/`` (CSS). The raw store's place is handed to the plugin at run time, so the
published metadata stays free of local paths.
"""

from __future__ import annotations

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
STATIC = "corpus-static"


def datasette(project: Project, templates: Path = HERE / "templates") -> Any:
    """A Datasette instance over ``project``'s published corpus (for serving or testing),
    with the site's ``templates``."""
    import yaml
    from datasette.app import Datasette

    data_dir = project.data_dir
    metadata = yaml.safe_load((data_dir / "metadata.yml").read_text(encoding="utf-8"))
    metadata.setdefault("plugins", {})["corpus"] = {
        "raw_dir": str(project.raw_dir),
        "data_dir": str(data_dir),  # followed across rebuilds (pipeline.follow)
    }
    return Datasette(
        [str(data_dir / "corpus.db")],
        metadata=metadata,
        settings=SETTINGS,
        immutables=[],
        template_dir=str(templates),
        plugins_dir=str(HERE / "plugins"),
        static_mounts=[(STATIC, str(HERE / "static"))],
    )


def serve(project: Project, host: str, port: int) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(datasette(project).app(), host=host, port=port, log_level="warning")
