"""Write the ondersteuningsplan draft as a Word document from templates/ondersteuningsplan.docx."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from pvs.documents.xmltext import xml_safe
from pvs.model import paths
from pvs.resources import data_dir


def plan_template_path() -> Path:
    return data_dir("templates") / "ondersteuningsplan.docx"


def render_plan_docx(plan: dict[str, Any], template: Path | None = None) -> bytes:
    """The plan as .docx; text is escaped, and characters Word cannot store become �."""
    document = DocxTemplate(str(template or plan_template_path()))
    document.render(paths.transform(plan, _storable), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _storable(path: str, value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value
