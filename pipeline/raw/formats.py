"""What a capture is: its media type and encoding, or why it cannot be a capture.

The encoding is decided by the rules of :mod:`pipeline.raw.charset` unless one is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.raw.charset import UnknownEncoding, codec, encoding_of, looks_like_html

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


class NotACapture(ValueError):
    """The bytes cannot be stored as a text or HTML capture; the message says why."""


@dataclass(frozen=True)
class Format:
    media_type: str
    encoding: str


def sniff(data: bytes, name: str = "", encoding: str | None = None) -> Format:
    """Media type and encoding of ``data``, or :class:`NotACapture` saying why not.

    ``encoding`` (a label such as ``windows-1251``) is used instead of detection; the bytes
    must decode with it.
    """
    if not data:
        raise NotACapture("empty file")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise NotACapture(f"binary file ({what}), not a text or HTML capture")
    named_html = name.lower().endswith((".html", ".htm"))
    try:
        if encoding is None:
            encoding = encoding_of(data, html=named_html or looks_like_html(data))
        else:
            encoding = codec(encoding) or encoding
        text = data.decode(encoding)
    except UnknownEncoding as e:
        raise NotACapture(str(e)) from None
    except UnicodeDecodeError as e:
        raise NotACapture(f"not valid {encoding} (byte {e.start})") from None
    except LookupError:
        raise NotACapture(f"unknown encoding {encoding!r}") from None
    if "\x00" in text:
        raise NotACapture(
            "contains NUL characters: binary, not a text capture (UTF-16 needs a byte-order mark "
            "unless its NULs stand where UTF-16's would)"
        )
    html = named_html or looks_like_html(text[:1024].encode("utf-8"))
    return Format("text/html" if html else "text/plain", encoding)
