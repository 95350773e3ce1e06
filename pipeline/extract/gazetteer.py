"""The entity gazetteer: curated names and their spellings, and the titles that go with them.

Names are compared word by word on a folded key, so the spellings news outlets use for
the same person meet: accents and case are dropped, transliteration pairs are merged
(Shoygu/Shoigu, Sergey/Sergei, Baqeri/Bagheri, doubled letters), British and American
spellings are merged (``spellings.csv``), a hyphen is a space and a possessive ``'s`` is
not part of a name. Non-Latin scripts are out of scope: the corpus is in English.

Registry files (``corpus/registry/``): ``entities.csv`` and ``aliases.csv`` (the names),
``titles.csv`` (titles and offices that precede a name or stand for a person),
``demonyms.csv`` (``Russian`` -> ``russia``), ``heads.csv`` (which office heads which
organisation), ``spellings.csv`` and ``cues.csv`` (the verbs that attribute speech).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, pairwise, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")
_WORD_PARTS = re.compile(r"([^\W_]+)")  # words are letters and digits: gap, word, gap, ...
_APOSTROPHES = "'’ʼ`´"
_JOINERS = re.compile(r"(?:['’ʼ]s)?[ '’ʼ\-‐‑–]*")  # between two words of one name
_TRANSLITERATION = (("kh", "h"), ("gh", "q"), ("ou", "u"), ("ee", "i"), ("y", "i"))
_DOUBLED = re.compile(r"(\w)\1+")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "top", "senior"})
_NOT_CURRENT = frozenset({"former", "ex", "late", "deputy", "acting", "new", "next"})
_REMEMBERED = 1 << 16  # word keys and phrase roles kept per gazetteer (a corpus repeats them)
_INDEXED = 2_000  # a text this long is read into words once (see Gazetteer.words)
_INDEXES = 4  # and so many such texts are kept: a document's text and its frames


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place of the registry."""

    entity_id: str
    name: str
    type: str
    wikidata: str = ""
    description: str = ""


class Word(NamedTuple):
    """A word of a text: its span and its folded key."""

    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class Match:
    """A name found in a text: the entities it may name (one, unless the name is shared).

    ``partial`` marks a surname-only match of a person ("Ashtiani").
    """

    start: int
    end: int
    entity_ids: tuple[str, ...]
    type: str
    partial: bool = False

    @property
    def entity_id(self) -> str:
        """The entity, when the name names only one."""
        return self.entity_ids[0] if len(self.entity_ids) == 1 else ""


@dataclass(frozen=True)
class Role:
    """An office (``minister.defence``) and the country it belongs to, if said."""

    office: str
    country: str = ""

    def fits(self, holder: Role) -> bool:
        """Whether someone holding ``holder`` can be meant by this (maybe vaguer) role."""
        office = (
            self.office == "official"
            or holder.office == self.office
            or holder.office.startswith(self.office + ".")
        )
        return office and (not self.country or not holder.country or self.country == holder.country)


@dataclass(frozen=True)
class _Alias:
    entity_id: str
    capitals: tuple[bool, ...]  # which words the alias writes in capitals (acronyms)
    partial: bool


class WordCache(dict[str, T]):
    """``function`` of one word, each word computed once: ``WordCache(f, limit)[word]``.

    A corpus repeats its words. Unlike ``lru_cache``, whose every entry is a list the
    garbage collector tracks (a corpus's 100,000 words made each full collection take tens
    of milliseconds), a dict of strings is no work for the collector; it is emptied when it
    holds ``limit`` words. A hit is a dict lookup, with no Python call.
    """

    def __init__(self, function: Callable[[str], T], limit: int) -> None:
        super().__init__()
        self._function, self._limit = function, limit

    def __missing__(self, word: str) -> T:
        if len(self) >= self._limit:
            self.clear()
        value = self[word] = self._function(word)
        return value


