"""The quotes step: a document's quotations and speakers, and the report's own voice."""

from __future__ import annotations

import re

from pipeline.extract.entities import Holders, holdings, mentions, paragraphs
from pipeline.extract.gazetteer import Gazetteer
from pipeline.extract.model import Doc, Mention, Quote
from pipeline.extract.people import first_name
from pipeline.extract.quotemarks import SMALL_WORDS, Found, framed
from pipeline.extract.quotes.base import _PRONOUNS, _Attributed, _Attribution, _last_word, _Speaker
from pipeline.extract.quotes.context import _compound_tail, _Context
from pipeline.extract.quotes.speakers import _attribute_all
from pipeline.extract.registry import Registry
from pipeline.extract.view import reads_text

_SCARE_WORDS = 3  # at most this many words, and no attribution of its own: a scare quote
_THAT = re.compile(r"\bthat$", re.IGNORECASE)
_TITLE_WORDS = 6  # at most this many words, all capitalised, and no attribution: a title
_SPLIT_GAP = re.compile(r"\s*,?\s*")


@reads_text
def run(doc: Doc, registry: Registry) -> Doc:
    """Fill ``doc.quotes``."""
    doc.quotes = quotations(doc, registry.gazetteer)
    return doc


def quotations(doc: Doc, gazetteer: Gazetteer) -> list[Quote]:
    """Every direct quotation of the title and kept body, in text order, with its speaker."""
    paras = paragraphs(doc)
    quoted, masked, kept = framed(doc.text, tuple(paras))
    gazetteer.read_blanked(masked, doc.text, kept)  # for the quote and citation rules
    names = [
        m
        for m in mentions(doc, gazetteer)
        if not _pronoun(doc.text, m) and not _article(doc.text, m)
    ]
    ctx = _Context(
        doc.text,
        masked,
        gazetteer,
        names,
        Holders(holdings(doc.text, names, gazetteer)),
    )
    attributed = _attribute_all(ctx, paras, quoted)
    speech = [k for k, q in enumerate(quoted) if not _scare(doc.text, q, attributed[k])]
    found, attributed = [quoted[k] for k in speech], [attributed[k] for k in speech]
    quotes: list[Quote] = []
    head: int | None = None  # index of the first part of the quotation going on
    for k, quote in enumerate(found):
        if k and head is not None and _split(ctx, found[k - 1], quote, attributed[k - 1]):
            attributed[k] = attributed[k - 1]
        else:
            head = None
        item = attributed[k]
        attr = item.attribution if item else None
        who = item.person if item else None
        joined = attr is not None and _compound_tail(doc.text, attr.speaker.start)
        if (
            attr and who and (fuller := ctx.fullest(who, joined)) is not who
        ):  # "Tagessieger Lindvik"
            described = joined or not first_name(who.name.split()[0])
            who, attr = fuller, _surname_only(ctx.view, attr) if described else attr
        method = ":".join([quote.family, attr.where, item.how] if item and attr else [quote.family])
        for start, end in quote.parts:
            quotes.append(
                Quote(
                    start,
                    end,
                    who.entity_id if who else "",
                    who.name if who else "",
                    doc.text[attr.speaker.start : attr.speaker.end] if attr else "",
                    attr.speaker.start if attr else None,
                    attr.speaker.end if attr else None,
                    attr.cue if attr else "",
                    method,
                    part_of=head,
                )
            )
            head = len(quotes) - 1 if head is None else head
    return quotes


def _surname_only(view: str, attr: _Attribution) -> _Attribution:
    """``attr`` with its speaker's span cut to the last word ("Lindvik" of "Tagessieger
    Lindvik")."""
    first, _ = _last_word(view, attr.speaker.start, attr.speaker.end)
    speaker = _Speaker(first, attr.speaker.end, "name", attr.speaker.person, attr.speaker.type)
    return _Attribution(speaker, attr.cue, attr.cue_start, attr.cue_end, attr.where)


def _article(text: str, m: Mention) -> bool:
    """A person's name that opens with a German article ("Der Vorstandschef", read as a name
    before a verb): a description, read as one."""
    return m.type == "person" and text.startswith(("Der ", "Die ", "Das "), m.start)


def _pronoun(text: str, m: Mention) -> bool:
    """A name that is a pronoun ('.” He said', "Sie betonte", read as a name): read as the
    pronoun."""
    return m.end - m.start <= 4 and text[m.start : m.end].lower() in (*_PRONOUNS, "sie")


def frame(doc: Doc) -> str:
    """The title and kept body, quotations masked, the rest blanked: the report's own voice.

    Same length as ``doc.text``, so positions in it are positions in the raw text.
    """
    return framed(doc.text, tuple(paragraphs(doc)))[1]


def _scare(text: str, quote: Found, item: _Attributed | None) -> bool:
    """What nobody in its sentence is said to say, and that reads as no speech: a few words
    not punctuated as speech ("red lines"), a title in capitals ("Meet the Nation."), or
    words in lower case woven into the reporter's clause (use rooms "in line with their
    identity," the rule ...)."""
    said = [w for s, e in quote.parts for w in text[s:e].split()]
    titled = len(said) <= _TITLE_WORDS and all(
        w[0].isupper() or w.lower() in SMALL_WORDS for w in said if w[0].isalpha()
    )
    if item is not None and item.attribution.where not in ("paragraph", "colon"):
        # attributed in its own sentence, unless a title woven into the reporter's clause
        return titled and said[0][0].isupper() and _woven(text, quote.opens)
    spoken = text[quote.parts[-1][1] - 1] in ".!?,"
    if len(said) <= _SCARE_WORDS and not spoken:
        return True
    if titled:
        return said[0][0].isupper()  # a programme's or a work's title
    return said[0][0].islower() and _woven(text, quote.opens)


def _woven(text: str, opens: int) -> bool:
    """Whether the opening mark at ``opens`` follows a word of the same clause (no
    punctuation between: 'use rooms "in line with'), not the start of a sentence, a colon or
    "that", which opens what someone said ('told him that "the only way ...')."""
    opens -= text.startswith(("''", "``"), opens - 1)  # a doubled mark: one mark
    before = text[max(0, opens - 40) : opens].rstrip()
    if not before or not (before[-1].isalnum() or before[-1] in "'’"):
        return False
    return _THAT.search(before) is None


def _split(ctx: _Context, quote: Found, nxt: Found, item: _Attributed | None) -> bool:
    """'..,' he stated, '...': the next quote goes on with this one after the attribution."""
    if item is None or item.attribution.where != "after" or nxt.family != quote.family:
        return False
    attr = item.attribution
    last = quote.parts[-1]
    if ctx.view[last[1] - 1] in ".!?":
        return False  # the quoted sentence ended; the next quote is a new one
    frame_start = min(attr.speaker.start, attr.cue_start)
    frame_end = max(attr.speaker.end, attr.cue_end)
    return bool(
        _SPLIT_GAP.fullmatch(ctx.view, quote.closes + 1, frame_start)
        and re.fullmatch(r"\s*[,:]\s*", ctx.view[frame_end : nxt.opens])
    )
