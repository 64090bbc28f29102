"""The printed passport is short enough to hand out: at most 12 pages, none of them half empty
except where a section or the form ends, every help text on it, and every slot of every
repeating part printed (so a filled passport keeps its slots and the spares after them).

Measured from the layout itself (where each text, box and circle goes), not from pixels."""

from __future__ import annotations

import io
import re

import pikepdf

from pvs.documents.pdf.layout import (
    BOTTOM,
    FOOTER,
    FOOTER_Y,
    SECTION,
    TOP,
    Page,
    layout,
    widgets_by_path,
)
from pvs.documents.pdf.render import render_pdf
from pvs.model.formmodel import Field, Group, load_form_model
from tests.conftest import SAMPLES, load_json

MAX_PAGES = 12
MIN_TEXT = 8.0  # points; only the footer, furniture every layout prints alike, is smaller


def _filled(page: Page) -> float:
    """How much of the room between the margins the page uses, from its top down to its lowest
    text, box or option (the footer left out)."""
    body = FOOTER_Y + FOOTER + 4
    lows = [t.y - t.size * 0.25 for t in page.texts if t.y > body]
    lows += [s.rect.y0 for s in page.shapes]
    lows += [w.rect.y0 for w in page.widgets if w.rect.y0 > body]
    return (TOP - min(lows)) / (TOP - BOTTOM)


def _starts_a_section(page: Page) -> bool:
    first = max(page.texts, key=lambda t: t.y)
    return first.size == SECTION and first.bold


def test_the_blank_passport_has_at_most_12_pages() -> None:
    assert len(layout()) <= MAX_PAGES
    with pikepdf.open(io.BytesIO(render_pdf())) as pdf:
        assert len(pdf.pages) == len(layout())


def test_no_page_is_more_than_half_empty_except_the_last_of_a_section() -> None:
    pages = layout()
    for number, page in enumerate(pages[:-1], start=1):
        if _starts_a_section(pages[number]):
            continue
        assert _filled(page) >= 0.5, f"pagina {number} is voor {_filled(page):.0%} gevuld"


def test_every_text_is_at_least_8_pt_except_the_footer() -> None:
    for page in layout():
        small = [t.text for t in page.texts if t.size < MIN_TEXT and t.y > FOOTER_Y]
        assert small == []


def test_every_help_text_is_printed() -> None:
    """A help text shared by alike parts (the slots, the steps) is printed with the first."""
    printed = " ".join(t.text for page in layout() for t in page.texts if t.grey)
    printed = re.sub(r"\s+", " ", printed)
    model = load_form_model()
    helps = {f.description for f in model.fillable_fields() if f.description}
    helps |= {g.description for g in _groups(model.document_sections()) if g.description}
    missing = [h for h in helps if re.sub(r"\s+", " ", h) not in printed]
    assert missing == []


def _groups(groups: tuple[Group, ...] | list[Group]) -> list[Group]:
    found: list[Group] = []
    for group in groups:
        found.append(group)
        found += _groups([c for c in group.children if isinstance(c, Group)])
    return found


def test_every_slot_of_every_repeating_part_is_printed() -> None:
    """The layout never depends on the data: a passport with some slots filled prints those and
    every spare slot after them, blank, to be written in by hand."""
    placed = widgets_by_path()
    for group in _groups(load_form_model().document_sections()):
        if group.max_slots is None:
            continue
        slots = [s for s in group.children if isinstance(s, Group)]
        assert len(slots) == group.max_slots
        for slot in slots:
            fields = [c for c in slot.children if isinstance(c, Field) and c.fillable]
            assert fields and all(f.path in placed for f in fields), slot.path


def test_a_filled_passport_has_the_same_fixed_pages() -> None:
    """Filled or blank, the same 12 pages; what does not fit its box goes on after them."""
    data = load_json(SAMPLES / "03-olena-kovalenko.json")
    with pikepdf.open(io.BytesIO(render_pdf(data))) as pdf:
        fixed = len(layout())
        assert len(pdf.pages) >= fixed
        assert f"pagina {fixed} van {fixed}" in _text(pdf.pages[fixed - 1])


def _text(page: pikepdf.Page) -> str:
    shown = pikepdf.parse_content_stream(page, "Tj")
    return " ".join(str(instruction.operands[0]) for instruction in shown)
