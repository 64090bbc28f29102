"""What kind of agreement each need asks for, the exam accommodations, and who does what.

Since 1 August 2023 an mbo records *ondersteuningsafspraken* for a student with a disability
or chronic illness: a concrete offer, agreed by signature and evaluated at least once a year.
Other support is ordinary guidance. The plan marks a need as an ondersteuningsafspraak only
when the passport shows such a ground: a physical need, an expert's statement that fits the
need, or the student's words naming a disability or illness. Exam accommodations are decided
by the examencommissie, usually on a deskundigenverklaring (dyslexia, dyscalculia, medical).
"""

from __future__ import annotations

import re
from typing import Any

from pvs.jobs.labels import dutch_date

SUPPORT_AGREEMENT, GUIDANCE = "ondersteuningsafspraak", "begeleiding"
# Word beginnings by which a student names a disability or chronic illness.
GROUND_WORDS = (
    "beperking",
    "chronisch",
    "ziekte",
    "dyslex",
    "dyscalcul",
    "adhd",
    "autis",
    "epilep",
    "diabet",
    "slechthorend",
    "slechtziend",
    "doof",
    "blind",
)
# Which expert's statement grounds which need areas.
STATEMENT_AREAS = {
    "dyslexie": {"leren"},
    "dyscalculie": {"leren"},
    "medisch": {"fysiek", "concentratie", "prikkels", "leren", "anders"},
}
DYSLEXIA_CAP = "Bij centrale examens met dyslexie hoogstens 30 minuten extra."
AGREEMENT_TEXT = (
    "Ondersteuningsafspraak ({ground}): leg een concreet aanbod vast, laat de student tekenen "
    "(onder 16 ook een ouder of verzorger) en evalueer de afspraak ten minste eenmaal per jaar."
)
GUIDANCE_TEXT = (
    "Gewone begeleiding: het paspoort noemt geen beperking of chronische ziekte. Blijkt die er "
    "wel te zijn, leg de afspraken dan vast als ondersteuningsafspraak."
)


def agreement_kind(
    area: str | None, words: str, statements: list[dict[str, Any]]
) -> tuple[str, str]:
    """ondersteuningsafspraak or begeleiding for one need, and the sentence that says why."""
    ground = None
    if area == "fysiek":
        ground = "lichamelijke beperking of ziekte"
    elif any(area in STATEMENT_AREAS.get(s["code"], ()) for s in statements):
        ground = "er is een verklaring van een deskundige"
    elif names_a_disability(words):
        ground = "de student noemt een beperking of ziekte"
    if ground is None:
        return GUIDANCE, GUIDANCE_TEXT
    return SUPPORT_AGREEMENT, AGREEMENT_TEXT.format(ground=ground)


def names_a_disability(words: str) -> bool:
    return any(re.search(rf"(?<!\w){stem}", words, re.IGNORECASE) for stem in GROUND_WORDS)


def has_dyslexia(statements: list[dict[str, Any]], words: str) -> bool:
    """A dyslexia statement, or the student's words naming dyslexia: only then the cap."""
    return any(s["code"] == "dyslexie" for s in statements) or bool(
        re.search(r"(?<!\w)dyslex", words, re.IGNORECASE)
    )


def exam_section(statements: list[dict[str, Any]], exams: list[str]) -> dict[str, Any] | None:
    """What the begeleider needs for the examencommissie; None without exam proposals."""
    if not exams:
        return None
    if statements:
        listed = "; ".join(
            s["soort"].lower() + (f" van {dutch_date(s['datum'])}" if s["datum"] else "")
            for s in statements
        )
        present = f"In het paspoort staat een verklaring van een deskundige: {listed}."
    else:
        present = (
            "In het paspoort staat geen verklaring van een deskundige; de examencommissie kan "
            "erom vragen."
        )
    return {
        "deskundigenverklaring": bool(statements),
        "verklaringen": [{"soort": s["soort"], "datum": s["datum"]} for s in statements],
        "voorzieningen": exams,
        "tekst": f"{present} De examencommissie besluit over de examenvoorzieningen; de "
        "begeleider vraagt ze aan vóór de eerste toets.",
    }


def who_does_what(needs: list[dict[str, Any]]) -> list[dict[str, str]]:
    proposals = {p["naam"]: p for n in needs for p in n["voorstellen"]}
    exams = [name for name, p in proposals.items() if p["examencommissie"]]
    lessons = [name for name, p in proposals.items() if p["categorie"] == "Lessen"]
    rows = [
        {
            "wie": "Student",
            "wat": "Vertelt de begeleider wat werkt en wat niet, en komt naar de "
            "evaluatiegesprekken.",
        },
        {
            "wie": "Begeleider (SLB'er)",
            "wat": "Bespreekt dit concept met de student, vinkt de afgesproken voorzieningen "
            "aan, regelt ze en plant de evaluaties.",
        },
    ]
    if exams:
        rows.append(
            {
                "wie": "Examencommissie",
                "wat": "Besluit over de examenvoorzieningen: " + "; ".join(exams) + ".",
            }
        )
    if lessons:
        rows.append(
            {"wie": "Docenten", "wat": "Passen in de lessen toe: " + "; ".join(lessons) + "."}
        )
    return rows
