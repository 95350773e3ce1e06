"""The hand-annotated quotations (``bench/quotes/gold/``) and the public text they annotate.

Each gold file annotates one page of a public data set; the page's text is never committed
but read from a checkout the user made (see ``gold/README.md``). A page belongs to ``dev``
when the first byte of ``sha256("<dataset>:<page>")`` is below :data:`DEV_BELOW` (about 60%
of pages), else to ``test``; :func:`load` refuses a file filed under the wrong split, a
text whose SHA-256 differs from the annotated one, and an offset that does not give the text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from bench.cleaner import datasets

DEV_BELOW = 154
SPLITS = ("dev", "test")
KINDS = ("quote", "partial")


@dataclass(frozen=True)
class GoldQuote:
    """One annotated quotation: where it is, whether it is required, and who said it."""

    start: int
    end: int
    text: str
    kind: str  # "quote" (required) or "partial" (optional)
    speaker: str  # fullest name in the article, or the organisation; "" when unnamed
    mention: str  # the mention nearest the quotation that refers to the speaker

    @property
    def required(self) -> bool:
        return self.kind == "quote"


@dataclass(frozen=True)
class Page:
    """One annotated page with its text (and HTML, where the data set has it)."""

    dataset: str
    page: str
    url: str
    outlet: str
    split: str
    text: str
    html: str
    quotes: tuple[GoldQuote, ...]

    @property
    def name(self) -> str:
        return f"{self.dataset}-{self.page[:12]}"


def split_of(dataset: str, page: str) -> str:
    """``dev`` or ``test``, from a hash of the page's id (never from its content)."""
    first = hashlib.sha256(f"{dataset}:{page}".encode()).digest()[0]
    return "dev" if first < DEV_BELOW else "test"


class Texts:
    """The texts and HTML pages of the data sets, read from the user's checkout and from PyPI.

    ``scrapinghub``: ``articleBody`` of ``ground-truth.json`` and ``html/<page>.html.gz`` of a
    checkout; ``newspaper4k``: ``tests/data/txt/<page>.txt`` and ``tests/data/html/<page>.html``
    of the pinned newspaper4k sdist, downloaded into ``cache`` when first needed.
    """

    def __init__(self, scrapinghub: Path, cache: Path) -> None:
        self.scrapinghub = scrapinghub
        self.cache = cache
        self._truth: dict[str, dict[str, str]] | None = None
        self._newspaper4k: dict[str, datasets.Page] | None = None

    def text(self, dataset: str, page: str) -> str:
        if dataset == "scrapinghub":
            if self._truth is None:
                path = self.scrapinghub / "ground-truth.json"
                self._truth = json.loads(path.read_text(encoding="utf-8"))
            return self._truth[page]["articleBody"]
        return self._newspaper4k_page(dataset, page).gold

    def html(self, dataset: str, page: str) -> str:
        if dataset == "scrapinghub":
            path = self.scrapinghub / "html" / f"{page}.html.gz"
            return gzip.decompress(path.read_bytes()).decode("utf-8")
        return self._newspaper4k_page(dataset, page).html

    def _newspaper4k_page(self, dataset: str, page: str) -> datasets.Page:
        if dataset != "newspaper4k":
            raise ValueError(f"unknown data set {dataset!r}")
        if self._newspaper4k is None:
            sdist = datasets.fetch_newspaper4k(self.cache)
            self._newspaper4k = {p.name: p for p in datasets.newspaper4k_pages(sdist)}
        return self._newspaper4k[page]


def load(gold_dir: Path, texts: Texts, splits: tuple[str, ...] = SPLITS) -> list[Page]:
    """Every annotated page of ``splits``, checked against its text, in file-name order."""
    pages = []
    for split in splits:
        for path in sorted((gold_dir / split).glob("*.json")):
            pages.append(_page(path, split, texts))
    return pages


def _page(path: Path, split: str, texts: Texts) -> Page:
    data = json.loads(path.read_text(encoding="utf-8"))
    if split_of(data["dataset"], data["page"]) != split:
        raise ValueError(f"{path}: filed under {split}, but its page hashes to the other split")
    text = texts.text(data["dataset"], data["page"])
    if hashlib.sha256(text.encode()).hexdigest() != data["text_sha256"]:
        raise ValueError(f"{path}: the text differs from the one annotated (sha256)")
    quotes = tuple(GoldQuote(**q) for q in data["quotes"])
    for q in quotes:
        if text[q.start : q.end] != q.text or q.kind not in KINDS:
            raise ValueError(f"{path}: bad quotation at {q.start}:{q.end} ({q.text[:40]!r})")
    return Page(
        dataset=data["dataset"],
        page=data["page"],
        url=data["url"],
        outlet=data["outlet"],
        split=split,
        text=text,
        html=texts.html(data["dataset"], data["page"]),
        quotes=quotes,
    )
