"""Read a sheet of an Excel export (.xlsx) row by row, within bounds.

pvs reads the workbook's XML itself, streaming, rather than through openpyxl's reader. That
reader takes the shared strings and styles whole, builds each row whole before handing it over
and stops at the first cell it cannot parse: a workbook of a few hundred KB filled gigabytes,
and one damaged date stopped a batch of a thousand pupils. Here the zip directory is checked
first, every count is bounded while it is read, and a cell that cannot be read makes only its
own row unusable. Cells read as openpyxl gave them: dates as dd-mm-jjjj, whole numbers with
the leading zeros of their format, a formula as its text ('=...').
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import from_excel, from_ISO8601

from pvs.documents.archive import member_chunks, open_archive
from pvs.documents.files import BROKEN_ZIP, unreadable, unsafe_xml
from pvs.errors import UnreadableFile
from pvs.jobs.batch.mistakes import not_an_export
from pvs.limits import limits

EXCEL_FILE = "Excel-bestand (.xlsx)"
RESAVE_EXCEL = "Sla het opnieuw op in Excel of exporteer als CSV."
MAX_ROW_CELLS = 16_384  # Excel's own number of columns
CELLS_PER_ROW = 20  # on average over the sheet; the cap bounds the time a sheet takes
STRINGS_PER_ROW = 10  # distinct texts: names, e-mail addresses, numbers kept as text
ELEMENTS_PER_CELL = 4  # <c> and <v>, with room for <is>, <t> and <f>
MAX_STYLES = 65_536  # Excel makes at most 64,000 cell formats
MAX_RELATIONS = 1000
Record = tuple[int, list[str], str | None]  # row number, cell texts, why the row is unusable
_H = TypeVar("_H", bound="_Handler")


@contextmanager
def open_book(path: Path) -> Iterator[Book]:
    """The workbook at `path`, to list its sheets and read them; a damaged one is refused."""
    name = str(path)
    with open_archive(path, name, EXCEL_FILE, RESAVE_EXCEL) as archive:
        try:
            yield Book(archive, name)
        except (*BROKEN_ZIP, expat.ExpatError):
            raise unreadable(name, EXCEL_FILE, RESAVE_EXCEL) from None


def read_sheet(path: Path, sheet: str, header_row: int) -> Iterator[Record]:
    """Every row of the sheet named `sheet` that has one (see Book.rows)."""
    with open_book(path) as book:
        yield from book.rows(sheet, header_row)


def _too_much(name: str, what: str) -> UnreadableFile:
    return UnreadableFile(
        f"{name} bevat {what}; zoveel heeft een export van {limits().rows} rijen nooit. Klopt "
        "het toch? Geef dan meer ruimte met 'pvs --max-rijen N batch ...', of splits de export."
    )


class _Handler:
    """Receives the elements of one part, names without their prefix; counts them."""

    def __init__(self, name: str, budget: int) -> None:
        self.name, self.budget = name, budget

    def begin(self, tag: str, attrs: dict[str, str]) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise _too_much(self.name, "meer XML-elementen dan pvs leest")
        self.start(tag.rpartition(":")[2], attrs)

    def finish(self, tag: str) -> None:
        self.end(tag.rpartition(":")[2])

    def start(self, tag: str, attrs: dict[str, str]) -> None: ...

    def end(self, tag: str) -> None: ...

    def text(self, data: str) -> None: ...


def _parse(archive: zipfile.ZipFile, member: str, handler: _Handler) -> Iterator[None]:
    """Feed `member` to `handler` piece by piece, pausing after each piece; never a DTD, so
    never an entity to expand."""
    parser = expat.ParserCreate()
    parser.buffer_text = True  # text in one piece, not one call per line
    parser.StartDoctypeDeclHandler = lambda *_: _refuse_dtd(handler.name)
    parser.StartElementHandler = handler.begin
    parser.EndElementHandler = handler.finish
    parser.CharacterDataHandler = handler.text
    for chunk in member_chunks(archive, member, handler.name):
        parser.Parse(chunk, False)
        yield
    parser.Parse(b"", True)
    yield


def _parse_whole(archive: zipfile.ZipFile, member: str, handler: _Handler) -> None:
    for _ in _parse(archive, member, handler):
        pass


def _refuse_dtd(name: str) -> None:
    raise unsafe_xml(name, RESAVE_EXCEL)


class Book:
    """A workbook's sheets, by name and in order, and what reading them needs from the rest."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive, self.name = archive, name
        self.cells = limits().rows * CELLS_PER_ROW
        # One budget of XML elements for all the sheets read here, so looking for the pupils
        # in a workbook of a thousand sheets costs no more than reading one.
        self.elements = self.cells * ELEMENTS_PER_CELL
        workbook = self._relations("").get("officeDocument", "xl/workbook.xml")
        if workbook.startswith("word/"):
            raise not_an_export(name, "een Word-document")
        if not any(member.startswith("xl/") for member in archive.namelist()):
            raise not_an_export(name, "een zip-bestand")  # the passports of a batch, say
        index = _Workbook(name, self.cells)
        _parse_whole(archive, workbook, index)
        parts = self._relations(workbook)
        self.parts = {sheet: parts[rid] for sheet, rid in index.sheets if parts.get(rid)}
        self.names = list(self.parts)  # in the workbook's order
        if not self.names:
            raise UnreadableFile(
                f"{name} heeft geen werkblad. Sla het opnieuw op in Excel, of exporteer als CSV."
            )
        self.epoch = datetime(1904, 1, 1) if index.date1904 else datetime(1899, 12, 30)
        self.strings = self._read(parts.get("sharedStrings"), _Strings(name, self.cells)).found
        self.formats = self._read(parts.get("styles"), _Styles(name, self.cells)).formats()
        self.numbers: dict[str, _NumberStyle] = {}

    def rows(self, sheet: str, header_row: int = 0) -> Generator[Record]:
        """Every row of `sheet` that has one. Row `header_row` (0: none yet) is the header:
        the rows after it keep its width, and a cell that cannot be read names its column."""
        return _Sheet(self, self.parts[sheet], header_row).rows()

    def number_text(self, style: str, value: str) -> str:
        """A number as the cell's style shows it: a date, or a whole number with the leading
        zeros of a format such as 000000."""
        number: float = float(value) if "." in value or "e" in value.lower() else int(value)
        shown = self.numbers.get(style) or self._number_style(style)
        if shown.date:
            try:
                return _moment(from_excel(number, self.epoch, timedelta=shown.duration))
            except (OverflowError, ValueError):
                return "#VALUE!"  # as openpyxl did with a date outside the calendar
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        return str(number).zfill(shown.zeros) if isinstance(number, int) else str(number)

    def _number_style(self, style: str) -> _NumberStyle:
        index = _integer(style)
        fmt = self.formats[index] if index < len(self.formats) else "General"
        shown = _NumberStyle(
            is_date_format(fmt), is_timedelta_format(fmt), len(fmt) if set(fmt) == {"0"} else 0
        )
        self.numbers[style] = shown
        return shown

    def _read(self, member: str | None, handler: _H) -> _H:
        if member:
            _parse_whole(self.archive, member, handler)
        return handler

    def _relations(self, part: str) -> dict[str, str]:
        """The parts `part` refers to, by relationship id and by the last word of their type;
        the first of each type counts."""
        folder = PurePosixPath(part).parent
        rels = str(folder / "_rels" / f"{PurePosixPath(part).name}.rels")
        if rels not in self.archive.namelist():
            return {}
        handler = self._read(rels, _Relations(self.name, MAX_RELATIONS))
        found: dict[str, str] = {}
        for rid, kind, target in handler.found:
            where = posixpath.normpath(
                target[1:] if target.startswith("/") else f"{folder}/{target}"
            )
            found[rid] = where
            found.setdefault(kind.rpartition("/")[2], where)
        return found


