"""People named in running text, found without a gazetteer, and who each name stands for.

Runs. A name is read from a run of capitalised words joined by a space or a hyphen (an
initial's or an abbreviation's full stop, "J. K.", "Sen.", and lower-case particles, "van
der", "bin", join them too, but not German "vom" or "auf", nor an article, "der", unless
after another particle; so does a lower-case word that is no common English word after a
hyphen, "Hau-yip", "Jae-myung", not "Maryland-based"); an acronym ("NASA") is no part of
one. Words that open a run only because they open a sentence ("To LeBron James", "But") are
dropped (not a title or honorific, "Mr. Ruano"; after a dateline's dash, "LOS ANGELES (AP)
—", a sentence opens): a word opening a sentence, and every word of a headline (title case),
is judged by how common it is in English (``wordfreq``, Zipf scale); a word capitalised
mid-sentence is a proper noun, however common ("Lawrence White"); a word far more common in
German than in English opening a sentence is dropped too ("Vor", "Wegen"), and so is one of
the commonest German words even when it is a first name elsewhere ("Im Vergleich", "Nur");
a run that opens with a German number word names nobody ("Elf Tage", "Zehntausend
Zuhörern"). A word in lower case is never a first name ("de" of "Chef de Mission X"). A
nickname in quotation marks inside a name is skipped ("Daniela „Danni“ Büchner" is
"Daniela Büchner"). Titles and honorifics
(nameparser's titles that are not common words, "Sen.", "Gov." and the like, and the
registry's title words) are not part of a name: the name starts after the last of them; a
particle is never a title, capitalised or not ("De" of "Antonio De Iesu").

Rules, first that applies:

- first-name: from the first known first name (``gender-guesser`` knows it; not a common
  word: "The", "Will"), two to four words (particles not counted), up to a word that cannot
  be in a name (a month, "University", a demonym, a title, a common word unless proper; an
  initial, "A.", never ends it); or two or three rare or first-name words, one a first name
  ("Ilhan Omar"). A first name followed by a lower-case hyphenated part is a given name
  after the family name, so the name starts a word before it ("Cheuk Hau-yip"); a title word
  that ends the run right after a first name is a surname, not a title, even one that is
  never a name otherwise ("Ken Doctor", "Gayle King");
- title: the one to three words after an honorific ("Mr. Trump"), or after a title when
  they are rare or proper ("Mayor Keller"); a single name after a style of royalty or
  nobility keeps it ("Prince Harald", "Pope Leo"): the style is how they are named;
- apposition: two or three uncommon words followed by an apposition whose first words
  hold a title or "who", or that gives an age ("Strauss Zelnick, CEO of Take-Two",
  "Montell Figgins, who", "Yevhen Zosin, 74,");
- cue: one to three uncommon words (a lone word: rare, and no plural of a common word,
  "Analysts") right before or after a speech verb ("Hege said", "said Oza"); not a lone
  word opening a sentence whose verb has its subject after it, an article or a pronoun
  (German word order: "Konkret fragte die FPÖ ab").

- shortened: two or three uncommon words that end a run ("volcanologist Zorelle
  Quintanar") and whose last word the cue rule reads alone elsewhere ("Quintanar said").

A run that opens with "The" names no person ("told The Hill": a newspaper, a work); the French
or German articles opening one are no part of a name ("Der Hamburger Datenschutzbeauftragte
Johannes Caspar"), and a single word after them is none ("Le Brexit", "La La Land").
A run of two or more words that ends in an organisation's word ("Inc", "Productions",
"Institute", "Equities"; German and French ones too: "Institut", "Universität",
"Fondation") names an organisation instead ("Dick Clark Productions",
"Max-Planck-Institut"); a German or French article opening the sentence is no part of it.

Within a document, a surname or first name alone ("Heyward", "Mr. Heyward") stands for the
person named in full (first-name, title, apposition or shortened, or two words before a
verb) nearest before it, else first after it; so does a shorter form ("Hawk Sawyer" of
"Kathleen Hawk Sawyer") and the name a title or a verb introduces. A name no longer than
the words ("Volker" of "Ambassador Volker") is that full name only when the document gives
no longer one ("Kurt Volker"). A hyphenated surname shortens as written ("Montoya-Lewis" of
"Raquel Montoya-Lewis"), and a title word alone is a surname when a full name ends in it
("Doctor" of "Ken Doctor"); a name that opens with a particle and ends a longer full name
is its surname ("De Miranda" of "Luis de Miranda"). A full name that another one gives with
middle initials is that one ("Michael Bloomberg" of "Michael R. Bloomberg"). The mention's
``name`` is that full name; a name never written in full stays as written. A lone word that
shortens no name is no mention.

A person's gender is read from their first name (``gender-guesser``; a name it gives as
only "mostly" one gender, "Taylor", "Kelly", "Morgan", is given to both and stays unknown,
as does an androgynous or unknown one): the quote step resolves "he" and "she" only
to people whose gender agrees or is unknown.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from operator import itemgetter

from pipeline.extract.gazetteer import Gazetteer, Word, WordCache

Span = tuple[int, int]

_COMMON = 5.5  # a word this frequent in English (Zipf scale) is a word, not a first name
_UNCOMMON = 4.6  # a surname read without a first name must be rarer than this
_RARE = 4.0  # and rarer than this after a title ("Mayor Keller", not "Defense Cooperation")
_PRONOUNS = frozenset({"his", "her", "their", "its"})  # nameparser's "His Excellency"
_LONE = 3.5  # and rarer than this alone before a verb ("Hege said", not "Analysts said")
_APPOSITION = re.compile(r",\s+\S")
_APPOSED = re.compile(r",\s+([^,.;:!?()\"“”]+)")
_APPOSED_WORDS = 6
_AGE = re.compile(r"\d{1,2}\s*")  # an apposition that gives a person's age: ", 74,"
_A_PERSON = ("ist", "yst", "ian", "man", "woman", "person")  # "an analyst", "a historian"
# fmt: off
_ABBREVIATED = frozenset({
    "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cpt", "cmdr", "adm", "maj", "atty",
    "supt", "insp", "det", "amb", "pres", "fr", "sr", "rt", "hon", "justice", "congressman",
    "congresswoman", "trooper", "superintendent", "inspector", "constable", "councilman",
    "councilwoman", "councillor", "mp", "mep", "msp", "mla", "del",
})  # titles nameparser lists only in full ("Senator"), or not at all
# fmt: on
_GLUE = frozenset({"of", "the", "for", "and", "a", "an", "in"})  # "Commander-in-Chief"
_ORG_METHOD = "candidate:organization"
# fmt: off
_ORGANISATIONS = frozenset({
    "inc", "corp", "corporation", "ltd", "llc", "plc", "gmbh", "ag", "sa", "co", "company",
    "group", "holdings", "productions", "records", "studios", "institute", "university",
    "foundation", "association", "agency", "bank", "council", "committee", "commission",
    "authority", "ministry", "department", "federation", "union", "party", "fund", "trust",
    "society", "partners", "capital", "equities", "securities", "technologies", "systems",
    "labs", "laboratories", "network", "media", "times", "post", "journal", "club", "fc",
    # German and French ("Max-Planck-Institut", "Universität Wien", "Fondation Abbé Pierre")
    "institut", "universität", "hochschule", "stiftung", "gesellschaft", "verband", "verein",
    "ministerium", "klinik", "klinikum", "zentrum", "université", "fondation", "ministère",
    "société", "banque", "groupe", "conseil", "comité", "agence", "centre",
})
# fmt: on
_INTRODUCE = ("first-name", "title", "apposition", "shortened")  # names later ones shorten
# fmt: off
_STYLES = frozenset({
    "prince", "princess", "king", "queen", "pope", "duke", "duchess", "emperor", "empress",
    "sheikh", "lord", "lady",
})  # a title that belongs to the name of one known by a single name ("Prince Harald")
# fmt: on
_ARTICLES = frozenset({"Le", "La", "Les", "Der", "Die", "Das"})  # open no person's name
_ARTICLE_PARTICLES = frozenset({"der", "den", "dem", "das"})  # "van der", "von dem"
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "rev"})
_LONGEST = 4  # words in a name
_RUNS_REMEMBERED = 1 << 14  # readings of runs kept per gazetteer (see _name)
_UNREAD = (-1, -1, "unread")  # no reading of a run yet (None is one: it names nobody)
_TEXT = itemgetter(2)  # a Word's text
_INITIAL = re.compile(r"\.\s?")
_AN_INITIAL = re.compile(r"\w\.?")
_OBJECT = re.compile(r"\b(?:from|of|in|at|for|by|to)\s+$")  # no subject: "from Vermont said"
# a German preposition: no subject after it ("aus Liebe schreibt"); not "von", "zu" (particles
# of names), nor "laut" ("laut Müller": the source)
_GERMAN_OBJECT = re.compile(
    r"(?<![\w-])(?:aus|mit|nach|bei|beim|seit|gegen|ohne|durch|für|über|unter|wegen|trotz|"
    r"während|zwischen|neben|hinter|im|am|vom)[ \t]+$"
)
_DATELINE = re.compile(r"(?:\)|\b[A-Z]{2,})\s*[—–]\s*$")  # "(AP) —", "LONDON —": a sentence opens
_JOIN = frozenset(" -‐")  # the one character between two words of a name
_ELISION = frozenset("'’")  # between a one-letter prefix and the rest of a surname
_PARTING = re.compile("[-'’]")  # what parts the words of a name, as a space does
# a nickname in quotation marks between two words of a name: "Daniela „Danni“ Büchner"
_NICKNAME = re.compile(r" [„“\"»«‚‘]\w+[“”\"«»‘’] ")
_GERMAN = 4.5  # a word this frequent in German (Zipf scale) ...
_GERMAN_ONLY = 2.5  # ... and this much rarer in English is a German word: "Vor", "Wegen"
# a German verb with its subject after it, an article or a pronoun: the word before it
# that opens the sentence is an adverb, no speaker ("Konkret fragte die FPÖ", "Dazu sagte er")
_INVERTED_SUBJECT = re.compile(r"[ \t]+[^\W\d_]+[ \t]+(?:der|die|das|er|sie|man)[ \t]")
# a German verb and a pronoun that is only ever a subject: the word before is none, wherever
# it stands ("voller Emphase rief er aus")
_PRONOUN_SUBJECT = re.compile(r"[ \t]+[^\W\d_]+[ \t]+(?:er|man)[ \t,:]")
# a German article, no comma before it (", den Speke ...": a relative pronoun, a subject
# after it), not "des" ("des Novalis"): the capitalised word after it is a noun ("die Liebe")
_AFTER_ARTICLE = re.compile(
    r"(?<![\w,-])(?<!, )(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em)[ \t]+(\w+)(?![\w'’=-])"
)
_GERMAN_FUNCTION = 6.0  # a word this frequent in German, and rarer in English: "Im", "Am"
# a German number word, or a compound of them: "Elf", "Zehntausend", "Zweihundert"
_NUMBER = re.compile(
    "(?:ein|zwei|drei|vier|fünf|sechs|sieb|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|zig|"
    "hundert|tausend|und)+(?:en|e|s)?"
)
# fmt: off
_NOT_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "agency", "ministry", "forces", "army", "navy", "corps", "council",
    "committee", "office", "department", "government", "republic", "kingdom", "union",
    "party", "court", "bank", "university", "college", "school", "institute", "company",
    "group", "news", "press", "tv", "radio", "state", "states", "province", "county",
    "district", "street", "avenue", "road", "square", "airport", "base", "operation", "city",
    "center", "centre", "hospital", "foundation", "association", "club", "team", "league",
    "inc", "corp", "ltd", "llc", "co", "times", "post", "journal", "daily", "house", "senate",
    "congress", "parliament", "church", "museum", "park", "river", "lake", "island", "bay",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "new",
    "world", "national", "international", "federal", "american", "god", "christmas", "easter",
    "covid", "coronavirus", "internet", "facebook", "twitter", "google", "apple", "amazon",
    "microsoft", "netflix", "youtube", "instagram", "tiktok", "york", "london", "america",
    "india", "china", "king", "young", "art", "major", "son", "chance", "summer", "price",
    "i", "agreement", "accord", "treaty", "convention", "protocol", "declaration",
})
# fmt: on
# "i": the pronoun, which a speech verb follows ("When I say"), is no name; "agreement" and
# the words after it end a document's name ("Paris Agreement"), no person's
_SURNAMES_TOO = frozenset({"york", "london", "young", "price", "summer", "chance"})
# words of _NOT_NAMES that end a name right after a first name ("Kate York", "Jack London")


@dataclass(frozen=True)
class Person:
    """Who a mention stands for: a registry entity, or a name the document gives in full."""

    entity_id: str
    name: str


@dataclass(frozen=True)
class Named:
    """A person's name found in the text: its span, the full name, and the rule."""

    start: int
    end: int
    name: str
    method: str
    type: str = "person"


