"""The intake overview as a workbook (.xlsx) or as tables for other systems (.csv).

The workbook holds: "Overzicht", every file with its row; a sheet per mbo institution with the
pupils who registered there, their wishes at that institution only, so each institution can
take its own sheet; "Aantekeningen zonder paspoort" when notes from the previous overview belong
to no row any more; and with the school's list of pupils "Terug ontvangen" and "Terug per klas".
An institution's sheet leaves out a pupil who gave no consent (or withdrew it) for the mbo
intaker: the whole list still flags that pupil, but the passport's content goes to no institution.

A CSV file holds one table, so the others are written beside it: `overzicht-terug.csv`,
`overzicht-terug-per-klas.csv` and `overzicht-aantekeningen-zonder-paspoort.csv`. The CSV has no
sheets per institution: a system filters on the column `instellingen`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pvs.jobs.intake.columns import NOTES, WISH_COLUMNS, Column, columns
from pvs.jobs.intake.notes import ORPHANS, Carried, Note, NoteBook, Who, orphan_table
from pvs.jobs.intake.passportrow import Wish, wish_values
from pvs.jobs.intake.pupil import name_key, number_key
from pvs.jobs.intake.pupils import Pupil
from pvs.jobs.intake.returns import ReturnList, match_returns
from pvs.jobs.sheets import Sheet, sheet_name, write_book, write_table

WHOLE_LIST = "Overzicht"
READ = ("ja", "controleren")
FREEZE = "C2"  # the header, the pupil number and the name stay in view


@dataclass
class Line:
    """One row of the overview, by column key; with the programme wishes, for the institutions'
    sheets, and whether the mbo intaker may read the passport."""

    values: dict[str, Any]
    wishes: tuple[Wish, ...] = ()
    intaker: bool = False

    @property
    def read(self) -> bool:
        return self.values.get("gelezen") in READ

    @property
    def superseded(self) -> bool:
        return self.values.get("telt_mee") == "nee"

    @property
    def counts(self) -> bool:
        """Read, and the newest return of its passport."""
        return self.read and not self.superseded

    def who(self) -> Who:
        born = self.values.get("geboortedatum")
        return Who(
            number_key(self.values.get("leerlingnummer")),
            name_key(self.values.get("naam"), born),
            self.values.get("bestand", ""),
        )

    def order(self) -> tuple[Any, ...]:
        """Read rows by name and birth date, then the files pvs did not read, by name."""
        born = self.values.get("geboortedatum")
        return (
            not self.read,
            str(self.values.get("naam", "")).casefold(),
            born.isoformat() if isinstance(born, date) else "",
            self.values.get("bestand", ""),
        )


@dataclass(frozen=True)
class Written:
    notes: Carried = field(default_factory=Carried)
    institutions: tuple[str, ...] = ()
    without_consent: int = 0
    returns: ReturnList | None = None


def write_overview(
    target: Path,
    lines: list[Line],
    previous: list[Note] | None,
    pupils: list[Pupil] | None,
    sensitive: bool,
) -> Written:
    """Write the overview at `target` with the notes carried over; what was written."""
    shown = columns(sensitive)
    notes = NoteBook(previous)
    returns = match_returns(pupils, lines) if pupils is not None else None
    if target.suffix.lower() == ".csv":
        return _write_csv(target, shown, lines, notes, returns)
    sheets = [_sheet(WHOLE_LIST, shown, lines, notes)]
    groups = _institutions(lines)
    taken = [WHOLE_LIST, ORPHANS, *(returns.sheet_names() if returns else ())]
    for group, members in groups.items():
        name = sheet_name(group, taken)
        taken.append(name)
        sheets.append(_sheet(name, shown, [_only(line, group) for line in members], notes))
    orphans = notes.left_over()
    if orphans:
        header, rows, widths = orphan_table(orphans, as_keys=False)
        sheets.append(Sheet(ORPHANS, header, rows, widths, freeze="A2"))
    if returns:
        sheets.extend(returns.sheets())
    write_book(target, sheets)
    left_off = sum(1 for line in lines if line.counts and _groups(line) and not line.intaker)
    return Written(notes.carried(), tuple(groups), left_off, returns)


def _sheet(name: str, shown: list[Column], lines: list[Line], notes: NoteBook) -> Sheet:
    rows = [[_cell(line, c, name, notes) for c in shown] for line in lines]
    widths = [c.width for c in shown]
    return Sheet(name, [c.header for c in shown], rows, widths, freeze=FREEZE)


def _cell(line: Line, column: Column, sheet: str, notes: NoteBook) -> Any:
    if column.key == NOTES:
        return notes.take(sheet, line.who())
    return line.values.get(column.key, "")


def _institutions(lines: list[Line]) -> dict[str, list[Line]]:
    """Per institution (sorted by name) the pupils registered there whose passport counts and
    whose consent lets its intaker read it."""
    found: dict[str, list[Line]] = {}
    for line in lines:
        if line.counts and line.intaker:
            for group in _groups(line):
                found.setdefault(group, []).append(line)
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))


def _groups(line: Line) -> list[str]:
    """The institutions of a line's wishes, each once, as first written."""
    seen: dict[str, str] = {}
    for wish in line.wishes:
        if wish.group:
            seen.setdefault(wish.group.casefold(), wish.group)
    return list(seen.values())


def _only(line: Line, group: str) -> Line:
    """The line with only the wishes at one institution in its wish columns."""
    wishes = tuple(w for w in line.wishes if w.group.casefold() == group.casefold())
    values = {**line.values, **{k: wish_values(wishes)[k] for k in WISH_COLUMNS}}
    return Line(values, wishes, line.intaker)


def _write_csv(
    target: Path,
    shown: list[Column],
    lines: list[Line],
    notes: NoteBook,
    returns: ReturnList | None,
) -> Written:
    rows = [[_cell(line, c, WHOLE_LIST, notes) for c in shown] for line in lines]
    write_table(target, [c.key for c in shown], rows)
    orphans = notes.left_over()
    beside = target.with_name(f"{target.stem}-{ORPHANS_STEM}.csv")
    if orphans or beside.exists():  # an old list of orphans is replaced, never left stale
        header, orphan_rows, _ = orphan_table(orphans, as_keys=True)
        write_table(beside, header, orphan_rows)
    if returns:
        returns.write_csv(target)
    return Written(notes.carried(), (), 0, returns)


ORPHANS_STEM = "aantekeningen-zonder-paspoort"
