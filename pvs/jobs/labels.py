"""Staff-facing words for the schema's pupil-facing choices, shared by the plan and the handover.

The schema speaks to the pupil ("Praktisch werken (met je handen)"); a document for a coach,
an employer or a gemeente names the same things in the third person.
"""

from __future__ import annotations

from typing import Any

from pvs.checking.rules import parse_date

SKILLS = {
    "samenwerken": "Samenwerken",
    "plannen": "Plannen",
    "zelfstandig_werken": "Zelfstandig werken",
    "communiceren": "Communiceren",
    "praktisch_werken": "Praktisch werken",
    "doorzetten": "Doorzetten",
    "creatief": "Creatief zijn",
}


def dutch_date(value: Any) -> str:
    """An ISO date as people read it, dd-mm-jjjj; a text that is no date stays as written, and
    anything else (None, a number) is empty."""
    if not isinstance(value, str):
        return ""
    day = parse_date(value)
    return f"{day:%d-%m-%Y}" if day else value
