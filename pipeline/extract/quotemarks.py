"""Where the quotations of a text are: its quotation marks paired, the spans inside them,
and the text with them masked (the report's own voice, :func:`framed`).

Marks. The marks of each language's convention are paired within a paragraph, a closing
mark with an opening one of its family: double („…“, „…”, “…”, ”…”, "…"), single (‚…‘,
‘…’, '…'), guillemets («…», »…«, « … » with the spaces inside left out of the quotation),
single guillemets and CJK corner brackets (「…」, 『…』); two apostrophes or two grave
accents next to a word are one double mark (the New York Times archive's ''…'', ``…'').
„ ‚ 「 『 only open and 」 』 only close; the others are told by where they stand: a mark
opens after a space (or a bracket or dash) and before a word, and closes after a word and
before a space or punctuation, so “ opens in English and closes in German, and » closes in
French and opens in German; where its place does not tell, “ ‘ « ‹ open and ” » › close (’
before a word elides: ’90s). A
mark between two letters is an apostrophe (Russia's, don't); a closing single mark after an
``s`` and before a word (Students' News) is a plural possessive unless no other mark can
close the quote. Marks of another family inside a quote belong to it (a quote within a quote is not
a row of its own). A mark that nothing closes is not a quote, with one exception, the
multi-paragraph convention: a paragraph that opens a quote and does not close it goes on
in the next paragraph when that one opens with a mark of the same kind.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import pairwise

from pipeline.extract.entities import Paragraph

Span = tuple[int, int]

# Marks that only open, marks that only close, and marks whose neighbours decide, by
# family: a mark closes a quotation of its own family only.
_OPENERS = {"„": "double", "‟": "double", "‚": "single", "‛": "single"}
_OPENERS |= {"「": "corner", "『": "white-corner"}
_CLOSERS = {"」": "corner", "』": "white-corner"}
_STRAIGHT = {'"': "double", "'": "single"}
_OPENS_FIRST = {"“": "double", "‘": "single", "«": "guillemet", "‹": "single-guillemet"}
_CLOSES_FIRST = {"”": "double", "’": "single", "»": "guillemet", "›": "single-guillemet"}
_FAMILY = _OPENERS | _CLOSERS | _STRAIGHT | _OPENS_FIRST | _CLOSES_FIRST
_GUILLEMETS = frozenset("«»‹›")
QUOTE_CHARS = "".join(_FAMILY)
_INNER_SPACE = " \u00a0\u202f\u2009"  # French « guillemets » hold a (no-break) space
_MARK = re.compile(f"[{re.escape(QUOTE_CHARS)}]")
_BEFORE_OPEN = set("([{<—–-/") | set(QUOTE_CHARS)
_AFTER_CLOSE = set(".,;:!?)]}>—–―-/…") | set(QUOTE_CHARS)  # ―: a horizontal bar
FILLER = "_"  # what a quotation's words are masked with while its frame is read
_NAMING = re.compile(
    r"(?:dubbed|called|named|titled|entitled|known as|termed|labell?ed|codenamed)\s*$",
    re.IGNORECASE,
)
_SO_CALLED = re.compile(r"so-called\s*$", re.IGNORECASE)
SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "for", "to", "at"})
# fmt: off
TITLE_ABBREVIATIONS = frozenset({  # "Mr.", "Sen.": a title written before a name
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "brig", "sen",
    "rep", "gov", "pres", "prof",
})
_ABBREVIATIONS = TITLE_ABBREVIATIONS | frozenset({
    "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "jr", "sr", "del",
})
# fmt: on
# fmt: on
# A sentence ends at a full stop, "?" or "!" (and the marks closing it) before a space and a
# word that does not open in lower case (scripts with no case included), a digit or an
# opening mark; or at an ideographic full stop, with no space after it.
_SENTENCE_END = re.compile(
    rf"[.!?؟]+[{re.escape(''.join(_CLOSES_FIRST))}\"')\]」』“«]*(?=\s+(?P<next>\S))|[。！？]+[」』]*"
)
_LAST_WORD = re.compile(r"(\w+)\.?$")
_INCISE = re.compile(
    r",[ \t]+[^\W\d_]+(?:-t)?-(?:il|elle)(?:[ \t]+[^.!?«»“”\n]{1,80}?)?[,.][ \t]+(?P<next>)(?=\S)",
    re.IGNORECASE,
)  # inside a quotation: "« A, soupire-t-elle. B »", "« A, glisse-t-il en partant. B »"
# fmt: off
_NO_VERB = frozenset({  # French words that open no incise: "« ..., comme Jean Dupont. »"
    "comme", "et", "ou", "mais", "avec", "pour", "par", "de", "du", "des", "le", "la", "les",
    "un", "une", "à", "au", "aux", "en", "dans", "sur", "sous", "chez", "vers", "contre",
    "entre", "depuis", "pendant", "avant", "après", "sans", "que", "qui", "dont", "où", "ni",
    "car", "donc", "puis", "voire", "même", "notamment", "surtout", "cher", "chère", "monsieur",
    "madame",
})
# fmt: on
# inside « guillemets »: a verb and a name, and an apposition: "« A, explique Antony
# Fastier, toxicologue, ancien de l’Anses. B »"
_NAMED_INCISE = re.compile(
    r",[ \t]+(?P<verb>(?:a[ \t]+)?[^\W\d_A-Z]+)"
    r"[ \t]+[A-ZÀ-Ý][\w’'-]+(?:[ \t]+[A-ZÀ-Ý][\w’'-]+){0,2}"
    r"(?:,[^.!?«»\n]{1,80})?\.[ \t]+(?P<next>)(?=[A-ZÀ-Ý«])"
)
WORD = re.compile(r"[\w'’-]+")
_DOUBLED = re.compile(r"``|'{2,3}")  # a doubled mark (and a single one inside it)
_SENTENCE_STOP = re.compile(r"\w[^\w\s]{0,2}[.!?][^\w\s]{0,2}\Z")  # 'issue.', 'it?)', "go!'"


@dataclass(frozen=True)
class _Mark:
    pos: int
    family: str  # double, single, guillemet, single-guillemet, corner or white-corner
    kind: str  # open, close, or weak-close (a closing single mark that may be a possessive)


@dataclass(frozen=True)
class Found:
    """A quotation: its parts (spans inside the marks) and where its outer marks stand."""

    parts: tuple[Span, ...]
    family: str
    opens: int
    closes: int


@lru_cache(maxsize=2)  # the quote and citation steps read one document's quotations
def framed(text: str, paras: tuple[Paragraph, ...]) -> tuple[tuple[Found, ...], str, list[Span]]:
    """The quotations of the paragraphs, the paragraphs with them masked (:func:`frame`),
    and the spans of that frame still the raw text's, in order and none touching."""
    view = _one_mark(_scope(text, paras))
    found = tuple(find(text, view, paras))
    hidden = _hidden(view, found)
    return found, _mask(view, hidden), _kept([s for p in paras for s in p.pieces], hidden)


