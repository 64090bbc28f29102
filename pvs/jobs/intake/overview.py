"""Read every returned passport under some folders, check it, and list it in one overview.

One row per file: who, which programme, complete for registration and intake, what is missing,
and flags to plan intakes by. The text of support needs stays out unless asked for: the flags
say enough to plan. A file that cannot be read gets a row with the reason; it never stops the
run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pvs.checking.check import Report, check
from pvs.checking.rules import CONSENT_AGE, age_on, parse_date
from pvs.documents.extraction import FORM_FIELD, PAGE_LAYOUT, Extraction
from pvs.documents.jsonfile import display_name
from pvs.documents.reader import read_passport
from pvs.errors import PvsError
from pvs.jobs.sheets import write_table
from pvs.model.paths import lookup

SUFFIXES = {".pdf", ".docx", ".json"}
HEADER = [
    "Bestand",
    "Gelezen",
    "Reden",
    "Naam",
    "Geboortedatum",
    "Leeftijd",
    "School",
    "Onderwijstype",
    "Opleidingen",
    "Compleet voor aanmelding",
    "Compleet voor intake",
    "Wat ontbreekt voor de intake",
    "Ondersteuning nodig",
    "Gezamenlijke intake gewenst",
    "Jonger dan 16",
    "Toestemming begeleider ontbreekt",
    "Gegevens uit",
    "Bewaren tot",
    "Bewaartermijn verstreken",
]
SENSITIVE_HEADER = ["Ondersteuningsbehoeften (vertrouwelijk)"]


@dataclass(frozen=True)
class IntakeSummary:
    files: int
    unreadable: int
    complete_for_intake: int
    target: Path


def find_passports(paths: Iterable[Path]) -> list[Path]:
    """Every PDF, Word and JSON file among the given files and under the given folders."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(c for c in path.rglob("*") if _is_passport_file(c))
        else:
            found.add(path)
    return sorted(found)


def _is_passport_file(path: Path) -> bool:
    """PDF, Word or JSON, and not a lock file Word leaves behind (~$...) or a hidden file."""
    hidden = path.name.startswith(("~$", "."))
    return path.is_file() and path.suffix.lower() in SUFFIXES and not hidden


def run_intake(
    paths: Iterable[Path],
    target: Path,
    sensitive: bool = False,
    on: date | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IntakeSummary:
    files = find_passports(paths)
    day = on or date.today()
    rows: list[list[Any]] = []
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        jobs = pool.map(_row, files, [day] * len(files), [sensitive] * len(files), chunksize=4)
        for done, row in enumerate(jobs, start=1):
            rows.append(row)
            if progress:
                progress(done, len(files))
    write_table(target, HEADER + (SENSITIVE_HEADER if sensitive else []), rows)
    unreadable = sum(1 for r in rows if r[1] == "nee")
    complete = sum(1 for r in rows if r[10] == "ja")
    return IntakeSummary(len(files), unreadable, complete, target)


def _row(path: Path, day: date, sensitive: bool) -> list[Any]:
    """One overview row; runs in a worker, so it returns plain values."""
    try:
        extraction = read_passport(path)
    except PvsError as error:
        return [str(path), "nee", error.message] + [""] * (len(HEADER) - 3 + sensitive)
    except Exception as error:  # a file that breaks pvs must not stop the other 299
        reason = (
            f"pvs kon dit bestand niet lezen ({type(error).__name__}); meld het aan de "
            "beheerder van pvs"
        )
        return [str(path), "nee", reason] + [""] * (len(HEADER) - 3 + sensitive)
    data = extraction.data
    registration, intake = check(data, "aanmelding"), check(data, "intake")
    row = [
        str(path),
        "ja",
        "",
        *_person(data, day),
        _yes(registration.complete),
        _yes(intake.complete),
        _missing(intake),
        *_flags(data, day),
        _source(extraction),
        *_retention(data, day),
    ]
    return row + ([_needs_text(data)] if sensitive else [])


def _person(data: dict[str, Any], day: date) -> list[Any]:
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    wishes = lookup(data, "uitstroom.opleidingswensen") or []
    programmes = "; ".join(
        " ".join(
            str(x)
            for x in (
                w.get("opleiding"),
                f"({w['crebo']})" if w.get("crebo") else None,
                f"niveau {w['niveau']}" if w.get("niveau") else None,
            )
            if x
        )
        for w in wishes
        if isinstance(w, dict)
    )
    return [
        display_name(data),
        born.strftime("%d-%m-%Y") if born else "",
        age_on(born, day) if born else "",
        lookup(data, "school.naam") or "",
        lookup(data, "school.onderwijstype") or "",
        programmes,
    ]


def _flags(data: dict[str, Any], day: date) -> list[str]:
    needs = lookup(data, "wat_heb_ik_nodig.behoeften")
    none_needed = lookup(data, "wat_heb_ik_nodig.geen_extra_ondersteuning") is True
    joint = lookup(data, "intake.gezamenlijke_intake")
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    consent = lookup(data, "toestemming.delen_met.begeleider.gegeven") is True
    return [
        "ja" if needs else ("nee" if none_needed else "onbekend"),
        {True: "ja", False: "nee"}.get(joint, "onbekend"),
        ("ja" if age_on(born, day) < CONSENT_AGE else "nee") if born else "onbekend",
        "nee" if consent else "ja",
    ]


def _retention(data: dict[str, Any], day: date) -> list[str]:
    """Until when the school may keep this passport, and whether that day has passed."""
    keep = parse_date(lookup(data, "meta.bewaren_tot"))
    if keep is None:
        return ["", "onbekend"]
    return [keep.strftime("%d-%m-%Y"), "ja" if keep < day else "nee"]


def _missing(report: Report) -> str:
    return "; ".join(
        p.section if p.label == p.section else f"{p.section} › {p.label}" for p in report.problems
    )


def _source(extraction: Extraction) -> str:
    kinds = set(extraction.sources.values())
    if not kinds:
        return "JSON"
    if kinds == {FORM_FIELD}:
        return "invulvelden"
    if kinds == {PAGE_LAYOUT}:
        return "pagina (platgemaakt of afgedrukt)"
    return "invulvelden en pagina"


def _needs_text(data: dict[str, Any]) -> str:
    needs = lookup(data, "wat_heb_ik_nodig.behoeften") or []
    return " | ".join(
        f"{n.get('gebied', '')}: {n.get('nodig_in_mbo') or n.get('omschrijving') or ''}"
        for n in needs
        if isinstance(n, dict)
    )


def _yes(value: bool) -> str:
    return "ja" if value else "nee"
