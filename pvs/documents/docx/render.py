"""Render the passport as a Word document from the docxtpl template in templates/.

docxtpl renders the template once, with a marker where each field's content control goes; per
pupil only the controls are written into that prepared document. The document's structure
comes from the form model, so a field added to the schema appears without touching the template.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docxtpl import DocxTemplate
from markupsafe import Markup

from pvs.checking.problem import ProblemKind, make_problem
from pvs.documents.docx.controls import control
from pvs.documents.filling import Data, RenderOptions, prepare
from pvs.documents.wording import INTRO_TEXT
from pvs.documents.xmltext import fits_in_xml
from pvs.errors import InvalidPassport, UsageError
from pvs.model import paths
from pvs.model.formmodel import Field, Group, load_form_model
from pvs.model.schema import SCHEMA_VERSION
from pvs.resources import data_dir

DOCUMENT = "word/document.xml"
ID_MARK = "@@PVS-FORMULIER-ID@@"
CREATED_MARK = "@@PVS-AANGEMAAKT@@"
KEEP_MARK = "@@PVS-BEWAREN-TOT@@"
_CONTROL_MARK = re.compile(r"@@PVS:([a-z0-9_.]+)@@")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
NOT_IN_WORD = "Deze tekst bevat een teken dat niet in een Word-document kan. Haal het weg."


def template_path() -> Path:
    return data_dir("templates") / "paspoort.docx"


@dataclass(frozen=True)
class _Prepared:
    """The template rendered once: document.xml split around the controls, other parts as-is."""

    pieces: tuple[str, ...]  # static XML, alternating with the paths in `slots`
    slots: tuple[str, ...]
    parts: tuple[tuple[str, bytes], ...]


def render_docx(
    data: Data | None = None, options: RenderOptions | None = None, template: Path | None = None
) -> bytes:
    """A filled (or blank) passport as a .docx; the same data and date give the same bytes."""
    options = options or RenderOptions()
    if options.password:
        raise UsageError(
            "pvs kan een Word-document niet met een wachtwoord beveiligen. Kies een "
            "PDF (.pdf) als je het paspoort beveiligd wilt versturen."
        )
    data = prepare(data, options)
    _refuse_unwritable(data)
    prepared = _prepare(template or template_path())
    values = dict(paths.walk(data))
    model = load_form_model()
    xml = [prepared.pieces[0]]
    for number, path in enumerate(prepared.slots):
        field = model.node(path)
        assert isinstance(field, Field)
        xml.append(control(field, values.get(path), 2 * number + 1))
        xml.append(prepared.pieces[number + 1])
    meta = data["meta"]
    marks = {
        ID_MARK: meta["formulier_id"],
        CREATED_MARK: meta["aangemaakt"],
        KEEP_MARK: meta["bewaren_tot"],
    }
    return _zip(prepared.parts, "".join(xml), {k: escape(str(v)) for k, v in marks.items()})


def _refuse_unwritable(data: Data) -> None:
    model = load_form_model()
    problems = [
        make_problem(model, path, NOT_IN_WORD, ProblemKind.INVALID)
        for path, value in paths.walk(data)
        if isinstance(value, str) and not fits_in_xml(value)
    ]
    if problems:
        raise InvalidPassport(problems)


def _zip(parts: tuple[tuple[str, bytes], ...], document: str, marks: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            if name == DOCUMENT:
                content = document.encode("utf-8")
            for mark, value in marks.items():
                content = content.replace(mark.encode(), value.encode())
            # Level 1: a passport is small either way, and a batch writes thousands.
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), content, zipfile.ZIP_DEFLATED, 1)
    return out.getvalue()


@cache
def _prepare(template: Path) -> _Prepared:
    document = DocxTemplate(str(template))
    document.render(template_context(), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = tuple((info.filename, archive.read(info)) for info in archive.infolist())
    xml = dict(parts)[DOCUMENT].decode("utf-8")
    split = _CONTROL_MARK.split(xml)
    return _Prepared(tuple(split[0::2]), tuple(split[1::2]), parts)


def template_context() -> dict[str, Any]:
    """What the passport template is rendered with: the form model, a marker for every value.

    The markers are replaced per pupil, so the template itself is rendered only once.
    """
    model = load_form_model()
    return {
        "intro": INTRO_TEXT,
        "version": SCHEMA_VERSION,
        "form_id": Markup(ID_MARK),
        "created": Markup(CREATED_MARK),
        "keep_until": Markup(KEEP_MARK),
        "sections": [
            {"title": s.title, "description": s.description, "entries": list(_items(s, True, 2))}
            for s in model.document_sections()
        ],
    }


def _items(group: Group, show_help: bool, level: int) -> Any:
    """Headings and fields of a group in reading order; help text only in a part's first slot."""
    for child in group.children:
        if isinstance(child, Field):
            yield {
                "heading": 0,
                "title": child.title,
                "help": child.description if show_help else None,
                "control": Markup(f"@@PVS:{child.path}@@"),
            }
        elif child.max_slots is not None:
            # The part's question ("Waar ben ik goed in?") and help say what the slots are for.
            yield {"heading": level, "title": child.title, "help": _help(child, show_help)}
            for slot in child.children:
                assert isinstance(slot, Group)
                yield {"heading": min(level + 1, 3), "title": slot.title}
                yield from _items(slot, show_help and slot.slot == 0, min(level + 2, 3))
        else:
            yield {"heading": level, "title": child.title, "help": _help(child, show_help)}
            yield from _items(child, show_help, min(level + 1, 3))


def _help(group: Group, show_help: bool) -> str | None:
    """A group's help ("Alleen als je gaat werken."), printed under its heading."""
    return group.description if show_help else None
