"""Read every returned passport under some folders, check it, and list it in one overview.

One row per file: who, which route and programme, complete for registration and intake, what
is missing, and flags to plan intakes by: a registration after 1 April (no toelatingsrecht), a
missing begeleider consent (only on the route to the mbo, the only one with a begeleider), and
every withdrawn consent, which is never hidden. The text of support needs stays out unless asked
for: the flags say enough to plan. A file that cannot be read gets a row with the reason; it
never stops the run.

Every file under the folders gets a row (see inventory.py): read, "controleren", "nee" with the
reason, or "geen paspoort"; each member of a zip archive is a row of its own. Two returns of the
same passport (the same form id, or the same pupil number) name each other in `dubbel_met`;
the newest (by `meta.bijgewerkt`, else the file's modification time) is the one that counts
(`telt_mee`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pvs.checking.check import Report, check
from pvs.checking.rules import CONSENT_AGE, age_on, late_registrations, parse_date
from pvs.documents.extraction import FORM_FIELD, PAGE_LAYOUT, ReadResult
from pvs.documents.reader import read_passport
from pvs.errors import PvsError, UsageError
from pvs.jobs.intake.duplicates import Identity, mark_duplicates
from pvs.jobs.intake.inventory import (
    NOT_A_PASSPORT,
    NOT_READ,
    Entry,
    find_files,
    inventory,
    member_content,
)
from pvs.jobs.pool import submit
from pvs.jobs.sheets import write_table
from pvs.model.consent import (
    MBO,
    ConsentState,
    chosen_route,
    consent_state,
    route,
    withdrawn_parties,
)
from pvs.model.passport import display_name
from pvs.model.paths import lookup, lookup_as, records
from pvs.model.schema import SCHEMA_VERSION

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
    ("uitstroomprofiel", "Uitstroomprofiel"),
    ("opleidingen", "Opleidingen"),
    ("aangemeld_na_1_april", "Aangemeld na 1 april (geen toelatingsrecht)"),
    ("compleet_aanmelding", "Compleet voor aanmelding"),
    ("compleet_intake", "Compleet voor intake"),
    ("ontbreekt_voor_intake", "Wat ontbreekt voor de intake"),
    ("ondersteuning_nodig", "Ondersteuning nodig"),
    ("gezamenlijke_intake", "Gezamenlijke intake gewenst"),
    ("jonger_dan_16", "Jonger dan 16"),
    ("toestemming_begeleider_ontbreekt", "Toestemming begeleider ontbreekt"),
    ("toestemming_ingetrokken", "Toestemming ingetrokken voor"),
    ("gegevens_uit", "Gegevens uit"),
    ("schemaversie", "Schemaversie van het bestand"),
    ("bewaren_tot", "Bewaren tot"),
    ("bewaartermijn_verstreken", "Bewaartermijn verstreken"),
    # Last, so the columns other systems read keep their place.
    ("dubbel_met", "Zelfde paspoort ook ingeleverd als"),
    ("telt_mee", "Telt mee (nieuwste versie)"),
]
SENSITIVE_COLUMNS = [("ondersteuningsbehoeften", "Ondersteuningsbehoeften (vertrouwelijk)")]
OUTPUT_SUFFIXES = (".xlsx", ".csv")
CHECK = "controleren"  # read, but not every value vouched for: never shown as plainly read
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class IntakeSummary:
    files: int
    unreadable: int
    complete_for_intake: int
    target: Path
    to_check: int = 0  # read, but with values pvs cannot vouch for ("controleren")
    not_passports: int = 0  # images, lock files, system files: listed as "geen paspoort"
    superseded: int = 0  # an older return of a passport that was also returned later


def find_passports(paths: Iterable[Path]) -> list[Entry]:
    """Every file among the given files and under the given folders, each member of a zip
    archive on its own, with the reason for each that pvs does not read."""
    return inventory(find_files(paths))


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

    Every file gets a row, a zip archive one per member; `IntakeSummary.files` is that count.
    Duplicates name each other; `complete_for_intake` counts only the returns that count.

    The overview is .xlsx for people (Dutch headers, dates as dd-mm-jjjj) or .csv for other
    systems (the column keys as header, dates as jjjj-mm-dd). `reference_date` is the day for
    ages and retention (default today); `progress(done, total)` follows every file.
    """
    target = _checked_target(output)
    files = find_passports(_existing(paths))
    day = reference_date or date.today()
    rows: list[list[Any]] = []
    identities: list[Identity | None] = []
    with ProcessPoolExecutor(max_workers=processes or os.cpu_count() or 1) as pool:
        jobs = [submit(pool, _row, entry, day, sensitive) for entry in files]
        for done, (entry, job) in enumerate(zip(files, jobs, strict=True), start=1):
            row, identity = _finished(job, entry, sensitive)
            rows.append(row)
            identities.append(identity)
            if progress:
                progress(done, len(files))
    for index, (others, counts) in mark_duplicates(identities).items():
        rows[index][_at("dubbel_met")] = "; ".join(rows[other][0] for other in others)
        rows[index][_at("telt_mee")] = _yes(counts)
    columns = COLUMNS + (SENSITIVE_COLUMNS if sensitive else [])
    as_csv = target.suffix.lower() == ".csv"
    write_table(target, [key if as_csv else header for key, header in columns], rows)
    read = [r[_at("gelezen")] for r in rows]
    superseded = sum(1 for r in rows if r[_at("telt_mee")] == "nee")
    complete = sum(
        1 for r in rows if r[_at("compleet_intake")] == "ja" and r[_at("telt_mee")] != "nee"
    )
    return IntakeSummary(
        len(files),
        read.count(NOT_READ),
        complete,
        target,
        read.count(CHECK),
        read.count(NOT_A_PASSPORT),
        superseded,
    )


