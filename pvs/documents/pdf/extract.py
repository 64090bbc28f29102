"""Read a returned passport PDF: from its form fields, or from the page where they were flattened.

Form fields are found through the AcroForm tree and through the widgets on each page, so a form
whose /Fields array was damaged or dropped still reads. Fields with no widget left (a flattened
or printed copy) are read from the place the layout puts them, if the pages carry pvs's footer.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pikepdf

from pvs.documents.extraction import FORM_FIELD, ReadResult, ValueCollector
from pvs.documents.files import damaged, empty_file, readable_version
from pvs.documents.pdf.flattened import printed_copy
from pvs.documents.pdf.guard import (
    ACTIONS_NOTE,
    check_object_streams,
    check_page_streams,
    check_pages,
    has_actions,
)
from pvs.documents.pdf.layouts import pages_for, placements
from pvs.documents.pdf.quiet import SMALL_FAULTS_NOTE, had_faults, library_log
from pvs.documents.pdf.text import UNREADABLE, pdf_text
from pvs.documents.pdf.unpack import QPDF_ERRORS, bounded_bytes, check_packed_streams
from pvs.documents.pdf.wordprint import read_word_print, word_print_version
from pvs.errors import UnreadableFile
from pvs.model import paths
from pvs.model.formmodel import Field
from pvs.model.migrations import VERSION_PATH
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import form_model

MAX_DEPTH = 32  # field trees in real forms are a few levels deep; deeper means a broken file
# Opening also meets a file nested too deep for pikepdf, or values it cannot take.
_OPEN_ERRORS: tuple[type[Exception], ...] = (*QPDF_ERRORS, RecursionError, ValueError)
REPAIRED_NOTE = (
    "Het bestand was beschadigd; pvs heeft het zo goed mogelijk hersteld. Controleer de gegevens."
)


def extract_pdf_bytes(content: bytes, name: str, password: str | None = None) -> ReadResult:
    """Form fields first; what has no field left is read from the page layout. Both are read
    with the fields of the schema version the file was made with, then upgraded."""
    if b"%PDF-" not in content[:1024]:
        raise UnreadableFile(_not_a_pdf(content, name))
    check_packed_streams(content, name)
    collector = ValueCollector()
    with library_log() as heard:
        try:
            with _open(content, name, password) as pdf:
                version = _read(pdf, content, name, password, collector)
                _note_repairs_and_actions(pdf, collector, heard)
        except QPDF_ERRORS:  # qpdf meets some damage only when pvs reaches that object
            raise damaged(name) from None
    return collector.result(version)


def _read(
    pdf: pikepdf.Pdf, content: bytes, name: str, password: str | None, collector: ValueCollector
) -> str:
    """Collect every value; return the schema version the file was made with.

    The version is in the form field meta.schema_versie or the document info; when both are
    gone (a printed copy) the page footer says it, so the fields are only known after that.
    """
    check_pages(pdf, name)
    raw = dict(_field_values(pdf, name))
    stated = _stated_version(pdf, raw)
    version = readable_version(name, stated) if stated else SCHEMA_VERSION
    if not _missing(version, raw):
        _collect_fields(raw, version, collector)
        return version
    check_object_streams(pdf, name)
    check_page_streams(pdf, {0}, name)
    with printed_copy(content, password, name) as copy:
        word = word_print_version(copy.pages, name)
        if word:  # made from the Word passport: read by its labels, never at the form's boxes
            version = readable_version(name, stated or word)
            read_word_print(copy.pages, version, name, collector)
            return version
        printed, layout_version = copy.footer()
        if printed and not stated:
            version = readable_version(name, printed)
        if not _collect_fields(raw, version, collector) and not printed:
            raise UnreadableFile(
                f"{name} is geen Paspoort voor Succes: er staan geen formuliervelden van het "
                "paspoort in en geen voettekst van pvs. Kies de PDF van een paspoort."
            )
        if printed == version:  # the page was drawn for the fields the file has
            missing = _missing(version, raw)
            placed = placements(version, layout_version, name)
            # Pages after the fixed ones may hold continued answers: weighed like the others.
            fixed = 1 + max((w[0][0] for w in placed.values() if w), default=0)
            later = set(range(fixed, len(pdf.pages)))
            check_page_streams(pdf, (pages_for(missing, placed) | later) - {0}, name)
            copy.read(missing, placed, collector)
    return version


def _missing(version: str, raw: dict[str, Any]) -> list[Field]:
    """The fields of the version's form that have no form field in the file."""
    return [f for f in form_model(version).fields if f.path not in raw]


def _collect_fields(raw: dict[str, Any], version: str, collector: ValueCollector) -> int:
    """Hand every field the passport knows to the collector; note the others. Return how many."""
    model = form_model(version)
    known = 0
    for path, value in raw.items():
        field = model.node(path)
        if isinstance(field, Field):
            known += 1
            collector.add(field, value, FORM_FIELD)
            if isinstance(value, str) and UNREADABLE in value:
                collector.note(
                    path,
                    f"{field.label}: een deel van de tekst was niet te lezen en staat er als "
                    f"'{UNREADABLE}'. Verbeter dit in het paspoort.",
                )
        elif value not in (None, ""):
            collector.note(
                path[:100],
                f"Het formulier heeft een veld '{path[:100]}' dat niet "
                "bij het paspoort hoort; pvs heeft het overgeslagen.",
            )
    return known


