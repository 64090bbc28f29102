"""pvs intake: hundreds of returns in, one overview out, safe to open in Excel."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import pvs
from pvs.cli import cli
from pvs.documents.docx.render import render_docx
from pvs.documents.pdf.render import render_pdf
from pvs.jobs.intake import overview as overview_module
from pvs.jobs.intake.columns import columns
from pvs.jobs.sheets import write_table
from tests.conftest import SAMPLES, load_json

ON = date(2027, 1, 1)
COLUMNS = columns(sensitive=False)
KEYS = [c.key for c in COLUMNS]
HEADERS = [c.header for c in COLUMNS]
PDF_FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as an intake office gets it: JSON, PDF, Word, flattened, broken, foreign."""
    folder = tmp_path_factory.mktemp("terug")
    (folder / "pdf").mkdir()
    (folder / "pdf" / "daan.pdf").write_bytes(
        render_pdf(load_json(SAMPLES / "10-daan-van-den-berg.json"))
    )
    (folder / "mila.docx").write_bytes(render_docx(load_json(SAMPLES / "09-mila-jansen.json")))
    shutil.copy(SAMPLES / "02-sukru-yilmaz.json", folder / "sukru.json")
    shutil.copy(PDF_FIXTURES / "pvs-filled-qpdf-flattened.pdf", folder / "plat.pdf")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 100)
    (folder / "~$mila.docx").write_bytes(b"Word lock file")
    (folder / "notities.txt").write_text("geen paspoort", encoding="utf-8")
    return folder


def overview(returns: Path, tmp_path: Path, *options: str) -> list[dict[str, str]]:
    target = tmp_path / "overzicht.csv"
    result = CliRunner().invoke(
        cli,
        [
            "intake",
            str(returns),
            "-o",
            str(target),
            "--peildatum",
            "01-01-2027",
            "--processen",
            "2",
            *options,
        ],
    )
    assert result.exit_code == 0, result.output
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def by_file(rows: list[dict[str, str]], name: str) -> dict[str, str]:
    return next(r for r in rows if r["bestand"].endswith(name))


def test_every_return_gets_a_row_and_broken_files_a_reason(returns: Path, tmp_path: Path) -> None:
    rows = overview(returns, tmp_path)
    assert sorted(Path(r["bestand"]).name for r in rows) == [
        "daan.pdf",
        "kapot.pdf",
        "mila.docx",
        "notities.txt",
        "plat.pdf",
        "sukru.json",
        "~$mila.docx",
    ]
    broken = by_file(rows, "kapot.pdf")
    assert broken["gelezen"] == "nee"
    assert "beschadigd" in broken["reden"]
    assert by_file(rows, "~$mila.docx")["gelezen"] == "geen paspoort"
    assert by_file(rows, "notities.txt")["gelezen"] == "geen paspoort"


def test_flags_to_plan_intakes_by(returns: Path, tmp_path: Path) -> None:
    rows = overview(returns, tmp_path)
    daan = by_file(rows, "daan.pdf")
    assert (daan["naam"], daan["onderwijstype"], daan["compleet_intake"]) == (
        "Berg, Daan van den",
        "vmbo-bb",
        "ja",
    )
    assert daan["opleidingen"] == ("Timmerman (25339) niveau 2; Schilder (25366) niveau 2")
    assert (daan["ondersteuning_nodig"], daan["gezamenlijke_intake"]) == ("ja", "ja")
    assert daan["gegevens_uit"] == "invulvelden"
    mila = by_file(rows, "mila.docx")
    assert (mila["jonger_dan_16"], mila["leeftijd"]) == ("ja", "15")
    sukru = by_file(rows, "sukru.json")
    assert sukru["toestemming_begeleider_ontbreekt"] == "ja"
    assert sukru["gegevens_uit"] == "JSON"
    assert by_file(rows, "plat.pdf")["gegevens_uit"] == "pagina (platgemaakt of afgedrukt)"
    assert (daan["bewaren_tot"], daan["bewaartermijn_verstreken"]) == ("2029-08-01", "nee")


def test_returns_past_their_retention_date_are_flagged(tmp_path: Path) -> None:
    data = load_json(SAMPLES / "01-sanne-de-vries.json")
    data["meta"]["bewaren_tot"] = "2026-12-31"
    (tmp_path / "oud.json").write_text(__import__("json").dumps(data), encoding="utf-8")
    target = tmp_path / "overzicht.csv"
    pvs.run_intake(
        [tmp_path / "oud.json"], output=target, reference_date=date(2027, 1, 1), processes=1
    )
    row = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))[1]
    assert row[KEYS.index("bewaartermijn_verstreken")] == "ja"


