"""Direct quotations in the title and the kept body, and who said them.

Marks. Straight and curly, double and single marks (and guillemets) are paired within a
paragraph. A straight mark opens before a word and closes after one; a mark between two
letters is an apostrophe (Russia's, don't); a closing single mark after an ``s`` and
before a word (Students' News) is a plural possessive unless no other mark can close the
quote. Marks of the other kind inside a quote belong to it (a quote within a quote is not
a row of its own). A mark that nothing closes is not a quote, with one exception, the
multi-paragraph convention: a paragraph that opens a quote and does not close it goes on
in the next paragraph when that one opens with a mark of the same kind.

Rows. One row per contiguous span inside the marks. A quotation split by its attribution
('..,' he stated, '...') or running over several paragraphs gives one row per part; each
part after the first has ``part_of``, the index in ``doc.quotes`` of the first part.

Not quotations: terms and titles in marks. A single quoted word, anything after
"so-called", a capitalised name after "dubbed", "called", "titled"..., and a phrase of at
most three words that is not punctuated as speech and that nobody in its own sentence is
said to say (scare quotes: Tehran's "red lines").

Speakers. The attribution right after the closing mark ("..., he said", "...' Sergei
Shoigu said", "..., said the minister") comes first, then the one before the opening mark
in the same sentence ("Ashtiani said the move was a "..."", "According to him, "..."",
"Shoigu: "...""), then the paragraph before if it ends with a colon ("He said:"), then
the speaker of the paragraph's previous quotation (one speaker per paragraph, as news
style has it); in a headline, a trailing "- Minister" or a leading "Shoigu: ...". A
participle ("adding that") or a coordinated verb ("... and suggested") takes the subject
of the verb before it; an insertion (", for his part,", ", speaking in Moscow,") between
subject and verb is skipped. The speaker is then resolved: a name to its entity (an
organisation can speak: "the ministry said in a statement: "...""); "he"/"she" to the
person most recently in focus (a speaker, or a person who opens a sentence) before the
sentence; a role ("the Russian Defence Minister", "the head of the Russian defence
ministry", "the Minister") to the one person the document gives that role or, if several
hold it, the one most recently in focus; a headline's role to the first fitting speaker of
the body; an indefinite one ("an official") to nobody: it brings in someone new.
Otherwise the speaker stays empty: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.entities import (
    Holding,
    Paragraph,
    holdings,
    mentions,
    paragraphs,
    resolve_role,
    title_start,
)
from pipeline.gazetteer import Gazetteer, Role
from pipeline.model import Doc, Mention, Quote
from pipeline.registry import Registry

Span = tuple[int, int]

_OPENERS = {"“": "double", "„": "double", "‟": "double", "«": "double"}
_OPENERS |= {"‘": "single", "‚": "single", "‛": "single", "‹": "single"}
_CLOSERS = {"”": "double", "»": "double", "’": "single", "›": "single"}
_STRAIGHT = {'"': "double", "'": "single"}
_QUOTE_CHARS = "".join([*_OPENERS, *_CLOSERS, *_STRAIGHT])
_BEFORE_OPEN = set("([{<—–-/") | set(_QUOTE_CHARS)
_AFTER_CLOSE = set(".,;:!?)]}>—–-/…") | set(_QUOTE_CHARS)
_FILLER = "_"  # what a quotation's words are masked with while its frame is read
_NAMING = re.compile(
    r"(?:dubbed|called|named|titled|entitled|known as|termed|labell?ed|codenamed)\s*$",
    re.IGNORECASE,
)
_SO_CALLED = re.compile(r"so-called\s*$", re.IGNORECASE)
_SCARE_WORDS = 3  # at most this many words, and no attribution of its own: a scare quote
_SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "for", "to", "at"})
# fmt: off
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "brig", "sen",
    "rep", "gov", "pres", "prof", "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "jr", "sr"
})
# fmt: on
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+(?:[\"'“‘«(\[]|[A-Z0-9]))")
_LAST_WORD = re.compile(r"(\w+)\.?$")
_PRONOUNS = frozenset({"he", "she", "him", "her"})
# fmt: off
_ROLE_WORDS = frozenset({
    "the", "a", "an", "his", "her", "its", "top", "senior", "military", "defence", "defense",
    "foreign", "chief", "head", "high-ranking", "government", "state", "of", "for", "and"
})
# fmt: on
# fmt: off
_TRAILING = frozenset({
    "also", "further", "later", "then", "again", "earlier", "previously", "reportedly", "too",
    "once", "has", "had", "have", "was", "is", "would", "will", "been"
})
# fmt: on
_COORDINATION = frozenset({"and", "but", "or", "then"})
_PARENTHETICAL = re.compile(
    r"\s*(?:for (?:his|her|their|its) part|in turn|however|meanwhile|though|in addition)\s*", re.I
)
_TITLE_TAIL = re.compile(r"\s*[-–—:|]\s*(?P<np>[^-–—:|]{1,80}?)\s*$")
_TITLE_HEAD = re.compile(r"(?P<np>[^:]{1,80}?)\s*:\s")
_INDEFINITE = re.compile(r"(?:a|an|one)\s", re.IGNORECASE)
_AFTER_QUOTE = re.compile(r"[,;:]?\s+")
_SPLIT_GAP = re.compile(r"\s*,?\s*")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class _Mark:
    pos: int
    family: str  # double or single
    kind: str  # open, close, or weak-close (a closing single mark that may be a possessive)


@dataclass(frozen=True)
class _Found:
    """A quotation: its parts (spans inside the marks) and where its outer marks stand."""

    parts: tuple[Span, ...]
    family: str
    opens: int
    closes: int


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    kind: str  # name, pronoun or role
    entity_id: str = ""
    role: Role | None = None


@dataclass(frozen=True)
class _Attribution:
    speaker: _Speaker
    cue: str
    cue_start: int
    cue_end: int
    where: str  # after, before, colon, paragraph or title (the rule that found it)


@dataclass(frozen=True)
class _Attributed:
    attribution: _Attribution
    entity_id: str
    how: str  # name, pronoun, role, or unresolved-...


@dataclass
class _Context:
    """What the speaker rules read: the document's frame text, names, roles and focus."""

    text: str
    view: str  # the raw text with quotations masked and all but title and body blanked
    gazetteer: Gazetteer
    mentions: list[Mention]
    held: list[Holding]
    focus: list[tuple[int, str]] = field(default_factory=list)  # (position, person), in order


