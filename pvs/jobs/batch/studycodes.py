"""What a study code in a school export says: the kind of school and the year, or a named doubt.

The words are data (schemas/studiecodes.csv), so a school's own spelling is one line to add. A
combined class ("KGT4", "4 BB/KB", "Havo/vwo 3") is never guessed: the kind stays open for the
pupil to fill in, and the row gets a warning.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from pvs.resources import data_dir

COMBINED, IGNORE = "gecombineerd", "negeren"
TABLE = "studiecodes.csv"
VMBO_YEARS = 4
_WORD = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class Study:
    """What pvs read from a study code; `doubt` says in Dutch why a part stays open."""

    kind: str | None
    year: int | None
    doubt: str | None = None


@cache
def code_words() -> dict[str, str]:
    """Each word of the table and its meaning: a kind of school, COMBINED or IGNORE."""
    text = (data_dir("schemas") / TABLE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["woord"]: row["betekenis"] for row in csv.DictReader(lines, delimiter=";")}


def read_study(text: str) -> Study:
    """'4 vmbo-t' -> vmbo-tl, year 4; 'KGT4' -> kind open (a combined class), year 4."""
    words = _WORD.findall(text.casefold())
    years = {int(w) for w in words if w.isdecimal() and len(w) == 1 and 1 <= int(w) <= 6}
    year = years.pop() if len(years) == 1 else None
    meanings = _meanings([w for w in words if not w.isdecimal()])
    kinds = meanings - {COMBINED}
    if COMBINED in meanings or len(kinds) > 1:
        return Study(None, year, "combined")
    if not kinds:
        return Study(None, year, "leerweg" if "vmbo" in words else "unknown")
    kind = kinds.pop()
    if kind.startswith("vmbo") and year and year > VMBO_YEARS:
        return Study(kind, None, "year")
    return Study(kind, year)


def _meanings(words: list[str]) -> set[str]:
    """The meanings of the words; one-letter words only when no longer word names a kind, so
    the E and M of 'VWO 5 E&M' are not read as a mavo."""
    table = code_words()
    long = {table[w] for w in words if len(w) > 1 and w in table} - {IGNORE}
    if long:
        return long
    return {table[w] for w in words if w in table} - {IGNORE}


def programme(text: str) -> tuple[str | None, int | None]:
    """Onderwijstype and leerjaar from '4 BB', 'VMBO-KB 4', 'HAVO 5', 'H5' and the like."""
    study = read_study(text)
    return study.kind, study.year
