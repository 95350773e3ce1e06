"""What a capture is: its media type and encoding, or why it cannot be a capture."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Magic numbers of the binary formats people most often drop into a folder of captures.
_BINARY_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A multi-byte UTF-8 character; Windows-1252 text almost never contains one by chance.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HTML = re.compile(r"\A\s*(<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)


class NotACapture(ValueError):
    """The bytes cannot be stored as a text or HTML capture; the message says why."""


@dataclass(frozen=True)
class Format:
    media_type: str
    encoding: str


def sniff(data: bytes, name: str = "") -> Format:
    """Media type and encoding of ``data``, or :class:`NotACapture` saying why not."""
    if not data:
        raise NotACapture("empty file")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise NotACapture(f"binary file ({what}), not a text or HTML capture")
    encoding = _encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise NotACapture(
            f"starts with a {encoding} byte-order mark but is not valid {encoding} (byte {e.start})"
        ) from None
    if "\x00" in text:
        raise NotACapture("contains NUL characters: binary, not a text capture")
    html = name.lower().endswith((".html", ".htm")) or _HTML.match(text[:1024])
    return Format("text/html" if html else "text/plain", encoding)


def _encoding(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if _UTF8_SEQUENCE.search(data):
            raise NotACapture(
                f"invalid UTF-8 at byte {e.start} in a file that is otherwise UTF-8 "
                "(damaged or truncated?)"
            ) from None
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        raise NotACapture(
            "not valid UTF-8, and not Windows-1252 either: re-save it as UTF-8"
        ) from None
