"""Draw the static part of the form (text, boxes, circles) with reportlab."""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from pvs.documents.pdf.font import BOLD, REGULAR
from pvs.documents.pdf.layout import PAGE_HEIGHT, PAGE_WIDTH, Page, Shape, Text

INK = Color(0.1, 0.1, 0.12)
GREY = Color(0.38, 0.38, 0.42)
ACCENT = Color(0.12, 0.33, 0.55)
BORDER = Color(0.45, 0.52, 0.62)
FILL = Color(0.93, 0.95, 0.99)
READONLY_FILL = Color(0.94, 0.94, 0.94)


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("PvsSans", str(REGULAR)))
    pdfmetrics.registerFont(TTFont("PvsSans-Bold", str(BOLD)))


def draw_pages(pages: tuple[Page, ...], title: str) -> bytes:
    """A PDF with the given pages' static content; the same pages give the same bytes."""
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("pvs")
    canvas.setCreator("pvs")
    for page in pages:
        for shape in page.shapes:
            _shape(canvas, shape)
        for text in page.texts:
            _text(canvas, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text(canvas: Canvas, text: Text) -> None:
    canvas.setFont("PvsSans-Bold" if text.bold else "PvsSans", text.size)
    canvas.setFillColor(GREY if text.grey else INK)
    if text.align_right:
        canvas.drawRightString(text.x, text.y, text.text)
    else:
        canvas.drawString(text.x, text.y, text.text)


def _shape(canvas: Canvas, shape: Shape) -> None:
    r = shape.rect
    canvas.setLineWidth(0.6)
    canvas.setStrokeColor(BORDER)
    if shape.kind == "rule":
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(r.x0, r.y0, r.x1, r.y1)
    elif shape.kind == "circle":
        canvas.setFillColor(FILL)
        canvas.circle((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2, r.width / 2, stroke=1, fill=1)
    else:
        canvas.setFillColor(READONLY_FILL if shape.kind == "readonly" else FILL)
        canvas.rect(r.x0, r.y0, r.width, r.height, stroke=1, fill=1)
