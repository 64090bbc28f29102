"""Render a passport as a filled PDF form: the template with values and their appearances."""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Name, String

from pvs.documents.filling import Data, RenderOptions, display_value, prepare
from pvs.documents.pdf.appearance import text_appearance
from pvs.documents.pdf.font import FIELD_FONT_NAME
from pvs.documents.pdf.form import appearance_stream, on_state, template
from pvs.documents.wording import TITLE
from pvs.model import paths
from pvs.model.formmodel import Field, Kind, load_form_model


def render_pdf(data: Data | None = None, options: RenderOptions | None = None) -> bytes:
    """A filled (or, without data, blank) passport form as PDF bytes.

    The same data and date give the same bytes, except with a password: AES-256 encryption
    starts from random values.
    """
    options = options or RenderOptions()
    data = prepare(data, options)
    model = load_form_model()
    pdf = pikepdf.open(io.BytesIO(template()))
    fields = terminal_fields(pdf)
    font = pdf.Root.AcroForm.DR.Font[f"/{FIELD_FONT_NAME}"]
    for path, value in paths.walk(data):
        field = model.node(path)
        assert isinstance(field, Field)
        _fill(pdf, fields[path], field, value, font)
    _metadata(pdf, data)
    out = io.BytesIO()
    encryption = (
        pikepdf.Encryption(owner=options.password, user=options.password, R=6, aes=True)
        if options.password
        else False
    )
    # qpdf derives a deterministic id from the content, which encryption must not reveal.
    pdf.save(
        out,
        deterministic_id=not options.password,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        encryption=encryption,
    )
    return out.getvalue()


def terminal_fields(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    """pvs's own template: terminal field objects by fully qualified name."""
    found: dict[str, pikepdf.Object] = {}
    stack = [(node, "") for node in pdf.Root.AcroForm.Fields]
    while stack:
        node, prefix = stack.pop()
        name = paths.child(prefix, str(node.T))
        if "/FT" in node:
            found[name] = node
        else:
            stack.extend((kid, name) for kid in node.Kids)
    return found


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
