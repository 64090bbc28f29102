"""Who returned a passport: the school's list of pupils against the returns, for the mentor.

A return belongs to a pupil with the same pupil number, else to the pupil with the same name
and date of birth; a name alone is never enough (a school may have two Sanne de Vries). Only the
return that counts is matched (an older copy of the same passport is not). Per pupil: returned
or not, complete for which stage, what is missing, the file; per class: how many returned, how
many did not, how many are complete for the intake. A return that matches no pupil is listed
too, with a pupil of the same name when there is one, so a typing error can be found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pvs.jobs.intake.pupil import name_key, number_key
from pvs.jobs.intake.pupils import Pupil
from pvs.jobs.sheets import Sheet, write_table

if TYPE_CHECKING:
    from pvs.jobs.intake.book import Line

__all__ = ["ReturnList", "match_returns"]
RETURNED_SHEET = "Terug ontvangen"
CLASSES_SHEET = "Terug per klas"
NO_CLASS = "(geen klas)"
NOT_LISTED = "ja, niet in de lijst"
# (key in the CSV, header in the workbook, widest width)
RETURN_COLUMNS = [
    ("klas", "Klas", 18),
    ("leerlingnummer", "Leerlingnummer", 14),
    ("naam", "Naam", 28),
    ("geboortedatum", "Geboortedatum", 13),
    ("mentor", "Mentor", 20),
    ("teruggekomen", "Paspoort terug", 20),
    ("compleet_voor", "Compleet voor", 20),
    ("ontbreekt_voor_intake", "Wat ontbreekt voor de intake", 36),
    ("bestand", "Bestand", 30),
    ("opmerking", "Opmerking", 40),
]
CLASS_COLUMNS = [
    ("klas", "Klas", 14),
    ("leerlingen", "Leerlingen", 11),
    ("terug", "Terug", 9),
    ("niet_terug", "Niet terug", 11),
    ("compleet_intake", "Compleet voor de intake", 14),
]


@dataclass(frozen=True)
class ReturnList:
    rows: list[list[Any]]  # per pupil, then the returns that match no pupil
    classes: list[list[Any]]  # per class, then the total
    pupils: int
    returned: int
    unmatched: int

    @property
    def headers(self) -> list[tuple[str, str]]:
        """(key, Dutch header) of each column of `rows`."""
        return [(key, header) for key, header, _ in RETURN_COLUMNS]

    @property
    def class_headers(self) -> list[tuple[str, str]]:
        """(key, Dutch header) of each column of `classes`."""
        return [(key, header) for key, header, _ in CLASS_COLUMNS]

    @property
    def not_returned(self) -> int:
        return self.pupils - self.returned

    @staticmethod
    def sheet_names() -> tuple[str, str]:
        return (RETURNED_SHEET, CLASSES_SHEET)

    def sheets(self) -> list[Sheet]:
        return [
            _sheet(RETURNED_SHEET, RETURN_COLUMNS, self.rows, "D2"),
            _sheet(CLASSES_SHEET, CLASS_COLUMNS, self.classes, "B2"),
        ]

    def write_csv(self, target: Path) -> tuple[Path, Path]:
        """Beside a CSV overview (one table a file): `-terug.csv` and `-terug-per-klas.csv`."""
        pupils = target.with_name(f"{target.stem}-terug.csv")
        classes = target.with_name(f"{target.stem}-terug-per-klas.csv")
        write_table(pupils, [key for key, _, _ in RETURN_COLUMNS], self.rows)
        write_table(classes, [key for key, _, _ in CLASS_COLUMNS], self.classes)
        return pupils, classes


def _sheet(
    name: str, columns: list[tuple[str, str, int]], rows: list[list[Any]], freeze: str
) -> Sheet:
    """The sheet; `freeze`: the columns left of it stay in view (class, number and name)."""
    header, widths = [h for _, h, _ in columns], [w for _, _, w in columns]
    return Sheet(name, header, rows, widths, freeze, fit_width=True)  # a mentor prints it


def match_returns(pupils: list[Pupil], lines: list[Line]) -> ReturnList:
    """Each pupil with the returns that are theirs; the returns that are no one's."""
    by_number: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for index, pupil in enumerate(pupils):
        by_number.setdefault(number_key(pupil.number), index)
        by_name.setdefault(name_key(pupil.name, pupil.born), index)
    by_number.pop("", None)
    by_name.pop("", None)
    found: dict[int, list[tuple[Line, str]]] = {}
    unmatched: list[Line] = []
    for line in (line for line in lines if line.counts):
        who = line.who()
        if who.number in by_number:
            found.setdefault(by_number[who.number], []).append((line, "leerlingnummer"))
        elif who.name in by_name:
            found.setdefault(by_name[who.name], []).append((line, "naam en geboortedatum"))
        else:
            unmatched.append(line)
    ordered = sorted(range(len(pupils)), key=lambda i: _order(pupils[i], i in found))
    rows = [_pupil_row(pupils[i], found.get(i, [])) for i in ordered]
    rows += [_unmatched_row(line, pupils) for line in unmatched]
    return ReturnList(rows, _classes(pupils, found), len(pupils), len(found), len(unmatched))


