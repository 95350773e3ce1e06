"""Resolving a mention (a pronoun, a role, a surname) to the person in focus."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import chain

from pipeline.extract.entities import person_of, resolve_role, title_start
from pipeline.extract.model import Mention
from pipeline.extract.people import Person, first_name, gender, given_gender, leaning
from pipeline.extract.quotemarks import FILLER, QUOTE_CHARS, TITLE_ABBREVIATIONS, WORD
from pipeline.extract.quotes.base import (
    _CONJUNCTION,
    _COORDINATION,
    _PRONOUN_GENDER,
    _QUIET,
    _RECENT,
    _STRIP,
    _THE,
    _Attributed,
    _Attribution,
)
from pipeline.extract.quotes.context import _Context

_BODY_PRONOUNS = frozenset({"they", "it"})  # an organisation in focus, or nobody
_NAMED_BACK = 5  # nor further back than this is a person named but not in focus
_INDEFINITE = re.compile(r"(?:a|an|one)\s", re.IGNORECASE)
_NOUN_AFTER = r"\s+(?:[a-zäöüß]+\s+)?(?P<noun>[A-ZÄÖÜ][a-zäöüß]+)(?![\w-])"
_NEWCOMER = {  # someone not named, by the pronoun's gender: "dieser User", "eine Nutzerin"
    "er": (
        re.compile(r"(?<![\w-])(?:einen|einem|dieser|diesen|diesem)" + _NOUN_AFTER),
        ("er", "ent", "ist", "ant"),
    ),
    "sie": (re.compile(r"(?<![\w-])(?:eine|einer|diese)" + _NOUN_AFTER), ("in",)),
}
_POSSESSOR = {"sie": "she", "sein": "er", "seine": "er", "ihr": "she", "ihre": "she"}
_COLON_QUOTE = re.compile(rf":\s*[{re.escape(QUOTE_CHARS)}]")  # a colon opening a quotation
_SUBORDINATE_OPENS = re.compile(
    r"(?:After|When|While|Although|Though|Because|Since|As|Before|Until|Once|If)\s"
)
_BEFORE_SUBJECT = frozenset({"", "the", "it was", "it is", "it’s", "it's"})  # a cleft: its name


def _agrees(person: Person, said: str) -> bool:
    """Whether ``person``'s first name allows the gender a description gives."""
    return said not in ("male", "female") or _gender(person.name) in ("", said)


def _in_focus(ctx: _Context, named: Callable[[Person], bool] | None) -> Person | None:
    """The person in focus for a description no name was introduced with ("the actor", "the
    56-year-old"): the latest speaker or subject of the two sentences before; with
    ``named``, else the one person named in them that it accepts. Nobody if none spoke (and,
    with ``named``, they name several or none it accepts)."""
    ctx.focus_reads += 1
    recent = ctx.sentences[-_RECENT] if len(ctx.sentences) >= _RECENT else 0
    if ctx.focus and ctx.focus[-1][0] >= recent:
        return ctx.focus[-1][1]
    if named is None:
        return None
    found = {e for _, e in ctx.named[bisect_left(ctx.named, recent, key=_position) :] if named(e)}
    return found.pop() if len(found) == 1 else None


def _anyone(person: Person) -> bool:
    return True


def _given_name(person: Person) -> bool:
    """Whether ``person``'s name opens with a first name (no description: "Tagessieger")."""
    return person.name[:1].isupper() and bool(first_name(person.name.split()[0]))


def _quiet_focus(ctx: _Context, said: str) -> Person | None:
    """The latest speaker or subject of the last ``_QUIET`` sentences whose gender agrees with
    the description's (``said``, or none in English) if nobody else who agrees was named
    since: German reporting goes on for sentences in reported speech before a description
    names the speaker again, English advice for sentences before "the expert explains"."""
    recent = ctx.sentences[-_QUIET] if len(ctx.sentences) >= _QUIET else 0
    latest = next((e for e in reversed(ctx.focus) if e[0] < recent or _agrees(e[1], said)), None)
    if latest is None or latest[0] < recent:
        return None
    pos, person = latest
    since = ctx.named[bisect_left(ctx.named, pos, key=_position) :]
    return person if all(e == person or not _agrees(e, said) for _, e in since) else None


