"""Where a printed copy put pvs's page: the scale and shift from the layout to each real page.

A copy printed on other paper (A4 on Letter) or "fit to page" has every box moved and shrunk.
The footer line is furniture every layout prints at the same place: "Paspoort voor Succes ·
schemaversie …" starts at the left margin on the footer baseline and "pagina N van M" ends at the
right margin. Those two ends give the scale and the baseline the shift; printers scale both
directions alike. Whether the result is right is then checked where it matters: each field's
label must stand where the layout printed it (`Labels`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pvs.documents.pdf.layout import (
    COLUMN,
    FOOTER,
    FOOTER_Y,
    LABEL,
    LEADING,
    LEFT,
    RIGHT,
    SHORT_KINDS,
    WIDTH,
    Rect,
    Widget,
)
from pvs.model.formmodel import Field, Kind

# Text a program wrote without a text mapping, as pdfminer gives it.
_GLYPH = r"(?:\(cid:\d+\))"
_FOOTER_START = re.compile(rf"PaspoortvoorSucces(?:\W|{_GLYPH}){{0,5}}schemaversie")
_FOOTER_END = re.compile(r"pagina\d+van\d+$")
# How far a printer may shrink or grow a page and still be a print of it.
SCALES = (0.4, 2.5)
# Layout points: how far a label may stand from its place and still be at it.
LABEL_SLACK = 2.0
# The label's lines follow each other at this step; a wider gap ends the label.
_LABEL_STEP = LABEL * LEADING


@dataclass(frozen=True)
class Placing:
    """Layout points to page points (origin bottom left on both): page = scale * layout + shift."""

    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    def rect(self, rect: Rect) -> Rect:
        return Rect(*self.point(rect.x0, rect.y0), *self.point(rect.x1, rect.y1))

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.scale * x + self.dx, self.scale * y + self.dy

    def back(self, x: float, y: float) -> tuple[float, float]:
        """A page point in layout points."""
        return (x - self.dx) / self.scale, (y - self.dy) / self.scale


IDENTITY = Placing()


def origin(char: dict[str, Any]) -> tuple[float, float]:
    """Where a character's glyph starts on its baseline, in page points from the bottom left."""
    matrix = char["matrix"]
    return float(matrix[4]), float(matrix[5])


def _upright(char: dict[str, Any]) -> bool:
    a, b, c, d = char["matrix"][:4]
    return a > 0 and d > 0 and abs(b) < 1e-6 and abs(c) < 1e-6


def _lines(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Upright characters grouped by baseline, each line from left to right."""
    by_baseline: dict[float, list[dict[str, Any]]] = {}
    for char in chars:
        if _upright(char) and char["text"].strip():
            by_baseline.setdefault(round(origin(char)[1] * 4) / 4, []).append(char)
    return [sorted(line, key=lambda c: origin(c)[0]) for _, line in sorted(by_baseline.items())]


def calibrate(chars: list[dict[str, Any]]) -> Placing | None:
    """The placing of a page from its footer line; None when the page has no pvs footer."""
    for line in _lines(chars):
        text = "".join(c["text"] for c in line)
        start = _FOOTER_START.search(text)
        if not start or not _FOOTER_END.search(text):
            continue
        first = _char_at(line, start.start())
        left, baseline = origin(first)
        right = float(line[-1]["x1"])
        scale = (right - left) / (RIGHT - LEFT)
        size = float(first["size"])
        if not SCALES[0] < scale < SCALES[1] or abs(size / scale - FOOTER) > 0.1 * FOOTER:
            continue
        return Placing(scale, left - scale * LEFT, baseline - scale * FOOTER_Y)
    return None


def _char_at(line: list[dict[str, Any]], position: int) -> dict[str, Any]:
    """The character at `position` of the line's joined text."""
    seen = 0
    for char in line:
        seen += len(char["text"])
        if seen > position:
            return char
    return line[-1]


class Labels:
    """The page's label-size bold lines, in layout points: (baseline, [(x, text)] left to right).

    Computed once per page; `in_place` then checks each field against them."""

    def __init__(self, chars: list[dict[str, Any]], at: Placing) -> None:
        bold = (c for c in chars if "bold" in str(c.get("fontname", "")).lower())
        self.lines: list[tuple[float, list[tuple[float, str]]]] = []
        for line in _lines(bold):
            kept = [
                (at.back(*origin(c))[0], c["text"])
                for c in line
                if abs(c["size"] / at.scale - LABEL) < 0.5
            ]
            if kept:
                self.lines.append((at.back(*origin(line[0]))[1], kept))

    def in_place(self, field: Field, widget: Widget) -> bool:
        """Is the field's label printed where the layout put it beside or above `widget`?

        The label is in bold at label size, starting at the box's left edge (a checkbox: right
        of the box) and ending just above the box (a checkbox: beside it, reading downwards).
        Its text must be the field's title, every character with a real text mapping.
        """
        rect = widget.rect
        if field.kind == Kind.CHECKBOX:
            x = rect.x1 + 5
            width = COLUMN - (rect.x1 - rect.x0) - 5
        else:
            x = rect.x0
            width = COLUMN if field.kind in SHORT_KINDS else WIDTH
        if widget.label_width is not None:  # layout 3 on: each cell its own width
            width = widget.label_width
        lines = []
        for baseline, chars in self.lines:
            inside = [(cx, text) for cx, text in chars if x - LABEL_SLACK <= cx <= x + width]
            if inside and abs(inside[0][0] - x) <= LABEL_SLACK:
                lines.append((baseline, "".join(text for _, text in inside)))
        if field.kind == Kind.CHECKBOX:  # first line beside the top of the box, then downwards
            top = rect.y1 + 1 - _LABEL_STEP + LABEL * 0.25
            run = _run(sorted(lines, reverse=True), top, -1)
        else:  # last line just above the box (or its help text), then upwards
            above = sorted(line for line in lines if rect.y1 < line[0] < rect.y1 + 80)
            run = list(reversed(_run(above, above[0][0], 1))) if above else []
        return "".join(run) == "".join(field.title.split())


def _run(lines: list[tuple[float, str]], start: float, direction: int) -> list[str]:
    """The texts of lines at `start` and each next line a label step further in `direction`."""
    found: list[str] = []
    expected = start
    for baseline, text in lines:
        if abs(baseline - expected) <= LABEL_SLACK:
            found.append(text)
            expected = baseline + direction * _LABEL_STEP
    return found
