"""Read fields from the page itself, where a flattened or printed copy drew them.

The footer on each page names the schema version and layout that drew it, and pvs knows where
that layout put every box (`layouts.py`). Text is whatever is drawn inside a box; a checkbox or
radio button counts as ticked when anything (a character or a small shape) is drawn inside it.

A box whose text ends in "(verder op pagina N)" holds only the beginning of its value: the rest
is in the block "Vervolg van <label> (<path>, <n> tekens)" from page N on (`continued`). The
value is read only whole, its length checked against n; a missing or cut continuation is a
doubt, never the beginning as if it were the value.
"""

from __future__ import annotations

import io
import re
import struct
import weakref
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pdfplumber
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pvs.documents.extraction import PAGE_LAYOUT, ValueCollector
from pvs.documents.files import damaged
from pvs.documents.pdf.layout import LAYOUT_VERSION, Rect, Widget
from pvs.documents.pdf.layouts import Placements
from pvs.documents.wording import YES_NO_LABELS
from pvs.model.formmodel import Field, Kind

# Some programs lose the middle dot when they re-draw the page, so accept any separator.
_FOOTER_VERSION = re.compile(
    r"Paspoort voor Succes\W{0,5}schemaversie ([0-9][0-9A-Za-z.]*)(?:\W{0,5}opmaak (\d+))?"
)
TOLERANCE = 1.5
_UNMAPPED = re.compile(r"\(cid:\d+\)")  # how pdfminer writes a glyph it has no letter for
UNMAPPED_DOUBT = "niet gelezen: op de pagina staan hier tekens zonder tekstcodering."
UNMAPPED_NOTE = (
    "Het programma dat deze PDF maakte, liet bij een deel van de tekst de tekstcodering weg. "
    "Die velden heeft pvs niet gelezen: neem ze over uit het paspoort zelf, of vraag de jongere "
    "om het PDF-formulier zelf te sturen."
)
# Another program may let a long value run past the right edge of its box; boxes side by side
# are 16 points apart, so half of that is still safely this box's own text.
RUN_ON = 8.0
# What pdfminer and pdfplumber raise on a file they cannot read: their own errors, and the plain
# ones their parsers let through on data they did not expect (pdfplumber wraps many of those in
# PdfminerException). Only the calls into the libraries are wrapped, so a bug in pvs stays one.
PDFMINER_ERRORS = (
    PSException,
    PdfminerException,
    MalformedPDFException,
    TypeError,
    KeyError,
    ValueError,
    IndexError,
    AttributeError,
    EOFError,
    ZeroDivisionError,
    OverflowError,
    RecursionError,
    struct.error,
    zlib.error,
)
_Objects = dict[str, list[dict[str, Any]]]  # what pdfplumber found on a page, by kind


@contextmanager
def printed_copy(content: bytes, password: str | None, name: str) -> Iterator[PrintedCopy]:
    """The PDF opened for reading from its pages, closed again however reading ends."""
    with _library_errors(name):
        pdf = pdfplumber.open(io.BytesIO(content), password=password or "")
    try:
        yield PrintedCopy(pdf, name)
    finally:
        # Closing walks every page once more; one that failed to open fails again, which no
        # longer matters and must not hide what happened before.
        with suppress(*PDFMINER_ERRORS):
            pdf.close()


class PrintedCopy:
    """A flattened or printed passport: its footer says which layout drew it, and each value
    is read from where that layout put its box."""

    def __init__(self, pdf: pdfplumber.PDF, name: str) -> None:
        self.name = name
        with _library_errors(name):
            self.pages = pdf.pages

    def footer(self) -> tuple[str | None, int]:
        """Schema and layout version in the first page's footer; (None, _) when it has none."""
        if not self.pages:
            return None, LAYOUT_VERSION
        with _library_errors(self.name):
            return footer_version(self.pages[0].extract_text() or "")

    def read(self, fields: list[Field], placed: Placements, collector: ValueCollector) -> None:
        """Read `fields` from the boxes `placed` gives them."""
        for field in fields:
            widgets = placed.get(field.path, [])
            if not widgets or widgets[0][0] >= len(self.pages):
                continue
            page = self.pages[widgets[0][0]]
            with _library_errors(self.name):
                objects = page.objects
            raw = _read(page, objects, field, [w for _, w in widgets], self.name)
            if isinstance(raw, str) and _UNMAPPED.search(raw):
                # Glyphs drawn without a text mapping: whatever pvs would return is not what
                # the pupil wrote, so nothing is returned as read.
                if not any(d.message.endswith(UNMAPPED_DOUBT) for d in collector.doubts):
                    collector.note("", UNMAPPED_NOTE)
                collector.doubt(field, UNMAPPED_DOUBT)
                continue
            if isinstance(raw, str) and CONTINUED_MARK.search(raw):
                raw, doubt = continued(self.pages, field, raw, self.name)
                if doubt:
                    collector.doubt(field, doubt)
                    continue
            collector.add(field, raw, PAGE_LAYOUT)


@contextmanager
def _library_errors(name: str) -> Iterator[None]:
    """Whatever pdfminer or pdfplumber raise on the file's data means: the file is damaged."""
    try:
        yield
    except PdfminerException as error:
        if error.args and isinstance(error.args[0], MemoryError):
            raise error.args[0] from None  # too heavy, not damaged: the budget words it
        raise damaged(name) from None
    except PDFMINER_ERRORS:
        raise damaged(name) from None


