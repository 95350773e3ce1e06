"""``bench.cleaner.means``: one row of means per set, this cleaner beside another, from a
cached render."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench.cleaner import means

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = (
    "The ministers agreed on Sunday to extend the corridor for another year, officials said"
    " after two days of talks that had been expected to end without a deal."
)


def _checkout(root: Path) -> Path:
    """A Scrapinghub checkout of two pages: a menu above an article of two paragraphs."""
    truth = {key: {"articleBody": f"{PARAGRAPH}\n{PARAGRAPH}"} for key in ("k1", "k2")}
    root.mkdir()
    (root / "ground-truth.json").write_text(json.dumps(truth))
    (root / "html").mkdir(parents=True)
    for key in truth:
        html = f"<ul><li>Home</li><li>World</li><li>{key}</li></ul>" + f"<p>{PARAGRAPH}</p>" * 2
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
    return root


def test_means_score_this_cleaner_beside_a_file_and_cache_the_dumps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checkout = _checkout(tmp_path / "aeb")
    keeps_all = tmp_path / "keeps_all.py"  # a cleaner that keeps the whole dump
    keeps_all.write_text(
        "from types import SimpleNamespace as S\n"
        "def segment(text):\n"
        "    return [S(start=0, end=len(text.rstrip()), joined=False, kept=True)]\n"
    )
    cache = tmp_path / "cache"
    argv = ["--scrapinghub", str(checkout), "--against", str(keeps_all), "--cache", str(cache)]
    means.main(argv)
    row = capsys.readouterr().out.strip()
    assert row.startswith("scrapinghub (2): ")
    cells = dict(cell.rsplit(" ", 1) for cell in row.split(": ", 1)[1].split(" | "))
    assert float(cells["inscriptis this"]) == 1.0  # the menu left out
    assert float(cells[f"inscriptis {keeps_all}"]) < 1.0  # the menu kept
    assert float(cells["wrapped at 80 this"]) == 1.0
    dumps = json.loads((cache / "scrapinghub.json").read_text())
    assert len(dumps) == 2 and "Home" in dumps[0] and "k2" in dumps[1]
    means.main(argv)  # read from the cache: the same row
    assert capsys.readouterr().out.strip() == row


def test_a_git_revision_is_loaded_as_a_cleaner_of_its_own() -> None:
    module = means._cleaner_at("HEAD")
    assert module.__name__ != "pipeline.extract.clean"
    assert means.body(module, f"Home\nWorld\nSport\n\n{PARAGRAPH}\n\n{PARAGRAPH}") == (
        f"{PARAGRAPH}\n\n{PARAGRAPH}"
    )


def test_means_needs_a_set() -> None:
    with pytest.raises(SystemExit):
        means.main(["--cache", str(ROOT / "bench/out/none")])
