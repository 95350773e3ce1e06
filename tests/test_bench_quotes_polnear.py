"""PolNeAR as a source of the quotation benchmark: real ``.ann`` files of the checkout
(``QUOTES_POLNEAR``, else ``/work/devsets/polnear``; only ``train`` articles are read here,
never ``dev`` or ``test``, whose files are only hashed), the speaker scored by the ``Source``
span, and the refusals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.quotes import metrics, polnear
from bench.quotes.__main__ import CHOICES
from bench.quotes.gold import GoldQuote
from bench.quotes.metrics import Found

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = Path(os.environ.get("QUOTES_POLNEAR", "/work/devsets/polnear"))
TRAIN = POLNEAR / "data" / "train"
WARREN = "breitbart_2016-06-05_elizabeth-warren-donald-trump-is"  # 814 characters, 6 attributions
NYT = "nyt_2015-11-09_jobs-report-gives-democrats-a-li"  # writes its double marks as ''
HERE = TRAIN.is_dir()


def _article(name: str) -> tuple[str, str]:
    """The text and the (only) annotation of a train article."""
    (ann,) = sorted((TRAIN / "attributions").glob(f"{name}_*.ann"))
    text = (TRAIN / "text" / f"{name}.txt").read_text(encoding="utf-8")
    return text, ann.read_text(encoding="utf-8")


def _bench(*options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bench.quotes", "--split", "polnear-dev", *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_a_real_annotation_gives_quotations_partials_and_sources():
    """Warren's article: two quoted phrases woven into "said" clauses are partial, a quotation
    interrupted by "she continued" is two required items with the one Source ("she"), and a
    closing mark with no opening one is no quotation."""
    if not HERE:
        return
    text, ann = _article(WARREN)
    found = polnear.quotes(text, ann)
    assert [q.kind for q in found] == ["partial", "partial", "quote", "quote"]
    assert [q.text[:14] for q in found] == [
        "proven failure",
        "like a used ca",
        "Trump’s salesp",
        "And then they ",
    ]
    assert all(text[q.start : q.end] == q.text for q in found)
    first, second, third, fourth = found
    assert (first.speaker, first.mention) == ("Sen. Elizabeth Warren",) * 2
    assert (second.speaker, second.mention) == ("Warren", "Warren")
    assert third.mention == fourth.mention == "she" and third.speaker == ""
    assert third.sources == fourth.sources == ((449, 452),) and text[449:452] == "she"
    assert len(polnear.attributions(ann)) == 6


def test_the_new_york_times_double_apostrophes_are_read_as_quotation_marks():
    if not HERE:
        return
    text, ann = _article(NYT)
    found = polnear.quotes(text, ann)
    assert found and all(text[q.start - 2 : q.start] == "''" for q in found)
    assert all("''" not in q.text for q in found)


def test_names_are_sources_of_capitalised_words_only():
    assert polnear.named("Mr. Trump") == "Mr. Trump"
    assert polnear.named("Hillary Clinton") == "Hillary Clinton"
    for source in ("he", "He", "the campaign", "Clinton’s spokesman", "Trump's campaign", ""):
        assert polnear.named(source) == ""
    assert polnear.named("Republican presidential nominee Donald Trump") == ""


def test_the_speaker_is_scored_by_the_source_span_or_its_name():
    """The same word "she" elsewhere is not the Source; a span overlapping it is; a named
    Source is also found by its name written elsewhere."""
    she = GoldQuote(10, 20, "I will win", "quote", "", "she", ((30, 33),))
    warren = GoldQuote(40, 60, "They will lose", "quote", "Warren", "Warren", ((61, 67),))
    assert metrics.speaker_right(she, "she", (30, 33))
    assert not metrics.speaker_right(she, "she", (90, 93))
    assert not metrics.speaker_right(she, "", None)
    assert metrics.speaker_right(warren, "Elizabeth Warren", (0, 16))
    assert not metrics.speaker_right(warren, "Trump", (0, 5))
    found = [Found("I will win", "she", "Elizabeth Warren", (90, 93))]
    found.append(Found("They will lose", "Sen. Warren", "Elizabeth Warren", (61, 72)))
    counts = metrics.score("p", [she, warren], found)
    assert (counts.correct, counts.named, counts.named_right) == (2, 2, 1)
    assert (counts.persons, counts.persons_right) == (1, 1)


def test_the_command_refuses_without_the_checkout_or_with_other_files(tmp_path):
    """No ``--polnear``: a usage error naming the option. A checkout whose dev files are not
    commit c3eee83's (here one real train article filed under dev): one line, exit 1."""
    missing = _bench("--json", str(tmp_path / "q.json"))
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == (
        "python -m bench.quotes: error: --polnear : no data/metadata.tsv there "
        "(see bench/quotes/README.md)"
    )
    html = _bench("--polnear", str(tmp_path), "--html")
    assert html.returncode == 2 and "--html: PolNeAR has no HTML pages" in html.stderr
    if not HERE:
        return
    dev = tmp_path / "data" / "dev"
    for folder in ("text", "attributions"):
        (dev / folder).mkdir(parents=True)
    shutil.copy(POLNEAR / "data" / "metadata.tsv", tmp_path / "data")
    shutil.copy(TRAIN / "text" / f"{WARREN}.txt", dev / "text")
    for ann in (TRAIN / "attributions").glob(f"{WARREN}_*.ann"):
        shutil.copy(ann, dev / "attributions")
    changed = _bench("--polnear", str(tmp_path), "--json", str(tmp_path / "q.json"))
    assert changed.returncode == 1 and not (tmp_path / "q.json").exists()
    assert changed.stderr.splitlines() == [
        f"python -m bench.quotes: {dev}: not PolNeAR commit c3eee83's polnear-dev files (sha256)"
    ]


@pytest.mark.parametrize("split", polnear.SPLITS)
def test_the_splits_are_polnear_s_own(split):
    """polnear-train is data/train (840 articles), polnear-dev data/dev and polnear-test
    data/test (84 each), each pinned by its digest."""
    if not HERE:
        return
    folder = POLNEAR / "data" / split.removeprefix("polnear-")
    assert polnear.digest(folder) == polnear.DIGESTS[split]
    assert len(list(folder.glob("text/*.txt"))) == (840 if split == "polnear-train" else 84)


def test_the_polnear_choice_runs_all_three_splits():
    """``--split polnear`` is train, dev and test; each is a choice of its own too."""
    assert CHOICES["polnear"] == ("polnear-train", "polnear-dev", "polnear-test")
    assert all(CHOICES[s] == (s,) for s in polnear.SPLITS)
