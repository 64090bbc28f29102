"""Write the overdrachtsdocument as a Word document from templates/overdracht.docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from pvs.documents.xmltext import xml_safe
from pvs.jobs.labels import dutch_date
from pvs.model import paths
from pvs.resources import data_dir


def handover_template_path() -> Path:
    return data_dir("templates") / "overdracht.docx"


def render_handover_docx(content: dict[str, Any], template: Path | None = None) -> bytes:
    """The handover as .docx; text is escaped, characters Word cannot store become �, and the
    template writes ISO dates the Dutch way with the `datum` filter."""
    document = DocxTemplate(str(template or handover_template_path()))
    environment = jinja2.Environment(autoescape=True)
    environment.filters["datum"] = dutch_date
    document.render(paths.transform(content, _storable), environment, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return _fixed_times(out.getvalue())


def _fixed_times(content: bytes) -> bytes:
    """The same archive with every member dated 1 January 1980: docxtpl stamps the time of
    saving, and the same handover must give the same bytes (to diff and cache it)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, (1980, 1, 1, 0, 0, 0))
            target.writestr(fixed, source.read(member), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _storable(path: str, value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value
