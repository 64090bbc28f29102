"""The mentor's return list: the school's export against the returned passports."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pvs.cli import cli
from pvs.limits import configure
from tests.conftest import SAMPLES

EXPORT = SAMPLES / "export" / "leerlingen-magister.csv"
RETURNS = SAMPLES / "terug"
# Who in the export returned a passport in samples/terug: the same name and birth date (the
# export's pupil numbers are the school's, the passports' are others).
RETURNED = {"Jansen, Mila", "Berg, Daan van den", "Коваленко, Олена"}


def run(*args: str) -> Any:
    # Reading a printed passport takes seconds; on a busy machine more than the 8 allowed.
    slow = ["--max-seconden", "120"]
    result = CliRunner().invoke(
        cli, [*slow, "intake", *args, "--peildatum", "01-03-2027", "--processen", "2"]
    )
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def overview(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    target = tmp_path_factory.mktemp("terug") / "overzicht.xlsx"
    said = run(str(RETURNS), "--leerlingen", str(EXPORT), "-o", str(target)).stderr
    return target, said


def sheet(path: Path, name: str) -> list[dict[str, Any]]:
    table = load_workbook(path)[name]
    header = [c.value for c in table[1]]
    return [dict(zip(header, r, strict=True)) for r in table.iter_rows(min_row=2, values_only=True)]


def test_every_pupil_of_the_export_is_listed_returned_or_not(overview: tuple[Path, str]) -> None:
    target, said = overview
    rows = sheet(target, "Terug ontvangen")
    listed = [r for r in rows if r["Paspoort terug"] in ("ja", "nee")]
    assert len(listed) == 12  # every pupil of the export
    assert {r["Naam"] for r in listed if r["Paspoort terug"] == "ja"} == RETURNED
    missing = {
        (r["Klas"], r["Leerlingnummer"], r["Naam"]) for r in listed if r["Paspoort terug"] == "nee"
    }
    assert missing == {
        ("4B", "004120", "Vries, Sanne de"),
        ("4B", "004121", "Yılmaz, Şükrü"),
        ("H5A", "004123", "Wiśniewski, Łukasz"),
        ("P4", "004124", "Popescu, Ștefan"),
        ("VSO-2", "004125", "Παπαδοπούλου, Ελένη"),
        ("VSO-3", "004126", "Bakker, Noah"),
        ("4T1", "004129", "Smit, Jesse"),
        ("4B", "004130", "Vries, Sanne de"),
        ("4K1", "004131", "Aydın, Kerem"),
    }
    daan = next(r for r in listed if r["Naam"] == "Berg, Daan van den")
    assert (daan["Klas"], daan["Compleet voor"]) == ("4B2", "aanmelding en intake")
    assert daan["Bestand"].endswith("10-daan-van-den-berg.pdf")
    assert daan["Opmerking"] == "Gevonden op naam en geboortedatum."
    assert "Paspoort terug van 3 van de 12 leerlingen; 9 nog niet; 4 ingeleverde" in said


def test_in_each_class_who_did_not_return_comes_first(overview: tuple[Path, str]) -> None:
    rows = sheet(overview[0], "Terug ontvangen")
    four_b = [(r["Naam"], r["Paspoort terug"]) for r in rows if r["Klas"] == "4B"]
    assert [answer for _, answer in four_b] == ["nee", "nee", "nee"]
    klassen = [r["Klas"] for r in rows if r["Paspoort terug"] in ("ja", "nee")]
    assert klassen == sorted(klassen, key=str.casefold)


def test_a_return_of_no_listed_pupil_is_listed_with_a_pupil_of_the_same_name(
    overview: tuple[Path, str],
) -> None:
    """Łukasz's return was broken off half sent: it is no one's until it is read."""
    rows = sheet(overview[0], "Terug ontvangen")
    strays = {r["Naam"]: r for r in rows if r["Paspoort terug"] == "ja, niet in de lijst"}
    assert set(strays) == {
        "Yılmaz, Şükrü",
        "Παπαδοπούλου, Ελένη",
        "Hendriks, Lotte",
        "Nguyễn, Hương",
    }
    assert "dezelfde naam: 004121 (4B)" in strays["Yılmaz, Şükrü"]["Opmerking"]
    assert "dezelfde naam" not in strays["Hendriks, Lotte"]["Opmerking"]


def test_per_class_a_count_returned_not_and_complete(overview: tuple[Path, str]) -> None:
    rows = sheet(overview[0], "Terug per klas")
    counts = {r["Klas"]: (r["Leerlingen"], r["Terug"], r["Niet terug"]) for r in rows}
    assert counts["4B"] == (3, 0, 3)
    assert counts["4B2"] == (1, 1, 0)
    assert counts["Totaal"] == (12, 3, 9)
    assert all(isinstance(r["Leerlingen"], int) for r in rows)


def test_beside_a_csv_overview_the_return_list_is_two_csv_files(tmp_path: Path) -> None:
    folder = tmp_path / "terug"
    folder.mkdir()
    shutil.copy(RETURNS / "10-daan-van-den-berg.pdf", folder)
    said = run(str(folder), "--leerlingen", str(EXPORT), "-o", str(tmp_path / "o.csv")).stderr
    assert "Zie o-terug.csv en o-terug-per-klas.csv." in said
    text = (tmp_path / "o-terug.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["naam"] for r in rows if r["teruggekomen"] == "ja"] == ["Berg, Daan van den"]
    assert sum(r["teruggekomen"] == "nee" for r in rows) == 11
    klassen = (tmp_path / "o-terug-per-klas.csv").read_text("utf-8-sig").splitlines()
    assert klassen[-1] == "Totaal;12;1;11;1"


def test_the_batch_manifest_as_the_list_matches_by_pupil_number(tmp_path: Path) -> None:
    manifest = tmp_path / "overzicht-batch.csv"
    manifest.write_text(
        "Rij;Leerlingnummer;Naam;Status;Reden;Waarschuwingen;Bestanden\r\n"
        "2;24056;Daan van den Berg;geschreven;;;daan.pdf\r\n"
        "3;99999;Sanne de Vries;geschreven;;;sanne.pdf\r\n"
        "\r\nKolom in de export;Gebruikt voor\r\nStamnr;leerlingnummer\r\n",
        encoding="utf-8-sig",
    )
    target = tmp_path / "o.xlsx"
    run(str(RETURNS / "10-daan-van-den-berg.pdf"), "--leerlingen", str(manifest), "-o", str(target))
    rows = sheet(target, "Terug ontvangen")
    assert [(r["Naam"], r["Paspoort terug"]) for r in rows] == [
        ("Sanne de Vries", "nee"),
        ("Daan van den Berg", "ja"),
    ]
    assert rows[1]["Opmerking"] == "Gevonden op leerlingnummer."


def test_mapping_only_with_a_list_of_pupils(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["intake", str(RETURNS), "-o", str(tmp_path / "o.xlsx"), "--mapping", "m.json"]
    )
    assert result.exit_code == 2
    assert "--mapping hoort bij --leerlingen" in result.stderr


MANIFEST_HEAD = "Rij;Leerlingnummer;Naam;Status;Reden;Waarschuwingen;Bestanden\r\n"


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("²;24056;Daan van den Berg;geschreven;;;daan.pdf", None),  # isdigit, no number
        ("9" * 5000 + ";24056;Daan van den Berg;geschreven;;;daan.pdf", None),
        ("2;24056;" + "x" * 200_000 + ";geschreven;;;daan.pdf", "regel 2 is geen geldige CSV"),
    ],
)
def test_a_manifest_another_program_changed_is_read_or_refused_in_dutch(
    tmp_path: Path, row: str, says: str | None
) -> None:
    manifest = tmp_path / "overzicht-batch.csv"
    manifest.write_text(MANIFEST_HEAD + row + "\r\n", encoding="utf-8-sig")
    args = ["intake", str(SAMPLES / "01-sanne-de-vries.json"), "--leerlingen", str(manifest)]
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "o.xlsx")])
    if says is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 3 and says in result.output, result.output


def test_a_manifest_past_the_row_limit_is_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "overzicht-batch.csv"
    rows = "".join(f"{n};{n};Leerling {n};geschreven;;;x.pdf\r\n" for n in range(2, 8))
    manifest.write_text(MANIFEST_HEAD + rows, encoding="utf-8-sig")
    args = ["--max-rijen", "5", "intake", str(SAMPLES / "01-sanne-de-vries.json")]
    args += ["--leerlingen", str(manifest), "-o", str(tmp_path / "o.xlsx")]
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        configure()  # the option set the limits of this process: back to the defaults
    assert result.exit_code == 3 and "meer dan 5 rijen" in result.output, result.output
