"""Rows of the per-document tables: keys, exact span texts, the body's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline import schemas
from pipeline.build import problems, rows
from pipeline.extract import langmodel
from pipeline.extract.model import Doc, Media, Quote, Segment
from pipeline.publish import write

ENGLISH = (
    "The ministers agreed on Sunday to extend the corridor for another year, officials said"
    " after two days of talks that had been expected to end without a deal. "
)
FRENCH = (
    "Les ministres se sont mis d'accord dimanche pour prolonger le corridor d'une année, ont"
    " déclaré des responsables après deux jours de discussions qui devaient échouer. "
)


def test_the_language_is_read_from_the_opening_of_the_body() -> None:
    assert langmodel.language(FRENCH * 3) == "fr"
    english_first = ENGLISH * (langmodel.LANGUAGE_SAMPLE // len(ENGLISH) + 1) + FRENCH * 100
    assert langmodel.language(english_first) == "en"
    assert langmodel.language(" \n ") == ""


def test_every_span_pair_gets_its_raw_text(make_doc: Callable[..., Doc]) -> None:
    text = f"{ENGLISH}\n\nA ship in port (Photo: Jane Roe)"
    doc = make_doc(text)
    doc.segments = [Segment(0, len(ENGLISH) - 1, "body", True, "main-text")]
    caption = text.index("A ship")
    credit = text.index("Photo")
    doc.media = [Media(caption, len(text), "A ship in port", "Jane Roe", credit, len(text) - 1)]
    doc.quotes = [Quote(4, 13, speaker_start=None, speaker_end=None, method="test")]
    made = rows.doc_rows(doc)
    [media] = made["media"]
    assert (media["media_id"], media["credit_text"]) == (f"{doc.doc_id}-m0", "Photo: Jane Roe")
    [quote] = made["quotes"]
    assert (quote["text"], quote["speaker_text"]) == ("ministers", "")  # the record's own
    assert made["documents"][0]["language"] == "en"
    assert made["mentions"] == []


def test_a_document_with_an_empty_body_is_one_problem_row(make_doc: Callable[..., Doc]) -> None:
    doc = make_doc("  \n")
    doc.segments = [Segment(0, 3, "boilerplate", False, "blank")]
    made = rows.doc_rows(doc)
    [problem] = made.pop("problems")
    assert (problem["doc_id"], problem["reason"], problem["stage"]) == (
        doc.doc_id,
        "empty-body",
        "clean",
    )
    assert all(found == [] for found in made.values())


def test_a_value_its_schema_refuses_makes_a_problem_not_a_row(
    make_doc: Callable[..., Doc],
) -> None:
    tables = [schemas.table(name) for name in rows.PER_DOCUMENT]
    doc = make_doc(ENGLISH)
    doc.segments = [Segment(0, len(ENGLISH), "body", True, "main-text")]
    fine = make_doc(FRENCH)
    fine.segments = [Segment(0, len(FRENCH), "body", True, "main-text")]
    made = rows.to_tables(tables, [(doc.raw, rows.doc_rows(doc)), (fine.raw, rows.doc_rows(fine))])
    assert made["problems"].num_rows == 0 and made["documents"].num_rows == 2
    doc.quotes = [Quote(4, 13)]  # no method: quotes.method is required
    made = rows.to_tables(tables, [(doc.raw, rows.doc_rows(doc)), (fine.raw, rows.doc_rows(fine))])
    [problem] = made["problems"].to_pylist()
    assert (problem["doc_id"], problem["reason"]) == (doc.doc_id, "invalid")
    assert problem["detail"] == "quotes.method = '' breaks required"
    assert made["documents"].column("doc_id").to_pylist() == [fine.doc_id]  # the other stays
    assert made["quotes"].num_rows == 0


@pytest.mark.parametrize(
    "column, value, rule",
    [
        ("language", "english", "pattern ^[a-z]{2,3}$"),
        ("published_precision", "hour", "enum"),
        ("word_count", -1, "minimum 0"),
        ("doc_id", "", "required"),
    ],
)
def test_the_columns_check_flags_what_the_values_check_refuses(
    make_doc: Callable[..., Doc], column: str, value: object, rule: str
) -> None:
    """Every kind of constraint, found on the columns and named by the per-value check."""
    doc = make_doc(ENGLISH)
    doc.segments = [Segment(0, len(ENGLISH), "body", True, "main-text")]
    made = rows.doc_rows(doc)
    made["documents"][0][column] = value
    documents = schemas.table("documents")
    assert problems.suspects("documents", write.to_arrow(documents, made["documents"])) == [0]
    tables = [documents, schemas.table("problems")]
    data = rows.to_tables(tables, [(doc.raw, made)])
    [problem] = data["problems"].to_pylist()
    assert problem["detail"].startswith(f"documents.{column} = ") and rule in problem["detail"]
    assert data["documents"].num_rows == 0


def test_a_document_with_too_many_spans_is_a_problem(
    make_doc: Callable[..., Doc], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = make_doc(ENGLISH)
    doc.segments = [Segment(0, 10, "body", True, "main-text"), Segment(11, 20, "body", True, "x")]
    monkeypatch.setattr(problems, "MAX_ROWS", 1)
    [problem] = rows.doc_rows(doc)["problems"]
    assert (problem["reason"], problem["detail"]) == (
        "too-large",
        "2 spans found; a document may have 1",
    )
