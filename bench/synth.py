"""Deterministic synthetic captures for the scale benchmark: realistic page dumps, seeded.

A capture looks like what the corpus meets: an outlet's chrome (the same menu, tagline and
footer on every page of that outlet), a breadcrumb, a headline, a caption with a credit, a
byline, a date in one of many printed formats, a dateline, paragraphs with quotations in
varied marks attributed to people of the gazetteer (or to people it does not know), "READ:"
links, and a footer; one page in ten is HTML. Sizes run from 1 to 20 KB.

Document ``i`` depends only on ``(seed, i)`` and the registry, so a corpus of ``n`` documents
is the first ``n`` of any larger one and every run of the benchmark reads the same bytes.
"""

from __future__ import annotations

import bisect
import csv
import html
import math
import multiprocessing
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

from pipeline.extract.outlets import Outlets

MIN_BYTES = 1_024
MAX_BYTES = 20_480
PER_DIRECTORY = 1_000  # captures per sub-directory, so a size of n is its first n/1000 folders
HTML_SHARE = 0.1
CP1252_SHARE = 0.03
WORDS = 20_000  # made-up words: place names, programmes, agencies
# Stories (docs/across.md, across6): a capture reports a story, a meeting that a few outlets
# report within days; its quotations quote what the two who met said there, as other reports
# of that story do, so quotations repeat across a handful of reports over a few days (as in
# real news), not across the whole corpus over years.
STORY_BLOCK = 64  # captures cut into stories together (a story is consecutive captures)
STORY_SIZES = tuple(1 / k**2 for k in range(1, 25))  # weight of each size: 62% alone, mean 2.4
DELAY_DAYS, MAX_DELAY_DAYS = 0.7, 14  # a report's delay after its story (exponential, capped)
OWN_SHARE = 0.25  # quotations of words said to this report alone
CATCHPHRASE_SHARE = 0.05  # quotations of one of the speaker's catchphrases (any story, any year)
CATCHPHRASES = 2
TRIMMED_SHARE, REWORDED_SHARE = 0.2, 0.15

