"""Who said each quotation: its attribution, else the paragraph's, the author or the focus."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import partial
from itertools import pairwise

from pipeline.extract.entities import Paragraph, person_of
from pipeline.extract.people import Person
from pipeline.extract.quotemarks import FILLER, WORD, Found, Span, sentences
from pipeline.extract.quotes.base import (
    _QUIET,
    _SUBJECT_PRONOUNS,
    _Attributed,
    _Attribution,
    _name_speaker,
    _Speaker,
)
from pipeline.extract.quotes.context import _Context
from pipeline.extract.quotes.english import (
    _attribution,
    _closing_cue,
    _colon_attribution,
    _statement_maker,
    _verb_subject,
)
from pipeline.extract.quotes.focus import _given_name, _in_focus, _opening_mention, _resolve
from pipeline.extract.quotes.german_french import (
    _described_by,
    _german_second,
    _german_verb_after,
    _own_subject,
    _unresolved_description,
)
from pipeline.extract.quotes.phrases import _blank_or_the, _borrows, _noun_phrase, _noun_phrase_from

_SIGNATURE = re.compile(  # a paragraph of its own: "- Bernie Sanders.", "-Michelle Marks, Phila."
    r"[ \t]*[-—–―][ \t]*(?P<np>[^-–—―:|.,;\n]{1,60}?)[ \t]*(?:,[^\n]{0,80}|\.)?[ \t]*"
)
# "He added that", "He added: “", and with its subject after it: "Weiter sagt er: „"
_OWN_SPEECH = re.compile(r"\s+that\b|(?:\s+(?:er|sie|il|elle)\b)?\s*[,:]?\s*[“\"'‘„«]")
# German reported speech: a verb in the subjunctive (Konjunktiv I) of the third person
# fmt: off
_SUBJUNCTIVE = re.compile(r"(?<![\w-])(?:" + "|".join((
    "sei", "seien", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge",
    "würde", "würden", "wäre", "wären", "hätte", "hätten",
    "wisse", "gebe", "gehe", "komme", "liege", "stehe", "gelte", "bleibe", "brauche", "fehle",
    "zeige", "sehe", "lasse", "halte", "mache", "finde", "heiße", "heisse", "trage", "biete",
)) + r")(?![\w-])")
# fmt: on
# a document speaks with no verb of its own: "In der Petition heißt es:", "Darin hieß es
# weiter:", "Dans sa lettre, on peut lire :"; who the sentences before say wrote it
_DOCUMENT_SAYS = re.compile(
    r"(?:(?:In|Im|Darin|Dort|Weiter|Zudem|Dans|Sur)\s[^.:!?]{0,80}?)?"
    r"(?:(?:heißt|hieß|heisst|hiess)\s+es|(?:[Oo]n\s+)?(?:peut|pouvait)(?:-on)?\s+lire|lit-on)"
    r"(?![\w-])[^.:!?]{0,60}:\s*"
)
# a German quotation in the first person: the speaker in focus speaks
_FIRST_PERSON = re.compile(
    r"(?<![\w-])(?:[Ii]ch|[Ww]ir|[Mm]ir|[Mm]ich|[Uu]ns|[Mm]ein(?:e[nmrs]?)?|[Uu]nser(?:e[nmrs]?)?"
    r")(?![\w-])"
)


def _attribute_all(
    ctx: _Context, paras: Sequence[Paragraph], found: Sequence[Found]
) -> list[_Attributed | None]:
    """Attribute every quotation, reading the body in order and the title last."""
    titled = any(p.start <= q.opens < p.end for p in paras if p.title for q in found)
    read_to = max((q.closes for q in found), default=-1) if not titled else len(ctx.view)
    body = [p for p in paras if not p.title and p.start <= read_to]  # nothing later is read
    ordered = [*body, *(p for p in paras if p.title)]
    spans = {id(p): sentences(ctx.view, p.start, p.end) for p in ordered}
    ctx.reach = max((p.end for p in ordered), default=0)  # no speech cue is sought beyond
    ends = sorted(e for p in ordered for _, e in spans[id(p)])
    para_ends = sorted(p.end for p in ordered)
    opens = sorted((q.opens, k) for k, q in enumerate(found))
    open_at = [pos for pos, _ in opens]
    result: dict[int, _Attributed | None] = {}
    colon: tuple[int, int, bool] | None = None  # the sentence before, read if it says "He said:"
    before: _Attributed | int | None = None  # the speaker who ends the paragraph before
    subject: Span | None = None  # the last sentence of a paragraph with no quotation
    read: list[tuple[Span, list[_Attributed | None]]] = []  # body sentences, their quotations'
    carried: list[_Attributed | None] = []  # whose reported speech each goes on, read if asked
    following = {id(a): b for a, b in pairwise(paras)}
    for p in ordered:
        colon = None if p.title else colon
        last: _Attributed | None = None  # the paragraph's latest attribution
        prior: int | None = None  # the sentence before, whose report it may go on
        alone = _only_quotes(ctx.view, p, found, opens, open_at)
        below = following.get(id(p)) if alone and not p.title else None
        signed = _signed_below(ctx, below) if below is not None else None
        for s, e in spans[id(p)]:
            inside = sorted(k for _, k in opens[bisect_left(open_at, s) : bisect_left(open_at, e)])
            for k in inside:
                closes = found[k].closes
                later = bisect_right(ends, closes)
                if later + 1 < len(ends) and ends[later] == closes + 1:
                    nxt = ends[later + 1]  # "...?" he asked: its sentence ended inside the marks
                    same = bisect_right(para_ends, closes) == bisect_left(para_ends, nxt)
                    later += same and not _own_speech(ctx, closes + 1, nxt)
                end = ends[later] if later < len(ends) else e
                attr = _attribution(ctx, found[k], s, end, p.title)
                item = _resolve(ctx, attr, s, p.title) if attr else None
                described = item if _unresolved_description(item, ctx.view) else None
                item = None if described is not None else item
                if _DOCUMENT_SAYS.fullmatch(ctx.view, s, found[k].opens):
                    wrote = (
                        last or _report(ctx, prior) or _report(ctx, before) or _author(ctx, s)
                    )  # "In der Petition heißt es:"
                    item = _goes_on(wrote) if wrote is not None else None
                if item is None and colon is not None and found[k].opens == s:
                    item = _said_before(ctx, *colon)
                if item is None and signed is not None:
                    item = signed  # '"...."' then "- Bernie Sanders."
                opening = alone or _opens_whole(ctx.view, p, found[k])  # "“...” This was ..."
                if item is None and last is None and opening:
                    goes = _report(ctx, before)  # a paragraph that is (or opens with) a quotation
                    item = _goes_on(goes) if goes is not None else None
                if item is None and last is None and alone and subject is not None:
                    item = _paragraph_subject(ctx, *subject)  # "Draper meanwhile won ..."
                own = item is None and (
                    _german_verb_after(ctx, found[k].closes + 1, end)
                    or _own_subject(ctx, s, found[k].opens)
                )
                if item is None and last is not None and not own:  # the speaker goes on
                    item = _goes_on(last)
                if item is None and found[k].opens == s and (said := _report(ctx, prior)):
                    item = _goes_on(said)  # 'Ruano said it stays. "For me, ..."'
                if item is None and found[k].opens == s and (on := _carries(ctx, read, carried)):
                    item = _goes_on(on)  # "Das sei ernst, sagte Roth. Er habe ... „…“"
                if item is None and found[k].opens == s and _first_person(ctx, found[k]):
                    item = _in_paragraph(_author(ctx, s), p)  # "Für Hans Göbel aber schon. „Ich …“"
                if described is not None:
                    item = _described_by(ctx.view, described, item)
                last = item or last
                result[k] = item
            if not p.title:
                quoted = [result[k] for k in inside]
                ctx.later(partial(_add_focus, ctx, (s, e), quoted))
                prior = len(read)
                read.append(((s, e), quoted))
            colon = (s, e, p.title)
        n = bisect_left(open_at, p.end) - 1  # the paragraph's last quotation, if it has one
        k = opens[n][1] if n >= 0 and open_at[n] >= p.start else -1
        ended = k >= 0 and result.get(k) is last and _quote_ends(ctx.view, p, found[k])
        before = (
            None if p.title else last if last and (ended or _ends_with(ctx.view, p, last)) else None
        )
        subject = None
        if not p.title and bisect_left(open_at, p.start) == bisect_left(open_at, p.end):
            # no quotation: whom its last sentence reports speaking, if anyone
            before = len(read) - 1 if read else None
            if spans[id(p)]:
                subject = spans[id(p)][-1]  # read only if a paragraph of quotations follows
    return [result.get(k) for k in range(len(found))]


def _paragraph_subject(ctx: _Context, s: int, e: int) -> _Attributed | None:
    """The person who opens a paragraph's last sentence, which has no quotation ("Draper
    meanwhile wrapped up his win ..."): the speaker of a paragraph of quotations after it."""
    opener = _opening_mention(ctx, s, e)
    if opener is None:
        return None
    speaker = _name_speaker(opener)
    attr = _Attribution(speaker, "", opener.start, opener.start, "paragraph")
    return _Attributed(attr, speaker.person, "name")