def _order(pupil: Pupil, returned: bool) -> tuple[Any, ...]:
    """By class; in a class, who did not return first (whom to chase), then by name."""
    return (pupil.klas.casefold() or "\uffff", returned, pupil.name.casefold())


def _pupil_row(pupil: Pupil, matches: list[tuple[Line, str]]) -> list[Any]:
    person = [pupil.klas, pupil.number, pupil.name, pupil.born or "", pupil.mentor]
    if not matches:
        return [*person, "nee", "", "", "", ""]
    best = max(matches, key=lambda m: _stages(m[0]) != "nog geen stap")[0]
    how = f"Gevonden op {matches[0][1]}."
    if len(matches) > 1:
        how += f" {len(matches)} verschillende paspoorten horen bij deze leerling: controleer ze."
    return [
        *person,
        "ja",
        _stages(best),
        best.values.get("ontbreekt_voor_intake", ""),
        "; ".join(line.values.get("bestand", "") for line, _ in matches),
        how,
    ]


def _unmatched_row(line: Line, pupils: list[Pupil]) -> list[Any]:
    values = line.values
    return [
        values.get("klas", ""),
        values.get("leerlingnummer", ""),
        values.get("naam", ""),
        values.get("geboortedatum", ""),
        values.get("mentor", ""),
        NOT_LISTED,
        _stages(line),
        values.get("ontbreekt_voor_intake", ""),
        values.get("bestand", ""),
        _look_alike(line, pupils),
    ]


def _look_alike(line: Line, pupils: list[Pupil]) -> str:
    """Names a pupil of the same name, whose number and birth date differ from the return's."""
    name = str(line.values.get("naam", "")).casefold()
    same = [p for p in pupils if name and p.name.casefold() == name]
    text = "Dit paspoort hoort bij geen leerling in de lijst (leerlingnummer en naam met "
    text += "geboortedatum komen niet voor)."
    if same:
        listed = ", ".join(f"{p.number or 'zonder nummer'} ({p.klas or NO_CLASS})" for p in same)
        text += (
            f" In de lijst staat wel een leerling met dezelfde naam: {listed}. Controleer het "
            "leerlingnummer en de geboortedatum in het paspoort en in de lijst."
        )
    return text


def _stages(line: Line) -> str:
    registration = line.values.get("compleet_aanmelding") == "ja"
    intake = line.values.get("compleet_intake") == "ja"
    if registration and intake:
        return "aanmelding en intake"
    if registration or intake:
        return "aanmelding" if registration else "intake"
    return "nog geen stap"


def _classes(pupils: list[Pupil], found: dict[int, list[tuple[Line, str]]]) -> list[list[Any]]:
    total: Counter[str] = Counter()
    back: Counter[str] = Counter()
    complete: Counter[str] = Counter()
    for index, pupil in enumerate(pupils):
        klas = pupil.klas or NO_CLASS
        total[klas] += 1
        if index in found:
            back[klas] += 1
            complete[klas] += any(
                line.values.get("compleet_intake") == "ja" for line, _ in found[index]
            )
    rows: list[list[Any]] = [
        [k, total[k], back[k], total[k] - back[k], complete[k]]
        for k in sorted(total, key=str.casefold)
    ]
    sums = [sum(row[i] for row in rows) for i in range(1, 5)]
    return [*rows, ["Totaal", *sums]]