_START = datetime(2021, 1, 1)
_SYLLABLES = (
    "ka",
    "ra",
    "to",
    "mi",
    "sa",
    "vo",
    "le",
    "din",
    "ash",
    "tan",
    "bar",
    "zan",
    "gor",
    "mir",
    "nov",
    "pol",
    "kir",
    "dor",
    "val",
    "sen",
    "tal",
    "bek",
    "fa",
    "ha",
    "ri",
    "zu",
    "lo",
    "ne",
    "shi",
    "ar",
    "om",
    "el",
    "ur",
    "ya",
    "iv",
    "dan",
    "mar",
    "kov",
    "rud",
)
_ROLES = (
    "Defence Minister",
    "Foreign Minister",
    "Chief of Staff",
    "the ministry's spokesman",
    "Brigadier General",
    "the deputy minister",
    "the ambassador",
    "a senior official",
    "President",
    "the commander",
)
_VERBS = (
    "said",
    "stated",
    "stressed",
    "noted",
    "told reporters",
    "added",
    "emphasised",
    "underlined",
    "declared",
    "wrote",
)
_ACTIONS = (
    "discussed",
    "reviewed",
    "signed",
    "praised",
    "criticised",
    "called for",
    "welcomed",
    "rejected",
    "announced",
    "examined",
    "proposed",
    "backed",
)
_TOPICS = (
    "military cooperation",
    "joint naval exercises",
    "the supply of drones",
    "air defence systems",
    "regional security",
    "the sanctions regime",
    "the nuclear agreement",
    "grain exports",
    "the North-South transport corridor",
    "arms control",
    "counter-terrorism efforts",
    "the exchange of delegations",
    "training of officers",
    "ballistic missile tests",
    "energy prices",
    "the situation in the Caucasus",
    "border security",
    "satellite launches",
    "maritime security in the Gulf",
    "a long-term strategic partnership",
)
_ADJECTIVES = (
    "bilateral",
    "strategic",
    "unprecedented",
    "long-term",
    "comprehensive",
    "regional",
    "military-technical",
    "economic",
    "multilateral",
    "practical",
)
# What people say: a statement is an opening, an action, what it is about, where and when,
# with a made-up word or a number, so that two statements rarely share more than a phrase.
_OPENINGS = (
    "We will continue",
    "We are ready",
    "Our side intends",
    "We have agreed",
    "We do not intend",
    "Our country is determined",
    "We see no reason",
    "The government has decided",
    "We are not going",
    "Both sides expressed the wish",
)
_INFINITIVES = (
    "to expand",
    "to discuss",
    "to review",
    "to strengthen",
    "to suspend",
    "to resume",
    "to finance",
    "to accelerate",
    "to reconsider",
    "to coordinate",
)
_WHEN = (
    "before the end of the year",
    "in the coming weeks",
    "as soon as possible",
    "next month",
    "within the framework of the agreement",
    "despite the pressure of the West",
    "without any preconditions",
    "step by step",
)
_SYNONYMS = {  # a wording one outlet's translation or editor gives another
    "expand": "widen",
    "strengthen": "reinforce",
    "discuss": "debate",
    "review": "examine",
    "ready": "prepared",
    "decided": "resolved",
    "continue": "keep",
    "cooperation": "collaboration",
    "security": "safety",
    "agreement": "accord",
}
_SECTIONS = ("News", "World", "Politics", "Middle East", "Europe", "Defence", "Economy", "Asia")
_CHROME = (
    "Log In",
    "Subscribe",
    "Donate",
    "Light Theme",
    "Search",
    "Menu",
    "Home",
    "Latest",
    "Video",
    "Podcasts",
    "Opinion",
    "Newsletters",
    "Advertise",
    "Contact us",
)
_FOOTER = (
    "Your Comment",
    "You are replying to: .",
    "Share this article",
    "Follow us on Telegram",
    "All rights reserved.",
    "Terms of use | Privacy policy | Cookie settings",
    "By subscribing, you agree to our terms of use and privacy policy.",
    "Most read",
    "Related news",
)
_CAPITALS = ("TEHRAN", "MOSCOW", "BEIJING", "ANKARA", "BAKU", "YEREVAN", "ASTANA", "DAMASCUS")
T = TypeVar("T")
_QUOTE_MARKS = (("“", "”"), ('"', '"'), ("'", "'"), ("‘", "’"), ("«", "»"))


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class Outlet:
    name: str
    abbreviation: str
    domain: str
    chrome: tuple[str, ...]
    footer: tuple[str, ...]
    date_format: int


@dataclass(frozen=True)
class Capture:
    """One synthetic capture: its file name and its bytes."""

    name: str
    data: bytes