@dataclass(frozen=True)
class _NumberStyle:
    date: bool
    duration: bool  # a date format that counts hours, such as [h]:mm
    zeros: int  # the width a whole number is padded to with zeros


class _Relations(_Handler):
    def __init__(self, name: str, budget: int) -> None:
        super().__init__(name, budget)
        self.found: list[tuple[str, str, str]] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship":
            self.found.append((attrs.get("Id", ""), attrs.get("Type", ""), attrs.get("Target", "")))


class _Workbook(_Handler):
    def __init__(self, name: str, budget: int) -> None:
        super().__init__(name, budget)
        self.sheets: list[tuple[str, str]] = []  # name and relationship id, in order
        self.date1904 = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet":
            # The relationship id's attribute is r:id, whatever prefix the file gives it.
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            self.sheets.append((attrs.get("name", ""), rid))
        elif tag == "workbookPr":
            self.date1904 = attrs.get("date1904") in ("1", "true")


class _Strings(_Handler):
    """The shared strings: the text of each <si>, without its phonetic guide (<rPh>)."""

    def __init__(self, name: str, cells: int) -> None:
        super().__init__(name, cells * ELEMENTS_PER_CELL)
        self.most = limits().rows * STRINGS_PER_ROW
        self.found: list[str] = []
        self.text_in = _TextIn()

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "si":
            if len(self.found) >= self.most:
                raise _too_much(self.name, f"meer dan {self.most} verschillende teksten")
            self.text_in.open()
        else:
            self.text_in.start(tag)

    def end(self, tag: str) -> None:
        if tag == "si":
            self.found.append(self.text_in.close().replace("x005F_", ""))  # as openpyxl did
        else:
            self.text_in.end(tag)

    def text(self, data: str) -> None:
        self.text_in.add(data)


