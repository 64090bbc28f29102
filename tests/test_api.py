"""The front door: every job through `import pvs`, with the same refusals as the command line."""

from __future__ import annotations

import csv
import io
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import pvs
from tests.conftest import SAMPLES, load_json

DAY = date(2027, 1, 1)


@pytest.fixture(scope="module")
def daan() -> dict[str, Any]:
    passport: dict[str, Any] = load_json(SAMPLES / "10-daan-van-den-berg.json")
    return passport


@pytest.mark.parametrize("fmt", pvs.FORMATS)
def test_render_and_read_back_from_bytes(daan: dict[str, Any], fmt: pvs.OutputFormat) -> None:
    content = pvs.render(daan, fmt, date=DAY)
    result = pvs.read(content, name=f"daan.{fmt}")
    assert (result.kind, result.name) == (fmt, f"daan.{fmt}")
    assert result.passport["jongere"] == daan["jongere"]
    assert set(result.sources.values()) == {pvs.FORM_FIELD}
    assert result.notes == []


def test_the_same_passport_and_date_give_the_same_bytes(daan: dict[str, Any]) -> None:
    assert pvs.render(daan, "pdf", date=DAY) == pvs.render(daan, "pdf", date=DAY)


def test_read_knows_a_file_by_its_content_and_notes_a_misleading_name(
    daan: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "daan.docx"
    target.write_bytes(pvs.render(daan, "pdf", date=DAY))
    result = pvs.read(str(target))
    assert result.kind == "pdf"
    assert [n.message for n in result.notes] == [
        "daan.docx is een PDF, al eindigt de naam niet op .pdf. pvs heeft het als een PDF gelezen."
    ]
    unnamed = pvs.read(pvs.render(daan, "docx", date=DAY))
    assert (unnamed.kind, unnamed.name, unnamed.notes) == ("docx", "paspoort", [])


def test_read_json_bytes_and_refusals() -> None:
    content = (SAMPLES / "01-sanne-de-vries.json").read_bytes()
    assert pvs.read(content).passport == load_json(SAMPLES / "01-sanne-de-vries.json")
    with pytest.raises(pvs.UnreadableFile) as empty:
        pvs.read(b"", name="leeg.pdf")
    assert empty.value.message.startswith("leeg.pdf is leeg.")
    with pytest.raises(pvs.UnreadableFile) as broken:
        pvs.read(b"{", name="kapot.json")
    assert broken.value.exit_code == 3 and "geen geldig JSON-bestand" in broken.value.message


def test_render_refuses_what_it_cannot_make(daan: dict[str, Any]) -> None:
    with pytest.raises(pvs.UsageError):
        pvs.render(daan, "odt")  # type: ignore[arg-type]
    with pytest.raises(pvs.UsageError) as word:
        pvs.render(daan, "docx", password="geheim")
    assert "pvs kan een Word-document niet met een wachtwoord beveiligen" in word.value.message
    with pytest.raises(pvs.InvalidPassport) as invalid:
        pvs.render({"jongere": {"schoenmaat": 42}}, "pdf")
    assert [p.path for p in invalid.value.problems] == ["jongere.?"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_render_refuses_a_value_longer_than_its_field_at_once(
    daan: dict[str, Any], fmt: pvs.OutputFormat
) -> None:
    """A megabyte in one field took 42 s to lay out; now it is refused before any layout."""
    data = {**daan, "wie_ben_ik": {"over_mij": "ab cd " * 200_000}, "school": {"leerjaar": 10**30}}
    started = time.monotonic()
    with pytest.raises(pvs.InvalidPassport) as invalid:
        pvs.render(data, fmt)
    assert time.monotonic() - started < 5
    assert [(p.path, p.message) for p in invalid.value.problems] == [
        ("school.leerjaar", "'Leerjaar' is te lang: hoogstens 20 tekens. Maak de tekst korter."),
        (
            "wie_ben_ik.over_mij",
            "'Over mij' is te lang: hoogstens 2000 tekens. Maak de tekst korter.",
        ),
    ]


def test_check_gives_a_report_with_text_and_data(daan: dict[str, Any]) -> None:
    report = pvs.check({"jongere": {"roepnaam": "Олена"}}, "aanmelding")
    assert (report.complete, report.verdict) == (False, "onvolledig")
    assert report.to_dict()["oordeel"] == "onvolledig"
    assert "Uitkomst: nog niet compleet" in report.to_text(name="Олена")
    assert pvs.check(daan, "intake").complete


def test_plan_object_gives_data_and_word(daan: dict[str, Any]) -> None:
    plan = pvs.plan(daan, plan_date=date(2027, 3, 1), start_date=date(2027, 9, 1))
    data = plan.to_dict()
    assert (data["formaatversie"], data["student"]["naam"]) == (3, "Daan van den Berg")
    data["student"]["naam"] = "veranderd"
    assert plan.to_dict()["student"]["naam"] == "Daan van den Berg"
    assert plan.to_docx().startswith(b"PK")
    without = dict(daan, toestemming={})
    with pytest.raises(pvs.NoConsent):
        pvs.plan(without)


def test_batch_and_intake_report_progress_and_refuse_bad_options(tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    result = pvs.run_batch(
        SAMPLES / "export" / "leerlingen-magister.csv",
        output=tmp_path / "uit",
        processes=1,
        date=DAY,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.count("geschreven") and seen[-1] == (len(result.rows), len(result.rows))
    with pytest.raises(pvs.UsageError):
        pvs.run_batch(SAMPLES / "export" / "leerlingen-magister.csv", output=tmp_path, formats=[])
    counted: list[tuple[int, int | None]] = []
    summary = pvs.run_intake(
        [tmp_path / "uit"],
        output=tmp_path / "overzicht.csv",
        processes=1,
        progress=lambda done, total: counted.append((done, total)),
    )
    assert counted[-1] == (summary.files, summary.files) and summary.unreadable == 0
    with pytest.raises(pvs.UsageError) as suffix:
        pvs.run_intake([tmp_path], output=tmp_path / "overzicht.txt")
    assert suffix.value.message == f"Laat {tmp_path / 'overzicht.txt'} eindigen op .xlsx of .csv."
    with pytest.raises(pvs.UsageError):
        pvs.run_intake([tmp_path / "bestaat-niet"], output=tmp_path / "o.csv")


def test_intake_csv_is_for_systems_and_xlsx_for_people(tmp_path: Path) -> None:
    source = tmp_path / "daan.json"
    source.write_bytes((SAMPLES / "10-daan-van-den-berg.json").read_bytes())
    pvs.run_intake([source], output=tmp_path / "o.csv", reference_date=DAY, processes=1)
    pvs.run_intake([source], output=tmp_path / "o.xlsx", reference_date=DAY, processes=1)
    text = (tmp_path / "o.csv").read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    table = load_workbook(tmp_path / "o.xlsx").active
    assert header[:4] == ["leerlingnummer", "naam", "geboortedatum", "leeftijd"]
    assert [c.value for c in table[1]][:4] == [
        "Leerlingnummer",
        "Naam",
        "Geboortedatum",
        "Leeftijd",
    ]
    at = header.index("geboortedatum")
    born = date.fromisoformat(row[at])
    cell = table.cell(row=2, column=at + 1)
    assert (cell.value.date(), cell.number_format) == (born, "DD-MM-YYYY")  # a date, shown Dutch


def test_the_fields_listing_and_data_dictionary() -> None:
    listing = pvs.load_form_model().to_dict()
    assert listing["schemaversie"] == pvs.SCHEMA_VERSION
    assert {f["soort"] for f in listing["velden"]} == {str(k) for k in pvs.Kind}
    assert pvs.data_dictionary().startswith("# Paspoort voor Succes: overzicht van de velden")


def test_the_shipped_templates_pass_their_own_check() -> None:
    templates = pvs.shipped_templates()
    assert [t.name for t in templates] == [
        "ondersteuningsplan.docx",
        "overdracht.docx",
        "paspoort.docx",
    ]
    assert all(pvs.check_template(t) == [] for t in templates)
