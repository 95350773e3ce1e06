"""How found quotations and speakers are compared with the gold ones.

Rules (the README states them for readers):

- Quotations are compared as word sequences: NFKC, case-folded ``\\w+`` tokens, so quotation
  marks, punctuation and spacing do not count. Their similarity is ``2·M / (|a| + |b|)`` with
  ``M`` the tokens in the longest matching blocks (``difflib.SequenceMatcher.ratio``). Pairs of
  similarity >= :data:`MATCH` are matched one to one, most similar first.
- A found quotation matched to a required gold one is correct; matched to an optional
  (``partial``) one it is ignored; unmatched it is a false quotation. Precision = correct /
  (correct + false); recall = correct / required gold quotations.
- Over the correct ones: the speaker is *named right* when the system's speaker text equals
  the gold mention, or its name words (titles such as "Mr." or "Sen." dropped) are a subset of
  the gold speaker's, or contain all of them. When the article names nobody, saying nobody (or
  the gold mention) is right. Where the gold has the mention's spans (PolNeAR), the speaker
  is named right when its span overlaps the mention's, or the gold speaker is a name the
  system's speaker has. Speaker accuracy = named right / correct; speaker precision = named
  right / correct ones with a speaker named.
- The *person is identified* when the system's resolved name contains every name word of the
  gold speaker and at most one more (a first name the article left out); initials (one capital
  letter, with or without a full stop: "Leonard E. Burman", "George W Bush") and generational
  suffixes ("Jr.", "Sr.", "II", "III", "IV") not counted in either name. A gold speaker of one
  name word (a surname: "Mr. Cruz") is identified by a name of up to four words ending in it
  (the given and middle names the article gave: "Rafael Edward Cruz"). Where the gold speaker
  is a mention as written (PolNeAR), a resolved name of two or more name words, all of them in
  the mention, identifies it too ("Paul Ryan" for "House Speaker Paul Ryan"). Counted over
  correct quotations whose gold speaker is named.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher

from bench.quotes.gold import GoldQuote

MATCH = 0.5
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "president",
        "judge",
        "coach",
        "cmdr",
        "lt",
        "col",
        "gen",
        "ambassador",
        "secretary",
        "minister",
        "chairman",
        "professor",
        "justice",
        "admiral",
        "capt",
        "sgt",
        "the",
    ]
)
_WORD = re.compile(r"\w+")
_INITIAL = re.compile(r"(?<![\w.])([^\W\d_])(?:\.|(?![\w.]))")  # "E." of "Leonard E. Burman"
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # "Joseph R. Biden Jr."
_LONGEST = 4  # words in a full name with its middle names


@dataclass(frozen=True)
class Found:
    """A quotation a system found: its text, the speaker as written, the resolved name."""

    text: str
    speaker: str = ""
    name: str = ""
    speaker_span: tuple[int, int] | None = None  # where the speaker is written, when known


def words(text: str) -> list[str]:
    """NFKC, case-folded word tokens."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def name_words(text: str) -> frozenset[str]:
    """The words of a name, titles left out."""
    return frozenset(w for w in words(text) if w not in TITLES)


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """``2·M / (|a| + |b|)`` over the matching blocks of two token sequences."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


def align(gold: Sequence[GoldQuote], found: Sequence[Found]) -> dict[int, int]:
    """One-to-one matches ``found index -> gold index``, most similar pairs first."""
    gold_words = [words(g.text) for g in gold]
    found_words = [words(f.text) for f in found]
    pairs = [
        (s, fi, gi)
        for fi, fw in enumerate(found_words)
        for gi, gw in enumerate(gold_words)
        if (s := similarity(fw, gw)) >= MATCH
    ]
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for _, fi, gi in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if fi not in matches and gi not in taken:
            matches[fi] = gi
            taken.add(gi)
    return matches


def speaker_right(gold: GoldQuote, speaker: str, span: tuple[int, int] | None = None) -> bool:
    """Whether ``speaker`` (as the system wrote it, at ``span``) names the gold speaker.

    Where the gold has the mention's spans (``sources``: PolNeAR), the mention is right when
    ``span`` overlaps one of them, or when the gold speaker is named and ``speaker`` has its
    name's words; the same words alone do not do there ("he" may be another "he").
    """
    if gold.sources:
        overlaps = span is not None and any(s < span[1] and span[0] < e for s, e in gold.sources)
        return overlaps or (bool(gold.speaker) and _same_name(speaker, gold.speaker))
    if words(speaker) and words(speaker) == words(gold.mention):
        return True
    if not gold.speaker:
        return not words(speaker)
    return _same_name(speaker, gold.speaker)


def _same_name(speaker: str, gold_speaker: str) -> bool:
    """Whether the name words of one are a subset of the other's (titles dropped)."""
    found, expected = name_words(speaker), name_words(gold_speaker)
    return bool(found) and (found <= expected or expected <= found)


