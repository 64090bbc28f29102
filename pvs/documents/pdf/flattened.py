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
from pvs.documents.pdf.calibration import Labels, Placing, calibrate
from pvs.documents.pdf.font import BOLD, REGULAR, metrics
from pvs.documents.pdf.layout import (
    FORM_ID_PATH,
    GUTTER,
    LAYOUT_VERSION,
    SHORT_KINDS,
    Rect,
    Widget,
)
from pvs.documents.pdf.layouts import Placements
from pvs.documents.wording import YES_NO_LABELS
from pvs.model.formmodel import Field, Kind

# Some programs lose the middle dot when they re-draw the page: it may come back as any other
# character, or as a glyph without a text mapping (Ghostscript's pdfwrite: "(cid:1)").
_SEPARATOR = r"(?:\W|\(cid:\d+\)){0,5}"
_FOOTER_VERSION = re.compile(
    rf"Paspoort voor Succes{_SEPARATOR}schemaversie ([0-9][0-9A-Za-z.]*)"
    rf"(?:{_SEPARATOR}opmaak (\d+))?"
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
# pvs's font as other programs name it: "AAAAAA+DejaVuSans" (a subset), "DejaVuSans-7098" (pdf-lib).
_FONT_PREFIX = re.compile(r"^[A-Z]{6}\+|-\d+$")
_DEJAVU = {"DejaVuSans": REGULAR, "DejaVuSans-Bold": BOLD}
GLYPH_WIDTH_SLACK = 2.0  # per 1000 of the font size: PDF widths are often rounded to whole units
MISMAPPED_DOUBT = "niet gelezen: de tekens op de pagina passen niet bij hun tekstcodering."
MISMAPPED_NOTE = (
    "Het programma dat deze PDF opnieuw schreef, gaf een deel van de tekens een verkeerde "
    "tekstcodering. Die velden heeft pvs niet gelezen: neem ze over uit het paspoort zelf, of "
    "vraag de jongere om het PDF-formulier zelf te sturen."
)
# Text reaching this close to the right edge of a one-line box (layout points) may go on past it:
# pvs's own appearances keep 2 points free there.
EDGE = 1.0
ONE_LINE_KINDS = frozenset(SHORT_KINDS - {Kind.CHECKBOX, Kind.YES_NO})
CUT_OFF_DOUBT = (
    "mogelijk afgekapt: het antwoord is langer dan het vak. Neem het over uit het paspoort zelf."
)
# No Dutch word is this long; a line of this many letters without a space is a split word.
LONG_WORD = 30
SPLIT_WORD_DOUBT = (
    "controleer of het goed is overgenomen: een woord of webadres is langer dan een regel, en "
    "pvs weet niet of er op de afbreekplek een spatie hoort."
)
RUN_IN_DOUBT = "niet gelezen: het antwoord in het vak ervoor loopt door tot in dit vak."
MISPLACED_DOUBT = (
    "niet gelezen: de vraag staat op deze pagina niet op de plek waar pvs haar afdrukte."
)
MISPLACED_NOTE = (
    "Een deel van de pagina's staat niet op de plek waar pvs ze afdrukte: verschoven, met een "
    "andere opmaak, of van een ander document. Die velden heeft pvs niet gelezen: neem ze over "
    "uit het paspoort zelf, of vraag om het PDF-formulier zelf."
)
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
        """Read `fields` from the boxes `placed` gives them, page by page."""
        by_page: dict[int, list[tuple[Field, list[Widget]]]] = {}
        for field in fields:
            widgets = placed.get(field.path, [])
            if widgets and widgets[0][0] < len(self.pages):
                by_page.setdefault(widgets[0][0], []).append((field, [w for _, w in widgets]))
        for index, items in sorted(by_page.items()):
            self._read_page(self.pages[index], items, collector)

    def _read_page(
        self,
        page: PlumberPage,
        items: list[tuple[Field, list[Widget]]],
        collector: ValueCollector,
    ) -> None:
        with _library_errors(self.name):
            objects = page.objects
        chars = objects.get("char", [])
        # The footer is in the lower half of the page, however the page was printed.
        at = calibrate([c for c in chars if c["top"] > page.height / 2])
        misplaced = _misplaced(items, chars, at)
        if at is None or 2 * len(misplaced) >= len(items):
            # The page is not where pvs's layout would have it (another layout, a page of
            # something else, a print pvs cannot line up): nothing on it is read.
            _doubt_once(collector, [f for f, _ in items], MISPLACED_DOUBT, MISPLACED_NOTE)
            return
        for field, widgets in items:
            if field.path in misplaced:
                _doubt_once(collector, [field], MISPLACED_DOUBT, MISPLACED_NOTE)
                continue
            one_line = field.kind in ONE_LINE_KINDS
            if (
                one_line
                and field.path != FORM_ID_PATH
                and _run_in(page, objects, widgets[0].rect, at)
            ):
                _doubt_once(collector, [field], RUN_IN_DOUBT, "")
                continue
            raw = _read(page, objects, field, widgets, self.name, at)
            raw, split_word = _joined(raw)
            if isinstance(raw, str) and _UNMAPPED.search(raw):
                # Glyphs drawn without a text mapping: whatever pvs would return is not what
                # the pupil wrote, so nothing is returned as read.
                _doubt_once(collector, [field], UNMAPPED_DOUBT, UNMAPPED_NOTE)
                continue
            if isinstance(raw, str) and raw and not _faithful(page, objects, widgets[0].rect, at):
                _doubt_once(collector, [field], MISMAPPED_DOUBT, MISMAPPED_NOTE)
                continue
            if isinstance(raw, str) and CONTINUED_MARK.search(raw):
                raw, doubt = continued(self.pages, field, raw, self.name)
                if doubt:
                    collector.doubt(field, doubt)
                    continue
            collector.add(field, raw, PAGE_LAYOUT)
            if raw and one_line and _cut_off(page, objects, widgets[0].rect, at):
                collector.doubt(field, CUT_OFF_DOUBT)
            elif split_word:
                collector.doubt(field, SPLIT_WORD_DOUBT)


def _joined(raw: Any) -> tuple[Any, bool]:
    """A box's lines as one text, and whether a word may have been split over two of them.

    Lines on the page may be wrapped by whoever drew them; the line breaks are not the pupil's,
    so they become spaces. But a word longer than a line is wrapped inside the word, and a
    space there would change what the pupil wrote: a long line without a space, followed by
    another, is such a word (or a web address), so the field is one to check.
    """
    if not isinstance(raw, str) or "\n" not in raw:
        return raw, False
    lines = raw.split("\n")
    split = any(len(line) >= LONG_WORD and " " not in line.strip() for line in lines[:-1])
    return " ".join(lines), split


def _misplaced(
    items: list[tuple[Field, list[Widget]]], chars: list[dict[str, Any]], at: Placing | None
) -> set[str]:
    """The fields whose label is not where the layout printed it (all of them when the page
    cannot be lined up at all)."""
    if at is None:
        return {field.path for field, _ in items}
    labels = Labels(chars, at)
    return {
        field.path
        for field, widgets in items
        if field.path != FORM_ID_PATH and not labels.in_place(field, widgets[0])
    }


def _doubt_once(collector: ValueCollector, fields: list[Field], reason: str, note: str) -> None:
    """Doubt each field for `reason`; the note that explains it once per file."""
    if note and not any(d.message.endswith(reason) for d in collector.doubts):
        collector.note("", note)
    for field in fields:
        collector.doubt(field, reason)


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
    page: PlumberPage,
    objects: _Objects,
    field: Field,
    widgets: list[Widget],
    name: str,
    at: Placing,
) -> Any:
    if field.kind == Kind.CHECKBOX:
        return "Yes" if _marked(page, objects, widgets[0].rect, at) else None
    if field.kind in (Kind.CHOICE, Kind.YES_NO):
        ticked = [w.option for w in widgets if _marked(page, objects, w.rect, at)]
        if len(ticked) != 1:
            return None
        option = ticked[0]
        if field.kind == Kind.YES_NO:
            return YES_NO_LABELS[bool(option)]
        return str(option)
    # The lines as drawn: the caller joins them (see _joined).
    return _text_in(page, objects, widgets[0].rect, name, at)


