"""Read a returned passport from a Word document, whichever program saved it.

A field is found by the tag of its content control (Word keeps tags) or by the bookmark around
it (LibreOffice keeps bookmarks where it drops tags). The XML is parsed without DTDs or
entities: nothing in the document is fetched or expanded.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from pvs.documents.docx.controls import CHECKED, PLACEHOLDERS, paths_by_bookmark
from pvs.documents.extraction import FORM_FIELD, ReadResult, ValueCollector
from pvs.documents.files import (
    BROKEN_ZIP,
    RESAVE_WORD,
    WORD_FILE,
    damaged,
    unknown_version,
    unreadable,
)
from pvs.errors import UnreadableFile
from pvs.limits import MB, limits, too_much_unpacked
from pvs.model.formmodel import Field, Kind, load_form_model
from pvs.model.schema import SCHEMA_VERSION

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TICKS = {CHECKED, "\u2611", "\u2713", "\u2714", "x", "X"}


def extract_docx_bytes(content: bytes, name: str) -> ReadResult:
    root = _document(content, name)
    texts = _field_texts(root)
    model = load_form_model()
    collector = ValueCollector()
    for path, text in texts.items():
        field = model.node(path)
        if isinstance(field, Field):
            collector.add(field, _raw(field, text), FORM_FIELD)
    if not texts:
        raise UnreadableFile(
            f"{name} is geen Paspoort voor Succes: er staan geen invulvelden van het paspoort in. "
            "Kies het Word-bestand dat pvs heeft gemaakt."
        )
    version = texts.get("meta.schema_versie", "").strip()
    if version and version != SCHEMA_VERSION:
        raise unknown_version(name, version)
    return collector.result()


def _document(content: bytes, name: str) -> Element:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _refuse_macros(archive, name)
            if sum(i.file_size for i in archive.infolist()) > limits().unpacked_mb * MB:
                raise too_much_unpacked(name)
            with archive.open("word/document.xml") as member:
                # The sizes in a zip's directory can lie, so never read past the limit.
                xml = member.read(limits().unpacked_mb * MB + 1)
            if len(xml) > limits().unpacked_mb * MB:
                raise too_much_unpacked(name)
    except BROKEN_ZIP:
        raise unreadable(name, WORD_FILE, RESAVE_WORD) from None
    try:
        root: Element = fromstring(xml, forbid_dtd=True)
    except DefusedXmlException:
        raise UnreadableFile(
            f"{name} bevat XML die pvs om veiligheidsredenen niet leest (een DTD of entiteiten). "
            "Sla het document opnieuw op in Word of LibreOffice."
        ) from None
    except Exception:  # ElementTree.ParseError and expat errors
        raise damaged(name) from None
    return root


def _refuse_macros(archive: zipfile.ZipFile, name: str) -> None:
    """A passport never holds macros; a document that does is refused, its macros never run."""
    names = {n.lower() for n in archive.namelist()}
    types = archive.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise UnreadableFile(
            f"{name} bevat macro's (het is een .docm-bestand). pvs leest geen documenten met "
            "macro's en voert ze nooit uit. Vraag de jongere het paspoort op te slaan als gewoon "
            "Word-document (.docx)."
        )


def _field_texts(root: Element) -> dict[str, str]:
    """The text inside each field's control or bookmark, by path; the first one found wins."""
    reader = _RangeReader()
    reader.walk(root)
    return reader.found


class _RangeReader:
    """Walks the document once, collecting text while a field's range is open."""

    def __init__(self) -> None:
        self.bookmarks = paths_by_bookmark()
        self.open: dict[str, list[str]] = {}  # key -> text pieces
        self.keys: dict[str, str] = {}  # key -> path
        self.found: dict[str, str] = {}

    def walk(self, element: Element) -> None:
        tag = element.tag
        tagged = self._tagged_path(element) if tag == f"{W}sdt" else None
        if tagged:
            self._start(f"sdt:{id(element)}", tagged)
        if tag == f"{W}bookmarkStart":
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
        if tag != f"{W}sdtPr":
            for child in element:
                self.walk(child)
        if tag == f"{W}p":
            self._add("\n")
        if tagged:
            self._end(f"sdt:{id(element)}")

    def _tagged_path(self, sdt: Element) -> str | None:
        props = sdt.find(f"{W}sdtPr")
        tag = props.find(f"{W}tag") if props is not None else None
        return tag.get(f"{W}val") if tag is not None else None

    def _start(self, key: str, path: str) -> None:
        self.open[key] = []
        self.keys[key] = path

    def _end(self, key: str) -> None:
        pieces = self.open.pop(key, None)
        path = self.keys.pop(key, None)
        if pieces is None or path is None:
            return
        text = "".join(pieces).rstrip("\n")
        if path not in self.found or (not self.found[path] and text):
            self.found[path] = text

    def _add(self, text: str) -> None:
        for pieces in self.open.values():
            pieces.append(text)


def _raw(field: Field, text: str) -> Any:
    """The typed value of a control's text, as the shared coercion expects it."""
    if text.strip() in PLACEHOLDERS:
        return None
    if field.kind == Kind.CHECKBOX:
        return "Yes" if text.strip() in _TICKS else None
    return text
