"""Quotation lineage: one speaker's words carried by several reports, aligned word by word.

Rules:

1. Quotations are compared with those of *other* reports only when they share a run of
   ``SHINGLE`` words (an index by words; a run carried by more than ``CROWD`` quotations
   blocks nothing), so the work grows with the quotations, not their square.
   The same speaker: the same ``speaker_entity_id``, else the same surname (the last word of
   ``speaker_name`` but a suffix such as "Jr."). Quotations of the same speaker link on a
   run of ``SHINGLE`` words; any others (a speaker attributed differently, or not at all)
   only on a run of ``LONG`` words, which names the quotation by itself.
2. Words are ``\\w+`` runs compared lowercased; the alignment is difflib's longest matching
   blocks over the two word lists. A block of fewer than ``SHINGLE`` words is ignored.
3. Relation of a quotation to the other: ``identical`` (same words), ``trimmed`` (its words
   are one block inside the other's), ``extended`` (the other's words are one block inside
   its), else ``reworded`` (they share blocks covering at least ``SHARED`` of the shorter
   one's words). Pairs sharing less are not linked.
4. Each link is kept both ways, with the spans (in each document's raw text) of the longest
   aligned block, and every block as word offsets.
5. The same wording (the same words) in several reports is aligned once: each later
   quotation links to the earliest carrying it (``identical``; of another speaker, only if
   it is ``LONG`` words or more), and only the earliest is compared with other wordings,
   keeping each one's ``MOST`` links sharing the most words. Rows grow with the quotations,
   not with the square of a family.
6. A family is a connected component of links; its id is its earliest quotation's id, by
   the report's publication time (a report with no date comes last), then quotation id.
   ``position`` 1 is the earliest report carrying the wording.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain
from typing import Any

import numpy as np

Row = dict[str, Any]
Alignment = tuple[str, list[tuple[int, int, int]]]  # the relation and the aligned blocks

SHINGLE = 3
LONG = 8
CROWD = 50
MOST = 5
FEWEST = 0.25
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
SHARED = 0.5
BITS = 21  # a word's number in a run's number: 2**21 words at most
WORD = re.compile(r"\w+")
BLOCK = 1 << 12  # wordings whose runs are numbered together
PAIRS = 1 << 18  # pairs of a shared run counted together (about 40 bytes each)


def link_quotes(docs: dict[str, Row], quotes: Iterable[Row]) -> tuple[list[Row], list[Row]]:
    """``quote_links`` and ``quote_families`` rows from the documents and their quotes."""
    found = lineage(docs, quotes)
    return list(found.links()), found.families(docs)


@dataclass
class Lineage:
    """The links found, each once (``a``, ``b``, relation, blocks, same speaker), compact:
    their rows (both ways) are made when they are written, from the words' offsets of each
    quotation linked (one array a quotation)."""

    quotes: dict[str, Row]
    when: Callable[[str], tuple[str, str]]
    found: list[tuple[str, str, str, list[tuple[int, int, int]], bool]]

    def links(self) -> Iterator[Row]:
        """``quote_links`` rows: each link both ways, by quotation and other quotation."""
        order = sorted(
            (a, b, 2 * i) if way == 0 else (b, a, 2 * i + 1)
            for i, (a, b, *_) in enumerate(self.found)
            for way in (0, 1)
        )
        offsets: dict[str, array] = {}
        for _, _, at in order:
            a, b, relation, blocks, same = self.found[at // 2]
            if at % 2:
                a, b = b, a
                blocks = [(j, i, n) for i, j, n in blocks]
                relation = {"trimmed": "extended", "extended": "trimmed"}.get(relation, relation)
            qa, qb = self.quotes[a], self.quotes[b]
            for k in (a, b):
                if k not in offsets:
                    offsets[k] = _offsets(self.quotes[k]["text"])
            row = _link(qa, qb, offsets[a], offsets[b], relation, blocks)
            yield {**row, "same_speaker": same}

    def families(self, docs: dict[str, Row]) -> list[Row]:
        return _families(docs, self.quotes, self.found, self.when)


def lineage(
    docs: dict[str, Row],
    rows: Iterable[Row],
    crowded: np.ndarray | None = None,
    numbers: dict[str, tuple[int, ...]] | None = None,
) -> Lineage:
    """The quotation links of rules 1 to 5, from the documents and their quotes. ``numbers``:
    each quote's words as numbers (:func:`numbered`), when the caller has them
    (:mod:`pipeline.across.families` keeps them); runs ``crowded`` (their :func:`run_keys`)
    block nothing however few of these quotes carry them (they are carried by more than
    ``CROWD`` in the whole corpus)."""
    quotes = {q["quote_id"]: q for q in rows}
    if numbers is None:
        vocabulary: dict[str, int] = {}  # a word by its number: one object however often
        # each tuple is its wording's key below too, not a copy of it
        words = {k: numbered(q["text"], vocabulary) for k, q in quotes.items()}
        del vocabulary  # the words are numbers now
    else:
        words = numbers
    blocked = np.zeros(0, np.int64) if crowded is None else crowded
    when = _when(docs, quotes)
    wordings: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for k in sorted(quotes, key=when):
        wordings[words[k]].append(k)
    found = []
    for key, same_words in wordings.items():  # rule 5: a repeated wording links to its first
        first = same_words[0]
        blocks = [(0, 0, len(key))]
        for k in same_words[1:]:
            if quotes[k]["doc_id"] == quotes[first]["doc_id"] or not key:
                continue
            same = _same_speaker(quotes[k], quotes[first])
            if same or len(key) >= LONG:
                found.append((k, first, "identical", blocks, same))
    firsts = [ks[0] for ks in wordings.values()]
    best: dict[str, list[tuple[int, tuple[str, str], str]]] = defaultdict(list)
    aligned = {}
    for (a, b), (got, same) in _aligned(quotes, words, _pairs(firsts, words, blocked)).items():
        if got:
            aligned[(a, b)] = (*got, same)
            shared = sum(n for _, _, n in got[1])
            best[a].append((-shared, when(b), b))
            best[b].append((-shared, when(a), a))
    kept = {frozenset((k, o)) for k, most in best.items() for _, _, o in sorted(most)[:MOST]}
    for (a, b), (relation, blocks, same) in sorted(aligned.items()):
        if frozenset((a, b)) in kept:
            found.append((a, b, relation, blocks, same))
    return Lineage(quotes, when, found)


def _offsets(text: str) -> array:
    """Each word's start and end in ``text``, one after the other."""
    return array("i", [i for m in WORD.finditer(text) for i in m.span()])


