"""Read a returned passport from an OpenDocument text file (.odt), as LibreOffice saves it.

A pupil who opens the Word passport in LibreOffice and presses Save gets an .odt back. LibreOffice
drops the tags of the content controls, but keeps the bookmark around each field
(`text:bookmark-start` / `text:bookmark-end`, named as in the Word document, see
`pvs.documents.docx.controls.bookmark_name`). A bookmarked range proves which field its text
belongs to, so those values are vouched for as in Word. A bookmark that starts and never ends, or
a field whose bookmark appears twice with different text, cannot be tied to one value: that
field is doubted and its value left out.

The archive is opened within pvs's limits (pvs.documents.archive) and the XML is parsed without
DTDs or entities, after its elements are counted.
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import Element

from pvs.documents.archive import read_member
from pvs.documents.docx.extract import control_value, parsed_member
from pvs.documents.extraction import FORM_FIELD, ReadResult, ValueCollector
from pvs.documents.files import readable_version
from pvs.documents.textranges import TextRanges
from pvs.errors import UnreadableFile
from pvs.model.formmodel import Field
from pvs.model.migrations import VERSION_PATH
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import form_model

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODT_FILE = "LibreOffice-document (.odt)"
MANIFEST = "META-INF/manifest.xml"
RESAVE_ODT = (
    "Open het in LibreOffice en kies Bestand > Opslaan als, met als bestandstype Word "
    "(.docx) of PDF, en probeer het nog eens."
)
# Text that is no part of the page a pupil filled in: comments, footnotes, the deleted text of
# tracked changes. Skipped with everything in them (their tails still count).
_SKIPPED = {
    f"{OFFICE}annotation",
    f"{TEXT}note",
    f"{TEXT}tracked-changes",
    f"{TEXT}sequence-decls",
}
_BREAKS = {f"{TEXT}p", f"{TEXT}h"}
UNTIED = "pvs kan de tekst niet aan dit veld koppelen (het einde van het veld ontbreekt)"
TWICE = "dit veld staat meer dan eens in het document, met verschillende tekst"
MERGED = "het veld loopt over in een ander veld, dus pvs weet niet welke tekst erbij hoort"


def extract_odt_bytes(content: bytes, name: str) -> ReadResult:
    """The passport in an .odt file, read with the fields of its schema version, upgraded."""
    reader = _RangeReader()
    reader.walk(_content(content, name))
    if not reader.found and not reader.untied:
        raise UnreadableFile(
            f"{name} is geen Paspoort voor Succes: er staan geen invulvelden van het paspoort in. "
            "Kies het bestand dat pvs heeft gemaakt, of dat de jongere daaruit heeft opgeslagen."
        )
    texts = reader.found
    stated = texts.get(VERSION_PATH, "").strip() if VERSION_PATH not in reader.doubtful else ""
    version = readable_version(name, stated) if stated else SCHEMA_VERSION
    model = form_model(version)
    collector = ValueCollector()
    for path, text in texts.items():
        field = model.node(path)
        if isinstance(field, Field) and path not in reader.doubtful:
            collector.add(field, control_value(field, text), FORM_FIELD)
    for path, reason in reader.doubtful.items():
        field = model.node(path)
        if isinstance(field, Field):
            collector.doubt(field, reason)
    return collector.result(version)


def _content(content: bytes, name: str) -> Element:
    return parsed_member(content, name, "content.xml", (ODT_FILE, RESAVE_ODT), _refuse_a_password)


def _refuse_a_password(archive: zipfile.ZipFile, name: str) -> None:
    """LibreOffice encrypts each member itself, not the zip: its manifest says so."""
    if MANIFEST not in archive.namelist():
        return
    if b"encryption-data" in read_member(archive, MANIFEST, name):
        raise UnreadableFile(
            f"{name} is in LibreOffice met een wachtwoord opgeslagen, en dat kan pvs niet "
            "openen. Open het in LibreOffice, kies Bestand > Opslaan als zonder wachtwoord, en "
            "probeer het nog eens."
        )


class _RangeReader(TextRanges):
    """Walks content.xml once, noting where in its text each field's bookmark starts and ends.

    Mixed content: an element's own text comes on entering it, its tail after leaving it. The
    text is kept once, in order; a range is joined only when its bookmark ends, and never
    further than any field can be long, so work grows with the document.
    """

    def __init__(self) -> None:
        super().__init__()
        self.open: dict[str, tuple[str, int, int]] = {}  # name -> path, first piece, starts
        self.starts = 0  # the fields' bookmarks started so far
        self.doubtful: dict[str, str] = {}
        self.untied: set[str] = set()

    def walk(self, root: Element) -> None:
        """Depth first without recursion, so a document nested thousands deep is no problem."""
        stack: list[tuple[Element, bool]] = [(root, False)]
        while stack:
            element, leaving = stack.pop()
            if leaving:
                self._leave(element)
                continue
            stack.append((element, True))
            if element.tag in _SKIPPED:
                continue
            self._enter(element)
            stack.extend((child, False) for child in reversed(element))
        for path, _, _ in self.open.values():  # started, never ended
            self.untied.add(path)
            self.doubtful.setdefault(path, UNTIED)

    def _enter(self, element: Element) -> None:
        tag = element.tag
        if tag == f"{TEXT}bookmark-start":
            name = element.get(f"{TEXT}name", "")
            path = self.bookmarks.get(name)
            if path:
                self.starts += 1
                self.open[name] = (path, len(self.pieces), self.starts)
        elif tag == f"{TEXT}bookmark-end":
            self._end(element.get(f"{TEXT}name", ""))
        elif tag == f"{TEXT}bookmark":  # a bookmark at one point: the field is empty
            path = self.bookmarks.get(element.get(f"{TEXT}name", ""))
            if path:
                self._found(path, "")
        elif tag == f"{TEXT}s":
            self._add(" " * _count(element.get(f"{TEXT}c")))
        elif tag == f"{TEXT}tab":
            self._add("\t")
        elif tag == f"{TEXT}line-break":
            self._add("\n")
        if element.text:
            self._add(element.text)

    def _leave(self, element: Element) -> None:
        if element.tag in _BREAKS:
            self._add("\n")
        if element.tail:
            self._add(element.tail)

    def _end(self, name: str) -> None:
        path, start, starts = self.open.pop(name, ("", 0, 0))
        if path and self.starts > starts:  # another field began inside this one
            self.doubtful.setdefault(path, MERGED)
        if path:
            self._found(path, self._text_from(start) if self.last_text >= start else "")

    def _found(self, path: str, text: str) -> None:
        known = self.found.get(path)
        if known is None:
            self.found[path] = text
        elif known.strip() != text.strip():
            self.doubtful.setdefault(path, TWICE)


def _count(value: str | None) -> int:
    """The number of spaces a `text:s` stands for: 1 unless it says more (at most 1000)."""
    try:
        return min(max(int(value or 1), 1), 1000)
    except ValueError:
        return 1
