"""Which encoding a capture's bytes are in, decided once at ingest and recorded.

The rules, in order (the first that applies decides):

1. A byte-order mark: UTF-8, UTF-16 or UTF-32 (the mark is not part of the decoded text).
   Without one, bytes of even length holding a NUL (which no legacy or UTF-8 text does, and
   UTF-16 has as the high byte of every ASCII space or letter) that decode as UTF-16 to text
   with no NUL or other control character but white space (which binary data never does) are
   UTF-16, in the byte order that puts more NULs in high bytes (``utf-16-le``/``utf-16-be``).
2. Bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever a page declares: a page
   converted to UTF-8 that kept its old ``<meta charset>`` is the common lie, and legacy text
   with a few letters in it is never valid UTF-8 by chance.
3. An HTML capture's declared charset, found by the WHATWG prescan of its first 1,024 bytes
   (``<meta charset>`` or ``<meta http-equiv="Content-Type" content="…; charset=…">``), if the
   bytes decode with it; a declaration they do not decode with is ignored.
4. Valid UTF-8 (plain ASCII included) is UTF-8.
5. Text that is mostly UTF-8 with a few invalid bytes is refused as damaged, not guessed at;
   so is text whose bytes all have UTF-8's shape (a lead byte and its continuation bytes) but
   encode what UTF-8 forbids: overlong forms, surrogates (CESU-8), code points past U+10FFFF.
   Legacy text never has that shape: its letters are not followed by continuation bytes.
6. Otherwise ``charset-normalizer`` lists the readings in the legacy encodings of the WHATWG
   Encoding Standard (the ones web pages are written in; not the Mac code pages, unused on the
   web and often mistaken for Windows-1252). Of those, the ones with the fewest words that mix
   scripts (``EDUCACIำN``: Latin read as Thai) are kept, and the first of them in
   charset-normalizer's order is taken if no other kept one about as orderly (chaos within
   0.01) reads the bytes as different text, unless it fits its language clearly better
   (coherence 0.1 higher). Where a rival is left and one of the readings is Windows-1252's
   (the default of undeclared Western pages) and looks Western (most letters ASCII, and none
   of the letter combinations Cyrillic, Turkish or Czech read as Windows-1252 give), that one
   is taken. Anything else is ambiguous, and refused with the candidates named.

Names are recorded as Python's codecs name them (``windows-1251`` → ``cp1251``), widened as the
WHATWG standard widens labels (``shift_jis`` → ``cp932``, ``gb2312``/``gbk`` → ``gb18030``,
``iso-8859-1``/``ascii`` → ``cp1252``) where the bytes decode with the wider codec, so that
``bytes.decode(name)`` reads a capture the same way everywhere, with no detector at read time.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# How the WHATWG Encoding Standard reads a label, where Python's codec of that name is narrower.
_WIDER = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "utf-16": "utf-8",  # a declaration in bytes that are readable as ASCII cannot be UTF-16
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
# The legacy encodings of the WHATWG Encoding Standard, named as Python and charset-normalizer do.
WEB_LEGACY = (
    *(f"cp{n}" for n in (1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258, 874, 866)),
    *(f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    *("koi8_r", "koi8_u"),  # not the Mac code pages: unused on the web, and they misread cp1252
    *("cp932", "euc_jp", "iso2022_jp", "gb18030", "big5", "cp949"),
)
_CHAOS_TIE = 0.01
_COHERENCE_LEAD = 0.1
# Letters of Windows-1252 that Turkish (ğ, ş) and Czech (ř beside ě, č, ň, ů) turn into.
_ICELANDIC, _O_SLASH, _GRAVE = re.compile("[ðþÐÞ]"), re.compile("[øØ]"), re.compile("[ìèòùÌÈÒÙ]")
# Bytes that are sequences of UTF-8's shape, valid or not: ASCII, or a lead byte and as many
# continuation bytes as it announces.
_UTF8_SHAPED = re.compile(
    rb"(?:[\x00-\x7f]|[\xc0-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf7][\x80-\xbf]{3})*"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_HTML = re.compile(rb"\A\s*(<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)
# The WHATWG prescan, as patterns over bytes: comments, <meta> tags, other tags, and attributes.
_TOKEN = re.compile(
    rb"<!--.*?(?:-->|\Z)|<meta(?=[\s/])(?P<meta>[^>]*)|</?[a-zA-Z][^>]*|<[!/?][^>]*",
    re.DOTALL | re.IGNORECASE,
)
_ATTR = re.compile(
    rb"""[\s/]*(?P<name>[^\s/>=]+)\s*(?:=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]*)))?"""
)
_CONTENT_CHARSET = re.compile(
    rb"""charset\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s;"']+))""", re.IGNORECASE
)


