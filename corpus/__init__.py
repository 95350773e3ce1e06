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

__version__ = "0.1.0"

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

tables = bundled.tables
path = bundled.path
load = bundled.load
load_frame = bundled.load_frame
load_arrow = bundled.load_arrow
load_polars = bundled.load_polars
rows = bundled.rows
raw = bundled.raw
raw_text = bundled.raw_text
descriptor = bundled.descriptor
sqlite_path = bundled.sqlite_path
verify = bundled.verify
