"""Spreadsheets pvs writes (batch manifest, intake overview): safe to open, right in Dutch Excel.

A cell that starts with = + - @ or a tab or carriage return could run as a formula in Excel or
LibreOffice (CSV injection). In CSV such a value gets a leading apostrophe; in XLSX every value
is stored as text, which is never evaluated; a character XML cannot hold becomes �.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pvs.documents.xmltext import xml_safe
from pvs.output import write_atomic

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Row = Sequence[Any]


def safe_text(value: Any) -> str:
    """The value as text that no spreadsheet program will run as a formula, and that any file
    can hold (a control character or half a character becomes �)."""
    text = "" if value is None else xml_safe(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_table(
    path: Path,
    header: Row,
    rows: Sequence[Row],
    sheet: str = "Overzicht",
    *,
    shared: bool = False,
) -> None:
    """Write a table as .xlsx or as .csv (for Dutch Excel: ';' and UTF-8 with BOM); `shared` as
    in write_atomic."""
    content = _xlsx(header, rows, sheet) if path.suffix.lower() == ".xlsx" else _csv(header, rows)
    write_atomic(path, content, shared=shared)


def _csv(header: Row, rows: Sequence[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in header])
    writer.writerows([safe_text(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(header: Row, rows: Sequence[Row], sheet: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    table = book.active
    table.title = sheet
    for values in [header, *rows]:
        table.append([_text_cell(v) for v in values])
    for cell in table[1]:
        cell.font = Font(bold=True)
    for row in table.iter_rows():
        for cell in row:
            cell.data_type = "s"  # text, never a formula, whatever it starts with
    table.freeze_panes = "A2"
    table.auto_filter.ref = table.dimensions
    for index, column in enumerate(table.columns, start=1):
        longest = max((len(str(c.value or "")) for c in column), default=8)
        table.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    book.properties.creator = "pvs"
    book.properties.created = book.properties.modified = datetime(2000, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(value: Any) -> str:
    """What a person reads in the cell: dates the Dutch way (dd-mm-jjjj)."""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    # openpyxl refuses a control character (a JSON passport may hold one) with an exception.
    return "" if value is None else xml_safe(str(value))
