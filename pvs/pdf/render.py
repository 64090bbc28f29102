"""Render a passport as a filled PDF form: the template with values and their appearances."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Name, String

from pvs.errors import InvalidPassport
from pvs.formmodel import Field, FormModel, Kind, load_form_model
from pvs.pdf.appearance import text_appearance
from pvs.pdf.font import FIELD_FONT_NAME
from pvs.pdf.form import TITLE, appearance_stream, on_state, template
from pvs.problem import Problem, ProblemKind, make_problem
from pvs.schema import SCHEMA_VERSION

Data = dict[str, Any]
NO_PLACE = "Dit veld staat niet in het paspoortformulier; het zou verloren gaan. Haal het weg."


def complete_meta(data: Data) -> Data:
    """The passport with the meta pvs owns filled in: schema version and a form id.

    A missing form id is derived from the content, so the same data always gets the same id.
    """
    meta = dict(data.get("meta") or {})
    meta.setdefault("schema_versie", SCHEMA_VERSION)
    if "formulier_id" not in meta:
        digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
        meta["formulier_id"] = "PVS-" + digest.hexdigest()[:12].upper()
    return {**data, "meta": meta}


def render_pdf(data: Data | None = None) -> bytes:
    """A filled (or, without data, blank) passport form as PDF bytes. Same data, same bytes."""
    data = complete_meta(data or {})
    model = load_form_model()
    problems = unrenderable(data, model)
    if problems:
        raise InvalidPassport(problems)
    pdf = pikepdf.open(io.BytesIO(template()))
    fields = terminal_fields(pdf)
    font = pdf.Root.AcroForm.DR.Font[f"/{FIELD_FONT_NAME}"]
    for path, value in leaf_values(data):
        field = model.node(path)
        assert isinstance(field, Field)
        _fill(pdf, fields[path], field, value, font)
    _metadata(pdf, data)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def unrenderable(data: Data, model: FormModel) -> list[Problem]:
    """What a form cannot hold without losing it: unknown fields, values outside a value list.

    Anything else renders, also text that `pvs check` calls invalid (a date written wrongly),
    so a pupil can see and correct it in the form.
    """
    problems = []
    for path, value in leaf_values(data):
        node = model.node(path)
        message = _unfit(node, value) if isinstance(node, Field) else NO_PLACE
        if message:
            problems.append(make_problem(model, path, message, ProblemKind.INVALID))
    return problems


def _unfit(field: Field, value: Any) -> str | None:
    if field.kind in (Kind.CHECKBOX, Kind.YES_NO):
        return None if isinstance(value, bool) else "Hier hoort ja of nee (true of false)."
    if field.kind == Kind.CHOICE:
        allowed = [o.value for o in field.options]
        if value in allowed and not isinstance(value, bool):
            return None
        return "Kies een van deze mogelijkheden: " + ", ".join(str(v) for v in allowed) + "."
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return None
    return "Hier hoort tekst."


def leaf_values(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar in nested data with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaf_values(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaf_values(value, f"{prefix}.{index}")
    else:
        yield prefix, data


def terminal_fields(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    """pvs's own template: terminal field objects by fully qualified name."""
    found: dict[str, pikepdf.Object] = {}
    stack = [(node, "") for node in pdf.Root.AcroForm.Fields]
    while stack:
        node, prefix = stack.pop()
        name = f"{prefix}.{node.T}" if prefix else str(node.T)
        if "/FT" in node:
            found[name] = node
        else:
            stack.extend((kid, name) for kid in node.Kids)
    return found


def display_value(field: Field, value: Any) -> str:
    """How a value is written in a text box: dates the Dutch way (dd-mm-jjjj)."""
    if field.kind == Kind.DATE and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{day}-{month}-{year}"
    return str(value)


def _fill(
    pdf: pikepdf.Pdf, node: pikepdf.Object, field: Field, value: Any, font: pikepdf.Object
) -> None:
    if field.kind == Kind.CHECKBOX:
        if value is True:
            node.V = Name.Yes
            for widget in node.Kids:
                widget.AS = Name.Yes
        return
    if field.kind in (Kind.YES_NO, Kind.CHOICE):
        state = on_state(field, value)
        node.V = state
        for widget in node.Kids:
            if state in widget.AP.N:
                widget.AS = state
        return
    text = display_value(field, value)
    node.V = String(text)
    multiline = field.kind == Kind.LONG_TEXT
    for widget in node.Kids:
        x0, y0, x1, y1 = (float(v) for v in widget.Rect)
        content = text_appearance(text, x1 - x0, y1 - y0, multiline)
        widget.AP = pikepdf.Dictionary(N=appearance_stream(pdf, content, x1 - x0, y1 - y0, font))


def _metadata(pdf: pikepdf.Pdf, data: Data) -> None:
    meta = data["meta"]
    info = pdf.docinfo
    info["/Title"] = TITLE
    info["/Subject"] = "Paspoort voor Succes: overstap naar het mbo"
    info["/Creator"] = "pvs"
    info["/PvsSchemaVersie"] = meta["schema_versie"]
    info["/PvsFormulierId"] = meta["formulier_id"]
    for key in ("aangemaakt", "bijgewerkt", "bewaren_tot"):
        if key in meta:
            info[f"/Pvs{key.title().replace('_', '')}"] = meta[key]