def _resolve(ctx: _Context, attr: _Attribution, before: int, title: bool) -> _Attributed | None:
    """Who the attribution's speaker stands for, and how it was found; None for a "they"
    that stands for no organisation (unnamed officials, a group of people)."""
    speaker = attr.speaker
    if speaker.kind in ("name", "description"):
        return _Attributed(attr, speaker.person, speaker.kind)
    focus: Iterator[Person]  # read lazily: most of it is seldom needed
    if title:  # a headline is read before the body: the body's speakers, first first
        focus = (e for _, e in ctx.focus)
    else:  # the person most recently in focus first, this sentence excluded
        focus = (e for pos, e in reversed(ctx.focus) if pos < before)
    recent = ctx.sentences[-_RECENT] if len(ctx.sentences) >= _RECENT else 0
    written = ctx.view[speaker.start : speaker.end].lower()
    if speaker.kind == "pronoun" and written in _BODY_PRONOUNS:
        body = _body_since(ctx, ctx.bodies, recent, before, title)
        return _Attributed(attr, body, "pronoun") if body else None
    if speaker.kind == "pronoun":
        if written == "i":  # the writer, or the one an interview asks: nobody the text names
            return _Attributed(attr, None, "unresolved-pronoun")
        spokes = (
            _body_since(ctx, ctx.spokes, recent, before, title)
            if written in _PRONOUN_GENDER
            else None
        )
        if spokes is not None:  # "a spokesperson for X said ..." then '"...," he said'
            return _Attributed(attr, spokes, "pronoun")
        if written in _NEWCOMER and _newcomer(ctx, written, speaker.start):
            return _Attributed(attr, None, "unresolved-pronoun")  # "dieser User": nobody named
        written = _POSSESSOR.get(written, written)  # "sie" after a verb in the singular, "Sein"
        said = _pronoun_gender(written)
        # a subject left out must be someone whose first name says a gender: not "Floresta"
        known = ("", "male", "female") if written in _PRONOUN_GENDER else ("male", "female")
        subjects: Iterator[tuple[int, Person]] = (
            (pos, e) for pos, e in reversed(ctx.focus) if recent <= pos < before
        )
        if attr.where == "after" and (opener := _introducer(ctx, before, speaker.start)):
            subjects = chain([(opener.start, person_of(opener))], subjects)
        named = _first_named(ctx, before)
        fits = None
        if not title:  # a recent speaker or subject, else the person named latest, who fits
            candidates = (
                (pos, p)
                for pos, p in chain(subjects, named)
                if (g := _gender(p.name)) in known and g in ("", said or g)
            )
            first = next(candidates, None)
            if first is not None and said and leaning(first[1].name) not in ("", said):
                # "Charlie" is mostly a man's name: a "he" prefers a man named after him
                first = next(
                    (c for c in candidates if c[0] > first[0] and said in _genders(c[1])), first
                )
            fits = first[1] if first else None
        if fits is not None:
            return _Attributed(attr, fits, "pronoun")
        return _Attributed(attr, None, "unresolved-pronoun")
    assert speaker.role is not None
    if _INDEFINITE.match(ctx.view, speaker.start):  # "an official": someone not named before
        return _Attributed(attr, None, "unresolved-role")
    person = resolve_role(speaker.role, ctx.held, focus)
    if person is None and not speaker.role.country and _THE.match(ctx.view, speaker.start):
        person = _in_focus(ctx, None)  # nobody holds it: "the coach" is who is in focus
    return _Attributed(attr, person, "role" if person else "unresolved-role")


def _newcomer(ctx: _Context, pronoun: str, end: int) -> bool:
    """Whether the sentence before a German pronoun at ``end`` (or its own, before it) brings
    in someone unnamed of the pronoun's gender, an indefinite or demonstrative article and a
    noun for a person ("nahm dieser User aufs Korn", "erinnerte einen User an den Film",
    "eine Nutzerin"), no person named after: the pronoun is that newcomer, nobody the text
    names."""
    n = bisect_left(ctx.sentences, end)
    since = ctx.sentences[n - 1] if n else 0
    article, endings = _NEWCOMER[pronoun]
    found = [m for m in article.finditer(ctx.view, since, end) if m.group("noun").endswith(endings)]
    if not found:
        return False
    starts, people = ctx.people
    named = people[bisect_left(starts, found[-1].end()) : bisect_left(starts, end)]
    return all(ctx.view[m.start] == FILLER for m in named)  # inside a quotation: no antecedent


