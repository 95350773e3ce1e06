"""The HTML tokenizer of ``corpus.text`` against html5lib's, an implementation of the standard.

html5lib's tokenizer is driven as its tree builder drives it (script, raw text, RCDATA and
plaintext states switched on by their start tags), and both must agree on the text a page
shows, character for character, on hand-written cases and on many generated ones.
"""

from __future__ import annotations

import html
import random
import re

import pytest
from html5lib._tokenizer import HTMLTokenizer

from corpus.text import html_text, html_tokens, html_view

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # "&#1;": html.unescape reads nothing
_STATES = {"script": "scriptDataState", "plaintext": "plaintextState"}
_STATES |= dict.fromkeys(("style", "xmp", "iframe", "noembed", "noframes"), "rawtextState")
_STATES |= dict.fromkeys(("title", "textarea"), "rcdataState")


def html5lib_text(source: str) -> str:
    """The characters html5lib's tokenizer gives outside script and raw text elements."""
    tokenizer = HTMLTokenizer(source)
    out, hidden = [], False
    for token in tokenizer:
        kind = token["type"]
        if kind in (1, 2) and not hidden:  # Characters, SpaceCharacters
            out.append(token["data"])
        elif kind == 3:  # StartTag
            state = _STATES.get(token["name"])
            if state:
                tokenizer.state = getattr(tokenizer, state)
                hidden = state in ("scriptDataState", "rawtextState")
        elif kind == 4:  # EndTag
            hidden = False
    return _CONTROL.sub("", "".join(out))


def our_text(source: str) -> str:
    """The text of our tokens, references read (not after ``<plaintext>``)."""
    read = {"text": html.unescape, "plain": str}
    return "".join(
        read[t.kind](source[t.start : t.end]) for t in html_tokens(source) if t.kind in read
    )


CASES = [
    '<p>Hello <a title="a > b" href="/x">world</a> today</p>',
    "<p title='a > b' data-x=\"'\">one</p><p>two</p>",
    "<a href=x>y=z>w</a>",
    '<a b="c"d="e>f">g</a>',
    "<a =b>c</a><a b = 'c>'>d</a>",
    '<img alt="unclosed>never',
    "<!-- a > b -->c<!---->d<!-->e<!--->f<!-- x --!>g<!-- never",
    "<!DOCTYPE html>a<?xml version='1.0'?>b</ x>c</>d</",
    "<![CDATA[ x > y ]]>z",
    "<script>if (a < b && c > d) { x = '</p>'; }</script>e",
    "<script><!-- <script> </script> still --></script>f",
    "<script><!-- no double </script>g",
    "<style>p > a { content: '<b>'; }</style>h<title>a <b> &amp; c</title>i",
    "<textarea><p>&lt;t&gt;</p></textarea>j<noscript><p>k &amp; m</p></noscript>l",
    "f&uuml;r &ldquo;x&rdquo; &#8220;y&#x201D; &copy2023 AT&T &amp &notit; &#0; &#128;",
    "a < b, c <3 d, e <= f, g<1",
    "<p\nclass=x\n>multi\nline</p><br/><br />x<hr/>",
    "<plaintext><p>all text</p>",
]


@pytest.mark.parametrize("source", CASES)
def test_the_text_is_what_html5lib_reads(source: str) -> None:
    assert our_text(source) == html5lib_text(source)


def test_generated_pages_read_as_html5lib_reads_them() -> None:
    pieces = [
        "<", ">", "a", "p", "b", '"', "'", "=", " ", "\n", "/", "!", "-", "--", "x", "?",
        "&amp;", "&", "&lt", ";", "script", "style", "title", "[CDATA[", "]]>", "<!--", "-->",
        "<p>", "</p>", "<script>", "</script>", "<a href=", "<title>", "</title", "é", "<xmp>",
        "<!-->", "<style>", "</style>", "<textarea>", "<noscript>", "</noscript>", "<!", "<?",
        "</", "&#", "y;", "&ldquo;", "\t", "<plaintext>", "<iframe>", "</iframe>", "<script ",
    ]  # fmt: skip
    rng = random.Random(16)
    for _ in range(5000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert our_text(source) == html5lib_text(source), source


def test_the_tokens_tile_the_page() -> None:
    for source in CASES:
        tokens = list(html_tokens(source))
        assert [t.start for t in tokens[1:]] == [t.end for t in tokens[:-1]]
        assert (tokens[0].start, tokens[-1].end) == (0, len(source))


def test_every_character_shown_is_traced_to_the_page() -> None:
    source = "<p>Ann &amp; Bob</p>\n  <b>met</b>\tin <i>Ba</i>ku&nbsp;f&uuml;r <a title='>'>x</a>"
    view = html_view(source)
    assert view.text == "Ann & Bob met in Baku für x"
    assert html_text("fest&shy;zu\xadhalten") == "festzuhalten"  # soft hyphens: unseen
    for i, char in enumerate(view.text):
        raw = source[view.starts[i] : view.ends[i]]
        assert raw == char or html.unescape(raw) in (char, "\xa0") or raw[0] in "< \n\t", raw
    a = view.text.index("Baku")
    start, end = view.span(a, a + 4)
    assert source[start:end] == "Ba</i>ku"
    assert html_text(source[start:end]) == "Baku"
    a = view.text.index("für")
    assert source[slice(*view.span(a, a + 3))] == "f&uuml;r"
