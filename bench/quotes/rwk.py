"""Corpus REDEWIEDERGABE's direct speech read as the benchmark's gold quotations.

REDEWIEDERGABE (Brunner et al., LREC 2020; ``https://github.com/redewiedergabe/corpus``,
CC BY-NC-SA 4.0) annotates speech, thought and writing representation in German texts of
1840-1919. Only its non-fictional samples (``fictional`` ``no`` in ``metadata.tsv``: the
magazine *Die Grenzboten* and the MKHZ newspapers) are read, from ``data/main/tsv/``, one
token a row. The rules (also in ``bench/quotes/README.md``):

- The text is the tokens joined by :func:`detokenise`; the format has no paragraphs, so a
  sample is one paragraph, and a footnote (``note``) a line of its own.
- Every pair of double quotation marks (or chevrons) whose inner words lie for the most
  part in one ``direct`` STWR instance is a gold quotation (the words between the marks):
  required when its closing mark closes it, it stands as its own clause or sentences (no
  token before the opening mark, or one with no word character: ``:``, ``,``, ``.``, a
  dash, a bracket, a closing mark) and the instance's medium has speech or writing;
  optional (``partial``) when it is woven into the reporter's sentence (a word right before
  the opening mark: ``der „offenherzige Plebejer"``), when no mark closes it (the sample
  cut it, or it goes on in a paragraph the format lost: ``„A „B „C“``), or when the medium
  is thought only. A pair inside another pair is no quotation (nested). A run of a direct
  instance's tokens with no such pair in it (direct speech without marks, or in single
  marks only) is an optional quotation.
- The speaker is the instance's ``speaker`` tokens (its ids are the STWR ids it belongs
  to): their text is the mention, their spans the ``sources``, and the stretch from their
  first to their last proper noun the speaker's name (none without one). A proper noun is a
  capitalised token either tagger of the format tags as one (``pos`` ``NE``, ``rfpos``
  ``N.Name...``), less the titles of :data:`TITLES` ("Abg.", "Graf": tagged so at times).

Nothing is committed: every run reads the user's checkout at commit ``45abfcf5``, refused
when the files read differ (:data:`DIGESTS`). A sample is in ``rwk-dev`` when the first
byte of ``sha256("redewiedergabe:<sample>")`` is below :data:`DEV_BELOW`, else in the blind
``rwk-test``.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.quotes.gold import GoldQuote, Page, files_digest

SPLITS = ("rwk-dev", "rwk-test")
DEV_BELOW = 171  # about 2/3 of the samples
DIGESTS = {  # sha256 over metadata.tsv and the split's samples at commit 45abfcf5
    "rwk-dev": "6ce3cec7af679c6740d1afe393a58d73cf506a57edc8d9d74f2c749f7d994da5",
    "rwk-test": "f4766dc91e41e534e53422e6e7828aafc0dd6ca9216c97d3b72c890e246780e1",
}
TSV = Path("data") / "main" / "tsv"

OPENING = frozenset("([{")  # no space after
CLOSING = frozenset([",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "…"])
# quotation marks by family; „ and ‚ open, the others close an open mark of their family
FAMILIES = dict.fromkeys('„“”"', "double") | dict.fromkeys("»«", "chevron")
FAMILIES |= dict.fromkeys("‚‘›‹", "single")
OPEN_ONLY = frozenset("„‚")
_WORD = re.compile(r"\w")
Span = tuple[int, int]
# German titles before a name, left out of it (the metric's TITLES are English)
TITLES = frozenset(
    {"herr", "herrn", "hr", "frau", "fr", "fräulein", "frl", "abg", "abgeordnete"}
    | {"abgeordneter", "präs", "präsident", "dr", "doctor", "doktor", "prof", "professor"}
    | {"graf", "gräfin", "fürst", "freiherr", "frhr", "general", "minister"}
)


@dataclass(frozen=True)
class Token:
    """One row of a sample: the token, whether it is a proper noun, its annotations."""

    text: str
    name: bool  # tagged as a proper noun (``pos`` NE or ``rfpos`` N.Name), capitalised
    direct: tuple[tuple[str, str], ...]  # (id, medium) of every direct STWR it is part of
    speaker: frozenset[str]  # the STWR ids it is the speaker of
    note: bool  # part of a footnote


def read(path: Path) -> list[Token]:
    """The tokens of one sample file (column names as ``column_based_text_format.md``)."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    tokens = []
    for row in rows:
        direct = []
        for annotation in row["stwr"].split("|"):
            kind, medium, ident = [*annotation.split("."), "", ""][:3]
            if kind == "direct":
                direct.append((ident, medium))
        speaker = frozenset(
            ident
            for annotation in row["speaker"].split("|")
            if annotation.startswith("speaker.")
            for ident in annotation.removeprefix("speaker.").split("_")
        )
        note = row["note"] not in ("-", "")
        tagged = row["pos"] == "NE" or row["rfpos"].startswith("N.Name")
        name = tagged and row["tok"][:1].isupper() and not _title(row["tok"])
        tokens.append(Token(row["tok"], name, tuple(direct), speaker, note))
    return tokens