def test_support_needs_text_only_when_asked(returns: Path, tmp_path: Path) -> None:
    secret = load_json(SAMPLES / "10-daan-van-den-berg.json")["wat_heb_ik_nodig"]["behoeften"][0][
        "nodig_in_mbo"
    ]
    for folder in ("zonder", "met"):
        (tmp_path / folder).mkdir()
    plain = overview(returns, tmp_path / "zonder")
    assert "ondersteuningsbehoeften" not in plain[0]
    assert secret not in (tmp_path / "zonder" / "overzicht.csv").read_text(encoding="utf-8-sig")
    asked = overview(returns, tmp_path / "met", "--gevoelig")
    assert secret in by_file(asked, "daan.pdf")["ondersteuningsbehoeften"]


def hostile_passport(folder: Path) -> Path:
    data = load_json(SAMPLES / "01-sanne-de-vries.json")
    data["jongere"]["roepnaam"] = '=HYPERLINK("http://example.com","klik")'
    data["jongere"]["achternaam"] = "+31 6 spam"
    data["school"]["naam"] = "@SUM(A1:A9)"
    target = folder / "formule.pdf"
    target.write_bytes(render_pdf(data))
    return target


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    source = hostile_passport(tmp_path)
    target = tmp_path / "overzicht.csv"
    pvs.run_intake([source], output=target, reference_date=ON, processes=1)
    row = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))[1]
    assert row[KEYS.index("naam")].startswith("'+31 6 spam, =HYPERLINK")
    assert row[KEYS.index("school")] == "'@SUM(A1:A9)"


def test_xlsx_is_text_only_with_header_freeze_filter_and_widths(tmp_path: Path) -> None:
    source = hostile_passport(tmp_path)
    target = tmp_path / "overzicht.xlsx"
    pvs.run_intake([source], output=target, reference_date=ON, processes=1)
    with zipfile.ZipFile(target) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere
    book = load_workbook(target)
    table = book.active
    assert [c.value for c in table[1]] == HEADERS
    assert table[1][0].font.bold
    assert table.freeze_panes == "C2"  # the header, the pupil number and the name stay
    assert table.auto_filter.ref == table.dimensions
    name = table.cell(row=2, column=KEYS.index("naam") + 1)
    assert name.value.startswith("+31 6 spam, =HYPERLINK") and name.data_type == "s"
    assert table.column_dimensions["A"].width > 8


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_cells_hold_control_characters_and_half_characters_as_replacements(
    tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"overzicht{suffix}"
    # A file name the system could not decode comes with a lone surrogate in it.
    write_table(target, ["Naam", "Bestand"], [["Kim\x01 Visser", "map/\udcff.pdf"]])
    if suffix == ".xlsx":
        cells = [c.value for c in load_workbook(target).active[2]]
    else:
        cells = target.read_text(encoding="utf-8-sig").splitlines()[1].split(";")
    assert cells == ["Kim\ufffd Visser", "map/\ufffd.pdf"]


def test_a_passport_with_values_of_the_wrong_type_gets_its_row(tmp_path: Path) -> None:
    data = load_json(SAMPLES / "01-sanne-de-vries.json")
    data["uitstroom"]["opleidingswensen"] = 5
    data["school"]["naam"] = {"x": 1}
    data["intake"] = {"gezamenlijke_intake": [True]}
    folder = tmp_path / "terug"
    folder.mkdir()
    (folder / "raar.json").write_text(json.dumps(data), encoding="utf-8")
    row = by_file(overview(folder, tmp_path), "raar.json")
    assert (row["gelezen"], row["school"], row["opleidingen"]) == ("ja", "", "")
    assert (row["naam"], row["gezamenlijke_intake"]) == ("Vries, Sanne de", "onbekend")


def test_cli_intake_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    wrong = runner.invoke(cli, ["intake", str(tmp_path), "-o", str(tmp_path / "x.txt")])
    assert wrong.exit_code == 2
    assert wrong.stderr == f"Fout: Laat {tmp_path / 'x.txt'} eindigen op .xlsx of .csv.\n"
    missing = runner.invoke(
        cli, ["intake", str(tmp_path / "nergens"), "-o", str(tmp_path / "x.csv")]
    )
    assert missing.exit_code == 2
    assert "bestaat niet" in missing.stderr


def _die(*args: object) -> None:
    os._exit(9)  # as a worker the system stops for taking too much memory


def test_a_worker_that_dies_costs_its_files_a_row_not_the_overview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overview_module, "_row", _die)
    for number in range(12):
        shutil.copy(SAMPLES / "01-sanne-de-vries.json", tmp_path / f"{number}.json")
    summary = pvs.run_intake([tmp_path], output=tmp_path / "overzicht.xlsx", processes=1)
    assert (summary.files, summary.unreadable) == (12, 12)
    rows = load_workbook(summary.target).active.iter_rows(min_row=2)
    reasons = [row[KEYS.index("reden")].value for row in rows]
    assert all("(BrokenProcessPool)" in reason for reason in reasons)