def _bbox(
    page: PlumberPage, rect: Rect, grow: float, at: Placing, run_on: float = 0.0
) -> tuple[float, float, float, float]:
    """The box grown by `grow` layout points (and `run_on` more to the right) on the page, in
    pdfplumber's coordinates (x0, top, x1, bottom)."""
    grown = at.rect(Rect(rect.x0 - grow, rect.y0 - grow, rect.x1 + grow + run_on, rect.y1 + grow))
    height = float(page.height)
    return (grown.x0, height - grown.y1, grown.x1, height - grown.y0)


def _text_in(page: PlumberPage, objects: _Objects, rect: Rect, name: str, at: Placing) -> str:
    """The characters whose centre lies in the box: another program may draw them larger."""
    x0, top, x1, bottom = _bbox(page, rect, TOLERANCE, at, RUN_ON)
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


def _faithful(page: PlumberPage, objects: _Objects, rect: Rect, at: Placing) -> bool:
    """Does every character in the box that pvs's font drew say the letter that font draws there?

    A program that rewrites a PDF writes each font's text mapping anew, and may get it wrong (a
    second pass of Ghostscript turns "ı" into "1", Cyrillic into punctuation). Each letter of
    DejaVu Sans has its own advance width: a glyph as wide as its letter is that letter, or one
    exactly as wide; a glyph of another width is not the letter the mapping claims.
    """
    x0, top, x1, bottom = _bbox(page, rect, TOLERANCE, at, RUN_ON)
    for char in objects.get("char", []):
        if not (
            x0 < (char["x0"] + char["x1"]) / 2 < x1
            and top < (char["top"] + char["bottom"]) / 2 < bottom
        ):
            continue
        font = _DEJAVU.get(_FONT_PREFIX.sub("", str(char.get("fontname", ""))))
        text, size = char["text"], float(char.get("size") or 0)
        if font is None or not text.strip() or size <= 0 or _UNMAPPED.fullmatch(text):
            continue
        width = metrics(font).widths.get(text) if len(text) == 1 else None
        drawn = (char["x1"] - char["x0"]) * 1000 / size
        if width is None or abs(drawn - width) > GLYPH_WIDTH_SLACK:
            return False
    return True


