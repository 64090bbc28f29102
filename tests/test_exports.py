"""Reading school exports: every way Excel and the school systems save them, and rows that are
damaged, each costing only its own row."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from pvs.cli import cli
from pvs.documents.docx.render import render_docx
from pvs.errors import PvsError, UnreadableFile, UsageError
from pvs.jobs.batch.decoding import REPAIRED
from pvs.jobs.batch.export import BrokenRow, Export, read_export
from pvs.limits import configure
from tests.conftest import minimal_passport
from tests.hostile.corpus import _cells, _xlsx

HEADER = "Stamnr;Roepnaam;Achternaam"
KIM = {"Stamnr": "1", "Roepnaam": "Kim", "Achternaam": "Visser"}


def has_names(cells: list[str]) -> bool:
    """A header test as the batch uses one: columns for roepnaam and achternaam."""
    return {"roepnaam", "achternaam"} <= {cell.strip().lower() for cell in cells}


def rows_of(path: Path) -> list[tuple[int, object]]:
    export_read = read_export(path)
    header, rows = export_read.header, export_read.rows
    assert header == HEADER.split(";")
    return list(rows)


def csv_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    return path


def test_line_endings_of_any_kind(tmp_path: Path) -> None:
    for ending in (b"\r\n", b"\n", b"\r"):
        content = ending.join([HEADER.encode(), b"1;Kim;Visser", b'2;"Ana\rMaria";Smit'])
        assert rows_of(csv_file(tmp_path, content)) == [
            (2, {"Stamnr": "1", "Roepnaam": "Kim", "Achternaam": "Visser"}),
            (3, {"Stamnr": "2", "Roepnaam": "Ana\rMaria", "Achternaam": "Smit"}),
        ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_unicode_text_as_excel_saves_it(tmp_path: Path, encoding: str) -> None:
    text = "\ufeff" + "\r\n".join([HEADER, "1;Zoë;Şahin"]).replace(";", "\t")
    path = csv_file(tmp_path, text.encode(encoding))
    assert rows_of(path) == [(2, {"Stamnr": "1", "Roepnaam": "Zoë", "Achternaam": "Şahin"})]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_text_pvs_cannot_tell_is_refused_not_misread(tmp_path: Path, encoding: str) -> None:
    """Without its mark, UTF-16 read as Windows-1252 gives names like 'D\x00a\x00a\x00n'."""
    text = "\r\n".join([HEADER, "1;Daan;Jansen", "2;Zoë;Şahin"])
    path = csv_file(tmp_path, text.encode(encoding))  # utf-32 writes its mark, utf-16-le not
    with pytest.raises(UnreadableFile, match="Unicode-tekst die pvs niet leest"):
        rows_of(path)


def test_a_quote_that_never_closes_costs_only_its_row(tmp_path: Path) -> None:
    lines = [HEADER, "1;Kim;Visser", '2;"Ana;Smit', "3;Sem;Bos"]
    rows = rows_of(csv_file(tmp_path, "\n".join(lines).encode()))
    assert rows[0] == (2, {"Stamnr": "1", "Roepnaam": "Kim", "Achternaam": "Visser"})
    assert isinstance(rows[1][1], BrokenRow) and "aanhalingsteken" in rows[1][1].reason
    assert rows[2] == (4, {"Stamnr": "3", "Roepnaam": "Sem", "Achternaam": "Bos"})


def test_a_quote_that_closes_lines_later_swallows_no_pupils(tmp_path: Path) -> None:
    """Read leniently, 1001's cell would run on to the quote before Smit and swallow Piet; a
    pupil lost without a word. Each row with a stray quote costs only itself."""
    lines = [HEADER, '1001;"Daan;Jansen', "1002;Piet;Bakker", '1003;Kees;"Smit', "1004;Jan;Vos"]
    rows = rows_of(csv_file(tmp_path, "\r\n".join(lines).encode()))
    assert [number for number, _ in rows] == [2, 3, 4, 5]
    broken = [number for number, row in rows if isinstance(row, BrokenRow)]
    assert broken == [2, 4]
    assert [row["Roepnaam"] for _, row in rows if isinstance(row, dict)] == ["Piet", "Jan"]


def test_a_quote_open_for_more_lines_than_a_cell_holds(tmp_path: Path) -> None:
    lines = [HEADER, '1;"Kim', *(f"{i};Sem;Bos" for i in range(2, 100))]
    rows = rows_of(csv_file(tmp_path, "\n".join(lines).encode()))
    assert isinstance(rows[0][1], BrokenRow)
    assert len(rows) == 99 and all(isinstance(r, dict) for _, r in rows[1:])


def test_a_cell_past_csvs_limit_costs_only_its_row(tmp_path: Path) -> None:
    lines = [HEADER, "1;" + "a" * 200_000 + ";Visser", "2;Sem;Bos"]
    rows = rows_of(csv_file(tmp_path, "\n".join(lines).encode()))
    assert isinstance(rows[0][1], BrokenRow) and "128 kB" in rows[0][1].reason
    assert rows[1] == (3, {"Stamnr": "2", "Roepnaam": "Sem", "Achternaam": "Bos"})


def test_xlsx_cells_read_as_excel_shows_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append([*HEADER.split(";"), "Geb.datum", "Leerjaar", "Actief", "Cijfer", "Formule"])
    sheet.append([4201, "Şükrü", " Yılmaz ", date(2010, 3, 14), 4.0, True, 6.5, "=A2*2"])
    sheet["A2"].number_format = "000000"
    sheet.append([None, "Kim", "Visser", datetime(2011, 1, 2, 12, 30), 3, False, 1e20, None])
    book.save(tmp_path / "export.xlsx")
    export_read = read_export(tmp_path / "export.xlsx")
    header, rows = export_read.header, export_read.rows
    assert [row for _, row in rows] == [
        dict(
            zip(
                header,
                ["004201", "Şükrü", "Yılmaz", "14-03-2010", "4", "True", "6.5", "=A2*2"],
                strict=True,
            )
        ),
        dict(
            zip(
                header,
                ["", "Kim", "Visser", "02-01-2011", "3", "False", "1" + "0" * 20, ""],
                strict=True,
            )
        ),
    ]


def test_xlsx_a_cell_that_cannot_be_read_costs_only_its_row(tmp_path: Path) -> None:
    bad = [
        '<c r="C2" t="d"><v>14-03-2010</v></c>',  # a date that is no ISO 8601 date
        '<c r="C3" t="s"><v>99</v></c>',  # a shared string that is not there
        '<c r="C4" t="b"><v>ja</v></c>',
        '<c r="C5"><v>12,5</v></c>',
        '<c r="D6" t="d"><v>nooit</v></c>',  # in a column without a name: never read
    ]
    rows = "".join(
        f'<row r="{i}"><c r="A{i}"><v>{i}</v></c>{c}</row>' for i, c in enumerate(bad, 2)
    )
    path = tmp_path / "export.xlsx"
    path.write_bytes(_xlsx(_cells(1, HEADER.split(";")) + rows))
    found = rows_of(path)
    assert [type(row) for _, row in found] == [BrokenRow] * 4 + [dict]
    assert found[0][1] == BrokenRow(
        "Kolom 'Achternaam' bevat een datum die pvs niet kan lezen. Verbeter de cel in Excel en "
        "probeer het opnieuw."
    )


@pytest.mark.parametrize(
    ("rows", "sheet", "message"),
    [
        (
            None,
            '<row r="2">' + "<c><v>1</v></c>" * 20_000 + "</row>",
            "rij met meer dan 16384 cellen",
        ),
        (50, "<row><c><v>1</v></c><c><v>2</v></c></row>" * 600, "meer dan 1000 cellen"),
        (50, "<row/>" * 5000, "meer XML-elementen dan pvs leest"),
    ],
)
def test_xlsx_bounds(tmp_path: Path, rows: int | None, sheet: str, message: str) -> None:
    configure(rows=rows)
    path = tmp_path / "export.xlsx"
    path.write_bytes(_xlsx(_cells(1, HEADER.split(";")) + sheet))
    try:
        with pytest.raises(UnreadableFile, match=message):
            read_export(path)
    finally:
        configure()


def read_all(path: Path, sheet: str | None = None) -> tuple[Export, list[tuple[int, object]]]:
    export = read_export(path, sheet=sheet, is_header=has_names)
    return export, list(export.rows)


def refusal(error: type[PvsError], path: Path, sheet: str | None = None) -> str:
    with pytest.raises(error) as caught:
        read_all(path, sheet)
    return caught.value.message


def test_title_rows_and_empty_rows_above_the_header(tmp_path: Path) -> None:
    lines = ["Leerlingen 2026-2027", "", ";;", "Klas 4A;;", HEADER, "1;Kim;Visser", "", "2;Sem;Bos"]
    export, rows = read_all(csv_file(tmp_path, "\r\n".join(lines).encode()))
    assert (export.header, export.header_row, export.total) == (HEADER.split(";"), 5, 2)
    assert rows == [(6, KIM), (8, {"Stamnr": "2", "Roepnaam": "Sem", "Achternaam": "Bos"})]


def test_the_delimiter_is_the_header_lines_not_the_title_lines(tmp_path: Path) -> None:
    lines = ["Export Magister; leerlingen; 2026-2027", "Stamnr,Roepnaam,Achternaam", "1,Kim,Visser"]
    export, rows = read_all(csv_file(tmp_path, "\n".join(lines).encode()))
    assert (export.header_row, rows) == (2, [(3, KIM)])


def test_without_a_header_test_the_first_row_with_text_is_the_header(tmp_path: Path) -> None:
    export = read_export(csv_file(tmp_path, b"\n;;\n" + HEADER.encode() + b"\n1;Kim;Visser\n"))
    assert (export.header, export.header_row, list(export.rows)) == (
        HEADER.split(";"),
        3,
        [(4, KIM)],
    )


@pytest.mark.parametrize(("titles", "found"), [(29, True), (30, False)])
def test_the_header_is_within_the_first_30_rows_with_text(
    tmp_path: Path, titles: int, found: bool
) -> None:
    lines = [*(["Toelichting"] * titles), *([""] * 50), HEADER, "1;Kim;Visser"]
    path = csv_file(tmp_path, "\n".join(lines).encode())
    if found:
        assert read_all(path)[0].header_row == titles + 51
        return
    assert refusal(UsageError, path) == (
        f"pvs vond in de eerste 30 rijen van {path} geen kopregel met kolommen voor de roepnaam "
        "en de achternaam. Geef met --mapping aan welke kolommen dat zijn."
    )


def test_an_empty_export_says_so(tmp_path: Path) -> None:
    path = csv_file(tmp_path, b"\r\n;;\r\n")
    assert refusal(UnreadableFile, path) == (
        f"{path} heeft geen kopregel met kolomnamen: er staat niets in. Kies het juiste bestand, "
        "of exporteer de leerlingen opnieuw."
    )


def workbook(tmp_path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / "export.xlsx")
    return tmp_path / "export.xlsx"


INFO = [
    ["Export uit Magister"],
    ["Gemaakt op", "29-11-2026"],
    ["Roepnaam is de naam die de leerling gebruikt"],
]
PUPILS = [
    ["Leerlingenlijst 2026-2027"],
    [],
    [*HEADER.split(";"), "Klas"],
    [1, "Kim", "Visser", "4A"],
]


def test_xlsx_an_info_sheet_before_the_pupils(tmp_path: Path) -> None:
    export, rows = read_all(workbook(tmp_path, {"Info": INFO, "Leerlingen": PUPILS}))
    assert (export.sheet, export.header_row, export.total) == ("Leerlingen", 3, 1)
    assert rows == [(4, {**KIM, "Klas": "4A"})]
    assert export.notices == [
        "pvs las het blad 'Leerlingen'; het blad 'Info' ervoor bevat geen leerlingen."
    ]


def test_xlsx_two_sheets_passed_over(tmp_path: Path) -> None:
    path = workbook(tmp_path, {"Info": INFO, "Leeg": [], "Leerlingen": PUPILS})
    assert read_all(path)[0].notices == [
        "pvs las het blad 'Leerlingen'; de bladen 'Info' en 'Leeg' ervoor bevatten geen leerlingen."
    ]


def test_xlsx_the_pupils_on_the_first_sheet_need_no_notice(tmp_path: Path) -> None:
    export, rows = read_all(workbook(tmp_path, {"Blad1": PUPILS, "Info": INFO}))
    assert (export.sheet, export.notices, len(rows)) == ("Blad1", [], 1)


def test_xlsx_a_sheet_named_with_blad(tmp_path: Path) -> None:
    path = workbook(tmp_path, {"Info": INFO, "Leerlingen": PUPILS, "Oud": PUPILS[:3]})
    export, rows = read_all(path, sheet="  leerlingen ")
    assert (export.sheet, export.notices, rows) == ("Leerlingen", [], [(4, {**KIM, "Klas": "4A"})])
    assert read_all(path, sheet="OUD")[0].total == 0


def test_xlsx_a_sheet_name_that_is_not_there(tmp_path: Path) -> None:
    path = workbook(tmp_path, {"Info": INFO, "Leerlingen": PUPILS})
    assert refusal(UsageError, path, "Blad1") == (
        f"{path} heeft geen blad 'Blad1'. De bladen heten 'Info' en 'Leerlingen'; kies een "
        "daarvan met --blad NAAM."
    )


def test_xlsx_a_named_sheet_without_the_header(tmp_path: Path) -> None:
    path = workbook(tmp_path, {"Info": INFO, "Leerlingen": PUPILS})
    assert refusal(UsageError, path, "info") == (
        f"pvs vond in de eerste 30 rijen van het blad 'Info' in {path} geen kopregel met "
        "kolommen voor de roepnaam en de achternaam. Geef met --mapping aan welke kolommen dat "
        "zijn, of kies met --blad NAAM het blad met de leerlingen."
    )


def test_xlsx_no_sheet_with_the_header(tmp_path: Path) -> None:
    path = workbook(tmp_path, {"Info": INFO, "Blad2": [["Naam", "Klas"], ["Kim Visser", "4A"]]})
    assert "van de bladen 'Info' en 'Blad2' in " in refusal(UsageError, path)


def test_xlsx_an_empty_sheet_says_so(tmp_path: Path) -> None:
    path = workbook(tmp_path, {"Leerlingen": PUPILS, "Leeg": [[None, " "]]})
    assert refusal(UnreadableFile, path, "leeg") == (
        f"{path} heeft geen kopregel met kolomnamen: er staat niets in het blad 'Leeg'. Kies het "
        "juiste bestand, of exporteer de leerlingen opnieuw."
    )


def test_blad_for_a_csv_export(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"{HEADER}\n1;Kim;Visser\n".encode())
    assert refusal(UsageError, path, "Leerlingen") == (
        f"{path} is geen Excel-bestand en heeft dus geen bladen; laat --blad weg."
    )


def test_xlsx_title_rows_narrower_than_the_header_keep_its_columns(tmp_path: Path) -> None:
    """Cells are kept to the header's width from the header row on, not from the first row;
    a cell that cannot be read names its column by the header found."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Leerlingen</t></is></c></row>'
        + _cells(3, HEADER.split(";"))
        + '<row r="4"><c r="A4"><v>1</v></c><c r="C4" t="d"><v>gisteren</v></c></row>'
        + _cells(5, ["2", "Sem", "Bos"])
    )
    path = tmp_path / "export.xlsx"
    path.write_bytes(_xlsx(rows))
    export, found = read_all(path)
    assert export.header_row == 3
    assert found == [
        (
            4,
            BrokenRow(
                "Kolom 'Achternaam' bevat een datum die pvs niet kan lezen. Verbeter de cel in "
                "Excel en probeer het opnieuw."
            ),
        ),
        (5, {"Stamnr": "2", "Roepnaam": "Sem", "Achternaam": "Bos"}),
    ]


