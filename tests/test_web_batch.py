"""The page "Paspoorten maken" of `pvs web` (TestClient): an export in, passports out, zipped.

The job runs as it does for a user (pvs.run_batch on a thread); the tests follow it through
/taken/<id>/stand until it is done and then read its page, as static/pvs.js does.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from pvs.web.jobs import Job
from pvs.web.pages.batch import BatchRequest, make
from pvs.web.uploads import Upload
from pvs.web.wording import for_the_page
from tests.conftest import ROOT, SAMPLES
from tests.web_fixtures import form_token

BASE = "http://127.0.0.1:8000"
MAGISTER = SAMPLES / "export" / "leerlingen-magister.csv"  # 12 pupils, 10 classes
ISSUE13 = ROOT / "tests" / "fixtures" / "exports" / "issue13"
OWN_COLUMNS = ISSUE13 / "eigen-kolommen.csv"  # 5 pupils, needs its mapping
OWN_MAPPING = ISSUE13 / "eigen-kolommen.mapping.json"
TWO_SHEETS = ISSUE13 / "somtoday-info-blad.xlsx"  # sheets 'Info' and 'Leerlingen'
RETURNED_PDF = SAMPLES / "terug" / "02-sukru-yilmaz.pdf"
XSS = "<img src=x onerror=alert(1)>"
WAIT = 120.0


def csrf_of(client: TestClient) -> str:
    return form_token(client, "/maken")


def start(
    client: TestClient,
    export: Path | tuple[str, bytes],
    mapping: Path | None = None,
    **fields: str,
) -> Any:
    files = [("export", (export.name, export.read_bytes()) if isinstance(export, Path) else export)]
    if mapping is not None:
        files.append(("mapping", (mapping.name, mapping.read_bytes())))
    data = {"csrf": csrf_of(client), **fields}
    return client.post("/maken", data=data, files=files, follow_redirects=False)


def finished(client: TestClient, answer: Any) -> str:
    """The job's page once /taken/<id>/stand says it is done."""
    assert answer.status_code == 303, answer.text
    job = answer.headers["location"]
    assert re.fullmatch(r"/taken/[\w-]{40,}", job)
    deadline = time.monotonic() + WAIT
    while not client.get(f"{job}/stand").json()["klaar"]:
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.2)
    page = client.get(job)
    assert page.status_code == 200
    return page.text


def made(client: TestClient, export: Path, mapping: Path | None = None, **fields: str) -> str:
    return finished(client, start(client, export, mapping, **fields))


def error_of(page: str) -> str:
    found = re.search(r'<p class="fout" role="alert">(.*?)</p>', page, re.S)
    assert found, page
    return html.unescape(found.group(1))


def links(page: str) -> dict[str, str]:
    """Download links by file name."""
    found = re.findall(r'href="(/download/[\w-]+/([^"]+))"', page)
    return {html.unescape(name).replace("%20", " "): href for href, name in found}


def table_rows(page: str, cls: str) -> list[list[str]]:
    table = re.search(rf'<table class="{cls}">(.*?)</table>', page, re.S)
    assert table, f"no table {cls}"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows[1:]]
    return [[html.unescape(re.sub(r"<[^>]+>", " ", c)).strip() for c in row] for row in cells]


def zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return archive.namelist()


# --- the form -------------------------------------------------------------------------------


def test_the_home_page_links_the_form_and_the_form_has_its_fields(client: TestClient) -> None:
    assert 'href="/maken"' in client.get("/").text
    page = client.get("/maken").text
    csrf, export = page.index('name="csrf"'), page.index('name="export"')
    assert csrf < export < page.index('name="mapping"')  # the token before any file
    assert re.search(r'type="radio" name="formaat" value="pdf" checked', page)
    assert {"pdf", "word", "beide"} == set(re.findall(r'name="formaat" value="(\w+)"', page))
    assert 'name="blad"' in page
    assert "zip" in page and "op deze" in page and "computer" in page


# --- a batch end to end ---------------------------------------------------------------------