def _run_in(page: PlumberPage, objects: _Objects, rect: Rect, at: Placing) -> bool:
    """Does text from the box to the left run on into this one-line box?

    Only such text is drawn in the half of the gap next to a box (the other half is where the
    box to the left may let its own text run on); it mixes with this box's own.
    """
    _, top, _, bottom = _bbox(page, rect, TOLERANCE, at)
    gap_start = at.point(rect.x0 - GUTTER / 2, 0)[0]
    gap_end = at.point(rect.x0 - TOLERANCE, 0)[0]
    return any(
        gap_start < (char["x0"] + char["x1"]) / 2 < gap_end
        and char["text"].strip()
        and top < (char["top"] + char["bottom"]) / 2 < bottom
        for char in objects.get("char", [])
    )


def _cut_off(page: PlumberPage, objects: _Objects, rect: Rect, at: Placing) -> bool:
    """Does the text in a one-line box reach its right edge or run past it?

    Whoever drew it did not fit the answer in the box: the appearance clips it there, and a
    flattened or printed copy keeps only the part that fits (or lets the rest run on).
    """
    _, top, _, bottom = _bbox(page, rect, TOLERANCE, at)
    edge = at.point(rect.x1 - EDGE, 0)[0]
    beyond = at.point(rect.x1 + RUN_ON, 0)[0]
    start = at.point(rect.x0, 0)[0]
    return any(
        start < char["x0"] < beyond
        and char["x1"] > edge
        and char["text"].strip()
        and top < (char["top"] + char["bottom"]) / 2 < bottom
        for char in objects.get("char", [])
    )


def _marked(page: PlumberPage, objects: _Objects, rect: Rect, at: Placing) -> bool:
    """Is anything drawn inside the box, other than the box itself?"""
    x0, top, x1, bottom = _bbox(page, rect, 0, at)
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
