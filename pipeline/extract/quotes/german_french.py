"""German and French attribution: fronted verbs, verb second, pronouns after the verb."""

from __future__ import annotations

import re
from bisect import bisect_left

from pipeline.extract import german
from pipeline.extract.people import Person, after_article, frequency_de
from pipeline.extract.quotemarks import WORD
from pipeline.extract.quotes.base import (
    _AFTER_QUOTE,
    _COLON_WORDS,
    _PHRASE_STOP,
    _SOLID,
    _at_most_words,
    _Attributed,
    _Attribution,
    _name_speaker,
    _Speaker,
    _trim_colon,
    _trim_space,
)
from pipeline.extract.quotes.context import _Context
from pipeline.extract.quotes.focus import _agrees
from pipeline.extract.quotes.phrases import (
    _GERMAN_ARTICLES,
    _described_gender,
    _noun_phrase_from,
    _pronoun_after,
    _written_before,
)

# a German sentence that opens with an adverb puts the verb second, the subject third
_V2_OPENER = re.compile(
    r"(?:Schließlich|Dann|Danach|Zugleich|Außerdem|Dabei|Zudem|Anschließend|Jetzt|Nun|Später"
    r"|Trotzdem|Doch|Deshalb|Daher)\s+[a-zäöüß]+\s+(?=[A-ZÄÖÜ])"
)
_GERMAN_PRONOUN = re.compile(r"\s+(?:er|sie)(?![\w-])")  # "antwortete er in einem Interview"
# a German auxiliary or modal verb and its subject pronoun, the clause's bracket then closed
# by the speech verb: "hatte er ... betont:", "wollte sie ... wissen:"
_AUXILIARY_SUBJECT = re.compile(
    r"(?<![\w-])(?:hat|hatte|habe|hätte|ist|war|wird|wurde|würde|soll|sollte|will|wollte"
    r"|kann|konnte|muss|musste|möchte|ließ|lässt)\s+(?P<p>er|sie)(?![\w-])"
)
_V2_PRONOUN = re.compile(  # a capitalised first word, a verb, its subject pronoun
    r"[A-ZÄÖÜ][^,.;:!?\n]{0,80}?\s(?P<verb>[a-zäöüß]+)\s+(?P<p>er|sie)(?![\w-])"
)
_PRONOUN_WORD = re.compile(r"er|sie")
# fmt: off
_SUBORDINATING = frozenset({  # German subordinating conjunctions: the verb is last after them
    "nachdem", "obwohl", "während", "bevor", "sobald", "solange", "sodass", "falls", "indem",
    "seitdem", "bis", "ehe", "damit", "weshalb", "warum", "wieso", "wobei", "womit", "wie",
    "dass", "als", "wenn", "ob", "weil", "da", "wo", "was", "wer",
})
# fmt: on
def _german_fronted(ctx: _Context, start: int, end: int) -> _Attribution | None:
    """A German quotation fronted before its reporting clause, a comma after it: the next
    word is the clause's finite verb, whatever verb it is, and its subject follows
    ("„…“, prognostizierte Brühl", "„…“, schmunzelt der neue Landesmeister", "„…“, ließ sie
    wissen"); see :mod:`pipeline.extract.german`."""
    verb = WORD.match(ctx.view, start, end)
    if verb is None or not german.content_word(verb.group()):
        return None
    if not german.finite_verb(verb.group()) and not _GERMAN_PRONOUN.match(ctx.view, verb.end()):
        return None  # any verb with its subject pronoun after it: "ließ sie"
    if verb.group().startswith("zitier"):  # "zitiert das Handelsblatt Chefin Martina Weimert"
        speaker = _cited(ctx, verb.end(), end)
    else:
        speaker = _pronoun_after(ctx, verb) or _noun_phrase_from(ctx, verb.end(), end)
    if speaker is None:
        return None
    return _Attribution(speaker, verb.group(), verb.start(), verb.end(), "after")