def _scope(text: str, paras: Sequence[Paragraph]) -> str:
    """``text`` with everything outside the title and kept body turned into spaces."""
    out: list[str] = []
    pos = 0
    for start, end in _merged([piece for p in paras for piece in p.pieces]):
        out += (" " * (start - pos), text[start:end])
        pos = end
    out.append(" " * (len(text) - pos))
    return "".join(out)


def _one_mark(view: str) -> str:
    """``view`` with each doubled mark read as one ``"``: two apostrophes (the New York
    Times archive's '') or two grave accents (Penn Treebank's ``) next to a word, the ``"``
    on the word's side and the other character blanked (of three apostrophes, a single
    mark stays inside: ,''' closing a quotation within one reads as ,'")."""
    if "''" not in view and "``" not in view:
        return view
    return _DOUBLED.sub(partial(_as_one, view), view)


def _as_one(view: str, m: re.Match[str]) -> str:
    run, before = m.group(), view[m.start() - 1] if m.start() else " "
    after = view[m.end()] if m.end() < len(view) else " "
    if (before.isspace() or before in _BEFORE_OPEN) and not after.isspace():
        return ' "' + run[2:]  # opening: the mark before the word
    if run[0] == "'" and not before.isspace() and (after.isspace() or after in _AFTER_CLOSE):
        return run[:-2] + '" '  # closing: the mark after the word
    return run


def marks(view: str, start: int, end: int) -> list[_Mark]:
    """The quotation marks of ``view[start:end]``, told apart by the characters around them."""
    found = []
    for mark in _MARK.finditer(view, start, end):
        i = mark.start()
        c = view[i]
        prev = view[i - 1] if i > start else " "
        nxt = view[i + 1] if i + 1 < end else " "
        if prev.isalnum() and nxt.isalnum() and c not in _OPENERS and c not in _CLOSERS:
            continue  # an apostrophe: Russia's, don't
        inner_prev, inner_next = prev, nxt  # the characters on the quotation's side
        if c in _GUILLEMETS:  # « Citation », «Цитата», »Zitat«: a space inside is skipped
            inner_prev = _beyond_space(view, i - 1, start - 1, -1)
            inner_next = _beyond_space(view, i + 1, end, 1)
        opens = (prev.isspace() or prev in _BEFORE_OPEN) and not inner_next.isspace()
        closes = not inner_prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
        closes = closes or (not opens and _spaced_close(view, start, i))
        kind = _kind(c, opens, closes)
        if kind == "open":
            found.append(_Mark(i, _FAMILY[c], "open"))
        elif kind == "close":
            weak = _FAMILY[c] == "single" and _possessive(view, i, end)
            found.append(_Mark(i, _FAMILY[c], "weak-close" if weak else "close"))
    return found


