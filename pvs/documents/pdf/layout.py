"""Where everything goes on the A4 pages, computed from the form model alone.

The layout never depends on a pupil's data: the drawing of a blank form, the filling of it and
the reading of a flattened copy all recompute the same positions. Coordinates are PDF points
with the origin at the bottom left of the page.

Only the continuation pages do (layout 2 on): a value that does not fit its box at 8 pt shows
its beginning and "(verder op pagina N)" there, and `continuation_pages` prints the rest after
the fixed pages, one block per value: a heading "Vervolg van <label> (<path>, <n> tekens)"
(n: the length of the whole value, single-spaced, so a reader can tell it has all of it) and
the rest in 9 pt. A block taller than a page goes on over the next with the same heading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from pvs.documents import wording
from pvs.documents.pdf.font import BOLD, REGULAR, FontMetrics, metrics
from pvs.model.formmodel import Field, FormModel, Group, Kind, load_form_model
from pvs.model.schema import SCHEMA_VERSION

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89
LEFT, RIGHT, TOP, BOTTOM = 42.0, 553.28, 818.0, 48.0
WIDTH = RIGHT - LEFT
GUTTER = 16.0
COLUMN = (WIDTH - GUTTER) / 2
FOOTER_Y = 36.0

TITLE, INTRO, SECTION, SECTION_HELP, GROUP_TITLE = 18.0, 9.0, 12.0, 8.5, 9.5
LABEL, HELP, OPTION, FOOTER = 8.5, 8.0, 8.5, 7.0
LEADING = 1.3
HELP_LEADING = 1.1  # help in grey under a label: a little closer
TEXT_BOX, LONG_BOX, CHECK_BOX, RADIO = 17.0, 52.0, 11.0, 10.0
ROW_GAP, GROUP_GAP, SECTION_GAP = 4.0, 6.0, 6.0
OPTION_STEP, OPTION_SPACE = RADIO + 3, 8.0  # rows of options; space after each option
# A group that does not fit the rest of a page is split between its rows (a title stays with
# the row after it); only when less than this is left does it start on the next page. So pages
# are filled to the bottom and the form stays within 12 pages.
KEEP_ROOM = (TOP - BOTTOM) / 20

SHORT_KINDS = {
    Kind.TEXT,
    Kind.EMAIL,
    Kind.PHONE,
    Kind.DATE,
    Kind.NUMBER,
    Kind.CHECKBOX,
    Kind.YES_NO,
}
YES_NO_OPTIONS = tuple(wording.YES_NO_LABELS.items())
# Raise when boxes move: flattened copies are read by position, so a reader must know which
# layout drew them. An older layout is refused with a message instead of being misread.
# 2: values never below 8 pt; what does not fit goes on continuation pages (boxes unchanged).
# 3: at most 12 pages: alike groups (slots, steps, consents) two to a row or stacked, whichever
#    is shorter; short fields in a grid; answers side by side; tighter margins and gaps.
LAYOUT_VERSION = 3
FOOTER_MARK = f"{wording.TITLE} · schemaversie {SCHEMA_VERSION} · opmaak {LAYOUT_VERSION}"
FORM_ID_PATH = "meta.formulier_id"


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    grey: bool = False
    align_right: bool = False


@dataclass(frozen=True)
class Shape:
    kind: str  # "box" (text field), "readonly", "square", "circle", "rule"
    rect: Rect


@dataclass(frozen=True)
class Widget:
    """One clickable area of a form field; radio groups have one per option."""

    field: Field
    rect: Rect
    option: str | int | bool | None = None
    # How wide the field's label may run from its left edge (layout 3 on: cells differ in width);
    # None: as layouts 1 and 2 had it, a half or the whole width (calibration.Labels).
    label_width: float | None = None


@dataclass
class Page:
    texts: list[Text] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    widgets: list[Widget] = field(default_factory=list)


# A measured piece of the flow: its height, and how to put it at (x, top) on a page.
Emit = Callable[[Page, float, float], None]


@dataclass(frozen=True)
class Row:
    height: float
    emit: Emit
    sticky: bool = False  # a title: never alone at the bottom of a page


def wrap(text: str, width: float, size: float, font: FontMetrics) -> list[str]:
    """Break `text` into lines no wider than `width`; words longer than a line are split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.width(candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for ch in word:
                if font.width(line + ch, size) > width and line:
                    lines.append(line)
                    line = ""
                line += ch
        lines.append(line)
    return lines


@cache
def layout(model: FormModel | None = None) -> tuple[Page, ...]:
    """Every page of the passport form, in reading order."""
    flow = _Flow()
    flow.place_title()
    for section in (model or load_form_model()).document_sections():
        flow.place_section(section)
    return flow.finish()


def widgets_by_path() -> dict[str, list[tuple[int, Widget]]]:
    """Every widget of the layout by field path, with its page index."""
    found: dict[str, list[tuple[int, Widget]]] = {}
    for index, page in enumerate(layout()):
        for widget in page.widgets:
            found.setdefault(widget.field.path, []).append((index, widget))
    return found


def _lines(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    return wrap(text, width, size, metrics(BOLD if bold else REGULAR))


class _Flow:
    """Places rows from top to bottom, starting a new page when a row does not fit."""

    def __init__(self) -> None:
        self.pages: list[Page] = [Page()]
        self.y = TOP

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM and self.y < TOP:
            self.pages.append(Page())
            self.y = TOP

    def place(self, row: Row) -> None:
        self.need(row.height)
        row.emit(self.pages[-1], LEFT, self.y)
        self.y -= row.height

    def keep(self, height: float) -> None:
        """Start a new page for what follows, `height` high, when it does not fit on this one
        and this one is nearly full; else it is split, and the page filled."""
        if self.y - height < BOTTOM and self.y < BOTTOM + KEEP_ROOM:
            self.need(height)

    def place_together(self, rows: list[Row]) -> None:
        """Keep a group together when it fits on what is left of the page, or on the next page
        when little is left; else split it between its rows, a title with the row after it."""
        total = sum(r.height for r in rows)
        if total <= TOP - BOTTOM:
            self.keep(total)
        for i, row in enumerate(rows):
            if row.sticky:  # titles stay with the first row that is not a title
                after = next((n for n in range(i, len(rows)) if not rows[n].sticky), len(rows))
                self.need(sum(r.height for r in rows[i : after + 1]))
            self.place(row)

    def place_title(self) -> None:
        self.place(_text_row(wording.TITLE, WIDTH, TITLE, bold=True, gap=6))
        self.place(_text_row(wording.INTRO_TEXT, WIDTH, INTRO, gap=SECTION_GAP))

    def place_section(self, section: Group) -> None:
        runs = [run for run in _runs(section, show_help=True) if run]
        if not runs:
            return
        heading = [_text_row(section.title, WIDTH, SECTION, bold=True, gap=2, rule=True)]
        if section.description:
            heading.append(_text_row(section.description, WIDTH, SECTION_HELP, grey=True, gap=4))
        first = sum(r.height for r in runs[0])
        if first > TOP - BOTTOM - 80:  # a run taller than a page: keep only its first row
            first = runs[0][0].height
        heading_height = sum(r.height for r in heading)
        self.need(heading_height + runs[0][0].height)  # never a heading alone at the bottom
        self.keep(heading_height + first)
        for row in heading:
            self.place(row)
        for run in runs:
            self.place_together(run)
        self.y -= SECTION_GAP

    def finish(self) -> tuple[Page, ...]:
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            page.widgets[:] = _reading_order(page.widgets)
            _footer(page, number, total)
        return tuple(self.pages)


def _reading_order(widgets: list[Widget]) -> list[Widget]:
    """Top to bottom, a row left to right: the tab order. Columns are laid out row by row, and
    a row's choices may take more lines in one column than in the other."""
    ordered: list[list[Widget]] = []
    for widget in sorted(widgets, key=lambda w: -w.rect.y1):
        if ordered and ordered[-1][0].rect.y1 - widget.rect.y1 <= 3:
            ordered[-1].append(widget)
        else:
            ordered.append([widget])
    return [w for row in ordered for w in sorted(row, key=lambda w: w.rect.x0)]


def _runs(group: Group, show_help: bool, width: float = WIDTH) -> Iterator[list[Row]]:
    """The group's rows in runs that belong together: loose fields, then each subgroup.

    Sibling groups of the same shape (the slots of a repeating part, the people who may read the
    passport, the steps of the transfer) stand two to a row or one below the other.
    """
    loose: list[Field] = []
    alike: list[Group] = []
    for child in group.children:
        if isinstance(child, Field):
            if child.fillable or child.path.startswith("meta."):
                yield from _alike_runs(alike, show_help, width)
                alike = []
                loose.append(child)
            continue
        yield from _field_runs(loose, show_help, width)
        loose = []
        if child.max_slots is not None:
            yield from _alike_runs(alike, show_help, width)
            alike = []
            yield from _repeating_runs(child, show_help, width)
        elif alike and _shape(alike[0]) != _shape(child):
            yield from _alike_runs(alike, show_help, width)
            alike = [child]
        else:
            alike.append(child)
    yield from _alike_runs(alike, show_help, width)
    yield from _field_runs(loose, show_help, width)


def _shape(group: Group) -> tuple[object, ...]:
    """What makes two groups alike on paper: their children's names, kinds and help, in order
    (the help is printed once for all of them)."""
    children = (
        (c.path.rsplit(".", 1)[-1], c.description, c.kind if isinstance(c, Field) else _shape(c))
        for c in group.children
    )
    return (group.description, *children)


def _alike_runs(groups: list[Group], show_help: bool, width: float) -> Iterator[list[Row]]:
    """Groups of one shape: two to a row in columns or one below the other, whichever takes less
    height (in a column: below). The help of their fields is printed with the first only: it is
    the same for all."""
    below = [list(_group_rows(g, show_help and n == 0, True, width)) for n, g in enumerate(groups)]
    if len(groups) < 2 or width < WIDTH:
        yield from below
        return
    beside = [
        _side_by_side(
            [
                list(_group_rows(g, show_help and i + k == 0, True, COLUMN))
                for k, g in enumerate(groups[i : i + 2])
            ]
        )
        for i in range(0, len(groups), 2)
    ]
    yield from min(beside, below, key=_height)


def _height(runs: list[list[Row]]) -> float:
    return sum(row.height for run in runs for row in run)


def _side_by_side(columns: list[list[Row]]) -> list[Row]:
    """Rows of two columns, the n-th rows of both at one height so their fields line up."""
    rows: list[Row] = []
    for n in range(max(len(c) for c in columns)):
        cells = [(k, c[n]) for k, c in enumerate(columns) if n < len(c)]
        height = max(row.height for _, row in cells)

        def emit(page: Page, x: float, top: float, cells: list[tuple[int, Row]] = cells) -> None:
            for k, row in cells:
                row.emit(page, x + k * (COLUMN + GUTTER), top)

        rows.append(Row(height, emit, any(row.sticky for _, row in cells)))
    return rows


def _repeating_runs(group: Group, show_help: bool, width: float) -> Iterator[list[Row]]:
    """A repeating part: its question and help, kept with the first slots, then the others.

    The question ("Waar ben ik goed in?") and its help say what the slots are for; the help of a
    slot's fields is printed in the first slot only.
    """
    intro = list(_group_rows(_heading_only(group), show_help, True, width))
    slots = [slot for slot in group.children if isinstance(slot, Group)]
    for n, run in enumerate(_alike_runs(slots, show_help, width)):
        yield intro + run if n == 0 else run


def _heading_only(group: Group) -> Group:
    return Group(group.path, group.title, group.description, (), group.sensitive)


def _group_rows(group: Group, show_help: bool, heading: bool, width: float) -> Iterator[Row]:
    if heading:
        yield _text_row(group.title, width, GROUP_TITLE, bold=True, gap=1, sticky=True)
        if show_help and group.description:  # "Alleen als je gaat werken."
            yield _text_row(group.description, width, HELP, grey=True, gap=4)
    for run in _runs(group, show_help, width):
        yield from run


def _field_runs(fields: list[Field], show_help: bool, width: float) -> Iterator[list[Row]]:
    """Short fields side by side in a grid, as many to a row as fit; answers to write side by
    side (up to three on a full page, one in a column); a choice of many options across."""
    pending: list[Field] = []
    for f in fields:
        kind = _cell_kind(f, width)
        if pending and (kind != _cell_kind(pending[0], width) or not _fits(pending, f, width)):
            yield [_cells_row(pending, show_help, width)]
            pending = []
        if kind == "wide":
            yield [_wide_row(f, show_help, width)]
        else:
            pending.append(f)
    if pending:
        yield [_cells_row(pending, show_help, width)]


def _cell_kind(field: Field, width: float) -> str:
    """ "short" fields share a grid, "long" ones (answers to write) a row, a "wide" one its own.

    A choice of a few short options (Concept, Definitief) is short: they fit two rows of a cell.
    """
    if field.kind in SHORT_KINDS:
        return "short"
    if field.kind == Kind.LONG_TEXT:
        return "long"
    cell = _span_width(NARROW, _units(width), width)
    return "short" if len(_option_rows(_options(field), cell)) <= 2 else "wide"


# The grid of short fields: a full-width row has 6 units, a column 4. A date, number, phone
# number, tick box or short choice takes 2 (a third of the page, half a column); a text or
# e-mail address, which needs room for a name or a place, 3 (half the page) or the whole column.
NARROW = 2
FULL_UNITS, COLUMN_UNITS = 6, 4
SHORT_TEXT = 30  # characters: a text this short at most (a class, a code) is narrow too


def _units(width: float) -> int:
    return FULL_UNITS if width >= WIDTH else COLUMN_UNITS


def _span(field: Field, width: float) -> int:
    if _cell_kind(field, width) == "long":
        return 2 if width >= WIDTH else COLUMN_UNITS  # up to three answers on a full page
    wide = field.fillable and (field.max_length or SHORT_TEXT + 1) > SHORT_TEXT  # pvs fills codes
    if field.kind in (Kind.TEXT, Kind.EMAIL) and wide:
        return 3 if width >= WIDTH else COLUMN_UNITS
    return NARROW


def _fits(pending: list[Field], field: Field, width: float) -> bool:
    return sum(_span(f, width) for f in (*pending, field)) <= _units(width)


def _span_width(span: int, units: int, width: float) -> float:
    return span / units * (width + GUTTER) - GUTTER


def _options(field: Field) -> tuple[tuple[str | int | bool, str], ...]:
    if field.kind == Kind.YES_NO:
        return YES_NO_OPTIONS
    return tuple((o.value, o.label) for o in field.options)


def _text_row(
    text: str,
    width: float,
    size: float,
    bold: bool = False,
    grey: bool = False,
    gap: float = 0.0,
    rule: bool = False,
    sticky: bool = False,
) -> Row:
    lines = _lines(text, width, size, bold)
    step = size * LEADING

    def emit(page: Page, x: float, top: float) -> None:
        for i, line in enumerate(lines):
            page.texts.append(Text(x, top - size - i * step, line, size, bold, grey))
        if rule:
            y = top - len(lines) * step - 1
            page.shapes.append(Shape("rule", Rect(x, y, x + width, y)))

    return Row(len(lines) * step + gap + (3 if rule else 0), emit, sticky)


@dataclass(frozen=True)
class _Cell:
    """A short field: its label and help on top, its control below at a shared height."""

    text_height: float
    control_height: float
    emit: Callable[[Page, float, float, float], None]  # page, x, top, top of the control


def _cells_row(fields: list[Field], show_help: bool, width: float) -> Row:
    """Fields side by side, their labels above controls at a shared height: short ones in the
    grid of `_span`, answers to write in equal parts of the row."""
    units = _units(width)
    if _cell_kind(fields[0], width) == "long":
        spans, units = [1] * len(fields), len(fields)
    else:
        spans = [_span(f, width) for f in fields]
    starts = [sum(spans[:i]) for i in range(len(spans))]
    cells = [
        _cell(f, _span_width(span, units, width), show_help)
        for f, span in zip(fields, spans, strict=True)
    ]
    text_height = max(c.text_height for c in cells)
    height = text_height + max(c.control_height for c in cells) + ROW_GAP

    def emit(page: Page, x: float, top: float) -> None:
        for start, cell in zip(starts, cells, strict=True):
            cell.emit(page, x + _span_width(start, units, width) + GUTTER, top, top - text_height)

    return Row(height, emit)


def _label_and_help(field: Field, width: float, show_help: bool) -> tuple[list[str], list[str]]:
    label = _lines(field.title, width, LABEL, bold=True)
    help_lines = _lines(field.description, width, HELP) if show_help and field.description else []
    return label, help_lines


def _emit_label_and_help(
    page: Page, x: float, top: float, label: list[str], help_lines: list[str]
) -> None:
    y = top
    for line in label:
        y -= LABEL * LEADING
        page.texts.append(Text(x, y + LABEL * 0.25, line, LABEL, bold=True))
    for line in help_lines:
        y -= HELP * HELP_LEADING
        page.texts.append(Text(x, y + HELP * 0.25, line, HELP, grey=True))


def _text_height(label: list[str], help_lines: list[str]) -> float:
    return len(label) * LABEL * LEADING + len(help_lines) * HELP * HELP_LEADING + 1


def _cell(field: Field, width: float, show_help: bool) -> _Cell:
    if field.kind == Kind.CHECKBOX:
        return _checkbox_cell(field, width, show_help)
    label, help_lines = _label_and_help(field, width, show_help)

    def emit(page: Page, x: float, top: float, control_top: float) -> None:
        _emit_label_and_help(page, x, top, label, help_lines)
        if field.kind in (Kind.YES_NO, Kind.CHOICE):
            _emit_options(page, field, _options(field), x, control_top, width)
            return
        box = LONG_BOX if field.kind == Kind.LONG_TEXT else TEXT_BOX
        rect = Rect(x, control_top - box, x + width, control_top)
        page.shapes.append(Shape("box" if field.fillable else "readonly", rect))
        page.widgets.append(Widget(field, rect, label_width=width))

    control = {Kind.LONG_TEXT: LONG_BOX}.get(field.kind, TEXT_BOX)
    if field.kind in (Kind.YES_NO, Kind.CHOICE):
        control = _options_height(_options(field), width)
    return _Cell(_text_height(label, help_lines), control, emit)


def _checkbox_cell(field: Field, width: float, show_help: bool) -> _Cell:
    inner = width - CHECK_BOX - 5
    label, help_lines = _label_and_help(field, inner, show_help)
    height = max(CHECK_BOX, _text_height(label, help_lines))

    def emit(page: Page, x: float, top: float, control_top: float) -> None:
        # Beside a text field the box lines up with that field's box, not with its label.
        rect = Rect(x, control_top - CHECK_BOX, x + CHECK_BOX, control_top)
        page.shapes.append(Shape("square", rect))
        page.widgets.append(Widget(field, rect, True, inner))
        _emit_label_and_help(page, x + CHECK_BOX + 5, control_top + 1, label, help_lines)

    return _Cell(0.0, height, emit)


def _wide_row(field: Field, show_help: bool, width: float) -> Row:
    """A choice: its label and help, then its options flowing across the width."""
    label, help_lines = _label_and_help(field, width, show_help)
    text_height = _text_height(label, help_lines)
    options = _options(field)

    def emit(page: Page, x: float, top: float) -> None:
        _emit_label_and_help(page, x, top, label, help_lines)
        _emit_options(page, field, options, x, top - text_height, width)

    return Row(text_height + _options_height(options, width) + ROW_GAP, emit)


def _option_rows(
    options: tuple[tuple[str | int | bool, str], ...], width: float
) -> list[list[tuple[float, str | int | bool, str]]]:
    """Options flowing in rows: (x offset, value, label) per option."""
    font = metrics()
    rows: list[list[tuple[float, str | int | bool, str]]] = [[]]
    x = 0.0
    for value, text in options:
        item = RADIO + 4 + font.width(text, OPTION) + OPTION_SPACE
        if x + item - OPTION_SPACE > width and rows[-1]:  # the last one needs no space after it
            rows.append([])
            x = 0.0
        rows[-1].append((x, value, text))
        x += item
    return rows


def _options_height(options: tuple[tuple[str | int | bool, str], ...], width: float) -> float:
    return len(_option_rows(options, width)) * OPTION_STEP


def _emit_options(
    page: Page,
    field: Field,
    options: tuple[tuple[str | int | bool, str], ...],
    x: float,
    top: float,
    width: float,
) -> None:
    for r, row in enumerate(_option_rows(options, width)):
        y = top - r * OPTION_STEP - RADIO - 1
        for dx, value, text in row:
            rect = Rect(x + dx, y, x + dx + RADIO, y + RADIO)
            page.shapes.append(Shape("circle", rect))
            page.widgets.append(Widget(field, rect, value, width))
            page.texts.append(Text(rect.x1 + 4, y + 2, text, OPTION))


def _footer(page: Page, number: int, total: int) -> None:
    page.texts.append(Text(LEFT, FOOTER_Y, FOOTER_MARK, FOOTER, grey=True))
    page.texts.append(
        Text(RIGHT, FOOTER_Y, f"pagina {number} van {total}", FOOTER, grey=True, align_right=True)
    )
    label_x = LEFT + metrics().width(FOOTER_MARK, FOOTER) + 18
    page.texts.append(Text(label_x, FOOTER_Y, "formulier", FOOTER, grey=True))
    form_id = load_form_model().node(FORM_ID_PATH)
    assert isinstance(form_id, Field)
    start = label_x + metrics().width("formulier", FOOTER) + 3
    page.widgets.append(Widget(form_id, Rect(start, FOOTER_Y - 3, start + 200, FOOTER_Y + 8)))


CONTINUATION_TITLE = "Vervolg van antwoorden die niet in hun vak passen"
CONTINUATION_HEADING = "Vervolg van {label} ({path}, {length} tekens)"
CONTINUATION_SIZE, CONTINUATION_HEADING_SIZE, CONTINUATION_GAP = 9.0, 9.5, 10.0


@dataclass(frozen=True)
class Continuation:
    """The rest of a value that did not fit its box, and the length of the whole value."""

    field: Field
    rest: str
    length: int


def continuation_pages(
    blocks: list[Continuation], fixed_pages: int, form_id: str
) -> tuple[tuple[Page, ...], list[int]]:
    """Pages after the `fixed_pages` holding each block; and per block the (1-based) number of
    the page it starts on, which its box names."""
    pages: list[Page] = []
    starts: list[int] = []
    heading_step = CONTINUATION_HEADING_SIZE * LEADING + 2
    body_step = CONTINUATION_SIZE * LEADING
    y = BOTTOM

    def new_page() -> float:
        page = Page()
        page.texts.append(Text(LEFT, TOP - SECTION, CONTINUATION_TITLE, SECTION, bold=True))
        pages.append(page)
        return TOP - SECTION * LEADING - 8

    def heading(text: str, top: float) -> float:
        size = CONTINUATION_HEADING_SIZE
        pages[-1].texts.append(Text(LEFT, top - size, text, size, bold=True))
        return top - heading_step

    for block in blocks:
        title = _continuation_heading(block)
        lines = _lines(block.rest, WIDTH, CONTINUATION_SIZE)
        # A block starts on a new page when it does not fit below the last one, unless it would
        # not fit a whole page either and a few of its lines still fit here.
        need = heading_step + len(lines) * body_step
        if y - need < BOTTOM and (
            need <= TOP - BOTTOM - 40 or y - heading_step - 3 * body_step < BOTTOM
        ):
            y = new_page()
        starts.append(fixed_pages + len(pages))
        y = heading(title, y)
        for line in lines:
            if y - body_step < BOTTOM:
                y = heading(title, new_page())
            pages[-1].texts.append(Text(LEFT, y - CONTINUATION_SIZE, line, CONTINUATION_SIZE))
            y -= body_step
        y -= CONTINUATION_GAP
    label_x = LEFT + metrics().width(FOOTER_MARK, FOOTER) + 18
    for number, page in enumerate(pages, start=1):
        page.texts.append(Text(LEFT, FOOTER_Y, FOOTER_MARK, FOOTER, grey=True))
        page.texts.append(Text(label_x, FOOTER_Y, f"formulier {form_id}", FOOTER, grey=True))
        count = f"vervolgpagina {number} van {len(pages)}"
        page.texts.append(Text(RIGHT, FOOTER_Y, count, FOOTER, grey=True, align_right=True))
    return tuple(pages), starts


def _continuation_heading(block: Continuation) -> str:
    """The block's heading on one line: a label too long for it loses its group ("Stage 1 › "),
    then its end, marked "…"."""
    font = metrics()  # drawn in the field font, headings in colour
    label = block.field.label
    shorter = [label, label.rsplit(" › ", 1)[-1]]
    while True:
        text = CONTINUATION_HEADING.format(label=label, path=block.field.path, length=block.length)
        if font.width(text, CONTINUATION_HEADING_SIZE) <= WIDTH or len(label) <= 1:
            return text
        shorter = shorter[1:]
        label = shorter[0] if shorter else label[:-2].rstrip() + "…"
