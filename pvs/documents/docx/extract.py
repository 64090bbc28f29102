"""Read a returned passport from a Word document, whichever program saved it.

A field is found by the tag of its content control (Word keeps tags) or by the bookmark around
it (LibreOffice keeps bookmarks where it drops tags). The XML is parsed without DTDs or
entities: nothing in the document is fetched or expanded.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from pvs.documents.archive import open_archive, read_member
from pvs.documents.docx.controls import CHECKED, is_placeholder
from pvs.documents.extraction import FORM_FIELD, ReadResult, ValueCollector
from pvs.documents.files import (
    BROKEN_ZIP,
    RESAVE_WORD,
    WORD_FILE,
    damaged,
    readable_version,
    unreadable,
    unsafe_xml,
)
from pvs.documents.textranges import TextRanges
from pvs.errors import UnreadableFile
from pvs.model.formmodel import Field, Kind
from pvs.model.migrations import VERSION_PATH
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import form_model

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ELEMENTS = 500_000  # a filled passport has about 7,000, also as LibreOffice saves it
RESAVE_XML = "Sla het document opnieuw op in Word of LibreOffice."
_TICKS = {CHECKED, "\u2611", "\u2713", "\u2714", "x", "X"}


def extract_docx_bytes(content: bytes, name: str) -> ReadResult:
    """The passport in a Word document, read with the fields of its schema version, upgraded."""
    texts = _field_texts(_document(content, name))
    stated = texts.get(VERSION_PATH, "").strip()
    version = readable_version(name, stated) if stated else SCHEMA_VERSION
    model = form_model(version)
    fields = [(f, text) for path, text in texts.items() if isinstance(f := model.node(path), Field)]
    if not fields:  # no controls at all, or only others' (a plan's boxes, a school's own form)
        raise UnreadableFile(
            f"{name} is geen Paspoort voor Succes: er staan geen invulvelden van het paspoort in. "
            "Kies het Word-bestand dat pvs heeft gemaakt."
        )
    collector = ValueCollector()
    for field, text in fields:
        collector.add(field, control_value(field, text), FORM_FIELD)
    return collector.result(version)


def _document(content: bytes, name: str) -> Element:
    return parsed_member(
        content, name, "word/document.xml", (WORD_FILE, RESAVE_WORD), _refuse_macros
    )


def parsed_member(
    content: bytes,
    name: str,
    member: str,
    wording: tuple[str, str],
    refuse: Callable[[zipfile.ZipFile, str], None],
) -> Element:
    """`member` of a zipped office document, parsed without DTDs or entities and counted first;
    `wording` is (what the file is, how to save it again) for messages, `refuse` may raise on
    what the archive holds (macros, a password)."""
    try:
        with open_archive(content, name, *wording) as archive:
            refuse(archive, name)
            xml = read_member(archive, member, name)
    except BROKEN_ZIP:
        raise unreadable(name, *wording) from None
    try:
        count_elements(xml, name)
        root: Element = fromstring(xml, forbid_dtd=True)
    except UnreadableFile:
        raise
    except DefusedXmlException:
        raise unsafe_xml(name, RESAVE_XML) from None
    except Exception:  # ElementTree.ParseError and expat errors
        raise damaged(name) from None
    return root


def count_elements(xml: bytes, name: str) -> None:
    """Count the elements, streaming, before a tree is built: a document of 100 MB of empty
    paragraphs is a file of 200 KB that would fill gigabytes as a tree."""
    counted = itertools.count(1)

    def start(*_: object) -> None:
        if next(counted) > MAX_ELEMENTS:
            raise UnreadableFile(
                f"{name} bevat veel meer opmaak dan een paspoort ooit heeft (meer dan "
                f"{MAX_ELEMENTS} XML-elementen). pvs leest het niet. {RESAVE_XML}"
            )

    def doctype(*_: object) -> None:
        raise unsafe_xml(name, RESAVE_XML)

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    parser.Parse(xml, True)


def _refuse_macros(archive: zipfile.ZipFile, name: str) -> None:
    """A passport never holds macros; a document that does is refused, its macros never run."""
    names = {n.lower(): n for n in archive.namelist()}
    types_name = names.get("[content_types].xml")
    types = read_member(archive, types_name, name) if types_name else b""
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise UnreadableFile(
            f"{name} bevat macro's (het is een .docm-bestand). pvs leest geen documenten met "
            "macro's en voert ze nooit uit. Vraag de jongere het paspoort op te slaan als gewoon "
            "Word-document (.docx)."
        )


def _field_texts(root: Element) -> dict[str, str]:
    """The text inside each field's control or bookmark, by path; the first one found wins.

    The version is itself one of the fields, so the ranges are found for the fields of every
    version pvs reads; the caller keeps those of the document's version. A bookmark's name is
    made from its path alone, so it stands for the same path in every version.
    """
    reader = _RangeReader()
    reader.walk(root)
    return reader.found


class _RangeReader(TextRanges):
    """Walks the document once, noting where in its text each field's range starts and ends.

    The text is kept once, in order; a range is a start in it, joined only when the range ends
    and only while its field has no text yet, and never further than any field can be long.
    So work grows with the document, however many ranges overlap or never close.
    """

    def __init__(self) -> None:
        super().__init__()
        self.open: dict[str, tuple[str, int]] = {}  # key -> path, first piece

    def walk(self, root: Element) -> None:
        """Depth first without recursion, so a document nested thousands deep is no problem."""
        stack: list[tuple[Element, bool]] = [(root, False)]
        while stack:
            element, leaving = stack.pop()
            if leaving:
                self._leave(element)
                continue
            self._enter(element)
            stack.append((element, True))
            if element.tag != f"{W}sdtPr":
                stack.extend((child, False) for child in reversed(element))

    def _enter(self, element: Element) -> None:
        tag = element.tag
        if tag == f"{W}sdt":
            path = self._tagged_path(element)
            if path:
                self._start(f"sdt:{id(element)}", path)
        elif tag == f"{W}bookmarkStart":
            path = self.bookmarks.get(element.get(f"{W}name", ""))
            if path:
                self._start(f"bm:{element.get(f'{W}id')}", path)
        elif tag == f"{W}bookmarkEnd":
            self._end(f"bm:{element.get(f'{W}id')}")
        elif tag == f"{W}t" and element.text:
            self._add(element.text)
        elif tag == f"{W}tab":
            self._add("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            self._add("\n")

    def _leave(self, element: Element) -> None:
        if element.tag == f"{W}p":
            self._add("\n")
        elif element.tag == f"{W}sdt":
            self._end(f"sdt:{id(element)}")

    def _tagged_path(self, sdt: Element) -> str | None:
        props = sdt.find(f"{W}sdtPr")
        tag = props.find(f"{W}tag") if props is not None else None
        return tag.get(f"{W}val") if tag is not None else None

    def _start(self, key: str, path: str) -> None:
        self.open[key] = (path, len(self.pieces))

    def _end(self, key: str) -> None:
        path, start = self.open.pop(key, ("", 0))
        if not path or self.found.get(path):
            return
        self.found[path] = self._text_from(start) if self.last_text >= start else ""


def control_value(field: Field, text: str) -> Any:
    """The typed value of a control's text, as the shared coercion expects it."""
    if is_placeholder(field, text):
        return None
    if field.kind == Kind.CHECKBOX:
        return "Yes" if text.strip() in _TICKS else None
    return text
