"""How often ingest's encoding detection is right, on real text re-encoded in legacy codecs.

Reads HTML pages (``*.html``, ``*.html.gz``) under the folders given, takes each page's visible
text, keeps the pages mostly in one script (Cyrillic, Arabic, Japanese, Chinese, Latin), and
encodes the first N characters of the text in each legacy encoding of that script (characters
the codec lacks are dropped). Each sample is then sniffed as plain text, without any declaration,
and counted as right (decodes to the same text), refused, or wrong::

    python -m bench.charset /work/devsets/trafilatura/tests/eval /work/devsets/readability/test
"""

from __future__ import annotations

import gzip
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import lxml.etree
import lxml.html

from pipeline.raw.formats import NotACapture, sniff

CODECS = {
    "CYRILLIC": ("cp1251", "koi8-r"),
    "ARABIC": ("cp1256",),
    "JAPANESE": ("shift_jis",),
    "CJK": ("gb18030",),
    "LATIN": ("cp1252",),
}
LENGTHS = (80, 300, 1000)


def script(text: str) -> str | None:
    """The script most letters of ``text`` are in (kana makes CJK text Japanese), or None."""
    names: Counter[str] = Counter()
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "").split(" ")[0]
            names["JAPANESE" if name in ("HIRAGANA", "KATAKANA") else name] += 1
    if not names:
        return None
    if names["JAPANESE"] > names.total() / 10:
        return "JAPANESE"
    top, n = names.most_common(1)[0]
    return top if top in CODECS and n > names.total() * 0.6 else None


def pages(folders: list[Path]) -> list[str]:
    texts = []
    for folder in folders:
        for path in sorted([*folder.rglob("*.html"), *folder.rglob("*.html.gz")]):
            data = path.read_bytes()
            data = gzip.decompress(data) if path.suffix == ".gz" else data
            try:  # the data sets' pages are UTF-8: one that is not, or is broken, is left out
                body = lxml.html.document_fromstring(data.decode("utf-8")).find("body")
            except (UnicodeDecodeError, ValueError, lxml.etree.ParserError):
                continue
            if body is not None:
                for bad in body.xpath("//script|//style|//noscript"):
                    bad.drop_tree()
                text = " ".join(body.text_content().split())
                if "Ã" not in text and "\ufffd" not in text:  # mojibake in the page itself
                    texts.append(text)
    return texts


def main(folders: list[Path]) -> None:
    outcomes: Counter[tuple[str, int, str]] = Counter()
    for text in pages(folders):
        if (kind := script(text)) is None:
            continue
        for codec in CODECS[kind]:
            for length in LENGTHS:
                sample = text[:length].encode(codec, "ignore")
                try:
                    found = sniff(sample).encoding
                    right = sample.decode(found) == sample.decode(codec)
                    outcome = "right" if right else f"wrong ({found})"
                except NotACapture:
                    outcome = "refused"
                outcomes[(codec, length, outcome.split(" ")[0])] += 1
                if outcome.startswith("wrong"):
                    print(f"{codec} {length}: {outcome}: {text[:60]!r}", file=sys.stderr)
    print("| codec | characters | pages | right | refused | wrong |\n|---|---|---|---|---|---|")
    for codec in [c for cs in CODECS.values() for c in cs]:
        for length in LENGTHS:
            n = {o: outcomes[(codec, length, o)] for o in ("right", "refused", "wrong")}
            if total := sum(n.values()):
                counts = " | ".join(str(n[o]) for o in ("right", "refused", "wrong"))
                print(f"| {codec} | {length} | {total} | {counts} |")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
