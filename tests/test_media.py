"""Captions, their credits and dates: seeds against the gold, rules on small inline pages."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from conftest import REPO

from pipeline.checks.evaluate import documents
from pipeline.extract import clean, media
from pipeline.extract.captions import credit_tail
from pipeline.extract.model import Doc, Media
from pipeline.extract.registry import Registry

REGISTRY = Registry(REPO / "corpus" / "registry")
GOLD = REPO / "tests" / "gold" / "fields"
PARAGRAPH = (
    "The two ministers discussed military cooperation, regional security and the situation"
    " in the Caucasus during talks that lasted most of the day, their ministries said."
)


def pictures(doc: Doc) -> list[Media]:
    return media.run(clean.run(doc, REGISTRY), REGISTRY).media


def test_every_seed_picture_is_the_gold_one() -> None:
    for doc in documents(REPO / "corpus" / "raw", REGISTRY, ["clean", "media"]):
        gold = json.loads((GOLD / f"{doc.doc_id}.json").read_text(encoding="utf-8"))
        found = [{"caption": m.caption, "credit": m.credit, "date": m.date} for m in doc.media]
        assert found == gold["media"], doc.raw.original_name
        for m in doc.media:
            assert doc.text[m.credit_start : m.credit_end] == m.credit
            assert m.date_precision == ("day" if m.date else "")


def test_a_caption_keeps_its_date_as_a_day(make_doc: Callable[..., Doc]) -> None:
    caption = "Ministers at the talks on 12 January 2024, 10:30 AM. (AFP/Getty Images)"
    [m] = pictures(make_doc(f"Ministers meet in Astana\n\n{caption}\n\n{PARAGRAPH}\n"))
    assert (m.caption, m.credit, m.date, m.date_precision) == (
        "Ministers at the talks on 12 January 2024, 10:30 AM.",
        "(AFP/Getty Images)",
        "2024-01-12",
        "day",
    )


def test_a_credit_line_under_a_caption_belongs_to_it(make_doc: Callable[..., Doc]) -> None:
    text = (
        f"Ministers meet in Astana\n\n{PARAGRAPH}\n\n"
        "The defence ministers before the talks.\nPhoto: Defence Ministry\n\n"
        f"{PARAGRAPH.replace('ministers', 'delegations')}\n"
    )
    doc = make_doc(text)
    [m] = pictures(doc)
    assert (m.caption, m.credit) == (
        "The defence ministers before the talks.",
        "Photo: Defence Ministry",
    )
    assert doc.text[m.start : m.end] == m.caption


def test_a_lone_credit_is_a_picture_without_caption(make_doc: Callable[..., Doc]) -> None:
    doc = make_doc(
        f"Ministers meet in Astana\n\n11:31 20.09.2023\n\nPhoto: mil.ru\n\n{PARAGRAPH}\n"
    )
    [m] = pictures(doc)
    assert (m.caption, m.credit, doc.text[m.start : m.end]) == (
        "",
        "Photo: mil.ru",
        "Photo: mil.ru",
    )


def test_a_repeated_caption_is_one_picture(make_doc: Callable[..., Doc]) -> None:
    caption = "The ministers shake hands before their talks in Astana, Kazakhstan."
    text = f"Talks\n\n{caption}\nPhoto: AP\n\n{PARAGRAPH}\n\n{caption}\n"
    assert len(pictures(make_doc(text))) == 1


def test_html_figcaptions_are_pictures(make_doc: Callable[..., Doc]) -> None:
    source = (REPO / "tests" / "fixtures" / "article.html").read_text(encoding="utf-8")
    [m] = pictures(make_doc(source, "text/html"))
    assert (m.caption, m.credit, m.date) == (
        "Cranes at the port of Aktau, Kazakhstan, on May 2, 2024.",
        "(Photo by Daniyar Sadykov)",
        "2024-05-02",
    )


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        (
            "Putin meets Shoygu on February 14, 2022 [KREMLIN PRESS OFFICE/Anadolu Agency]",
            "[KREMLIN PRESS OFFICE/Anadolu Agency]",
        ),
        (
            "Ashtiani meets Shoigu in Astana on April 26. (Photo by Iran's Defense Ministry)",
            "(Photo by Iran's Defense Ministry)",
        ),
        (
            "Shoigu at the exhibition. (Russian Defense Ministry/Anadolu Agency via Getty Images)",
            "(Russian Defense Ministry/Anadolu Agency via Getty Images)",
        ),
        ("He met members of the Shanghai Cooperation Organisation (SCO)", None),
        ("The talks went well, he said. (Reuters)", None),
        ("Shoigu. (Photo: mil.ru)", None),
    ],
)
def test_credit_tail(text: str, credit: str | None) -> None:
    start = credit_tail(text, 0, len(text))
    assert (text[start:] if start is not None else None) == credit
