"""PolNeAR's hand-annotated attributions read as the benchmark's gold quotations.

The rules are those of ``gold/README.md``, section ``polnear``: the quoted stretches of each
paragraph that lie in an attribution's ``Content`` are its quotations (``quote`` when they
stand as their own clause or sentences, else ``partial``), the attribution's ``Source`` is
the speaker's mention (and the speaker, when it is a name), and the annotator whose id sorts
first is an article's gold. Nothing is committed: every run reads the user's checkout of
``https://github.com/networkdynamics/PolNeAR`` at commit ``c3eee83``, refused when its
files differ (:data:`DIGESTS`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from bench.quotes.gold import GoldQuote, Page, files_digest
from bench.quotes.metrics import TITLES

SPLITS = ("polnear-train", "polnear-dev", "polnear-test")
DIGESTS = {  # sha256 over the split's text/*.txt and attributions/*.ann at commit c3eee83
    "polnear-train": "29c114b6dfd81da95f50658668bf241ad3a0527fa228845e1903d13cb649ac76",
    "polnear-dev": "49b43a4aa33eb838a94f407e01da978b909b14b1ea8fc69ccc832ee49a338d38",
    "polnear-test": "a1f501342667e7d5b126876b5131d97ab9d5d66c8ece886edff32334ed25d972",
}
Span = tuple[int, int]

_WORD = re.compile(r"\w+")
_TEXT_BOUND = re.compile(r"^(T\d+)\t\S+ ([\d ;]+)\t", re.M)  # id and spans; text not read
_EVENT = re.compile(r"^(E\d+)\t(.*)$", re.M)
_DOUBLE = re.compile(r"[“”\"]|''")
_SENTENCE_END = re.compile(r"[.!?:,][\s“”\"'’]*$")
_PRONOUNS = frozenset(["i", "we", "you", "he", "she", "it", "they", "who", "one", "us", "them"])


@dataclass(frozen=True)
class Attribution:
    """One annotated attribution: its ``Content`` fragments and its ``Source`` fragments."""

    content: tuple[Span, ...]
    source: tuple[Span, ...]


def attributions(ann: str) -> list[Attribution]:
    """The attributions of a brat ``.ann`` file (continuation lines of a span's text, notes,
    ``Discuss`` and ``Discard`` spans are ignored)."""
    spans = {}
    for m in _TEXT_BOUND.finditer(ann):
        spans[m[1]] = tuple((int(a), int(b)) for a, b in (part.split() for part in m[2].split(";")))
    found = []
    for m in _EVENT.finditer(ann):
        roles: dict[str, list[Span]] = {"Content": [], "Source": []}
        for argument in m[2].split():
            role, _, ref = argument.partition(":")
            role = role.rstrip("0123456789")
            if role in roles:
                roles[role] += spans[ref]
        if roles["Content"]:
            found.append(Attribution(tuple(roles["Content"]), tuple(sorted(roles["Source"]))))
    return found


def stretches(text: str) -> list[tuple[int, int, int, int]]:
    """Each double-quoted stretch, per paragraph: ``(opening mark, start, end, after the
    closing mark)``, ``start:end`` the words between the marks with spaces trimmed. ``“``
    opens, ``”`` closes, ``"`` and ``''`` (the New York Times' double mark) close when a mark
    is open and open otherwise; a mark left open runs to the paragraph's end."""
    pairs = []
    start = 0
    for line in text.split("\n"):
        opened: tuple[int, int] | None = None  # the open mark's start and end
        for m in _DOUBLE.finditer(line):
            at = (start + m.start(), start + m.end())
            if m[0] == "“" or (m[0] != "”" and opened is None):
                if opened is not None:
                    pairs.append((opened, (at[0], at[0])))
                opened = at
            elif opened is not None:
                pairs.append((opened, at))
                opened = None
        if opened is not None:
            pairs.append((opened, (start + len(line), start + len(line))))
        start += len(line) + 1
    found = []
    for (mark, inner), (close, after) in pairs:
        words = text[inner:close]
        if _WORD.search(words):
            left = len(words) - len(words.lstrip())
            found.append((mark, inner + left, inner + len(words.rstrip()), after))
    return found


def named(source: str) -> str:
    """``source`` when it is a name (after titles, one to four capitalised words, no pronoun
    and no possessive), else ``""``."""
    tokens = source.split()
    while tokens and tokens[0].strip(".").casefold() in TITLES:
        tokens.pop(0)
    name = 1 <= len(tokens) <= 4 and all(
        t[0].isupper()
        and t.casefold() not in _PRONOUNS
        and not t.endswith(("’s", "'s", "s’", "s'"))
        for t in tokens
    )
    return source if name else ""


def quotes(text: str, ann: str) -> tuple[GoldQuote, ...]:
    """The gold quotations of one article: its text and its chosen ``.ann`` file."""
    fragments = [(f, a) for a in attributions(ann) for f in a.content]
    result = []
    for mark, start, end, after_mark in stretches(text):
        words = [m.span() for m in _WORD.finditer(text, start, end)]
        inside = [sum(s <= ws and we <= e for ws, we in words) for (s, e), _ in fragments]
        if not inside or 2 * max(inside) < len(words):
            continue
        (first, last), attribution = fragments[inside.index(max(inside))]
        line_start = text.rfind("\n", 0, mark) + 1
        line_end = text.find("\n", after_mark)
        before = text[max(first, line_start) : mark] if mark > first else ""
        after = text[after_mark : min(last, len(text) if line_end < 0 else line_end)]
        stands = not _WORD.search(before) or _SENTENCE_END.search(before.rstrip())
        ends = not _WORD.search(after) or text[start:end].rstrip("’'").endswith((".", "!", "?"))
        mention = " ".join(text[s:e] for s, e in attribution.source)
        result.append(
            GoldQuote(
                start=start,
                end=end,
                text=text[start:end],
                kind="quote" if stands and ends else "partial",
                speaker=named(mention),
                mention=mention,
                sources=attribution.source,
            )
        )
    return tuple(result)


def digest(folder: Path) -> str:
    """SHA-256 over the names and SHA-256s of a split folder's texts and annotations."""
    files = sorted([*folder.glob("text/*.txt"), *folder.glob("attributions/*.ann")])
    return files_digest((f"{p.parent.name}/{p.name}", p) for p in files)


def load(checkout: Path, splits: tuple[str, ...] = SPLITS) -> list[Page]:
    """Every article of ``splits`` (``polnear-train``: ``data/train``, ``polnear-dev``:
    ``data/dev``, ``polnear-test``: ``data/test``) with its gold quotations, in file-name
    order; a split whose files differ from commit ``c3eee83``'s is refused."""
    with (checkout / "data" / "metadata.tsv").open(encoding="utf-8", newline="") as file:
        publisher = {r["filename"]: r["publisher"] for r in csv.DictReader(file, delimiter="\t")}
    pages = []
    for split in splits:
        folder = checkout / "data" / split.removeprefix("polnear-")
        if digest(folder) != DIGESTS[split]:
            raise ValueError(f"{folder}: not PolNeAR commit c3eee83's {split} files (sha256)")
        chosen: dict[str, Path] = {}
        for ann in sorted(folder.glob("attributions/*.ann")):
            chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
        for name, ann in chosen.items():
            text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
            gold = quotes(text, ann.read_text(encoding="utf-8"))
            pages.append(Page("polnear", name, "", publisher[name], split, text, "", gold))
    return pages