def detokenise(words: Sequence[str], notes: Sequence[bool] = ()) -> tuple[str, list[Span]]:
    """The text of tokens and each token's ``(start, end)`` in it.

    Tokens are joined by one space, except: none before a closing punctuation token
    (:data:`CLOSING`) or a closing quotation mark, none after an opening bracket or an
    opening quotation mark. ``„`` and ``‚`` open; the other marks (``“ ” "``, ``» «``,
    ``‘ › ‹``) close a mark of their family (:data:`FAMILIES`: double, chevron, single)
    when one is open, else open one. A footnote (``notes`` true) is put on a line of its
    own.
    """
    notes = list(notes) or [False] * len(words)
    roles = marks(words)
    parts: list[str] = []
    spans: list[Span] = []
    at = 0
    for i, word in enumerate(words):
        if i:
            if notes[i] != notes[i - 1]:
                glue = "\n"
            elif word in CLOSING or roles[i] == "close":
                glue = ""
            else:
                glue = "" if roles[i - 1] == "open" or words[i - 1] in OPENING else " "
            parts.append(glue)
            at += len(glue)
        parts.append(word)
        spans.append((at, at + len(word)))
        at += len(word)
    return "".join(parts), spans


def marks(words: Sequence[str]) -> list[str]:
    """Each token's role: ``open`` or ``close`` for a quotation mark, else ``""``."""
    opened = dict.fromkeys(FAMILIES.values(), False)
    roles = []
    for word in words:
        family = FAMILIES.get(word)
        if family is None:
            roles.append("")
        elif word not in OPEN_ONLY and opened[family]:
            roles.append("close")
            opened[family] = False
        else:
            roles.append("open")
            opened[family] = True
    return roles


def pairs(words: Sequence[str], roles: Sequence[str]) -> list[tuple[int, int, bool]]:
    """The pairs of double marks and of chevrons, ``(opening, closing, closed)`` as token
    indices, in text order; a mark left open runs to the next opening mark of its family or
    the end of the sample (``closed`` false); a pair inside another is left out (a nested
    quotation)."""
    found = []
    for family in ("double", "chevron"):
        opened: int | None = None
        for i, role in enumerate(roles):
            if FAMILIES.get(words[i]) != family:
                continue
            if role == "open":
                if opened is not None:
                    found.append((opened, i, False))
                opened = i
            elif opened is not None:
                found.append((opened, i, True))
                opened = None
        if opened is not None:
            found.append((opened, len(roles), False))
    return sorted(p for p in found if not any(o < p[0] and p[1] < c for o, c, _ in found))


