"""``python -m bench.quotes.pick --trafilatura DIR --readability DIR``: heldout candidates.

Lists the pages of trafilatura's evaluation set and Mozilla Readability's test pages (and,
with ``--goose3 DIR``, goose3's test pages, a source of ``heldout3``; with ``--postlight
DIR`` alone, Postlight Parser's top-level ``fixtures/*.html``, ``heldout5``'s source) in the
order the heldout splits were chosen in (ascending ``sha256("heldout:<dataset>:<page>")``), and,
for the pages named in ``--measure FILE`` (lines ``<dataset> <page>``), what the rule of
``gold/README.md`` checks mechanically: the text's length, its double quotation marks and
its language by function words. Whether a URL is a news article was judged by hand, from
the URL alone, walking this list; only the pages so judged were measured. With ``--fundus
DIR`` alone it lists, and measures, every Fundus parser test page in ``heldout7``'s order
(ascending ``sha256("heldout7:fundus:<page>")``), or, with ``--order heldout8``, in
``heldout8``'s (``sha256("heldout8:fundus:<page>")``), with the share of the text's words that
are the named language's function words. With ``--l3s-gn1 DIR`` alone it lists, and
measures, every L3S-GN1 page in ``heldout9``'s order (``sha256("heldout9:l3s-gn1:<page>")``),
adding whether its outlet is in a committed split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from bench.quotes.gold import HELDOUT, SPLITS, Texts, fundus_pages, heldout_key, l3s_pages

URL = re.compile(r"\burl\s*=\s*['\"`](https?://[^'\"`\s]+)['\"`]")
GOLD = Path(__file__).parent / "gold"
MARKS = re.compile(r"[\"“”„«»]")
WORDS = {
    "en": ("the", "and", "of", "to"),
    "de": ("der", "die", "und", "das"),
    "fr": ("le", "la", "et", "les"),
    "es": ("el", "los", "y", "del"),
}


def language(text: str) -> str:
    """The language whose function words are most frequent in the text."""
    words = re.findall(r"\w+", text.lower())
    return max(WORDS, key=lambda lang: sum(words.count(w) for w in WORDS[lang]))


def pages(
    trafilatura: Path | None,
    readability: Path | None,
    goose3: Path | None = None,
    postlight: Path | None = None,
) -> Iterator[tuple[str, str, str]]:
    """Every candidate of the checkouts given as (dataset, page, url), in the heldout order."""
    found = []
    if trafilatura:
        evaldata = json.loads((trafilatura / "evaldata.json").read_text("utf-8"))
        for url, item in evaldata.items():
            if any((trafilatura / sub / item["file"]).exists() for sub in ("cache", "eval")):
                found.append(("trafilatura", item["file"], url))
    for folder in (readability / "test" / "test-pages").iterdir() if readability else ():
        if (folder / "source.html").is_file() and (folder / "expected.html").is_file():
            found.append(("readability", folder.name, canonical_url(folder / "source.html")))
    for html in sorted((goose3 / "tests" / "data" / "content").glob("*.html")) if goose3 else ():
        url = json.loads(html.with_suffix(".json").read_text("utf-8"))["url"]
        found.append(("goose3", html.name, url))
    if postlight:
        urls = postlight_urls(postlight)
        for html in sorted((postlight / "fixtures").glob("*.html")):
            found.append(("postlight", html.name, urls.get(html.name) or canonical_url(html)))
    yield from sorted(found, key=lambda c: heldout_key(c[0], c[1]))


def language_share(text: str) -> float:
    """The share of the text's words that are function words of :func:`language`'s choice
    (``heldout7`` and ``heldout8`` take a page's language only at 4% or more)."""
    words = re.findall(r"\w+", text.lower())
    chosen = WORDS[language(text)]
    return sum(w in chosen for w in words) / len(words) if words else 0.0


def fundus_order(checkout: Path, split: str = "heldout7") -> list[tuple[str, str, str]]:
    """Every Fundus parser test page as (dataset, page, url), in ``split``'s order."""
    return _order("fundus", fundus_pages(checkout), split)


def l3s_order(folder: Path) -> list[tuple[str, str, str]]:
    """Every L3S-GN1 page as (dataset, page, url), in ``heldout9``'s order."""
    return _order("l3s-gn1", l3s_pages(folder), "heldout9")


def _order(dataset: str, urls: dict[str, str], split: str) -> list[tuple[str, str, str]]:
    order = sorted(urls, key=lambda page: walk_key(split, dataset, page))
    return [(dataset, page, urls[page]) for page in order]


def walk_key(split: str, dataset: str, page: str) -> str:
    """The key a Fundus or L3S-GN1 split's candidates are walked in (``gold/README.md``)."""
    return hashlib.sha256(f"{split}:{dataset}:{page}".encode()).hexdigest()


def known_outlets(gold: Path = GOLD) -> set[str]:
    """The outlets of every committed split (the ``outlet`` of their JSON files)."""
    files = (path for split in SPLITS for path in sorted((gold / split).glob("*.json")))
    return {json.loads(path.read_text("utf-8"))["outlet"] for path in files}


def is_known(host: str, outlets: set[str]) -> bool:
    """Whether the host is one of the outlets, or a subdomain of one, or has one as its own."""
    return any(host == o or host.endswith(f".{o}") or o.endswith(f".{host}") for o in outlets)


def postlight_urls(checkout: Path) -> dict[str, str]:
    """Each Postlight fixture's address as its test gives it: the last ``url = '<address>'``
    before the test reads ``./fixtures/<page>``."""
    urls: dict[str, str] = {}
    for test in sorted((checkout / "src").rglob("*.test.js")):
        source = test.read_text("utf-8")
        for read in re.finditer(r"fixtures/([^'\"/]+\.html)", source):
            before = URL.findall(source[: read.start()])
            if before:
                urls.setdefault(read[1], before[-1])
    return urls


def canonical_url(source: Path) -> str:
    """The page's own address as its HTML states it (canonical link or og:url), or ''."""
    html = source.read_text(encoding="utf-8", errors="replace")
    for pattern in (
        r'<link[^>]+rel="canonical"[^>]+href="([^"]+)"',
        r'<link[^>]+href="([^"]+)"[^>]+rel="canonical"',
        r'<meta[^>]+property="og:url"[^>]+content="([^"]+)"',
    ):
        if m := re.search(pattern, html):
            return m[1]
    return ""


def main() -> None:
    """Print the candidates in order, measuring the ones asked for."""
    parser = argparse.ArgumentParser(prog="python -m bench.quotes.pick", description=__doc__)
    parser.add_argument("--trafilatura", type=Path)
    parser.add_argument("--readability", type=Path)
    parser.add_argument("--goose3", type=Path, help="a goose3 checkout (heldout3's third source)")
    parser.add_argument("--postlight", type=Path, help="a Postlight Parser checkout (heldout5)")
    parser.add_argument(
        "--fundus", type=Path, help="a Fundus checkout (heldout7, heldout8), measured whole"
    )
    parser.add_argument("--order", choices=("heldout7", "heldout8"), default="heldout7")
    parser.add_argument("--l3s-gn1", type=Path, help="the L3S-GN1 folder (heldout9), all measured")
    parser.add_argument("--measure", help="a file of '<dataset> <page>' lines to measure")
    args = parser.parse_args()
    texts = Texts(
        None,
        Path(),
        args.trafilatura,
        args.readability,
        args.goose3,
        args.postlight,
        args.fundus,
        args.l3s_gn1,
    )
    measure = set(Path(args.measure).read_text().splitlines()) if args.measure else set()
    outlets = known_outlets()
    if args.fundus or args.l3s_gn1:
        candidates = fundus_order(args.fundus, args.order) if args.fundus else []
        candidates += l3s_order(args.l3s_gn1) if args.l3s_gn1 else []
        measure = {f"{dataset} {page}" for dataset, page, _ in candidates}
    else:
        candidates = list(pages(args.trafilatura, args.readability, args.goose3, args.postlight))
    for dataset, page, url in candidates:
        host = (urlparse(url).hostname or "").removeprefix("www.")
        split = "heldout9" if dataset == "l3s-gn1" else args.order
        key = heldout_key(dataset, page) if dataset in HELDOUT else walk_key(split, dataset, page)
        head = f"{key[:8]} {dataset:11} {page:30} {host:30}"
        if f"{dataset} {page}" not in measure:
            print(f"{head} {url}")
            continue
        text = texts.text(dataset, page)
        marks = len(MARKS.findall(text))
        share = f"{language(text)} {language_share(text):.3f}"
        known = ""
        if dataset == "l3s-gn1":
            known = " known" if is_known(host, outlets) else " new  "
        print(f"{head} {len(text):6} {marks:3} {share}{known} {url}")


if __name__ == "__main__":
    main()
