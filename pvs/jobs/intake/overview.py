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
from pvs.documents.extraction import FORM_FIELD, PAGE_LAYOUT, ReadResult
from pvs.documents.kinds import READABLE_SUFFIXES
from pvs.documents.reader import read_passport
from pvs.errors import PvsError, UsageError
from pvs.jobs.sheets import write_table
from pvs.model.passport import display_name
from pvs.model.paths import lookup

# Each column: its key (the CSV header, for other systems) and its header in the XLSX overview.
COLUMNS = [
    ("bestand", "Bestand"),
    ("gelezen", "Gelezen"),
    ("reden", "Reden"),
    ("naam", "Naam"),
    ("geboortedatum", "Geboortedatum"),
    ("leeftijd", "Leeftijd"),
    ("school", "School"),
    ("onderwijstype", "Onderwijstype"),
    ("opleidingen", "Opleidingen"),
    ("compleet_aanmelding", "Compleet voor aanmelding"),
    ("compleet_intake", "Compleet voor intake"),
    ("ontbreekt_voor_intake", "Wat ontbreekt voor de intake"),
    ("ondersteuning_nodig", "Ondersteuning nodig"),
    ("gezamenlijke_intake", "Gezamenlijke intake gewenst"),
    ("jonger_dan_16", "Jonger dan 16"),
    ("toestemming_begeleider_ontbreekt", "Toestemming begeleider ontbreekt"),
    ("gegevens_uit", "Gegevens uit"),
    ("bewaren_tot", "Bewaren tot"),
    ("bewaartermijn_verstreken", "Bewaartermijn verstreken"),
]
SENSITIVE_COLUMNS = [("ondersteuningsbehoeften", "Ondersteuningsbehoeften (vertrouwelijk)")]
OUTPUT_SUFFIXES = (".xlsx", ".csv")
Progress = Callable[[int, int | None], None]


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
    return path.is_file() and path.suffix.lower() in READABLE_SUFFIXES and not hidden


def _checked_target(output: Path) -> Path:
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise UsageError(f"Laat {output} eindigen op .xlsx of .csv.")
    return output


def _existing(paths: Iterable[Path]) -> list[Path]:
    given = list(paths)
    for path in given:
        if not path.exists():
            raise UsageError(f"{path} bestaat niet. Controleer de naam en de map.")
    return given


def run_intake(
    paths: Iterable[Path],
    *,
    output: Path,
    sensitive: bool = False,
    reference_date: date | None = None,
    processes: int | None = None,
    progress: Progress | None = None,
) -> IntakeSummary:
    """Read every passport in `paths` (files and folders) into one overview at `output`.

    The overview is .xlsx for people (Dutch headers, dates as dd-mm-jjjj) or .csv for other
    systems (the column keys as header, dates as jjjj-mm-dd). `reference_date` is the day for
    ages and retention (default today); `progress(done, total)` follows every file.
    """
    target = _checked_target(output)
    files = find_passports(_existing(paths))
    day = reference_date or date.today()
    rows: list[list[Any]] = []
    with ProcessPoolExecutor(max_workers=processes or os.cpu_count() or 1) as pool:
        jobs = pool.map(_row, files, [day] * len(files), [sensitive] * len(files), chunksize=4)
        for done, row in enumerate(jobs, start=1):
            rows.append(row)
            if progress:
                progress(done, len(files))
    columns = COLUMNS + (SENSITIVE_COLUMNS if sensitive else [])
    as_csv = target.suffix.lower() == ".csv"
    write_table(target, [key if as_csv else header for key, header in columns], rows)
    unreadable = sum(1 for r in rows if r[_at("gelezen")] == "nee")
    complete = sum(1 for r in rows if r[_at("compleet_intake")] == "ja")
    return IntakeSummary(len(files), unreadable, complete, target)


def _at(key: str) -> int:
    return [k for k, _ in COLUMNS].index(key)


def _row(path: Path, day: date, sensitive: bool) -> list[Any]:
    """One overview row; runs in a worker, so it returns plain values."""
    try:
        extraction = read_passport(path)
    except PvsError as error:
        return _unread(path, error.message, sensitive)
    except Exception as error:  # a file that breaks pvs must not stop the other 299
        reason = (
            f"pvs kon dit bestand niet lezen ({type(error).__name__}); meld het aan de "
            "beheerder van pvs"
        )
        return _unread(path, reason, sensitive)
    data = extraction.passport
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


def _unread(path: Path, reason: str, sensitive: bool) -> list[Any]:
    return [str(path), "nee", reason] + [""] * (len(COLUMNS) - 3 + sensitive)


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
        born or "",
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


def _retention(data: dict[str, Any], day: date) -> list[Any]:
    """Until when the school may keep this passport, and whether that day has passed."""
    keep = parse_date(lookup(data, "meta.bewaren_tot"))
    if keep is None:
        return ["", "onbekend"]
    return [keep, "ja" if keep < day else "nee"]


def _missing(report: Report) -> str:
    return "; ".join(
        p.section if p.label == p.section else f"{p.section} › {p.label}" for p in report.problems
    )


def _source(extraction: ReadResult) -> str:
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
