"""Attribution in English word order: a speech verb and its subject around a quotation."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import islice

from pipeline.extract.entities import person_of
from pipeline.extract.people import Person, after_article, frequency
from pipeline.extract.quotemarks import FILLER, WORD, Found
from pipeline.extract.quotes.base import (
    _AFTER_QUOTE,
    _CAPITALISED,
    _COLON_WORDS,
    _DAYS,
    _NOT_DESCRIPTION,
    _PHRASE_STOP,
    _POSSESSIVE,
    _SHORT,
    _SOLID,
    _SUBJECT_AFTER,
    _THE,
    _at_most_words,
    _Attributed,
    _Attribution,
    _name_speaker,
    _Speaker,
    _trim_colon,
    _trim_space,
)
from pipeline.extract.quotes.context import _Context
from pipeline.extract.quotes.focus import _opening_mention
from pipeline.extract.quotes.german_french import (
    _bare_subject,
    _german_colon_subject,
    _german_fronted,
    _german_pronoun,
)
from pipeline.extract.quotes.phrases import (
    _borrows,
    _description,
    _name_before_verb,
    _noun_phrase,
    _noun_phrase_from,
    _opening_he,
    _pronoun_after,
    _relative,
    _subject,
    _titled,
    _trim_trailing,
)

_CUES_REMEMBERED = 8  # _verb_subject remembers the subjects of the first verbs only
# the phrase after these verbs is who was spoken to, never the speaker ("told the interviewer")
_ADDRESSED = frozenset(
    {"told", "tells", "asked", "asks", "warned", "warns", "urged", "assured", "assures"}
)
_SIGNED = re.compile(  # "” — Neil Gaiman", "”\xa0― Pamela Padilla" (a horizontal bar)
    r"[ \t\xa0]*[—–―][ \t\xa0]*(?P<np>[^-–—―:|.,;\n]{1,60}?)[ \t\xa0]*\.?$"
)
_TITLE_TAIL = re.compile(r"\s*[-–—:|]\s*(?P<np>[^-–—:|]{1,80}?)\s*$")
_TITLE_HEAD = re.compile(r"(?P<np>[^:]{1,80}?)\s*:\s")
_SO = re.compile(  # right after a quotation: German "so" (+ a verb) + name, or + article and role
    r"(?P<cue>so)(?:\s+[a-zäöüß]+t(?:e|en)?)?\s+(?=[A-ZÄÖÜ]|(?P<article>der|die)\s+[A-ZÄÖÜ])"
)
# a German sentence that opens with a prepositional phrase or an adverb and no comma puts
# its verb second and the subject after it: "Am Montag sagte Petra Hahn", "Dazu erklärte sie"
_FRONTED = re.compile(
    r"(?:(?:Am|Im|In|Beim|Bei|Auf|Nach|Vor|Gegenüber|Mit|Zum|Zur|Seit|Während|Für|Über|Unter"
    r"|Aus|Vom|Von|Wegen|Trotz|Neben)\s[^,.;:!?]{1,60}?|Dazu|Darauf|Danach|Dabei|Damals|Heute"
    r"|Gestern|Später|Zuvor|Zudem|Außerdem|Ausserdem|Weiter|Dann|Jetzt|Nun|Zugleich|Deshalb)\s+"
)
# a French verb with its subject after it: "soupire-t-elle", "a-t-il", "poursuit-il"
_INVERTED = re.compile(r"[^\W\d_]+(?:-t)?-(?P<p>il|elle)(?![\w-])", re.IGNORECASE)
_POSSESSIVE_COLON = re.compile(  # "Seine Schlussfolgerung:", "Und ihr Fazit:"
    r"\s*(?:Und\s+)?(?P<p>[Ss]ein|[Ss]eine|[Ii]hr|[Ii]hre)\s+[A-ZÄÖÜ][\w-]*\s*"
)
_APPOSITION_WORDS = 30  # "NAME, <at most this many words>, said"
_BODY = re.compile(
    rf"\s*(?:(?P<article>the|die|der|das|le|la|les)\s+|(?P<elided>l['’]))?"
    rf"(?P<name>{_CAPITALISED}(?:\s+(?:of|and|for|the|{_CAPITALISED})){{0,4}})\s*"
)  # '"...," Microsoft said', '"...," the Spokesman-Review said'
_GROUP = 5.0  # a word this common (Zipf) is no organisation's name: "Police", "It"
_PLURAL = 3.5  # nor the plural of a word this common: "Analysts", "Critics"
_STATEMENT = re.compile(
    r"\b(?:had|made|issued|gave|released|read|delivered)\s+(?:a|an|the|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<noun>statement|remarks)\b"
)  # "had a more succinct statement": who had it made it
_VIEWPOINT = re.compile(r"\s*(?:for|für|pour|(?P<in>in))\s+(?=\S)", re.IGNORECASE)
_WORDS = re.compile(r"['’]s?\s+(?:words|view)\b")  # "In Dr. Shadlen's words"
_APPOSED_COMMAS = 3  # "NAME, a fellow at X in Munich, Germany, and co-author of Y, said"
_NAMES_ARE_LISTED = re.compile(r"(?!\s*(?:a|an|the|who)\s)")  # unless this or lower case opens it


def _closing_cue(ctx: _Context, start: int, end: int) -> _Attribution | None:
    """A sentence that ends in its speech verb ("'Amazing,' Davis said.", "He added."):
    the speaker of a quotation opening the next one."""
    stop = _trim_space(ctx.view, start, end) - 1
    if stop < start or ctx.view[stop] != ".":
        return None
    cues = list(ctx.cues.within(start, stop))
    if not cues or cues[-1].end() != stop:
        return None
    cue = cues[-1]
    if ctx.gazetteer.cues[cue.group().casefold()] != "verb":
        return None
    speaker = _verb_subject(ctx, start, cues)
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "colon") if speaker else None


def _attribution(
    ctx: _Context, quote: Found, start: int, end: int, title: bool
) -> _Attribution | None:
    """Who the frame says spoke: after the closing mark (up to ``end``, the end of its
    sentence), before the opening mark (from ``start``, its sentence's start), or a
    headline's tail."""
    attr = _after(ctx, quote.closes + 1, end)
    if attr is None or (
        ctx.view[quote.closes - 1] in ".?!" and _introduces(ctx.view, 0, quote.opens)
    ):
        attr = _before(ctx, start, quote.opens) or attr  # 'X replied, "..." Y quipped, ...'
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
    if attr is None and not title:  # "“...” — Neil Gaiman" closing its paragraph
        dash = _SIGNED.match(ctx.view, quote.closes + 1, end)
        speaker = _noun_phrase(ctx, dash.start("np"), dash.end("np")) if dash else None
        if speaker is not None and speaker.kind == "name" and speaker.type == "person":
            return _Attribution(speaker, "", speaker.start, speaker.start, "signed")
    return attr


def _introduces(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` ends, white space aside, in a comma or colon that introduces
    a quotation ('Aniston replied, "..."'), read back from ``end`` only over the white space."""
    end = _trim_space(view, start, end)
    return end > start and view[end - 1] in ",:"


def _after(ctx: _Context, pos: int, end: int) -> _Attribution | None:
    """The attribution right after a quote: "..., he said", ", said the minister"."""
    gap = _AFTER_QUOTE.match(ctx.view, pos, end)
    if gap is None:
        return None
    start = gap.end()
    if so := _SO.match(ctx.view, start, end):  # German: „...“, so Scholz.
        speaker = _noun_phrase_from(ctx, so.end(), end)
        if speaker is not None and (speaker.kind == "name" or so.group("article")):
            return _Attribution(speaker, so.group("cue"), so.start(), so.end("cue"), "after")
    if inverted := _INVERTED.match(ctx.view, start, end):  # French: «...», soupire-t-elle.
        speaker = _Speaker(inverted.start("p"), inverted.end("p"), "pronoun")
        return _Attribution(speaker, inverted.group(), inverted.start(), inverted.end(), "after")
    cue = ctx.cues.first(start, end)
    fronts = (cue is None or cue.start() != start) and "," in gap.group()
    if fronts and (fronted := _german_fronted(ctx, start, end)):  # „…“, prognostizierte Brühl.
        return fronted
    if cue is None or ctx.gazetteer.cues[cue.group().casefold()] != "verb":
        return None
    spoken = ctx.view[pos - 2] in ",!?" or "," in gap.group()  # the sentence goes on
    if cue.start() == start:
        speaker = _pronoun_after(ctx, cue) or _noun_phrase_from(ctx, cue.end(), end)
        if speaker is None and not ctx.view[cue.end() : end].strip(" \t.,;!?"):
            speaker = _Speaker(cue.start(), cue.end(), "pronoun")  # "“…”, argumentó."
        if speaker is None and spoken:  # '"...", schrieb die NASA.'
            stop = _PHRASE_STOP.search(ctx.view, cue.end(), end)
            speaker = _unnamed_body(ctx, cue.end(), stop.start() if stop else end, after=True)
    else:
        speaker = _apposed(ctx, start, cue.start())
        if speaker is None and _at_most_words(ctx.view, start, cue.start(), 12):
            speaker = _subject(ctx, start, cue.start())
        if speaker is None and spoken:  # '"...," Microsoft said'
            speaker = _unnamed_body(ctx, start, _trim_trailing(ctx.view, start, cue.start()))
        if speaker is None and spoken:  # '"...," minister of mines Tom Alweendo told'
            speaker = _name_before_verb(ctx, start, cue.start(), after=True)
    if speaker is None:  # '"..." announced in October, said Derek Scissors'
        cue, speaker = _said_name_later(ctx, start, cue, end)
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "after") if speaker else None


def _said_name_later(
    ctx: _Context, start: int, cue: re.Match[str], end: int
) -> tuple[re.Match[str], _Speaker | None]:
    """The next cue, if a verb right after a comma within twelve words of ``start`` and
    followed by a name ('"..." announced in October, said Derek Scissors'); else ``cue``."""
    later = ctx.cues.first(cue.end(), end)
    if later is None or ctx.gazetteer.cues[later.group().casefold()] != "verb":
        return cue, None
    comma = _trim_space(ctx.view, start, later.start()) - 1
    if comma < start or ctx.view[comma] != "," or not _at_most_words(ctx.view, start, comma, 12):
        return cue, None
    speaker = _noun_phrase_from(ctx, later.end(), end)
    return (later, speaker) if speaker is not None and speaker.kind == "name" else (cue, None)


def _unnamed_body(ctx: _Context, start: int, end: int, after: bool = False) -> _Speaker | None:
    """Capitalised words, no person's name, that stand between a quotation and its verb
    ('"...," Microsoft said', '"...," Big Machine said'): an organisation the registry does
    not know, named as written. Mid-sentence, a capitalised word is a name. ``after`` the
    verb, words in lower case may follow ('said Microsoft in a statement')."""
    body = (_BODY.match if after else _BODY.fullmatch)(ctx.view, start, end)
    if body is None or (body.end() < end and not ctx.view[body.end()].islower()):
        return None
    if _POSSESSIVE.match(ctx.view, body.end()):
        return None  # "sagt Halas‘ Kollege": whose colleague, not who
    written = " ".join(body.group("name").split())
    first = written.split()[0].lower()
    if first in _NOT_DESCRIPTION or first == "i" or (" " not in written and _a_group(written)):
        return None  # "And I", "It", "Officials"
    if re.fullmatch(_DAYS, written):
        return None  # a time: "said Tuesday"
    if " " not in written and after_article(ctx.view, written):
        return None  # a German noun the text puts after an article: "die Zuversicht"
    foreign = body.group("elided") or (body.group("article") or "the").lower() != "the"
    if foreign and " " not in written and not written.isupper():
        return None  # German nouns are capitalised: "die Ministerin", "die Polizei"; "die NASA"
    return _Speaker(
        body.start("name"), body.end("name"), "name", Person("", written), "organization"
    )


def _a_group(word: str) -> bool:
    """A word for people or a common noun, not a name: "Officials", "Analysts", "Police",
    "It"."""
    low = word.lower()
    return frequency(low) >= _GROUP or (low.endswith("s") and frequency(low[:-1]) >= _PLURAL)


def _apposed(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A name at ``start`` and a phrase in apposition to it up to the verb at ``end``:
    "John Williams, the president of the Federal Reserve Bank of New York, said"."""
    n = bisect_left(ctx.starts, start)
    if n == len(ctx.mentions) or ctx.mentions[n].start >= end:
        return None
    m = ctx.mentions[n]
    if m.start > start and not (m.type == "person" and _titled(ctx, start, m.start, bare=True)):
        return None  # only titles and descriptions may stand before it: "study author X, ..."
    if m.type == "place" or not ctx.view.startswith(",", m.end):
        return None
    apposition = ctx.view[m.end + 1 : end]
    listed = _NAMES_ARE_LISTED.match(apposition) and not apposition.lstrip()[:1].islower()
    commas = 1 if listed else _APPOSED_COMMAS  # "NAME, senior vice president of fleet, ..."
    if apposition.count(",") > commas or not apposition.rstrip().endswith(","):
        return None
    if not _at_most_words(ctx.view, m.end, end, _APPOSITION_WORDS):
        return None
    return _name_speaker(m)


def _before(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """The reporting verb nearest before the quote in its sentence, and who it says spoke."""
    cues = ctx.cues.within(start, pos)
    if not cues:
        return (
            _viewpoint(ctx, start, pos)
            or _verb_first(ctx, start, pos)
            or _colon_attribution(ctx, start, pos)
            or _statement_introduced(ctx, start, pos)
            or _one_person_introduces(ctx, start, pos)
        )
    cue = cues[-1]
    if ctx.gazetteer.cues[cue.group().casefold()] == "according":
        speaker = _noun_phrase_from(ctx, cue.end(), pos)
    elif _SUBJECT_AFTER.fullmatch(ctx.view, cue.end(), _trim_colon(ctx.view, cue.end(), pos)):
        speaker = _pronoun_after(ctx, cue)  # "Weiter schreibt er:"
    else:  # "Shoigu said ...", or inverted: "continued the minister, '...'"
        speaker = (
            _verb_subject(ctx, start, cues)
            or _german_pronoun(ctx, start, cue, pos)
            or _bare_subject(ctx, start, pos)
        )
        addressed = cue.group().casefold() in _ADDRESSED  # "told the interviewer:"
        if speaker is None and not addressed and _inverted(ctx.view, cue.end(), pos):
            speaker = _noun_phrase_from(ctx, cue.end(), pos)
        if speaker is None:  # "Speaking to the Daily Mail Lacerda claimed:"
            speaker = _name_before_verb(ctx, start, cue.start(), after=False)
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "before") if speaker else None


def _one_person_introduces(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence with no speech verb that introduces the quotation with a comma or colon,
    opens with a person's name and names nobody else ("Christie quit—telling a town hall
    meeting in Windham, N.H., “...”"): that person."""
    if not _introduces(ctx.view, start, pos):
        return None
    opener = _opening_mention(ctx, start, pos)
    if opener is None:
        return None
    starts, people = ctx.people
    named = [
        m
        for m in people[bisect_left(starts, start) : bisect_left(starts, pos)]
        if ctx.view[m.start] != FILLER
    ]
    if {person_of(m) for m in named} != {person_of(opener)}:
        return None
    return _Attribution(_name_speaker(opener), "", opener.start, opener.start, "before")


def _viewpoint(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence with no speech verb that opens with whose view it gives and introduces the
    quotation with a comma or colon: "For Ana Ruiz, ...:", "Für Boris Dujakovic stehen ...:",
    "Pour la toxicologue,", "In Dr. Shadlen's words,": that person."""
    opens = _VIEWPOINT.match(ctx.view, start, pos)
    if opens is None or not _introduces(ctx.view, start, pos):
        return None
    speaker = _noun_phrase_from(ctx, opens.end(), pos)
    if speaker is None or speaker.type == "organization" or speaker.kind == "pronoun":
        return None
    if opens.group("in") and not _WORDS.match(ctx.view, speaker.end):
        return None  # "In Washington, ...": a place, or a time
    return _Attribution(speaker, "", speaker.start, speaker.start, "before")


def _verb_first(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence that opens with its speech verb, capitalised, and introduces the quotation
    with a comma or colon ("Said Comey, "..."", "Added Ms. Reyes:"): the speaker after it."""
    verb = WORD.match(ctx.view, start, pos)
    if verb is None or not verb.group()[0].isupper() or not _introduces(ctx.view, start, pos):
        return None
    if ctx.gazetteer.cues.get(verb.group().casefold()) != "verb":
        return None
    speaker = _noun_phrase_from(ctx, verb.end(), pos)
    if speaker is None or speaker.kind != "name":
        return None
    return _Attribution(speaker, verb.group(), verb.start(), verb.end(), "before")


def _statement_introduced(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence telling of a statement that introduces the quotation with a comma
    ('Immediately after the vote, Lopez issued a statement, "..."'): who made it."""
    if not _introduces(ctx.view, start, pos):
        return None
    made = _statement_maker(ctx, start, pos)
    return made.attribution if made else None


def _inverted(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` is a phrase ending in the only comma or colon in it."""
    end = _trim_space(view, start, end)
    if end == start or view[end - 1] not in ",:":
        return False
    return view.find(",", start, end - 1) < 0 and view.find(":", start, end - 1) < 0


def _colon_attribution(ctx: _Context, start: int, end: int) -> _Attribution | None:
    """A speaker introduced by a colon: "Shoigu: '...'", "He said:" at a paragraph's end."""
    colon = _trim_space(ctx.view, start, end) - 1
    if colon < start or ctx.view[colon] != ":":
        return None
    cues = ctx.cues.within(start, colon)
    if cues:
        cue = cues[-1]
        if _SUBJECT_AFTER.fullmatch(ctx.view, cue.end(), colon):  # "Weiter schreibt er:"
            speaker = _pronoun_after(ctx, cue)
        else:
            speaker = (
                _verb_subject(ctx, start, cues)
                or _german_pronoun(ctx, start, cue, colon)
                or _bare_subject(ctx, start, colon)
            )
        return (
            _Attribution(speaker, cue.group(), cue.start(), cue.end(), "colon") if speaker else None
        )
    speaker = (
        _possessive_colon(ctx, start, colon)
        or _named_before_colon(ctx, start, colon)
        or _colon_subject(ctx, start, colon)
        or _german_colon_subject(ctx, start, colon)
    )
    return _Attribution(speaker, "", colon, colon, "colon") if speaker else None


def _possessive_colon(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """A German possessive and a noun introducing a quotation with a colon ("Seine
    Schlussfolgerung: „…“", "Ihr Fazit:"): the possessor speaks, read as "er" or "sie"."""
    found = _POSSESSIVE_COLON.fullmatch(ctx.view, start, colon)
    return _Speaker(found.start("p"), found.end("p"), "pronoun") if found else None


def _named_before_colon(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """The noun phrase right before a colon with no speech verb ("Shoigu:"); a pronoun there
    only when it is all the sentence says ("He:"), not the object of a clause ("but he
    resents it:")."""
    speaker = _subject(ctx, start, colon)
    if speaker is not None and speaker.kind == "pronoun":
        solid = _SOLID.search(ctx.view, start, colon)
        return speaker if solid is not None and solid.start() == speaker.start else None
    return speaker


def _colon_subject(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """The subject of a short sentence that introduces a quotation with a colon and no
    speech verb: a person whose name opens it, "he" or "she", or a description that opens
    it ("Buckley, who phoned in, had a similar experience:", "Er räumt jedoch ein:", "Die
    Ministerin zeigte sich offen:")."""
    if not _at_most_words(ctx.view, start, colon, _COLON_WORDS):
        return None
    pronoun = _opening_he(ctx, start, colon)
    if pronoun is not None:
        return pronoun
    opener = _opening_mention(ctx, start, colon)
    if opener is not None:
        return _name_speaker(opener)
    the = _THE.match(ctx.view, start, colon)  # "Die Ministerin zeigte sich offen:"
    words = islice(WORD.finditer(ctx.view, the.end(), colon), 3) if the else ()
    return next((d for w in words if (d := _description(ctx, start, w.end()))), None)


def _verb_subject(
    ctx: _Context, start: int, cues: Sequence[re.Match[str]], last: int = -1
) -> _Speaker | None:
    """The subject of cue ``last`` of ``cues``; a participle or a coordinated verb borrows
    the subject of the verb before it.

    A sentence's verbs are read for the focus and again for a quotation the sentence
    attributes: a subject read without the focus (almost all) is read once.
    """
    n = len(cues) - 1 if last < 0 else last
    if n >= _CUES_REMEMBERED:  # a key that long would cost what it saves
        return _verb_subject_read(ctx, start, cues, n)
    key = (start, tuple(c.span() for c in cues[: n + 1]))
    if key in ctx.subjects:
        return ctx.subjects[key]
    reads = ctx.focus_reads
    subject = _verb_subject_read(ctx, start, cues, n)
    if ctx.focus_reads == reads:  # a function of the text alone
        ctx.subjects[key] = subject
    return subject


def _verb_subject_read(
    ctx: _Context, start: int, cues: Sequence[re.Match[str]], n: int
) -> _Speaker | None:
    while _borrows(ctx, start, cues, n):
        if n == 0:  # the sentence's subject: "Trump said ..., adding:", "He estimated ..., adding:"
            opener = _opening_mention(ctx, start, cues[0].start())
            return _name_speaker(opener) if opener else _opening_he(ctx, start, cues[0].start())
        n -= 1
    if ctx.gazetteer.cues[cues[n].group().casefold()] == "according":
        return None
    floor = cues[n - 1].end() if n else start
    if n and (clause := _relative(ctx.view, start, cues[n].start())) < cues[n - 1].start():
        k = bisect_left([c.start() for c in cues[:n]], clause)
        floor = cues[k - 1].end() if k else start  # the clause's own cues speak for no one here
    subject = _subject(ctx, floor, cues[n].start())
    if n == 0 and _FRONTED.fullmatch(ctx.view, start, cues[0].start()):
        cue = cues[0]  # "Am Montag sagte Petra Hahn:": the verb second, its subject after it
        stop = min(len(ctx.view), cue.end() + _SHORT)
        after = _pronoun_after(ctx, cue) or _noun_phrase_from(ctx, cue.end(), stop)
        return after or subject
    return subject


def _statement_maker(ctx: _Context, s: int, e: int) -> _Attributed | None:
    """Who made the statement a sentence with no speech verb tells of ("Bolger's lawyer,
    Jeremy Robinson, had a more succinct statement after the ruling."): the one person named
    before "had", "made", "issued", "gave", "released" or "read" and the statement, a
    possessive ("Bolger's") aside."""
    if ctx.view.find("statement", s, e) < 0 and ctx.view.find("remarks", s, e) < 0:
        return None
    made = _STATEMENT.search(ctx.view, s, e)
    if made is None:
        return None
    starts, people = ctx.people
    named = [
        m
        for m in people[bisect_left(starts, s) : bisect_left(starts, made.start())]
        if not ctx.view.startswith(("'s", "’s"), m.end)
    ]
    if len(named) != 1:
        return None
    attr = _Attribution(_name_speaker(named[0]), made["noun"], made.start(), made.end(), "before")
    return _Attributed(attr, person_of(named[0]), "name")
