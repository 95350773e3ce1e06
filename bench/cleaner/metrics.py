"""Token overlap between a gold body and a predicted body: precision, recall, F1.

Two units are scored. ``tokens`` is the bag of words (what "body token P/R/F1" means in the
CleanEval line of work); ``shingles`` are runs of 4 tokens, the unit of the Scrapinghub
article-extraction benchmark, so that our figures sit next to its published table.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# Scripts written without spaces between words: each character is a token there, so that a
# Chinese or Thai sentence is not one giant "word" that only an exact match can hit.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    """Split text into word tokens, ignoring punctuation, whitespace and layout."""
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE) -> list[tuple[str, ...]]:
    """Runs of ``n`` consecutive tokens (the whole text when it is shorter than ``n``)."""
    words = tokens(text)
    if len(words) <= n:
        return [tuple(words)] if words else []
    return [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]


@dataclass(frozen=True)
class Counts:
    """Matched, extra and missed units of one page (multiset overlap)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Share of predicted units that are gold; 1.0 when both sides are empty."""
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of gold units that were predicted; 1.0 when both sides are empty."""
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _harmonic(self.precision, self.recall)


def compare(gold: Sequence[object], predicted: Sequence[object]) -> Counts:
    """Count units shared by ``gold`` and ``predicted`` as multisets (order is ignored)."""
    want, got = Counter(gold), Counter(predicted)
    tp = sum((want & got).values())
    return Counts(tp=tp, fp=sum(got.values()) - tp, fn=sum(want.values()) - tp)


def micro(pages: Sequence[Counts]) -> dict[str, float]:
    """Pool the units of all pages, so long pages weigh more."""
    total = Counts(
        tp=sum(c.tp for c in pages), fp=sum(c.fp for c in pages), fn=sum(c.fn for c in pages)
    )
    return {"precision": total.precision, "recall": total.recall, "f1": total.f1}


def macro(pages: Sequence[Counts]) -> dict[str, float]:
    """Average precision and recall over pages, then F1 of the averages (Scrapinghub's way)."""
    precision = statistics.fmean(c.precision for c in pages)
    recall = statistics.fmean(c.recall for c in pages)
    return {"precision": precision, "recall": recall, "f1": _harmonic(precision, recall)}


def bootstrap_std(pages: Sequence[Counts], samples: int = 1000, seed: int = 0) -> float:
    """Standard deviation of macro F1 over pages resampled with replacement (fixed seed)."""
    rng = random.Random(seed)
    n = len(pages)
    scores = [macro([pages[rng.randrange(n)] for _ in range(n)])["f1"] for _ in range(samples)]
    return statistics.stdev(scores) if samples > 1 else 0.0


def _harmonic(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