def run(doc: Doc, registry: Registry) -> Doc:
    """Fill ``doc.quotes``."""
    doc.quotes = quotations(doc, registry.gazetteer)
    return doc


def quotations(doc: Doc, gazetteer: Gazetteer) -> list[Quote]:
    """Every direct quotation of the title and kept body, in text order, with its speaker."""
    paras = paragraphs(doc)
    view = _scope(doc.text, paras)
    found = find(doc.text, view, paras)
    names = mentions(doc, gazetteer)
    ctx = _Context(
        doc.text, _mask(view, found), gazetteer, names, holdings(doc.text, names, gazetteer)
    )
    attributed = _attribute_all(ctx, paras, found)
    speech = [k for k, q in enumerate(found) if not _scare(doc.text, q, attributed[k])]
    found, attributed = [found[k] for k in speech], [attributed[k] for k in speech]
    quotes: list[Quote] = []
    head: int | None = None  # index of the first part of the quotation going on
    for k, quote in enumerate(found):
        if k and head is not None and _split(ctx, found[k - 1], quote, attributed[k - 1]):
            attributed[k] = attributed[k - 1]
        else:
            head = None
        item = attributed[k]
        attr = item.attribution if item else None
        method = ":".join([quote.family, attr.where, item.how] if item and attr else [quote.family])
        for start, end in quote.parts:
            quotes.append(
                Quote(
                    start,
                    end,
                    item.entity_id if item else "",
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


def frame(doc: Doc) -> str:
    """The title and kept body, quotations masked, the rest blanked: the report's own voice.

    Same length as ``doc.text``, so positions in it are positions in the raw text.
    """
    paras = paragraphs(doc)
    view = _scope(doc.text, paras)
    return _mask(view, find(doc.text, view, paras))


# --- finding quotations -----------------------------------------------------------------


def _scope(text: str, paras: Sequence[Paragraph]) -> str:
    """``text`` with everything outside the title and kept body turned into spaces."""
    chars = [" "] * len(text)
    for p in paras:
        for start, end in p.pieces:
            chars[start:end] = text[start:end]
    return "".join(chars)


def marks(view: str, start: int, end: int) -> list[_Mark]:
    """The quotation marks of ``view[start:end]``, told apart by the characters around them."""
    found = []
    for i in range(start, end):
        c = view[i]
        if c not in _QUOTE_CHARS:
            continue
        prev = view[i - 1] if i > start else " "
        nxt = view[i + 1] if i + 1 < end else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe: Russia's, don't
        opens = (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace()
        closes = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
        family = _OPENERS.get(c) or _CLOSERS.get(c) or _STRAIGHT[c]
        if c in _OPENERS or (c in _STRAIGHT and opens and not closes):
            found.append(_Mark(i, family, "open"))
        elif closes and (c in _CLOSERS or not opens):
            weak = family == "single" and _possessive(view, i, end)
            found.append(_Mark(i, family, "weak-close" if weak else "close"))
    return found


def _possessive(view: str, i: int, end: int) -> bool:
    """A closing single mark that reads as a plural possessive: "Students' News"."""
    return view[i - 1] in "sS" and i + 2 < end and view[i + 1] == " " and view[i + 2].isalnum()


def find(text: str, view: str, paras: Sequence[Paragraph]) -> list[_Found]:
    """The quotations of the paragraphs, in order; see the module docstring for the rules.

    ``view`` is ``text`` with all but the paragraphs blanked.
    """
    found: list[_Found] = []
    carried: tuple[_Mark, list[Span]] | None = None  # an open quote from the paragraph before
    for k, p in enumerate(paras):
        ms = marks(view, p.start, p.end)
        first: _Mark | None = None  # the opening mark of the quotation open now
        current: _Mark | None = None  # the opening mark of its part in this paragraph
        parts: list[Span] = []
        if (
            carried
            and ms
            and ms[0].kind == "open"
            and ms[0].family == carried[0].family
            and not view[p.start : ms[0].pos].strip()
        ):
            (first, parts), current, ms = carried, ms[0], ms[1:]
        for n, m in enumerate(ms):
            if current is not None and m.family != current.family:
                continue  # a mark of the other kind inside the quote belongs to it
            if m.kind == "open":
                first, current, parts = m, m, []
            elif current is not None and first is not None:
                if m.kind == "weak-close" and _real_close_follows(ms[n + 1 :], m.family):
                    continue
                parts += _cut((current.pos + 1, m.pos), p.pieces, text)
                if _is_quotation(view, first.pos, parts):
                    found.append(_Found(tuple(parts), m.family, first.pos, m.pos))
                first, current, parts = None, None, []
        carried = None
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if current is not None and first is not None and not p.title and nxt and not nxt.title:
            carried = (first, [*parts, *_cut((current.pos + 1, p.end), p.pieces, text)])
    return found


def _real_close_follows(rest: Sequence[_Mark], family: str) -> bool:
    """Whether an unambiguous closing mark of ``family`` comes before the next opening one."""
    for m in rest:
        if m.family == family and m.kind != "weak-close":
            return m.kind == "close"
    return False


def _cut(span: Span, pieces: Sequence[Span], text: str) -> list[Span]:
    """``span`` cut where it crosses text outside the title and body (a dropped caption)."""
    parts = [(max(s, span[0]), min(e, span[1])) for s, e in pieces if s < span[1] and span[0] < e]
    merged: list[Span] = []
    for s, e in parts:
        if merged and not text[merged[-1][1] : s].strip():
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(s, e) for s, e in merged if text[s:e].strip()]


def _is_quotation(view: str, open_pos: int, parts: Sequence[Span]) -> bool:
    """Speech, not a term: more than one word, not after "so-called", not a name after
    "dubbed", "called"..."""
    inside = " ".join(view[s:e] for s, e in parts).strip()
    if len(inside.split()) < 2 or _SO_CALLED.search(view, max(0, open_pos - 12), open_pos):
        return False
    if _NAMING.search(view, max(0, open_pos - 20), open_pos):
        words = [w for w in _WORD.findall(inside) if w.lower() not in _SMALL_WORDS]
        return not all(w[0].isupper() for w in words)
    return True


def _mask(view: str, found: Sequence[_Found]) -> str:
    """Hide what quotations say (keeping their final punctuation), so rules read the frame."""
    chars = list(view)
    for quote in found:
        for start, end in quote.parts:
            keep = end - 1 if view[end - 1] in ".,!?;:" else end
            chars[start:keep] = _FILLER * (keep - start)
    return "".join(chars)


def sentences(view: str, start: int, end: int) -> list[Span]:
    """Sentence spans of ``view[start:end]``; abbreviations and initials end none."""
    spans, begin = [], start
    for m in _SENTENCE_END.finditer(view, start, end):
        word = _LAST_WORD.search(view, max(start, m.start() - 12), m.start() + 1)
        if view[m.start()] == "." and word and _abbreviation(word.group(1)):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, end))
    return [
        (s + len(view[s:e]) - len(view[s:e].lstrip()), e) for s, e in spans if view[s:e].strip()
    ]


