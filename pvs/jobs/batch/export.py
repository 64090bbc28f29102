"""Read a pupil export as Magister and Somtoday write it, or as Excel saved it.

CSV with ';', ',' or tab, in UTF-8 (with or without BOM), Windows-1252 or UTF-16 (Excel's
"Unicode-tekst"), with any line ending; or XLSX, any of its sheets. The header row is found by
its content, below title rows and empty rows. Rows come as dicts of header -> text, numbered
as the user sees them (spreadsheet rows, CSV records), streamed, so an export of ten thousand
pupils never sits in memory at once. A row that cannot be read comes as a BrokenRow with the
reason, and reading goes on with the next: one damaged row never costs the others their passport.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pvs.budget import bounded
from pvs.documents.files import cannot_open, missing_file
from pvs.errors import PvsError, UnreadableFile, UsageError
from pvs.jobs.batch.csvrecords import BrokenRow, csv_records
from pvs.jobs.batch.decoding import decode_export
from pvs.jobs.batch.mistakes import HEAD_BYTES, refuse_lock_file, refuse_other_file
from pvs.limits import limits

if TYPE_CHECKING:  # openpyxl, under xlsx.py, loads only for an Excel export
    from pvs.jobs.batch.xlsx import Book, Record

Row = dict[str, str]
EXCEL_EPOCH = date(1899, 12, 30)
MAX_EXPORT_BYTES = 200 * 1024 * 1024
HEADER_SEARCH = 30  # rows with text in which the header row must be
_DELIMITERS = ";,\t"
_BLANK = " \t\r\n;,"


Rows = Iterator[tuple[int, Row | BrokenRow]]
HeaderTest = Callable[[list[str]], bool]
_Records = Iterator[tuple[int, list[str] | BrokenRow]]


@dataclass
class Export:
    """An export as pvs reads it: its header, its data rows (streamed), and what a person should
    know about how it was read."""

    header: list[str]
    rows: Rows
    total: int  # data rows that are not empty, counted in the first pass
    sheet: str | None = None  # the sheet read, for XLSX
    header_row: int = 1  # the header's row number, as the user sees it
    notices: list[str] = field(default_factory=list)  # about the whole export, in Dutch


def read_export(
    path: Path, *, sheet: str | None = None, is_header: HeaderTest | None = None
) -> Export:
    """The header and the data rows of an export; empty rows and unnamed columns are skipped.

    The header is the first of the first 30 rows with text that `is_header` accepts (without
    it, the first row with text); title rows above it are passed over. `sheet` names the XLSX
    sheet to read; without it, the first sheet with such a header is read."""
    head = _head(path)
    refuse_other_file(path, head)
    test = is_header or _has_text
    # A first pass, under the budget, so an export over the limits or too heavy to decode is
    # refused before any work; the second pass streams the rows it proved readable.
    if head.startswith(b"PK"):
        layout, total = bounded(_xlsx_first_pass, path, sheet, test, name=str(path))
        records = _xlsx_records(path, layout)
    else:
        if sheet is not None:
            raise UsageError(
                f"{path} is geen Excel-bestand en heeft dus geen bladen; laat --blad weg."
            )
        layout, total = bounded(_csv_first_pass, path, test, name=str(path))
        records = _csv_records(path, layout)
    header = _clean_header(layout.header)
    rows = _rows(header, records)
    return Export(header, rows, total, layout.sheet, layout.header_row, list(layout.notices))


@dataclass(frozen=True)
class _Layout:
    """Where an export's rows are, as the first pass found it and the second pass follows it."""

    header: list[str]
    header_row: int
    sheet: str | None = None
    delimiter: str = ";"
    notices: tuple[str, ...] = ()


def _head(path: Path) -> bytes:
    """The first bytes, which tell XLSX from CSV and an export from other files; a file too
    large for an export is refused."""
    if not path.is_file():
        raise missing_file(path)
    try:
        size = path.stat().st_size
        refuse_lock_file(path, size)
        if size > MAX_EXPORT_BYTES:
            raise UnreadableFile(f"{path} is groter dan 200 MB; dat is geen leerlingexport.")
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError as error:
        raise cannot_open(str(path), error) from None


def _has_text(cells: list[str]) -> bool:
    """Whether a row holds anything; a row of only delimiters (';;') is empty, however the
    line is split."""
    return any(cell.strip(_BLANK) for cell in cells)


def _find_header(
    records: _Records, is_header: HeaderTest
) -> tuple[tuple[int, list[str]] | None, int]:
    """The header row's number and cells, from the first HEADER_SEARCH rows with text, and how
    many rows with text were looked at; past that, `records` goes on after the header."""
    looked, empty = 0, 0
    for number, cells in records:
        if isinstance(cells, BrokenRow) or _has_text(cells):
            if not isinstance(cells, BrokenRow) and is_header(cells):
                return (number, cells), looked
            looked += 1
            if looked == HEADER_SEARCH:
                break
        else:
            empty += 1
            if empty > 4 * limits().rows:
                raise too_many_rows()
    return None, looked


def _no_header(path: Path, looked: int, sheets: list[str] | None = None) -> PvsError:
    """The error when no header was found: an empty export, or one without recognised columns."""
    if not looked:
        inside = "" if sheets is None else f" {_sheets(sheets)}"
        return UnreadableFile(
            f"{path} heeft geen kopregel met kolomnamen: er staat niets in{inside}. Kies het "
            "juiste bestand, of exporteer de leerlingen opnieuw."
        )
    where, advice = str(path), "Geef met --mapping aan welke kolommen dat zijn."
    if sheets is not None:
        where = f"{_sheets(sheets)} in {path}"
        advice = (
            "Geef met --mapping aan welke kolommen dat zijn, of kies met --blad NAAM het blad "
            "met de leerlingen."
        )
    return UsageError(
        f"pvs vond in de eerste {HEADER_SEARCH} rijen van {where} geen kopregel met kolommen "
        f"voor de roepnaam en de achternaam. {advice}"
    )


