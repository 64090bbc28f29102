"""Small helpers over passport data that every format and job needs the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pvs.model.paths import lookup

NAME_PARTS = ("roepnaam", "tussenvoegsel", "achternaam")


def display_name(data: Mapping[str, Any]) -> str:
    """The pupil's name as staff write it: roepnaam, tussenvoegsel, achternaam.

    Parts that are missing or not text are left out, and white space is folded, so the name
    fits on one line of an overview or in a file name.
    """
    parts = (lookup(data, f"jongere.{part}") for part in NAME_PARTS)
    return " ".join(" ".join(p for p in parts if isinstance(p, str)).split())
