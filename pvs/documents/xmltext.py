"""Which characters XML 1.0 cannot hold, so Word documents and spreadsheets stay readable.

A pupil can type a control character into a PDF form or a JSON file; written into a .docx or
.xlsx it would make the whole file unreadable, so every writer asks here first.
"""

from __future__ import annotations

import re

# Control characters, and half a character (a lone surrogate), which no UTF-8 file can hold.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # �: shows the reader that a character was there


def fits_in_xml(text: str) -> bool:
    """Whether every character of `text` can be stored in an XML 1.0 document."""
    return _ILLEGAL.search(text) is None


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot hold replaced by �."""
    return _ILLEGAL.sub(REPLACEMENT, text)