def _abbreviation(word: str) -> bool:
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


# --- attribution ------------------------------------------------------------------------


def _attribute_all(
    ctx: _Context, paras: Sequence[Paragraph], found: Sequence[_Found]
) -> list[_Attributed | None]:
    """Attribute every quotation, reading the body in order and the title last."""
    ordered = [*(p for p in paras if not p.title), *(p for p in paras if p.title)]
    spans = {id(p): sentences(ctx.view, p.start, p.end) for p in ordered}
    ends = sorted(e for p in ordered for _, e in spans[id(p)])
    result: dict[int, _Attributed | None] = {}
    colon: _Attribution | None = None  # "He said:" ending the sentence before
    for p in ordered:
        colon = None if p.title else colon
        last: _Attribution | None = None  # the paragraph's latest attribution
        for s, e in spans[id(p)]:
            inside = [k for k, q in enumerate(found) if s <= q.opens < e]
            for k in inside:
                end = next((x for x in ends if x > found[k].closes), e)
                attr = _attribution(ctx, found[k], s, end, p.title)
                if attr is None and colon is not None and found[k].opens == s:
                    attr = colon
                if attr is None and last is not None:
                    attr = _Attribution(
                        last.speaker, last.cue, last.cue_start, last.cue_end, "paragraph"
                    )
                last = attr or last
                result[k] = _resolve(ctx, attr, s, p.title) if attr else None
            if not p.title:
                _add_focus(ctx, (s, e), [result[k] for k in inside])
            colon = _colon_attribution(ctx, s, e)
    return [result.get(k) for k in range(len(found))]


