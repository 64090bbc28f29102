"""The page "Paspoorten maken" in Chromium: an export chosen, the progress, the result, the zip.

The fixtures (tests/web_fixtures.py) fail a test on any request outside the server, a dialog
or a browser error, and the module on a pupil's name printed by the server.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.web_fixtures import Visit
from tests.web_tools import read_download

pytestmark = pytest.mark.needs("chromium")

ROOT = Path(__file__).resolve().parent.parent
MAGISTER = ROOT / "samples" / "export" / "leerlingen-magister.csv"
TWO_SHEETS = ROOT / "tests" / "fixtures" / "exports" / "issue13" / "somtoday-info-blad.xlsx"
COPIES = 3  # long enough a run that the progress page shows before the result
WAIT_MS = 180_000


def larger_export(folder: Path) -> tuple[Path, int]:
    """The Magister sample three times over, each copy with pupil numbers of its own."""
    text = MAGISTER.read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    for copy in range(COPIES):
        writer.writerows([[f"{row[0]}{copy}", *row[1:]] for row in rows])
    path = folder / "leerlingen.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, len(rows) * COPIES


def in_class(export: Path, klas: str) -> int:
    rows = csv.DictReader(io.StringIO(export.read_text(encoding="utf-8-sig")), delimiter=";")
    return sum(1 for row in rows if row["Stamklas"] == klas)


def submit(visit: Visit, export: Path) -> None:
    visit.go("/maken")
    visit.page.set_input_files("input[type=file][name=export]", str(export))
    with visit.page.expect_navigation():
        visit.page.locator("form [type=submit]").click()


def test_an_export_shows_progress_then_the_result_and_the_zip_downloads(
    visit: Visit, tmp_path: Path
) -> None:
    export, pupils = larger_export(tmp_path)
    submit(visit, export)
    page = visit.page
    assert re.search(r"/taken/[\w-]+$", page.url)
    assert page.locator("h1").inner_text() == "Paspoorten maken"
    assert page.locator("progress#voortgang").is_visible()  # the progress page came first

    page.locator("h1", has_text="Paspoorten gemaakt").wait_for(timeout=WAIT_MS)
    job = page.url.removeprefix(visit.server.origin)
    assert f"{job}/stand" in visit.guard.paths  # pvs.js followed the job, then reloaded
    assert page.locator(".maken-geschreven").inner_text() == str(pupils)
    assert (
        page.locator("table.maken-kolommen tr.maken-genegeerd")
        .first.inner_text()
        .startswith("Profiel")
    )
    assert page.locator("table.maken-rijen tbody tr").count() >= 2 * COPIES

    with page.expect_download() as download:
        page.locator("a.download-zip").click()
    assert download.value.suggested_filename == "paspoorten.zip"
    with zipfile.ZipFile(io.BytesIO(read_download(download.value.path()))) as archive:
        names = archive.namelist()
        assert len(names) == pupils and all(n.endswith(".pdf") for n in names)
        assert all(archive.read(n).startswith(b"%PDF") for n in names)
    again = page.request.get(
        visit.server.origin + page.locator("a.download-zip").get_attribute("href")
    )
    assert again.status == 404

    with page.expect_download() as download:
        page.locator("ul.download-klassen a", has_text="paspoorten 4B.zip").click()
    assert download.value.suggested_filename == "paspoorten 4B.zip"
    with zipfile.ZipFile(io.BytesIO(read_download(download.value.path()))) as archive:
        assert len(archive.namelist()) == in_class(MAGISTER, "4B") * COPIES


def test_a_wrong_sheet_shows_the_dutch_message_with_the_sheets(visit: Visit) -> None:
    visit.go("/maken")
    page = visit.page
    page.locator("details.maken-meer summary").click()
    page.fill("input[name=blad]", "Verkeerd")
    page.set_input_files("input[type=file][name=export]", str(TWO_SHEETS))
    with page.expect_navigation():
        page.locator("form [type=submit]").click()
    error = page.locator("p.fout")
    error.wait_for(timeout=WAIT_MS)
    assert error.inner_text() == (
        "'somtoday-info-blad.xlsx' heeft geen blad 'Verkeerd'. De bladen heten 'Info' en "
        "'Leerlingen'; vul een daarvan in bij het veld 'Blad'."
    )
    with page.expect_navigation():
        page.locator("a", has_text="Probeer het opnieuw").click()
    assert page.url.endswith("/maken")