class _TextIn:
    """The text of a rich string (<si> or <is>): its <t> elements, not its phonetic guide."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.inside = self.phonetic = 0

    def open(self) -> None:
        self.pieces, self.inside, self.phonetic = [], 0, 0

    def start(self, tag: str) -> None:
        self.inside += tag == "t"
        self.phonetic += tag == "rPh"

    def end(self, tag: str) -> None:
        self.inside -= tag == "t"
        self.phonetic -= tag == "rPh"

    def add(self, data: str) -> None:
        if self.inside and not self.phonetic:
            self.pieces.append(data)

    def close(self) -> str:
        text = "".join(self.pieces)
        self.pieces = []
        return text


class _Styles(_Handler):
    """The number format of each cell style (cellXfs), for dates and leading zeros."""

    def __init__(self, name: str, budget: int) -> None:
        super().__init__(name, budget)
        self.custom: dict[int, str] = {}
        self.ids: list[int] = []
        self.in_cell_styles = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "numFmt":
            self.custom[_integer(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            self.in_cell_styles = True
        elif tag == "xf" and self.in_cell_styles:
            if len(self.ids) >= MAX_STYLES:
                raise unreadable(self.name, EXCEL_FILE, RESAVE_EXCEL)
            self.ids.append(_integer(attrs.get("numFmtId")))

    def end(self, tag: str) -> None:
        if tag == "cellXfs":
            self.in_cell_styles = False

    def formats(self) -> list[str]:
        return [self.custom.get(i) or BUILTIN_FORMATS.get(i) or "General" for i in self.ids]


class _Sheet(_Handler):
    """The rows of a sheet, handed out after each piece of XML that completes them.

    Every cell passes here four or five times, so the handlers are flat and the state of the
    cell being read lives in plain attributes.
    """

    def __init__(self, book: Book, part: str, header_row: int) -> None:
        super().__init__(book.name, book.elements)
        self.book, self.part, self.header_row = book, part, header_row
        self.cells_left = book.cells
        self.done: list[Record] = []
        self.header: list[str] | None = None
        self.width = MAX_ROW_CELLS  # columns to keep: all up to the header row, then the header's
        self.number = 0  # the row's number
        self.row: dict[int, str] = {}
        self.problem: str | None = None
        self.in_row = 0  # cells in this row
        self.column = 0  # the cell's column
        self.kind, self.style = "n", "0"
        self.value: list[str] = []
        self.formula: list[str] | None = None
        self.inline: list[str] | None = None  # the text of an inline string (<is>)
        self.phonetic = 0  # inside a phonetic guide (<rPh>), whose text is not the cell's
        self.capture: list[str] | None = None  # where text goes now

    def rows(self) -> Generator[Record]:
        try:
            for _ in _parse(self.book.archive, self.part, self):
                yield from self.done
                self.done = []
        finally:
            self.book.elements = self.budget  # what is left, for the next sheet read

    def begin(self, tag: str, attrs: dict[str, str]) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise _too_much(self.name, "meer XML-elementen dan pvs leest")
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            self._open_cell(attrs)
        elif tag == "v":
            self.capture = self.value
        elif tag == "row":
            self._open_row(attrs)
        elif tag == "f":
            self.formula = self.capture = []
        elif tag == "is":
            self.inline = []
        elif tag == "t" and self.inline is not None and not self.phonetic:
            self.capture = self.inline
        elif tag == "rPh":
            self.phonetic += 1

    def finish(self, tag: str) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            self._close_cell()
        elif tag in ("v", "f", "t"):
            self.capture = None
        elif tag == "row":
            self._close_row()
        elif tag == "rPh":
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.capture is not None:
            self.capture.append(data)

    def _open_row(self, attrs: dict[str, str]) -> None:
        stated = _integer(attrs.get("r"))
        self.number = max(stated, self.number + 1)  # numbers only go up, so none repeats
        self.row, self.problem, self.in_row, self.column = {}, None, 0, 0

    def _open_cell(self, attrs: dict[str, str]) -> None:
        self.in_row += 1
        self.cells_left -= 1
        if self.in_row > MAX_ROW_CELLS:
            raise UnreadableFile(
                f"{self.name} heeft een rij met meer dan {MAX_ROW_CELLS} cellen; zo'n rij maakt "
                f"Excel niet. {RESAVE_EXCEL}"
            )
        if self.cells_left < 0:
            raise _too_much(self.name, f"meer dan {self.book.cells} cellen")
        self.column = _column(attrs.get("r", "")) or self.column + 1
        self.kind, self.style = attrs.get("t", "n"), attrs.get("s", "0")
        self.value, self.formula, self.inline, self.capture = [], None, None, None

    def _close_cell(self) -> None:
        if self.column > self.width:
            return  # a cell beyond the header: no column to put it in
        try:
            self.row[self.column] = self._cell_text()
        except (ValueError, IndexError, OverflowError) as error:
            self.row[self.column] = ""
            title = self.header[self.column - 1].strip() if self.header is not None else ""
            if title and self.problem is None:  # a column without a name is never read
                self.problem = _cell_problem(title, str(error))

    def _cell_text(self) -> str:
        """The cell as the school sees it. A formula is kept as its text ('=...'); rows holding
        one are refused later, never evaluated."""
        if self.formula is not None:
            return "=" + "".join(self.formula)
        if self.inline is not None:
            return "".join(self.inline).strip()
        value = "".join(self.value)
        if not value:
            return ""
        kind = self.kind
        if kind == "n":
            return self.book.number_text(self.style, value)
        if kind == "s":
            return self.book.strings[int(value)].strip()
        if kind == "b":
            return str(bool(int(value)))
        if kind == "d":
            return _moment(from_ISO8601(value))
        return value.strip()  # 'str' (a formula's text) or 'e' (an error such as #N/A)

    def _close_row(self) -> None:
        width = len(self.header) if self.header is not None else max(self.row, default=0)
        values = [self.row.get(column, "") for column in range(1, width + 1)]
        if self.number == self.header_row:
            self.header, self.width = values, width
        self.done.append((self.number, values, self.problem))


def _moment(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else str(value)  # a time of day, or a duration


def _cell_problem(column: str, detail: str) -> str:
    what = "een datum" if "date" in detail or "time" in detail else "een waarde"
    return (
        f"Kolom '{column}' bevat {what} die pvs niet kan lezen. Verbeter de cel in Excel en "
        "probeer het opnieuw."
    )


def _integer(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 12 else 0


def _column(reference: str) -> int:
    """The column number of a cell reference ('C7' -> 3); 0 when there is none."""
    letters = reference.rstrip("0123456789")
    number = _COLUMNS.get(letters)
    if number is None:
        if not (letters.isascii() and letters.isalpha() and len(letters) <= 3):
            return 0
        number = 0
        for letter in letters.upper():
            number = number * 26 + ord(letter) - 64
        _COLUMNS[letters] = number  # at most 18,278 of them: three letters, either case
    return number


_COLUMNS: dict[str, int] = {"": 0}