def _sheets(names: list[str]) -> str:
    return f"het blad {_listed(names)}" if len(names) == 1 else f"de bladen {_listed(names)}"


def _listed(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return " en ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def _count(header: list[str], records: _Records) -> int:
    return sum(1 for _ in _rows(header, records))


def _after(records: _Records, header_row: int) -> _Records:
    return itertools.dropwhile(lambda record: record[0] <= header_row, records)


def _csv_first_pass(path: Path, is_header: HeaderTest) -> tuple[_Layout, int]:
    text, notices = decode_export(_content(path), path)
    found: list[tuple[int, int, str, list[str], _Records]] = []
    looked = 0
    # The delimiter is the one that makes a header of a row; a title row above it says nothing.
    for delimiter in _DELIMITERS:
        records = _numbered(csv_records(text, delimiter))
        at, seen = _find_header(records, is_header)
        looked = max(looked, seen)
        if at is not None:
            found.append((at[0], -len(at[1]), delimiter, at[1], records))
    if not found:
        raise _no_header(path, looked)
    number, _, delimiter, header, rest = min(found, key=lambda f: f[:2])
    return _Layout(header, number, None, delimiter, notices), _count(header, rest)


def _csv_records(path: Path, layout: _Layout) -> _Records:
    text, _ = decode_export(_content(path), path)
    return _after(_numbered(csv_records(text, layout.delimiter)), layout.header_row)


def _content(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise cannot_open(str(path), error) from None


def _numbered(records: Iterable[list[str] | BrokenRow]) -> _Records:
    return enumerate(records, start=1)


def _xlsx_first_pass(path: Path, sheet: str | None, is_header: HeaderTest) -> tuple[_Layout, int]:
    from pvs.jobs.batch.xlsx import open_book  # openpyxl loads only for an Excel export

    with open_book(path) as book:
        name, (number, header), notices = _xlsx_header(book, path, sheet, is_header)
        records = _after(_sheet_records(book.rows(name, number)), number)
        return _Layout(header, number, name, notices=notices), _count(header, records)


def _xlsx_header(
    book: Book, path: Path, sheet: str | None, is_header: HeaderTest
) -> tuple[str, tuple[int, list[str]], tuple[str, ...]]:
    """The sheet to read, its header row, and a notice when sheets before it were passed over."""
    names = book.names if sheet is None else [_sheet_named(book.names, sheet, path)]
    looked = 0
    for index, name in enumerate(names):
        with closing(book.rows(name)) as rows:
            header, seen = _find_header(_sheet_records(rows), is_header)
        looked += seen
        if header is not None:
            return name, header, _passed_over(names[:index], name)
    raise _no_header(path, looked, names)


def _sheet_named(names: list[str], wanted: str, path: Path) -> str:
    for name in names:
        if name.strip().casefold() == wanted.strip().casefold():
            return name
    raise UsageError(
        f"{path} heeft geen blad '{wanted.strip()}'. De bladen heten {_listed(names)}; kies "
        "een daarvan met --blad NAAM."
    )


def _passed_over(before: list[str], name: str) -> tuple[str, ...]:
    if not before:
        return ()
    verb = "bevat" if len(before) == 1 else "bevatten"
    return (f"pvs las het blad '{name}'; {_sheets(before)} ervoor {verb} geen leerlingen.",)


def _xlsx_records(path: Path, layout: _Layout) -> _Records:
    sheet = layout.sheet or ""
    from pvs.jobs.batch.xlsx import read_sheet

    return _after(_sheet_records(read_sheet(path, sheet, layout.header_row)), layout.header_row)


def _sheet_records(records: Iterator[Record]) -> _Records:
    return (
        (number, BrokenRow(problem) if problem else values) for number, values, problem in records
    )


def excel_serial(text: str) -> date | None:
    """An Excel date serial number (39886 -> 2009-03-14), as exports sometimes hold them."""
    number = small_number(text)
    if number is not None and 10000 < number < 80000:
        return EXCEL_EPOCH + timedelta(days=number)
    return None


def small_number(text: str) -> int | None:
    """The whole number `text` writes in at most nine digits; None for anything else (also for
    '²', which str.isdigit() accepts and int() does not)."""
    return int(text) if text.isdecimal() and len(text) < 10 else None


def _clean_header(header: list[str]) -> list[str]:
    return [h.strip() for h in header]


def _rows(header: list[str], records: _Records) -> Rows:
    """Non-empty rows; past the row limit (or four times as many empty ones) the export is
    refused, so a sheet with a million empty rows cannot keep pvs busy."""
    names = _clean_header(header)
    used = 0
    for seen, (number, values) in enumerate(records, start=1):
        row = values if isinstance(values, BrokenRow) else _named(names, values)
        if isinstance(row, BrokenRow) or any(row.values()):
            used += 1
            if used > limits().rows:
                raise too_many_rows()
            yield number, row
        elif seen > 4 * limits().rows:
            raise too_many_rows()


def _named(names: list[str], values: list[str]) -> Row:
    return {name: value.strip() for name, value in zip(names, values, strict=False) if name}


def too_many_rows(what: str = "De export", command: str = "batch") -> UnreadableFile:
    return UnreadableFile(
        f"{what} heeft meer dan {limits().rows} rijen. Klopt dat? Geef dan meer ruimte met "
        f"'pvs --max-rijen N {command} ...', of splits {what.lower()}."
    )
