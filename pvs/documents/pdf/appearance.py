"""Appearance streams: how a filled field looks, drawn with the embedded Unicode font.

Viewers that ignore NeedAppearances show exactly these, so every value pvs writes is visible in
poppler, mupdf and pdfium alike.
"""

from __future__ import annotations

from pvs.documents.pdf.font import FIELD_FONT_NAME, metrics
from pvs.documents.pdf.layout import wrap

INK = "0.1 0.1 0.12 rg"
PADDING = 2.0
SINGLE_SIZES = (10.0, 9.0, 8.0, 7.0, 6.0)
MULTI_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)
LINE_FACTOR = 1.17
TICK, DOT = "\u2713", "\u25cf"


def text_appearance(value: str, width: float, height: float, multiline: bool) -> bytes:
    """Content of a text field's appearance: the value, shrunk to fit and clipped to the box.

    A one-line field whose value does not fit even in small print shows it on two lines.
    """
    inner_width, inner_height = width - 2 * PADDING, height - 2 * PADDING
    single = " ".join(value.split())
    size = _fit_single(single, inner_width, (height - 2) * 0.8)
    if multiline or metrics().width(single, size) > inner_width:
        size, lines = _fit_lines(value if multiline else single, inner_width, inner_height)
        top = height - PADDING - size * 0.93
    else:
        lines = [single]
        top = (height - size * 0.72) / 2
    font = metrics()
    step = size * LINE_FACTOR
    body = [f"{PADDING:.2f} {top:.2f} Td"]
    for i, line in enumerate(lines):
        if i:
            body.append(f"0 {-step:.2f} Td")
        body.append(f"<{font.encode(line)}> Tj")
    return _marked(
        f"q 1 1 {width - 2:.2f} {height - 2:.2f} re W n BT /{FIELD_FONT_NAME} {size:g} Tf {INK} "
        + " ".join(body)
        + " ET Q"
    )


def mark_appearance(width: float, height: float, dot: bool) -> bytes:
    """A tick (checkbox) or dot (radio button) centred in its box."""
    glyph = DOT if dot else TICK
    size = min(width, height) * (0.8 if dot else 0.95)
    font = metrics()
    x = (width - font.width(glyph, size)) / 2
    y = (height - size * 0.72) / 2
    return (
        f"q BT /{FIELD_FONT_NAME} {size:.2f} Tf {INK} {x:.2f} {y:.2f} Td "
        f"<{font.encode(glyph)}> Tj ET Q"
    ).encode("ascii")


def empty_appearance() -> bytes:
    return _marked("")


def _marked(content: str) -> bytes:
    return f"/Tx BMC {content} EMC".encode("ascii")


def _fit_single(text: str, width: float, tallest: float) -> float:
    font = metrics()
    sizes = [s for s in SINGLE_SIZES if s <= tallest] or [SINGLE_SIZES[-1]]
    return next((s for s in sizes if font.width(text, s) <= width), sizes[-1])


def _fit_lines(text: str, width: float, height: float) -> tuple[float, list[str]]:
    """The largest size at which the wrapped text fits the box; the smallest one otherwise."""
    font = metrics()
    for size in MULTI_SIZES:
        lines = wrap(text, width, size, font)
        if len(lines) * size * LINE_FACTOR <= height:
            return size, lines
    return MULTI_SIZES[-1], wrap(text, width, MULTI_SIZES[-1], font)