def quotes(tokens: Sequence[Token]) -> tuple[str, tuple[GoldQuote, ...]]:
    """A sample's text and its gold quotations, in text order."""
    words = [t.text for t in tokens]
    text, spans = detokenise(words, [t.note for t in tokens])
    medium: dict[str, set[str]] = {}
    for t in tokens:
        for ident, media in t.direct:
            medium.setdefault(ident, set()).update(media.replace("_", " ").split())
    found: list[tuple[int, int, str, bool]] = []  # first and last token, instance, required
    covered: set[int] = set()
    for opening, closing, closed in pairs(words, marks(words)):
        inner = [i for i in range(opening + 1, closing) if _WORD.search(words[i])]
        votes: dict[str, int] = {}
        for i in inner:
            for ident in dict.fromkeys(ident for ident, _ in tokens[i].direct):
                votes[ident] = votes.get(ident, 0) + 1
        if not votes or 2 * max(votes.values()) <= len(inner):
            continue
        ident = max(votes, key=lambda k: votes[k])
        stands = opening == 0 or not _WORD.search(words[opening - 1])
        required = closed and stands and medium[ident] != {"thought"}
        found.append((opening + 1, closing - 1, ident, required))
        covered.update(range(opening, closing + 1))
    for ident in medium:
        for first, last in _runs([i for i, t in enumerate(tokens) if ident in dict(t.direct)]):
            if not covered.intersection(range(first, last + 1)):
                found.append((first, last, ident, False))
    result = []
    for first, last, ident, required in sorted(found):
        while first <= last and not _WORD.search(words[first]):
            first += 1
        while last >= first and words[last] in FAMILIES:
            last -= 1
        if first > last:
            continue
        start, end = spans[first][0], spans[last][1]
        sources, mention, name = _speaker(tokens, spans, text, ident)
        kind = "quote" if required else "partial"
        result.append(GoldQuote(start, end, text[start:end], kind, name, mention, sources))
    return text, tuple(result)


def _runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive indices grouped as ``(first, last)``."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _speaker(
    tokens: Sequence[Token], spans: Sequence[Span], text: str, ident: str
) -> tuple[tuple[Span, ...], str, str]:
    """The speaker of STWR ``ident``: its spans, its text, and its name (first to last
    proper noun; ``""`` without one)."""
    mine = [i for i, t in enumerate(tokens) if ident in t.speaker]
    runs = _runs(mine)
    sources = tuple((spans[a][0], spans[b][1]) for a, b in runs)
    mention = " ".join(text[s:e] for s, e in sources)
    names = [i for i in mine if tokens[i].name]
    if not names:
        return sources, mention, ""
    if any(a <= names[0] and names[-1] <= b for a, b in runs):
        return sources, mention, text[spans[names[0]][0] : spans[names[-1]][1]]
    return sources, mention, " ".join(tokens[i].text for i in names)


def _title(word: str) -> bool:
    """Whether ``word`` is a title of :data:`TITLES` (tagged as a name at times: "Abg.")."""
    return word.rstrip(".").casefold() in TITLES


def split_of(sample: str) -> str:
    """``rwk-dev`` or ``rwk-test``, from the sample's name (its file name less ``.tsv``)."""
    first = hashlib.sha256(f"redewiedergabe:{sample}".encode()).digest()[0]
    return "rwk-dev" if first < DEV_BELOW else "rwk-test"


def samples(checkout: Path) -> dict[str, str]:
    """Every non-fictional sample of the main corpus, name -> source (``grenz``,
    ``mkhz.<periodical>``), in file-name order."""
    with (checkout / TSV / "metadata.tsv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    chosen = {r["file"].removesuffix(".tsv"): r["source"] for r in rows if r["fictional"] == "no"}
    return dict(sorted(chosen.items()))


def digest(checkout: Path, split: str) -> str:
    """SHA-256 over the names and SHA-256s of ``metadata.tsv`` and the split's samples."""
    folder = checkout / TSV
    names = ["metadata.tsv", *(f"{s}.tsv" for s in samples(checkout) if split_of(s) == split)]
    return files_digest((n, folder / n) for n in names)


def load(checkout: Path, splits: tuple[str, ...] = SPLITS) -> list[Page]:
    """Every non-fictional sample of ``splits`` with its gold quotations, in file-name order;
    a split whose files differ from commit ``45abfcf5``'s is refused."""
    pages = []
    for split in splits:
        if digest(checkout, split) != DIGESTS[split]:
            raise ValueError(f"{checkout}: not REDEWIEDERGABE commit 45abfcf5's {split} files")
        for sample, source in samples(checkout).items():
            if split_of(sample) == split:
                text, gold = quotes(read(checkout / TSV / f"{sample}.tsv"))
                pages.append(Page("redewiedergabe", sample, "", source, split, text, "", gold))
    return pages