class Generator:
    """Makes capture ``i`` of a seeded corpus from a registry's outlets and gazetteer."""

    def __init__(self, registry_dir: Path, seed: int = 0) -> None:
        self.seed = seed
        self._registry = registry_dir
        self._stories = lru_cache(maxsize=256)(self._story)
        self._starts = lru_cache(maxsize=64)(self._block)

    @cached_property
    def _entities(self) -> dict[str, list[str]]:
        """Every name and alias of the gazetteer, by entity type."""
        names: dict[str, list[str]] = {}
        types: dict[str, str] = {}
        for row in _rows(self._registry / "entities.csv"):
            types[row["entity_id"]] = row["type"]
            names.setdefault(row["type"], []).append(row["name"])
        for row in _rows(self._registry / "aliases.csv"):
            if row["entity_id"] in types:
                names[types[row["entity_id"]]].append(row["alias"])
        return names

    @cached_property
    def people(self) -> tuple[Person, ...]:
        """Speakers: the gazetteer's people, and more invented ones that it does not know."""
        rng = random.Random(f"{self.seed}:people")
        known = self._entities.get("person", [])
        invented = [f"{_word(rng).title()} {_word(rng, 3).title()}" for _ in range(len(known) + 40)]
        return tuple(Person(n, rng.choice(_ROLES)) for n in (*known, *invented))

    @cached_property
    def places(self) -> tuple[str, ...]:
        rng = random.Random(f"{self.seed}:places")
        return (*self._entities.get("place", []), *(_word(rng).title() for _ in range(60)))

    @cached_property
    def organisations(self) -> tuple[str, ...]:
        return tuple(self._entities.get("organization", [])) or ("the Defence Ministry",)

    @cached_property
    def outlets(self) -> tuple[Outlet, ...]:
        """The registry's outlets (with their markers) and as many outlets it does not know."""
        registry = Outlets.load(self._registry)
        markers: dict[str, dict[str, str]] = {}
        for m in registry.markers:
            markers.setdefault(m.outlet_id, {}).setdefault(m.kind, m.text)
        rng = random.Random(f"{self.seed}:outlets")
        outlets = []
        for o in registry.outlets:
            own = markers.get(o.outlet_id, {})
            domain = own.get("domain", o.homepage.split("//")[-1].removeprefix("www."))
            outlets.append(_outlet(rng, o.name, own.get("abbreviation", ""), domain))
        for _ in range(max(len(outlets), 10)):
            name = f"{_word(rng).title()} {rng.choice(('Times', 'Daily', 'News', 'Herald'))}"
            outlets.append(_outlet(rng, name, "", f"{name.split()[0].lower()}.example"))
        return tuple(outlets)

    def capture(self, i: int) -> Capture:
        """Capture ``i``: deterministic in ``(seed, i)``."""
        rng = random.Random(f"{self.seed}:{i}")
        page = self._page(rng, self.story(i))
        is_html = rng.random() < HTML_SHARE
        text = _html(page) if is_html else _dump(page, rng)
        encoding = "cp1252" if not is_html and rng.random() < CP1252_SHARE else "utf-8"
        data = text.encode(encoding, errors="replace")
        name = f"{i:07d}_{rng.getrandbits(64):016x}.{'html' if is_html else 'txt'}"
        return Capture(name, data)

    def story(self, i: int) -> Story:
        """The story capture ``i`` reports: its block's stories (``STORY_BLOCK`` captures
        cut into runs of ``STORY_SIZES``' sizes), so deterministic in ``(seed, i)`` too."""
        block, at = divmod(i, STORY_BLOCK)
        starts = self._starts(block)
        return self._stories(block, bisect.bisect_right(starts, at) - 1)

    def _block(self, block: int) -> list[int]:
        rng = random.Random(f"{self.seed}:block:{block}")
        sizes, weights = range(1, len(STORY_SIZES) + 1), STORY_SIZES
        starts = [0]
        while starts[-1] < STORY_BLOCK:
            starts.append(starts[-1] + rng.choices(sizes, weights)[0])
        return starts[:-1]

    def _story(self, block: int, number: int) -> Story:
        rng = random.Random(f"{self.seed}:story:{block}:{number}")
        a, b = rng.sample(self.people, 2)
        said = {
            p.name: tuple(self._statement(rng) for _ in range(rng.randint(3, 6))) for p in (a, b)
        }
        return Story(
            when=_START + timedelta(minutes=rng.randrange(4 * 365 * 24 * 60)),
            pair=(a, b),
            place=_pick(rng, self.places),
            said=said,
        )

    def _statement(self, rng: random.Random) -> str:
        """A sentence someone says (what a quotation quotes), without its final stop."""
        number = rng.choice((f"{rng.randrange(2, 90)} percent", f"{rng.randrange(2, 40)} new"))
        return (
            f"{_pick(rng, _OPENINGS)} {_pick(rng, _INFINITIVES)} {_pick(rng, _TOPICS)} with "
            f"{_pick(rng, self.places)} and {number} {self._word(rng)} "
            f"{_pick(rng, ('projects', 'programmes', 'contracts', 'units'))} {_pick(rng, _WHEN)}"
        )

    @cached_property
    def catchphrases(self) -> dict[str, tuple[str, ...]]:
        """What each person says again and again, over the years, in any story."""
        said = {}
        for person in self.people:
            rng = random.Random(f"{self.seed}:catchphrases:{person.name}")
            said[person.name] = tuple(self._statement(rng) for _ in range(CATCHPHRASES))
        return said

    def _page(self, rng: random.Random, story: Story) -> Page:
        outlet = _pick(rng, self.outlets)
        late = min(rng.expovariate(1 / DELAY_DAYS), MAX_DELAY_DAYS)
        when = story.when + timedelta(days=late)
        a, b = story.pair if rng.random() < 0.5 else story.pair[::-1]
        place = story.place
        title = (
            f"{a.name} and {b.name} discuss {_pick(rng, _TOPICS)} in {place}",
            f"{place}: {_pick(rng, _ADJECTIVES)} talks on {_pick(rng, _TOPICS)}",
            f"{_pick(rng, self.organisations)} {_pick(rng, _ACTIONS)} {_pick(rng, _TOPICS)}",
            f"'{_pick(rng, story.said[a.name])}' - {a.role.removeprefix('the ')}",
        )[rng.randrange(4)]
        caption = ""
        if rng.random() < 0.7:
            credit = f"{_pick(rng, ('Photo by', 'Credit:'))} {_pick(rng, self.organisations)}"
            caption = f"{a.name} meets {b.name} in {place} on {when:%B %-d, %Y}. ({credit})"
        overhead = sum(map(len, (*outlet.chrome, *outlet.footer, title, caption))) + 150
        target = min(MAX_BYTES, max(MIN_BYTES, rng.lognormvariate(math.log(5_000), 0.7)))
        paragraphs = [self._lead(rng, outlet, when, a, b, place)]
        size = overhead + len(paragraphs[0])
        while size < target:
            paragraph = self._paragraph(rng, story, when)
            if size + len(paragraph) > MAX_BYTES - 1_500:
                break
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
            if rng.random() < 0.08:
                paragraphs.append(f"READ: {_pick(rng, _TOPICS).capitalize()} tops the agenda")
        return Page(
            outlet=outlet,
            section=" / ".join(rng.sample(_SECTIONS, rng.randint(1, 3))),
            title=title,
            byline=_pick(rng, ("", f"By {_pick(rng, self.people).name}", "Staff writer", "")),
            date=_date(when, outlet.date_format if rng.random() < 0.8 else rng.randrange(8)),
            caption=caption,
            paragraphs=tuple(paragraphs),
            tags=tuple(rng.sample(self.places, rng.randint(0, 4))),
            news_id=rng.randrange(100_000, 999_999),
        )

    def _lead(
        self, rng: random.Random, outlet: Outlet, when: datetime, a: Person, b: Person, place: str
    ) -> str:
        source = outlet.abbreviation or outlet.name
        dateline = (
            f"{_pick(rng, _CAPITALS)} ({source}) - ",
            f"{_pick(rng, _CAPITALS)}, {when:%b} {when.day} ({source}) – ",
            f"{place} ({source}) - ",
            "",
        )[rng.randrange(4)]
        return (
            f"{dateline}{a.role.removeprefix('the ').capitalize()} {a.name} met "
            f"{b.name} in {place} on {_pick(rng, ('Monday', 'Tuesday', 'Wednesday', 'Friday'))} "
            f"to discuss {_pick(rng, _TOPICS)} and {_pick(rng, _TOPICS)}, "
            f"according to {_pick(rng, self.organisations)}."
        )

    def _paragraph(self, rng: random.Random, story: Story, when: datetime) -> str:
        sentences = [self._sentence(rng, story.pair, when) for _ in range(rng.randint(2, 6))]
        if rng.random() < 0.45:
            sentences.insert(rng.randrange(len(sentences) + 1), self._quote(rng, story))
        return " ".join(sentences)

    def _sentence(self, rng: random.Random, pair: tuple[Person, Person], when: datetime) -> str:
        kind = rng.randrange(6)
        place = _pick(rng, self.places)
        if kind == 0:
            person = _pick(rng, (*pair, _pick(rng, self.people)))
            return (
                f"{person.name} {_pick(rng, _ACTIONS)} {_pick(rng, _TOPICS)} with officials "
                f"from {place}."
            )
        if kind == 1:
            return (
                f"The {_pick(rng, _ADJECTIVES)} talks covered {_pick(rng, _TOPICS)}, "
                f"{_pick(rng, _TOPICS)} and {_pick(rng, _TOPICS)}."
            )
        day = when - timedelta(days=rng.randrange(60))
        if kind == 2:
            return (
                f"On {day:%B %-d}, {_pick(rng, self.organisations)} {_pick(rng, _ACTIONS)} "
                f"{_pick(rng, _TOPICS)} in {place}."
            )
        if kind == 3:
            return (
                f"Both sides {_pick(rng, _ACTIONS)} {_pick(rng, _TOPICS)}, the {self._word(rng)} "
                f"{_pick(rng, ('agency', 'newspaper', 'channel'))} reported."
            )
        if kind == 4:
            return (
                f"{place} and {_pick(rng, self.places)} have been strengthening "
                f"{_pick(rng, _ADJECTIVES)} ties since {day.year - rng.randrange(1, 30)}."
            )
        return (
            f"Some {rng.randrange(2, 400)} {_pick(rng, ('officers', 'experts', 'diplomats'))} "
            f"from {self._word(rng).title()} took part in the {self._word(rng)} programme."
        )

    def _quoted(self, rng: random.Random, story: Story, speaker: Person) -> str:
        """What a report quotes ``speaker`` saying: consecutive statements of the story (the
        words other reports of it may quote too), at times cut short or reworded; else
        something said to this report alone, or one of the speaker's catchphrases."""
        kind = rng.random()
        if kind < CATCHPHRASE_SHARE:
            return _pick(rng, self.catchphrases[speaker.name])
        if kind < CATCHPHRASE_SHARE + OWN_SHARE:
            return self._statement(rng)
        said = story.said[speaker.name]
        first = rng.randrange(len(said))
        words = ". ".join(said[first : first + rng.randint(1, 3)]).split(" ")
        if rng.random() < TRIMMED_SHARE:  # the quotation begins or ends mid-sentence
            cut = rng.randint(3, max(3, len(words) // 2))
            words = words[cut:] if rng.random() < 0.5 else words[:-cut]
        if rng.random() < REWORDED_SHARE:
            words = [_SYNONYMS.get(w, w) for w in words]
        return " ".join(words)

    @cached_property
    def _words(self) -> tuple[str, ...]:
        rng = random.Random(f"{self.seed}:words")
        return tuple(_word(rng) for _ in range(WORDS))

    def _word(self, rng: random.Random) -> str:
        """A made-up word, rare ones far more often than common ones (Zipf-like, for FTS)."""
        return self._words[int(WORDS ** rng.random()) - 1]

    def _quote(self, rng: random.Random, story: Story) -> str:
        speaker = _pick(rng, story.pair)
        opening, closing = _pick(rng, _QUOTE_MARKS)
        words = self._quoted(rng, story, speaker)
        verb = _pick(rng, _VERBS)
        who = _pick(rng, (speaker.name, f"{speaker.role} {speaker.name}", "he", "she"))
        kind = rng.randrange(4)
        if kind == 0:
            return f"{opening}{words},{closing} {who} {verb}."
        if kind == 1:
            return f"{who[0].upper()}{who[1:]} {verb}: {opening}{words}.{closing}"
        if kind == 2:
            return f"According to {speaker.name}, {opening}{words}{closing}."
        return f"{speaker.name} {verb} that {opening}{words[0].lower()}{words[1:]}{closing}."


@dataclass(frozen=True)
class Story:
    """A meeting several outlets report: when, who met where, and what each of the two said."""

    when: datetime
    pair: tuple[Person, Person]
    place: str
    said: dict[str, tuple[str, ...]]  # a speaker's name -> their statements, in order


@dataclass(frozen=True)
class Page:
    outlet: Outlet
    section: str
    title: str
    byline: str
    date: str
    caption: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    news_id: int


def captures(registry_dir: Path, n: int, seed: int = 0, start: int = 0) -> Iterator[Capture]:
    """Captures ``start`` to ``n - 1`` of the corpus seeded by ``seed``."""
    generator = Generator(registry_dir, seed)
    for i in range(start, n):
        yield generator.capture(i)


def write(directory: Path, registry_dir: Path, n: int, seed: int = 0, jobs: int = 1) -> list[Path]:
    """Write the first ``n`` captures under ``directory`` (reusing folders already complete).

    Captures go ``PER_DIRECTORY`` to a folder, ``jobs`` folders at a time; returns the
    folders that hold exactly the first ``n``, in order. ``n`` must be a multiple of
    ``PER_DIRECTORY`` or below it.
    """
    if n > PER_DIRECTORY and n % PER_DIRECTORY:
        raise ValueError(f"n must be a multiple of {PER_DIRECTORY} (or smaller), not {n}")
    parts = []
    for first in range(0, n, PER_DIRECTORY):
        last = min(n, first + PER_DIRECTORY)
        folder = directory / f"seed{seed}" / f"{first // PER_DIRECTORY:05d}-{last - first}"
        parts.append((folder, registry_dir, seed, first, last))
    todo = [p for p in parts if not _done(p[0]).exists()]
    if jobs > 1 and len(todo) > 1:
        with multiprocessing.get_context("forkserver").Pool(jobs) as pool:
            pool.starmap(_write_folder, todo)
    else:
        for part in todo:
            _write_folder(*part)
    return [p[0] for p in parts]


def _write_folder(folder: Path, registry_dir: Path, seed: int, first: int, last: int) -> None:
    """Captures ``first`` to ``last - 1`` into ``folder``, marked complete once all are there."""
    generator = Generator(registry_dir, seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, last):
        capture = generator.capture(i)
        (folder / capture.name).write_bytes(capture.data)
    _done(folder).touch()


def _done(folder: Path) -> Path:
    """The marker beside ``folder`` saying it was written to the end (outside it: not a capture)."""
    return folder.with_name(f"{folder.name}.complete")


def _dump(page: Page, rng: random.Random) -> str:
    """The page as a browser's text dump: chrome, article, chrome, one block a line."""
    o = page.outlet
    lines = [*o.chrome, "", page.section, "", page.title, ""]
    if page.caption and rng.random() < 0.5:
        lines += [page.caption, ""]
    lines += [page.byline, page.date, ""] if page.byline else [page.date, ""]
    if page.caption and page.caption not in lines:
        lines += [page.caption, ""]
    for paragraph in page.paragraphs:
        if rng.random() < 0.05:  # a paragraph the dump broke in the middle of a sentence
            cut = paragraph.find(" ", len(paragraph) // 2)
            lines += [paragraph[:cut], "", paragraph[cut + 1 :], ""]
        else:
            lines += [paragraph, ""]
    lines += [*page.tags, "", f"News ID {page.news_id}", "", *o.footer]
    text = "\n".join(lines) + "\n"
    return text.replace(" ", "\u00a0", 1) if rng.random() < 0.1 else text


def _html(page: Page) -> str:
    """The page as HTML, with the same blocks in elements."""
    e = html.escape
    o = page.outlet
    nav = "".join(f"<li><a href='/{i}'>{e(c)}</a></li>" for i, c in enumerate(o.chrome))
    body = "".join(f"<p>{e(p)}</p>\n" for p in page.paragraphs)
    caption = f"<figure><figcaption>{e(page.caption)}</figcaption></figure>" if page.caption else ""
    byline = f"<p class='byline'>{e(page.byline)}</p>" if page.byline else ""
    footer = "".join(f"<p>{e(f)}</p>" for f in o.footer)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(page.title)} | {e(o.name)}</title></head>\n<body>"
        f"<header><nav><ul>{nav}</ul></nav></header>\n<main><article>"
        f"<div class='breadcrumb'>{e(page.section)}</div>\n<h1>{e(page.title)}</h1>\n"
        f"{byline}<time>{e(page.date)}</time>\n{caption}\n{body}</article></main>\n"
        f"<footer>{footer}<p>News ID {page.news_id}</p></footer></body></html>\n"
    )


def _date(when: datetime, style: int) -> str:
    """``when`` printed the way one of eight kinds of site prints it."""
    minute = when.replace(second=0)
    return (
        f"{minute:%m/%d/%Y}",
        f"{minute:%B %-d, %Y at %-I:%M} {'pm' if minute.hour >= 12 else 'am'}",
        f"{minute:%H:%M %d.%m.%Y} •",
        f"{minute:%-d %B %Y}",
        f"{minute:%b}. {minute.day}, {minute.year}",
        f"{minute:%Y-%m-%dT%H:%M:%SZ}",
        f"Published: {minute:%A, %-d %B %Y %H:%M}",
        f"Updated {minute:%-I:%M %p} GMT, {minute:%B %-d, %Y}",
    )[style]


def _outlet(rng: random.Random, name: str, abbreviation: str, domain: str) -> Outlet:
    """An outlet's own chrome and footer, the same on every page it publishes."""
    chrome = (name, *rng.sample(_CHROME, rng.randint(3, 8)))
    if rng.random() < 0.5:
        chrome += (f"{_word(rng).title()} perspectives since {rng.randrange(1950, 2015)}",)
    footer = (*rng.sample(_FOOTER, rng.randint(2, 6)), f"© {name} {domain}")
    return Outlet(name, abbreviation, domain, chrome, footer, rng.randrange(8))


def _word(rng: random.Random, syllables: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(syllables, syllables + 1)))


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice``, faster: the generator makes millions of these picks."""
    return items[int(rng.random() * len(items))]


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