def _attribution(
    ctx: _Context, quote: _Found, start: int, end: int, title: bool
) -> _Attribution | None:
    """Who the frame says spoke: after the closing mark (up to ``end``, the end of its
    sentence), before the opening mark (from ``start``, its sentence's start), or a
    headline's tail."""
    attr = _after(ctx, quote.closes + 1, end) or _before(ctx, start, quote.opens)
    if attr is None and title:
        tail = _TITLE_TAIL.match(ctx.view, quote.closes + 1, end)
        head = _TITLE_HEAD.match(ctx.view, start, quote.opens)
        speaker = None
        if tail:
            speaker = _noun_phrase(ctx, tail.start("np"), tail.end("np"))
        elif head:
            speaker = _noun_phrase(ctx, head.start("np"), head.end("np"))
        if speaker is not None:
            return _Attribution(speaker, "", speaker.start, speaker.start, "title")
    return attr


def _after(ctx: _Context, pos: int, end: int) -> _Attribution | None:
    """The attribution right after a quote: "..., he said", ", said the minister"."""
    gap = _AFTER_QUOTE.match(ctx.view, pos, end)
    if gap is None:
        return None
    start = gap.end()
    cue = ctx.gazetteer.cue_pattern.search(ctx.view, start, end)
    if cue is None or ctx.gazetteer.cues[cue.group().casefold()] != "verb":
        return None
    if cue.start() == start:
        speaker = _noun_phrase_from(ctx, cue.end(), end)
    elif len(ctx.view[start : cue.start()].split()) <= 12:
        speaker = _subject(ctx, start, cue.start())
    else:
        speaker = None
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "after") if speaker else None


def _before(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """The reporting verb nearest before the quote in its sentence, and who it says spoke."""
    cues = list(ctx.gazetteer.cue_pattern.finditer(ctx.view, start, pos))
    if not cues:
        return _colon_attribution(ctx, start, pos)
    cue = cues[-1]
    if ctx.gazetteer.cues[cue.group().casefold()] == "according":
        speaker = _noun_phrase_from(ctx, cue.end(), pos)
    else:  # "Shoigu said ...", or inverted: "continued the minister, '...'"
        speaker = _verb_subject(ctx, start, cues)
        inverted = re.fullmatch(r"[^,:]*[,:]\s*", ctx.view[cue.end() : pos])
        if speaker is None and inverted:
            speaker = _noun_phrase_from(ctx, cue.end(), pos)
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "before") if speaker else None