def _kind(c: str, opens: bool, closes: bool) -> str | None:
    """Whether mark ``c`` opens or closes a quotation, given whether it stands where an
    opening mark does (after a space, before a word) and where a closing one does."""
    if c in _OPENERS or c in _CLOSERS:
        return "open" if c in _OPENERS else "close"
    if c in _STRAIGHT:
        return "open" if opens and not closes else "close" if closes and not opens else None
    if c in _OPENS_FIRST:  # “ ‘ « ‹ open, unless they stand where only a closing mark can
        return "close" if closes and not opens else "open"
    if closes:  # ” ’ » ›
        return "close"
    return "open" if opens and c != "’" else None  # ’ before a word elides: ’90s


def _spaced_close(view: str, start: int, i: int) -> bool:
    """A double mark set apart by a space from the single mark closing a quotation within
    its quotation: ``it,' " he said``, ``attention,’ ” Hege said``."""
    return (
        _FAMILY[view[i]] == "double"
        and i - 3 >= start
        and view[i - 1] == " "
        and view[i - 2] in "'’"
        and not view[i - 3].isspace()
    )


def _beyond_space(view: str, i: int, stop: int, step: int) -> str:
    """The character at ``i``, or past one space there (by ``step``): a space if there is
    none before ``stop``, or two spaces."""
    for j in range(i, i + 2 * step, step):
        if j == stop:
            return " "
        if view[j] not in _INNER_SPACE:
            return view[j]
    return " "


def _inside(view: str, start: int, end: int) -> Span:
    """The words between two marks, without the spaces French sets inside « guillemets »."""
    while start < end and view[start] in _INNER_SPACE:
        start += 1
    while end > start and view[end - 1] in _INNER_SPACE:
        end -= 1
    return start, end


def _possessive(view: str, i: int, end: int) -> bool:
    """A closing single mark that reads as a plural possessive: "Students' News"."""
    return view[i - 1] in "sS" and i + 2 < end and view[i + 1] == " " and view[i + 2].isalnum()


def find(text: str, view: str, paras: Sequence[Paragraph]) -> list[Found]:
    """The quotations of the paragraphs, in order; see the module docstring for the rules.

    ``view`` is ``text`` with all but the paragraphs blanked.
    """
    found: list[Found] = []
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
        follows, crossing = _next_unambiguous(ms), _crossing(p.pieces)
        for n, m in enumerate(ms):
            if current is not None and m.family != current.family:
                continue  # a mark of the other kind inside the quote belongs to it
            if m.kind == "open" and current is not None and _runs_on(view, current.pos, m.pos):
                inside = _inside(view, current.pos + 1, m.pos)  # a paragraph run into the next
                parts, current = [*parts, *_cut(inside, crossing(inside), text)], m
            elif m.kind == "open":
                first, current, parts = m, m, []
            elif current is not None and first is not None:
                if m.kind == "weak-close" and follows[n] == "close":
                    continue  # a real closing mark comes before the next opening one
                inside = _inside(view, current.pos + 1, m.pos)
                parts += _cut(inside, crossing(inside), text)
                if _is_quotation(view, first.pos, parts):
                    found += _incised(text, Found(tuple(parts), m.family, first.pos, m.pos))
                first, current, parts = None, None, []
        carried = None
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if current is not None and first is not None and not p.title and nxt and not nxt.title:
            rest = (current.pos + 1, p.end)
            carried = (first, [*parts, *_cut(rest, crossing(rest), text)])
    return found


def _runs_on(view: str, opens: int, pos: int) -> bool:
    """Whether the quotation opened at ``opens`` ends a sentence right before the opening
    mark at ``pos`` with no quotation mark between but apostrophes inside words (any other
    may be what closes it: ’’, a ” set apart by a space, a mark of another kind): paragraphs
    of one quotation that the page's text runs into one line ('"A. "B." he said'), each
    opened, the last one closed."""
    end = pos
    while end > opens + 1 and view[end - 1].isspace():
        end -= 1
    if end == pos or not _SENTENCE_STOP.search(view, max(opens + 1, end - 6), end):
        return False
    inner = _MARK.finditer(view, opens + 1, end)
    return all(view[m.start() - 1].isalnum() and view[m.end()].isalnum() for m in inner)