def _read(
    page: PlumberPage, objects: _Objects, field: Field, widgets: list[Widget], name: str
) -> Any:
    if field.kind == Kind.CHECKBOX:
        return "Yes" if _marked(page, objects, widgets[0].rect) else None
    if field.kind in (Kind.CHOICE, Kind.YES_NO):
        ticked = [w.option for w in widgets if _marked(page, objects, w.rect)]
        if len(ticked) != 1:
            return None
        option = ticked[0]
        if field.kind == Kind.YES_NO:
            return YES_NO_LABELS[bool(option)]
        return str(option)
    # Lines on the page may be wrapped by whoever drew them; the line breaks are not the pupil's.
    return " ".join(_text_in(page, objects, widgets[0].rect, name).split("\n"))


def _bbox(page: PlumberPage, rect: Rect, grow: float) -> tuple[float, float, float, float]:
    height = float(page.height)
    return (rect.x0 - grow, height - rect.y1 - grow, rect.x1 + grow, height - rect.y0 + grow)


def _text_in(page: PlumberPage, objects: _Objects, rect: Rect, name: str) -> str:
    """The characters whose centre lies in the box: another program may draw them larger."""
    x0, top, x1, bottom = _bbox(page, rect, TOLERANCE)
    x1 += RUN_ON
    inside = {
        id(char)
        for char in objects.get("char", [])
        if x0 < (char["x0"] + char["x1"]) / 2 < x1
        and top < (char["top"] + char["bottom"]) / 2 < bottom
    }
    if not inside:
        return ""
    with _library_errors(name):
        return page.filter(lambda obj: id(obj) in inside).extract_text() or ""


def _marked(page: PlumberPage, objects: _Objects, rect: Rect) -> bool:
    """Is anything drawn inside the box, other than the box itself?"""
    x0, top, x1, bottom = _bbox(page, rect, 0)
    kinds = ("char", "curve", "line", "rect")
    for obj in [o for kind in kinds for o in objects.get(kind, [])]:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        if not (x0 < cx < x1 and top < cy < bottom):
            continue
        is_frame = obj.get("object_type") != "char" and obj["x1"] - obj["x0"] >= 0.9 * (x1 - x0)
        if not is_frame and (obj.get("object_type") != "char" or obj.get("text", "").strip()):
            return True
    return False


def footer_version(text: str) -> tuple[str | None, int]:
    """Schema and layout version printed in a pvs page footer (layout 1 before it was printed)."""
    match = _FOOTER_VERSION.search(text)
    if not match:
        return None, LAYOUT_VERSION
    return match.group(1), int(match.group(2) or 1)


# The end of a box whose value goes on (appearance.CONTINUED), and the heading of where it does
# (layout.CONTINUATION_HEADING); the label may hold anything, the path and length do not.
CONTINUED_MARK = re.compile(r"(?:^|\s)\(verder op pagina (\d{1,3})\)\s*$")
_CONTINUATION_HEADING = re.compile(r"^Vervolg van .* \(([A-Za-z0-9_.]+), (\d{1,6}) tekens\)$")
CONTINUATION_MISSING = (
    "het vervolg van dit antwoord ontbreekt (het hoort op pagina {page}); neem het antwoord "
    "over uit het paspoort zelf."
)
CONTINUATION_CUT = (
    "het vervolg van dit antwoord op pagina {page} is niet helemaal te lezen; neem het "
    "antwoord over uit het paspoort zelf."
)


def continued(
    pages: list[PlumberPage], field: Field, box: str, name: str
) -> tuple[str | None, str | None]:
    """A box's beginning joined with its continuation: (the whole value, None), or (None, why
    not in Dutch) when the continuation is missing or does not add up to the stated length."""
    mark = CONTINUED_MARK.search(box)
    assert mark
    page = int(mark.group(1))
    beginning = " ".join(box[: mark.start()].split())
    parts: list[str] = []
    length = None
    for index in range(page - 1, len(pages)) if page >= 1 else ():
        lines = _page_lines(pages[index], name)
        # A block goes on over the next page only as that page's first block.
        found = _continuation_lines(lines, field.path, first_only=index >= page)
        if found is None:
            break
        length, body = found
        parts.extend(body)
    if length is None:
        return None, CONTINUATION_MISSING.format(page=page)
    whole = " ".join([beginning, *parts]).strip()
    whole = " ".join(whole.split())
    if len(whole) != length:
        return None, CONTINUATION_CUT.format(page=page)
    return whole, None


# The lines of a continuation page, read once however many of its blocks are wanted.
_LINES: weakref.WeakKeyDictionary[PlumberPage, list[str]] = weakref.WeakKeyDictionary()


def _page_lines(page: PlumberPage, name: str) -> list[str]:
    if page not in _LINES:
        with _library_errors(name):
            _LINES[page] = (page.extract_text() or "").split("\n")
    return _LINES[page]


def _continuation_lines(
    lines: list[str], path: str, first_only: bool = False
) -> tuple[int, list[str]] | None:
    """The stated length and the body lines of `path`'s block on a page; None without one
    (`first_only`: unless it is the page's first block)."""
    body: list[str] | None = None
    length = 0
    for line in lines:
        heading = _CONTINUATION_HEADING.match(line.strip())
        if heading or _FOOTER_VERSION.search(line):
            if body is not None:
                break
            if heading and heading.group(1) == path:
                body, length = [], int(heading.group(2))
            elif heading and first_only:
                return None
            continue
        if body is not None:
            body.append(line.strip())
    return None if body is None else (length, body)
