"""Read a pupil export as Magister and Somtoday write it, or as Excel saved it.

CSV with ';', ',' or tab, in UTF-8 (with or without BOM) or Windows-1252; or XLSX. Rows come as
dicts of header -> text, numbered as the user sees them (the header is row 1), streamed, so a
export of ten thousand pupils never sits in memory at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pvs.budget import bounded
from pvs.documents.files import cannot_open, missing_file, unreadable
from pvs.errors import UnreadableFile
from pvs.limits import limits

Row = dict[str, str]
Reader = Callable[[Path], tuple[list[str], Iterator[tuple[int, Row]]]]
EXCEL_EPOCH = date(1899, 12, 30)
MAX_EXPORT_BYTES = 200 * 1024 * 1024


def read_export(path: Path) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    """The header and the data rows of an export; empty rows and unnamed columns are skipped."""
    if not path.is_file():
        raise missing_file(path)
    head = _head(path)
    reader = _xlsx if head.startswith(b"PK") else _csv
    # A first pass, under the budget, so an export over the limits or too heavy to decode is
    # refused before any work; the second pass streams the rows it proved readable.
    header = bounded(_first_pass, reader, path, name=str(path))
    return header, reader(path)[1]


def _first_pass(reader: Reader, path: Path) -> list[str]:
    header, rows = reader(path)
    for _ in rows:
        pass
    return header


def _head(path: Path) -> bytes:
    """The first bytes, which tell XLSX from CSV; a file too large for an export is refused."""
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise UnreadableFile(f"{path} is groter dan 200 MB; dat is geen leerlingexport.")
        with path.open("rb") as handle:
            return handle.read(4)
    except OSError as error:
        raise cannot_open(str(path), error) from None


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _decode(content: bytes, path: Path) -> str:
    """UTF-8, else Windows-1252; but a UTF-8 file with a broken byte is refused, not misread."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(content):
            line = content[: error.start].count(b"\n") + 1
            raise UnreadableFile(
                f"{path} is UTF-8, maar regel {line} bevat een ongeldig teken. Sla de export "
                "opnieuw op als CSV (UTF-8) of verbeter die regel."
            ) from None
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{path} is geen tekstbestand in UTF-8 of Windows-1252. Sla de "
            "export opnieuw op als CSV (UTF-8)."
        ) from None


def _csv(path: Path) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    text = _decode(path.read_bytes(), path)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    if not any(h.strip() for h in header):
        raise UnreadableFile(
            f"{path} heeft geen kopregel met kolomnamen. Exporteer opnieuw, met "
            "kolomnamen in de eerste regel."
        )
    return _clean_header(header), _rows(header, enumerate(reader, start=2))


def _xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception:
        raise unreadable(
            str(path), "Excel-bestand (.xlsx)", "Sla het opnieuw op in Excel of exporteer als CSV."
        ) from None
    sheet = book.worksheets[0]
    cells = sheet.iter_rows()
    header = [_cell_text(c) for c in next(cells, ())]
    if not any(header):
        book.close()
        raise UnreadableFile(f"{path} heeft geen kopregel met kolomnamen in het eerste blad.")
    texts = ([_cell_text(c) for c in row] for row in cells)
    return _clean_header(header), _closing(book, _rows(header, enumerate(texts, start=2)))


def _closing(book: Any, rows: Iterator[tuple[int, Row]]) -> Iterator[tuple[int, Row]]:
    """The rows, and the workbook closed once they are read (read-only books hold the file)."""
    try:
        yield from rows
    finally:
        book.close()


def _cell_text(cell: Any) -> str:
    """A cell as the school sees it: dates as dd-mm-jjjj, numbers with their leading zeros.

    A formula is kept as its text ('=...'); rows holding one are refused later, never evaluated.
    """
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        zeros = str(getattr(cell, "number_format", "") or "")
        width = len(zeros) if zeros and set(zeros) == {"0"} else 0
        return str(value).zfill(width)
    return str(value).strip()


def excel_serial(text: str) -> date | None:
    """An Excel date serial number (39886 -> 2009-03-14), as exports sometimes hold them."""
    if text.isdigit() and 10000 < int(text) < 80000:
        return EXCEL_EPOCH + timedelta(days=int(text))
    return None


def _clean_header(header: list[str]) -> list[str]:
    return [h.strip() for h in header]


def _rows(header: list[str], rows: Any) -> Iterator[tuple[int, Row]]:
    """Non-empty rows; past the row limit (or four times as many empty ones) the export is
    refused, so a sheet with a million empty rows cannot keep pvs busy."""
    names = _clean_header(header)
    used = 0
    for seen, (number, values) in enumerate(rows, start=1):
        row = {name: str(value).strip() for name, value in zip(names, values, strict=False) if name}
        if any(row.values()):
            used += 1
            if used > limits().rows:
                raise _too_many_rows()
            yield number, row
        elif seen > 4 * limits().rows:
            raise _too_many_rows()


def _too_many_rows() -> UnreadableFile:
    return UnreadableFile(
        f"De export heeft meer dan {limits().rows} rijen. Klopt dat? Geef dan meer ruimte met "
        "'pvs --max-rijen N batch ...', of splits de export."
    )