def _incised(text: str, quote: Found) -> list[Found]:
    """A quotation that holds its own attribution, as French sets it ("« A, soupire-t-elle.
    B »"): one quotation before the incise and one after, the incise outside both (the
    first "closes" at its comma, the second "opens" right before its first word)."""
    found, opens, parts = [], quote.opens, []
    for start, end in quote.parts:
        pos = start
        for incise in _incises(text, start, end, quote.family):
            parts.append((pos, incise.start() + 1))
            found.append(Found(tuple(parts), quote.family, opens, incise.start()))
            pos = incise.end("next")
            opens, parts = pos - 1, []
        parts.append((pos, end))
    return [*found, Found(tuple(parts), quote.family, opens, quote.closes)]


def _incises(text: str, start: int, end: int, family: str) -> list[re.Match[str]]:
    """The incises of ``text[start:end]``: a French verb with its pronoun ("soupire-t-elle")
    or, inside guillemets, a verb in lower case and a name ("explique Antony Fastier")."""
    found = list(_INCISE.finditer(text, start, end))
    if family == "guillemet":
        named = _NAMED_INCISE.finditer(text, start, end)
        found += [m for m in named if m.group("verb").split()[-1].lower() not in _NO_VERB]
    return sorted(found, key=lambda m: m.start())


def _next_unambiguous(ms: Sequence[_Mark]) -> list[str]:
    """For each mark, the kind of the next mark of its family that is not a weak close."""
    found, latest = [""] * len(ms), dict.fromkeys(_FAMILY.values(), "")
    for n in range(len(ms) - 1, -1, -1):
        found[n] = latest[ms[n].family]
        if ms[n].kind != "weak-close":
            latest[ms[n].family] = ms[n].kind
    return found


def _crossing(pieces: Sequence[Span]) -> Callable[[Span], Sequence[Span]]:
    """The pieces that a span may cross: found by bisection when in order and apart."""
    if not all(s <= e for s, e in pieces) or not all(a[1] <= b[0] for a, b in pairwise(pieces)):
        return lambda span: pieces
    starts, ends = [s for s, _ in pieces], [e for _, e in pieces]
    return lambda span: pieces[bisect_right(ends, span[0]) : bisect_left(starts, span[1])]


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
        words = [w for w in WORD.findall(inside) if w.lower() not in SMALL_WORDS]
        return not all(w[0].isupper() for w in words)
    return True


def _hidden(view: str, found: Sequence[Found]) -> list[Span]:
    """What quotations say, less their final punctuation: what the frame hides."""
    return [
        (start, end - 1 if view[end - 1] in ".,!?;:" else end)
        for quote in found
        for start, end in quote.parts
    ]


def _mask(view: str, hidden: Sequence[Span]) -> str:
    """Hide the ``hidden`` spans (what quotations say), so rules read the frame."""
    out: list[str] = []
    pos = 0
    for start, end in _merged(hidden):
        out += (view[pos:start], FILLER * (end - start))
        pos = end
    out.append(view[pos:])
    return "".join(out)


def _kept(pieces: Sequence[Span], hidden: Sequence[Span]) -> list[Span]:
    """The spans of ``pieces`` outside ``hidden``, merged: in order and none touching."""
    kept: list[Span] = []
    holes = _merged(hidden)
    for start, end in _merged(pieces):
        for hole_start, hole_end in holes:
            if hole_start < end and hole_end > start:
                if hole_start > start:
                    kept.append((start, hole_start))
                start = max(start, hole_end)
        if start < end:
            kept.append((start, end))
    return kept


def _merged(spans: Sequence[Span]) -> list[Span]:
    """``spans`` in order, those that overlap or touch joined, empty ones dropped."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def sentences(view: str, start: int, end: int) -> list[Span]:
    """Sentence spans of ``view[start:end]``; abbreviations and initials end none."""
    spans, begin = [], start
    for m in _SENTENCE_END.finditer(view, start, end):
        if (after := m.group("next")) is not None and not _opens_sentence(after):
            continue
        if view[m.start()] == "." and after_abbreviation(view, start, m.start()):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, end))
    kept = [(e, view[s:e].lstrip()) for s, e in spans]
    return [(e - len(text), e) for e, text in kept if text]  # less the white space before


def _opens_sentence(c: str) -> bool:
    """Whether a sentence can begin with ``c``: not a lower-case letter, nor punctuation
    other than an opening mark or bracket."""
    return c.isdigit() or (c.isalpha() and not c.islower()) or c in _FAMILY or c in "(["


def after_abbreviation(view: str, start: int, pos: int) -> bool:
    """Whether the full stop at ``pos`` ends an abbreviation or an initial ("Dr.", "J.")."""
    word = _LAST_WORD.search(view, max(start, pos - 12), pos + 1)
    return word is not None and _abbreviation(word.group(1))


def _abbreviation(word: str) -> bool:
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
