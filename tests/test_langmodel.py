"""py3langid's model from the build cache: the identifier py3langid builds, loaded fast."""

from __future__ import annotations

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
