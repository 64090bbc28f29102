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
LEFT, RIGHT, TOP, BOTTOM = 42.0, 553.28, 800.0, 64.0
WIDTH = RIGHT - LEFT
GUTTER = 16.0
COLUMN = (WIDTH - GUTTER) / 2
FOOTER_Y = 36.0

TITLE, INTRO, SECTION, SECTION_HELP, GROUP_TITLE = 20.0, 9.5, 13.0, 8.5, 10.0
LABEL, HELP, OPTION, FOOTER = 8.5, 7.5, 8.5, 7.0
LEADING = 1.3
TEXT_BOX, LONG_BOX, CHECK_BOX, RADIO = 18.0, 66.0, 11.0, 10.0
ROW_GAP, GROUP_GAP, SECTION_GAP = 7.0, 6.0, 14.0

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
LAYOUT_VERSION = 2
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

    def place_together(self, rows: list[Row]) -> None:
        """Keep a group on one page when it fits on one."""
        total = sum(r.height for r in rows)
        if total <= TOP - BOTTOM:
            self.need(total)
        for row in rows:
            self.place(row)

    def place_title(self) -> None:
        self.place(_text_row(wording.TITLE, WIDTH, TITLE, bold=True, gap=8))
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
        self.need(sum(r.height for r in heading) + first)  # never a heading alone at the bottom
        for row in heading:
            self.place(row)
        for run in runs:
            self.place_together(run)
        self.y -= SECTION_GAP

    def finish(self) -> tuple[Page, ...]:
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            _footer(page, number, total)
        return tuple(self.pages)


def _runs(group: Group, show_help: bool) -> Iterator[list[Row]]:
    """The group's rows in runs that belong together: loose fields, then each subgroup."""
    loose: list[Field] = []
    for child in group.children:
        if isinstance(child, Field):
            if child.fillable or child.path.startswith("meta."):
                loose.append(child)
            continue
        yield from _field_runs(loose, show_help)
        loose = []
        if child.max_slots is not None:
            yield from _repeating_runs(child, show_help)
        else:
            yield list(_group_rows(child, show_help, heading=True))
    yield from _field_runs(loose, show_help)


def _repeating_runs(group: Group, show_help: bool) -> Iterator[list[Row]]:
    """A repeating part: its question and help, kept with the first slot, then each slot.

    The question ("Waar ben ik goed in?") and its help say what the slots are for; the help of a
    slot's fields is printed in the first slot only.
    """
    intro = list(_group_rows(_heading_only(group), show_help, heading=True))
    for slot in group.children:
        assert isinstance(slot, Group)
        rows = list(_group_rows(slot, show_help and slot.slot == 0, heading=True))
        yield intro + rows if slot.slot == 0 else rows


def _heading_only(group: Group) -> Group:
    return Group(group.path, group.title, group.description, (), group.sensitive)


def _group_rows(group: Group, show_help: bool, heading: bool) -> Iterator[Row]:
    if heading:
        yield _text_row(group.title, WIDTH, GROUP_TITLE, bold=True, gap=3)
        if show_help and group.description:  # "Alleen als je gaat werken."
            yield _text_row(group.description, WIDTH, HELP, grey=True, gap=4)
    for run in _runs(group, show_help):
        yield from run


def _field_runs(fields: list[Field], show_help: bool) -> Iterator[list[Row]]:
    pending: list[Field] = []
    for f in fields:
        if f.kind in SHORT_KINDS:
            pending.append(f)
            if len(pending) == 2:
                yield [_pair_row(pending, show_help)]
                pending = []
            continue
        if pending:
            yield [_pair_row(pending, show_help)]
            pending = []
        yield [_wide_row(f, show_help)]
    if pending:
        yield [_pair_row(pending, show_help)]


def _text_row(
    text: str,
    width: float,
    size: float,
    bold: bool = False,
    grey: bool = False,
    gap: float = 0.0,
    rule: bool = False,
) -> Row:
    lines = _lines(text, width, size, bold)
    step = size * LEADING

    def emit(page: Page, x: float, top: float) -> None:
        for i, line in enumerate(lines):
            page.texts.append(Text(x, top - size - i * step, line, size, bold, grey))
        if rule:
            y = top - len(lines) * step - 1
            page.shapes.append(Shape("rule", Rect(x, y, x + width, y)))

    return Row(len(lines) * step + gap + (3 if rule else 0), emit)


@dataclass(frozen=True)
class _Cell:
    """A short field: its label and help on top, its control below at a shared height."""

    text_height: float
    control_height: float
    emit: Callable[[Page, float, float, float], None]  # page, x, top, top of the control


