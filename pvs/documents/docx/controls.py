"""Word content controls for each kind of field, as WordprocessingML.

Each control carries its path as tag (Word keeps it) and sits inside a bookmark whose name is
derived from the path (LibreOffice keeps those when it drops tags), so a document saved by
either program reads back. Every value is XML-escaped; nothing a pupil types can break the file.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pvs.documents.filling import display_value
from pvs.documents.wording import YES_NO_LABELS
from pvs.model.formmodel import Field, Kind
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import form_model

# What Word writes in an empty control, and what pvs wrote before it left room to write by hand:
# a returned passport may still hold them; they are no answer.
PLACEHOLDER_TEXT = "Klik of tik om tekst in te voeren."
PLACEHOLDER_CHOICE = "Kies een item."
PLACEHOLDER_DATE = "Klik of tik om een datum in te voeren."
PLACEHOLDERS = {PLACEHOLDER_TEXT, PLACEHOLDER_CHOICE, PLACEHOLDER_DATE, ""}
CHECKED, UNCHECKED = "\u2612", "\u2610"  # ☒ ☐
# An empty control shows room to write on paper, not a grey instruction that would be printed:
# blank lines (no-break spaces keep their height), three for a long answer; a choice lists its
# options, each with a box to tick by hand.
BLANK = "\u00a0"
LONG_LINES = 3
OPTION_GAP = "\u00a0\u00a0\u00a0"


def placeholder(field: Field) -> str:
    """What an empty control of `field` shows (and prints)."""
    if field.kind in (Kind.CHOICE, Kind.YES_NO):
        return OPTION_GAP.join(f"{UNCHECKED}\u00a0{label}" for _, label in _options(field))
    return "\n".join([BLANK] * (LONG_LINES if field.kind == Kind.LONG_TEXT else 1))


def is_placeholder(field: Field, text: str) -> bool:
    """Is `text` what an empty control of `field` shows, today or in an older document?"""
    squeezed = "".join(text.split())
    return text.strip() in PLACEHOLDERS or squeezed == "".join(placeholder(field).split())


def bookmark_name(path: str) -> str:
    """A Word-valid bookmark name (letters, digits, _; at most 40) that stands for `path`."""
    return "pvs_" + hashlib.sha1(path.encode()).hexdigest()[:16]


@cache
def paths_by_bookmark(version: str = SCHEMA_VERSION) -> dict[str, str]:
    """The path each bookmark of a document of schema `version` stands for."""
    return {bookmark_name(f.path): f.path for f in form_model(version).fields}


def control(field: Field, value: Any, number: int) -> str:
    """A bookmarked content control for `field`, showing `value` (None: empty)."""
    if value is None:
        return _empty_control(field, number)
    return _head(field, number) + _inner(field, value) + _tail(number)


@cache
def _empty_control(field: Field, number: int) -> str:
    """Empty controls are the same in every document, so each is built once."""
    return _head(field, number) + _inner(field, None) + _tail(number)


def _inner(field: Field, value: Any) -> str:
    kinds = {
        Kind.CHECKBOX: _checkbox,
        Kind.CHOICE: _dropdown,
        Kind.YES_NO: _dropdown,
        Kind.DATE: _date,
    }
    return kinds.get(field.kind, _text)(field, value)


@cache
def _head(field: Field, number: int) -> str:
    return (
        f'<w:bookmarkStart w:id="{number}" w:name="{bookmark_name(field.path)}"/>'
        f"<w:sdt><w:sdtPr><w:alias w:val={quoteattr(field.title)}/>"
        f'<w:tag w:val={quoteattr(field.path)}/><w:id w:val="{number + 1}"/>'
        + ("" if field.fillable else '<w:lock w:val="sdtContentLocked"/>')
    )


def _tail(number: int) -> str:
    return f'</w:sdtContent></w:sdt><w:bookmarkEnd w:id="{number}"/>'


def _run(text: str, placeholder: bool = False) -> str:
    style = (
        '<w:rPr><w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/></w:rPr>'
        if placeholder
        else ""
    )
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{style}{''.join(parts)}</w:r>"


def _text(field: Field, value: Any) -> str:
    # Long texts are rich-text controls: LibreOffice drops line breaks from plain-text ones.
    kind = "" if field.kind == Kind.LONG_TEXT else "<w:text/>"
    if value is None:
        return f"<w:showingPlcHdr/>{kind}</w:sdtPr><w:sdtContent>{_run(placeholder(field), True)}"
    return f"{kind}</w:sdtPr><w:sdtContent>{_run(display_value(field, value))}"


def _date(field: Field, value: Any) -> str:
    picker = (
        '<w:dateFormat w:val="dd-MM-yyyy"/><w:lid w:val="nl-NL"/>'
        '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
    )
    if value is None:
        return f"<w:showingPlcHdr/><w:date>{picker}</w:sdtPr><w:sdtContent>" + _run(
            placeholder(field), True
        )
    return (
        f'<w:date w:fullDate="{escape(str(value))}T00:00:00Z">{picker}</w:sdtPr>'
        f"<w:sdtContent>{_run(display_value(field, value))}"
    )


def _options(field: Field) -> list[tuple[Any, str]]:
    if field.kind == Kind.YES_NO:
        return list(YES_NO_LABELS.items())
    return [(o.value, o.label) for o in field.options]


@cache
def _list_items(field: Field) -> str:
    return "".join(
        f"<w:listItem w:displayText={quoteattr(label)} w:value={quoteattr(str(v))}/>"
        for v, label in _options(field)
    )


def _dropdown(field: Field, value: Any) -> str:
    items = _list_items(field)
    chosen = next(
        (label for v, label in _options(field) if v == value and type(v) is type(value)), None
    )
    head = "" if chosen else "<w:showingPlcHdr/>"
    return f"{head}<w:dropDownList>{items}</w:dropDownList></w:sdtPr><w:sdtContent>" + _run(
        chosen or placeholder(field), chosen is None
    )


def _checkbox(field: Field, value: Any) -> str:
    ticked = value is True
    return (
        f'<w14:checkbox><w14:checked w14:val="{1 if ticked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
        f'w:hAnsi="MS Gothic"/></w:rPr><w:t>{CHECKED if ticked else UNCHECKED}</w:t></w:r>'
    )