class UnknownEncoding(ValueError):
    """The bytes cannot be decoded with confidence; the message says why."""


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts as an HTML document does (a doctype, ``<html>`` or ``<head>``)."""
    return bool(_HTML.match(data[:1024]))


def codec(label: str) -> str | None:
    """Python's name for the codec of an encoding label, or None if Python has none."""
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def encoding_of(data: bytes, html: bool = False) -> str:
    """The encoding ``data`` is in by the rules above, or :class:`UnknownEncoding` saying why."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            if (where := _invalid(data, name)) is not None:
                raise UnknownEncoding(
                    f"starts with a {name} byte-order mark but is not valid {name} (byte {where})"
                )
            return name
    if (utf16 := _utf16_without_bom(data)) is not None:
        return utf16
    utf8 = _invalid(data, "utf-8") is None
    if utf8 and not data.isascii():
        return "utf-8"
    if html and (declared := prescan(data)) and (readable := _readable(data, declared)):
        return readable
    if utf8:
        return "utf-8"
    _refuse_damaged_utf8(data)
    return _detect(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text without a byte-order mark, else None."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    readings = []
    for name, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        try:
            text = data.decode(name)  # once: validity and the control characters from it
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            readings.append((data[high::2].count(0), name))
    return max(readings)[1] if readings else None


def prescan(data: bytes) -> str | None:
    """The charset an HTML document declares in its first 1,024 bytes (WHATWG prescan), raw."""
    for token in _TOKEN.finditer(data[:1024]):
        if token["meta"] is None:
            continue
        attrs: dict[bytes, bytes] = {}
        for attr in _ATTR.finditer(token["meta"]):
            value = next((v for v in attr.group("dq", "sq", "bare") if v is not None), b"")
            attrs.setdefault(attr["name"].lower(), value)
        if b"charset" in attrs:
            label = attrs[b"charset"]
        elif attrs.get(b"http-equiv", b"").strip().lower() == b"content-type" and (
            found := _CONTENT_CHARSET.search(attrs.get(b"content", b""))
        ):
            label = next(v for v in found.group("dq", "sq", "bare") if v is not None)
        else:
            continue
        if label.strip():
            return label.decode("ascii", "replace")
    return None


def _readable(data: bytes, label: str) -> str | None:
    """The codec of ``label`` (widened, if that reads ``data``) if ``data`` decodes with it."""
    if (name := codec(label)) is None:
        return None
    for candidate in (_WIDER.get(name), name):
        if candidate and _invalid(data, candidate) is None:
            return candidate
    return None


def _invalid(data: bytes, name: str) -> int | None:
    """The offset of the first byte ``data`` cannot be decoded at in ``name``, or None."""
    try:
        data.decode(name)
    except UnicodeDecodeError as e:
        return e.start
    return None


def _refuse_damaged_utf8(data: bytes) -> None:
    """Refuse text whose valid UTF-8 sequences are at least as many as its invalid bytes, or
    that has UTF-8's shape throughout."""
    if _UTF8_SHAPED.fullmatch(data):
        raise UnknownEncoding(
            f"UTF-8 in form but not valid UTF-8 at byte {_invalid(data, 'utf-8')} (an overlong "
            "form, a surrogate or a code point past U+10FFFF)"
        )
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    good = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    if good >= bad:
        raise UnknownEncoding(
            f"invalid UTF-8 at byte {_invalid(data, 'utf-8')} in a file that is otherwise "
            "UTF-8 (damaged or truncated?)"
        )


