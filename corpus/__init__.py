"""The Iran–Russia defence-minister news corpus, traceable down to the byte.

>>> import corpus
>>> corpus.tables()[:3]
['raw_files', 'outlets', 'documents']
>>> len(corpus.load("documents"))
5

Every function reads the corpus shipped inside this package; ``corpus.at(root)`` gives the
same API over a corpus project of your own (one made with ``corpus init``).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from corpus.api import Corpus, at, bundled

__all__ = [
    "Corpus",
    "at",
    "bundled",
    "descriptor",
    "load",
    "load_arrow",
    "load_frame",
    "load_polars",
    "path",
    "raw",
    "raw_text",
    "rows",
    "sqlite_path",
    "tables",
    "verify",
]


def __getattr__(name: str) -> Any:
    """The loader API, imported on first use: a command that needs only a submodule
    (``corpus validate --fast`` reads ``corpus.report``) does not load it and ``verify``'s."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from corpus import api

    names = globals()
    names.update(Corpus=api.Corpus, at=api.at, bundled=api.bundled)
    names.update({n: getattr(api.bundled, n) for n in __all__ if n not in names})
    return names[name]


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return  # importing the submodule corpus.verify leaves the function corpus.verify
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
