"""Pictures on the page: each caption with its photo credit and the date it carries.

The cleaner marks ``caption`` and ``credit`` segments; this step pairs them (a credit
belongs to the caption right before it; a credit with no caption is a picture with no
caption) and reads the caption's date, which says when the photo was taken, not when the
article was published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.extract.clean import REPEATED
from pipeline.extract.dates import find_dates
from pipeline.extract.htmlpage import span_text
from pipeline.extract.model import Doc, Media, Segment

if TYPE_CHECKING:
    from pipeline.extract.registry import Registry


def run(doc: Doc, registry: Registry) -> Doc:
    """Append a :class:`Media` row for every caption or lone credit in ``doc.segments``."""
    segments = [s for s in doc.segments if s.rule != REPEATED]  # a picture shown again
    for i, seg in enumerate(segments):
        credit = segments[i + 1] if i + 1 < len(segments) else None
        if seg.kind == "caption":
            doc.media.append(
                _media(doc, seg, credit if credit and credit.kind == "credit" else None)
            )
        elif seg.kind == "credit" and (i == 0 or segments[i - 1].kind != "caption"):
            doc.media.append(_media(doc, None, seg))
    return doc


def _media(doc: Doc, caption: Segment | None, credit: Segment | None) -> Media:
    """One picture: its caption (or, with none, its credit) span, credit and caption date."""
    span = caption or credit
    assert span is not None
    text = span_text(doc.text, caption.start, caption.end, doc.raw.media_type) if caption else ""
    dates = find_dates(doc.text, caption.start, caption.end) if caption else []
    return Media(
        start=span.start,
        end=span.end,
        caption=text,
        credit=span_text(doc.text, credit.start, credit.end, doc.raw.media_type) if credit else "",
        credit_start=credit.start if credit else None,
        credit_end=credit.end if credit else None,
        date=dates[0].iso[:10] if dates else "",
        date_precision="day" if dates else "",
    )
