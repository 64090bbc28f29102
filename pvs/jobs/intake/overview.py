"""Read every returned passport under some folders, check it, and list it in one overview.

One row per file: who, how to reach them and their mentor, which programmes at which
institution, complete for registration and intake, what is missing, and flags to plan intakes by
(passportrow.py). A file that cannot be read gets a row with the reason; it never stops the run.

Every file under the folders gets a row (see inventory.py): read, "controleren", "nee" with the
reason, or "geen paspoort"; each member of a zip archive is a row of its own. Two returns of the
same passport (the same form id, or the same pupil number) name each other in `dubbel_met`;
the newest (by `meta.bijgewerkt`, else the file's modification time) is the one that counts
(`telt_mee`). Rows are sorted by name; files pvs did not read come last.

The workbook (book.py) holds the whole list, one sheet per mbo institution, the intaker's notes
carried over from the previous overview (notes.py) and, given the school's list of pupils, who
returned a passport (returns.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pvs.checking.rules import parse_date
from pvs.documents.extraction import FORM_FIELD, PAGE_LAYOUT, ReadResult
from pvs.documents.reader import read_passport
from pvs.errors import PvsError, UsageError
from pvs.jobs.intake.book import Line, write_overview
from pvs.jobs.intake.duplicates import Identity, mark_duplicates
from pvs.jobs.intake.inventory import (
    NOT_A_PASSPORT,
    NOT_READ,
    Entry,
    find_files,
    inventory,
    member_content,
)
from pvs.jobs.intake.notes import Carried, read_notes
from pvs.jobs.intake.passportrow import intaker_may_read, passport_values, programme_wishes, yes
from pvs.jobs.intake.pupils import Pupil, read_pupils
from pvs.jobs.intake.returns import ReturnList
from pvs.jobs.pool import submit
from pvs.model.paths import lookup
from pvs.model.schema import SCHEMA_VERSION

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
    notes: Carried = field(default_factory=Carried)  # the intakers' notes carried over
    institutions: tuple[str, ...] = ()  # a sheet each, in the .xlsx
    without_consent: int = 0  # left off their institution's sheet: no consent for the intaker
    returns: ReturnList | None = None  # with the school's list of pupils: who returned
    rows: tuple[dict[str, Any], ...] = ()  # the overview's rows by column key, as written


def find_passports(paths: Iterable[Path], names_from: Path | None = None) -> list[Entry]:
    """Every file among the given files and under the given folders, each member of a zip
    archive on its own, with the reason for each that pvs does not read. With `names_from`, a
    file under that folder is named by its path inside it (a web page's upload folder)."""
    return inventory(find_files(paths), names_from)


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
    pupils: Path | None = None,
    mapping: Path | None = None,
    names_from: Path | None = None,
) -> IntakeSummary:
    """Read every passport in `paths` (files and folders) into one overview at `output`.

    Every file gets a row, a zip archive one per member; `IntakeSummary.files` is that count.
    Duplicates name each other; `complete_for_intake` counts only the returns that count.
    The notes an intaker typed into the previous overview at `output` are carried over; one
    that cannot be read is refused (UnreadableFile) rather than overwritten. With `pupils` (a
    school export, read as `pvs batch` reads it with `mapping`, or the batch's manifest) the
    overview also lists which pupils returned a passport.

    The overview is .xlsx for people (Dutch headers, dates as dates shown dd-mm-jjjj) or .csv
    for other systems (the column keys as header, dates as jjjj-mm-dd). `reference_date` is the
    day for ages and retention (default today); `progress(done, total)` follows every file.
    With `names_from` the file column names a file under that folder by its path inside it.
    `IntakeSummary.rows` holds the rows written, by column key, for a page to show.
    """
    target = _checked_target(output)
    files = find_passports(_existing(paths), names_from)
    previous, seen = read_notes(target), _stamp(target)  # first: a refusal comes at once
    day = reference_date or date.today()
    listed: list[Pupil] | None = read_pupils(pupils, mapping, day) if pupils else None
    lines = _read_all(files, day, sensitive, processes, progress)
    if _stamp(target) != seen:  # an intaker saved new notes while pvs read the passports
        previous = read_notes(target)
    written = write_overview(target, lines, previous, listed, sensitive)
    counted = [line for line in lines if line.counts]
    return IntakeSummary(
        len(files),
        _count(lines, NOT_READ),
        sum(1 for line in counted if line.values["compleet_intake"] == "ja"),
        target,
        _count(lines, CHECK),
        _count(lines, NOT_A_PASSPORT),
        sum(1 for line in lines if line.superseded),
        written.notes,
        written.institutions,
        written.without_consent,
        written.returns,
        tuple(dict(line.values) for line in lines),
    )