def _colon_attribution(ctx: _Context, start: int, end: int) -> _Attribution | None:
    """A speaker introduced by a colon: "Shoigu: '...'", "He said:" at a paragraph's end."""
    head = ctx.view[start:end].rstrip()
    if not head.endswith(":"):
        return None
    colon = start + len(head) - 1
    cues = list(ctx.gazetteer.cue_pattern.finditer(ctx.view, start, colon))
    if cues:
        speaker = _verb_subject(ctx, start, cues)
        cue = cues[-1]
        return (
            _Attribution(speaker, cue.group(), cue.start(), cue.end(), "colon") if speaker else None
        )
    speaker = _noun_phrase(ctx, start, colon, tail=True)
    return _Attribution(speaker, "", colon, colon, "colon") if speaker else None


def _verb_subject(ctx: _Context, start: int, cues: Sequence[re.Match[str]]) -> _Speaker | None:
    """The subject of the last of ``cues``; a participle or a coordinated verb borrows it."""
    cue = cues[-1]
    floor = cues[-2].end() if len(cues) > 1 else start
    words = ctx.view[floor : _trim_trailing(ctx.view, floor, cue.start())].split()
    kind = ctx.gazetteer.cues[cue.group().casefold()]
    if kind == "participle" or (words and words[-1].lower() in _COORDINATION):
        if len(cues) > 1:
            return _verb_subject(ctx, start, cues[:-1])
        opener = _opening_mention(ctx, start, cue.start())
        return _Speaker(opener.start, opener.end, "name", opener.entity_id) if opener else None
    if kind == "according":
        return None
    return _subject(ctx, floor, cue.start())


def _trim_trailing(view: str, start: int, end: int) -> int:
    """``end`` moved back over adverbs and auxiliaries before a verb ("has also")."""
    while True:
        m = re.search(r"(\w+)\s*$", view[start:end])
        if not m:
            return end
        word = m.group(1)
        if word.lower() not in _TRAILING and not (word.endswith("ly") and word.islower()):
            return end
        end = start + m.start()


