"""Read back what a coach agreed in the Word plan: the proposals whose checkbox is ticked.

Each proposal in the plan pvs writes is a Word checkbox (a content control, w14:checkbox) whose
tag names the need and the provision ("pvs:voorziening:2:extra_tijd"); Word keeps the tag and
flips `w14:checked` when the coach ticks the box. LibreOffice (7.4) drops the tag when it saves,
so the box also sits in a bookmark of the same name ("pvs_2_extra_tijd"), which it keeps. The
plan is known by the category pvs writes in its properties, so a plan without any proposal is
still a plan.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from pvs.documents.docx.extract import parsed_member
from pvs.documents.files import RESAVE_WORD, WORD_FILE, read_bytes
from pvs.errors import UnreadableFile

PLAN_CATEGORY = "pvs-ondersteuningsplan"
TAG_PREFIX = "pvs:voorziening:"
BOOKMARK_PREFIX = "pvs_"
READBACK_FORMAT = 1
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
TICKED = {"1", "true", "on"}
NOT_A_PLAN = (
    "{name} is geen ondersteuningsplan van pvs: het mist het kenmerk dat pvs in elk plan zet. "
    "Kies het Word-bestand dat 'pvs plan' heeft gemaakt."
)


def is_plan_document(path: Path) -> bool:
    """Whether the Word file at `path` is a plan pvs wrote (by its properties); False for any
    other file, readable or not, so that the passport reader can say what is wrong with it."""
    try:
        return _category(_part(read_bytes(path), str(path), "docProps/core.xml")) == PLAN_CATEGORY
    except UnreadableFile:
        return False


CONTRADICTION = (
    "In {name} staat een voorziening {where}meer dan eens, de ene keer aangevinkt en de andere "
    "keer niet. Haal de kopie weg, vink aan wat is afgesproken en lees het plan opnieuw."
)


def read_plan(path: Path) -> dict[str, Any]:
    """The provisions agreed (ticked) and not agreed in a plan, as JSON-ready data."""
    content, name = read_bytes(path), str(path)
    properties = _part(content, name, "docProps/core.xml")
    if _category(properties) != PLAN_CATEGORY:
        raise UnreadableFile(NOT_A_PLAN.format(name=name))
    agreed: list[dict[str, Any]] = []
    open_: list[dict[str, Any]] = []
    rows = _proposals(_part(content, name, "word/document.xml"))
    _refuse_contradictions(rows, name)
    for row in rows:
        (agreed if row.pop("aangevinkt") else open_).append(row)
    identifier = properties.find(f"{DC}identifier")
    return {
        "document": "ondersteuningsplan",
        "formaatversie": READBACK_FORMAT,
        "formulier_id": (identifier.text or None) if identifier is not None else None,
        "afgesproken": agreed,
        "niet_afgesproken": open_,
    }


def _refuse_contradictions(rows: list[dict[str, Any]], name: str) -> None:
    """A proposal copied in Word with one copy ticked and the other not: agreed or not? pvs
    does not guess."""
    ticks: dict[tuple[Any, str], set[bool]] = {}
    for row in rows:
        ticks.setdefault((row["behoefte"], row["id"]), set()).add(row["aangevinkt"])
    for (need, _), seen in ticks.items():
        if len(seen) > 1:  # named by its need's number: what the student needs is not for a message
            where = f"bij behoefte {need} " if need is not None else ""
            raise UnreadableFile(CONTRADICTION.format(name=name, where=where))


def _part(content: bytes, name: str, member: str) -> Element:
    return parsed_member(content, name, member, (WORD_FILE, RESAVE_WORD), lambda *_: None)


def _category(properties: Element) -> str | None:
    found = properties.find(f"{CP}category")
    return found.text if found is not None else None


def _proposals(document: Element) -> list[dict[str, Any]]:
    """Every proposal checkbox in reading order, under the need heading it stands below."""
    rows = []
    heading = None
    for paragraph in document.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "Heading2":
            heading = _text(paragraph).strip()
        for box in paragraph.iter(f"{W}sdt"):
            key = _key(box, paragraph)
            if key is not None:
                rows.append(_row(key, box, paragraph, heading))
    return rows


def _key(box: Element, paragraph: Element) -> str | None:
    """'need:provision' from the box's tag, or else from the bookmark in its paragraph."""
    if box.find(f"{W}sdtPr/{W14}checkbox") is None:
        return None
    tag = box.find(f"{W}sdtPr/{W}tag")
    value = tag.get(f"{W}val", "") if tag is not None else ""
    if value.startswith(TAG_PREFIX):
        return value[len(TAG_PREFIX) :]
    for mark in paragraph.iter(f"{W}bookmarkStart"):
        name = mark.get(f"{W}name", "")
        if name.startswith(BOOKMARK_PREFIX):
            return name[len(BOOKMARK_PREFIX) :].replace("_", ":", 1)
    return None


def _row(key: str, box: Element, paragraph: Element, heading: str | None) -> dict[str, Any]:
    number, _, provision = key.partition(":")
    checked = box.find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
    ticked = checked is not None and checked.get(f"{W14}val", "0").lower() in TICKED
    runs = paragraph.findall(f"{W}r")  # the runs beside the box, not inside it
    texts = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in runs]
    name = next((t.strip() for t in texts if t.strip()), "")
    return {
        "behoefte": int(number) if re.fullmatch(r"[0-9]{1,4}", number) else None,
        "gebied": heading,
        "id": provision,
        "naam": name,
        "tekst": "".join(texts).strip(),
        "aangevinkt": ticked,
    }


def _text(paragraph: Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
