"""Render an HTML page to the plain text a browser's "select all, copy" gives.

Our cleaner reads such dumps, not HTML. The layout engine is inscriptis (it lays text out
by CSS display rules, one line per block, without wrapping or link footnotes, unlike
``lynx -dump``/``w3m -dump``, which wrap at 80 columns and number links). Its defaults are
adjusted where a copied page differs from a terminal rendering: no list bullets or
indentation, table cells in reading order instead of a drawn grid, a drop-down's options one
per line rather than run together as a sentence, and nothing that a browser with scripts on
does not show (``hidden`` elements, ``<noscript>``, ``<template>``).
"""

from __future__ import annotations

import lxml.etree
import lxml.html
from inscriptis import Inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_document_state import HtmlDocumentState
from inscriptis.model.html_element import HtmlElement
from inscriptis.model.tag import CustomHtmlTagHandlerMapping

_TABLE_TAGS = ("table", "tr", "td", "th")


def _no_bullet(state: HtmlDocumentState, _: dict) -> None:
    state.tags[-1].list_bullet = ""
    state.tags[-1].write("")


def _ignore_start(_state: HtmlDocumentState, _tag: dict) -> None:
    return None


def _ignore_end(_state: HtmlDocumentState) -> None:
    return None


def _config() -> ParserConfig:
    css = CSS_PROFILES["strict"].copy()
    css.update(
        noscript=HtmlElement(display=Display.none),
        template=HtmlElement(display=Display.none),
        ul=HtmlElement(display=Display.block),
        ol=HtmlElement(display=Display.block),
        table=HtmlElement(display=Display.block),
        tr=HtmlElement(display=Display.block),
        option=HtmlElement(display=Display.block),
        td=HtmlElement(display=Display.inline, suffix=" "),
        th=HtmlElement(display=Display.inline, suffix=" "),
    )
    handlers = CustomHtmlTagHandlerMapping(
        start_tag_mapping={"li": _no_bullet, **dict.fromkeys(_TABLE_TAGS, _ignore_start)},
        end_tag_mapping=dict.fromkeys(_TABLE_TAGS, _ignore_end),
    )
    return ParserConfig(css=css, custom_html_tag_handler_mapping=handlers)


_CONFIG = _config()


def render(html: str) -> str:
    """Plain text of ``html`` as a browser would copy it: one line per block, blank lines
    around paragraphs and headings, no markup, scripts or hidden elements."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except lxml.etree.ParserError:  # nothing but whitespace or comments
        return ""
    for hidden in tree.xpath("//*[@hidden]"):
        hidden.drop_tree()  # keeps the tail text, which belongs to the parent
    return Inscriptis(tree, _CONFIG).get_text()