def _signed_below(ctx: _Context, p: Paragraph) -> _Attributed | None:
    """A paragraph that only signs the quotation paragraph above it, a dash and a person's
    name, maybe a phrase after a comma ("- Bernie Sanders.", "-Michelle Marks,
    Philadelphia."): that person."""
    if p.title or (sign := _SIGNATURE.fullmatch(ctx.view, p.start, p.end)) is None:
        return None
    speaker = _noun_phrase(ctx, sign.start("np"), sign.end("np"), tail=True)
    if speaker is None or speaker.kind != "name" or speaker.type != "person":
        return None
    return _Attributed(
        _Attribution(speaker, "", speaker.start, speaker.start, "signed"), speaker.person, "name"
    )


def _report(ctx: _Context, said: _Attributed | int | None) -> _Attributed | None:
    """``said``, or for a sentence's number the speaker that sentence reports (no quotation
    in it: "Erekat said it was the latest move.")."""
    return ctx.reports[said] if isinstance(said, int) else said


def _said_before(ctx: _Context, s: int, e: int, title: bool) -> _Attributed | None:
    """The speaker of a sentence that introduces the next with a colon ("He said:") or ends
    in its verb ('"Amazing," Davis said.'), read when a quotation opens the next one."""
    said = _colon_attribution(ctx, s, e) or _closing_cue(ctx, s, e)
    return _resolve(ctx, said, s, title) if said else None