def _withdraw(data: dict[str, Any], party: str) -> dict[str, Any]:
    data["toestemming"]["delen_met"].setdefault(party, {})["ingetrokken"] = "2027-02-01"
    return data


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns on every route, with a late registration and withdrawn consents."""
    folder = tmp_path_factory.mktemp("routes")
    sanne = load_json(SAMPLES / "01-sanne-de-vries.json")
    sanne["uitstroom"]["opleidingswensen"][0]["aangemeld_op"] = "2027-05-20"
    nothing_chosen = load_json(SAMPLES / "02-sukru-yilmaz.json")
    del nothing_chosen["uitstroom"]["profiel"]
    passports = {
        "sanne": _withdraw(sanne, "rmc"),
        "stefan": _withdraw(load_json(SAMPLES / "05-stefan-popescu.json"), "werkgever"),
        "eleni": load_json(SAMPLES / "06-eleni-papadopoulou.json"),
        "sukru": load_json(SAMPLES / "02-sukru-yilmaz.json"),
        "geen-profiel": nothing_chosen,
        "daan": _withdraw(load_json(SAMPLES / "10-daan-van-den-berg.json"), "begeleider"),
    }
    for name, data in passports.items():
        (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


ROUTE_COLUMNS = (
    "uitstroomprofiel",
    "aangemeld_na_1_april",
    "toestemming_begeleider_ontbreekt",
    "toestemming_ingetrokken",
)
# Per return: the route, the programmes registered late, begeleider consent missing, withdrawn.
ROUTE_ROWS = {
    "sanne.json": ("vervolgonderwijs", "SANNE_FIRST", "nee", "rmc"),
    "stefan.json": ("arbeidsmarkt", "", "", "werkgever"),
    "eleni.json": ("dagbesteding", "", "", ""),
    "sukru.json": ("vervolgonderwijs", "", "ja", ""),
    "geen-profiel.json": ("onbekend", "", "ja", ""),
    "daan.json": ("vervolgonderwijs", "", "ja", "begeleider"),
}


def _expected(name: str) -> tuple[str, ...]:
    wish = load_json(SAMPLES / "01-sanne-de-vries.json")["uitstroom"]["opleidingswensen"][0]
    first = f"{wish['opleiding']} ({wish['crebo']}) niveau {wish['niveau']}"
    return tuple(first if v == "SANNE_FIRST" else v for v in ROUTE_ROWS[name])


def test_route_late_registration_and_withdrawn_consents_in_the_csv(
    routes: Path, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.csv"
    pvs.run_intake([routes], output=target, reference_date=ON, processes=1)
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    assert {Path(r["bestand"]).name: tuple(r[k] for k in ROUTE_COLUMNS) for r in rows} == {
        name: _expected(name) for name in ROUTE_ROWS
    }


def test_the_xlsx_names_them_in_plain_words(routes: Path, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.xlsx"
    result = CliRunner().invoke(
        cli,
        ["intake", str(routes), "-o", str(target), "--peildatum", "01-01-2027", "--processen", "1"],
    )
    assert result.exit_code == 0, result.output
    table = load_workbook(target).active
    headers = [c.value for c in table[1]]
    shown = [headers.index(c.header) for c in COLUMNS if c.key in ROUTE_COLUMNS]
    assert [headers[i] for i in shown] == [
        "Uitstroomprofiel",
        "Aangemeld na 1 april (geen toelatingsrecht)",
        "Toestemming begeleider ontbreekt",
        "Toestemming ingetrokken voor",
    ]
    found = {
        Path(row[KEYS.index("bestand")].value).name: tuple(row[i].value or "" for i in shown)
        for row in table.iter_rows(min_row=2)
    }
    assert found == {name: _expected(name) for name in ROUTE_ROWS}
