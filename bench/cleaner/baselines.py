"""Trivial cleaners over a plain-text dump, the floor any real cleaner must beat."""

from __future__ import annotations

LONG_LINE_WORDS = 10  # fixed beforehand, not tuned on any benchmark


def all_text(dump: str) -> str:
    """Keep everything: full recall, the precision of doing nothing."""
    return dump


def long_lines(dump: str, min_words: int = LONG_LINE_WORDS) -> str:
    """Keep the lines of at least ``min_words`` words: prose is long, menus and bylines short."""
    return "\n\n".join(line for line in dump.splitlines() if len(line.split()) >= min_words)
