"""The site follows rebuilds without a restart (``pipeline.follow``): every HTTP request
begins on the version of ``corpus/data`` published when it arrived."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasette import hookimpl

from pipeline.follow import follow


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    data_dir = (datasette.plugin_config("corpus") or {}).get("data_dir")
    return follow(datasette, Path(data_dir)) if data_dir else None