def _introducer(ctx: _Context, start: int, end: int) -> Mention | None:
    """The person who opens a sentence that introduces a quotation with a colon ("Claire
    Dufour, the director, judged it urgent: "...," she said"), the colon before ``end``;
    else the one person that introduction names ("haben wir Professor Hartmut Zohm gefragt:
    „…“, kommentierte er")."""
    colon = _COLON_QUOTE.search(ctx.view, start, end)
    if colon is None:
        return None
    opener = _opening_mention(ctx, start, colon.start())
    if opener is not None:
        return opener
    starts, people = ctx.people
    named = [  # not inside a quotation: the speaker's words
        m
        for m in people[bisect_left(starts, start) : bisect_left(starts, colon.start())]
        if ctx.view[m.start] != FILLER
    ]
    return named[0] if len({person_of(m) for m in named}) == 1 else None


def _body_since(
    ctx: _Context, bodies: list[tuple[int, Person]], recent: int, before: int, title: bool
) -> Person | None:
    """The latest of ``bodies`` in focus from ``recent`` up to ``before``, with no person
    named since; none in a headline."""
    body = next(((pos, e) for pos, e in reversed(bodies) if recent <= pos < before), None)
    person = next((pos for pos, _ in reversed(ctx.named) if pos < before), -1)
    return body[1] if body is not None and body[0] > person and not title else None


def _gender(name: str) -> str:
    """The gender a person's first name gives, a name of one word read as a first name
    ("Denis" is no "elle")."""
    return gender(name) if " " in name else given_gender(name)


def _genders(person: Person) -> tuple[str, str]:
    """The gender a person's first name gives, and the one it mostly gives ("Charlie")."""
    return _gender(person.name), leaning(person.name)


def _first_named(ctx: _Context, before: int) -> Iterator[tuple[int, Person]]:
    """The people named in the ``_NAMED_BACK`` sentences before ``before``, the latest
    sentence first and, within a sentence, the first named first (its subject before its
    objects: "Simmons teed up McDonald's cameo.")."""
    stop = bisect_left(ctx.named, before, key=_position)
    for s in reversed(ctx.sentences[-_NAMED_BACK:]):
        if s >= before:
            continue
        start = bisect_left(ctx.named, s, hi=stop, key=_position)
        yield from ctx.named[start:stop]
        stop = start
        if not stop:
            return


def _position(event: tuple[int, Person]) -> int:
    return event[0]


def _pronoun_gender(pronoun: str) -> str:
    """The gender a pronoun says; for a verb with its subject left out or inside it
    ("argumentó", "ajoute-t-il"), the gender its ending gives, else none."""
    if pronoun in _PRONOUN_GENDER:
        return _PRONOUN_GENDER[pronoun]
    inside = [_PRONOUN_GENDER[w] for w in re.split(r"[-\s]", pronoun)[1:] if w in _PRONOUN_GENDER]
    return inside[0] if inside else ""


def _opening_mention(ctx: _Context, s: int, e: int) -> Mention | None:
    """The person whose name, with its title, opens ``view[s:e]``; after a subordinate
    clause that opens it, the main clause's ("After Lily Miyazaki won, it was ...": not
    Miyazaki)."""
    if _SUBORDINATE_OPENS.match(ctx.view, s) and (comma := ctx.view.find(",", s, e)) >= 0:
        s = comma + 1
    starts, people = ctx.people
    n = bisect_left(starts, s)
    if n == len(people) or people[n].start >= e:
        return None
    first = people[n]
    if ctx.view.startswith(("'s", "’s"), first.end):
        return None  # "Steenburgen’s son, ...": the possessive is not the subject
    head = title_start(ctx.text, first.start, ctx.gazetteer, floor=s)
    if ctx.view.find(",", head, first.start) >= 0:
        head = first.start  # no title runs over a comma: "... in New Hampshire, Christie quit"
    before = ctx.view[s:head].strip().lower()
    joined = _CONJUNCTION.match(before + " ")  # "And Mr. Christie gloated:"
    before = before[joined.end() :] if joined else before
    if before in _BEFORE_SUBJECT or before.removesuffix(".") in TITLE_ABBREVIATIONS:
        return first  # "Mr. Vane smiled and said, ...", "it was Katie Boulter who ..."
    # after an introductory phrase, the subject of the main clause: "Following the show,
    # Simmons teed up ..." (a name, then a verb: a word in lower case, not "and")
    verb = WORD.search(ctx.view, first.end, e)
    opened = before.rstrip(_STRIP).endswith(",") and not _THE.match(before)
    if not opened or verb is None or not verb.group().islower():
        return None
    return None if verb.group() in _COORDINATION else first