def _carries(
    ctx: _Context,
    read: Sequence[tuple[Span, Sequence[_Attributed | None]]],
    carried: list[_Attributed | None],
) -> _Attributed | None:
    """Whose reported speech the last sentence of ``read`` goes on (see :func:`_reported_on`),
    its sentences before read first: ``carried`` holds theirs, read once."""
    while len(carried) < len(read):
        carried.append(_reported_on(ctx, read, carried))
    return carried[-1] if carried else None


def _reported_on(
    ctx: _Context,
    read: Sequence[tuple[Span, Sequence[_Attributed | None]]],
    carried: Sequence[_Attributed | None],
) -> _Attributed | None:
    """Who sentence ``len(carried)`` of ``read`` goes on reporting if it is German in the
    subjunctive of reported speech ("Die Nachfrage sei hoch."): the latest person who spoke
    in the last ``_QUIET`` sentences, in a quotation, in reported speech, or whom reported
    speech went on in ``carried``; a quotation that opens the next sentence is theirs."""
    now = len(carried)
    if not _SUBJUNCTIVE.search(ctx.view, *read[now][0]):
        return None
    for n in range(now, max(-1, now - _QUIET - 1), -1):
        if n < now and carried[n] is not None:
            return carried[n]
        quoted = read[n][1]
        said = [q for q in quoted or [ctx.reports[n]] if q is not None and q.person is not None]
        if said:
            return said[-1]
    return None


