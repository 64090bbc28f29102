"""Spreadsheets pvs writes (batch manifest, intake overview): safe to open, right in Dutch Excel.

A cell that starts with = + - @ or a tab or carriage return could run as a formula in Excel or
LibreOffice (CSV injection). In CSV such a value gets a leading apostrophe; in XLSX every text
is stored as text, which is never evaluated; a character XML cannot hold becomes �.

`write_table` writes one table of text (the batch manifest). `write_book` writes a workbook of
several sheets for people to work in: dates stay dates (shown dd-mm-jjjj, so they sort and
filter as dates) and whole numbers stay numbers; everything else is text as above.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pvs.documents.xmltext import xml_safe
from pvs.output import write_atomic

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Row = Sequence[Any]
DATE_FORMAT = "DD-MM-YYYY"  # shown as 29-11-2026 in Dutch Excel and in LibreOffice
SHEET_NAME_LENGTH = 31  # Excel refuses a longer sheet name
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its name, header, rows, and the widest each column may get.

    `widths` caps a column's width (in characters) by position; a column not named gets at most
    40. `freeze` is the first cell that scrolls ("C2": the header and two columns stay put).
    """

    name: str
    header: Row
    rows: Sequence[Row]
    widths: Sequence[int] = ()
    freeze: str = "A2"
    filters: bool = True
    fit_width: bool = False  # on paper, every column on the page's width; long texts wrap


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


def write_book(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write a workbook with typed cells (see the module docstring), one sheet per Sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _fill(book.create_sheet(sheet.name), sheet)
    write_atomic(path, _saved(book))


def sheet_name(wanted: str, taken: Iterable[str]) -> str:
    """A name Excel accepts for a sheet: without []:*?/\\, at most 31 characters, not an empty
    or quoted one, and unlike every name in `taken` (Excel ignores case there)."""
    name = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", wanted).split()).strip("'") or "Blad"
    used = {t.casefold() for t in taken} | {"history"}  # Excel keeps History for itself
    candidate, number = name[:SHEET_NAME_LENGTH], 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_LENGTH - len(suffix)].rstrip() + suffix
    return candidate


def _fill(table: Any, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    table.append([_text_cell(v) for v in sheet.header])
    for values in sheet.rows:
        table.append([_typed(v) for v in values])
    for cell in table[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.iter_rows(min_row=2):
        for cell in row:
            _set_type(cell)
    table.freeze_panes = sheet.freeze
    if sheet.filters and sheet.header:
        table.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{len(sheet.rows) + 1}"
    widths = [_width(sheet, index, title) for index, title in enumerate(sheet.header, start=1)]
    for index, width in enumerate(widths, start=1):
        table.column_dimensions[get_column_letter(index)].width = width
    # Set the header's height: a program that opens the file does not grow it for the wrap.
    lines = max((_lines(str(t), w) for t, w in zip(sheet.header, widths, strict=True)), default=1)
    table.row_dimensions[1].height = 15 * lines
    if sheet.fit_width:
        _wrap_long(table, widths)
    _print_setup(table, sheet)


def _lines(text: str, width: float) -> int:
    """How many lines a text takes in a column this wide, wrapped at words (a word longer than
    the column is broken); a little generous, as letters differ in width."""
    room = max(int(width / 1.2), 1)
    count, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            count, used = count + 1, 0
        used += len(word) + (1 if used else 0)
        while used > room:
            count, used = count + 1, used - room
    return count


def _width(sheet: Sheet, index: int, title: Any) -> float:
    """Wide enough for the longest word of the header (it wraps between words) and for the
    values up to the column's cap; a little extra, as a proportional font's letters vary."""
    cap = sheet.widths[index - 1] if index <= len(sheet.widths) else 40
    values = (_shown_length(row[index - 1]) for row in sheet.rows if len(row) >= index)
    longest = max(values, default=0)
    word = max((len(w) for w in str(title).split()), default=0)
    return round(max(min(longest * 1.15 + 2, cap), word * 1.2 + 2, 8), 1)


def _print_setup(table: Any, sheet: Sheet) -> None:
    """On paper: landscape A4 with the header on every page; a sheet to print whole fits the
    page's width, any other repeats its frozen columns on every page."""
    table.page_setup.orientation = "landscape"
    table.page_setup.paperSize = table.PAPERSIZE_A4
    table.print_title_rows = "1:1"
    if sheet.fit_width:
        table.sheet_properties.pageSetUpPr.fitToPage = True
        table.page_setup.fitToWidth, table.page_setup.fitToHeight = 1, 0
        return
    from openpyxl.utils import column_index_from_string, get_column_letter

    frozen = column_index_from_string(sheet.freeze.rstrip("0123456789"))
    if frozen > 1:
        table.print_title_cols = f"A:{get_column_letter(frozen - 1)}"


def _wrap_long(table: Any, widths: list[float]) -> None:
    """Long texts wrap; each row as high as its longest text needs (a program that opens the
    file does not grow a row for a wrapped text)."""
    from openpyxl.styles import Alignment

    wide = {index for index, width in enumerate(widths) if width >= 24}
    # Two styles, made once: openpyxl registers each new Alignment, which per cell of a big
    # overview took most of its time.
    styles = {wrap: Alignment(wrap_text=wrap, vertical="top") for wrap in (True, False)}
    for row in table.iter_rows(min_row=2):
        lines = 1
        for index, cell in enumerate(row):
            cell.alignment = styles[index in wide]
            if index in wide:
                lines = max(lines, _lines(str(cell.value or ""), widths[index]))
        table.row_dimensions[row[0].row].height = 15 * lines


def _typed(value: Any) -> Any:
    """A date or a whole number as itself; anything else as the text a person reads."""
    if isinstance(value, (date, int)) and not isinstance(value, bool):
        return value
    return _text_cell(value)


def _set_type(cell: Any) -> None:
    if isinstance(cell.value, date):
        cell.number_format = DATE_FORMAT
    elif not isinstance(cell.value, int):
        cell.data_type = "s"  # text, never a formula, whatever it starts with


def _shown_length(value: Any) -> int:
    return 10 if isinstance(value, date) else len(str(value or ""))


def _saved(book: Any) -> bytes:
    book.properties.creator = "pvs"
    book.properties.created = book.properties.modified = datetime(2000, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
    return _saved(book)


def _text_cell(value: Any) -> str:
    """What a person reads in the cell: dates the Dutch way (dd-mm-jjjj)."""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    # openpyxl refuses a control character (a JSON passport may hold one) with an exception.
    return "" if value is None else xml_safe(str(value))