def _fold(word: str) -> str:
    """The comparison key of one word: no accents, no case, one spelling, one transliteration."""
    if word.isascii():  # nothing to decompose (most words)
        key = word.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", word)
        key = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for variant, canonical in _TRANSLITERATION:
        key = key.replace(variant, canonical)
    return _DOUBLED.sub(r"\1", key)


fold: Callable[[str], str] = WordCache(_fold, 1 << 18).__getitem__  # _fold, once a word


def alternation(strings: Iterable[str]) -> str:
    """A pattern for any of ``strings``, the longest first where several match at a point.

    It matches what ``"|".join`` of them sorted longest first matches, with their common
    prefixes shared: ``re`` tries the alternatives of a group one by one, and a trie of
    them reads each character once (77 speech cues: twice as fast).
    """
    trie: dict[str, Any] = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}  # a string ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(rest) for char, rest in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{group})?" if "" in node else group  # longer first, as the sort put it

    return pattern(trie) or "(?!)"


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with their keys; a possessive ``'s`` is dropped."""
    return _keyed_words(text, start, end, fold)


_START, _END = itemgetter(0), itemgetter(1)  # a Word's fields, for map()


def _keyed_words(text: str, start: int, end: int | None, key: Callable[[str], str]) -> list[Word]:
    # Split, not finditer: no match object per word, and positions from the parts' lengths.
    end = len(text) if end is None else end
    if end - start < 1:  # an empty window (one that starts at a word of the index, often)
        return []
    parts = _WORD_PARTS.split(text[start:end])
    if len(parts) == 1:  # no word (windows often end between two words)
        return []
    bounds = list(accumulate(map(len, parts), initial=start))
    texts = parts[1::2]
    spans = zip(bounds[1:-1:2], bounds[2::2], texts, map(key, texts), strict=True)
    found = list(map(tuple.__new__, repeat(Word), spans))  # Word(...), no Python call
    if "s" in texts or "S" in texts:
        return [w for w in found if w.text not in ("s", "S") or not _possessive_s(text, w.start)]
    return found


@dataclass(frozen=True)
class _Index:
    """The words of a whole text, by position: a window is a slice and its two ends."""

    words: list[Word]
    starts: list[int]
    ends: list[int]


