"""Noun phrases and mentions: the name, role or description a speaker is written as."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import islice

from pipeline.extract import german
from pipeline.extract.entities import person_of
from pipeline.extract.gazetteer import Gazetteer, Word
from pipeline.extract.model import Mention
from pipeline.extract.people import Person, first_name, title_word
from pipeline.extract.quotemarks import WORD, after_abbreviation
from pipeline.extract.quotes.base import (
    _CAPITALISED,
    _CONJUNCTION,
    _COORDINATION,
    _DAYS,
    _NOT_DESCRIPTION,
    _PHRASE_STOP,
    _POSSESSIVE,
    _PRONOUNS,
    _RECENT,
    _SHORT,
    _SOLID,
    _STRIP,
    _SUBJECT_AFTER,
    _SUBJECT_PRONOUNS,
    _THE,
    _last_word,
    _name_speaker,
    _Speaker,
    _trim_space,
)
from pipeline.extract.quotes.context import _Context
from pipeline.extract.quotes.focus import _agrees, _anyone, _in_focus, _quiet_focus

# fmt: off
_ROLE_WORDS = frozenset({
    "the", "a", "an", "his", "her", "its", "top", "senior", "military", "defence", "defense",
    "foreign", "chief", "head", "high-ranking", "government", "state", "of", "for", "and",
    "year", "old",
})
# fmt: on
# fmt: off
_TRAILING = frozenset({
    "also", "further", "later", "then", "again", "earlier", "previously", "reportedly", "too",
    "once", "instead", "has", "had", "have", "was", "is", "would", "will", "been", "himself",
    "herself", "themselves", "itself",
})
# fmt: on
_DESCRIPTION_WORDS = 6  # "lead researcher and NASA planetary scientist" before a name
_DESCRIBED_BACK = 30  # people named before a description that it may stand for
_ARTICLES = frozenset({"the", "der", "die", "das", "le", "la", "les"})
_GERMAN_ARTICLES = frozenset({"der", "die"})  # a German description unresolved is still who spoke
_MENTIONED_BACK = 400  # characters before a German description in which its noun is someone
_FEMININE = frozenset({"die", "la"})  # "die Ministerin"; "der Promi" may be a woman
_COMPANY = re.compile(
    r"the\s+(?:[a-z-]+\s+){0,2}(?:company|firm|label|agency|group|studio|network|organi[sz]ation"
    r"|statement|report)",
    re.IGNORECASE,
)  # an organisation's description: the one in focus
_WHEN = re.compile(
    rf"\s+(?:(?:on\s+)?(?:{_DAYS})|last\s+(?:week|month|year|night|{_DAYS})|yesterday|today"
    r"|(?:earlier\s+)?this\s+(?:week|month|year|morning))\s*$"
)  # "Mr. Ruano last week said", "Smith on Tuesday said"
_PARTY_TAG = re.compile(r"\s*\([DRI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?\)\s*$")  # "(D-Wis.)"
_AGE = re.compile(r"(?<=[^\W\d_]),\s*\d{1,3},\s*$")  # "Mr. King, 82, told me": after a name
# what stands between a subject and its verb, each read back this many characters, in turn
_TAILS = ((_WHEN, 32), (_PARTY_TAG, 24), (_AGE, 8))
_INSTITUTION = re.compile(
    rf"[Tt]he\s+(?P<name>(?:{_CAPITALISED}\s+){{1,3}}(?:[a-z]+\s+)?"
    r"(?:military|government|police|army|navy|ministry|department|administration|embassy))"
)  # "the US military", "the Dallas police department": named by the words before the noun
_SPOKES = re.compile(
    rf"\b[Aa]n?\s+(?:(?P<before>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}})\s+)?"
    r"(?:spokes(?:person|man|woman)|representative)"
    rf"(?:\s+for\s+(?:the\s+)?(?P<after>{_CAPITALISED}(?:\s+(?:of|and|for|the|{_CAPITALISED}))*))?"
    r"(?:\s*\([^()]*\))?"
)  # "a WeWork spokesperson", "a spokesman for the Home Office (HO)"
_PERSON_NOUN = ("ist", "ian", "man", "woman", "person")
# German and French nouns for a person, by their ending ("Konzernchef", "Ministerin",
# "US-Promi", "Landwirt", "toxicologue", "directrice"): after an article only
# fmt: off
_GERMAN_PERSON = (
    "chef", "chefin", "boss", "er", "in", "or", "promi", "wirt", "experte", "expertin", "ologe",
    "jährige", "jähriger", "präsident", "präsidentin", "vorsitzende", "abgeordnete", "angeklagte",
    "ent", "ant", "än", "eur", "ist", "ling", "oph",
)
_FRENCH_PERSON = (
    "ministre", "ologue", "iste", "eur", "euse", "rice", "ien", "ienne", "femme", "homme",
    "président", "présidente", "porte-parole", "aire",
)
_FOREIGN_PREPOSITIONS = frozenset({
    "von", "vom", "aus", "der", "des", "bei", "beim", "im", "am", "für", "de", "du", "d", "chez",
})
# fmt: on
_DOER = ("ist", "yst", "er", "or", "ant", "ent", "ian", "man", "woman", "person", "ee", "ive")
_PARENTHETICAL = re.compile(
    r"\s*(?:for (?:his|her|their|its) part|in turn|however|meanwhile|though|in addition)\s*", re.I
)
# German words after a subject that follows its verb: "sagte die 43-Jährige darunter",
# "sagte der Konzernchef gegenüber Journalisten"
_GERMAN_TAIL = re.compile(
    r"(?:\s+(?:darunter|dazu|damals|heute|gestern|jetzt|nun|auch|ebenfalls|zudem|weiter|noch"
    r"|später|abschließend|anschließend|(?:gegenüber|am|im|beim|bei|auf|vor|nach|zum|zur)"
    r"\s[^,.;:!?]*|(?:seine[mnr]?|ihre[mnr]?|de[mnr]|eine[mnr]?)\s+[^\s,.;:!?]+\s+zufolge))+\s*$"
)  # "betonte der VW-Boss seinem Redetext zufolge"
# a German group led by a person: "(die) Forscher um Aneta Afelt", "das Team um Müller"
_LED_BY = re.compile(r"(?:(?:die|das)\s+)?[A-ZÄÖÜ][\w-]*\s+um\s+(?=[A-ZÄÖÜ])")
# German and French adverbs between a verb and its subject ("sagte gestern Ministerin Anna
# Roth", "a déclaré samedi le ministre", "a déclaré à cette occasion le ministre")
_VERB_ADVERB = re.compile(
    r"(?:damals|heute|gestern|jetzt|nun|auch|ebenfalls|zudem|dazu|weiter|noch|später"
    r"|hier|alors|aussi|également|encore|ensuite|enfin|à cette occasion|à son tour"
    r"|(?:ce\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir))\s+"
)
_ADVERB_WORD = re.compile(  # a word in lower case before an article or a capitalised word
    r"([a-zäöüß]+)\s+(?=(?:der|die|das|den|dem|des|ein|eine|einer)\s|[A-ZÄÖÜ])"
)
_AND_TEAM = re.compile(
    r"\s+and\s+(?:his|her|their)\s+(?:[a-z-]+\s+)?"
    r"(?:team|colleagues|co-?authors|co-?workers|researchers)\s*$"
)  # "NAME and his team wrote": NAME
_TEAMS = ("team", "colleagues", "authors", "workers", "researchers")  # how such a phrase ends
_AS = re.compile(r"\s*as\s+(?=\S)", re.IGNORECASE)
_RELATIVE = re.compile(r",\s+(?:who|whom|whose)\s")  # "Clinton, who called Sanders, told"
_WORD_BEFORE = re.compile(r"(\w+)\s+$")  # the word right before a name
_OBJECT_OF = frozenset(  # a name after one of these is no subject ("a letter to Reid said")
    {
        "to",
        "with",
        "for",
        "from",
        "of",
        "by",
        "about",
        "at",
        "in",
        "on",
        "against",
        "and",
        "or",
        "than",
        "like",
        "as",
        "into",
        "toward",
        "towards",
        "under",
        "over",
        "after",
        "before",
        "behind",
        "between",
        "among",
        "via",
        "per",
    }
)
_SUBORDINATE = frozenset(  # a clause, not the speaker's noun phrase, opens with one
    {
        "after",
        "before",
        "when",
        "while",
        "because",
        "since",
        "as",
        "if",
        "though",
        "although",
        "until",
        "once",
        "where",
    }
)
_ONE_NOUN = re.compile(r" [a-z]+ ")  # "Kyiv resident Svitlana Onofryichuk"
_FROM_BODY = re.compile(r" (?:from|of|at) (?:the )?[A-Z]")  # "Lauren Nel from Natural Justice"
_POSSESSED_WORDS = 4  # "Clinton’s top foreign policy aide Jake Sullivan"


def _pronoun_after(ctx: _Context, cue: re.Match[str]) -> _Speaker | None:
    """A subject pronoun right after the verb: "schreibt er", "sagte sie" (German "sie" after
    a verb in the singular only: "sagten sie" is "they said")."""
    after = _SUBJECT_AFTER.match(ctx.view, cue.end())
    if after is None or (after.group("p").lower() == "sie" and cue.group().endswith("en")):
        return None
    return _Speaker(after.start("p"), after.end("p"), "pronoun")


def _relative(view: str, start: int, end: int) -> int:
    """Where a relative clause closing right before ``end`` opens (", who called Sanders
    shortly after the winner was declared,"), or ``end`` when none does."""
    stop = _trim_space(view, start, end)
    if stop == start or view[stop - 1] != ",":
        return end
    opened = list(_RELATIVE.finditer(view, start, stop - 1))
    if not opened or view.find(",", opened[-1].end(), stop - 1) >= 0:
        return end
    return opened[-1].start()


def _opening_he(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A subject pronoun ("he", "she", "er", "il", "elle") that opens ``view[start:end]``."""
    first = WORD.match(ctx.view, start, end)
    if first is None or first.group().lower() not in _SUBJECT_PRONOUNS:
        return None
    return _Speaker(first.start(), first.end(), "pronoun")


def _borrows(ctx: _Context, start: int, cues: Sequence[re.Match[str]], n: int) -> bool:
    """Whether cue ``n`` is a participle, a verb coordinated with the one before it, or an
    infinitive right after a speech verb ("interjected to say")."""
    if ctx.gazetteer.cues[cues[n].group().casefold()] == "participle":
        return True
    floor = cues[n - 1].end() if n else start
    end = _trim_space(ctx.view, floor, _trim_trailing(ctx.view, floor, cues[n].start()))
    word = end
    while word > floor and not ctx.view[word - 1].isspace():
        word -= 1
    joined = ctx.view[word:end].lower()
    infinitive = joined == "to" and n > 0 and not ctx.view[floor:word].strip()
    return joined in _COORDINATION or infinitive


def _trim_trailing(view: str, start: int, end: int) -> int:
    """``end`` moved back over adverbs and auxiliaries before a verb ("has also"), over
    a time ("last week", "on Tuesday"), over a US legislator's party tag ("(D-Wis.)") and
    over an age ("Mr. King, 82,")."""
    while True:
        for tail, reach in _TAILS:
            found = tail.search(view, max(start, end - reach), end)
            end = found.start() if found else end
        word_end = word = _trim_space(view, start, end)
        while word > start and (view[word - 1].isalnum() or view[word - 1] == "_"):
            word -= 1
        text = view[word:word_end]
        if not text or (
            text.lower() not in _TRAILING and not (text.endswith("ly") and text.islower())
        ):
            return end
        end = word


def _subject(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The noun phrase right before a verb, past an apposition or an insertion (", for his
    part,", ", speaking in Moscow,")."""
    pos = end = _trim_trailing(ctx.view, start, end)
    for _ in range(3):  # the last three comma-separated chunks, last first
        comma = ctx.view.rfind(",", start, pos)
        chunk_start = comma + 1 if comma >= 0 else start
        opener = _AS.match(ctx.view, chunk_start, pos)  # "As analyst Ken Ito wrote, ..."
        chunk_start = opener.end() if opener else chunk_start
        joined = _CONJUNCTION.match(ctx.view, chunk_start, pos)  # ", and then Wallnau continues:"
        chunk_start = joined.end() if joined else chunk_start
        if ctx.view.endswith(_TEAMS, chunk_start, _trim_space(ctx.view, chunk_start, pos)):
            team = _AND_TEAM.search(ctx.view, chunk_start, pos)  # "Paganini and his team wrote"
            pos = team.start() if team else pos
        chunk = ctx.view[chunk_start:pos]
        if chunk.strip() and not _PARENTHETICAL.fullmatch(chunk):
            speaker = _noun_phrase(ctx, chunk_start, pos, tail=True)
            if speaker is not None and speaker.kind in ("role", "description") and comma >= 0:
                before = max(start, ctx.view.rfind(",", start, comma) + 1)
                named = _noun_phrase(ctx, before, comma, tail=True)
                if named is not None and named.kind == "name" and named.type == "person":
                    return named  # "Robertson, the U.S. commander, said": the name
            if speaker is not None or not (chunk.strip()[0].islower() or _german_role(chunk)):
                return speaker
            # an insertion that opens in lower case (", speaking in Moscow,") or with a German
            # noun for a person (", Leiterin des Amtes,"): look before it
        if comma < 0:
            break
        pos = comma
    return None


def _german_role(chunk: str) -> bool:
    """Whether a phrase opens with a German noun for a person and its genitive or
    preposition ("Leiterin des Amtes", "Chef von Siemens")."""
    words = [w.group() for w in islice(WORD.finditer(chunk), 2)]
    if len(words) < 2 or not words[0][0].isupper() or not words[0].endswith(_GERMAN_PERSON):
        return False
    return words[1] in _FOREIGN_PREPOSITIONS


def _noun_phrase(ctx: _Context, start: int, end: int, tail: bool = False) -> _Speaker | None:
    """A name, a pronoun or a role that is ``view[start:end]`` (with ``tail``: that ends it).

    Read from the end, only as far back as the answer needs: a long phrase is no name
    and no role, but it may end in one.
    """
    while end > start and ctx.view[end - 1] in _STRIP:
        end -= 1
    while start < end and ctx.view[start] in _STRIP:
        start += 1
    if start >= end:
        return None
    if (head := _person_of_body(ctx, start, end)) is not None:
        return head
    for m in ctx.ending_at.get(end, ()):
        if m.type not in ("person", "organization"):
            continue
        # a title may stand before a person's name ("Russian Defence Minister Sergei
        # Shoigu", not "an aide to Sergei Shoigu"); "the head of" before an organisation's
        # makes the phrase a role, read below
        titled = tail and m.type == "person" and _titled(ctx, start, m.start, bare=True)
        if titled or _blank_or_the(ctx.view, start, m.start):
            return _name_speaker(m)
    first = WORD.search(ctx.view, start, end)
    if first is None:
        return None
    last = _last_word(ctx.view, start, end)
    alone = last == first.span()
    if ctx.view[last[0] : last[1]].lower() in _PRONOUNS and (tail or alone):
        return _Speaker(last[0], last[1], "pronoun")
    spoken = _spokesperson(ctx, start, end, tail)
    if spoken is not None:
        return spoken
    if tail:  # a role that ends the phrase: it starts after the last word no role has
        other = _other_than_role(ctx, start, end)
        role_from = other + 1 if other >= 0 else start
        words: Iterator[re.Match[str]] = WORD.finditer(ctx.view, max(start, other), end)
    else:
        role_from, words = start, iter([first])
    for w in words:
        if not (w.group()[0].isupper() or w.group().lower() in ("the", "a", "an")):
            continue
        if w.start() >= role_from and (tail or _role_like(ctx, w.start(), end)):
            role = ctx.gazetteer.role(ctx.view[w.start() : end])
            if role is not None:
                named = _person_ending(ctx, w.start(), end)  # "AT&T CEO John Stankey"
                if named is not None:
                    return _name_speaker(named)  # the role is the name's title: the name
                return _Speaker(w.start(), end, "role", role=role)
    return (
        _description(ctx, start, end)
        or _organisation_noun(ctx, start, end)
        or _institution(ctx, start, end)
    )


def _person_ending(ctx: _Context, start: int, end: int) -> Mention | None:
    """A person's name that ends ``view[start:end]`` and starts after ``start``."""
    return next(
        (m for m in ctx.ending_at.get(end, ()) if m.start > start and m.type == "person"), None
    )


def _spokesperson(ctx: _Context, start: int, end: int, tail: bool) -> _Speaker | None:
    """ "a WeWork spokesperson", "a spokesman for the Universities and Colleges Employers'
    Association (UCEA)": the organisation named before or after the word speaks. The phrase
    opens ``view[start:end]``, or with ``tail`` ends it."""
    if ctx.view.find("spokes", start, end) < 0 and ctx.view.find("representative", start, end) < 0:
        return None
    said = _SPOKES.search(ctx.view, start, end)
    if said is None or (said.end() != end if tail else said.start() != start):
        return None
    org = said.span("before") if said.group("before") else said.span("after")
    if org[0] < 0:
        return None
    n = bisect_left(ctx.starts, org[0])
    if n < len(ctx.mentions) and ctx.mentions[n].start < org[1]:
        m = ctx.mentions[n]  # the organisation's name as the entity step read it
        if m.type == "organization":
            return _Speaker(m.start, m.end, "name", person_of(m), m.type, spokes=True)
    written = " ".join(ctx.view[org[0] : org[1]].split())
    return _Speaker(org[0], org[1], "name", Person("", written), "organization", spokes=True)


def _organisation_noun(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """ "the company", "the production company": the organisation latest in focus (that
    spoke or opened a sentence) in the two sentences before; else nobody."""
    if _COMPANY.fullmatch(ctx.view, start, end) is None:
        return None
    ctx.focus_reads += 1
    recent = ctx.sentences[-_RECENT] if len(ctx.sentences) >= _RECENT else 0
    if not ctx.bodies or ctx.bodies[-1][0] < recent:
        return None
    return _Speaker(start, end, "name", ctx.bodies[-1][1], "organization")


def _institution(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """ "the US military", "the Dallas police department": an institution named by the
    capitalised words before its noun, as written."""
    found = _INSTITUTION.fullmatch(ctx.view, start, end)
    if found is None:
        return None
    written = " ".join(found.group("name").split())
    return _Speaker(found.start("name"), end, "name", Person("", written), "organization")


def _description(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """ "the singer and guitarist", 'the "Harbor" actor': a definite description (see
    :func:`_described`) is the person latest named right after a description ending in the
    same word ("singer and guitarist Moira Kell", "actor Billy Trent")."""
    the = _THE.match(ctx.view, start, end)
    if the is None:
        return None
    article = ctx.view[the.start() : the.end()].strip().lower()
    if article == "the":
        if not _described(ctx.view[the.end() : end]):
            return None
        noun = _last_word(ctx.view, the.end(), end)
        word = ctx.view[noun[0] : noun[1]]
        if not (word.islower() or title_word(word)) or _SOLID.search(ctx.view, noun[1], end):
            return None
        said = phrase = ""
    else:
        head = _foreign_head(ctx.view, the.end(), end)
        if head is None:
            return None
        (word, end), said = head, _described_gender(article, head[0])
        if said == "female" and word.endswith("er"):
            return None  # "die Forscher": plural
        phrase = " ".join(ctx.view[the.end() : end].split())  # "ministre de la Santé"
    starts, people = ctx.people
    n = bisect_left(starts, start)
    back = people[max(0, n - _DESCRIBED_BACK) : n]
    if phrase not in ("", word):  # the whole description first: "le ministre de la Santé X"
        for m in reversed(back):
            if _phrase_before(ctx.view, m.start, phrase):
                return _Speaker(the.start(), end, "description", person_of(m), "person")
    for m in reversed(back):
        before = _word_before(ctx.view, max(0, m.start - 40), m.start)
        if before and _same_noun(before, word):
            return _Speaker(the.start(), end, "description", person_of(m), "person")
    person = (
        _in_focus(ctx, _anyone if _age(word) else None) if said or _a_person_noun(word) else None
    )
    if person is not None and not _agrees(person, said):
        person = None  # "die Ministerin" is no man, "der Vorstandschef" no woman
    if person is None and (said or _a_person_noun(word)):
        person = _quiet_focus(ctx, said)  # "sagt Machtlinger. [...] „…“, berichtet der Chef"
    if person is not None and said != "":  # "Zum Beispiel Hannawald": Sven Hannawald
        person = ctx.fullest(person)
    if person is not None and said != "" and not first_name(person.name.split()[0]):
        person = None  # German capitalises nouns: "Elf Tage" is no person for "der Hamburger"
    german = article in _GERMAN_ARTICLES
    if person is not None and german and _written_before(ctx.view, start, word):
        person = None  # "in der Kajüte des Kapitäns", then "fragte der Kapitän": that one
    if person is None and not german and (said or not _a_person_noun(word)):
        return None  # a German description no one resolves is still who spoke, as written
    # a person no one named fits ("the late night host"): they spoke, but who is unknown
    return _Speaker(the.start(), end, "description", person, "person")


def _word_before(view: str, start: int, end: int) -> str:
    """The word (``[\\w-]+``) that white space separates from ``end``, within
    ``view[start:end]``; "" if none: what ``([\\w-]+)\\s+$`` finds there, read back."""
    word_end = _trim_space(view, start, end)
    if word_end == end:
        return ""
    first = word_end
    while first > start and (view[first - 1].isalnum() or view[first - 1] in "_-"):
        first -= 1
    return view[first:word_end]


def _written_before(view: str, start: int, noun: str) -> bool:
    """Whether a German description's noun was written after an article in the
    :data:`_MENTIONED_BACK` characters before ``start`` (in any case form: "des Kapitäns"),
    for someone the text has not named: the description stands for that one, not for the
    person in focus (who may have been called it with no article: "Petra Hahn ist
    Ministerin")."""
    before = view[max(0, start - _MENTIONED_BACK) : start]
    the = r"(?<![\w-])(?:[Dd](?:er|ie|as|es|em|en))\s+(?:[a-zäöüß]+\s+)?"
    return re.search(the + re.escape(noun), before) is not None


def _phrase_before(view: str, start: int, phrase: str) -> bool:
    """Whether the words right before ``start`` are ``phrase``, a German or French description
    with its complement ("le ministre de la Santé Roman Prymula" for "le ministre de la
    Santé")."""
    words = phrase.split()
    before = view[max(0, start - len(phrase) - 2 * len(words)) : start].split()[-len(words) :]
    return [w.casefold() for w in before] == [w.casefold() for w in words]


def _described_gender(article: str, word: str) -> str:
    """The gender a German or French description gives: "die" and "la" a woman, "der" with
    a noun in its masculine form a man ("der Vorstandschef"; not "der Promi", "der Star"),
    else ``"any"``."""
    if article in _FEMININE:
        return "female"
    masculine = article == "der" and not word.lower().endswith(("in", "promi", "star"))
    return "male" if masculine else "any"


def _same_noun(before: str, word: str) -> bool:
    """Whether the description before a name (``before``) ends in the noun ``word``: the
    same word, capitalised or not ("President-elect Donald Trump" for "the president-elect"),
    or for a German noun the end of a compound ("NRW-Landwirtschaftsministerin" for
    "Ministerin")."""
    if word[0].isupper() and not before.isupper():
        return before.casefold().endswith(word.casefold())
    return before == word or before == word.capitalize()


def _foreign_head(view: str, start: int, end: int) -> tuple[str, int] | None:
    """The noun of a German or French description after its article, and where the
    description ends: the first word that only a person can be, after at most two
    adjectives, and followed by nothing or by a preposition and its word ("der Konzernchef
    von FACC", "le ministre de la Santé", "la jeune femme", "die 43-Jährige")."""
    words = list(islice(WORD.finditer(view, start, end), 5))
    for n, w in enumerate(words[:3]):
        word = w.group()
        endings = _GERMAN_PERSON if word[0].isupper() else _FRENCH_PERSON
        if _a_person_noun(word) or word.lower().endswith(endings):
            if n + 1 == len(words):
                return word, w.end()
            if words[n + 1].group().lower() in _FOREIGN_PREPOSITIONS:
                rest = words[n + 2 :]  # its word: "von FACC", "de la Santé"
                if word[0].isupper() and rest and rest[0].group().islower():
                    return word, w.end()  # "die Newcomerin von den Dreharbeiten": no name's
                while len(rest) > 1 and rest[0].group().lower() in _ARTICLES:
                    rest = rest[1:]
                return word, (rest[0] if rest else words[n + 1]).end()
        elif not word.islower():
            return None  # a name or a noun that is no person's
    return None  # "le Premier ministre": the noun is the last of them


def _foreign_described(phrase: str) -> bool:
    """A German or French description with its article: "la toxicologue", "der Youtuber"."""
    the = _THE.match(phrase)
    if the is None or phrase[: the.end()].strip().lower() == "the":
        return False
    head = _foreign_head(phrase, the.end(), len(phrase))
    return head is not None and not phrase[head[1] :].strip()


def _age(word: str) -> bool:
    """An age as a noun: "56-year-old", "die 43-Jährige"."""
    return word.lower().endswith(("-old", "-jährige", "-jähriger"))


def _a_person_noun(word: str) -> bool:
    """An age ("56-year-old"), a title word ("actor", "coach") or a noun that only a person
    can be ("economist", "historian", "spokeswoman"); not "the statement", "the letter"."""
    return _age(word) or title_word(word) or word.endswith(_PERSON_NOUN)


def _blank_or_the(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` is blank or, but for space, a definite article in any
    case ("the", "die NASA", "l’EPA")."""
    solid = _SOLID.search(view, start, end)
    if solid is None:
        return True
    the = _THE.match(view, solid.start(), end + 1)  # the space or letter after it, too
    return the is not None and the.end() >= end


def _noun_phrase_from(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A name (after its titles, if any), a pronoun or a role that starts at ``start`` and runs
    to punctuation."""
    stop = _PHRASE_STOP.search(ctx.view, start, end)
    while stop and stop.group() == "." and after_abbreviation(ctx.view, start, stop.start()):
        stop = _PHRASE_STOP.search(ctx.view, stop.end(), end)  # "Dr. Adeyemi", "Sen. Sasse"
    limit = stop.start() if stop else end
    solid = _SOLID.search(ctx.view, start, limit)
    while solid and (
        adverb := _VERB_ADVERB.match(ctx.view, solid.start(), limit)
        or _german_adverb(ctx.view, solid.start(), limit)
    ):
        solid = _SOLID.search(ctx.view, adverb.end(), limit)  # "erklärte damals Morten Hundt"
    first = solid.start() if solid else limit  # a name must start here, with only space before
    led = _LED_BY.match(ctx.view, first, limit)
    if led is not None:
        first = led.end()  # the group's leader speaks for it: "schreiben Forscher um Afelt"
    for n in range(bisect_left(ctx.starts, first), len(ctx.mentions)):
        m = ctx.mentions[n]
        if m.start >= limit:
            break
        if m.end > limit and not (m.start == first and m.type == "person" and m.end <= end):
            continue  # a name read whole goes on over a mark: "sagte Daniela „Danni“ Büchner"
        if _modifier(ctx.view, m.end) or _noun_before_name(ctx, n, limit):
            continue  # "said Maryland-based lawyer Jim Dunham": no name but a modifier
        if m.start == first and m.type == "place":
            return None  # "said Tehran would ...": the place is what is reported on
        if m.start == first and _POSSESSIVE.match(ctx.view, m.end):
            return _possessed(ctx, first, m.end, end)  # "sagt Halas‘ Kollege Peter Nordlander"
        if m.start == first or (m.type == "person" and _titled(ctx, first, m.start)):
            return _name_speaker(m)  # "said Mayor Anna Keller", "according to Dr. Adeyemi"
    tail = _GERMAN_TAIL.search(ctx.view, first, limit)  # "sagte die 43-Jährige darunter"
    described = _described_name(ctx, first, limit) or (
        _described_name(ctx, first, tail.start()) if tail else None
    )  # "meint der Drittplatzierte Kess nach dem Rennen"
    if described is not None:
        return _name_speaker(described)  # "a prévenu le commissaire européen Pierre Moscovici"
    speaker = _noun_phrase(ctx, first, limit)  # "a déclaré à cette occasion le ministre"
    if speaker is None and tail is not None:
        speaker = _noun_phrase(ctx, first, tail.start())
    if speaker is None and stop is not None and stop.group() == "," and solid is not None:
        return _named_after(ctx, stop.end(), end)  # "according to his aunt, Jane Starner,"
    if (
        speaker is not None
        and speaker.kind == "description"
        and _foreign_described(ctx.view[speaker.start : speaker.end])
    ):  # "so die Sprecherin der Stadt, Eva Schmid": the name, not who was in focus
        apposed = _named_after(ctx, stop.end(), end) if stop and stop.group() == "," else None
        return apposed or speaker
    return speaker


def _german_adverb(view: str, start: int, end: int) -> re.Match[str] | None:
    """A German adverb between a verb and its subject, an article or a capitalised word
    after it ("meint derweil der Drittplatzierte Kess"): any German word but a preposition
    (:func:`pipeline.extract.german.adverb`), no word list."""
    word = _ADVERB_WORD.match(view, start, end)
    return word if word is not None and german.adverb(word.group(1)) else None


def _possessed(ctx: _Context, first: int, start: int, end: int) -> _Speaker | None:
    """The person a possessive's description names ("Halas‘ Kollege Peter Nordlander",
    "Clinton’s top foreign policy aide Jake Sullivan": the possessor at ``first``, the
    possessive at ``start``), that name after at most four words and no function word or
    punctuation, or after a description (:func:`_titled`), or in apposition after a comma
    ("Trump’s campaign manager, Paul Manafort"); else nobody: the possessor is not the
    speaker ("sagt Halas‘ Kollege")."""
    n = bisect_left(ctx.starts, start + 1)
    if n == len(ctx.mentions) or ctx.mentions[n].type != "person" or ctx.mentions[n].end > end:
        return None
    m = ctx.mentions[n]
    between = ctx.view[start : m.start]
    words = WORD.findall(between)[1:] if between[1:2] == "s" else WORD.findall(between)
    if (stop := _PHRASE_STOP.search(between, 1)) is not None:  # "Trump’s lawyer, Rudy Giuliani"
        apposed = stop.group() == "," and not _SOLID.search(between, stop.end())
        apposed = apposed and len(words) <= _POSSESSED_WORDS
        return _named_after(ctx, start + stop.end(), end) if apposed else None
    short = 0 < len(words) <= _POSSESSED_WORDS
    short = short and not any(w.lower() in _NOT_DESCRIPTION for w in words)
    return _name_speaker(m) if short or _titled(ctx, first, m.start) else None


def _described_name(ctx: _Context, start: int, end: int) -> Mention | None:
    """The name a German or French description with its article goes on to ("le commissaire
    à l’économie Pierre Moscovici", "der Vorsitzende des Vereins Hans Ulm"): a noun only a
    person can be among its first three words, at most six words before a name with a first
    name, and no preposition right before it ("l’avocat de Pierre Moscovici" is not him)."""
    the = _THE.match(ctx.view, start, end)
    end = _trim_space(ctx.view, start, end)
    named = _person_ending(ctx, start, end) if the else None
    if the is None or named is None or ctx.view[the.start() : the.end()].strip().lower() == "the":
        return None
    words = [w.group() for w in WORD.finditer(ctx.view, the.end(), named.start)]
    given = ctx.view[named.start : named.end].split()
    named_in_full = first_name(given[0]) or (len(given) == 1 and given[0] in ctx.given)
    if not words or len(words) > _DESCRIPTION_WORDS or not named_in_full:
        return None
    if words[-1].lower() in _FOREIGN_PREPOSITIONS | {"à", "au", "aux", "pour", "avec", "um"}:
        return None
    endings = (_GERMAN_PERSON, _FRENCH_PERSON)
    heads = (_a_person_noun(w) or w.lower().endswith(endings[w.islower()]) for w in words[:3])
    return named if any(heads) or _nominalised(the.group(), words[0]) else None


def _nominalised(article: str, word: str) -> bool:
    """Whether ``word`` after a German article is an adjective used as a noun, which
    stands for a person before a name ("der Drittplatzierte Kess", "die Vorsitzende")."""
    return article.strip().lower() in ("der", "die") and word[0].isupper() and word.endswith("e")


def _modifier(view: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the first half of a compound modifier, a hyphen
    and a lower-case word ("Maryland-based", "Google-owned")."""
    return view.startswith("-", end) and view[end + 1 : end + 2].islower()


def _name_before_verb(ctx: _Context, floor: int, verb: int, after: bool) -> _Speaker | None:
    """A person's full name right before the speech verb, its subject: after a quotation
    that a comma ends, unless a preposition or "and" comes right before it or a
    conjunction opens the phrase ('“…,” minister of mines and energy Tom Alweendo told The
    Namibian', not '“…,” after Clinton spokesman Brian Fallon expressed'); elsewhere only
    after a word in capitals ("Speaking to the Daily Mail Lacerda claimed:"), since a verb
    second has a name in front that is no subject ("Im Gespräch mit Merkel sagte er")."""
    end = _trim_space(ctx.view, floor, verb)
    for m in ctx.ending_at.get(end, ()):
        if m.type != "person" or m.start < floor or " " not in person_of(m).name:
            continue
        word = _WORD_BEFORE.search(ctx.view, floor, m.start)
        if word is None:  # the name alone: the rules before read it ("But Then" is nobody)
            continue
        if after:
            opens = WORD.search(ctx.view, floor, m.start)
            joined = opens is not None and opens.group().lower() in _SUBORDINATE
            if not joined and word.group(1).lower() not in _OBJECT_OF:
                return _name_speaker(m)
        elif word.group(1)[0].isupper():
            return _name_speaker(m)
    return None


def _noun_before_name(ctx: _Context, n: int, limit: int) -> bool:
    """Whether mention ``n`` modifies a noun that a person's name follows before ``limit``
    ("said Kyiv resident Svitlana Onofryichuk", "Obama adviser David Axelrod"): the name
    after the noun is the speaker."""
    if n + 1 >= len(ctx.mentions):
        return False
    m, nxt = ctx.mentions[n], ctx.mentions[n + 1]
    return (
        nxt.type == "person"
        and nxt.end <= limit
        and bool(_ONE_NOUN.fullmatch(ctx.view, m.end, nxt.start))
    )


def _person_of_body(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A phrase that opens with a person's name, then where they are from ("Lauren Nel from
    Natural Justice in Cape Town", "David French of the National Retail Federation"): that
    person, not the place or organisation that ends the phrase."""
    n = bisect_left(ctx.starts, start)
    if n == len(ctx.mentions) or ctx.mentions[n].start != start:
        return None
    m = ctx.mentions[n]
    if m.type != "person" or not _FROM_BODY.match(ctx.view, m.end, end):
        return None
    return _name_speaker(m)


def _named_after(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A person's name in apposition: all of ``view[start:]`` up to punctuation."""
    n = bisect_left(ctx.starts, start)
    if n == len(ctx.mentions) or ctx.mentions[n].type != "person":
        return None
    m = ctx.mentions[n]
    if _SOLID.search(ctx.view, start, m.start) is not None:
        return None
    after = _SOLID.search(ctx.view, m.end, end)
    return _name_speaker(m) if after is None or after.group() in ",.;:" else None


def _role_word(g: Gazetteer, w: Word) -> bool:
    """Whether a word can belong to a role ("the top military official", "43-year-old")."""
    return (
        w.text[0].isupper()
        or w.text.isdigit()
        or w.key in g.title_words
        or w.key in g.demonyms
        or w.text.lower() in _ROLE_WORDS
        or title_word(w.text)
    )


def _role_like(ctx: _Context, start: int, end: int) -> bool:
    """Whether every word of the phrase can belong to a role ("the top military official")."""
    return _other_than_role(ctx, start, end) < 0


def _titled(ctx: _Context, start: int, end: int, bare: bool = False) -> bool:
    """Whether ``view[start:end]`` may stand before a name: a role ("Russian Defence Minister")
    or a short description ending in a word for what someone does ("veteran energy analyst",
    "the 22nd-seeded"): see :func:`_described`; with ``bare`` (before a subject) also
    :func:`_bare`."""
    phrase = ctx.view[start:end]
    return (
        _role_like(ctx, start, end)
        or _described(phrase)
        or _foreign_described(phrase)
        or _qualified(phrase)
        or (bare and _bare(phrase))
    )


def _bare(phrase: str) -> bool:
    """A subject's description of at most three words with no function word, verb in -ed
    or -s ("Former chief whip Mark Harper told him"; not "Reporters asked Mark Harper"),
    after whose it is ("Qureshi's Chinese counterpart Wang Yi said")."""
    ws = WORD.findall(phrase) if len(phrase) <= _SHORT else []
    ws = ws[1:] if ws and ws[0].endswith(("'s", "’s")) else ws
    return 0 < len(ws) <= 3 and not any(
        w.lower() in _NOT_DESCRIPTION or _past(w) or w.lower().endswith("s") for w in ws
    )


def _described(phrase: str) -> bool:
    """A description of at most ``_DESCRIPTION_WORDS`` words whose last word names what a
    person does (a title word, or a noun ending like "analyst", "singer", "actor",
    "spokesman") or ranks them ("14th-ranked"), and none of which is a function word or a
    verb in the past ("an aide to", "the court sentenced"), but for an "and" between two
    such words ("singer and guitarist")."""
    ws = WORD.findall(phrase)
    if not ws or len(ws) > _DESCRIPTION_WORDS:
        return False
    for before, w in zip(["", *ws], ws, strict=False):
        joins = w.lower() == "and" and _doer(before)  # "singer and guitarist"
        if (w.lower() in _NOT_DESCRIPTION and not joins) or _past(w):
            return False
    return "-" in ws[-1] or _doer(ws[-1])


def _qualified(phrase: str) -> bool:
    """ "a skeptical", "an emotional": "a" or "an" and one or two lower-case words, none a
    function word, that may stand before a name ("said a skeptical Robert Wolfarth")."""
    ws = WORD.findall(phrase) if len(phrase) <= _SHORT else []
    return (
        1 < len(ws) <= 3
        and ws[0].lower() in ("a", "an")
        and all(w.islower() and w not in _NOT_DESCRIPTION for w in ws[1:])
    )


def _doer(word: str) -> bool:
    """A title word, or a noun for what someone does ("analyst", "singer", "actor")."""
    low = word.lower()
    return title_word(low) or (len(low) > 4 and low.endswith(_DOER) and low not in _NOT_DESCRIPTION)


def _past(word: str) -> bool:
    """A lower-case word ending in "-ed" and not hyphenated: likely a verb ("hired")."""
    return word.islower() and "-" not in word and word.endswith("ed")


def _other_than_role(ctx: _Context, start: int, end: int) -> int:
    """Where the last word of ``view[start:end]`` that cannot belong to a role starts (-1 if
    none), reading back from the end in growing windows."""
    g, width = ctx.gazetteer, 64
    while True:
        low = max(start, end - width)
        ws = g.words(ctx.view, low, end)
        if low > start and ws and ws[0].start == low and ctx.view[low - 1].isalnum():
            ws = ws[1:]  # the window cut this word: the next window reads it whole
        other = next((w.start for w in reversed(ws) if not _role_word(g, w)), -1)
        if other >= 0 or low == start:
            return other
        width *= 4
