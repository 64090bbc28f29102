"""Checks before pvs lets a PDF library loose on a page: page count, streams that unpack to
gigabytes, and figures drawn inside figures so often that drawing never ends. Scripts and
actions in a PDF are never run; pvs only notes that they were there."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TypeGuard

import pikepdf

from pvs.documents.files import damaged
from pvs.documents.pdf.text import name_bytes
from pvs.documents.pdf.unpack import bounded_bytes
from pvs.errors import UnreadableFile
from pvs.limits import MB, limits

ACTIONS_NOTE = (
    "Het bestand bevat scripts of acties (zoals JavaScript of het openen van een "
    "programma); pvs heeft die genegeerd en niets uitgevoerd."
)
# pdfminer draws a form XObject each time a page says `Do`, figures inside figures included,
# and spends about a quarter of a millisecond on each draw, however small the figure. A page
# weighs its own text plus DRAW_COST per drawn figure: within the unpack limit (100 MB) that is
# at most 10,000 figures, a few seconds of drawing; a passport page draws about 50.
DRAW_COST = 10 * 1024
MAX_NESTING = 16  # figures in figures: real pages nest two or three deep
# PDF whitespace and delimiters; every other byte is part of a word, a name or a number.
_SEPARATORS = b" \t\r\n\f\x00/[]<>(){}%"
_REGULAR = b"[^" + re.escape(_SEPARATORS) + b"]"
_DO = re.compile(b"Do(?!" + _REGULAR + b")")
# The name right before a `Do`, across whitespace and comments, within NAME_REACH bytes.
_NAME_BEFORE = re.compile(b"/(" + _REGULAR + rb"++)(?:[ \t\r\n\f\x00]|%[^\r\n]*+)*+\Z")
NAME_REACH = 256
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_Path = tuple[tuple[int, int], ...]  # the figures being drawn, outermost first


def check_pages(pdf: pikepdf.Pdf, name: str) -> None:
    """Refuse a PDF with more pages than a passport could ever have."""
    tree = pdf.Root.get("/Pages")
    declared = tree.get("/Count") if isinstance(tree, pikepdf.Dictionary) else None
    count = int(declared) if isinstance(declared, int) else 0  # the tree's own claim, cheap
    if count > limits().pages or len(pdf.pages) > limits().pages:
        raise UnreadableFile(
            f"{name} heeft meer dan {limits().pages} pagina's; een paspoort heeft er 20. Kies het "
            "juiste bestand, of geef meer ruimte met 'pvs --max-paginas N ...'."
        )


def check_page_streams(pdf: pikepdf.Pdf, pages: set[int], name: str) -> None:
    """Unpack, within the limit, every stream pdfminer would for these pages, and weigh what it
    would draw; refuse a page that asks too much."""
    drawing = _Drawing(name)
    for index in sorted(pages):
        if index < len(pdf.pages):
            drawing.weigh_page(pdf.pages[index].obj)


def check_object_streams(pdf: pikepdf.Pdf, name: str) -> None:
    """Unpack every object stream the xref names, within the limit, before pdfminer does.

    pdfminer unpacks a stream the xref calls an object stream whatever its /Type says, and in an
    encrypted file the raw bytes could not be checked before qpdf decrypted them.
    """
    entries = pdf.get_xref_table().values()
    numbers = {e.obj_stream_number for e in entries if e.type == 2 and e.obj_stream_number}
    for number in sorted(numbers):
        stream = pdf.get_object((number, 0))
        if isinstance(stream, pikepdf.Stream):
            bounded_bytes(stream, name)


def too_heavy_drawing(name: str) -> UnreadableFile:
    """The error for a page that draws its figures so often that reading it would never end."""
    return UnreadableFile(
        f"{name} is te zwaar om te lezen: een pagina tekent dezelfde figuren steeds opnieuw, veel "
        "vaker dan een paspoort ooit doet. pvs leest het niet. Is het toch echt? Geef meer "
        "ruimte met 'pvs --max-uitgepakt-mb N ...'."
    )


class _Drawing:
    """What pdfminer would unpack and draw for one page, weighed before it does."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.limit = limits().unpacked_mb * MB
        self.weights: dict[tuple[object, ...], int] = {}  # per figure and its resources
        self.fonts: set[tuple[int, int]] = set()

    def weigh_page(self, page: pikepdf.Dictionary) -> None:
        contents = page.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        data = b"\n".join(bounded_bytes(s, self.name) for s in streams if _is_stream(s))
        if self._weigh(data, page.get("/Resources"), _key(page), ()) > self.limit:
            raise too_heavy_drawing(self.name)

    def _weigh(self, data: bytes, resources: object, owner: object, path: _Path) -> int:
        """Page text plus what drawing its figures costs, stopping once past the limit."""
        self._check_fonts(resources)
        weight = len(data)
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(xobjects, pikepdf.Dictionary):
            return weight
        for raw_name, times in _drawn_names(data, self.limit // DRAW_COST).items():
            figures = [
                self._figure(figure, resources, owner, path)
                for figure in _figures(xobjects, raw_name)
            ]
            weight += times * (DRAW_COST + max(figures, default=0))
            if weight > self.limit:
                break
        return weight

    def _figure(self, figure: pikepdf.Stream, inherited: object, owner: object, path: _Path) -> int:
        """The weight of drawing one form XObject once, figures inside it included."""
        if _key(figure) in path:
            return 0  # pdfminer does not draw a figure inside itself
        if len(path) >= MAX_NESTING:
            raise damaged(self.name)
        own = "/Resources" in figure
        key = (_key(figure), None if own else owner)
        if key not in self.weights:
            data = bounded_bytes(figure, self.name)
            resources = figure.get("/Resources") if own else inherited
            self.weights[key] = self._weigh(
                data, resources, key[0] if own else owner, (*path, _key(figure))
            )
        return self.weights[key]

    def _check_fonts(self, resources: object) -> None:
        """Unpack the fonts' streams pdfminer reads: their ToUnicode maps and font programs."""
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(fonts, pikepdf.Dictionary):
            return
        for font in fonts.values():
            if isinstance(font, pikepdf.Dictionary) and _key(font) not in self.fonts:
                self.fonts.add(_key(font))
                for stream in _font_streams(font):
                    bounded_bytes(stream, self.name)


def _drawn_names(data: bytes, most: int) -> Counter[bytes | None]:
    """How often each name is drawn with `Do`; None counts a `Do` whose name pvs cannot tell
    (pdfminer takes whatever operand is left on its stack). Stops counting past `most`."""
    names: Counter[bytes | None] = Counter()
    for match in _DO.finditer(data):
        start = match.start()
        if start and data[start - 1] not in _SEPARATORS:
            continue  # the end of a longer word, not the operator
        before = _NAME_BEFORE.search(data, max(0, start - NAME_REACH), start)
        names[before.group(1) if before else None] += 1
        if names.total() > most:
            break
    return names


def _figures(xobjects: pikepdf.Dictionary, raw_name: bytes | None) -> list[pikepdf.Stream]:
    """The form XObjects a `Do` may draw: the one named, or any when the name is unclear."""
    if raw_name:
        try:
            found = xobjects.get("/" + name_bytes(raw_name).decode())
        except UnicodeDecodeError:
            pass  # pdfminer may still find it under its bytes
        else:
            return [found] if _is_form(found) else []
    return [x for x in xobjects.values() if _is_form(x)]


def _font_streams(font: pikepdf.Dictionary) -> Iterator[pikepdf.Stream]:
    descendants = font.get("/DescendantFonts")
    parts = [font, *(list(descendants) if isinstance(descendants, pikepdf.Array) else [])]
    for part in parts:
        if not isinstance(part, pikepdf.Dictionary):
            continue
        descriptor = part.get("/FontDescriptor")
        holders = [part, descriptor] if isinstance(descriptor, pikepdf.Dictionary) else [part]
        for holder in holders:
            for key in ("/ToUnicode", *FONT_FILES):
                stream = holder.get(key)
                if _is_stream(stream):
                    yield stream


def _is_stream(item: object) -> TypeGuard[pikepdf.Stream]:
    return isinstance(item, pikepdf.Stream)


def _is_form(item: object) -> TypeGuard[pikepdf.Stream]:
    return isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Form"


def _key(item: pikepdf.Object) -> tuple[int, int]:
    return item.objgen if item.is_indirect else (id(item), -1)


def has_actions(pdf: pikepdf.Pdf) -> bool:
    """Whether the document or any widget carries an action or script (which pvs never runs)."""
    names = pdf.Root.get("/Names")
    if (
        # An /OpenAction that is a destination (LibreOffice: open at page 1) only sets the view.
        not isinstance(pdf.Root.get("/OpenAction", pikepdf.Array()), pikepdf.Array)
        or "/AA" in pdf.Root
        or (isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names)
    ):
        return True
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, pikepdf.Array) else []:
            if isinstance(annot, pikepdf.Dictionary) and ("/A" in annot or "/AA" in annot):
                return True
    return False
