"""The page "Intake-overzicht" of `pvs web` at the server level (Starlette's TestClient).

Returned passports are uploaded, the job is followed through /taken/<id>/stand until it is done,
and the page, the spreadsheet and the upload folder are checked: every file a row under the
user's own file name, the spreadsheet once, nothing left behind. The browser test is
tests/test_web_browser_intake.py.
"""

from __future__ import annotations

import copy
import io
import json
import re
import time
import zipfile
from html import unescape
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from starlette.testclient import TestClient

import pvs
from pvs.web.pages.intake import safe_name, unique_name
from tests.conftest import ROOT, SAMPLES, load_json
from tests.web_fixtures import form_token

BASE = "http://127.0.0.1:8000"
TERUG = SAMPLES / "terug"
EXPORT = SAMPLES / "export" / "leerlingen-magister.csv"
RETURNS = [TERUG / "02-sukru-yilmaz.pdf", TERUG / "03-olena-kovalenko.docx"]
JSONS = [SAMPLES / "01-sanne-de-vries.json", SAMPLES / "10-daan-van-den-berg.json"]
NEEDS_TEXT = "Extra tijd bij toetsen en examens"  # sample 02's support need: sensitive
XSS = "<img src=x onerror=alert(1)>"
Part = tuple[str, tuple[str, bytes]]


def csrf_of(client: TestClient) -> str:
    return form_token(client, "/intake")


def part(path: Path, name: str | None = None, field: str = "bestanden") -> Part:
    return (field, (name or path.name, path.read_bytes()))


def start(client: TestClient, *parts: Part, sensitive: bool = False) -> str:
    """Post the form; the job's page it redirects to."""
    data = {"csrf": csrf_of(client)} | ({"gevoelig": "ja"} if sensitive else {})
    answer = client.post("/intake", data=data, files=list(parts), follow_redirects=False)
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert re.fullmatch(r"/taken/[\w-]{40,}", location)
    return location


