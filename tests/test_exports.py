"""Reading school exports: every way Excel and the school systems save them, and rows that are
damaged, each costing only its own row."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from pvs.errors import UnreadableFile
from pvs.jobs.batch.export import BrokenRow, read_export
from pvs.limits import configure
from tests.hostile.corpus import _cells, _xlsx

HEADER = "Stamnr;Roepnaam;Achternaam"


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


def test_a_quote_that_never_closes_costs_only_its_row(tmp_path: Path) -> None:
    lines = [HEADER, "1;Kim;Visser", '2;"Ana;Smit', "3;Sem;Bos"]
    rows = rows_of(csv_file(tmp_path, "\n".join(lines).encode()))
    assert rows[0] == (2, {"Stamnr": "1", "Roepnaam": "Kim", "Achternaam": "Visser"})
    assert isinstance(rows[1][1], BrokenRow) and "aanhalingsteken" in rows[1][1].reason
    assert rows[2] == (4, {"Stamnr": "3", "Roepnaam": "Sem", "Achternaam": "Bos"})


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
