"""``corpus serve``: Datasette 0.65 on the published SQLite database with its metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.project import Project

SETTINGS = {"truncate_cells_html": 0, "default_page_size": 50, "facet_time_limit_ms": 500}


def datasette(project: Project) -> Any:
    """A Datasette instance over ``project``'s published corpus (for serving or testing)."""
    import yaml
    from datasette.app import Datasette

    data_dir = project.data_dir
    metadata = yaml.safe_load((data_dir / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette(
        [str(data_dir / "corpus.db")],
        metadata=metadata,
        settings=SETTINGS,
        immutables=[],
        template_dir=str(_here() / "templates") if (_here() / "templates").is_dir() else None,
    )


def serve(project: Project, host: str, port: int) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(datasette(project).app(), host=host, port=port, log_level="warning")


def _here() -> Path:
    return Path(__file__).resolve().parent
