"""Rows of the per-document tables: keys, exact span texts, the body's language."""

from __future__ import annotations

from collections.abc import Callable

from pipeline import rows
from pipeline.extract.model import Doc, Media, Quote, Segment

ENGLISH = (
    "The ministers agreed on Sunday to extend the corridor for another year, officials said"
    " after two days of talks that had been expected to end without a deal. "
)
FRENCH = (
    "Les ministres se sont mis d'accord dimanche pour prolonger le corridor d'une année, ont"
    " déclaré des responsables après deux jours de discussions qui devaient échouer. "
)


def test_the_language_is_read_from_the_opening_of_the_body() -> None:
    assert rows.language(FRENCH * 3) == "fr"
    english_first = ENGLISH * (rows.LANGUAGE_SAMPLE // len(ENGLISH) + 1) + FRENCH * 100
    assert rows.language(english_first) == "en"
    assert rows.language(" \n ") == ""


def test_every_span_pair_gets_its_raw_text(make_doc: Callable[..., Doc]) -> None:
    text = f"{ENGLISH}\n\nA ship in port (Photo: Jane Roe)"
    doc = make_doc(text)
    doc.segments = [Segment(0, len(ENGLISH) - 1, "body", True, "main-text")]
    caption = text.index("A ship")
    credit = text.index("Photo")
    doc.media = [Media(caption, len(text), "A ship in port", "Jane Roe", credit, len(text) - 1)]
    doc.quotes = [Quote(4, 13, speaker_start=None, speaker_end=None)]
    made = rows.doc_rows(doc)
    [media] = made["media"]
    assert (media["media_id"], media["credit_text"]) == (f"{doc.doc_id}-m0", "Photo: Jane Roe")
    [quote] = made["quotes"]
    assert (quote["text"], quote["speaker_text"]) == ("ministers", "")  # the record's own
    assert made["documents"][0]["language"] == "en"
    assert made["mentions"] == []