def _detect(data: bytes) -> str:
    """charset-normalizer's choice among the web's legacy encodings, if it is a clear one."""
    head = _head(data)
    matches = [
        m
        # not preemptive: a declaration is rule 3's to read, and this one found it wanting
        for m in from_bytes(head, cp_isolation=list(WEB_LEGACY), preemptive_behaviour=False)
        if _invalid(data, m.encoding) is None  # the whole of it, not the part read
    ]
    if not matches:
        raise UnknownEncoding(
            "not valid UTF-8, nor readable in any legacy web encoding: re-save it as UTF-8"
        )
    mixed = {m.encoding: _mixed_words(str(m)) for m in matches}
    matches = [m for m in matches if mixed[m.encoding] == min(mixed.values())]
    best = matches[0]
    text = str(best)
    rivals = [
        m
        for m in matches[1:]
        if m.chaos <= best.chaos + _CHAOS_TIE
        and m.coherence + _COHERENCE_LEAD > best.coherence
        and str(m) != text
    ]
    name = _recorded(data, head, best.encoding, text)
    if not rivals:
        return name
    readings = {name, *(_recorded(data, head, m.encoding, str(m)) for m in rivals)}
    if "cp1252" in readings and _western(data.decode("cp1252")):
        return "cp1252"
    raise UnknownEncoding(
        f"cannot tell its encoding with confidence ({', '.join(sorted(readings))}?): "
        "re-save it as UTF-8, or give it with --encoding"
    )


def _head(data: bytes, size: int = 1_000_000) -> bytes:
    """The first ``size`` bytes or so of ``data``, cut after a line break or a space (never
    inside a character of any legacy encoding), which is plenty to tell an encoding by."""
    if len(data) <= size:
        return data
    cut = max(data.rfind(b"\n", 0, size), data.rfind(b" ", 0, size))
    return data[: cut + 1] if cut > 0 else data


def _mixed_words(text: str, sample: int = 65_536) -> int:
    """Words in the first ``sample`` characters whose letters, marks and digits are of more
    than one script, as legacy text read in the wrong code page has (``EDUCACIำN``, Latin and
    Thai). Words are split at anything else."""
    mixed, scripts = 0, set()
    for c in text[:sample] + " ":
        if c.isalnum() or (not c.isascii() and unicodedata.category(c)[0] in "LMN"):
            scripts.add(_script(c))
        else:
            mixed += len(scripts - {None}) > 1
            scripts = set()
    return mixed


@cache
def _script(char: str) -> str | None:
    """The script of a letter, mark or digit (kana, kanji and full-width forms are one: they
    mix in words); None for an ASCII digit and a combining mark of any script (cp1258's tones)."""
    if char.isascii():
        return "LATIN" if char.isalpha() else None
    script = unicodedata.name(char, "?").split(" ")[0]
    if script == "COMBINING":
        return None
    return "CJK" if script in ("HIRAGANA", "KATAKANA", "FULLWIDTH", "HALFWIDTH") else script


def _western(text: str) -> bool:
    """Whether ``text`` (read as Windows-1252) looks like a Western language: most letters
    ASCII (Cyrillic read so is all accented letters), no ð or þ (Turkish ğ and ş read so), and
    no ø beside ì, è, ò or ù (Czech ř beside ě, č, ň or ů), which no Western language writes."""
    letters = [c for c in text if c.isalpha()]
    if sum(c.isascii() for c in letters) * 2 <= len(letters) or _ICELANDIC.search(text):
        return False
    return not (_O_SLASH.search(text) and _GRAVE.search(text))


def _recorded(data: bytes, head: bytes, name: str, text: str) -> str:
    """The name to record for a codec that reads ``head`` (of ``data``) as ``text``: Windows-1252
    where that reads the same, else the codec (widened as WHATWG reads its label)."""
    if _invalid(data, "cp1252") is None and head.decode("cp1252") == text:
        return "cp1252"
    return _readable(data, name) or name
