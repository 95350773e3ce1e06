"""Marked runs of raw text: the cleaned body exactly as ``assemble`` makes it, valid HTML."""

from __future__ import annotations

import lxml.html

from corpus.text import assemble
from pipeline.site.highlight import Mark, paragraphs, plain, render, runs

RAW = (
    "Menu\nHome\n\nHe said: “We  are\u00a0ready,”\nand left.\n\n"
    "  The Minister met   Shoigu.\nFooter"
)
QUOTE = Mark(RAW.index("We"), RAW.index(",”") + 1, "quote", 1, anchor="q0")
SPEAKER = Mark(RAW.index("He"), RAW.index("He") + 2, "speaker", 2, href="/p")
NAME = Mark(RAW.index("Shoigu"), RAW.index("Shoigu") + 6, "mention", 3, href="/e")
CROSSING = Mark(RAW.index("ready"), RAW.index("left"), "citation", 1)  # crosses two segments
KEPT = [
    (RAW.index("He"), RAW.index("ready,”") + 7, False),
    (RAW.index("and left"), RAW.index("left.") + 5, True),
    (RAW.index("  The"), RAW.index("Shoigu.") + 7, False),
]


def test_paragraphs_read_exactly_as_the_cleaned_body() -> None:
    blocks = paragraphs(RAW, KEPT, [QUOTE, SPEAKER, NAME, CROSSING])
    assert "\n\n".join(plain(blocks)) == assemble(RAW, KEPT)
    assert plain(blocks)[0] == "He said: “We are ready,” and left."


def test_runs_cut_at_every_edge_and_carry_the_marks_over_them() -> None:
    cut = runs(RAW, 0, len(RAW), [QUOTE, CROSSING])
    assert "".join(t for t, _ in cut) == RAW
    assert ("ready,", (QUOTE, CROSSING)) in cut
    at = 0
    for text, marks in cut:
        assert all(m.start <= at and at + len(text) <= m.end for m in marks)
        assert marks == tuple(m for m in (QUOTE, CROSSING) if m.start <= at < m.end)
        at += len(text)


def test_html_nests_outer_marks_first_with_one_link_and_one_anchor() -> None:
    (first, second) = render(paragraphs(RAW, KEPT, [QUOTE, SPEAKER, NAME, CROSSING]))
    tree = lxml.html.fragment_fromstring(f"<p>{first}</p>")
    assert tree.text_content() == "He said: “We are ready,” and left."
    assert len(tree.xpath("//*[@id='q0']")) == 1, "the anchor goes on the first piece only"
    assert tree.xpath("//span[@class='quote']/span[@class='citation']")[0].text == "ready,"
    assert tree.xpath("//a[@class='speaker']/@href") == ["/p"]
    link = lxml.html.fragment_fromstring(f"<p>{second}</p>").xpath("//a")[0]
    assert (link.get("class"), link.text) == ("mention", "Shoigu")


def test_text_is_escaped() -> None:
    (html,) = render([runs("a <b> & c", 0, 9, [Mark(2, 5, "quote", title='say "hi"')])])
    assert html == 'a <span class="quote" title="say &#34;hi&#34;">&lt;b&gt;</span> &amp; c'