def _author(ctx: _Context, start: int) -> _Attributed | None:
    """Who wrote the document a sentence quotes with no speech verb ("In der Petition heißt
    es:"): the latest speaker or subject of the two sentences before, else the one person
    with a first name they name, at their latest mention before ``start``."""
    person = _in_focus(ctx, _given_name)
    if person is None:
        return None
    starts, people = ctx.people
    named = (m for m in reversed(people[: bisect_left(starts, start)]) if person_of(m) == person)
    mention = next(named, None)
    if mention is None:
        return None
    speaker = _name_speaker(mention)
    return _Attributed(
        _Attribution(speaker, "", speaker.start, speaker.start, "paragraph"), person, "name"
    )


def _first_person(ctx: _Context, quote: Found) -> bool:
    """Whether a German quotation speaks in the first person ("Ich habe gemerkt", "Wir
    freuen uns"): someone's own words, not a title or a slogan."""
    return _FIRST_PERSON.search(ctx.text, quote.opens, quote.closes) is not None


def _in_paragraph(item: _Attributed | None, p: Paragraph) -> _Attributed | None:
    """``item`` if its speaker is named in paragraph ``p`` with a first name ("Ab Dezember
    eröffnet ..." names nobody)."""
    if item is None or item.person is None or not _given_name(item.person):
        return None
    return item if item.attribution.speaker.start >= p.start else None


def _own_speech(ctx: _Context, start: int, end: int) -> bool:
    """Whether the sentence ``view[start:end]`` reports speech of its own, its first cue
    followed by "that" or by a quotation it introduces ('"...." He added that ...', '"...."
    She added: "..."'): it attributes nothing before it."""
    cue = ctx.cues.first(start, end)
    return cue is not None and _OWN_SPEECH.match(ctx.view, cue.end(), end) is not None


def _opens_whole(view: str, p: Paragraph, quote: Found) -> bool:
    """Whether the quotation opens the paragraph and ends its own sentence inside the marks
    ('“We used a trick.” This “trick” was ...', not '“...,” said a dispatcher on ...')."""
    return not view[p.start : quote.opens].strip() and view[quote.closes - 1] in ".?!"


def _only_quotes(
    view: str, p: Paragraph, found: Sequence[Found], opens: list[tuple[int, int]], at: list[int]
) -> bool:
    """Whether the paragraph is nothing but quotations (and the marks around them)."""
    inside = [found[k] for _, k in opens[bisect_left(at, p.start) : bisect_left(at, p.end)]]
    if not inside:
        return False
    chars = list(view[p.start : p.end])
    for q in inside:
        chars[q.opens - p.start : q.closes + 1 - p.start] = " " * (q.closes + 1 - q.opens)
    return not "".join(chars).strip(" \t\n.,")


def _ends_with(view: str, p: Paragraph, item: _Attributed) -> bool:
    """Whether the paragraph ends with the attribution of its last quotation, or with
    one more quotation of the same speaker that it leaves open (one opening mark, and
    nothing closes it: it goes on in the next paragraph)."""
    a = item.attribution
    rest = view[max(a.speaker.end, a.cue_end) : p.end]
    left = [c for c in rest if c in '"“”']
    return a.where in ("after", "before") and (not left or left in (['"'], ["“"]))


def _quote_ends(view: str, p: Paragraph, quote: Found) -> bool:
    """Whether ``quote`` ends the paragraph (nothing but a full stop after its closing mark):
    '"...," Vane said. "Not one."' is followed by Vane's next quotation paragraph."""
    return not view[quote.closes + 1 : p.end].strip(" \t\n.")


def _goes_on(item: _Attributed) -> _Attributed:
    """``item`` for the quotation of a paragraph that continues it."""
    a = item.attribution
    return _Attributed(
        _Attribution(a.speaker, a.cue, a.cue_start, a.cue_end, "paragraph"), item.person, item.how
    )


