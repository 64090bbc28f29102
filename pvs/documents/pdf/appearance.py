"""Appearance streams: how a filled field looks, drawn with the embedded Unicode font.

Viewers that ignore NeedAppearances show exactly these, so every value pvs writes is visible in
poppler, mupdf and pdfium alike.

A value is never drawn below 8 pt (MIN_SIZE). A text that does not fit its box at 8 pt shows
its first whole words and "(verder op pagina N)" (`split_for_box`, `CONTINUED`); the rest is
printed on continuation pages after the fixed pages (`layout.continuation_pages`), where the
flattened reader finds it again. The box keeps its place: the fixed pages never depend on a
pupil's data.
"""

from __future__ import annotations

from pvs.documents.pdf.font import FIELD_FONT_NAME, metrics
from pvs.documents.pdf.layout import wrap

INK = "0.1 0.1 0.12 rg"
PADDING = 2.0
SINGLE_SIZES = (10.0, 9.0, 8.0)
MULTI_SIZES = (9.0, 8.5, 8.0)
MIN_SIZE = 8.0  # never smaller: what does not fit at this size goes on a continuation page
# The box's last words when its value goes on: the page holds the continuation. Digits are all
# as wide in the field font, so "99" measures any page number below 100.
CONTINUED = "(verder op pagina {page})"
_CONTINUED_WIDEST = CONTINUED.format(page=99)
LINE_FACTOR = 1.17
TICK, DOT = "\u2713", "\u25cf"


def text_appearance(
    value: str, width: float, height: float, multiline: bool, continued_on: int | None = None
) -> bytes:
    """Content of a text field's appearance: the value, at the largest size that fits, clipped
    to the box. `continued_on`: the page that holds the rest of the value, named after it.

    A one-line field whose value does not fit on its line at 8 pt shows it on more lines when
    its box has room for them at 8 pt.
    """
    inner_width, inner_height = width - 2 * PADDING, height - 2 * PADDING
    single = " ".join(value.split())
    if continued_on is not None:
        single = f"{single} {CONTINUED.format(page=continued_on)}".strip()
        value = single
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


def fits(value: str, width: float, height: float, multiline: bool) -> bool:
    """Does the value fit its box whole at 8 pt or larger?"""
    return _fits_at_min(value if multiline else " ".join(value.split()), width, height)


def split_for_box(value: str, width: float, height: float) -> tuple[str, str]:
    """A value too long for its box: (the whole words the box shows before "(verder op pagina
    N)", the rest). Both are single-spaced; joined by one space they are the value, single-spaced.
    The box may show no word at all (its first word alone is too wide), never part of a word."""
    words = value.split()
    low, high = 0, len(words)  # the most words that fit with the marker after them
    while low < high:
        middle = (low + high + 1) // 2
        if _fits_at_min(" ".join([*words[:middle], _CONTINUED_WIDEST]), width, height):
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]), " ".join(words[low:])


def _fits_at_min(text: str, width: float, height: float) -> bool:
    inner_width, inner_height = width - 2 * PADDING, height - 2 * PADDING
    font = metrics()
    if "\n" not in text and font.width(text, MIN_SIZE) <= inner_width:
        return height >= MIN_SIZE + 2  # one line: even the footer's form id box holds 8 pt
    lines = wrap(text, inner_width, MIN_SIZE, font)
    return len(lines) * MIN_SIZE * LINE_FACTOR <= inner_height


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