def test_an_export_becomes_a_passport_per_pupil_with_plan_and_warnings(
    client: TestClient, temp_root: Path
) -> None:
    page = made(client, MAGISTER)
    assert re.search(r'class="maken-geschreven">12<', page)
    assert re.search(r'class="maken-overgeslagen">0<', page)
    assert re.search(r'class="maken-gewaarschuwd">2<', page)
    plan = table_rows(page, "maken-kolommen")
    assert ["Stamnr", "Leerlingnummer (jongere.leerlingnummer)"] in plan
    assert ["Studie", "soort onderwijs en leerjaar"] in plan
    ignored = [row for row in plan if row[0] == "Profiel"]
    assert ignored and ignored[0][1].startswith("niet gebruikt: het vmbo-profiel")
    looked_at = table_rows(page, "maken-rijen")
    assert [row[:4] for row in looked_at] == [
        ["11", "Jesse Smit", "4T1", "gemaakt"],
        ["13", "Kerem Aydın", "4K1", "gemaakt"],
    ]
    assert "'31-02-2011' is geen bestaande datum" in looked_at[0][4]
    assert "combinatieklas" in looked_at[1][4]

    found = links(page)
    whole = client.get(found["paspoorten.zip"])
    assert whole.status_code == 200 and whole.headers["content-type"] == "application/zip"
    names = zip_names(whole.content)
    assert len(names) == 12 and all(name.endswith(".pdf") for name in names)
    with zipfile.ZipFile(io.BytesIO(whole.content)) as archive:
        assert all(archive.read(name).startswith(b"%PDF") for name in names)
    assert client.get(found["paspoorten.zip"]).status_code == 404  # once only

    per_class = [name for name in found if name.startswith("paspoorten ")]
    assert "paspoorten 4B.zip" in per_class and len(per_class) == 10
    in_classes = [n for name in per_class for n in zip_names(client.get(found[name]).content)]
    assert sorted(in_classes) == sorted(names)

    overview = client.get(found["overzicht-batch.csv"])
    assert overview.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(overview.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Rij", "Leerlingnummer", "Naam", "Status"]
    assert sum(1 for row in rows if row[3:4] == ["geschreven"]) == 12
    assert list(temp_root.iterdir()) == []  # the export and the passports are gone


def test_word_and_pdf_from_an_export_with_a_mapping(client: TestClient, temp_root: Path) -> None:
    page = made(client, OWN_COLUMNS, OWN_MAPPING, formaat="beide")
    assert re.search(r'class="maken-geschreven">5<', page)
    plan = table_rows(page, "maken-kolommen")
    assert ["Lln id", "Leerlingnummer (jongere.leerlingnummer)"] in plan
    assert ["Code", "niet gebruikt: zo staat het in de mapping"] in plan
    names = zip_names(client.get(links(page)["paspoorten.zip"]).content)
    assert sorted(Path(n).suffix for n in names) == [".docx"] * 5 + [".pdf"] * 5
    assert list(temp_root.iterdir()) == []


def test_the_sheet_named_in_the_form_is_read(client: TestClient) -> None:
    page = made(client, TWO_SHEETS, blad=" leerlingen ")
    assert re.search(r'class="maken-geschreven">[1-9]\d*<', page)


# --- what goes wrong ------------------------------------------------------------------------


def test_a_pdf_instead_of_an_export_shows_the_dutch_error(
    client: TestClient, temp_root: Path
) -> None:
    page = made(client, RETURNED_PDF)
    assert error_of(page) == (
        "'02-sukru-yilmaz.pdf' is geen export uit de leerlingadministratie, maar een PDF. Geef "
        "de export uit Magister of Somtoday op: een CSV- of Excel-bestand (.xlsx) met een rij "
        "per leerling."
    )
    assert 'href="/maken"' in page
    assert str(temp_root) not in page
    assert list(temp_root.iterdir()) == []


def test_a_wrong_sheet_lists_the_sheets_and_names_the_field(client: TestClient) -> None:
    message = error_of(made(client, TWO_SHEETS, blad="Verkeerd"))
    assert message == (
        "'somtoday-info-blad.xlsx' heeft geen blad 'Verkeerd'. De bladen heten 'Info' en "
        "'Leerlingen'; vul een daarvan in bij het veld 'Blad'."
    )


def test_a_sheet_for_a_csv_says_to_leave_the_field_empty(client: TestClient) -> None:
    message = error_of(made(client, MAGISTER, blad="Blad1"))
    assert message == (
        "'leerlingen-magister.csv' is geen Excel-bestand en heeft dus geen bladen; laat het "
        "veld 'Blad' leeg."
    )


def test_unknown_columns_point_to_the_mapping_field(client: TestClient) -> None:
    message = error_of(made(client, OWN_COLUMNS))
    assert "geen kopregel met kolommen voor de roepnaam en de achternaam" in message
    assert "Geef met een mappingbestand bij 'Koppeling van kolommen' aan" in message
    assert "--" not in message


def test_a_mapping_that_is_no_json_is_named_by_its_own_name(
    client: TestClient, tmp_path: Path
) -> None:
    broken = tmp_path / "kolommen.json"
    broken.write_text("{niet af", encoding="utf-8")
    message = error_of(made(client, MAGISTER, broken))
    assert message.startswith("De mapping 'kolommen.json' is geen leesbaar JSON-bestand.")


def test_a_markup_name_and_column_show_as_text(client: TestClient, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        f"Roepnaam;Achternaam;Geboortedatum;Studie;{XSS}\n"
        f"{XSS};Jansen;31-02-2010;XYZ9;x\n"
        "Eva;de Wit;01-01-2010;4 TL;y\n"
        ";;01-01-2010;4 TL;z\n",
        encoding="utf-8",
    )
    page = made(client, export)
    assert XSS not in page
    assert html.escape(XSS) in page  # the name in the rows to look at, the column in the plan
    assert re.search(r'class="maken-geschreven">2<', page)
    assert re.search(r'class="maken-overgeslagen">1<', page)
    marked, skipped = table_rows(page, "maken-rijen")
    assert marked[:4] == ["2", f"{XSS} Jansen", "", "gemaakt"]
    assert "Vertaal hem met een mappingbestand bij 'Koppeling van kolommen'" in marked[4]
    assert skipped[:4] == ["4", "(geen naam)", "", "overgeslagen"]
    assert skipped[4].startswith("Deze rij heeft geen roepnaam en geen achternaam.")


def test_nothing_of_the_pupils_reaches_the_console(
    client: TestClient, capfd: pytest.CaptureFixture[str]
) -> None:
    made(client, MAGISTER)
    out, err = capfd.readouterr()
    for name in ("Sanne", "Yılmaz", "Jesse", "Kerem"):
        assert name not in out + err


@pytest.mark.parametrize(
    ("fields", "files", "status", "said"),
    [
        ({}, [("export", ("", b""))], 400, "Kies eerst de export met de leerlingen"),
        ({"formaat": "odt"}, [("export", ("a.csv", b"Roepnaam;Achternaam\nA;B\n"))], 400, "Word"),
        ({}, [("bestanden", ("a.csv", b"x"))], 400, "formulier"),
    ],
)
def test_a_form_pvs_did_not_offer_is_refused_and_nothing_kept(
    client: TestClient,
    temp_root: Path,
    fields: dict[str, str],
    files: list[Any],
    status: int,
    said: str,
) -> None:
    data = {"csrf": csrf_of(client), **fields}
    answer = client.post("/maken", data=data, files=files, follow_redirects=False)
    assert answer.status_code == status
    assert said in answer.text
    assert list(temp_root.iterdir()) == []


def test_a_post_without_the_csrf_token_is_refused(client: TestClient, temp_root: Path) -> None:
    client.get("/maken")
    answer = client.post("/maken", files=[("export", ("a.csv", MAGISTER.read_bytes()))])
    assert answer.status_code == 403
    assert list(temp_root.iterdir()) == []


def test_web_words_leave_no_option_and_no_temp_path(tmp_path: Path) -> None:
    export = tmp_path / "0001.xlsx"
    said = for_the_page(
        f"{export} is te groot. Geef dan meer ruimte met 'pvs --max-rijen N batch ...', of "
        f"splits de export. Zie 'pvs fields' voor alle velden. Niet in {tmp_path}/paspoorten.",
        [Upload("klas 4.xlsx", export, "export")],
        tmp_path,
    )
    assert said == (
        "'klas 4.xlsx' is te groot. Geef dan meer ruimte met 'pvs --max-rijen N web' (stop pvs "
        "web met Ctrl-C en start het zo opnieuw), of splits de export. Alle velden staan in de "
        "README (of typ 'pvs fields' op de opdrachtregel). Niet in de tijdelijke map van pvs."
    )


def test_the_job_reports_its_progress_in_words(tmp_path: Path) -> None:
    export = tmp_path / "0001.csv"
    shutil.copyfile(MAGISTER, export)
    job = Job("taak", "Paspoorten maken", "/maken")
    said: list[str] = []
    job.progress = lambda done, total, text=None: said.append(text or "")  # type: ignore[method-assign]
    asked = BatchRequest(Upload(MAGISTER.name, export, "export"), None, ("pdf",), None, tmp_path)
    outcome = make(job, asked)
    assert said[:2] == ["De export lezen …", "Kolommen gevonden; paspoorten maken …"]
    assert said[-1] == "Paspoorten: 12 van 12"
    assert all(re.fullmatch(r"Paspoorten: \d+ van 12", text) for text in said[2:])
    assert outcome.template == "maken-klaar.html"
    assert outcome.context["export_name"] == MAGISTER.name
    assert set(outcome.files) >= {"paspoorten.zip", "paspoorten 4B.zip", "overzicht-batch.csv"}


def test_an_export_without_pupils_offers_no_zip(client: TestClient, tmp_path: Path) -> None:
    export = tmp_path / "leeg.csv"
    export.write_text("Roepnaam;Achternaam\n", encoding="utf-8")
    page = made(client, export)
    assert re.search(r'class="maken-geschreven">0<', page)
    assert "Er is geen paspoort gemaakt, dus ook geen zip." in page
    assert list(links(page)) == ["overzicht-batch.csv"]