def _stamp(path: Path) -> tuple[float, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime, status.st_size)


def _count(lines: list[Line], verdict: str) -> int:
    return sum(1 for line in lines if line.values["gelezen"] == verdict)


def _read_all(
    files: list[Entry], day: date, sensitive: bool, processes: int | None, progress: Progress | None
) -> list[Line]:
    """Every file read in worker processes, duplicates marked; sorted by name."""
    lines: list[Line] = []
    identities: list[Identity | None] = []
    with ProcessPoolExecutor(max_workers=processes or os.cpu_count() or 1) as pool:
        jobs = [submit(pool, _row, entry, day, sensitive) for entry in files]
        for done, (entry, job) in enumerate(zip(files, jobs, strict=True), start=1):
            line, identity = _finished(job, entry)
            lines.append(line)
            identities.append(identity)
            if progress:
                progress(done, len(files))
    for index, (others, counts) in mark_duplicates(identities).items():
        lines[index].values["dubbel_met"] = "; ".join(lines[o].values["bestand"] for o in others)
        lines[index].values["telt_mee"] = yes(counts)
    return sorted(lines, key=lambda line: line.order())


Row = tuple[Line, Identity | None]


def _finished(job: Future[Row], entry: Entry) -> Row:
    try:
        return job.result()
    except Exception as error:  # the worker itself broke off (memory, a signal)
        return _unread(entry, _internal(error)), None


def _row(entry: Entry, day: date, sensitive: bool) -> Row:
    """One overview row, and what tells two returns of one passport apart; runs in a worker,
    so it returns plain values. A file that cannot be read, or that breaks pvs, gets a row with
    the reason and never stops the other 299."""
    if entry.verdict:
        return _unread(entry, entry.reason, entry.verdict), None
    try:
        return _read_row(entry, day, sensitive)
    except PvsError as error:
        return _unread(entry, error.message), None
    except Exception as error:
        return _unread(entry, _internal(error)), None


def _internal(error: Exception) -> str:
    return (
        f"pvs kon dit bestand niet lezen ({type(error).__name__}); meld het aan de beheerder "
        "van pvs"
    )


def _read_row(entry: Entry, day: date, sensitive: bool) -> Row:
    if entry.member is None:
        extraction = read_passport(entry.path, name=entry.label)
    else:
        extraction = read_passport(member_content(entry), name=entry.label)
    data = extraction.passport
    values = {
        **passport_values(data, day, sensitive),
        "bestand": entry.label,
        "gelezen": "ja" if extraction.vouched else CHECK,
        "reden": "; ".join(f"Controleer: {doubt.message}" for doubt in extraction.doubts),
        "gegevens_uit": _source(extraction),
        "schemaversie": _version(extraction),
        **_retention(data, day),
    }
    line = Line(values, programme_wishes(data), intaker_may_read(data))
    return line, Identity.of(data, entry.modified)


def _unread(entry: Entry, reason: str, verdict: str = NOT_READ) -> Line:
    return Line({"bestand": entry.label, "gelezen": verdict, "reden": reason})


def _retention(data: dict[str, Any], day: date) -> dict[str, Any]:
    """Until when the school may keep this passport, and whether that day has passed."""
    keep = parse_date(lookup(data, "meta.bewaren_tot"))
    if keep is None:
        return {"bewaren_tot": "", "bewaartermijn_verstreken": "onbekend"}
    return {"bewaren_tot": keep, "bewaartermijn_verstreken": yes(keep < day)}


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