def _subject(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The noun phrase right before a verb, past an apposition or an insertion (", for his
    part,", ", speaking in Moscow,")."""
    end = _trim_trailing(ctx.view, start, end)
    pos = end
    for chunk in reversed(ctx.view[start:end].split(",")[-3:]):
        chunk_start = pos - len(chunk)
        pos = chunk_start - 1
        if not chunk.strip() or _PARENTHETICAL.fullmatch(chunk):
            continue
        speaker = _noun_phrase(ctx, chunk_start, chunk_start + len(chunk), tail=True)
        if speaker is not None or not chunk.strip()[0].islower():
            return speaker
        # an insertion that opens in lower case (", speaking in Moscow,"): look before it
    return None


def _noun_phrase(ctx: _Context, start: int, end: int, tail: bool = False) -> _Speaker | None:
    """A name, a pronoun or a role that is ``view[start:end]`` (with ``tail``: that ends it)."""
    strip = " \t\n" + _QUOTE_CHARS
    while end > start and ctx.view[end - 1] in strip:
        end -= 1
    while start < end and ctx.view[start] in strip:
        start += 1
    if start >= end:
        return None
    for m in ctx.mentions:
        if m.end != end or m.type not in ("person", "organization"):
            continue
        lead = ctx.view[start : m.start].strip().lower()
        # a title may stand before a person's name ("Russian Defence Minister Sergei
        # Shoigu", not "an aide to Sergei Shoigu"); "the head of" before an organisation's
        # makes the phrase a role, read below
        titled = tail and m.type == "person" and _role_like(ctx, start, m.start)
        if lead in ("", "the") or titled:
            return _Speaker(m.start, m.end, "name", m.entity_id)
    words = list(_WORD.finditer(ctx.view, start, end))
    if words and words[-1].group().lower() in _PRONOUNS and (tail or len(words) == 1):
        return _Speaker(words[-1].start(), words[-1].end(), "pronoun")
    for w in words if tail else words[:1]:
        if not (w.group()[0].isupper() or w.group().lower() in ("the", "a", "an")):
            continue
        if _role_like(ctx, w.start(), end):
            role = ctx.gazetteer.role(ctx.view[w.start() : end])
            if role is not None:
                return _Speaker(w.start(), end, "role", role=role)
    return None


def _noun_phrase_from(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A name, a pronoun or a role that starts at ``start`` and runs to punctuation."""
    stop = re.compile(rf"[,.;:!?()\[\]{_QUOTE_CHARS}{_FILLER}]").search(ctx.view, start, end)
    limit = stop.start() if stop else end
    for m in ctx.mentions:
        if start <= m.start and m.end <= limit and not ctx.view[start : m.start].strip():
            if m.type == "place":
                return None  # "said Tehran would ...": the place is what is reported on
            return _Speaker(m.start, m.end, "name", m.entity_id)
    return _noun_phrase(ctx, start, limit)


def _role_like(ctx: _Context, start: int, end: int) -> bool:
    """Whether every word of the phrase can belong to a role ("the top military official")."""
    g = ctx.gazetteer
    return all(
        w.text[0].isupper()
        or w.key in g.title_words
        or w.key in g.demonyms
        or w.text.lower() in _ROLE_WORDS
        for w in g.words(ctx.view, start, end)
    )


# --- resolution ---------------------------------------------------------------------------


def _resolve(ctx: _Context, attr: _Attribution, before: int, title: bool) -> _Attributed:
    """The entity the attribution's speaker stands for, and how it was found."""
    speaker = attr.speaker
    if speaker.kind == "name":
        return _Attributed(
            attr, speaker.entity_id, "name" if speaker.entity_id else "unresolved-name"
        )
    if title:  # a headline is read before the body: the body's speakers, first first
        focus = [e for _, e in ctx.focus]
    else:  # the person most recently in focus first, this sentence excluded
        focus = [e for pos, e in reversed(ctx.focus) if pos < before]
    if speaker.kind == "pronoun":
        if focus and not title:
            return _Attributed(attr, focus[0], "pronoun")
        return _Attributed(attr, "", "unresolved-pronoun")
    assert speaker.role is not None
    if _INDEFINITE.match(ctx.view, speaker.start):  # "an official": someone not named before
        return _Attributed(attr, "", "unresolved-role")
    entity_id = resolve_role(speaker.role, ctx.held, focus)
    return _Attributed(attr, entity_id, "role" if entity_id else "unresolved-role")


def _add_focus(ctx: _Context, sentence: Span, quoted: Sequence[_Attributed | None]) -> None:
    """Put in focus the people the sentence makes speak, and a person who opens it."""
    s, e = sentence
    events = [(q.attribution.speaker.start, q.entity_id) for q in quoted if q and q.entity_id]
    cues = list(ctx.gazetteer.cue_pattern.finditer(ctx.view, s, e))
    for n, cue in enumerate(cues):
        speaker = _verb_subject(ctx, s, cues[: n + 1])
        if speaker is not None:
            attr = _Attribution(speaker, cue.group(), cue.start(), cue.end(), "before")
            item = _resolve(ctx, attr, s, title=False)
            if item.entity_id:
                events.append((cue.start(), item.entity_id))
    opener = _opening_person(ctx, s, e)
    if opener is not None:
        events.append(opener)
    entities = ctx.gazetteer.entities
    ctx.focus.extend(sorted(ev for ev in events if entities[ev[1]].type == "person"))


def _opening_person(ctx: _Context, s: int, e: int) -> tuple[int, str] | None:
    """A known person who opens the sentence: its subject, put in focus."""
    m = _opening_mention(ctx, s, e)
    return (m.start, m.entity_id) if m and m.entity_id else None


def _opening_mention(ctx: _Context, s: int, e: int) -> Mention | None:
    """The person whose name, with its title, opens ``view[s:e]``."""
    first = next((m for m in ctx.mentions if s <= m.start < e and m.type == "person"), None)
    if first is None:
        return None
    head = title_start(ctx.text, first.start, ctx.gazetteer, floor=s)
    return first if ctx.view[s:head].strip().lower() in ("", "the") else None


def _scare(text: str, quote: _Found, item: _Attributed | None) -> bool:
    """A few words in marks, not punctuated as speech ("We won.", "We won,") and that
    nobody in their sentence is said to say: scare quotes ("red lines")."""
    own = item is not None and item.attribution.where not in ("paragraph", "colon")
    words = sum(len(text[s:e].split()) for s, e in quote.parts)
    spoken = text[quote.parts[-1][1] - 1] in ".!?,"
    return words <= _SCARE_WORDS and not own and not spoken


def _split(ctx: _Context, quote: _Found, nxt: _Found, item: _Attributed | None) -> bool:
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
