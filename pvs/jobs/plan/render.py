"""Write the ondersteuningsplan draft as a Word document from templates/ondersteuningsplan.docx."""

from __future__ import annotations

import io
from collections.abc import Collection
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from pvs.documents.xmltext import xml_safe
from pvs.jobs.labels import dutch_date
from pvs.jobs.plan.draft import ISO_DATE
from pvs.jobs.plan.readback import TAG_PREFIX
from pvs.model import paths
from pvs.resources import data_dir


def plan_template_path() -> Path:
    return data_dir("templates") / "ondersteuningsplan.docx"


def render_plan_docx(
    plan: dict[str, Any], template: Path | None = None, agreed: Collection[str] = ()
) -> bytes:
    """The plan as .docx; text is escaped, characters Word cannot store become �, and dates
    read dd-mm-jjjj. The boxes of the proposals in `agreed` (their 'sleutel') are ticked."""
    document = DocxTemplate(str(template or plan_template_path()))
    document.render(paths.transform(plan, _storable), autoescape=True)
    if agreed:
        _tick(document.docx.element.body, set(agreed))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _storable(path: str, value: Any) -> Any:
    """Text Word can store; a date as people read it (the data keeps ISO for other systems)."""
    if not isinstance(value, str):
        return value
    return xml_safe(dutch_date(value) if ISO_DATE.fullmatch(value) else value)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
TICKED_GLYPH = "\u2612"  # the template's checkedState, as Word shows a ticked box


def _tick(body: Any, keys: set[str]) -> None:
    """Tick the proposal boxes whose tag names one of `keys`, as Word does when a coach ticks
    one: w14:checked on, and the ticked glyph in the box (readback.py reads it back)."""
    for box in body.iter(f"{W}sdt"):
        tag = box.find(f"{W}sdtPr/{W}tag")
        value = tag.get(f"{W}val", "") if tag is not None else ""
        checked = box.find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
        if checked is None or not value.startswith(TAG_PREFIX):
            continue
        if value[len(TAG_PREFIX) :] not in keys:
            continue
        checked.set(f"{W14}val", "1")
        for text in box.iter(f"{W}t"):
            text.text = TICKED_GLYPH