def _at(key: str) -> int:
    return [k for k, _ in COLUMNS].index(key)


Row = tuple[list[Any], Identity | None]


def _finished(job: Future[Row], entry: Entry, sensitive: bool) -> Row:
    try:
        return job.result()
    except Exception as error:  # the worker itself broke off (memory, a signal)
        return _unread(entry, _internal(error), sensitive), None


def _row(entry: Entry, day: date, sensitive: bool) -> Row:
    """One overview row, and what tells two returns of one passport apart; runs in a worker,
    so it returns plain values. A file that cannot be read, or that breaks pvs, gets a row with
    the reason and never stops the other 299."""
    if entry.verdict:
        return _unread(entry, entry.reason, sensitive, entry.verdict), None
    try:
        return _read_row(entry, day, sensitive)
    except PvsError as error:
        return _unread(entry, error.message, sensitive), None
    except Exception as error:
        return _unread(entry, _internal(error), sensitive), None


def _internal(error: Exception) -> str:
    return (
        f"pvs kon dit bestand niet lezen ({type(error).__name__}); meld het aan de beheerder "
        "van pvs"
    )


def _read_row(entry: Entry, day: date, sensitive: bool) -> Row:
    if entry.member is None:
        extraction = read_passport(entry.path)
    else:
        extraction = read_passport(member_content(entry), name=entry.label)
    data = extraction.passport
    registration, intake = check(data, "aanmelding"), check(data, "intake")
    row = [
        entry.label,
        "ja" if extraction.vouched else CHECK,
        "; ".join(f"Controleer: {doubt.message}" for doubt in extraction.doubts),
        *_person(data, day),
        _yes(registration.complete),
        _yes(intake.complete),
        _missing(intake),
        *_flags(data, day),
        _source(extraction),
        _version(extraction),
        *_retention(data, day),
        "",  # dubbel_met and telt_mee: filled in once every file is read
        "",
    ]
    row += [_needs_text(data)] if sensitive else []
    return row, Identity.of(data, entry.modified)


def _unread(entry: Entry, reason: str, sensitive: bool, verdict: str = NOT_READ) -> list[Any]:
    return [entry.label, verdict, reason] + [""] * (len(COLUMNS) - 3 + sensitive)


def _person(data: dict[str, Any], day: date) -> list[Any]:
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    wishes = records(data, "uitstroom.opleidingswensen")
    return [
        display_name(data),
        born or "",
        age_on(born, day) if born else "",
        lookup_as(data, "school.naam", str) or "",
        lookup_as(data, "school.onderwijstype", str) or "",
        chosen_route(data) or "onbekend",
        "; ".join(_programme(wish) for wish in wishes),
        _late(data),
    ]


def _programme(wish: dict[str, Any]) -> str:
    """'Autotechnicus (25372) niveau 2'; a value of the wrong type is left out."""
    crebo, level = lookup_as(wish, "crebo", str), lookup_as(wish, "niveau", int)
    parts = (
        lookup_as(wish, "opleiding", str),
        f"({crebo})" if crebo else None,
        f"niveau {level}" if level else None,
    )
    return " ".join(p for p in parts if p)


def _late(data: dict[str, Any]) -> str:
    """The programme wishes registered after 1 April, named as in the Opleidingen column."""
    wishes = lookup(data, "uitstroom.opleidingswensen")
    return "; ".join(
        _programme(wishes[index]) or f"opleidingswens {index + 1}"
        for index in late_registrations(data)
    )


def _flags(data: dict[str, Any], day: date) -> list[str]:
    needs = records(data, "wat_heb_ik_nodig.behoeften")
    none_needed = lookup(data, "wat_heb_ik_nodig.geen_extra_ondersteuning") is True
    joint = lookup_as(data, "intake.gezamenlijke_intake", bool)
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    return [
        "ja" if needs else ("nee" if none_needed else "onbekend"),
        "onbekend" if joint is None else _yes(joint),
        ("ja" if age_on(born, day) < CONSENT_AGE else "nee") if born else "onbekend",
        _begeleider_missing(data),
        "; ".join(withdrawn_parties(data)),
    ]


def _begeleider_missing(data: dict[str, Any]) -> str:
    """Only the route to the mbo has a begeleider; elsewhere the column says nothing."""
    if route(data) != MBO:
        return ""
    return _yes(consent_state(data, "begeleider") is not ConsentState.GIVEN)


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


def _version(extraction: ReadResult) -> str:
    """'1.0 (bijgewerkt naar 1.1)' for last year's form: read and upgraded, worth a look."""
    version = extraction.schema_version
    return version if version == SCHEMA_VERSION else f"{version} (bijgewerkt naar {SCHEMA_VERSION})"


def _needs_text(data: dict[str, Any]) -> str:
    return " | ".join(
        f"{lookup_as(n, 'gebied', str) or ''}: "
        f"{lookup_as(n, 'nodig_in_mbo', str) or lookup_as(n, 'omschrijving', str) or ''}"
        for n in records(data, "wat_heb_ik_nodig.behoeften")
    )


def _yes(value: bool) -> str:
    return "ja" if value else "nee"
