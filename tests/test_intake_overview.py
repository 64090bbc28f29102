"""The intake overview as an intake office works in it: typed cells, a sheet per institution,
and notes that survive the next run."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

import pvs
from pvs.cli import cli
from pvs.jobs.intake.columns import columns
from pvs.jobs.sheets import sheet_name
from tests.conftest import SAMPLES, load_json

HEADERS = [c.header for c in columns(sensitive=False)]
ORPHANS = "Aantekeningen zonder paspoort"


def intake(folder: Path, target: Path, *more: str) -> Any:
    args = ["intake", str(folder), "-o", str(target), "--peildatum", "01-03-2027"]
    return CliRunner().invoke(cli, [*args, "--processen", "1", *more])


@pytest.fixture()
def returns(tmp_path: Path) -> Path:
    """Five returns: Kompas mbo and ROC Zuiderkade (Mila), Technisch College Oostwaard (Daan,
    Şükrü), ROC Zuiderkade (Olena), and Sanne, who withdrew the intaker's consent."""
    folder = tmp_path / "terug"
    folder.mkdir()
    for name in ("09-mila-jansen", "10-daan-van-den-berg", "02-sukru-yilmaz", "03-olena-kovalenko"):
        (folder / f"{name}.json").write_bytes((SAMPLES / f"{name}.json").read_bytes())
    sanne = load_json(SAMPLES / "01-sanne-de-vries.json")
    sanne["toestemming"]["delen_met"]["mbo_intaker"]["ingetrokken"] = "2027-02-01"
    (folder / "01-sanne-de-vries.json").write_text(json.dumps(sanne), encoding="utf-8")
    return folder


def rows_of(path: Path, sheet: str = "Overzicht") -> list[dict[str, Any]]:
    table = load_workbook(path)[sheet]
    header = [c.value for c in table[1]]
    return [
        dict(zip(header, r, strict=False)) for r in table.iter_rows(min_row=2, values_only=True)
    ]


