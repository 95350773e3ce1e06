"""The hand-annotated quotations (``bench/quotes/gold/``) and the public text they annotate.

Each gold file annotates one page of a public data set; the page's text is never committed
but read from a checkout the user made (see ``gold/README.md``). A Scrapinghub or
newspaper4k page belongs to ``dev`` when the first byte of ``sha256("<dataset>:<page>")`` is
below :data:`DEV_BELOW` (about 60% of pages), else to ``test``; a Scrapinghub page may
instead be filed under ``heldout4`` (its pages are the ones no other split uses, a rule of
the gold README that the tests check); a trafilatura or Readability
page belongs to ``heldout`` or, when its choosing key (:func:`heldout_key`) starts with ``0``
to ``7``, to ``heldout2``, or, when its key is above :data:`HELDOUT_LAST`, to ``heldout3``
only; a goose3 test page belongs to ``heldout3``, a Postlight Parser test page to
``heldout5``; a page of any of these four sets may instead be filed under ``heldout6`` (its
pages are from outlets no other split uses, a rule the tests check); a Fundus parser test
page belongs to ``heldout7`` or ``heldout8`` (their rules keep them apart, which the tests
check), an L3S-GN1 page to ``heldout9`` or the development split ``l3s-dev`` (likewise);
the text of all six is trafilatura's extraction of the page (:func:`extract_text`).
:func:`load` refuses a file filed under a split its page cannot be in, a text whose SHA-256
differs from the annotated one, and an offset that does not give the text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from trafilatura.utils import decode_file

from bench.cleaner import datasets
from bench.cleaner.goldsets import FUNDUS_PAGES, fundus_meta

DEV_BELOW = 154
SPLITS = (
    "dev",
    "test",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "l3s-dev",
)
# the data sets of the heldout* splits whose text is trafilatura's extraction of the HTML
HELDOUT = ("trafilatura", "readability", "goose3", "postlight")
HELDOUT2_KEYS = "01234567"  # first hex digits of heldout2's keys (8-f are reserved elsewhere)
# the key of the last page heldout's walk considered; heldout3 takes only keys above it
HELDOUT_LAST = "ac2f114330349f71ec8a440d2f30630ae8c7bd8ab10db3bbe9bf33c5edd2cc6a"
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
    sources: tuple[tuple[int, int], ...] = ()  # the mention's spans, where the gold has them

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
        """The gold file's stem: a Scrapinghub page's hash is cut to 12 characters (a PolNeAR
        article or a REDEWIEDERGABE sample, which have no gold file, keep their whole name, as
        does an L3S-GN1 page; a Fundus page's ``/`` becomes ``-``)."""
        page = self.page.removesuffix(".html") if self.dataset in HELDOUT else self.page[:12]
        page = self.page if self.dataset in ("polnear", "redewiedergabe", "l3s-gn1") else page
        page = self.page.replace("/", "-") if self.dataset == "fundus" else page
        return f"{self.dataset}-{page}"


def files_digest(files: Iterable[tuple[str, Path]]) -> str:
    """SHA-256 over a line ``"<name> <SHA-256 of the file>"`` for each (name, file), in the
    order given: how a checkout of PolNeAR or REDEWIEDERGABE is pinned."""
    lines = (f"{name} {hashlib.sha256(path.read_bytes()).hexdigest()}\n" for name, path in files)
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def heldout_key(dataset: str, page: str) -> str:
    """The key the heldout splits' candidates were walked in (``gold/README.md``)."""
    return hashlib.sha256(f"heldout:{dataset}:{page}".encode()).hexdigest()


def splits_of(dataset: str, page: str) -> tuple[str, ...]:
    """The splits a page may be filed under, from its id (never from its content):
    ``heldout`` (and ``heldout2`` for the keys it may take) for trafilatura's and
    Readability's pages up to :data:`HELDOUT_LAST`, ``heldout3`` above it and for goose3's
    pages, ``heldout5`` for Postlight Parser's pages, else ``dev`` or ``test`` by a hash, or,
    for a Scrapinghub page, ``heldout4``; ``heldout6`` for any page of :data:`HELDOUT`; and
    ``heldout7`` or ``heldout8`` only for a Fundus page; ``heldout9`` or ``l3s-dev`` only for an
    L3S-GN1 page (their rules keep them apart, which the tests check)."""
    if dataset == "fundus":
        return ("heldout7", "heldout8")
    if dataset == "l3s-gn1":
        return ("heldout9", "l3s-dev")
    later = ("heldout6",) if dataset in HELDOUT else ()
    if dataset == "postlight":
        return ("heldout5", *later)
    if dataset == "goose3" or (dataset in HELDOUT and heldout_key(dataset, page) > HELDOUT_LAST):
        return ("heldout3", *later)
    if dataset in HELDOUT:
        second = heldout_key(dataset, page)[0] in HELDOUT2_KEYS
        return ("heldout", "heldout2", *later) if second else ("heldout", *later)
    first = hashlib.sha256(f"{dataset}:{page}".encode()).digest()[0]
    hashed = ("dev",) if first < DEV_BELOW else ("test",)
    return (*hashed, "heldout4") if dataset == "scrapinghub" else hashed


def fundus_pages(checkout: Path) -> dict[str, str]:
    """Every parser test page of a Fundus checkout, ``<country>/<Publisher>_<date>`` (its path
    under :data:`FUNDUS_PAGES` less ``.html.gz``), with its address from the folder's
    ``meta.info``."""
    return {page: item["url"] for page, item in fundus_meta(checkout).items()}


def l3s_pages(folder: Path) -> dict[str, str]:
    """Every page of the L3S-GN1 folder (``original/<uuid>.html``), by its UUID, with its
    address from ``url-mapping.txt`` (lines ``<urn:uuid:UUID>``, a tab, the URL)."""
    mapping = (folder / "url-mapping.txt").read_text(encoding="utf-8").splitlines()
    urls = dict(line.removeprefix("<urn:uuid:").split(">\t", 1) for line in mapping if line)
    return {p.stem: urls[p.stem] for p in sorted((folder / "original").glob("*.html"))}


def extract_text(html: str) -> str:
    """The text annotated on a ``heldout`` page: trafilatura's main text of its HTML, by the
    version pinned in ``constraints.txt`` (comments left out, nothing deduplicated)."""
    return trafilatura.extract(html, deduplicate=False, include_comments=False) or ""


class Texts:
    """The texts and HTML pages of the data sets, read from the user's checkouts and from PyPI.

    ``scrapinghub``: ``articleBody`` of ``ground-truth.json`` and ``html/<page>.html.gz`` of a
    checkout; ``newspaper4k``: ``tests/data/txt/<page>.txt`` and ``tests/data/html/<page>.html``
    of the pinned newspaper4k sdist, downloaded into ``cache`` when first needed;
    ``trafilatura``: ``cache/<page>`` or ``eval/<page>`` of a trafilatura checkout's
    ``tests/`` folder; ``readability``: ``test/test-pages/<page>/source.html`` of a Mozilla
    Readability checkout; ``goose3``: ``tests/data/content/<page>`` of a goose3 checkout;
    ``postlight``: ``fixtures/<page>`` of a Postlight Parser checkout; ``fundus``:
    ``<FUNDUS_PAGES>/<page>.html.gz`` of a Fundus checkout, gunzipped; ``l3s-gn1``:
    ``original/<page>.html`` of the L3S-GN1 folder. A data set whose folder was not given is
    refused when first read.
    """

    def __init__(
        self,
        scrapinghub: Path | None,
        cache: Path,
        trafilatura: Path | None = None,
        readability: Path | None = None,
        goose3: Path | None = None,
        postlight: Path | None = None,
        fundus: Path | None = None,
        l3s: Path | None = None,
    ) -> None:
        self.folders = {
            "scrapinghub": scrapinghub,
            "trafilatura": trafilatura,
            "readability": readability,
            "goose3": goose3,
            "postlight": postlight,
            "fundus": fundus,
            "l3s-gn1": l3s,
        }
        self.cache = cache
        self._truth: dict[str, dict[str, str]] | None = None
        self._newspaper4k: dict[str, datasets.Page] | None = None

    def text(self, dataset: str, page: str) -> str:
        if dataset == "scrapinghub":
            if self._truth is None:
                path = self._folder(dataset) / "ground-truth.json"
                self._truth = json.loads(path.read_text(encoding="utf-8"))
            return self._truth[page]["articleBody"]
        if dataset in HELDOUT or dataset in ("fundus", "l3s-gn1"):
            return extract_text(self.html(dataset, page))
        return self._newspaper4k_page(dataset, page).gold

    def html(self, dataset: str, page: str) -> str:
        if dataset == "scrapinghub":
            path = self._folder(dataset) / "html" / f"{page}.html.gz"
            return gzip.decompress(path.read_bytes()).decode("utf-8")
        if dataset == "trafilatura":
            tests = self._folder(dataset)
            found = [p for p in (tests / "cache" / page, tests / "eval" / page) if p.exists()]
            if not found:
                raise FileNotFoundError(f"{tests}: neither cache/{page} nor eval/{page}")
            return decode_file(found[0].read_bytes())
        if dataset == "readability":
            path = self._folder(dataset) / "test" / "test-pages" / page / "source.html"
            return decode_file(path.read_bytes())
        if dataset == "goose3":
            path = self._folder(dataset) / "tests" / "data" / "content" / page
            return decode_file(path.read_bytes())
        if dataset == "postlight":
            return decode_file((self._folder(dataset) / "fixtures" / page).read_bytes())
        if dataset == "fundus":
            path = self._folder(dataset) / FUNDUS_PAGES / f"{page}.html.gz"
            return decode_file(gzip.decompress(path.read_bytes()))
        if dataset == "l3s-gn1":
            return decode_file((self._folder(dataset) / "original" / f"{page}.html").read_bytes())
        return self._newspaper4k_page(dataset, page).html

    def _folder(self, dataset: str) -> Path:
        folder = self.folders[dataset]
        if folder is None:
            option = "checkout" if dataset == "scrapinghub" else dataset  # the command's option
            raise ValueError(f"{dataset} pages need --{option} PATH (see bench/quotes/README.md)")
        return folder

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
    if split not in splits_of(data["dataset"], data["page"]):
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
