"""Render a passport as a filled PDF form: the template with values and their appearances.

A text that does not fit its box at 8 pt shows its beginning and "(verder op pagina N)"; the
rest is printed on continuation pages appended after the fixed pages (layout.py), so a
flattened or printed copy holds every word. The form field keeps the whole value.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Name, String

from pvs.documents.filling import Data, RenderOptions, display_value, prepare
from pvs.documents.pdf.appearance import INK, fits, split_for_box, text_appearance
from pvs.documents.pdf.font import FIELD_FONT_NAME, metrics
from pvs.documents.pdf.form import appearance_stream, on_state, template
from pvs.documents.pdf.layout import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Continuation,
    Page,
    continuation_pages,
)
from pvs.documents.wording import TITLE
from pvs.model import paths
from pvs.model.formmodel import Field, Kind, load_form_model

GREY_INK = "0.38 0.38 0.42 rg"
HEADING_INK = "0.12 0.33 0.55 rg"


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
    overflow: list[tuple[pikepdf.Object, str, Continuation]] = []
    for path, value in paths.walk(data):
        field = model.node(path)
        assert isinstance(field, Field)
        overflow.extend(_fill(pdf, fields[path], field, value, font))
    _continue(pdf, overflow, font, str(data["meta"]["formulier_id"]))
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
) -> list[tuple[pikepdf.Object, str, Continuation]]:
    """Fill the field; return its widgets whose box cannot hold the whole text at 8 pt, each
    with what the box shows and the rest for a continuation page."""
    if field.kind == Kind.CHECKBOX:
        if value is True:
            node.V = Name.Yes
            for widget in node.Kids:
                widget.AS = Name.Yes
        return []
    if field.kind in (Kind.YES_NO, Kind.CHOICE):
        state = on_state(field, value)
        node.V = state
        for widget in node.Kids:
            if state in widget.AP.N:
                widget.AS = state
        return []
    text = display_value(field, value)
    node.V = String(text)
    multiline = field.kind == Kind.LONG_TEXT
    widgets = list(node.Kids)
    x0, y0, x1, y1 = (float(v) for v in widgets[0].Rect)
    if not fits(text, x1 - x0, y1 - y0, multiline):  # all widgets of a field are alike
        shown, rest = split_for_box(text, x1 - x0, y1 - y0)
        block = Continuation(field, rest, len(" ".join(text.split())))
        return [(widget, shown, block) for widget in widgets]
    for widget in widgets:
        x0, y0, x1, y1 = (float(v) for v in widget.Rect)
        content = text_appearance(text, x1 - x0, y1 - y0, multiline)
        widget.AP = pikepdf.Dictionary(N=appearance_stream(pdf, content, x1 - x0, y1 - y0, font))
    return []


def _continue(
    pdf: pikepdf.Pdf,
    overflow: list[tuple[pikepdf.Object, str, Continuation]],
    font: pikepdf.Object,
    form_id: str,
) -> None:
    """Append the continuation pages; each box that goes on names the page its rest is on."""
    if not overflow:
        return
    blocks = list({id(block): block for _, _, block in overflow}.values())
    pages, starts = continuation_pages(blocks, len(pdf.pages), form_id)
    start = {id(block): number for block, number in zip(blocks, starts, strict=True)}
    for widget, shown, block in overflow:
        number = start[id(block)]
        x0, y0, x1, y1 = (float(v) for v in widget.Rect)
        multiline = block.field.kind == Kind.LONG_TEXT
        content = text_appearance(shown, x1 - x0, y1 - y0, multiline, continued_on=number)
        widget.AP = pikepdf.Dictionary(N=appearance_stream(pdf, content, x1 - x0, y1 - y0, font))
    for page in pages:
        _append_page(pdf, page, font)


def _append_page(pdf: pikepdf.Pdf, page: Page, font: pikepdf.Object) -> None:
    """A continuation page, drawn in the form's own embedded font: its text maps to Unicode in
    every copy (a printed copy of reportlab's subset fonts may lose letters beyond ASCII)."""
    fonts = metrics()
    body = []
    for text in page.texts:
        x = text.x - fonts.width(text.text, text.size) if text.align_right else text.x
        ink = GREY_INK if text.grey else INK
        if text.bold:  # the field font has no bold (a stroked one doubles in printed copies)
            ink = HEADING_INK
        body.append(
            f"BT /{FIELD_FONT_NAME} {text.size:g} Tf {ink} {x:.2f} {text.y:.2f} Td "
            f"<{fonts.encode(text.text)}> Tj ET"
        )
    added = pdf.add_blank_page(page_size=(PAGE_WIDTH, PAGE_HEIGHT))
    added.obj.Contents = pdf.make_stream("\n".join(body).encode("ascii"))
    added.obj.Annots = pdf.make_indirect(pikepdf.Array())  # like every page of the form
    added.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary({f"/{FIELD_FONT_NAME}": font}))


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