def _possessive_s(text: str, start: int) -> bool:
    """The lone ``s`` at ``start`` is that of ``Iran's``: after an apostrophe after a word."""
    return start >= 2 and text[start - 1] in _APOSTROPHES and text[start - 2].isalnum()


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Gazetteer:
    """Names, titles and roles of the registry, and a longest-match name finder over them."""

    def __init__(
        self,
        entities: Mapping[str, Entity],
        aliases: Mapping[str, list[str]],
        titles: Mapping[str, str],
        demonyms: Mapping[str, str],
        heads: Mapping[Role, str],
        spellings: Mapping[str, str],
        cues: Mapping[str, str],
    ) -> None:
        self.entities = dict(entities)
        self.aliases = {entity_id: list(names) for entity_id, names in aliases.items()}
        self.cues = dict(cues)
        self._spellings = dict(spellings)
        self._keys = WordCache(self._spelled, _REMEMBERED)  # the keys of the words seen so far
        self._roles: dict[str, Role | None] = {}
        self._indexes: dict[str, _Index] = {}  # of the latest long texts read
        self._names: dict[tuple[str, ...], list[_Alias]] = {}
        for entity_id, names in aliases.items():
            entity = self.entities[entity_id]
            for name in names:
                self._add(name, entity, partial=False)
                if entity.type == "person":
                    for tail in self._tails(name):
                        self._add(tail, entity, partial=True)
        self._longest = max((len(k) for k in self._names), default=0)
        # What a name whose aliases write no word in capitals matches, whatever the case.
        self._uncased = {
            k: self._chosen(aliases)
            for k, aliases in self._names.items()
            if not any(any(a.capitals) for a in aliases)
        }
        self._prefixes = frozenset(k[:n] for k in self._names for n in range(1, len(k) + 1))
        self._firsts = frozenset(k[0] for k in self._names if k)  # words that may begin a name
        self.titles = {self._phrase(t): office for t, office in titles.items()}
        self.title_words = frozenset(k for phrase in self.titles for k in phrase)
        self._title_length = max(map(len, self.titles), default=0)
        self.demonyms = {self.key(d): e for d, e in demonyms.items()}
        self.heads = dict(heads)

    @classmethod
    def load(cls, directory: Path) -> Gazetteer:
        """The gazetteer of the registry ``directory``."""
        entities = {
            row["entity_id"]: Entity(
                row["entity_id"],
                row["name"],
                row["type"],
                row.get("wikidata", ""),
                row.get("description", ""),
            )
            for row in _read(directory / "entities.csv")
        }
        aliases: dict[str, list[str]] = {e.entity_id: [e.name] for e in entities.values()}
        for row in _read(directory / "aliases.csv"):
            aliases[row["entity_id"]].append(row["alias"])
        return cls(
            entities,
            aliases,
            titles={r["title"]: r["office"] for r in _read(directory / "titles.csv")},
            demonyms={r["demonym"]: r["entity_id"] for r in _read(directory / "demonyms.csv")},
            heads={
                Role(r["office"], r["country"]): r["entity_id"]
                for r in _read(directory / "heads.csv")
            },
            spellings={r["variant"]: r["canonical"] for r in _read(directory / "spellings.csv")},
            cues={r["cue"]: r["kind"] for r in _read(directory / "cues.csv")},
        )

    @cached_property
    def cue_pattern(self) -> re.Pattern[str]:
        """Any speech cue as a whole word, in lower case ("States" is no cue, nor "so-called").

        "According to" may open a sentence, so it is matched capitalised too.
        """
        forms = [
            *self.cues,
            *(c.capitalize() for c, kind in self.cues.items() if kind == "according"),
        ]
        return re.compile(rf"(?<![\w-])(?:{alternation(forms)})(?![\w-])")

    @cached_property
    def office_ends(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first and the last keys of the titles of an office: a phrase that lacks
        either names no office, but through "head of" (see :meth:`role`)."""
        offices = [phrase for phrase, office in self.titles.items() if office]
        return frozenset(p[0] for p in offices), frozenset(p[-1] for p in offices)

    def key(self, word: str) -> str:
        """:func:`fold`, after merging British and American spellings."""
        return self._keys[word]

    def _spelled(self, word: str) -> str:
        lowered = word.casefold()
        return fold(self._spellings.get(lowered, lowered))

    def words(self, text: str, start: int = 0, end: int | None = None) -> list[Word]:
        """:func:`words` with this gazetteer's keys.

        The steps read many windows of one document: a long text is read into words once,
        and a window is cut from those (only a word cut by an end of it is read again: the
        text between the index's words holds no other word, but a possessive ``s``, dropped
        there as in the window).
        """
        end = len(text) if end is None else end
        if len(text) < _INDEXED:
            return _keyed_words(text, start, end, self._keys.__getitem__)
        index = self._index(text)
        starts, ends = index.starts, index.ends
        first, last = bisect_left(starts, start), bisect_right(ends, end)
        if first >= last:
            return _keyed_words(text, start, end, self._keys.__getitem__)
        ws = index.words[first:last]
        if first and ends[first - 1] > start:  # the window's start cuts a word
            ws[:0] = _keyed_words(text, start, starts[first], self._keys.__getitem__)
        if last < len(starts) and starts[last] < end:  # and so does its end
            ws += _keyed_words(text, ends[last - 1], end, self._keys.__getitem__)
        return ws

    def read_blanked(self, view: str, text: str, kept: Sequence[tuple[int, int]]) -> None:
        """Read ``view`` into words from those of ``text``, for :meth:`words` to cut windows from.

        ``view`` is ``text`` with all but the ``kept`` spans (in order, none touching) turned
        into non-word characters: inside a span its words are the text's, but for those cut by
        an end of it, read again (as is a possessive ``s`` whose apostrophe is blanked).
        """
        if len(view) < _INDEXED or view in self._indexes:
            return
        index, read = self._index(text), self._keys.__getitem__
        ws: list[Word] = []
        for start, end in kept:
            first = bisect_left(index.starts, start)
            last = bisect_right(index.ends, end)
            if first >= last:
                ws += _keyed_words(view, start, end, read)
                continue
            ws += _keyed_words(view, start, index.starts[first], read)
            ws += index.words[first:last]
            ws += _keyed_words(view, index.ends[last - 1], end, read)
        self._keep(view, ws)

    def _index(self, text: str) -> _Index:
        index = self._indexes.get(text)
        if index is None:
            index = self._keep(text, _keyed_words(text, 0, len(text), self._keys.__getitem__))
        return index

    def _keep(self, text: str, ws: list[Word]) -> _Index:
        if len(self._indexes) >= _INDEXES:
            del self._indexes[next(iter(self._indexes))]
        starts, ends = list(map(_START, ws)), list(map(_END, ws))
        index = self._indexes[text] = _Index(ws, starts, ends)
        return index

    @cached_property
    def _name_words(self) -> dict[str, frozenset[str]]:
        return {
            entity_id: frozenset(w.key for name in names for w in self.words(name))
            for entity_id, names in self.aliases.items()
        }

    def name_words(self, entity_id: str) -> frozenset[str]:
        """The keys of every word of the entity's names ("ministry" for a defence ministry)."""
        return self._name_words[entity_id]

    def find(
        self, text: str, start: int = 0, end: int | None = None, types: tuple[str, ...] = ()
    ) -> list[Match]:
        """Names in ``text[start:end]`` (of the given entity ``types``, or any), longest first.

        Matches never overlap. A full name beats a surname-only match of the same length;
        whether a surname-only match stands is for the caller to decide (it needs the whole
        document).
        """
        return self.find_words(text, self.words(text, start, end), types)

    def find_words(self, text: str, ws: list[Word], types: tuple[str, ...] = ()) -> list[Match]:
        """:meth:`find` over the words ``ws`` of ``text`` (a caller that has them already)."""
        found: list[Match] = []
        firsts, reached = self._firsts, -1  # the end of the latest match
        # Most words begin no name: only a capitalised word that may begin one is tried.
        for i in [i for i, w in enumerate(ws) if w.key in firsts and w.text[0].isupper()]:
            if ws[i].start < reached:
                continue
            match = self._match_at(text, ws, i, types)
            if match is not None:
                found.append(match)
                reached = match.end
        return found

    def role(self, text: str) -> Role | None:
        """The role a phrase names ("the head of the Russian defence ministry"), if any.

        A country is read from a demonym or a place name anywhere in the phrase; the rest
        is looked up whole, then by its longest leading and trailing parts, so "Chief of
        Staff for the Armed Forces" is a chief of staff and "top military official" an
        official. "former" and its kind name someone else than the holder: no role.
        """
        if text not in self._roles:
            if len(self._roles) >= _REMEMBERED:
                self._roles.clear()
            self._roles[text] = self._role(text)
        return self._roles[text]

    def _role(self, text: str) -> Role | None:
        ws = self.words(text)
        if any(w.text.casefold() in _NOT_CURRENT for w in ws):
            return None
        while ws and ws[0].text.casefold() in _DETERMINERS:
            ws.pop(0)
        if len(ws) > 2 and ws[0].key == "head" and ws[1].key == "of":
            headed = self._headed(text, ws[2].start)
            if headed is not None:
                return headed
        places = {m.start: m for m in self.find(text, types=("place",))}
        country, keep, skip_until = "", [], -1
        for w in ws:
            if w.start < skip_until:
                continue
            if w.start in places:
                country = country or places[w.start].entity_id
                skip_until = places[w.start].end
            elif w.key in self.demonyms:
                country = country or self.demonyms[w.key]
            else:
                keep.append(w.key)
        longest = min(len(keep), self._title_length)  # no longer part can be a title
        parts = [tuple(keep[:n]) for n in range(longest, 0, -1)]
        parts += [tuple(keep[-n:]) for n in range(min(longest, len(keep) - 1), 0, -1)]
        office = next((self.titles[p] for p in parts if self.titles.get(p)), "")
        return Role(office, country) if office else None

    def head_of(self, role: Role) -> str:
        """The organisation that the holder of ``role`` heads, if the registry says."""
        for held, entity_id in self.heads.items():
            if role.fits(held) and role.country == held.country:
                return entity_id
        return ""

    def _headed(self, text: str, start: int) -> Role | None:
        """The role that heads the first organisation named from ``start`` on ("head of ...")."""
        for match in self.find(text, start, types=("organization",))[:1]:
            for role, entity_id in self.heads.items():
                if entity_id in match.entity_ids:
                    return role
        return None

    def _match_at(self, text: str, ws: list[Word], i: int, types: tuple[str, ...]) -> Match | None:
        """The longest name beginning at the (capitalised) word ``ws[i]``, if any."""
        keys: tuple[str, ...] = ()
        for w in ws[i : i + self._longest]:  # only as far as some name begins with these words
            longer = (*keys, w.key)
            if longer not in self._prefixes:
                break
            keys = longer
        for n in range(len(keys), 0, -1):
            span = ws[i : i + n]
            candidates = self._names.get(keys[:n])
            if not candidates or not _joined(text, span):
                continue
            chosen = None if types else self._uncased.get(keys[:n])
            if chosen is None:
                fitting = [
                    a
                    for a in candidates
                    if _capitals_fit(a.capitals, span)
                    and (not types or self.entities[a.entity_id].type in types)
                ]
                if not fitting:
                    continue
                chosen = self._chosen(fitting)
            return Match(span[0].start, span[-1].end, *chosen)
        return None

    def _chosen(self, fitting: Sequence[_Alias]) -> tuple[tuple[str, ...], str, bool]:
        """The entities, type and partiality of a match of the aliases ``fitting``: full
        names before surnames."""
        partial = all(a.partial for a in fitting)
        ids = tuple(sorted({a.entity_id for a in fitting if a.partial == partial}))
        return ids, self.entities[ids[0]].type, partial

    def _add(self, name: str, entity: Entity, partial: bool) -> None:
        ws = words(name)
        key = tuple(self.key(w.text) for w in ws)
        capitals = tuple(w.text.isupper() and (len(w.text) > 1 or len(ws) > 1) for w in ws)
        entries = self._names.setdefault(key, [])
        if not any(a.entity_id == entity.entity_id and a.partial == partial for a in entries):
            entries.append(_Alias(entity.entity_id, capitals, partial))

    def _phrase(self, title: str) -> tuple[str, ...]:
        return tuple(self.key(w.text) for w in words(title))

    @staticmethod
    def _tails(name: str) -> Iterator[str]:
        """Surname forms of a person's name: each shorter ending of it ("Haji Rahimi", "Rahimi")."""
        ws = words(name)
        for i in range(1, len(ws)):
            yield name[ws[i].start :]


def _joined(text: str, span: list[Word]) -> bool:
    """Whether consecutive words are parts of one name: no comma, bracket or line between.

    A full stop may join only an initial to what follows ("U.S.", "U. S.").
    """
    for a, b in pairwise(span):
        gap = text[a.end : b.start]
        initial = a.end - a.start == 1 and gap in (".", ". ")
        if not (initial or _JOINERS.fullmatch(gap)):
            return False
    return True


def _capitals_fit(capitals: tuple[bool, ...], span: list[Word]) -> bool:
    """An acronym in the alias must be in capitals in the text ("US", not "us")."""
    return all(not cap or w.text.isupper() for cap, w in zip(capitals, span, strict=True))
