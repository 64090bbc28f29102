"""Read a pupil export as Magister and Somtoday write it, or as Excel saved it.

CSV with ';', ',' or tab, in UTF-8 (with or without BOM), Windows-1252 or UTF-16 (Excel's
"Unicode-tekst"), with any line ending; or XLSX. Rows come as dicts of header -> text, numbered
as the user sees them (the header is row 1), streamed, so a export of ten thousand pupils never
sits in memory at once. A row that cannot be read comes as a BrokenRow with the reason, and
reading goes on with the next: one damaged row never costs the others their passport.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pvs.budget import bounded
from pvs.documents.files import cannot_open, missing_file
from pvs.errors import UnreadableFile
from pvs.limits import limits

Row = dict[str, str]
EXCEL_EPOCH = date(1899, 12, 30)
MAX_EXPORT_BYTES = 200 * 1024 * 1024
MAX_RECORD_LINES = 50  # a quoted cell may hold line breaks, but never a whole letter


@dataclass(frozen=True)
class BrokenRow:
    """A row pvs could not read, and why, in Dutch."""

    reason: str


Rows = Iterator[tuple[int, Row | BrokenRow]]
Reader = Callable[[Path], tuple[list[str], Rows]]
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

    `sheet` names the XLSX sheet to read; `is_header` tells the header row by its content."""
    if not path.is_file():
        raise missing_file(path)
    head = _head(path)
    reader = _xlsx if head.startswith(b"PK") else _csv
    # A first pass, under the budget, so an export over the limits or too heavy to decode is
    # refused before any work; the second pass streams the rows it proved readable.
    header, total = bounded(_first_pass, reader, path, name=str(path))
    return Export(header, reader(path)[1], total)


def _first_pass(reader: Reader, path: Path) -> tuple[list[str], int]:
    header, rows = reader(path)
    total = sum(1 for _ in rows)
    return header, total


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
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(content: bytes, path: Path) -> str:
    """UTF-16 with its BOM, UTF-8, else Windows-1252; but a UTF-8 file with a broken byte is
    refused, not misread."""
    if content.startswith(_UTF16_BOMS):
        return _decode_utf16(content, path)
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


def _decode_utf16(content: bytes, path: Path) -> str:
    try:
        return content.decode("utf-16")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{path} is opgeslagen als Unicode-tekst (UTF-16), maar is beschadigd. Sla de "
            "export opnieuw op als CSV (UTF-8)."
        ) from None


def _csv(path: Path) -> tuple[list[str], Rows]:
    text = _decode(path.read_bytes(), path)
    first = _LINE.match(text)
    delimiter = max(";,\t", key=(first.group() if first else "").count)
    records = _numbered(_records(text, delimiter))
    _, header = next(records, (1, []))
    if isinstance(header, BrokenRow) or not any(h.strip() for h in header):
        raise UnreadableFile(
            f"{path} heeft geen kopregel met kolomnamen. Exporteer opnieuw, met "
            "kolomnamen in de eerste regel."
        )
    return _clean_header(header), _rows(header, records)


def _numbered(records: Iterable[list[str] | BrokenRow]) -> _Records:
    return enumerate(records, start=1)


# A line and its ending (\r\n, \n or \r alike), or the last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+\Z")


class _LineFeed:
    """The lines of a text for csv.reader, one record at a time and at most MAX_RECORD_LINES
    for it; it notes when the reader wanted more than there were (a quote that never closes),
    and can give a broken record's lines again, from its second line on."""

    def __init__(self, text: str) -> None:
        self.source = (match.group() for match in _LINE.finditer(text))
        self.again: deque[str] = deque()  # lines to give again before new ones
        self.record: list[str] = []  # the lines given for this record
        self.starved = False

    def begin(self) -> bool:
        """Start a record; False when there are no lines left."""
        self.record, self.starved = [], False
        if not self.again:
            self.again.extend(itertools.islice(self.source, 1))
        return bool(self.again)

    def again_from_second_line(self) -> None:
        self.again.extendleft(reversed(self.record[1:]))

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        line = None if len(self.record) >= MAX_RECORD_LINES else self._line()
        if line is None:
            self.starved = True
            raise StopIteration
        self.record.append(line)
        return line

    def _line(self) -> str | None:
        return self.again.popleft() if self.again else next(self.source, None)


def _records(text: str, delimiter: str) -> Iterator[list[str] | BrokenRow]:
    """The records of a CSV text; one that cannot be read becomes a BrokenRow, and reading
    starts again on the line after the one it began on."""
    feed = _LineFeed(text)
    reader = csv.reader(feed, delimiter=delimiter)
    while feed.begin():
        try:
            record: list[str] | BrokenRow = next(reader)
        except csv.Error as error:  # a cell over csv's size limit of 128 KB
            record = BrokenRow(_csv_problem(str(error)))
        if feed.starved:
            record = BrokenRow(
                'In deze rij opent een aanhalingsteken (") dat nergens sluit. Verbeter de rij in '
                "de export; pvs las verder bij de volgende regel."
            )
        if isinstance(record, BrokenRow):
            feed.again_from_second_line()
            reader = csv.reader(feed, delimiter=delimiter)  # a fresh one, without the broken state
        yield record


def _csv_problem(detail: str) -> str:
    if "field limit" in detail:
        return (
            f"Deze rij heeft een cel van meer dan {csv.field_size_limit() // 1024} kB; zo lang is "
            "geen gegeven van een leerling. Verbeter de rij in de export."
        )
    return "Deze rij is geen geldige CSV. Verbeter de rij in de export."


def _xlsx(path: Path) -> tuple[list[str], Rows]:
    from pvs.jobs.batch.xlsx import read_sheet

    records = (
        (number, BrokenRow(problem) if problem else values)
        for number, values, problem in read_sheet(path)
    )
    _, header = next(records, (1, []))
    if isinstance(header, BrokenRow) or not any(header):
        raise UnreadableFile(f"{path} heeft geen kopregel met kolomnamen in het eerste blad.")
    return _clean_header(header), _rows(header, records)


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
                raise _too_many_rows()
            yield number, row
        elif seen > 4 * limits().rows:
            raise _too_many_rows()


def _named(names: list[str], values: list[str]) -> Row:
    return {name: value.strip() for name, value in zip(names, values, strict=False) if name}


def _too_many_rows() -> UnreadableFile:
    return UnreadableFile(
        f"De export heeft meer dan {limits().rows} rijen. Klopt dat? Geef dan meer ruimte met "
        "'pvs --max-rijen N batch ...', of splits de export."
    )
