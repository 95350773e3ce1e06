"""`corpus.spans.Sources.bodies`: a body is told equal to its kept segments joined only when
`corpus.text.assemble` makes exactly that body of them."""

from __future__ import annotations

import random
import sys

import pyarrow as pa
import pyarrow.compute as pc

from corpus.arrow import strings
from corpus.spans import _NOT_NORMAL, Sources
from corpus.text import assemble, normalise


def test_a_piece_is_normal_exactly_where_normalise_keeps_it() -> None:
    """The pattern names every character `str.isspace()` holds for (the Unicode of RE2 and of
    Python agree on them), and a piece it passes is one `normalise` leaves as it is."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    flagged = pc.match_substring_regex(strings([f"a{c}b" for c in chars]), _NOT_NORMAL)
    assert [c for c, f in zip(chars, flagged.to_pylist(), strict=True) if f] == [
        c for c in chars if c.isspace() and c != " "
    ]
    pieces = ["", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\xa0b", "a\u2028b", "a\n\nb"]
    found = pc.match_substring_regex(strings(pieces), _NOT_NORMAL).to_pylist()
    assert [not f for f in found] == [bool(p) and normalise(p) == p for p in pieces]


PIECES = ["word", "two words", "é€😀 x", " lead", "trail ", "dou  ble", "tab\there", "", "\n"]


def _corpus(rng: random.Random, n: int) -> tuple[dict[str, str], list[list[object]]]:
    """``n`` raw texts and kept segments over them, some of every odd kind."""
    texts, segments = {}, [[], [], [], [], []]
    for i in range(n):
        doc_id = f"{i:016x}"
        pieces = [rng.choice(PIECES) for _ in range(rng.randint(0, 5))]
        texts[doc_id] = "\n".join(pieces) + rng.choice(["", "tail"])
        at = 0
        for seq, piece in enumerate(pieces):
            start, end = at, at + len(piece)
            at = end + 1
            if rng.random() < 0.05:
                start, end = rng.choice([(None, end), (end, start), (start, end + 99), (-1, 2)])
            order = rng.choice([seq, seq, None, 0])
            joined = rng.choice([True, False, False, None])
            for column, value in zip(segments, (doc_id, order, start, end, joined), strict=True):
                column.append(value)
    if n:  # a segment of no document with a text
        for column, value in zip(segments, ("f" * 16, 0, 0, 1, False), strict=True):
            column.append(value)
    return texts, segments


def _assembled(texts: dict[str, str], segments: list[list[object]], doc_id: str) -> str:
    rows = [r for r in zip(*segments, strict=True) if r[0] == doc_id]
    rows.sort(key=lambda r: r[1] or 0)
    return assemble(texts[doc_id], ((start, end, joined) for _, _, start, end, joined in rows))


def _unread(texts: dict[str, str], segments: list[list[object]], doc_id: str) -> str:
    """The kept pieces joined as they are, not normalised: a forged body."""
    rows = sorted(
        (r for r in zip(*segments, strict=True) if r[0] == doc_id), key=lambda r: r[1] or 0
    )
    pieces = [(texts[doc_id][start:end], joined) for _, _, start, end, joined in rows]
    return "".join(
        ("" if i == 0 else " " if joined else "\n\n") + piece
        for i, (piece, joined) in enumerate(pieces)
    )


def test_bodies_are_known_only_when_assemble_makes_them() -> None:
    rng = random.Random(7)
    for n in (0, 1, 3, 40, 200):
        texts, segments = _corpus(rng, n)
        shuffled = list(zip(*segments, strict=True))
        rng.shuffle(shuffled)  # (the order of equal seqs is kept: the table's)
        segments = [list(c) for c in zip(*shuffled, strict=True)] if shuffled else segments
        doc_ids = list(texts)
        bodies = [_assembled(texts, segments, d) for d in doc_ids]
        tampered = [
            rng.choice([b, b, b, b + "x", _unread(texts, segments, d)])
            for b, d in zip(bodies, doc_ids, strict=True)
        ]
        arrays = [
            pa.array(c, t)
            for c, t in zip(
                segments,
                (pa.string(), pa.int64(), pa.int64(), pa.int64(), pa.bool_()),
                strict=True,
            )
        ]
        known = Sources(texts).bodies(arrays, strings(doc_ids), strings(tampered))
        for doc_id, is_known, body, text in zip(doc_ids, known, bodies, tampered, strict=True):
            if is_known:
                assert text == body, doc_id
        usual = [
            i
            for i, d in enumerate(doc_ids)
            if tampered[i] == bodies[i]
            and all(
                s is not None and e is not None and 0 <= s < e <= len(texts[d])
                for doc, _, s, e, _ in zip(*segments, strict=True)
                if doc == d
            )
            and all(
                normalise(texts[d][s:e]) == texts[d][s:e] != ""
                for doc, _, s, e, _ in zip(*segments, strict=True)
                if doc == d
            )
            and d in segments[0]
        ]
        assert [i for i in usual if not known[i]] == []
        if n >= 40:
            assert 0 < sum(known) < n