def numbered(text: str, vocabulary: dict[str, int]) -> tuple[int, ...]:
    """The words of ``text``, lowercased, as their numbers in ``vocabulary`` (a new word is
    given the next number)."""
    number = vocabulary.setdefault
    return tuple([number(w.lower(), len(vocabulary)) for w in WORD.findall(text)])


def _aligned(
    quotes: dict[str, Row], words: dict[str, tuple[int, ...]], pairs: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[Alignment | None, bool]]:
    """Each candidate pair of quotations of other reports: its alignment (or ``None``) and
    whether the speaker is the same. Pairs are taken by their second quotation, whose index
    (``SequenceMatcher``'s) is built once for all the pairs it is in."""
    done = {}
    matcher: SequenceMatcher[int] = SequenceMatcher(None, (), (), autojunk=False)
    second = None
    for a, b in sorted(pairs, key=lambda p: (p[1], p[0])):
        if quotes[a]["doc_id"] == quotes[b]["doc_id"]:
            continue
        if b != second:
            matcher.set_seq2(words[b])
            second = b
        matcher.set_seq1(words[a])
        same = _same_speaker(quotes[a], quotes[b])
        done[(a, b)] = (_align(matcher, words[a], words[b], SHINGLE if same else LONG), same)
    return done


def run_keys(wordings: list[tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray]:
    """Every run of ``SHINGLE`` words of each wording (words as numbers below ``2**BITS``):
    the run as one number (its words' numbers side by side, so two runs are one number only
    if they are the same words) and which wording (its position in ``wordings``, int32)
    carries it. Made ``BLOCK`` wordings at a time: the temporaries are one block's."""
    keys, owners = [np.zeros(0, np.int64)], [np.zeros(0, np.int32)]
    for lo in range(0, len(wordings), BLOCK):
        key, owner = _run_keys(wordings[lo : lo + BLOCK])
        keys.append(key)
        owners.append((owner + lo).astype(np.int32))
    return np.concatenate(keys), np.concatenate(owners)


def _run_keys(wordings: list[tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.array([len(ws) for ws in wordings], dtype=np.int64)
    runs = np.maximum(lengths - SHINGLE + 1, 0)
    flat = np.fromiter(chain.from_iterable(wordings), np.int64, int(lengths.sum()))
    if len(flat) and flat.max() >> BITS:
        raise ValueError(f"more than 2**{BITS} words: a run of {SHINGLE} is not one number")
    owner = np.repeat(np.arange(len(wordings)), runs)
    skipped = np.cumsum(lengths) - lengths - np.cumsum(runs) + runs  # words before, not runs
    at = np.arange(len(owner)) + np.repeat(skipped, runs)
    key = np.zeros(len(owner), np.int64)
    for i in range(SHINGLE):
        key <<= BITS
        key |= flat[at + i]
    return key, owner


def carried(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ``key`` sorted: where each run begins, and how many entries carry it."""
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key[:0]
    return starts, np.diff(np.r_[starts, len(key)])


def _pairs(
    keys: list[str], words: dict[str, tuple[int, ...]], blocked: np.ndarray
) -> list[tuple[str, str]]:
    """Pairs ``(a, b)``, ``a < b``, of quotations sharing runs of ``SHINGLE`` words carried by
    at most ``CROWD`` and not ``blocked``: at least ``FEWEST`` of the runs of the shorter one
    (a pair sharing less cannot share ``SHARED`` of its words). Counted in arrays, for the
    quotations ``a`` of one block at a time (about ``PAIRS`` pairs of a run shared): what is
    held is the runs and the pairs kept, not every pair sharing a run."""
    keys = sorted(keys)
    run, owner = run_keys([words[k] for k in keys])
    if not len(run):
        return []
    fewest = np.maximum(np.bincount(owner, minlength=len(keys)), 1)
    order = np.lexsort((owner, run))
    run, owner = run[order], owner[order]
    del order
    once = np.ones(len(run), bool)
    once[1:] = (run[1:] != run[:-1]) | (owner[1:] != owner[:-1])  # a run once per quotation
    run, owner = run[once], owner[once]
    del once
    starts, counts = carried(run)
    useful = (counts >= 2) & (counts <= CROWD) & ~np.isin(run[starts], blocked)
    del run
    at = np.flatnonzero(np.repeat(useful, counts))  # the entries of useful runs, by run
    mine = owner[at]  # a quotation carrying a useful run
    size = (np.repeat(starts + counts, counts)[at] - at - 1).astype(np.int32)  # carriers after
    by = np.argsort(mine, kind="stable")  # by quotation: one quotation's runs together
    mine, first, size = mine[by], at[by] + 1, size[by]  # a run's carriers after it: the later
    del at, by
    ends = np.cumsum(size)
    found = [np.zeros(0, np.int64)]
    lo = 0
    while lo < len(mine):
        hi = max(int(np.searchsorted(ends, ends[lo] - size[lo] + PAIRS, "right")), lo + 1)
        hi = int(np.searchsorted(mine, mine[hi - 1], "right"))  # a quotation's runs together
        a, s, n = mine[lo:hi].astype(np.int64), first[lo:hi], size[lo:hi]
        a = np.repeat(a, n)
        b = owner[np.repeat(s - (np.cumsum(n) - n), n) + np.arange(len(a))].astype(np.int64)
        pair, shared = np.unique(a * len(keys) + b, return_counts=True)
        x, y = pair // len(keys), pair % len(keys)
        found.append(pair[shared >= FEWEST * np.minimum(fewest[x], fewest[y])])
        lo = hi
    pair = np.concatenate(found)
    a, b = pair // len(keys), pair % len(keys)
    return [(keys[x], keys[y]) for x, y in zip(a.tolist(), b.tolist(), strict=True)]


def _when(docs: dict[str, Row], quotes: dict[str, Row]) -> Callable[[str], tuple[str, str]]:
    """A quotation's sort key: its report's publication time (none: last), then its id."""

    def when(q: str) -> tuple[str, str]:
        return (docs.get(quotes[q]["doc_id"], {}).get("published") or "~", q)

    return when


def _same_speaker(a: Row, b: Row) -> bool:
    if a.get("speaker_entity_id") and b.get("speaker_entity_id"):
        return bool(a["speaker_entity_id"] == b["speaker_entity_id"])
    return bool(_surname(a)) and _surname(a) == _surname(b)


def _surname(q: Row) -> str:
    words = [w for w in WORD.findall((q.get("speaker_name") or "").lower()) if w not in SUFFIXES]
    return words[-1] if words else ""


def _align(
    matcher: SequenceMatcher[int], wa: tuple[int, ...], wb: tuple[int, ...], run: int
) -> Alignment | None:
    """The relation and aligned blocks of two quotations' words ``wa`` and ``wb`` (as numbers,
    the sequences of ``matcher``) sharing a run of ``run`` words."""
    blocks = [(i, j, n) for i, j, n in matcher.get_matching_blocks() if n >= SHINGLE]
    if not blocks or max(n for _, _, n in blocks) < run:
        return None
    if wa == wb:
        return "identical", blocks
    if len(blocks) == 1 and blocks[0][2] == len(wa):
        return "trimmed", blocks
    if len(blocks) == 1 and blocks[0][2] == len(wb):
        return "extended", blocks
    if sum(n for _, _, n in blocks) >= SHARED * min(len(wa), len(wb)):
        return "reworded", blocks
    return None


def _link(qa: Row, qb: Row, wa: array, wb: array, relation: str, blocks: list) -> Row:
    """A link's row: ``wa`` and ``wb`` are the two quotations' words' offsets."""
    i, j, n = max(blocks, key=lambda b: (b[2], -b[0]))
    start, end = qa["start"] + wa[2 * i], qa["start"] + wa[2 * (i + n) - 1]
    o_start, o_end = qb["start"] + wb[2 * j], qb["start"] + wb[2 * (j + n) - 1]
    return {
        "quote_id": qa["quote_id"],
        "other_quote_id": qb["quote_id"],
        "doc": qa["doc_id"],
        "other_doc": qb["doc_id"],
        "relation": relation,
        "shared_words": sum(b[2] for b in blocks),
        "words": len(wa) // 2,
        "other_words": len(wb) // 2,
        "blocks": " ".join(f"{x}:{y}:{k}" for x, y, k in blocks),
        "start": start,
        "end": end,
        "text": qa["text"][start - qa["start"] : end - qa["start"]],
        "other_start": o_start,
        "other_end": o_end,
        "other_text": qb["text"][o_start - qb["start"] : o_end - qb["start"]],
    }


def _families(
    docs: dict[str, Row],
    quotes: dict[str, Row],
    links: Iterable[tuple[Any, ...]],
    when: Callable[[str], tuple[str, str]],
) -> list[Row]:
    """Rule 6: the families of the links (each ``(a, b, …)`` once)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, *_ in links:
        parent[root(a)] = root(b)
    families: dict[str, list[str]] = defaultdict(list)
    for q in sorted(parent):
        families[root(q)].append(q)

    rows = []
    for members in families.values():
        members.sort(key=when)
        first = when(members[0])[0]
        for position, q in enumerate(members, 1):
            doc = docs.get(quotes[q]["doc_id"], {})
            rows.append(
                {
                    "quote_id": q,
                    "family_id": members[0],
                    "position": position,
                    "doc": quotes[q]["doc_id"],
                    "outlet_id": doc.get("outlet_id") or None,
                    "published": doc.get("published") or None,
                    "earliest": when(q)[0] == first,
                    "speaker": quotes[q].get("speaker_name") or None,
                    "start": quotes[q]["start"],
                    "end": quotes[q]["end"],
                    "text": quotes[q]["text"],
                }
            )
    rows.sort(key=lambda r: (r["family_id"], r["position"]))
    return rows


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """``b`` against ``a``, word by word: (``same``, ``new`` or ``gone``, text) pieces that
    spell ``b`` (``same`` and ``new``) with ``a``'s words that ``b`` lacks (``gone``)."""
    ta, tb = _tokens(a), _tokens(b)
    ka, kb = [t.strip().lower() for t in ta], [t.strip().lower() for t in tb]
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(tb[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("gone", "".join(ta[i1:i2])))
        if j2 > j1:
            pieces.append(("new", "".join(tb[j1:j2])))
    return pieces


def _tokens(text: str) -> list[str]:
    """Words with the spaces and punctuation after them: joined, they give ``text`` back."""
    return re.findall(r"\W*\w+\W*|\W+", text)