def windows_1252_reading(raw: bytes) -> str:
    """What Excel on Windows makes of UTF-8 bytes read as Windows-1252, undefined bytes too."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in raw)


NAMES = "1;Zoë;Müller\r\n2;İpek;Łukasiewicz\r\n3;Chloé;van Dijk – Şahin\r\n"


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_utf8_saved_through_windows_1252_is_repaired(tmp_path: Path, bom: str) -> None:
    right = f"{bom}{HEADER}\r\n{NAMES}"
    wrong = windows_1252_reading(right.encode("utf-8"))
    assert "ZoÃ«" in wrong and "Ä°pek" in wrong and "Å\x81ukasiewicz" in wrong
    export, rows = read_all(csv_file(tmp_path, wrong.encode("utf-8")))
    assert export.notices == [REPAIRED]
    assert [(r["Roepnaam"], r["Achternaam"]) for _, r in rows] == [  # type: ignore[index]
        ("Zoë", "Müller"),
        ("İpek", "Łukasiewicz"),
        ("Chloé", "van Dijk – Şahin"),
    ]


def test_the_repair_notice_tells_what_to_do() -> None:
    assert REPAIRED == (
        "pvs heeft letters hersteld die bij het opslaan van de export verkeerd waren omgezet "
        "(zoals 'Ã«' voor 'ë'). Controleer de namen in de paspoorten, en exporteer de volgende "
        'keer als "CSV UTF-8".'
    )


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ((HEADER + "\r\n" + NAMES).encode("utf-8"), "Zoë"),  # right as it is
        ((HEADER + "\r\n1;Zoë;Müller\r\n").encode("cp1252"), "Zoë"),
        # Both readings in one file: the bytes allow no single one, so the cells are warned about.
        ((HEADER + "\r\n1;ZoÃ«;Şahin\r\n").encode("utf-8"), "ZoÃ«"),
    ],
    ids=["utf-8", "windows-1252", "half"],
)
def test_a_text_that_is_not_double_encoded_is_left_alone(
    tmp_path: Path, content: bytes, name: str
) -> None:
    export, rows = read_all(csv_file(tmp_path, content))
    assert export.notices == []
    assert rows[0][1]["Roepnaam"] == name  # type: ignore[index]


def test_an_office_lock_file(tmp_path: Path) -> None:
    path = tmp_path / "~$export.xlsx"
    path.write_bytes(b"\x0bJ. de Vries" + b"\x00" * 150)
    with pytest.raises(UsageError) as caught:
        read_export(path)
    assert caught.value.message == (
        f"{path} is een tijdelijk bestand dat Excel of Word maakt zolang een bestand open is; het "
        "is geen export. Kies het bestand met dezelfde naam zonder ~$ ervoor."
    )


def test_a_libreoffice_lock_file(tmp_path: Path) -> None:
    path = tmp_path / ".~lock.export.xlsx#"
    path.write_bytes(b"J. de Vries,jdv,pc12,29.11.2026 14:10,file:///home/jdv/.config;")
    with pytest.raises(UsageError) as caught:
        read_export(path)
    assert caught.value.message == (
        f"{path} is een tijdelijk bestand dat LibreOffice maakt zolang een bestand open is; het "
        "is geen export. Kies het bestand export.xlsx."
    )


def docx_bytes() -> bytes:
    return render_docx(minimal_passport())


def zip_with(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


GIVE = (
    "Geef de export uit Magister of Somtoday op: een CSV- of Excel-bestand (.xlsx) met een rij "
    "per leerling."
)


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        (
            "sample.json",
            b'{"meta": {"schema_versie": "1.0"}}',
            "een JSON-bestand, zoals een paspoort",
        ),
        (
            "export.csv",
            b'\xef\xbb\xbf\r\n  [{"roepnaam": "Kim"}]',
            "een JSON-bestand, zoals een paspoort",
        ),
        ("export.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "een PDF"),
        ("export.xlsx", None, "een Word-document"),
        ("scan.csv", b"\x89PNG\r\n\x1a\n", "een afbeelding"),
        (
            "export.xlsx",
            zip_with({"mimetype": b"application/vnd.oasis.opendocument.text"}),
            "een LibreOffice-document",
        ),
        ("paspoorten.zip", zip_with({"1 Kim Visser.pdf": b"%PDF-1.7"}), "een zip-bestand"),
    ],
    ids=["json", "json-as-csv", "pdf", "docx-as-xlsx", "png", "odt", "zip"],
)
def test_a_file_that_is_no_export(
    tmp_path: Path, name: str, content: bytes | None, what: str
) -> None:
    path = tmp_path / name
    path.write_bytes(docx_bytes() if content is None else content)
    with pytest.raises(UsageError) as caught:
        read_export(path)
    assert caught.value.message == (
        f"{path} is geen export uit de leerlingadministratie, maar {what}. {GIVE}"
    )


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "is een Excel- of Word-bestand in de oude vorm (.xls of .doc); dat leest pvs niet.",
        ),
        (
            zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "is een LibreOffice-rekenblad (.ods); dat leest pvs niet.",
        ),
    ],
    ids=["xls", "ods"],
)
def test_a_spreadsheet_pvs_does_not_read(tmp_path: Path, content: bytes, what: str) -> None:
    path = tmp_path / "export"
    path.write_bytes(content)
    with pytest.raises(UsageError) as caught:
        read_export(path)
    assert caught.value.message == (
        f"{path} {what} Is dit de export? Sla die dan op als Excel-werkmap (.xlsx) of als CSV "
        "UTF-8."
    )


def test_an_export_without_read_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = csv_file(tmp_path, f"{HEADER}\n1;Kim;Visser\n".encode())

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # tests run as root, whom chmod does not stop
    with pytest.raises(UnreadableFile) as caught:
        read_export(path)
    assert caught.value.exit_code == 3
    assert caught.value.message == (
        f"{path} kan niet worden gelezen (geen toestemming). Controleer of je het bestand mag "
        "openen."
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("weg.csv", None, "Het bestand {path} bestaat niet. Controleer de naam en de map."),
        ("sample.json", b'{"meta": {}}', "{path} is geen export uit de leerlingadministratie"),
        ("~$export.xlsx", b"\x0bKim" + b" " * 100, "{path} is een tijdelijk bestand"),
    ],
    ids=["missing", "json", "lock-file"],
)
def test_cli_batch_mistakes_exit_2(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(cli, ["batch", str(path), "-o", str(tmp_path / "uit")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Fout: " + message.format(path=path))
    assert not (tmp_path / "uit").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("export.csv", ("\n" * 25 + HEADER).encode(), "De export heeft meer dan 5 rijen"),
        ("export.xlsx", _xlsx("<row/>" * 500 + _cells(501, HEADER.split(";"))), "XML-elementen"),
    ],
    ids=["csv", "xlsx"],
)
def test_empty_rows_above_the_header_are_bounded_too(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    configure(rows=5)
    path = tmp_path / name
    path.write_bytes(content)
    try:
        with pytest.raises(UnreadableFile, match=message):
            read_all(path)
    finally:
        configure()
