"""The site follows rebuilds without a restart (``pipeline.site.follow``): every HTTP request
begins on the version of ``corpus/data`` published when it arrived."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasette import hookimpl

from pipeline.site.follow import follow
from pipeline.site.serve import DATA_DIR


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    data_dir = getattr(datasette, DATA_DIR, None)
    return follow(datasette, Path(data_dir)) if data_dir else None
