"""What the quote rules share: speaker and attribution types, word lists, text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from pipeline.extract.entities import person_of
from pipeline.extract.gazetteer import Role
from pipeline.extract.model import Mention
from pipeline.extract.people import Person
from pipeline.extract.quotemarks import FILLER, QUOTE_CHARS, Span

_PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}
_PRONOUN_GENDER |= {"er": "male", "il": "male", "elle": "female", "él": "male", "ella": "female"}
_PRONOUN_GENDER |= {"он": "male", "она": "female"}  # not German "sie": she or they
_PRONOUNS = frozenset([*_PRONOUN_GENDER, "they", "it", "i"])  # "I": the writer or the one asked
_RECENT = 2  # a pronoun prefers a speaker or subject of the sentence before, or the one before
_QUIET = 6  # sentences a description reaches back to a speaker nobody followed
# "the", and the definite articles of German and French ("der Minister", "l’agence")
_THE = re.compile(r"(?<![\w-])(?:(?:the|der|die|das|le|la)\s+|l['’])(?=\S)", re.IGNORECASE)
_SHORT = 60  # characters: no phrase of three words is longer
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_CAPITALISED = r"[A-Z][\w&.'’-]*"
# fmt: off
_NOT_DESCRIPTION = frozenset({
    "to", "of", "for", "with", "by", "from", "at", "in", "on", "about", "as", "into", "and",
    "or", "but", "that", "than", "who", "which", "when", "while", "if", "after", "before",
    "later", "never", "ever", "over", "under", "whether", "either", "neither", "together",
    "rather", "however", "other", "another", "he", "she", "they", "it", "we", "him", "them",
    "us", "said", "says", "told", "tells", "asked", "is", "was", "are", "were", "be", "has",
    "have", "had", "will", "would", "can", "could", "not", "also", "then", "her", "whom",
    "percent", "per", "number",
})
# fmt: on
_COORDINATION = frozenset({"and", "but", "or", "then"})
_AFTER_QUOTE = re.compile(r"[,;:،؛]?(?:\s+[—–])?\s+")  # ", said", "», — заявил", "»، گفت"
_SUBJECT_PRONOUNS = frozenset({"he", "she", "er", "il", "elle"})
_SUBJECT_AFTER = re.compile(r"\s+(?P<p>er|sie|il|elle|he|she)\b(?:\s+\w+)?\s*", re.I)
_COLON_WORDS = 30  # a sentence introducing a quotation with a colon is no longer than this
_CONJUNCTION = re.compile(r"\s*(?:and|but)(?:\s+then)?\s+(?=\S)", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")  # what str.split() splits into
_PHRASE_STOP = re.compile(  # not an apostrophe inside a word: "said O'Neill, ..."
    rf"(?!(?<=\w)['’]\w)[,.;:!?()\[\]{QUOTE_CHARS}{FILLER}]"
)
_SOLID = re.compile(r"\S")
_POSSESSIVE = re.compile(r"['’‘]s?\s")  # "Halas‘ Kollege", "Trump’s lawyer"
_STRIP = " \t\n[]" + QUOTE_CHARS  # around a noun phrase ("[Bruck] said": an editor's insertion)


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    kind: str  # name, pronoun or role
    person: Person | None = None  # who a name stands for
    type: str = ""  # person or organization, for a name
    role: Role | None = None
    spokes: bool = False  # an organisation that speaks through "a spokesperson for" it


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
    person: Person | None
    how: str  # name, pronoun, role, or unresolved-...


def _trim_colon(view: str, start: int, end: int) -> int:
    """``end`` moved back over white space and one colon or comma before it."""
    end = _trim_space(view, start, end)
    return end - 1 if end > start and view[end - 1] in ",:" else end


def _trim_space(view: str, start: int, end: int) -> int:
    """``end`` moved back over white space, not before ``start``."""
    while end > start and view[end - 1].isspace():
        end -= 1
    return end


def _at_most_words(view: str, start: int, end: int, most: int) -> bool:
    """Whether ``view[start:end]`` has at most ``most`` words, read only as far as needed."""
    return next(islice(_TOKEN.finditer(view, start, end), most, None), None) is None


def _last_word(view: str, start: int, end: int) -> Span:
    """The span of the last match of ``WORD`` in ``view[start:end]`` (there is one)."""
    last = end
    while not _word_char(view[last - 1]):
        last -= 1
    first = last
    while first > start and _word_char(view[first - 1]):
        first -= 1
    return first, last


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_'’-"


def _name_speaker(m: Mention) -> _Speaker:
    return _Speaker(m.start, m.end, "name", person_of(m), m.type)