def _pair_row(fields: list[Field], show_help: bool) -> Row:
    cells = [_short_cell(f, COLUMN, show_help) for f in fields]
    text_height = max(c.text_height for c in cells)
    height = text_height + max(c.control_height for c in cells) + ROW_GAP

    def emit(page: Page, x: float, top: float) -> None:
        for i, cell in enumerate(cells):
            cell.emit(page, x + i * (COLUMN + GUTTER), top, top - text_height)

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
        y -= HELP * LEADING
        page.texts.append(Text(x, y + HELP * 0.25, line, HELP, grey=True))


def _text_height(label: list[str], help_lines: list[str]) -> float:
    return (len(label) * LABEL + len(help_lines) * HELP) * LEADING + 2


def _short_cell(field: Field, width: float, show_help: bool) -> _Cell:
    if field.kind == Kind.CHECKBOX:
        return _checkbox_cell(field, width, show_help)
    label, help_lines = _label_and_help(field, width, show_help)

    def emit(page: Page, x: float, top: float, control_top: float) -> None:
        _emit_label_and_help(page, x, top, label, help_lines)
        if field.kind == Kind.YES_NO:
            _emit_options(page, field, YES_NO_OPTIONS, x, control_top, width)
            return
        rect = Rect(x, control_top - TEXT_BOX, x + width, control_top)
        page.shapes.append(Shape("box" if field.fillable else "readonly", rect))
        page.widgets.append(Widget(field, rect))

    control = RADIO + 3 if field.kind == Kind.YES_NO else TEXT_BOX
    return _Cell(_text_height(label, help_lines), control, emit)


def _checkbox_cell(field: Field, width: float, show_help: bool) -> _Cell:
    inner = width - CHECK_BOX - 5
    label, help_lines = _label_and_help(field, inner, show_help)
    height = max(CHECK_BOX, _text_height(label, help_lines))

    def emit(page: Page, x: float, top: float, control_top: float) -> None:
        # Beside a text field the box lines up with that field's box, not with its label.
        rect = Rect(x, control_top - CHECK_BOX, x + CHECK_BOX, control_top)
        page.shapes.append(Shape("square", rect))
        page.widgets.append(Widget(field, rect, True))
        _emit_label_and_help(page, x + CHECK_BOX + 5, control_top + 1, label, help_lines)

    return _Cell(0.0, height, emit)


def _wide_row(field: Field, show_help: bool) -> Row:
    label, help_lines = _label_and_help(field, WIDTH, show_help)
    text_height = _text_height(label, help_lines)
    if field.kind == Kind.CHOICE:
        options = tuple((o.value, o.label) for o in field.options)
        control = _options_height(options, WIDTH)
    else:
        control = LONG_BOX

    def emit(page: Page, x: float, top: float) -> None:
        _emit_label_and_help(page, x, top, label, help_lines)
        y = top - text_height
        if field.kind == Kind.CHOICE:
            _emit_options(page, field, options, x, y, WIDTH)
            return
        rect = Rect(x, y - LONG_BOX, x + WIDTH, y)
        page.shapes.append(Shape("box", rect))
        page.widgets.append(Widget(field, rect))

    return Row(text_height + control + ROW_GAP, emit)


def _option_rows(
    options: tuple[tuple[str | int | bool, str], ...], width: float
) -> list[list[tuple[float, str | int | bool, str]]]:
    """Options flowing in rows: (x offset, value, label) per option."""
    font = metrics()
    rows: list[list[tuple[float, str | int | bool, str]]] = [[]]
    x = 0.0
    for value, text in options:
        item = RADIO + 4 + font.width(text, OPTION) + 14
        if x + item > width and rows[-1]:
            rows.append([])
            x = 0.0
        rows[-1].append((x, value, text))
        x += item
    return rows


def _options_height(options: tuple[tuple[str | int | bool, str], ...], width: float) -> float:
    return len(_option_rows(options, width)) * (RADIO + 5)


def _emit_options(
    page: Page,
    field: Field,
    options: tuple[tuple[str | int | bool, str], ...],
    x: float,
    top: float,
    width: float,
) -> None:
    for r, row in enumerate(_option_rows(options, width)):
        y = top - r * (RADIO + 5) - RADIO - 1
        for dx, value, text in row:
            rect = Rect(x + dx, y, x + dx + RADIO, y + RADIO)
            page.shapes.append(Shape("circle", rect))
            page.widgets.append(Widget(field, rect, value))
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
