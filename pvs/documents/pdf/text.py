"""Text in a PDF, read as well as possible: a byte no encoding explains becomes U+FFFD, never an
error. Form fillers do not all encode as the PDF standard says."""

from __future__ import annotations

import re
from typing import Any

import pikepdf

UNREADABLE = "\ufffd"  # what stands in for bytes no text encoding could read
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def pdf_text(value: Any) -> str | None:
    """The text of a PDF string, name or number; None for anything else (null, an array)."""
    if isinstance(value, pikepdf.Name):
        raw = name_bytes(value.unparse()[1:])
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")  # names were single bytes before PDF 1.7 said UTF-8
    if isinstance(value, pikepdf.String):
        try:
            return str(value)
        except UnicodeDecodeError:  # pikepdf decodes strictly
            return _loose_text(bytes(value))
    if value is None or isinstance(value, pikepdf.Object):  # a dictionary, an array, a stream
        return None
    return str(value)  # a number, which pikepdf hands over as a Python number


def name_bytes(written: bytes) -> bytes:
    """A name's bytes as a file writes them (`Caf#E9`), with each #xx escape undone."""
    return _ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), written)


def _loose_text(raw: bytes) -> str:
    """A PDF text string whose bytes do not all fit the encoding its start announces."""
    for mark, encoding in ((b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8")):
        if raw.startswith(mark):
            return raw[len(mark) :].decode(encoding, "replace")
    return raw.decode("pdfdoc", "replace")
