"""One document as the quote rules read it: text, frame, sentences, cues and people."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from pipeline.extract.entities import Holders, person_of
from pipeline.extract.gazetteer import Gazetteer
from pipeline.extract.model import Mention
from pipeline.extract.people import Person, first_name
from pipeline.extract.quotemarks import Span
from pipeline.extract.quotes.base import _Attributed, _Speaker
from pipeline.extract.quotes.cues import _Cues


@dataclass
class _Context:
    """What the speaker rules read: the document's frame text, names, roles and focus."""

    text: str
    view: str  # the raw text with quotations masked and all but title and body blanked
    gazetteer: Gazetteer
    mentions: list[Mention]  # in text order
    held: Holders
    # What the sentences read so far put in focus, made only when a rule reads it (see
    # speakers._add_focus, queued by later): the people who spoke in them or opened them, in
    # order, as (position, person); the same and every person named; the organisations;
    # those that spoke through a spokesperson; where the sentences start; whom each reports
    # speaking (no quotation in it).
    _focus: list[tuple[int, Person]] = field(default_factory=list)
    _named: list[tuple[int, Person]] = field(default_factory=list)
    _bodies: list[tuple[int, Person]] = field(default_factory=list)
    _spokes: list[tuple[int, Person]] = field(default_factory=list)
    _sentences: list[int] = field(default_factory=list)
    _reports: list[_Attributed | None] = field(default_factory=list)
    _unread: deque[Callable[[], None]] = field(default_factory=deque)
    _settling: bool = False
    # The subjects of speech verbs already read, by the sentence start and the cues up to the
    # verb (see _verb_subject), and how many times the rules read the focus so far.
    subjects: dict[tuple[int, tuple[Span, ...]], _Speaker | None] = field(default_factory=dict)
    focus_reads: int = 0
    reach: int = -1  # where what the rules read ends (-1: the end of the view)

    def later(self, read: Callable[[], None]) -> None:
        """Put a sentence in focus (``read``) when a rule next reads the focus, not before:
        most sentences after the last quotation that needs it are never put in focus."""
        self._unread.append(read)

    def _settle(self) -> None:
        """Put in focus, in order, the sentences :meth:`later` queued; they read the focus
        as it was after the sentence before, and count as no read of it."""
        if self._settling or not self._unread:
            return
        self._settling, reads = True, self.focus_reads
        try:
            while self._unread:
                self._unread.popleft()()
        finally:
            self._settling, self.focus_reads = False, reads

    @property
    def focus(self) -> list[tuple[int, Person]]:
        """The people in focus (speakers, and people who open a sentence), in order."""
        self._settle()
        return self._focus

    @property
    def named(self) -> list[tuple[int, Person]]:
        """The people in focus and every person named, in order."""
        self._settle()
        return self._named

    @property
    def bodies(self) -> list[tuple[int, Person]]:
        """The organisations in focus, in order."""
        self._settle()
        return self._bodies

    @property
    def spokes(self) -> list[tuple[int, Person]]:
        """The organisations in focus that spoke through a spokesperson, in order."""
        self._settle()
        return self._spokes

    @property
    def sentences(self) -> list[int]:
        """Where the sentences put in focus start."""
        self._settle()
        return self._sentences

    @property
    def reports(self) -> list[_Attributed | None]:
        """Whom each sentence put in focus says spoke, when it has no quotation."""
        self._settle()
        return self._reports

    @cached_property
    def starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def ending_at(self) -> dict[int, list[Mention]]:
        found: dict[int, list[Mention]] = {}
        for m in self.mentions:
            found.setdefault(m.end, []).append(m)
        return found

    @cached_property
    def people(self) -> tuple[list[int], list[Mention]]:
        """The mentions of people, and where they start."""
        people = [m for m in self.mentions if m.type == "person"]
        return [m.start for m in people], people

    @cached_property
    def given(self) -> dict[str, list[Person]]:
        """The people the document names with a first name, by their last name."""
        found: dict[str, list[Person]] = {}
        for m in self.people[1]:
            person = person_of(m)
            words = person.name.split()
            if len(words) > 1 and first_name(words[0]) and person not in found.get(words[-1], []):
                found.setdefault(words[-1], []).append(person)
        return found

    @cached_property
    def joined(self) -> frozenset[str]:
        """The names read from the tail of a hyphenated compound ("Sieger Hannawald" of
        "Tournee-Sieger Hannawald"): their first word is no first name."""
        people = self.people[1]
        return frozenset(person_of(m).name for m in people if _compound_tail(self.text, m.start))

    def fullest(self, person: Person, joined: bool = False) -> Person:
        """``person``, or the person named with a first name whose last name ends the name
        when a description or particle stands for the first name ("Tagessieger Lindvik",
        "Youtuber Kehl", "von Hundt"), or in full when the name gives it short ("Josh Apte"
        of "Joshua Apte": a first name that opens the other one)."""
        words = person.name.split()
        if person.entity_id or len(words) < 2:
            return person
        named = self.given.get(words[-1], [])
        joined = joined or person.name in self.joined
        if joined or not first_name(words[0]):  # "Tournee-Sieger Hannawald": no first name
            return named[0] if named else person
        return next((p for p in named if _shortens(words, p.name.split())), person)

    @cached_property
    def cues(self) -> _Cues:
        return _Cues(self.view, self.gazetteer, len(self.view) if self.reach < 0 else self.reach)


def _compound_tail(text: str, start: int) -> bool:
    """Whether the name at ``start`` opens with the tail of a hyphenated compound ("Sieger" of
    "der ehemalige Tournee-Sieger Hannawald"): a description, not a first name."""
    return start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()


def _shortens(short: list[str], full: list[str]) -> bool:
    """Whether the name ``short`` is ``full`` with a short form of its first name ("Josh Apte"
    of "Joshua Apte")."""
    return short[1:] == full[1:] and len(full[0]) > len(short[0]) and full[0].startswith(short[0])