def person_identified(gold: GoldQuote, name: str) -> bool:
    """Whether the resolved ``name`` is the gold speaker's full name (one extra word allowed,
    and given and middle names before a surname alone; initials and suffixes not counted), or
    a full name the gold mention holds (PolNeAR)."""
    found, expected = _person_words(name), _person_words(gold.speaker)
    if not expected:
        return False
    if gold.sources and len(found) >= 2 and found <= expected:
        return True  # "Paul Ryan" in "House Speaker Paul Ryan"
    if not expected <= found:
        return False
    last = [w for w in words(name) if w in found][-1]  # the surname, after suffixes
    surname = len(expected) == 1 and len(found) <= _LONGEST and last in expected
    return len(found - expected) <= 1 or surname


def _person_words(name: str) -> frozenset[str]:
    """The name words of a person's name, less its initials and generational suffixes."""
    initials = {words(i)[0] for i in _INITIAL.findall(name) if i.isupper()}
    return frozenset(w for w in name_words(name) if w not in initials and w not in _SUFFIXES)


@dataclass
class Counts:
    """Counts over pages, and the examples of each kind of error."""

    gold: int = 0  # required gold quotations
    optional: int = 0  # optional gold quotations
    found: int = 0  # quotations the system reported
    correct: int = 0  # found and matched to a required gold quotation
    ignored: int = 0  # found and matched to an optional gold quotation
    named: int = 0  # correct ones with a speaker named
    named_right: int = 0  # correct ones whose speaker is named right
    unnamed_right: int = 0  # correct ones of an unnamed gold speaker, rightly left unnamed
    persons: int = 0  # correct ones whose gold speaker is named
    persons_right: int = 0  # ... and whose resolved name is the gold speaker's
    missed: list[dict[str, str]] = field(default_factory=list)
    false: list[dict[str, str]] = field(default_factory=list)
    wrong_speaker: list[dict[str, str]] = field(default_factory=list)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def precision(self) -> float:
        wrong = self.found - self.correct - self.ignored
        return self.correct / (self.correct + wrong) if self.correct + wrong else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def speaker_accuracy(self) -> float:
        right = self.named_right + self.unnamed_right
        return right / self.correct if self.correct else 1.0

    @property
    def speaker_precision(self) -> float:
        return self.named_right / self.named if self.named else 1.0

    @property
    def person_identified(self) -> float:
        return self.persons_right / self.persons if self.persons else 1.0

    def summary(self) -> dict[str, float | int]:
        """The figures of the report."""
        return {
            "gold": self.gold,
            "optional": self.optional,
            "found": self.found,
            "correct": self.correct,
            "quote_precision": round(self.precision, 4),
            "quote_recall": round(self.recall, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "person_identified": round(self.person_identified, 4),
            "speaker_precision": round(self.speaker_precision, 4),
        }


def score(page: str, gold: Sequence[GoldQuote], found: Sequence[Found]) -> Counts:
    """The counts of one page (``page`` labels the error examples)."""
    matches = align(gold, found)
    counts = Counts(
        gold=sum(g.required for g in gold),
        optional=sum(not g.required for g in gold),
        found=len(found),
    )
    for fi, f in enumerate(found):
        if fi not in matches:
            counts.false.append({"page": page, "text": f.text, "speaker": f.speaker})
            continue
        g = gold[matches[fi]]
        if not g.required:
            counts.ignored += 1
            continue
        counts.correct += 1
        right = speaker_right(g, f.speaker, f.speaker_span)
        if words(f.speaker):
            counts.named += 1
            counts.named_right += right
        else:
            counts.unnamed_right += right
        if g.speaker:
            counts.persons += 1
            counts.persons_right += person_identified(g, f.name)
        if not right or (g.speaker and not person_identified(g, f.name)):
            example = {"page": page, "text": g.text, "gold_speaker": g.speaker}
            example |= {"gold_mention": g.mention, "speaker": f.speaker, "name": f.name}
            counts.wrong_speaker.append(example)
    matched = set(matches.values())
    counts.missed = [
        {"page": page, "text": g.text, "speaker": g.speaker}
        for gi, g in enumerate(gold)
        if g.required and gi not in matched
    ]
    return counts
