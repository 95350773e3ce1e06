"""What a photo credit closing a caption looks like; shared by both cleaners and media."""

from __future__ import annotations

import re

MIN_CAPTION_WORDS = 4

# "(Russian Defense Ministry/Anadolu Agency via Getty Images)", "[KREMLIN PRESS OFFICE/...]"
_CREDIT_TAIL = re.compile(r"(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])\s*$")
_CREDIT_CUE = re.compile(
    r"/|©|\b(?:photos?|image|picture|credit|getty|via|courtesy|handout|file|press office)\b", re.I
)


def credit_tail(text: str, start: int, end: int) -> int | None:
    """Where a bracketed photo credit ending ``text[start:end]`` starts, if it ends in one.

    The brackets must hold a credit cue (a slash between sources, "Photo", "via", "Getty",
    ...), so "(SCO)" or "(Reuters)" closing a sentence of the body is not taken for one,
    and at least a few words of caption must come before it.
    """
    match = _CREDIT_TAIL.search(text, start, end)
    if match is None or not _CREDIT_CUE.search(match.group()):
        return None
    if len(text[start : match.start()].split()) < MIN_CAPTION_WORDS:
        return None
    return match.start()
