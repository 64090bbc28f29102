"""Checks before pvs lets a PDF library loose on a page: page count, and streams that unpack
to gigabytes. Scripts and actions in a PDF are never run; pvs only notes that they were there."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import pikepdf

from pvs.documents.files import damaged
from pvs.errors import UnreadableFile
from pvs.limits import inflate, limits

ACTIONS_NOTE = (
    "Het bestand bevat scripts of acties (zoals JavaScript of het openen van een "
    "programma); pvs heeft die genegeerd en niets uitgevoerd."
)


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
    """Unpack every content stream the page reader would, within the limit, or refuse."""
    for index in sorted(pages):
        if index < len(pdf.pages):
            for stream in _page_streams(pdf.pages[index].obj, set()):
                bounded_bytes(stream, name)


def bounded_bytes(stream: pikepdf.Stream, name: str) -> bytes:
    """A stream's data, refusing a decompression bomb; Flate is unpacked within the limit."""
    filters = stream.get("/Filter")
    chain = list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters else []
    if chain in ([], [pikepdf.Name.FlateDecode]) and "/DecodeParms" not in stream:
        raw = stream.read_raw_bytes()
        try:
            return inflate(raw, name) if chain else raw
        except zlib.error:
            raise damaged(name) from None
    return stream.read_bytes()  # other filters expand little; pikepdf reads them as usual


def has_actions(pdf: pikepdf.Pdf) -> bool:
    """Whether the document or any widget carries an action or script (which pvs never runs)."""
    names = pdf.Root.get("/Names")
    if (
        "/OpenAction" in pdf.Root
        or "/AA" in pdf.Root
        or (isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names)
    ):
        return True
    for page in pdf.pages:
        for annot in page.obj.get("/Annots") or []:
            if isinstance(annot, pikepdf.Dictionary) and ("/A" in annot or "/AA" in annot):
                return True
    return False


def _page_streams(node: pikepdf.Object, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Stream]:
    """Content streams of a page and the form XObjects it draws, each once."""
    contents = node.get("/Contents")
    for item in list(contents) if isinstance(contents, pikepdf.Array) else [contents]:
        if isinstance(item, pikepdf.Stream):
            yield item
    resources = node.get("/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(xobjects, pikepdf.Dictionary):
        return
    for xobject in xobjects.values():
        if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != "/Form":
            continue
        key = xobject.objgen
        if key in seen:
            continue
        seen.add(key)
        yield xobject
        yield from _page_streams(xobject, seen)
