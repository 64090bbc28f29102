"""The school's list of pupils, to see who returned a passport: an export or the batch manifest.

An export (CSV or XLSX) is read as `pvs batch` reads it, with the same column names and the
same mapping: every row with a name is a pupil, with the pupil number, name, date of birth,
class and mentor the export gives. The manifest `overzicht-batch.csv` that `pvs batch` wrote
gives the pupil number and the name only: returns are then matched by pupil number alone.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pvs.checking.rules import parse_date
from pvs.errors import UnreadableFile, UsageError
from pvs.jobs.batch.columns import is_header_of, read_columns, read_mapping
from pvs.jobs.batch.export import BrokenRow, read_export, small_number, too_many_rows
from pvs.jobs.batch.rows import convert
from pvs.jobs.intake.pupil import sort_name
from pvs.limits import check_file_size, limits
from pvs.model.paths import lookup_as

MANIFEST_HEADER = ["Rij", "Leerlingnummer", "Naam", "Status"]


@dataclass(frozen=True)
class Pupil:
    row: int  # in the export, as the user sees it
    number: str
    name: str  # surname first, as in the overview
    born: date | None
    klas: str
    mentor: str


def read_pupils(path: Path, mapping: Path | None, day: date) -> list[Pupil]:
    """Every pupil in the list at `path`, in its order."""
    if not path.is_file():
        raise UsageError(f"De leerlingenlijst {path} bestaat niet. Controleer de naam en de map.")
    if _is_manifest(path):
        return _from_manifest(path)
    wanted = read_mapping(mapping)
    export = read_export(path, is_header=is_header_of(wanted))
    columns = read_columns(export.header, wanted)
    pupils = []
    for number, row in export.rows:
        if isinstance(row, BrokenRow):
            continue  # pvs batch names it; a row without a pupil is no one to chase
        data = convert(row, columns, day).data
        if data is not None:
            pupils.append(
                Pupil(
                    number,
                    lookup_as(data, "jongere.leerlingnummer", str) or "",
                    sort_name(data),
                    parse_date(lookup_as(data, "jongere.geboortedatum", str)),
                    lookup_as(data, "school.klas", str) or "",
                    lookup_as(data, "school.mentor.naam", str)
                    or lookup_as(data, "school.mentor.email", str)
                    or "",
                )
            )
    return pupils


def _is_manifest(path: Path) -> bool:
    with path.open("rb") as handle:
        first = handle.readline(4096).decode("utf-8-sig", errors="replace")
    return first.strip().split(";")[: len(MANIFEST_HEADER)] == MANIFEST_HEADER


def _from_manifest(path: Path) -> list[Pupil]:
    """The pupils of the manifest, up to the empty row under which it lists the columns."""
    check_file_size(path.stat().st_size, str(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{path} is geen overzicht van pvs batch (geen UTF-8).") from None
    rows = csv.reader(io.StringIO(text), delimiter=";")
    pupils: list[Pupil] = []
    try:
        next(rows, None)
        for cells in rows:
            if not any(cells):
                break
            if len(pupils) >= limits().rows:
                raise too_many_rows("De leerlingenlijst", "intake")
            row, number, name = ([*cells, "", "", ""])[:3]
            if name.strip() or number.strip():
                # The manifest writes 'Daan van den Berg': shown as it is, matched by number only.
                shown = " ".join(name.split())
                pupils.append(Pupil(small_number(row) or 0, number.strip(), shown, None, "", ""))
    except csv.Error:  # a cell past csv's limit, a stray line break: no manifest pvs wrote
        raise UnreadableFile(
            f"{path} is geen overzicht zoals pvs batch het schrijft: regel {rows.line_num} is "
            "geen geldige CSV (een cel te lang, of een los regeleinde). Geef het "
            "overzicht-batch.csv zoals pvs batch het maakte, of de export van de school."
        ) from None
    return pupils
