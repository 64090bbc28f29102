"""Names in a PDF as the file spells them: each `#xx` escape stands for one byte."""

from __future__ import annotations

import re

_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def name_bytes(written: bytes) -> bytes:
    """A name's bytes as a file writes them (`Caf#E9`), with each #xx escape undone."""
    return _ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), written)
