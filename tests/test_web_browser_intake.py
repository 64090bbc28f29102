"""The page "Intake-overzicht" in a real browser (Chromium via Playwright, tests/web_fixtures.py):
upload returned passports, follow the job, sort and filter the table, download the spreadsheet.
Every request must stay on the server; the server must print no pupil's name."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page

import pvs
from tests.web_fixtures import Visit
from tests.web_tools import read_download

pytestmark = pytest.mark.needs("chromium")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TERUG = SAMPLES / "terug"
RETURNS = [
    TERUG / "02-sukru-yilmaz.pdf",
    TERUG / "03-olena-kovalenko.docx",
    SAMPLES / "01-sanne-de-vries.json",
    SAMPLES / "10-daan-van-den-berg.json",
    SAMPLES / "12-kevin-ongeldig.json",
]
SCREENSHOT = Path("/tmp/pvs-web-intake.png")


def make_overview(visit: Visit, *paths: Path, export: Path | None = None) -> Page:
    page = visit.page
    visit.go("/intake")
    page.set_input_files("#bestanden", [str(p) for p in paths])
    if export:
        page.set_input_files("input[name=leerlingen]", str(export))
    page.get_by_role("button", name="Overzicht maken").click()
    page.wait_for_url("**/taken/**")
    page.locator("table.intake-tabel").wait_for(timeout=180_000)  # the job page reloads itself
    return page


def visible_names(page: Page) -> list[str]:
    rows = page.locator("table.intake-tabel tbody tr:visible th.naam")
    return [text.split("\n")[0].strip() for text in rows.all_inner_texts()]


def test_returns_become_a_table_to_sort_and_filter_and_a_spreadsheet(visit: Visit) -> None:
    page = make_overview(visit, *RETURNS)
    assert page.locator("table.intake-tabel tbody tr").count() == len(RETURNS)
    names = visible_names(page)
    assert names == sorted(names, key=str.casefold)  # as pvs made it: by name
    files = page.locator("table.intake-tabel td.bestand").all_inner_texts()
    assert sorted(files) == sorted(p.name for p in RETURNS)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    page.get_by_role("button", name="Naam").click()
    assert page.locator("th[aria-sort=ascending]").count() == 1
    page.get_by_role("button", name="Naam").click()
    assert visible_names(page) == sorted(names, key=str.casefold, reverse=True)
    page.get_by_role("button", name="Wat ontbreekt voor de intake").click()
    assert "Kevin" in visible_names(page)[-1]  # by how many items are missing: his are most
    page.get_by_role("button", name="Wat ontbreekt voor de intake").click()
    assert "Kevin" in visible_names(page)[0]
    page.get_by_role("button", name="Bestand").click()
    files = page.locator("table.intake-tabel tbody tr td.bestand").all_inner_texts()
    assert files == sorted(files, key=str.casefold)

    status = page.locator(".intake-zichtbaar")
    assert status.inner_text() == f"Alle {len(RETURNS)} rijen zichtbaar."
    page.select_option("#filter-instelling", "Technisch College Oostwaard")
    there = [
        p.name for p in RETURNS if "Oostwaard" in json.dumps(pvs.read(p).passport["uitstroom"])
    ]
    assert 0 < len(there) < len(RETURNS)
    shown = page.locator("table.intake-tabel tbody tr:visible td.bestand").all_inner_texts()
    assert sorted(shown) == sorted(there)
    assert status.inner_text() == f"{len(there)} van de {len(RETURNS)} rijen zichtbaar."
    page.select_option("#filter-instelling", "")
    page.select_option("#filter-compleet", "niet-intake")
    not_complete = visible_names(page)
    assert 0 < len(not_complete) < len(RETURNS)
    assert any("Kevin" in name for name in not_complete)
    page.select_option("#filter-compleet", "")
    page.fill("#filter-tekst", "kovalenko")
    assert page.locator("table.intake-tabel tbody tr:visible td.bestand").all_inner_texts() == [
        "03-olena-kovalenko.docx"
    ]
    page.fill("#filter-tekst", "")
    assert len(visible_names(page)) == len(RETURNS)

    with page.expect_download() as download:
        page.locator("a.download-overzicht").click()
    book = openpyxl.load_workbook(io.BytesIO(read_download(download.value.path())))
    assert book["Overzicht"].max_row == 1 + len(RETURNS)


def test_a_whole_folder_of_returns_is_one_choice(visit: Visit) -> None:
    """Staff keep the returns in a folder: choosing the folder sends every file in it."""
    page = visit.page
    visit.go("/intake")
    page.set_input_files("#map", str(TERUG))
    page.get_by_role("button", name="Overzicht maken").click()
    page.locator("table.intake-tabel").wait_for(timeout=180_000)
    files = page.locator("table.intake-tabel td.bestand").all_inner_texts()
    assert sorted(files) == sorted(p.name for p in TERUG.iterdir())


def test_with_the_export_the_return_list_is_shown(visit: Visit) -> None:
    export = SAMPLES / "export" / "leerlingen-magister.csv"
    page = make_overview(visit, TERUG / "03-olena-kovalenko.docx", export=export)
    assert page.get_by_role("heading", name="Wie heeft het paspoort teruggegeven").is_visible()
    pupils = len(export.read_text(encoding="utf-8-sig").strip().splitlines()) - 1
    assert page.locator("table.intake-terug tbody tr").count() == pupils
    total = page.locator("table.intake-klassen tbody tr").last.locator("th, td").all_inner_texts()
    assert total == ["Totaal", str(pupils), "1", str(pupils - 1), "1"]
