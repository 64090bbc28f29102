"""The one font of every pvs PDF: metrics for layout, and its embedding as a Unicode PDF font.

DejaVu Sans covers Latin (Turkish, Polish, Czech, Romanian, Vietnamese), Greek and Cyrillic. Form
fields need a composite (Type0, Identity-H) font: a simple font can encode at most 256 characters.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

from pvs.resources import FONTS

REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
FIELD_FONT_NAME = "PvsSans"  # the resource name in /DR and in every /DA


@dataclass(frozen=True)
class FontMetrics:
    """Glyph ids and advance widths (per 1000 units of font size) by character."""

    glyph_ids: dict[str, int]
    widths: dict[str, float]
    ascent: float
    descent: float
    fallback: str = "\ufffd"

    def width(self, text: str, size: float) -> float:
        """The width of `text` at `size` points."""
        default = self.widths[self.fallback]
        return sum(self.widths.get(ch, default) for ch in text) * size / 1000

    def encode(self, text: str) -> str:
        """`text` as a hex string of 2-byte glyph ids, for Identity-H; unknown characters: �."""
        default = self.glyph_ids[self.fallback]
        return "".join(f"{self.glyph_ids.get(ch, default):04X}" for ch in text)

    def covers(self, ch: str) -> bool:
        return ch in self.glyph_ids


@cache
def metrics(path: Path = REGULAR) -> FontMetrics:
    font = _load(path)
    scale = 1000 / font["head"].unitsPerEm
    hmtx = font["hmtx"]
    glyph_ids: dict[str, int] = {}
    widths: dict[str, float] = {}
    for code, name in font.getBestCmap().items():
        ch = chr(code)
        glyph_ids[ch] = font.getGlyphID(name)
        widths[ch] = hmtx[name][0] * scale
    hhea = font["hhea"]
    return FontMetrics(glyph_ids, widths, hhea.ascent * scale, hhea.descent * scale)


def embed_field_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """Add the whole (already subset) regular face as a Type0 font; return its indirect object."""
    data = REGULAR.read_bytes()
    font = _load(REGULAR)
    scale = 1000 / font["head"].unitsPerEm
    head, os2 = font["head"], font["OS/2"]
    m = metrics()
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/DejaVuSans"),
        Flags=32,
        FontBBox=[round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        ItalicAngle=0,
        Ascent=round(m.ascent),
        Descent=round(m.descent),
        CapHeight=round(getattr(os2, "sCapHeight", 729) * scale),
        StemV=80,
        FontFile2=pdf.make_stream(data),
    )
    cid_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/DejaVuSans"),
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor),
        W=_widths_array(m),
        DW=1000,
        CIDToGIDMap=pikepdf.Name.Identity,
    )
    type0 = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name("/DejaVuSans"),
        Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=[pdf.make_indirect(cid_font)],
        ToUnicode=pdf.make_stream(_to_unicode_cmap(m)),
    )
    return pdf.make_indirect(type0)


def _load(path: Path) -> TTFont:
    """Parse a font from memory, so no file handle stays open."""
    return TTFont(io.BytesIO(path.read_bytes()))


def _widths_array(m: FontMetrics) -> pikepdf.Array:
    by_gid = sorted({gid: m.widths[ch] for ch, gid in m.glyph_ids.items()}.items())
    entries: list[object] = []
    for gid, width in by_gid:
        entries += [gid, [round(width)]]
    return pikepdf.Array(entries)


def _to_unicode_cmap(m: FontMetrics) -> bytes:
    """Glyph id -> Unicode, so text drawn with the font can be copied and extracted again."""
    pairs = sorted({gid: ch for ch, gid in sorted(m.glyph_ids.items(), reverse=True)}.items())
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{gid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for gid, ch in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