def by_name(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(r for r in rows if r["Naam"] == name)


def test_dates_are_dates_and_ages_numbers_with_the_name_first(
    returns: Path, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.xlsx"
    assert intake(returns, target).exit_code == 0
    table = load_workbook(target)["Overzicht"]
    assert [c.value for c in table[1]][:4] == [
        "Leerlingnummer",
        "Naam",
        "Geboortedatum",
        "Leeftijd",
    ]
    assert [c.value for c in table[1]][-1] == "Aantekeningen"
    daan = next(r for r in table.iter_rows(min_row=2) if r[1].value == "Berg, Daan van den")
    cells = {h: c for h, c in zip(HEADERS, daan, strict=True)}
    assert cells["Leerlingnummer"].value == "24056"
    assert cells["Geboortedatum"].value == datetime(2010, 6, 30)
    assert cells["Geboortedatum"].number_format == "DD-MM-YYYY"
    assert (cells["Leeftijd"].value, cells["Leeftijd"].data_type) == (16, "n")
    assert cells["Aangemeld op (eerste aanmelding)"].value == datetime(2027, 1, 22)
    assert cells["Bewaren tot"].value == datetime(2029, 8, 1)
    assert (cells["Mentor"].value, cells["E-mail"].value) == (
        "Marloes Brink",
        "daan.vandenberg@example.com",
    )
    assert (
        cells["Wie komt mee naar de intake"].value == "mentor, ouder, RMC, anderen (zie paspoort)"
    )
    assert table.freeze_panes == "C2"
    assert table.auto_filter.ref == f"A1:AN{table.max_row}"
    widths = {h: table.column_dimensions[c.column_letter].width for h, c in cells.items()}
    assert widths["Naam"] >= 20 and widths["Reden"] <= 40  # no wide empty column before the name


def test_each_institution_gets_its_own_sheet_with_only_its_wishes(
    returns: Path, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.xlsx"
    result = intake(returns, target)
    book = load_workbook(target)
    assert book.sheetnames == [
        "Overzicht",
        "Kompas mbo",
        "ROC Zuiderkade",
        "Technisch College Oostwaard",
    ]
    names = {sheet: [r["Naam"] for r in rows_of(target, sheet)] for sheet in book.sheetnames[1:]}
    # Sanne registered at ROC Zuiderkade and Kompas mbo, but withdrew the intaker's consent.
    assert names == {
        "Kompas mbo": ["Jansen, Mila"],
        "ROC Zuiderkade": ["Jansen, Mila", "Коваленко, Олена"],
        "Technisch College Oostwaard": ["Berg, Daan van den", "Yılmaz, Şükrü"],
    }
    mila_kompas = by_name(rows_of(target, "Kompas mbo"), "Jansen, Mila")
    mila_all = by_name(rows_of(target), "Jansen, Mila")
    assert mila_kompas["Mbo-instelling"] == "Kompas mbo"
    assert mila_all["Mbo-instelling"] == "ROC Zuiderkade, locatie Apeldoorn; Kompas mbo"
    assert ";" not in mila_kompas["Opleidingen"]
    assert "1 leerlingen staan niet op het blad van hun instelling" in result.stderr


def test_sheet_names_are_safe_for_excel() -> None:
    assert sheet_name("ROC [A/B]: *Zwolle?\\", []) == "ROC A B Zwolle"
    long = "Stichting voor Middelbaar Beroepsonderwijs Noord-Oost"
    assert sheet_name(long, []) == long[:31]
    assert sheet_name(long, [long[:31]]) == long[:27].rstrip() + " (2)"
    assert sheet_name("overzicht", ["Overzicht"]) == "overzicht (2)"
    assert sheet_name("History", []) == "History (2)"
    assert sheet_name("''", []) == "Blad"


def write_notes(target: Path, notes: dict[tuple[str, str], str]) -> None:
    """Type notes into the overview as an intaker does in Excel: (sheet, name) -> note."""
    book = load_workbook(target)
    for (sheet, name), text in notes.items():
        table = book[sheet]
        header = [c.value for c in table[1]]
        row = next(r for r in table.iter_rows(min_row=2) if r[header.index("Naam")].value == name)
        row[header.index("Aantekeningen")].value = text
    book.save(target)


def notes_of(target: Path, sheet: str = "Overzicht") -> dict[str, str]:
    return {r["Naam"]: r["Aantekeningen"] for r in rows_of(target, sheet) if r["Aantekeningen"]}


def test_notes_survive_a_rerun_and_notes_without_a_passport_are_kept(
    returns: Path, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.xlsx"
    assert intake(returns, target).exit_code == 0
    write_notes(
        target,
        {
            ("Overzicht", "Berg, Daan van den"): "Gebeld 3 maart; moeder komt mee.",
            ("Overzicht", "Yılmaz, Şükrü"): "Intake 12 maart 10:00",
            ("Technisch College Oostwaard", "Yılmaz, Şükrü"): "Voorleessoftware regelen",
        },
    )
    again = intake(returns, target)
    assert again.exit_code == 0, again.output
    assert notes_of(target) == {
        "Berg, Daan van den": "Gebeld 3 maart; moeder komt mee.",
        "Yılmaz, Şükrü": "Intake 12 maart 10:00",
    }
    assert notes_of(target, "Technisch College Oostwaard") == {
        "Yılmaz, Şükrü": "Voorleessoftware regelen"
    }
    assert "bij 3 regels overgenomen" in again.stderr

    (returns / "02-sukru-yilmaz.json").unlink()  # the file went elsewhere: its notes stay
    moved = intake(returns, target)
    assert "2 aantekeningen horen bij geen paspoort meer" in moved.stderr
    assert notes_of(target) == {"Berg, Daan van den": "Gebeld 3 maart; moeder komt mee."}
    orphans = rows_of(target, ORPHANS)
    assert [(r["Blad"], r["Leerlingnummer"], r["Naam"], r["Aantekeningen"]) for r in orphans] == [
        ("Overzicht", "23817", "Yılmaz, Şükrü", "Intake 12 maart 10:00"),
        ("Technisch College Oostwaard", "23817", "Yılmaz, Şükrü", "Voorleessoftware regelen"),
    ]
    assert intake(returns, target).exit_code == 0  # and again: still kept
    assert len(rows_of(target, ORPHANS)) == 2

    (returns / "02-sukru-yilmaz.json").write_bytes((SAMPLES / "02-sukru-yilmaz.json").read_bytes())
    back = intake(returns, target)
    assert "horen bij geen paspoort" not in back.stderr
    assert notes_of(target)["Yılmaz, Şükrü"] == "Intake 12 maart 10:00"
    assert ORPHANS not in load_workbook(target).sheetnames


def test_a_note_finds_its_pupil_by_name_and_birth_date_without_a_number(tmp_path: Path) -> None:
    folder = tmp_path / "terug"
    folder.mkdir()
    kerem = load_json(SAMPLES / "16-kerem-aydin.json")  # no pupil number
    (folder / "kerem.json").write_text(json.dumps(kerem), encoding="utf-8")
    target = tmp_path / "overzicht.xlsx"
    intake(folder, target)
    write_notes(target, {("Overzicht", "Aydın, Kerem"): "Via RMC aangemeld"})
    (folder / "kerem.json").rename(folder / "kerem-nieuw.json")
    intake(folder, target)
    assert notes_of(target) == {"Aydın, Kerem": "Via RMC aangemeld"}


def test_a_damaged_previous_overview_is_refused_not_overwritten(
    returns: Path, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.xlsx"
    target.write_bytes(b"PK\x03\x04 half a workbook")
    result = intake(returns, target)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"Fout: {target} bestaat al, maar pvs kan het niet als ")
    assert "lezen. Het is geen Excel-werkmap die pvs kan openen. pvs overschrijft het niet" in (
        result.stderr
    )
    assert target.read_bytes() == b"PK\x03\x04 half a workbook"


def test_a_workbook_that_is_no_overview_is_refused(returns: Path, tmp_path: Path) -> None:
    target = tmp_path / "begroting.xlsx"
    book = Workbook()
    book.active.title = "Begroting 2027"
    book.save(target)
    before = target.read_bytes()
    refused = intake(returns, target)
    assert refused.exit_code == 3
    assert (
        "kan het niet als overzicht lezen. Het heeft geen blad 'Overzicht'. pvs" in refused.stderr
    )
    assert target.read_bytes() == before


def test_notes_in_the_csv_survive_too(returns: Path, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.csv"
    assert intake(returns, target).exit_code == 0
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    header = rows[0]
    daan = next(r for r in rows if r[header.index("naam")] == "Berg, Daan van den")
    daan[header.index("aantekeningen")] = "=ook bellen"
    born = date.fromisoformat(daan[header.index("geboortedatum")])
    assert born == date(2010, 6, 30)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    target.write_text(buffer.getvalue(), encoding="utf-8-sig")
    assert intake(returns, target).exit_code == 0
    again = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    carried = {r["naam"]: r["aantekeningen"] for r in again if r["aantekeningen"]}
    assert carried == {"Berg, Daan van den": "'=ook bellen"}  # never a formula in Excel


def test_a_note_saved_while_pvs_reads_the_passports_is_kept(returns: Path, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.xlsx"
    assert intake(returns, target).exit_code == 0
    saved: list[int] = []

    def intaker_saves(done: int, total: int | None) -> None:
        if not saved:  # while the passports are being read, the intaker saves a note
            write_notes(target, {("Overzicht", "Jansen, Mila"): "Mail gestuurd"})
            saved.append(done)

    pvs.run_intake([returns], output=target, processes=1, progress=intaker_saves)
    assert saved and notes_of(target) == {"Jansen, Mila": "Mail gestuurd"}
