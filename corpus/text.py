"""How a document's cleaned ``text`` is made from its kept segments.

This is part of the data contract: ``verify`` re-derives every ``documents.text`` with
:func:`assemble` and compares, so the rule lives here, next to the loader, not in the build.
"""

from __future__ import annotations

from collections.abc import Iterable


def normalise(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces, tabs, newlines) to one space.

    ``str.split()`` splits on exactly what the pattern ``\\s+`` matches in a ``str`` (every
    character for which ``str.isspace()`` holds), in a fifth of the time. Most pieces are
    already normal: printable (so no whitespace but the ASCII space) with single inner
    spaces, which is checked without making a string per word.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def assemble(raw_text: str, kept: Iterable[tuple[int, int, bool]]) -> str:
    """Join kept ``(start, end, joined)`` spans, in order, into the cleaned body.

    Paragraphs are separated by a blank line; a ``joined`` span continues the previous
    paragraph after one space (a sentence the capture split across lines).
    """
    paragraphs: list[str] = []
    for start, end, joined in kept:
        piece = normalise(raw_text[start:end])
        if not piece:
            continue
        if joined and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]} {piece}"
        else:
            paragraphs.append(piece)
    return "\n\n".join(paragraphs)
