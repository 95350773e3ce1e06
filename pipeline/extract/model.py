"""The document that flows through the pipeline steps, and the rows the steps produce.

Every span is a pair of Python ``str`` indices (code points) into ``Doc.text``, the raw
bytes decoded with the recorded encoding, with no normalisation. The writer adds the
``doc_id``/``raw_blake3`` keys and the span ``text`` (always ``doc.text[start:end]``), so a
step never copies raw text by hand and cannot misquote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.store import RawFile


@dataclass(frozen=True)
class Segment:
    """A span of the raw text with what it is and whether the cleaned body keeps it.

    ``kept`` means "part of ``documents.text``"; a title or a byline is not chrome, but it
    is not body either, so it is ``kept=False`` with its own ``kind``. ``joined`` marks a
    kept segment that continues the previous kept one (a paragraph the dump split).
    """

    start: int
    end: int
    kind: str
    kept: bool
    rule: str
    joined: bool = False


@dataclass(frozen=True)
class Evidence:
    """One extracted value and the raw span it was read from."""

    field: str
    value: str
    start: int
    end: int
    method: str


@dataclass(frozen=True)
class Media:
    """A caption (and its credit) of a picture on the page."""

    start: int
    end: int
    caption: str
    credit: str = ""
    credit_start: int | None = None
    credit_end: int | None = None
    date: str = ""
    date_precision: str = ""


@dataclass(frozen=True)
class Mention:
    """A mention of an entity; ``entity_id`` is empty for a candidate the registry lacks.

    ``name`` is who the mention stands for, in full: the registry's name of the entity, or
    for a candidate the full name the document gives ("Heyward" -> "Cameron Heyward").
    """

    start: int
    end: int
    entity_id: str
    type: str
    method: str
    name: str = ""


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the span inside the marks, and who said it.

    ``speaker_name`` is the speaker's full name once resolved (a pronoun or a surname to the
    person it stands for), whether or not the registry knows them.
    """

    start: int
    end: int
    speaker_entity_id: str = ""
    speaker_name: str = ""
    speaker_text: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""
    method: str = ""
    part_of: int | None = None  # index in Doc.quotes of the first part of a split quotation


@dataclass(frozen=True)
class Citation:
    """A source the report names ("according to ...", "... reports")."""

    start: int
    end: int
    source: str
    entity_id: str = ""
    cue: str = ""
    method: str = ""


@dataclass
class Doc:
    """One raw capture on its way through the steps."""

    raw: RawFile
    text: str
    segments: list[Segment] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """Stable id derived from the raw content: the first 16 hex digits of its BLAKE3."""
        return self.raw.blake3[:16]