def finished(client: TestClient, job: str, temp_root: Path) -> str:
    """Follow the job as the page's script does; its page once done (the folder then gone)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        state = client.get(f"{job}/stand").json()
        if state["klaar"]:
            assert list(temp_root.iterdir()) == [], "the upload folder was left behind"
            return client.get(job).text
        assert set(state) == {"klaar", "gedaan", "totaal", "tekst"}
        time.sleep(0.2)
    raise AssertionError("the intake job did not finish")


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="intake-rij".*?</tr>', html, re.S)


def cell(row: str, cls: str) -> str:
    found = re.search(rf'<t[dh][^>]* class="{cls}"[^>]*>(.*?)</t[dh]>', row, re.S)
    assert found, cls
    return unescape(re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def flags(row: str) -> list[str]:
    found = re.search(r'data-vlaggen="([^"]*)"', row)
    assert found
    return found.group(1).split()


def sheet_link(html: str) -> str:
    found = re.search(r'<a class="download-overzicht" href="([^"]+)"', html)
    assert found
    return found.group(1)


def workbook(client: TestClient, html: str) -> Any:
    link = sheet_link(html)
    answer = client.get(link)
    assert answer.status_code == 200
    assert client.get(link).status_code == 404  # each download once
    return openpyxl.load_workbook(io.BytesIO(answer.content))


def column(sheet: Any, header: str) -> list[Any]:
    headers = [c.value for c in sheet[1]]
    index = headers.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def passport_file(tmp_path: Path, name: str, **pupil: str) -> Path:
    data = copy.deepcopy(load_json(JSONS[0]))
    data["jongere"].update(pupil)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- the form -------------------------------------------------------------------------------


def test_the_form_has_csrf_first_states_its_limits_and_leaves_sensitive_text_off(
    client: TestClient,
) -> None:
    page = client.get("/intake").text
    assert page.index('name="csrf"') < page.index('type="file"')
    assert re.search(r'<input type="file" id="bestanden" name="bestanden" multiple', page)
    assert 'name="leerlingen"' in page
    checkbox = re.search(r'<input type="checkbox" id="gevoelig"[^>]*>', page, re.S)
    assert checkbox and "checked" not in checkbox.group(0)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Hoogstens 500 bestanden tegelijk, elk tot 25 MB en samen tot 500 MB" in text
    assert "overzicht-batch.csv" in text
    assert 'href="/intake"' in client.get("/").text  # on the home page


def test_no_files_is_refused_in_dutch_and_nothing_is_kept(
    client: TestClient, temp_root: Path
) -> None:
    answer = client.post(
        "/intake", data={"csrf": csrf_of(client)}, files=[part(EXPORT, field="leerlingen")]
    )
    assert answer.status_code == 400
    assert "Kies eerst de teruggekomen paspoorten" in answer.text
    assert list(temp_root.iterdir()) == []


def test_a_forged_upload_is_refused(client: TestClient, temp_root: Path) -> None:
    csrf_of(client)
    answer = client.post("/intake", data={"csrf": "x" * 43}, files=[part(JSONS[0])])
    assert answer.status_code == 403
    assert list(temp_root.iterdir()) == []


# --- the overview ---------------------------------------------------------------------------


def test_returns_give_a_row_each_under_the_users_names_and_the_spreadsheet_once(
    client: TestClient, temp_root: Path
) -> None:
    odd = "Sanne terug (definitief).json"
    uploads = [*(part(p) for p in RETURNS), part(JSONS[0], odd), part(JSONS[1])]
    html = finished(client, start(client, *uploads), temp_root)

    shown = rows(html)
    assert len(shown) == 4
    names = {cell(row, "bestand"): cell(row, "naam") for row in shown}
    assert set(names) == {RETURNS[0].name, RETURNS[1].name, odd, JSONS[1].name}
    for path in [*RETURNS, *JSONS]:
        surname = pvs.read(path).passport["jongere"]["achternaam"]
        assert any(surname in name for name in names.values()), surname
    assert "pvs-web-" not in html  # never the folder pvs keeps the uploads in
    sanne = next(row for row in shown if odd in row)
    assert 'data-instellingen="ROC Zuiderkade|Kompas mbo"' in sanne

    book = workbook(client, html)
    overview = book["Overzicht"]
    assert overview.max_row == 1 + 4
    assert set(column(overview, "Bestand")) == set(names)
    assert NEEDS_TEXT not in html  # without the checkbox: no support text, here or there
    assert all(NEEDS_TEXT not in str(c) for r in overview.iter_rows(values_only=True) for c in r)


def test_each_row_says_how_complete_it_is_and_what_to_plan_by(
    client: TestClient, temp_root: Path
) -> None:
    html = finished(
        client, start(client, part(JSONS[0]), part(SAMPLES / "12-kevin-ongeldig.json")), temp_root
    )
    data = load_json(JSONS[0])
    expected = {stage: pvs.check(data, stage).complete for stage in pvs.STAGES}
    sanne = next(row for row in rows(html) if JSONS[0].name in row)
    stages = re.findall(r'<td class="intake-stap (\w+)">(\w+)</td>', sanne)
    assert [value for _, value in stages] == ["ja" if expected[s] else "nee" for s in pvs.STAGES]
    completeness = re.search(r'data-compleet="([^"]*)"', sanne)
    assert completeness and set(completeness.group(1).split()) == {
        s for s in pvs.STAGES if expected[s]
    } | (set() if expected["intake"] else {"niet-intake"})
    kevin = next(row for row in rows(html) if "12-kevin-ongeldig.json" in row)
    problems = pvs.check(load_json(SAMPLES / "12-kevin-ongeldig.json"), "intake").problems
    missing = re.search(r'<td class="intake-ontbreekt"[^>]*>(.*?)</td>', kevin, re.S)
    assert missing and missing.group(1).count("<li>") == len(problems) > 3
    assert f"<summary>{len(problems)} onderdelen</summary>" in missing.group(1)


def test_a_non_passport_and_an_unreadable_file_get_a_row_with_the_reason(
    client: TestClient, temp_root: Path
) -> None:
    uploads = [
        part(JSONS[0]),
        ("bestanden", ("foto.png", b"\x89PNG\r\n\x1a\nxx")),
        ("bestanden", ("kapot.pdf", b"%PDF-1.7 kapot")),
    ]
    html = finished(client, start(client, *uploads), temp_root)
    by_file = {cell(row, "bestand"): row for row in rows(html)}
    assert set(by_file) == {JSONS[0].name, "foto.png", "kapot.pdf"}
    assert "Geen paspoort" in by_file["foto.png"]
    assert flags(by_file["foto.png"]) == ["geen-paspoort"]
    assert 'data-compleet="niet-gelezen"' in by_file["kapot.pdf"]
    assert "Niet gelezen" in by_file["kapot.pdf"]


def test_a_zip_of_returns_is_read_member_by_member(client: TestClient, temp_root: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in [RETURNS[0], *JSONS]:
            zipped.writestr(f"klas 4B/{path.name}", path.read_bytes())
    html = finished(
        client, start(client, ("bestanden", ("terug 4B.zip", archive.getvalue()))), temp_root
    )
    files = sorted(cell(row, "bestand") for row in rows(html))
    assert files == sorted(f"terug 4B.zip › klas 4B/{p.name}" for p in [RETURNS[0], *JSONS])
    assert all('data-compleet="niet-gelezen"' not in row for row in rows(html))


def test_two_uploads_of_one_name_both_count_and_are_told_apart(
    client: TestClient, temp_root: Path
) -> None:
    html = finished(
        client,
        start(client, part(JSONS[0], "paspoort.json"), part(JSONS[1], "Paspoort.json")),
        temp_root,
    )
    assert sorted(cell(row, "bestand") for row in rows(html)) == [
        "Paspoort (2).json",
        "paspoort.json",
    ]


def test_the_same_passport_twice_is_flagged(client: TestClient, temp_root: Path) -> None:
    html = finished(
        client,
        start(client, part(JSONS[0], "eerste.json"), part(JSONS[0], "tweede.json")),
        temp_root,
    )
    for row in rows(html):
        assert "dubbel" in flags(row)
    first, second = (
        next(r for r in rows(html) if f">{n}<" in r) for n in ("eerste.json", "tweede.json")
    )
    assert "Ook ingeleverd als tweede.json" in first and "Ook ingeleverd als eerste.json" in second
    assert sum("Oudere versie: telt niet mee" in row for row in (first, second)) == 1


# --- the list of pupils -----------------------------------------------------------------------


def test_with_the_export_the_return_list_appears_per_pupil_and_per_class(
    client: TestClient, temp_root: Path
) -> None:
    html = finished(
        client, start(client, part(RETURNS[1]), part(EXPORT, field="leerlingen")), temp_root
    )
    assert "Wie heeft het paspoort teruggegeven" in html
    pupils = len(EXPORT.read_text(encoding="utf-8-sig").strip().splitlines()) - 1
    returns = re.search(r'<table class="intake-terug".*?</table>', html, re.S)
    assert returns and returns.group(0).count('<tr class="terug-') == pupils
    assert returns.group(0).count('<tr class="terug-ja">') == 1  # Olena returned hers
    classes = re.search(r'<table class="intake-klassen".*?</table>', html, re.S)
    assert classes
    total = re.search(
        r"<th scope=\"row\">Totaal</th><td>(\d+)</td><td>(\d+)</td>", classes.group(0)
    )
    assert total and total.groups() == (str(pupils), "1")  # Olena returned hers
    book = workbook(client, html)
    assert {"Terug ontvangen", "Terug per klas"} <= set(book.sheetnames)


def test_a_list_with_its_own_column_names_is_read_with_its_mapping(
    client: TestClient, temp_root: Path
) -> None:
    own = ROOT / "tests" / "fixtures" / "exports" / "issue13" / "eigen-kolommen.csv"
    mapping = own.with_name("eigen-kolommen.mapping.json")
    listed = part(own, field="leerlingen")
    html = finished(
        client, start(client, part(JSONS[0]), listed, part(mapping, field="mapping")), temp_root
    )
    returns = re.search(r'<table class="intake-terug".*?</table>', html, re.S)
    pupils = len(own.read_text(encoding="utf-8-sig").strip().splitlines()) - 1
    # A row per pupil in the list, and one for Sanne's return, which matches none of them.
    assert returns and returns.group(0).count('<tr class="terug-') == pupils + 1
    # Without the mapping pvs knows "Lln id" and "Voornaam leerling" not: the list is refused.
    html = finished(client, start(client, part(JSONS[0]), listed), temp_root)
    message = re.search(r'<p class="fout" role="alert">(.*?)</p>', html, re.S)
    assert message and "Koppeling van kolommen" in unescape(message.group(1))
    assert "--mapping" not in html


def test_a_list_that_is_not_an_export_stops_the_job_with_its_dutch_reason(
    client: TestClient, temp_root: Path
) -> None:
    html = finished(
        client,
        start(client, part(JSONS[0]), part(JSONS[1], "mijn leerlingen.csv", "leerlingen")),
        temp_root,
    )
    message = re.search(r'<p class="fout" role="alert">(.*?)</p>', html, re.S)
    assert message
    assert unescape(message.group(1)).startswith(
        "mijn leerlingen.csv is geen export uit de leerlingadministratie"
    )
    assert "pvs-web-" not in html and 'href="/intake"' in html


# --- privacy --------------------------------------------------------------------------------


def test_support_text_only_with_the_checkbox(client: TestClient, temp_root: Path) -> None:
    html = finished(client, start(client, part(RETURNS[0]), sensitive=True), temp_root)
    assert NEEDS_TEXT in html
    assert "Ondersteuning (vertrouwelijk)" in html and "vertrouwelijke tekst" in html
    overview = workbook(client, html)["Overzicht"]
    assert any(
        NEEDS_TEXT in str(v) for v in column(overview, "Ondersteuningsbehoeften (vertrouwelijk)")
    )


def test_a_name_with_html_is_shown_as_text(
    client: TestClient, temp_root: Path, tmp_path: Path
) -> None:
    hostile = passport_file(tmp_path, f"{XSS}.json", roepnaam=XSS)
    html = finished(client, start(client, part(hostile)), temp_root)
    assert XSS not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert cell(rows(html)[0], "bestand") == f"{XSS}.json"


# --- file names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "made"),
    [
        ("paspoort.pdf", "paspoort.pdf"),
        ("..", "bestand"),
        ("a/b\\c.pdf", "a_b_c.pdf"),
        ("x" * 300 + ".pdf", "x" * 176 + ".pdf"),
    ],
)
def test_a_file_name_is_made_safe_for_the_folder(given: str, made: str) -> None:
    assert safe_name(given) == made


def test_a_file_name_is_made_unique_whatever_its_case() -> None:
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ("a.pdf", "A.pdf", "a.pdf", "b")] == [
        "a.pdf",
        "A (2).pdf",
        "a (3).pdf",
        "b",
    ]


def test_more_than_500_files_are_refused_and_nothing_is_kept(
    client: TestClient, temp_root: Path
) -> None:
    parts = [("bestanden", (f"{n}.json", b"{}")) for n in range(501)]
    answer = client.post("/intake", data={"csrf": csrf_of(client)}, files=parts)
    assert answer.status_code == 413
    assert "Kies hoogstens 500 bestanden tegelijk." in answer.text
    assert list(temp_root.iterdir()) == []


def test_names_from_names_files_and_zip_members_by_their_place_in_the_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "upload" / "bestanden"
    folder.mkdir(parents=True)
    (folder / "sanne.json").write_bytes(JSONS[0].read_bytes())
    (folder / "kapot.zip").write_bytes(b"PK\x03\x04 geen zip")
    named = pvs.run_intake([folder], output=tmp_path / "a.xlsx", processes=1, names_from=folder)
    assert sorted(row["bestand"] for row in named.rows) == ["kapot.zip", "sanne.json"]
    broken = next(row for row in named.rows if row["bestand"] == "kapot.zip")
    assert broken["reden"].startswith("kapot.zip is geen leesbaar zip-bestand.")
    plain = pvs.run_intake([folder], output=tmp_path / "b.xlsx", processes=1)
    assert sorted(row["bestand"] for row in plain.rows) == [
        str(folder / "kapot.zip"),
        str(folder / "sanne.json"),
    ]
