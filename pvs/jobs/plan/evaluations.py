"""When the plan is evaluated: moments that follow the programme's length (domain.md §5).

Every first-year student gets a binding study advice (BSA). A multi-year programme gives it 9 to
12 months after the start, usually after a provisional advice; a one-year programme (Entree,
some level-2 courses) gives it 3 to 4 months after the start, without a provisional advice. The
plan is evaluated before each advice, after a start-up check, and at least once a year.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

ONE_YEAR, MULTI_YEAR = "eenjarig", "meerjarig"
# Entree is the one-year programme every mbo has; a level-2 course of one year is passed as
# `duration` by the user, since pvs knows no list of them.
ONE_YEAR_NAMES = ("entree",)
ONE_YEAR_CREBOS = frozenset({"25250"})  # Entree, as the samples register it


def duration(programme: dict[str, Any]) -> str:
    """eenjarig for niveau 1 or a programme known as one-year, otherwise meerjarig."""
    name = (programme.get("naam") or "").casefold()
    if (
        programme.get("niveau") == 1
        or programme.get("crebo") in ONE_YEAR_CREBOS
        or any(word in name for word in ONE_YEAR_NAMES)
    ):
        return ONE_YEAR
    return MULTI_YEAR


def evaluations(start: date, length: str) -> list[dict[str, str]]:
    """The evaluation moments from the start date, ISO dates (the Word plan shows dd-mm-jjjj)."""
    startup = ("Opstartgesprek (6 tot 8 weken na de start)", start + timedelta(weeks=7))
    yearly = (
        "Jaarlijkse evaluatie van de ondersteuningsafspraken",
        add_months(start, 12),
    )
    if length == ONE_YEAR:
        moments = [
            startup,
            (
                "Evaluatie vóór het bindend studieadvies (BSA; bij een eenjarige opleiding 3 tot "
                "4 maanden na de start)",
                add_months(start, 3),
            ),
            yearly,
        ]
    else:
        moments = [
            startup,
            ("Evaluatie vóór het voorlopig studieadvies", add_months(start, 4)),
            (
                "Evaluatie vóór het bindend studieadvies (BSA komt 9 tot 12 maanden na de start)",
                add_months(start, 8),
            ),
            yearly,
        ]
    return [{"moment": name, "datum": day.isoformat()} for name, day in moments]


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
