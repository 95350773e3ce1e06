"""A hard-wrapped dump: the inscriptis rendering wrapped at 80 columns, as ``w3m -dump`` prints.

Terminal browsers (``lynx -dump``, ``w3m -dump``) break every paragraph into lines of at
most 80 characters at spaces, so one paragraph becomes many lines and a line break no
longer means a new block. This renderer gives that layout without a terminal browser:
each line of :func:`bench.cleaner.render.render` is wrapped greedily with :mod:`textwrap`
(words longer than the width stay whole, as the browsers leave long URLs); blank lines
between blocks are kept.
"""

from __future__ import annotations

import textwrap

from bench.cleaner.render import render

WIDTH = 80


def wrap(dump: str, width: int = WIDTH) -> str:
    """``dump`` with every line longer than ``width`` broken at spaces into several."""
    out: list[str] = []
    for line in dump.splitlines():
        pieces = textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False)
        out.extend(pieces or [""])
    return "\n".join(out)


def render_wrapped(html: str) -> str:
    """The page as a terminal browser dumps it: rendered, then hard-wrapped at 80 columns."""
    return wrap(render(html))
