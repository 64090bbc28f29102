"""Where each layout pvs reads put every box, by schema version and layout version.

A flattened or printed copy has no form fields left: pvs reads each value from the place the
layout that drew the page put its box, so it must know that layout exactly. The current pair
(SCHEMA_VERSION, LAYOUT_VERSION) is computed from the form model (`layout.py`). Every older pair
is kept as data, `schemas/<schema version>/pdf-opmaak-<layout version>.json`, written by
`tools/freeze_layout.py` before a change moves any box; its fields come from the form model of
that schema version. A pair pvs has neither computed nor kept is refused, never guessed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pvs.documents.pdf.layout import (
    LAYOUT_VERSION,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Page,
    Rect,
    Widget,
    widgets_by_path,
)
from pvs.errors import UnreadableFile
from pvs.model.formmodel import Field, FormModel
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import KNOWN_VERSIONS, form_model
from pvs.resources import data_dir

# Every widget by field path, with the index of its page; a radio group has one per option.
Placements = dict[str, list[tuple[int, Widget]]]


def placements(version: str, layout_version: int, name: str) -> Placements:
    """Where the layout `layout_version` of schema `version` put every box; UnreadableFile for
    a pair this pvs does not know (a newer pvs made it, or the footer was made up)."""
    if (version, layout_version) == (SCHEMA_VERSION, LAYOUT_VERSION):
        return widgets_by_path()
    frozen = _frozen(version, layout_version)
    if frozen is None:
        raise UnreadableFile(
            f"{name} is een afgedrukt of platgemaakt paspoort in opmaak {layout_version} van "
            f"schemaversie {version}; die opmaak kent deze pvs niet. Werk pvs bij, of vraag om "
            "het PDF-formulier zelf."
        )
    return frozen


def pages_for(fields: list[Field], placed: Placements) -> set[int]:
    """The page indexes the layout reader opens for these fields."""
    return {placed[f.path][0][0] for f in fields if placed.get(f.path)}


def frozen_file(version: str, layout_version: int) -> Path:
    """Where the layout `layout_version` of schema `version` is kept as data."""
    return data_dir("schemas") / version / f"pdf-opmaak-{layout_version}.json"


def frozen_text(pages: tuple[Page, ...]) -> str:
    """The current layout as the JSON text `placements` reads back: one widget per line, each
    rect exactly as the layout holds it (the shortest text that reads back as the same float)."""
    head = {
        "schemaversie": SCHEMA_VERSION,
        "opmaak": LAYOUT_VERSION,
        "paginas": len(pages),
        "paginagrootte": [PAGE_WIDTH, PAGE_HEIGHT],
    }
    widgets = [
        json.dumps(
            {
                "pad": w.field.path,
                "pagina": index,
                "rechthoek": [w.rect.x0, w.rect.y0, w.rect.x1, w.rect.y1],
                "optie": w.option,
            }
            | ({} if w.label_width is None else {"labelbreedte": w.label_width}),
            ensure_ascii=False,
        )
        for index, page in enumerate(pages)
        for w in page.widgets
    ]
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    return opening + ', "widgets": [\n  ' + ",\n  ".join(widgets) + "\n]}\n"


def read_frozen(text: str, model: FormModel) -> Placements:
    """The placements in a frozen layout's text, each widget with its field from `model`."""
    found: Placements = {}
    for widget in json.loads(text)["widgets"]:
        found.setdefault(widget["pad"], []).append(
            (widget["pagina"], _widget(widget, model)),
        )
    return found


@cache
def _frozen(version: str, layout_version: int) -> Placements | None:
    # Only a version pvs knows names a folder: the text comes from the page of a file.
    if version not in KNOWN_VERSIONS:
        return None
    file = frozen_file(version, layout_version)
    if not file.is_file():
        return None
    return read_frozen(file.read_text(encoding="utf-8"), form_model(version))


def _widget(widget: dict[str, Any], model: FormModel) -> Widget:
    field = model.node(widget["pad"])
    if not isinstance(field, Field):  # the frozen file and its schema were kept apart
        raise ValueError(f"the frozen layout places {widget['pad']!r}, not a field of its schema")
    return Widget(field, Rect(*widget["rechthoek"]), widget["optie"], widget.get("labelbreedte"))
