"""Write the ondersteuningsplan draft as a Word document from templates/ondersteuningsplan.docx."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from pvs.documents.xmltext import xml_safe
from pvs.jobs.labels import dutch_date
from pvs.model import paths
from pvs.resources import data_dir


def plan_template_path() -> Path:
    return data_dir("templates") / "ondersteuningsplan.docx"


def render_plan_docx(plan: dict[str, Any], template: Path | None = None) -> bytes:
    """The plan as .docx; text is escaped, characters Word cannot store become �, and dates
    read dd-mm-jjjj."""
    document = DocxTemplate(str(template or plan_template_path()))
    document.render(paths.transform(plan, _storable), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _storable(path: str, value: Any) -> Any:
    """Text Word can store; a date as people read it (the data keeps ISO for other systems)."""
    if not isinstance(value, str):
        return value
    return xml_safe(dutch_date(value) if ISO_DATE.fullmatch(value) else value)