@cache
def _detector() -> Callable[[str], str]:
    import gender_guesser.detector

    detector = gender_guesser.detector.Detector(case_sensitive=False)
    gc.freeze()  # see _zipf
    return detector.get_gender


@cache
def _zipf() -> Callable[[str], float]:
    """``wordfreq.zipf_frequency`` in English; a word of ASCII letters that its word list
    lacks is 0 without a call (wordfreq reads such a word as itself: most names)."""
    from wordfreq import get_frequency_dict, zipf_frequency

    listed = get_frequency_dict("en")
    gc.freeze()  # the lists, loaded for good, are no work for the garbage collector

    def zipf(word: str) -> float:
        if word.isascii() and word.isalpha() and word not in listed:
            return 0.0
        return zipf_frequency(word, "en")

    return zipf


@cache
def _nameparser() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Titles, particles and suffixes of names (nameparser's lists), lower case, no dots."""
    from nameparser.config import CONSTANTS

    return (
        frozenset(t.replace(".", "") for t in CONSTANTS.titles),
        frozenset(p for p in CONSTANTS.prefixes if p.isalpha()),
        frozenset(s.replace(".", "") for s in CONSTANTS.suffix_not_acronyms),
    )


def _frequency(word: str) -> float:
    """How common a word is in English (Zipf scale, 0 for unknown words), in lower case."""
    return _zipf()(word.lower())


def _first_name(word: str) -> bool:
    """Whether ``word`` is a known first name and not a common word; a word in lower case is
    a particle ("de" of "Chef de Mission Dirk Schimmelpfennig", "van"), never a first name."""
    return (
        word[:1].isupper()
        and word.lower() not in _NOT_NAMES
        and _detector()(word) != "unknown"
        and frequency(word) < _COMMON
    )


@cache
def _zipf_de() -> Callable[[str], float]:
    """``wordfreq.zipf_frequency`` in German, its word list loaded and frozen like
    :func:`_zipf`'s: about 300,000 strings in lists that each full collection would walk."""
    from wordfreq import get_frequency_dict, zipf_frequency

    get_frequency_dict("de")
    gc.freeze()
    return partial(zipf_frequency, lang="de")


def _frequency_de(word: str) -> float:
    """How common a word is in German (Zipf scale), in lower case."""
    return _zipf_de()(word.lower())


def _german_word(word: str) -> bool:
    """Whether a word is common in German and far rarer in English ("vor", "wegen", "tage";
    not "Merkel", "Hans")."""
    zipf = frequency_de(word)
    return zipf >= _GERMAN and zipf - _frequency(word) >= _GERMAN_ONLY


def _german_function(word: str) -> bool:
    """Whether a word is among the commonest of German and more common there than in
    English: a function word ("im", "am"), no name."""
    zipf = frequency_de(word)
    return zipf >= _GERMAN_FUNCTION and zipf > _frequency(word)


frequency: Callable[[str], float] = WordCache(_frequency, 1 << 16).__getitem__
frequency_de: Callable[[str], float] = WordCache(_frequency_de, 1 << 14).__getitem__
german_word: Callable[[str], bool] = WordCache(_german_word, 1 << 14).__getitem__
german_function: Callable[[str], bool] = WordCache(_german_function, 1 << 12).__getitem__
first_name: Callable[[str], bool] = WordCache(_first_name, 1 << 16).__getitem__


@lru_cache(maxsize=1 << 12)
def gender(name: str) -> str:
    """``male``, ``female`` or ``""`` (unknown), from the first word of a full name."""
    words = name.split()
    if len(words) < 2:
        return ""
    found = _detector()(words[0])
    if found == "unknown" and "-" in words[0]:  # "Marie-Agnes", "Hans-Peter": its first name's
        found = _detector()(words[0].split("-", 1)[0])
    return {"male": "male", "female": "female"}.get(found, "")


@lru_cache(maxsize=1 << 12)
def leaning(name: str) -> str:
    """``male`` or ``female`` where a full name's first word is only mostly that gender
    ("Charlie", "Mary"), else ``""``."""
    words = name.split()
    found = _detector()(words[0]) if len(words) > 1 else ""
    return {"mostly_male": "male", "mostly_female": "female"}.get(found, "")


def given_gender(word: str) -> str:
    """``male``, ``female`` or ``""`` (unknown) of a first name alone ("Denis", "Antoine")."""
    return gender(f"{word} -") if first_name(word) else ""


def is_title(word: Word, gazetteer: Gazetteer) -> bool:
    """Whether a word is a title or an honorific ("Mayor", "Dr", "Minister")."""
    if word.key in _GLUE:
        return False  # "of the" joins the words of a title, but is none
    return word.key in gazetteer.title_words or title_word(word.text)


def _title_word(word: str) -> bool:
    """Whether nameparser lists ``word`` as a title ("coach", "Sen", "CEO"), pronouns aside."""
    low = word.lower()
    if low in _ABBREVIATED:
        return True
    return low in _nameparser()[0] and low not in _PRONOUNS and frequency(low) < _COMMON


title_word: Callable[[str], bool] = WordCache(_title_word, 1 << 14).__getitem__


def find(
    text: str,
    words: Sequence[Sequence[Word]],
    headlines: Sequence[bool],
    gazetteer: Gazetteer,
    taken: Callable[[int, int], bool],
    speech_after: Callable[[int], bool],
    speech_before: Callable[[int], bool],
) -> list[Named]:
    """The people named in the words of each paragraph ``words``, in text order.

    ``headlines`` tells which paragraphs are headlines (title case: every word is read
    as if it opened a sentence), ``taken`` the spans already named by the gazetteer, and
    ``speech_after`` and ``speech_before`` whether a speech verb follows or precedes a
    position.
    """
    runs = [
        (run, headline, ws[0].start)
        for ws, headline in zip(words, headlines, strict=True)
        for run in _runs(text, ws)
    ]
    found: list[tuple[list[Word], str]] = []
    orgs: list[Named] = []
    for run, headline, floor in runs:
        end = run[-1].end
        if len(run) == 1:
            if not _LONE_PROPER[run[0].text]:
                continue  # not even mid-sentence a name: read below, as a shortened name
            if not _LONE_COMMON[run[0].text] and (headline or _opens(text, run[0].start, floor)):
                continue  # a lone word is a name only next to a verb, or if it shortens one
            start = run[0].start
            if taken(start, end):
                continue  # the gazetteer's: whatever a rule read would be dropped below
            subject = (
                speech_after(end)
                and not _OBJECT.search(text, max(0, start - 6), start)
                and not _GERMAN_OBJECT.search(text, max(0, start - 10), start)
            )
            if not (subject or speech_before(start)):
                continue  # read below, as a shortened name ("The senator from Vermont said")
            initial = _opens(text, run[0].start, floor)
            if initial and _INVERTED_SUBJECT.match(text, end):
                continue  # "Konkret fragte die FPÖ ab": the verb second, its subject after it
            if _PRONOUN_SUBJECT.match(text, end):
                continue  # "voller Emphase rief er aus": the pronoun is the subject
            cue = _said
        elif all(taken(w.start, w.end) for w in run):
            continue  # the gazetteer names every word: a name or organisation read is dropped
        else:  # asked only if the other rules read no name
            initial = _opens(text, run[0].start, floor)
            cue = partial(_either, speech_after, end, speech_before, run[0].start)
        organisation = _organisation(run, headline or initial)
        if organisation:
            if not taken(organisation[0].start, organisation[-1].end):
                written = _written(text, organisation)
                orgs.append(Named(organisation[0].start, end, written, _ORG_METHOD, "organization"))
            continue
        named = _name(run, gazetteer, cue, text[end : end + 80], headline, initial)
        if named and not taken(named[0][0].start, named[0][-1].end):
            if len(named[0]) == 1 and after_article(text, named[0][0].text):
                continue  # a noun the text puts after an article: "die Liebe"
            found.append(named)
    found += _shortened(text, runs, found, gazetteer, taken)
    found.sort(key=lambda named: named[0][0].start)
    names = [_nominative(text, _written(text, ws)) for ws, _ in found]  # as the text writes it
    full = _FullNames(
        [
            (ws[0].start, name)
            for (ws, m), name in zip(found, names, strict=True)
            if m in _INTRODUCE or len(ws) > 1
        ]
    )
    people = []
    for (ws, method), name in zip(found, names, strict=True):
        resolved = full.nearest(ws, ws[0].start)  # "Hawk Sawyer" of "Kathleen Hawk Sawyer"
        if method == "first-name" and _words(resolved) <= len(ws):
            resolved = ""
        if resolved or method != "surname":
            written = resolved or name
            people.append(Named(ws[0].start, ws[-1].end, written, f"candidate:{method}"))
    starts, ends = [p.start for p in people], [p.end for p in people]  # in order, apart
    for run, _, _ in runs:  # surnames and first names alone, inside longer runs too
        for w in _elided(text, run):
            if not full.has(w) or taken(w.start, w.end) or _placed(run, w):
                continue
            n = bisect_right(starts, w.start) - 1
            if n >= 0 and ends[n] > w.start:
                continue  # part of a name found above
            resolved = full.nearest([w], w.start)
            if resolved and (not is_title(w, gazetteer) or _surname_alone(run, w, resolved)):
                people.append(Named(w.start, w.end, resolved, "candidate:surname"))
    return sorted([*people, *orgs], key=lambda p: p.start)


def _nominative(text: str, name: str) -> str:
    """A full name less a German genitive "-s" ("Friedrich Hebbels" → "Friedrich Hebbel")
    where the text names the person by the surname without it alone ("Hebbel schreibt") and
    puts the "-s" form before a noun ("Hebbels Brief"): German, not "Serena Williams"."""
    parts = name.rsplit(" ", 1)
    if len(parts) < 2 or not parts[1].endswith("s") or len(parts[1]) < 4:
        return name
    base = parts[1][:-1]
    alone = re.search(r"(?<![\w-])" + re.escape(base) + r"(?![\w'’-])", text)
    before_noun = re.search(r"(?<![\w-])" + re.escape(parts[1]) + r"[ \t]+[A-ZÄÖÜ][a-zäöüß]", text)
    return f"{parts[0]} {base}" if alone and before_noun else name


def after_article(text: str, word: str) -> bool:
    """Whether the text puts ``word``, written as a noun is, right after a German definite
    article anywhere: a noun ("die Liebe"), no person's name (an acronym may be one: "die
    NASA")."""
    return word[1:].islower() and word in _after_articles(text)


@lru_cache(maxsize=4)
def _after_articles(text: str) -> frozenset[str]:
    """The words a text puts right after a German definite article (one document's, read
    once: the quotes step asks again of the same text)."""
    return frozenset(_AFTER_ARTICLE.findall(text))


def _elided(text: str, run: list[Word]) -> list[Word]:
    """The words of a run, a one-letter prefix and its elision joined to the rest of the
    surname ("O'Malley", "D’Souza"): one word, a surname alone."""
    if len(run) < 2 or not any(len(w.text) == 1 for w in run[:-1]):
        return run
    joined: list[Word] = []
    for w in run:
        a = joined[-1] if joined else None
        if a and len(a.text) == 1 and text[a.end : w.start] in _ELISION:
            whole = text[a.start : w.end]
            joined[-1] = Word(a.start, w.end, whole, a.key + "'" + w.key)
        else:
            joined.append(w)
    return joined


def _placed(run: Sequence[Word], w: Word) -> bool:
    """Whether a word that shortens a full name only as its surname ("York" of "Kate York") is
    part of a longer run that names no person ("New York")."""
    return len(run) > 1 and w.key in _SURNAMES_TOO


def _surname_alone(run: Sequence[Word], w: Word, name: str) -> bool:
    """Whether a title word alone is the surname of the full name it shortens: it ends that
    name ("Doctor" of "Ken Doctor") and stands alone ("Doctor said", not "Doctor Ken")."""
    return len(run) == 1 and name.casefold().endswith(" " + w.text.casefold())


def _shortened(
    text: str,
    runs: Sequence[tuple[list[Word], bool, int]],
    found: Sequence[tuple[list[Word], str]],
    gazetteer: Gazetteer,
    taken: Callable[[int, int], bool],
) -> list[tuple[list[Word], str]]:
    """Names no rule read that a speech verb later shortens: two or three uncommon words
    ending a run ("volcanologist Zorelle Quintanar") whose last word a verb names alone
    ("Quintanar said")."""
    lone = {ws[0].text.casefold() for ws, m in found if m == "cue" and len(ws) == 1}
    named = {w.start for ws, _ in found for w in ws}
    more: list[tuple[list[Word], str]] = []
    for run, headline, _ in runs:
        if headline or len(run) < 2 or run[-1].text.casefold() not in lone:
            continue
        n = len(run)
        while n > 0 and len(run) - n < 3 and _rare(run[n - 1].text, _UNCOMMON):
            if is_title(run[n - 1], gazetteer):
                break
            n -= 1
        tail = run[n:]
        if (
            len(tail) >= 2
            and not any(w.start in named for w in tail)
            and not taken(tail[0].start, tail[-1].end)
        ):
            more.append((tail, "shortened"))
    return more


def _said() -> bool:
    return True


def _either(
    after: Callable[[int], bool], end: int, before: Callable[[int], bool], start: int
) -> bool:
    """Whether a speech verb follows ``end`` or precedes ``start``."""
    return after(end) or before(start)


def _organisation(run: list[Word], initial: bool) -> list[Word]:
    """The organisation a run names, by the word that ends it ("Ceres Robotics Inc",
    "Dick Clark Productions"); empty if none."""
    if run[-1].text.lower() not in _ORGANISATIONS:
        return []
    while initial and run and (frequency(run[0].text) >= _COMMON or run[0].text in _ARTICLES):
        run, initial = run[1:], False  # "The", "But", "Das"
    return run if len(run) >= 2 else []


def _opens(text: str, start: int, floor: int) -> bool:
    """Whether the word at ``start`` opens a sentence (or the paragraph at ``floor``)."""
    before = text[max(floor, start - 8) : start].rstrip(" \t\n\"'“‘«(—–-")
    if (start - floor < 8 and not before) or (bool(before) and before[-1] in ".!?:;|•"):
        return True
    near = text[max(floor, start - 3) : start]
    dash = "—" in near or "–" in near
    return dash and _DATELINE.search(text, max(floor, start - 12), start) is not None


def _written(text: str, ws: Sequence[Word]) -> str:
    """The words as written, less a nickname in quotation marks ("Daniela Büchner")."""
    return " ".join(_NICKNAME.sub(" ", text[ws[0].start : ws[-1].end]).split())


def _runs(text: str, ws: Sequence[Word]) -> list[list[Word]]:
    """Runs of capitalised words joined by a space, a hyphen, an initial's stop or a particle."""
    particles = _nameparser()[1]
    runs: list[list[Word]] = []
    last = -2  # the index of the latest word in a run
    for n in [n for n, t in enumerate(map(_TEXT, ws)) if t[0].isupper() or t in particles]:
        w = ws[n]
        if w.text[0].isupper():
            if w.text.isupper() and len(w.text) > 1:
                continue  # an acronym: "NASA", "CEO"
            if last == n - 1 and _nickname(text, ws, n):
                last = n  # skipped: the words around it join ("Daniela „Danni“ Büchner")
                continue
        elif (
            last != n - 1
            or not _before_capital(text, ws, n, particles)
            or not _particle_joins(ws, n, particles)
        ):
            continue  # a particle inside a name leads to a capitalised word: "van der Berg"
        if last == n - 1 and _joins(text, runs[-1][-1], w):
            runs[-1].append(w)
        else:
            runs.append([w])
        hyphen = w.text[0].isupper() and text.startswith("-", w.end)
        parts = _hyphen_parts(text, ws, n) if hyphen else []
        runs[-1] += parts  # "Cheuk Hau-yip", "Lee Jae-myung"
        last = n + len(parts)
    return runs


def _particle_joins(ws: Sequence[Word], n: int, particles: frozenset[str]) -> bool:
    """Whether the particle ``ws[n]`` may be inside a name: German "vom" and "auf" never are
    ("Honisch vom Finanzblog"), an article ("der", "den", "dem", "das") only after another
    particle ("van der Berg", not "Jansen der HSV"), and that particle only after a first
    name ("Ursula von der Leyen", not "Gunnar Maaß von der Arbeitsgemeinschaft")."""
    word = ws[n].text
    if word in ("vom", "auf"):
        return False
    if word in _ARTICLE_PARTICLES:
        return ws[n - 1].text.lower() in particles  # "Van der Bellen" too
    after = ws[n + 1].text if n + 1 < len(ws) else ""
    return after not in _ARTICLE_PARTICLES or _first_name(ws[n - 1].text)


def _hyphen_parts(text: str, ws: Sequence[Word], n: int) -> list[Word]:
    """The lower-case words after ``ws[n]`` that a hyphen joins to it and that are no common
    English words ("yip" of "Hau-yip", "myung" of "Jae-myung"; not "based", "led", "era")."""
    parts: list[Word] = []
    for k in range(n + 1, len(ws)):
        a, b = ws[k - 1], ws[k]
        if text[a.end : b.start] != "-" or not b.text.islower() or frequency(b.text) >= _RARE:
            break
        parts.append(b)
    return parts


def _before_capital(text: str, ws: Sequence[Word], n: int, particles: frozenset[str]) -> bool:
    """Whether the particle ``ws[n]`` leads, over more particles, to a capitalised word."""
    for a, b in zip(ws[n:], ws[n + 1 : n + 4], strict=False):
        if text[a.end : b.start] not in _JOIN:
            return False
        if b.text[0].isupper():
            return True
        if b.text not in particles:
            return False
    return False


def _nickname(text: str, ws: Sequence[Word], n: int) -> bool:
    """Whether ``ws[n]`` is a nickname in quotation marks between two capitalised words of a
    name ("Danni" of "Daniela „Danni“ Büchner")."""
    if n + 1 >= len(ws) or not ws[n + 1].text[0].isupper():
        return False
    return _NICKNAME.fullmatch(text[ws[n - 1].end : ws[n + 1].start]) is not None


def _joins(text: str, a: Word, b: Word) -> bool:
    gap = text[a.end : b.start]
    if gap in _JOIN or _NICKNAME.fullmatch(gap) or (len(a.text) == 1 and gap in _ELISION):
        return True  # an elided one-letter prefix joins too: "O'Neill", "D’Souza"
    return _abbreviated(a.text) and _INITIAL.fullmatch(gap) is not None  # "J. K.", "Mr. Trump"


def _abbreviated(word: str) -> bool:
    """Whether a word before a full stop is an initial, or a title or suffix nameparser lists
    ("Mr.", "Sen.", "Jr."): a name goes on after it; after "Li." a sentence opens."""
    if len(word) == 1:
        return True
    low = word.lower()
    return low in _ABBREVIATED or low in _nameparser()[0] or low in _nameparser()[2]


def _name(
    run: list[Word],
    gazetteer: Gazetteer,
    cue: Callable[[], bool],
    after: str,
    headline: bool,
    initial: bool,
) -> tuple[list[Word], str] | None:
    """The name in a run of capitalised words, and the rule that read it.

    ``cue()``: whether a speech verb stands next to the run; ``after``: the text right after it
    (for an apposition: ", who", ", a professor"); ``headline``: the run is in a headline
    (title case); ``initial``: the run opens a sentence, so its first word may be
    capitalised only for that ("To LeBron James"). Elsewhere a capitalised word is a
    proper noun, whatever its frequency. What the words alone say (:func:`_reading`) is
    remembered per process, as a corpus repeats its runs ("Prime Minister Keir Starmer").
    """
    readings = _readings(gazetteer)
    key = (*map(_TEXT, run), headline, initial)
    reading = readings.get(key, _UNREAD)
    if reading is _UNREAD:
        if len(readings) >= _RUNS_REMEMBERED:
            readings.clear()
        reading = readings[key] = _reading(run, gazetteer, headline, initial)
    if reading is None:
        return None
    first, last, rule = reading
    name = run[first:last]
    if rule:
        return name, rule
    if len(name) > 1 and _APPOSITION.match(after) and _titled(after, gazetteer):
        return name, "apposition"
    if cue():
        return name, "cue"
    return (name, "surname") if len(name) == 1 else None


@lru_cache(maxsize=4)
def _readings(gazetteer: Gazetteer) -> dict[tuple[str | bool, ...], tuple[int, int, str] | None]:
    """The readings of the runs seen so far, by their words, ``headline`` and ``initial``."""
    return {}


def _reading(
    run: Sequence[Word], gazetteer: Gazetteer, headline: bool, initial: bool
) -> tuple[int, int, str] | None:
    """What a run's words alone say of the name in it (see :func:`_name`): the name's words
    ``run[first:last]`` and its rule, ``""`` where the text around the run decides (an
    apposition, a speech verb, or a lone surname); None if they name nobody."""
    initial = initial or headline
    skip = 0  # the words dropped from the run's start
    while initial and skip < len(run) and _sentence_word(run[skip], gazetteer):
        skip, initial = skip + 1, headline  # "To", "But", "When", "Vor"; not "Mr."
    run = run[skip:]
    if run and _NUMBER.fullmatch(run[0].text.lower()):
        return None  # "Elf Tage", "Zehntausend Zuhörern": a quantity, no person
    articles = next((n for n, w in enumerate(run) if w.text not in _ARTICLES), len(run))
    if articles:  # "Le Brexit", "La La Land": no first name
        run, skip = run[articles:], skip + articles
        if len(run) < 2:
            return None  # a noun after its article ("Der Vorstandschef"): a description
    if not run or run[0].text == "The":
        return None  # "told The Hill": a newspaper's or a work's title, no person
    titles = [n for n, w in enumerate(run) if _run_title(w, gazetteer) and not _surname(run, n)]
    after_title = titles[-1] + 1 if titles else 0
    proper = not headline and (not initial or after_title > 0)
    for n in range(after_title, len(run)):
        if first_name(run[n].text):
            n -= _given_last(run, n, after_title)  # "Cheuk Hau-yip": the surname first
            name = _longest(_stop(run[n:], gazetteer, proper or n > 0))
            if len(name) >= 2:
                return skip + n, skip + n + len(name), "first-name"
            break
    rest = _stop(run[after_title:], gazetteer, proper)
    if not rest or len(rest) != len(run) - after_title or len(rest) > 3:
        return None
    whole = skip + after_title, skip + len(run)  # rest is run[after_title:]
    if (
        len(rest) > 1
        and all(first_name(w.text) or _rare(w.text, _RARE) for w in rest)
        and any(first_name(w.text) for w in rest)
    ):
        return *whole, "first-name"  # "Ilhan Omar", "LeBron James"
    honorific = titles and run[titles[-1]].text.lower() in _HONORIFICS
    if honorific:
        return *whole, "title"
    alone = len(rest) == 1 and not titles
    most = _LONE if alone else _RARE if titles else _UNCOMMON
    if not all(_rare(w.text, 99.0 if proper or k else most) for k, w in enumerate(rest)):
        return None
    if titles:
        styled = len(rest) == 1 and run[titles[-1]].text.lower() in _STYLES
        return (skip + titles[-1] if styled else whole[0]), whole[1], "title"  # "Prince Harald"
    return *whole, ""


def _run_title(w: Word, gazetteer: Gazetteer) -> bool:
    """Whether a word of a run of capitalised words is a title: a particle never is, in lower
    case or capitalised ("de" of "Bill de Blasio", "De" of "Antonio De Iesu", though French
    titles hold it)."""
    return not w.text.islower() and w.key not in _nameparser()[1] and is_title(w, gazetteer)


def _sentence_word(w: Word, gazetteer: Gazetteer) -> bool:
    """Whether a word opening a sentence is capitalised only for that: common in English ("To",
    "But") or a German word ("Vor", "Wegen", "Im"; an article is read below), and neither a
    first name nor a title ("Mr.")."""
    common = frequency(w.text) >= _COMMON or (
        w.text not in _ARTICLES and (german_word(w.text) or german_function(w.text))
    )
    return common and not _kept_first(w, gazetteer)


def _kept_first(w: Word, gazetteer: Gazetteer) -> bool:
    """Whether a common word opening a sentence still opens the run: a first name that is no
    German function word ("Im Vergleich zu ...", though "Im" is a Korean name), or an
    honorific or title ("Mr. Ruano last week said", "President Biden")."""
    return (first_name(w.text) and not german_function(w.text)) or is_title(w, gazetteer)


def _surname(run: Sequence[Word], n: int) -> bool:
    """Whether the title word ``run[n]`` is a surname: it ends the run right after a first
    name ("Ken Doctor", "John Judge"), where no title stands."""
    return 0 < n == len(run) - 1 and first_name(run[n - 1].text)


def _given_last(run: Sequence[Word], n: int, floor: int) -> int:
    """1 if the first name ``run[n]`` is a hyphenated given name after a family name ("Hau" of
    "Cheuk Hau-yip": a lower-case part follows it), so the name starts a word earlier; else 0."""
    after = run[n + 1].text if n + 1 < len(run) else ""
    return int(n > floor and after.islower() and after not in _nameparser()[1])


def _rare(word: str, most: float) -> bool:
    """Whether a word is rarer than ``most`` and no plural of a common word ("Analysts")."""
    if word.lower() in _NOT_NAMES or frequency(word) >= most:
        return False
    return not (word.endswith("s") and frequency(word[:-1]) >= _LONE)


# Whether a word alone may be a name (the cue rule's test, less the verb): capitalised
# mid-sentence, or (rarer) where a sentence or a headline word may have capitalised it.
_LONE_PROPER = WordCache(partial(_rare, most=99.0), 1 << 14)
_LONE_COMMON = WordCache(partial(_rare, most=_LONE), 1 << 14)


def _titled(after: str, gazetteer: Gazetteer) -> bool:
    """Whether an apposition says who a person is: ", who ...", ", a senior fellow at ...",
    ", CEO of ..." (a title among its first words, before any other punctuation), ", an
    analyst with ..." ("a" or "an" and a noun in -ist, -yst, -ian, -man among the next three
    words)."""
    phrase = _APPOSED.match(after)
    if phrase is None:
        return False
    if _AGE.fullmatch(phrase.group(1)):
        return True  # "Yevhen Zosin, 74, a Kyiv resident"
    ws = gazetteer.words(phrase.group(1))[:_APPOSED_WORDS]
    if ws and ws[0].text in ("a", "an") and any(w.key.endswith(_A_PERSON) for w in ws[1:4]):
        return True  # ", an analyst with ...", ", a research economist at ..."
    return bool(ws) and (ws[0].text == "who" or any(is_title(w, gazetteer) for w in ws))


def _longest(ws: list[Word]) -> list[Word]:
    """At most ``_LONGEST`` words of a name, particles ("van der") not counted."""
    particles, count = _nameparser()[1], 0
    for n, w in enumerate(ws):
        count += w.text not in particles
        if count > _LONGEST:
            return ws[:n]
    return ws


def _stop(ws: Sequence[Word], gazetteer: Gazetteer, proper: bool) -> list[Word]:
    """``ws`` up to the first word that cannot be part of a person's name; unless the words
    are ``proper`` (capitalised mid-sentence), a common word ends it too."""
    suffixes = _nameparser()[2]
    kept: list[Word] = []
    for n, w in enumerate(ws):
        low = w.text.lower()
        if (
            n == len(ws) - 1
            and _surname(ws, n)
            and (is_title(w, gazetteer) or low in _SURNAMES_TOO)
        ):
            kept.append(w)  # "Ken Doctor", "Gayle King", "Kate York"
            continue
        if low in _NOT_NAMES or w.key in gazetteer.demonyms or _run_title(w, gazetteer):
            break
        if kept and not proper and frequency(w.text) >= _COMMON and len(w.text) > 1:
            break  # "Mark Knows Nothing": a common word ends the name, an initial not ("A.")
        kept.append(w)
        if low in suffixes and len(kept) > 1:
            break
    return kept


def _words(name: str) -> int:
    """How many words a name has, a hyphen or an elision parting them ("Raquel Montoya-Lewis",
    "James O’Neill": three)."""
    return len(_PARTING.sub(" ", name).split())


@lru_cache(maxsize=1 << 12)
def _uninitialled(name: str) -> tuple[str, ...]:
    """The words of a name, case-folded, less its initials ("Michael R. Bloomberg")."""
    return tuple(w for w in name.casefold().split() if not _AN_INITIAL.fullmatch(w))


def _with_initials(full: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The full names, each as its longest form with middle initials: "Michael Bloomberg"
    and "Michael R. Bloomberg" are one person, "Michael R. Bloomberg"."""
    longest: dict[tuple[str, ...], str] = {}
    for _, name in full:
        key = _uninitialled(name)
        if len(name.split()) > len(longest.get(key, "").split()):
            longest[key] = name
    lengthened = [(name, longest[_uninitialled(name)]) for _, name in full]
    return [
        (start, long if len(long.split()) > len(name.split()) else name)
        for (start, _), (name, long) in zip(full, lengthened, strict=True)
    ]


class _FullNames:
    """The full names of a document, for a surname or a first name to find its person."""

    def __init__(self, full: Sequence[tuple[int, str]]) -> None:
        self._by_part: dict[str, list[tuple[int, str]]] = {}
        suffixes = _nameparser()[2]
        full = _with_initials(full)
        for start, name in full:
            parts = [p.casefold() for p in name.split() if p.lower().strip(".") not in suffixes]
            if not parts:
                continue
            keys = {parts[0], *(" ".join(parts[n:]) for n in range(1, len(parts)))}
            keys |= {p for p in parts[-1].split("-")}  # "Ngo-Anh" of "Jennifer Ngo-Anh"
            if "-" in name:
                keys |= {key.replace("-", " ") for key in keys}  # as words: "Montoya Lewis"
            if _ELISION & set(name):  # as words: "O Neill" of "James O’Neill"
                keys |= {re.sub("['’]", " ", key) for key in keys}
            if "." in name:
                keys.add(" ".join(_uninitialled(name)))  # "Michael Bloomberg" of "Michael R. ..."
            for key in keys:
                self._by_part.setdefault(key, []).append((start, name))
        for key, places in self._by_part.items():  # "Volker" of "Ambassador Volker" shortens
            size = _words(key)  # nothing when "Kurt Volker" is named too
            longer = [(start, name) for start, name in places if _words(name) > size]
            if longer:  # nor does "De Miranda" when it ends "Luis de Miranda"
                self._by_part[key] = [p for p in longer if not self._surname(p[1])] or longer

    def _surname(self, name: str) -> bool:
        """Whether a name that opens with a particle ("De Miranda", read as a first name and a
        surname) is the surname of a longer full name ("Luis de Miranda")."""
        if name.split()[0].casefold() not in _nameparser()[1]:
            return False
        size = _words(name)
        return any(_words(other) > size for _, other in self._by_part.get(name.casefold(), []))

    def has(self, w: Word) -> bool:
        """Whether the word may shorten a full name of the document."""
        return w.text.casefold() in self._by_part

    def nearest(self, ws: Sequence[Word], at: int) -> str:
        """The full name that the words ``ws`` (a surname or first name) shorten, if any.

        The one named nearest before ``at``, else the first one after it.
        """
        places = self._by_part.get(" ".join(w.text.casefold() for w in ws), [])
        if not places:
            return ""
        n = bisect_left(places, (at, ""))
        return places[n - 1][1] if n else places[0][1]
