"""The lineage state's run index (``families``): runs as numbers in sorted arrays, and the
components they make, against the dicts of sets walked that they replace."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pipeline.across import families
from pipeline.across.lineage import BITS, CROWD, SHINGLE, link_quotes, run_keys


def _quote(doc: str, k: int, text: str, speaker: str = "Ann Lee") -> dict[str, Any]:
    return {
        "quote_id": f"{doc}-q{k}",
        "doc_id": doc,
        "text": text,
        "start": 0,
        "end": len(text),
        "speaker_entity_id": None,
        "speaker_name": speaker,
    }


def test_a_run_is_one_number_for_the_same_words_only() -> None:
    key, owner = run_keys([(1, 2, 3), (3, 2, 1), (7,), (1, 2, 3, 4)])
    assert owner.tolist() == [0, 1, 3, 3]
    assert key[0] == key[2] and len(set(key.tolist())) == 3
    assert key[0] == (1 << 2 * BITS) | (2 << BITS) | 3
    with pytest.raises(ValueError, match="words"):
        run_keys([(1, 2**BITS, 3)])


def _walked(index: families.Index) -> set[frozenset[int]]:
    """The components of rule 1 as the index kept them before: every run in a dict of the
    wordings carrying it, walked from each wording through runs carried by at most CROWD."""
    runs: dict[tuple[int, ...], set[int]] = {}
    for w, words in index.words.items():
        for i in range(len(words) - SHINGLE + 1):
            runs.setdefault(words[i : i + SHINGLE], set()).add(w)
    seen: set[int] = set()
    found = set()
    for first in index.words:
        if first in seen:
            continue
        group, todo = {first}, [first]
        while todo:
            words = index.words[todo.pop()]
            for i in range(len(words) - SHINGLE + 1):
                carried = runs[words[i : i + SHINGLE]]
                if len(carried) <= CROWD:
                    todo += carried - group
                    group |= carried
        seen |= group
        found.add(frozenset(group))
    return found


def test_the_arrays_give_the_components_the_walked_runs_give(tmp_path: Path) -> None:
    """Phrases of their own words join a few wordings each; ``we will not yield``, in about
    ``CROWD`` wordings, joins them all or (crowded) none."""
    rng = random.Random(7)
    phrases = [f"p{j} q{j} r{j} s{j}" for j in range(90)]
    quotes, docs = [], {}
    for i in range(120):
        doc = f"d{i:03d}"
        docs[doc] = {"published": f"2024-02-{rng.randint(1, 28):02d}"}
        for k in range(rng.randint(1, 2)):
            words = rng.sample(phrases, 2) + ([f"we will not yield {i}"] if k == 0 else [])
            quotes.append(_quote(doc, k, ". ".join(words)))
    state = families.State(tmp_path, "key")
    now: dict[str, Any] = {}
    crowded = set()
    for step in range(10):
        now = {d: v for d, v in now.items() if rng.random() < 0.8}
        now |= dict(rng.sample(sorted(docs.items()), rng.randint(5, 25)))
        crowded.add(len(now) > CROWD)
        families.update(state, now, lambda ds: [q for q in quotes if q["doc_id"] in ds])
        index = state.index
        pairs = np.stack([index.run, index.carrier])
        assert (np.unique(pairs, axis=1) == pairs).all()  # sorted, a run once a wording
        assert set(index.carrier.tolist()) == {w for w, ws in index.words.items() if len(ws) > 2}
        labels = families._labels(index)
        grouped: dict[int, set[int]] = {}
        for w in index.words:
            grouped.setdefault(int(labels[w]), set()).add(w)
        assert {frozenset(g) for g in grouped.values()} == _walked(index), step
        links, fams = link_quotes(now, [q for q in quotes if q["doc_id"] in now])
        assert list(state.rows("quote_links")) == links, step
        assert list(state.rows("quote_families")) == fams, step
    assert crowded == {True, False}


def test_a_family_joined_by_its_middle_quotation_is_not_split(tmp_path: Path) -> None:
    """A and C share no run; B shares one with each: added last, it joins the two
    components, and the family of three is the full build's; gone again, it splits them."""
    a = _quote("a", 0, "the river will rise before the harvest comes")
    b = _quote("b", 0, "before the harvest comes the river will rise and the dam holds")
    c = _quote("c", 0, "rise and the dam holds firm this winter")
    quotes = [a, b, c]
    dates = {"a": "2024-03-01", "b": "2024-03-02", "c": "2024-03-03"}
    state = families.State(tmp_path, "key")

    def step(docs: str) -> list[str]:
        now = {d: {"published": dates[d]} for d in docs}
        families.update(state, now, lambda ds: [q for q in quotes if q["doc_id"] in ds])
        links, fams = link_quotes(now, [q for q in quotes if q["doc_id"] in now])
        assert list(state.rows("quote_links")) == links
        assert list(state.rows("quote_families")) == fams
        return [f"{f['family_id']}:{f['quote_id']}" for f in fams]

    assert step("ac") == []
    assert step("abc") == ["a-q0:a-q0", "a-q0:b-q0", "a-q0:c-q0"]
    assert len(set(families._labels(state.index)[list(state.index.words)].tolist())) == 1
    assert step("ac") == []
    assert len(set(families._labels(state.index)[list(state.index.words)].tolist())) == 2


def test_a_run_joins_the_wordings_of_at_most_crowd(tmp_path: Path) -> None:
    quotes = [_quote(f"{i:02d}", 0, f"We will not yield x{i}") for i in range(CROWD + 1)]
    state = families.State(tmp_path, "key")
    for n, components in ((CROWD, 1), (CROWD + 1, CROWD + 1)):
        now = {f"{i:02d}": {"published": "2024-01-01"} for i in range(n)}
        families.update(state, now, lambda ds: [q for q in quotes if q["doc_id"] in ds])
        labels = families._labels(state.index)[list(state.index.words)]
        assert len(set(labels.tolist())) == components


def test_wordings_too_short_for_a_run_are_linked_alone(tmp_path: Path) -> None:
    quotes = [_quote("a", 0, "Never again"), _quote("b", 0, "Never again")]
    state = families.State(tmp_path, "key")
    for docs in ("a", "ab", "b"):
        now = {d: {"published": "2024-01-01"} for d in docs}
        families.update(state, now, lambda ds: [q for q in quotes if q["doc_id"] in ds])
        assert not len(state.index.run)
        links, fams = link_quotes(now, [q for q in quotes if q["doc_id"] in now])
        assert list(state.rows("quote_links")) == links
        assert list(state.rows("quote_families")) == fams
    assert fams == [] and len(links) == 0