def _add_focus(ctx: _Context, sentence: Span, quoted: Sequence[_Attributed | None]) -> None:
    """Put in focus the people the sentence makes speak, and a person who opens it."""
    s, e = sentence
    events = [(q.attribution.speaker.start, q) for q in quoted if q and q.person]
    cues = list(ctx.cues.within(s, e))  # each read several times: a list's, not a chain's
    speakers: list[_Speaker | None] = []
    for n, cue in enumerate(cues):
        borrowed = n > 0 and _borrows(ctx, s, cues, n)  # the subject of the cue before
        speaker = speakers[-1] if borrowed else _verb_subject(ctx, s, cues, n)
        if speaker is None and ctx.gazetteer.cues[cue.group().casefold()] == "verb":
            after = _noun_phrase_from(ctx, cue.end(), e)  # "..., said Mary Lovely"
            speaker = after if after is not None and after.kind == "name" else None
        speakers.append(speaker)
        if speaker is not None:
            attr = _Attribution(speaker, cue.group(), cue.start(), cue.end(), "before")
            item = _resolve(ctx, attr, s, title=False)
            if item and item.person:
                events.append((cue.start(), item))
    reported = events[-1][1] if events and not quoted else None
    if not events and not quoted:
        reported = _statement_maker(ctx, s, e)  # "X had a succinct statement." "..."
    ctx.reports.append(reported)
    people = [(pos, q.person) for pos, q in events if q.person and _a_person(q.attribution)]
    starts, persons = ctx.people
    named = [  # a name inside a quotation is the speaker's word, no antecedent of the report's
        (m.start, person_of(m))
        for m in persons[bisect_left(starts, s) : bisect_left(starts, e)]
        if ctx.view[m.start] != FILLER
    ]
    opener = _opening_mention(ctx, s, e)
    if opener is not None:
        people.append((opener.start, person_of(opener)))
    elif not events:
        subject = _opening_pronoun(ctx, s, e)  # "She spoke with pride ...": still her
        if subject is not None:
            people.append(subject)
    bodies = [(pos, q.person) for pos, q in events if q.person and not _a_person(q.attribution)]
    ctx.spokes.extend(
        (pos, q.person) for pos, q in events if q.person and q.attribution.speaker.spokes
    )
    first = bisect_left(ctx.starts, s)
    if first < len(ctx.mentions) and ctx.mentions[first].type == "organization":
        body = ctx.mentions[first]  # an organisation opens the sentence: "Halden Capital said"
        if _blank_or_the(ctx.view, s, body.start):
            bodies.append((body.start, person_of(body)))
    ctx.bodies.extend(sorted(bodies, key=lambda event: event[0]))
    ctx.focus.extend(sorted(people, key=lambda event: event[0]))
    ctx.named.extend(sorted([*people, *named], key=lambda event: event[0]))
    ctx.sentences.append(s)


def _opening_pronoun(ctx: _Context, s: int, e: int) -> tuple[int, Person] | None:
    """The person a "he" or "she" that opens the sentence stands for (see :func:`_resolve`);
    German "er", "sie" before a verb in the singular ("Sie betonte"), French "il", "elle"."""
    first = WORD.match(ctx.view, s, e)
    if first is not None and (second := _german_second(ctx.view, s, e)) is not None:
        first = second  # "Also bleibt er überzeugt", "Als Vater legt er Wert auf ..."
    if first is None or first.group().lower() not in _SUBJECT_PRONOUNS | {"sie"}:
        return None
    verb = WORD.search(ctx.view, first.end(), e)
    if first.group().lower() == "sie" and (verb is None or verb.group().endswith("en")):
        return None  # "Sie sagten": they
    pronoun = _Speaker(first.start(), first.end(), "pronoun")
    item = _resolve(ctx, _Attribution(pronoun, "", s, s, "before"), s, title=False)
    return (first.start(), item.person) if item and item.person else None


def _a_person(attr: _Attribution) -> bool:
    """Whether a speaker is a person: an organisation's name is not."""
    return attr.speaker.kind != "name" or attr.speaker.type == "person"
