"""German words by what the speaker rules read them as, from word frequencies alone.

German fronts a quotation before its reporting clause, so the finite verb comes right
after the quotation and its comma ("„…“, prognostizierte Brühl", "„…“, schmunzelt der neue
Landesmeister"): any verb, not only the registry's speech cues. What may stand there is told
apart by frequency (wordfreq), no word list: a German word (more common in German than in
English) in lower case, not among the commonest ones (function words: "ist", "und", "wie",
"jetzt"), is a verb there when it has a verb's ending ("-t", "-te", "-ten", "-en").
"""

from __future__ import annotations

import re

from pipeline.extract.gazetteer import WordCache
from pipeline.extract.people import frequency, frequency_de

_FUNCTION = 5.8  # a word this common in German is a function word: "ist", "und", "jetzt"
_VERB_ENDING = re.compile(r"[a-zäöüß]{2,}(?:t|te|ten|en)")  # "sagt", "brachte", "sagten"
# a closed class: what may stand between a verb and its subject without being an adverb
# fmt: off
_NO_ADVERB = frozenset({
    "an", "auf", "aus", "bei", "beim", "durch", "für", "gegen", "gegenüber", "hinter", "im",
    "in", "mit", "nach", "neben", "ohne", "seit", "über", "um", "unter", "vom", "von", "vor",
    "während", "wegen", "zu", "zum", "zur", "zwischen", "am", "ins", "ans", "laut", "trotz",
})
# fmt: on


def _content_word(word: str) -> bool:
    """A word in lower case more common in German than in English, not a function word."""
    if not word.islower() or not word.isalpha():
        return False
    zipf = frequency_de(word)
    return 0 < zipf < _FUNCTION and zipf > frequency(word)


content_word = WordCache(_content_word, 1 << 14).__getitem__


def finite_verb(word: str) -> bool:
    """Whether ``word`` right after a fronted quotation and its comma is the reporting
    clause's verb ("prognostizierte", "schmunzelt", "kennt"; not "jetzt", "laughed")."""
    return _VERB_ENDING.fullmatch(word) is not None and content_word(word)


def adverb(word: str) -> bool:
    """Whether ``word`` between a verb and its subject is an adverb ("meint derweil der
    Drittplatzierte"): a German word, no preposition."""
    return word not in _NO_ADVERB and content_word(word)
