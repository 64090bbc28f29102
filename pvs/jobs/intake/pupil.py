"""Who a row is about: the name as a list sorts it, and the key that finds the pupil again.

The key is the pupil number (the school's stamnummer, leading zeros kept) when there is one,
else the name with the date of birth; two pupils with the same name are told apart by their
birth date, and a name alone is never enough. Notes carried over from an earlier overview and
returns matched to the school's list of pupils both use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pvs.model.paths import lookup


def sort_name(data: Mapping[str, Any]) -> str:
    """'Berg, Daan van den': the surname first, as Magister and Intergrip list pupils."""
    first, between, last = (
        _text(lookup(data, f"jongere.{part}"))
        for part in ("roepnaam", "tussenvoegsel", "achternaam")
    )
    given = " ".join(p for p in (first, between) if p)
    return ", ".join(p for p in (last, given) if p)


def number_key(number: Any) -> str:
    text = _text(number).upper()
    return f"nummer:{text}" if text else ""


def name_key(name: Any, born: Any) -> str:
    """The name (case and spacing folded) with the birth date; '' without either."""
    text, day = _text(name).casefold(), as_date(born)
    return f"naam:{text}|{day.isoformat()}" if text and day else ""


def pupil_key(number: Any, name: Any, born: Any) -> str:
    return number_key(number) or name_key(name, born)


def as_date(value: Any) -> date | None:
    """A date from a cell: a date, a datetime (openpyxl reads date cells so), or dd-mm-jjjj or
    jjjj-mm-dd text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for form in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(_text(value), form).date()
        except ValueError:
            continue
    return None


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
