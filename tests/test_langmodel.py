"""py3langid's model from the build cache: the identifier py3langid builds, loaded fast."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from py3langid import langid

from pipeline.extract import langmodel

TEXTS = [
    "The minister said on Tuesday that the budget would be cut.",
    "Le ministre a déclaré mardi que le budget serait réduit.",
    "Der Minister sagte am Dienstag, dass der Haushalt gekürzt werde.",
    "МИНИСТР ЗАЯВИЛ ВО ВТОРНИК",
    "大臣は火曜日に予算を削減すると述べた。",
    "x",
    "",
]


@pytest.fixture
def fresh() -> Iterator[None]:
    """No identifier in this process, as in a new one; the one it had afterwards."""
    kept, langid.IDENTIFIER = langid.IDENTIFIER, None
    yield
    langid.IDENTIFIER = kept


def test_the_cached_model_classifies_as_py3langid_does(tmp_path: Path, fresh: None) -> None:
    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    langmodel.load(tmp_path)
    written = sorted(p.name for p in tmp_path.glob("py3langid-*/*"))
    assert written == sorted([*(f"{name}.npy" for name in langmodel.ARRAYS), "classes.json"])
    langid.IDENTIFIER = None
    langmodel.load(tmp_path)  # from the cache this time
    cached = langid.IDENTIFIER
    assert cached is not None and cached is not reference
    assert [cached.classify(t) for t in TEXTS] == [reference.classify(t) for t in TEXTS]
    assert [cached.rank(t) for t in TEXTS] == [reference.rank(t) for t in TEXTS]


def test_an_identifier_already_loaded_is_kept(tmp_path: Path, fresh: None) -> None:
    langmodel.load(tmp_path)
    loaded = langid.IDENTIFIER
    langmodel.load(tmp_path / "elsewhere")
    assert langid.IDENTIFIER is loaded and not (tmp_path / "elsewhere").exists()


def test_the_walk_at_once_counts_what_py3langids_walk_counts(tmp_path: Path, fresh: None) -> None:
    """The same features, counts and order of first sight as py3langid's byte-by-byte walk,
    on texts in several scripts and on random bytes (shorter and longer than the automaton's
    depth), and so the same languages and scores."""
    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    langmodel.load(tmp_path)
    identifier = langid.IDENTIFIER
    assert isinstance(identifier, langmodel.Identifier)
    rng = random.Random(0)
    noise = [bytes(rng.randrange(256) for _ in range(rng.randrange(12))) for _ in range(200)]
    noise += [bytes(rng.randrange(256) for _ in range(rng.randrange(2_000))) for _ in range(50)]
    texts = [reference._encode(t * 20) for t in TEXTS] + noise
    for data in texts:
        walked = langid.visit_counts(
            reference.tk_nextmove, reference._rowbase, reference.tk_output, data
        )
        assert list(identifier.visits(data).items()) == list((walked or {}).items())
    assert [identifier.classify(t) for t in texts] == [reference.classify(t) for t in texts]
