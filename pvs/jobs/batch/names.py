"""File names for pupils' passports: readable, unique, and safe on Windows and macOS."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pvs.model.passport import display_name
from pvs.model.paths import lookup

MAX_STEM = 80  # characters
# Bytes, in UTF-8: file systems allow 255, and macOS may store a name decomposed (é as e + ´),
# which makes it up to half as long again; the number that keeps a name unique comes after.
MAX_STEM_BYTES = 150
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_stem(text: str) -> str:
    """`text` without characters Windows or macOS refuse, in NFC, never a reserved name."""
    stem = unicodedata.normalize("NFC", _FORBIDDEN.sub(" ", text))
    stem = _cut(re.sub(r"\s+", " ", stem).strip().rstrip(". "))
    if not stem or stem.split(".")[0].upper() in _RESERVED:
        stem = f"paspoort {stem}".strip()
    return stem


def _cut(stem: str) -> str:
    """At most MAX_STEM characters and MAX_STEM_BYTES bytes, never half a character."""
    cut = stem[:MAX_STEM].encode()[:MAX_STEM_BYTES].decode(errors="ignore")
    return cut.rstrip(". ")


class UniqueNames:
    """Hands out stems no other pupil got; case-insensitively, as Windows and macOS compare."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}  # where to go on counting, so many namesakes stay quick

    def claim(self, wanted: str) -> str:
        number = self.next.get(wanted.casefold(), 1)
        stem = wanted if number == 1 else f"{wanted} ({number})"
        while stem.casefold() in self.taken:
            number += 1
            stem = f"{wanted} ({number})"
        self.next[wanted.casefold()] = number + 1
        self.taken.add(stem.casefold())
        return stem


def pupil_stem(data: dict[str, Any]) -> str:
    """'012345 Şükrü van der Yılmaz': pupil number first, so a folder sorts by number."""
    number = lookup(data, "jongere.leerlingnummer")
    return safe_stem(f"{number or ''} {display_name(data)}")