def _cited(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """Who "zitiert" (cites) gives the words of: its object, not its subject (the medium
    that quotes them), so the first person named after it in its clause ("„…“, zitiert T3N
    den leitenden Wissenschaftler John Moody")."""
    stop = _PHRASE_STOP.search(ctx.view, start, end)
    limit = stop.start() if stop else end
    starts, people = ctx.people
    n = bisect_left(starts, start)
    if n == len(people) or people[n].end > limit:
        return None
    return _name_speaker(people[n])


def _german_verb_after(ctx: _Context, pos: int, end: int) -> bool:
    """Whether a German verb follows the quotation and its comma (its own reporting clause,
    whose subject no rule read: "„…“, sagte der Mann am Steuer"): the paragraph's speaker
    does not go on there."""
    gap = _AFTER_QUOTE.match(ctx.view, pos, end)
    verb = WORD.match(ctx.view, gap.end(), end) if gap and "," in gap.group() else None
    if verb is None or not german.content_word(verb.group()):
        return False
    return german.finite_verb(verb.group()) or verb.group().casefold() in ctx.gazetteer.cues


def _german_colon_subject(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """A person named after the verb of a German sentence that opens with an adverb
    ("Schließlich schlägt Kardashian die Brücke zur Klimakrise:"), or the pronoun right
    after the verb in second place ("Neben Animus erwähnte er dabei auch Bushido:")."""
    if not _at_most_words(ctx.view, start, colon, _COLON_WORDS):
        return None
    solid = _SOLID.search(ctx.view, start, colon)
    opener = _V2_OPENER.match(ctx.view, solid.start(), colon) if solid else None
    second = _german_second(ctx.view, solid.start(), colon) if solid and not opener else None
    if second is not None:  # "Neben Animus erwähnte er dabei auch Bushido, der …:"
        return _Speaker(second.start(), second.end(), "pronoun")
    if opener is None:
        return _bare_subject(ctx, solid.start(), colon) if solid else None
    n = bisect_left(ctx.starts, opener.end())
    m = ctx.mentions[n] if n < len(ctx.mentions) else None
    return _name_speaker(m) if m and m.start == opener.end() and m.type == "person" else None


def _german_pronoun(ctx: _Context, start: int, cue: re.Match[str], end: int) -> _Speaker | None:
    """The subject pronoun of a German clause that introduces a quotation, where it stands
    in the clause's verb bracket: right after the speech verb, whatever follows it up to the
    colon or comma ("antwortete er in einem Interview der Frankfurter Rundschau:"), or right
    after the auxiliary that opens the bracket its speech verb closes ("In einem Interview
    hatte er mit Blick auf ... noch betont:")."""
    stop = _trim_colon(ctx.view, cue.end(), end)
    if ctx.view.find(",", cue.end(), stop) >= 0:
        return None
    if _GERMAN_PRONOUN.match(ctx.view, cue.end(), stop):
        return _pronoun_after(ctx, cue)
    if _SOLID.search(ctx.view, cue.end(), stop) is not None:
        return None  # the speech verb closes no bracket
    bracket = _AUXILIARY_SUBJECT.search(ctx.view, start, cue.start())
    if bracket is None or ctx.view.find(",", bracket.end(), cue.start()) >= 0:
        return None
    return _Speaker(bracket.start("p"), bracket.end("p"), "pronoun")


def _german_second(view: str, s: int, e: int) -> re.Match[str] | None:
    """The subject pronoun of a German sentence that puts its verb second, right after that
    verb ("Also bleibt er überzeugt", "Auch den Wechsel sieht er als Bestätigung"): a
    German word in lower case before it, no comma before it, and no subordinating
    conjunction before the verb ("nachdem", "wenn" ...: the verb is last there)."""
    found = _V2_PRONOUN.match(view, s, e)
    if found is None or not german.content_word(found.group("verb")):
        return None
    if any(w.lower() in _SUBORDINATING for w in WORD.findall(view, s, found.start("verb"))):
        return None
    return _PRONOUN_WORD.match(view, found.start("p"))


# a German sentence whose own subject opens it before a colon: a definite noun phrase or
# the writer ("Der Handelskammerbericht hebt hervor:", "Ich rufe ihm zu:")
_OWN_SUBJECT = re.compile(r"(?:(?:Der|Die|Das)\s+[A-ZÄÖÜ][\w-]*|Ich|Jch|Wir)\s+[a-zäöüß]")


def _own_subject(ctx: _Context, start: int, opens: int) -> bool:
    """Whether the German sentence that introduces a quotation with a colon opens with a
    subject of its own, which no rule named ("Der Handelskammerbericht hebt hervor: „…“"):
    whoever spoke before does not go on there."""
    colon = _trim_space(ctx.view, start, opens) - 1
    return colon > start and ctx.view[colon] == ":" and bool(_OWN_SUBJECT.match(ctx.view, start))


def _unresolved_description(item: _Attributed | None, view: str) -> bool:
    """Whether ``item`` is a German description ("sagte der Hamburger") no rule resolved:
    the rules after it may still say whom it stands for."""
    if item is None or item.how != "description" or item.person is not None:
        return False
    speaker = item.attribution.speaker
    return view[speaker.start : speaker.end].split()[0].lower() in _GERMAN_ARTICLES


def _described_by(view: str, described: _Attributed, found: _Attributed | None) -> _Attributed:
    """A German description as written, standing for the person the speaker rules after it
    found (who spoke before, the paragraph's subject) where the description's gender allows
    them ("„…“, schrieb der 46-Jährige" after "Das bestätigte Ennesto Monté"), and where its
    noun was not written shortly before, for someone unnamed ("in der Kajüte des Kapitäns":
    "fragte der Kapitän" is that one)."""
    if found is None or found.person is None:
        return described
    speaker = described.attribution.speaker
    words = view[speaker.start : speaker.end].split()
    noun = next((w for w in words[1:] if w[:1].isupper()), words[-1])
    if not _agrees(found.person, _described_gender(words[0].lower(), noun)):
        return described
    if _written_before(view, speaker.start, noun):
        return described  # "in der Kajüte des Kapitäns" ... "fragte der Kapitän": that one
    return _Attributed(described.attribution, found.person, "description")


# a capitalised word opening a sentence, its verb in the third person singular right after
# it, and no subject after that verb: "Struve bemerkt dazu:", "Marx führt … aus:",
# "Gregorig schreit:"
_BARE_SUBJECT = re.compile(
    r"(?P<name>[A-ZÄÖÜ][a-zäöüß]{2,})\s+(?P<verb>[a-zäöüß]{2,}t)(?:\s*(?::|$)|\s+(?!(?:er|sie|es|man"
    r"|ich|wir|der|die|das|den|dem|des|ein|eine|einer|einem|einen)(?![\w-])|[A-ZÄÖÜ]))"
)
_COMMON = 4.5  # a German word this common is a noun or an adverb, no person's name
# the endings of German abstract nouns, which stand with no article: no person's name
_NOUN_ENDINGS = ("keit", "heit", "ung", "schaft", "tät", "ion", "ismus", "nis", "tum")


def _bare_subject(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The name no rule read that opens a German sentence introducing a quotation with a
    colon at ``end``: a bare capitalised word, no article before it (a German noun in the
    singular has one), with a verb in the third person singular after it and no other
    subject after that verb ("Struve knüpft an …, und bemerkt dazu:", "Marx führt zu diesem
    Punkt aus:"), a word the text never puts after an article and that is no common German
    word."""
    bare = _BARE_SUBJECT.match(ctx.view, start, end)
    if bare is None or not german.content_word(bare.group("verb")):
        return None
    name = bare.group("name")
    if name.endswith(_NOUN_ENDINGS) or frequency_de(name) >= _COMMON:
        return None  # "Unsterblichkeit verdient von diesen Anträgen der folgende:"
    if after_article(ctx.text, name):
        return None
    return _Speaker(bare.start("name"), bare.end("name"), "name", Person("", name), "person")
