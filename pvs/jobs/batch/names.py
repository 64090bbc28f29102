"""File names for pupils' passports: readable, unique, and safe on Windows and macOS."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pvs.model.passport import display_name
from pvs.model.paths import lookup

MAX_STEM = 80
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
    stem = re.sub(r"\s+", " ", stem).strip().rstrip(". ")[:MAX_STEM].rstrip(". ")
    if not stem or stem.split(".")[0].upper() in _RESERVED:
        stem = f"paspoort {stem}".strip()
    return stem


class UniqueNames:
    """Hands out stems no other pupil got; case-insensitively, as Windows and macOS compare."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        stem, number = wanted, 1
        while stem.casefold() in self.taken:
            number += 1
            stem = f"{wanted} ({number})"
        self.taken.add(stem.casefold())
        return stem


def pupil_stem(data: dict[str, Any]) -> str:
    """'012345 Şükrü van der Yılmaz': pupil number first, so a folder sorts by number."""
    number = lookup(data, "jongere.leerlingnummer")
    return safe_stem(f"{number or ''} {display_name(data)}")
