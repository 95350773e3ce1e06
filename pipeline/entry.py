"""The ``corpus`` console script: says which extra to install when the build's are missing.

The wheel's loader needs only ``blake3``; the command needs the ``build`` extra (typer,
datasette, ...). Without it, one line names the extra instead of a ``ModuleNotFoundError``.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec

DIST = "iran-russia-defence-corpus"


def main() -> None:
    if find_spec("typer") is not None:  # the build extra is installed
        from pipeline.console import quick

        code = quick(sys.argv[1:])  # ``validate --fast`` without typer's start-up
        if code is not None:
            sys.exit(code)
    try:
        from pipeline.cli import main as run
    except ModuleNotFoundError as e:
        print(
            f"Error: the corpus command needs the build extra ({e.name} is not installed): "
            f'pip install "{DIST}[build]"',
            file=sys.stderr,
        )
        sys.exit(1)
    run()
