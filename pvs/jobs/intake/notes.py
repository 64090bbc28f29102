"""The notes an intaker typed into the overview survive the next run.

Before a new overview replaces the old one at the same name, pvs reads the old one (read-only,
within pvs's limits) and takes every filled cell of the column "Aantekeningen" from every sheet,
with whom it is about: the pupil number, else the name with the birth date, else the file (a
note on a file pvs could not read). The new overview puts each note back on the row of the same
pupil on the sheet of the same name. A note whose pupil is no longer there (the file was removed,
or the pupil left the institution's sheet) goes to the sheet "Aantekeningen zonder paspoort",
which the next run reads as well: a note is never lost. If the old file cannot be read, pvs
refuses to overwrite it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pvs.budget import bounded
from pvs.errors import PvsError, UnreadableFile
from pvs.jobs.intake.pupil import as_date, name_key, number_key
from pvs.jobs.sheets import FORMULA_STARTS
from pvs.limits import check_file_size, limits

ORPHANS = "Aantekeningen zonder paspoort"
WHOLE_LIST = "Overzicht"
MAX_SHEETS = 500  # an institution's sheet each: a region has a few dozen
# Each field of a note: the headers it has in the workbook and the keys it has in the CSV.
FIELDS = {
    "sheet": ("Blad", "blad"),
    "number": ("Leerlingnummer", "leerlingnummer"),
    "name": ("Naam", "naam"),
    "born": ("Geboortedatum", "geboortedatum"),
    "file": ("Bestand", "bestand"),
    "text": ("Aantekeningen", "aantekeningen"),
}
REFUSED = (
    "{target} bestaat al, maar pvs kan het niet als overzicht lezen. {reason}pvs overschrijft "
    "het niet, want de aantekeningen erin zouden dan verloren gaan. Staat het bestand nog open, "
    "sluit het dan en probeer het opnieuw; is het beschadigd of geen overzicht van pvs, geef "
    "dan met -o een andere naam."
)
NO_WORKBOOK = "Het is geen Excel-werkmap die pvs kan openen."


@dataclass(frozen=True)
class Who:
    """Whom a row or a note is about (see pupil.py): number, name with birth date, file."""

    number: str
    name: str
    file: str

    def same(self, other: Who) -> bool:
        """The pupil number decides when both have one; else the name and birth date; else
        the file."""
        if self.number and other.number:
            return self.number == other.number
        if self.name and other.name:
            return self.name == other.name
        return bool(self.file) and self.file == other.file


@dataclass(frozen=True)
class Note:
    sheet: str
    number: str
    name: str
    born: date | None
    file: str
    text: str

    def who(self) -> Who:
        return Who(number_key(self.number), name_key(self.name, self.born), self.file)


@dataclass(frozen=True)
class Carried:
    """What became of the previous overview's notes."""

    kept: int = 0  # rows of the new overview that got a note back
    orphaned: int = 0  # notes on the sheet "Aantekeningen zonder paspoort"


class NoteBook:
    """The previous notes, handed out to the rows they belong to; what is left stays over."""

    def __init__(self, notes: Sequence[Note] | None) -> None:
        self.notes = list(notes or [])
        self.used: set[int] = set()
        self.kept = 0

    def take(self, sheet: str, who: Who) -> str:
        """The notes of this sheet about this row's pupil, each text once."""
        found = [
            i
            for i, note in enumerate(self.notes)
            if note.sheet.casefold() == sheet.casefold() and note.who().same(who)
        ]
        self.used.update(found)
        texts = list(dict.fromkeys(self.notes[i].text for i in found))
        self.kept += bool(texts)
        return "\n".join(texts)

    def left_over(self) -> list[Note]:
        return [note for i, note in enumerate(self.notes) if i not in self.used]

    def carried(self) -> Carried:
        return Carried(self.kept, len(self.left_over()))


def read_notes(target: Path) -> list[Note] | None:
    """The notes in the overview at `target`; None when there is none; refuses one it cannot
    read (UnreadableFile), so that nothing overwrites notes pvs could not carry over."""
    if not target.exists():
        return None
    try:
        if target.suffix.lower() == ".xlsx":
            return bounded(_xlsx_notes, target, name=str(target))
        notes = _csv_notes(target, WHOLE_LIST)
        beside = target.with_name(f"{target.stem}-aantekeningen-zonder-paspoort.csv")
        return notes + (_csv_notes(beside, ORPHANS) if beside.exists() else [])
    except UnreadableFile as error:  # what pvs saw helps: a limit says how to raise it
        raise UnreadableFile(REFUSED.format(target=target, reason=error.message + " ")) from None
    except (OSError, UnicodeDecodeError, csv.Error):
        raise UnreadableFile(REFUSED.format(target=target, reason="")) from None


def _xlsx_notes(path: Path) -> list[Note]:
    from openpyxl import load_workbook

    check_file_size(path.stat().st_size, str(path))
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a zip, a zip without a workbook, a broken part: all the same here
        raise UnreadableFile(NO_WORKBOOK) from None
    try:
        names = book.sheetnames
        if WHOLE_LIST not in names or len(names) > MAX_SHEETS:
            raise UnreadableFile(f"Het heeft geen blad '{WHOLE_LIST}'.")
        notes: list[Note] = []
        for name in names:
            rows = book[name].iter_rows(values_only=True, max_row=limits().rows + 1)
            notes.extend(_notes(name, rows, as_keys=False))
        return notes
    except (PvsError, MemoryError):
        raise
    except Exception:  # a sheet openpyxl cannot parse
        raise UnreadableFile(NO_WORKBOOK) from None
    finally:
        book.close()


def _csv_notes(path: Path, sheet: str) -> list[Note]:
    check_file_size(path.stat().st_size, str(path))
    text = path.read_bytes().decode("utf-8-sig")
    rows = csv.reader(io.StringIO(text), delimiter=";")
    return _notes(sheet, (tuple(r) for r in rows), as_keys=True)


def _notes(sheet: str, rows: Iterator[tuple[Any, ...]], as_keys: bool) -> list[Note]:
    """The filled notes in one table whose first row is its header; none without the column."""
    header = [str(h or "").strip() for h in next(rows, ())]
    at = {f: _index(header, names[as_keys]) for f, names in FIELDS.items()}
    if at["text"] is None:
        return []
    found = []
    for row in rows:
        cell = {f: (row[i] if i is not None and i < len(row) else None) for f, i in at.items()}
        text = _plain(cell["text"])
        if text:
            found.append(_note(sheet, cell, text))
    return found


def _note(sheet: str, cell: dict[str, Any], text: str) -> Note:
    return Note(
        _plain(cell["sheet"]) or sheet,
        _plain(cell["number"]),
        _plain(cell["name"]),
        as_date(cell["born"]),
        _plain(cell["file"]),
        text,
    )


def _index(header: list[str], name: str) -> int | None:
    return header.index(name) if name in header else None


def _plain(value: Any) -> str:
    """A cell as text; a number a spreadsheet made of a pupil number back without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value).strip()
    # The CSV puts an apostrophe before what a spreadsheet would run as a formula.
    return text[1:] if text.startswith("'") and text[1:2].startswith(FORMULA_STARTS) else text


def orphan_table(
    notes: Iterable[Note], as_keys: bool
) -> tuple[list[str], list[list[Any]], list[int]]:
    """The notes without a row, as a table: header, rows and widths."""
    header = [names[as_keys] for names in FIELDS.values()]
    rows = [[n.sheet, n.number, n.name, n.born or "", n.file, n.text] for n in notes]
    return header, rows, [24, 14, 30, 13, 40, 60]
