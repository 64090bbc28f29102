"""Read a pupil export as Magister and Somtoday write it, or as Excel saved it.

CSV with ';', ',' or tab, in UTF-8 (with or without BOM) or Windows-1252; or XLSX. Rows come as
dicts of header -> text, numbered as the user sees them (the header is row 1), streamed, so a
export of ten thousand pupils never sits in memory at once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pvs.errors import UnreadableFile

Row = dict[str, str]
EXCEL_EPOCH = date(1899, 12, 30)
MAX_EXPORT_BYTES = 200 * 1024 * 1024


def read_export(path: Path) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    """The header and the data rows of an export; empty rows and unnamed columns are skipped."""
    if not path.is_file():
        raise UnreadableFile(f"Het bestand {path} bestaat niet. Controleer de naam en de map.")
    if path.stat().st_size > MAX_EXPORT_BYTES:
        raise UnreadableFile(f"{path} is groter dan 200 MB; dat is geen leerlingexport.")
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        return _xlsx(path)
    return _csv(path)


def _decode(content: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(f"{path} is geen tekstbestand in UTF-8 of Windows-1252. Sla de export "
                         "opnieuw op als CSV (UTF-8).")


def _csv(path: Path) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    text = _decode(path.read_bytes(), path)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    if not any(h.strip() for h in header):
        raise UnreadableFile(f"{path} heeft geen kopregel met kolomnamen. Exporteer opnieuw, met "
                             "kolomnamen in de eerste regel.")
    return _clean_header(header), _rows(header, enumerate(reader, start=2))


def _xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise UnreadableFile(f"{path} is geen leesbaar Excel-bestand (.xlsx). Sla het opnieuw op "
                             "in Excel of exporteer als CSV.") from None
    sheet = book.worksheets[0]
    cells = sheet.iter_rows()
    header = [_cell_text(c) for c in next(cells, ())]
    if not any(header):
        raise UnreadableFile(f"{path} heeft geen kopregel met kolomnamen in het eerste blad.")
    texts = ([_cell_text(c) for c in row] for row in cells)
    return _clean_header(header), _rows(header, enumerate(texts, start=2))


def _cell_text(cell: Any) -> str:
    """A cell as the school sees it: dates as dd-mm-jjjj, numbers with their leading zeros."""
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
    names = _clean_header(header)
    for number, values in rows:
        row = {name: str(value).strip() for name, value in zip(names, values, strict=False)
               if name}
        if any(row.values()):
            yield number, row