def _note_repairs_and_actions(
    pdf: pikepdf.Pdf, collector: ValueCollector, heard: list[int]
) -> None:
    """One note for damage qpdf repaired or faults another library logged; one for scripts."""
    if pdf.get_warnings():
        collector.note("", REPAIRED_NOTE)
    elif had_faults(heard):
        collector.note("", SMALL_FAULTS_NOTE)
    if has_actions(pdf):
        collector.note("", ACTIONS_NOTE)


def _not_a_pdf(content: bytes, name: str) -> str:
    if content.startswith(b"PK"):
        return (
            f"{name} is geen PDF maar lijkt een Word- of zip-bestand. Geef het bestand de "
            "juiste naam (.docx) of kies de PDF."
        )
    if not content:
        return empty_file(name).message
    return f"{name} is geen PDF-bestand. Kies de PDF van het paspoort."


def _open(content: bytes, name: str, password: str | None) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(content), password=password or "")
    except pikepdf.PasswordError:
        if password:
            raise UnreadableFile(
                f"Het wachtwoord voor {name} klopt niet. Controleer het wachtwoord en probeer "
                "het opnieuw."
            ) from None
        raise UnreadableFile(
            f"{name} is beveiligd met een wachtwoord. Geef het wachtwoord met --wachtwoord."
        ) from None
    except _OPEN_ERRORS:
        raise damaged(name) from None


def _field_values(pdf: pikepdf.Pdf, name: str) -> Iterator[tuple[str, Any]]:
    """(fully qualified name, raw value) of every terminal field, from the tree and the pages."""
    seen: set[tuple[int, int]] = set()
    acroform = pdf.Root.get("/AcroForm")
    roots = acroform.get("/Fields") if isinstance(acroform, pikepdf.Dictionary) else None
    if isinstance(roots, pikepdf.Array):
        for node in roots:
            yield from _walk(node, "", seen, 0, name)
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in annots:
            if isinstance(annot, pikepdf.Dictionary) and annot.get("/Subtype") == "/Widget":
                terminal = annot if "/T" in annot else annot.get("/Parent")
                if isinstance(terminal, pikepdf.Dictionary) and _key(terminal) not in seen:
                    seen.add(_key(terminal))
                    yield _qualified_name(terminal), _value(terminal, name)


def _walk(
    node: Any, prefix: str, seen: set[tuple[int, int]], depth: int, file: str
) -> Iterator[tuple[str, Any]]:
    if not isinstance(node, pikepdf.Dictionary) or depth > MAX_DEPTH or _key(node) in seen:
        return
    seen.add(_key(node))
    part = pdf_text(node.get("/T"))
    name = paths.child(prefix, part) if part else prefix
    kids = node.get("/Kids")
    named_kids = (
        [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/T" in k]
        if isinstance(kids, pikepdf.Array)
        else []
    )
    if named_kids:
        for kid in named_kids:
            yield from _walk(kid, name, seen, depth + 1, file)
    else:
        yield name, _value(node, file)


def _key(node: pikepdf.Object) -> tuple[int, int]:
    return node.objgen if node.is_indirect else (id(node), -1)


def _qualified_name(node: pikepdf.Dictionary) -> str:
    parts: list[str] = []
    current: Any = node
    for _ in range(MAX_DEPTH):
        if not isinstance(current, pikepdf.Dictionary):
            break
        if "/T" in current:
            parts.append(pdf_text(current.T) or "")
        current = current.get("/Parent")
    return ".".join(reversed(parts))


def _inherited(node: pikepdf.Dictionary, key: str) -> Any:
    current: Any = node
    for _ in range(MAX_DEPTH):
        if not isinstance(current, pikepdf.Dictionary):
            return None
        if key in current:
            return current[key]
        current = current.get("/Parent")
    return None


def _value(node: pikepdf.Dictionary, file: str) -> Any:
    """The raw value: text for text and choice fields, the state name for buttons."""
    kind = _inherited(node, "/FT")
    value = _inherited(node, "/V")
    if kind == "/Btn":
        if isinstance(value, pikepdf.Name) and value != pikepdf.Name.Off:
            return pdf_text(value)
        return _widget_state(node)
    if isinstance(value, pikepdf.Array) and len(value):
        value = value[0]
    if isinstance(value, pikepdf.Stream):  # rich text: decoded within the unpack limit
        return bounded_bytes(value, file).decode("utf-8", "replace")
    return pdf_text(value)


def _widget_state(node: pikepdf.Dictionary) -> str | None:
    """The on-state of a button whose value was not stored, taken from its widgets."""
    kids = node.get("/Kids")
    widgets = list(kids) if isinstance(kids, pikepdf.Array) else [node]
    for widget in widgets:
        state = widget.get("/AS") if isinstance(widget, pikepdf.Dictionary) else None
        if isinstance(state, pikepdf.Name) and state != pikepdf.Name.Off:
            return pdf_text(state)
    return None


def _stated_version(pdf: pikepdf.Pdf, raw: dict[str, Any]) -> str | None:
    """The schema version in the form field meta.schema_versie, else in the document info."""
    version = raw.get(VERSION_PATH) or pdf.docinfo.get("/PvsSchemaVersie")
    return pdf_text(version) if version else None
