"""The data dictionary: the form model as a Markdown document for school staff."""

from __future__ import annotations

import re

from pvs.model.formmodel import Field, FormModel, Group, Kind

KIND_NAMES = {
    Kind.TEXT: "tekst",
    Kind.LONG_TEXT: "lange tekst",
    Kind.DATE: "datum (jjjj-mm-dd)",
    Kind.EMAIL: "e-mailadres",
    Kind.PHONE: "telefoonnummer",
    Kind.NUMBER: "getal",
    Kind.CHECKBOX: "vinkje",
    Kind.YES_NO: "ja of nee",
    Kind.CHOICE: "keuze",
}

_HEADER = "| Veld | Pad | Soort | Keuzes | Gevoelig | Uitleg |\n|---|---|---|---|---|---|"


def to_markdown(model: FormModel, version: str) -> str:
    """Every field per section, with repeating parts shown once (their index written as N)."""
    parts = [
        f"# Paspoort voor Succes: overzicht van de velden (schemaversie {version})",
        "",
        "Elk veld heeft een vast **pad**. Dat pad is de naam van het veld in JSON, in het "
        "PDF-formulier, in het Word-document en in spreadsheets. Velden die **gevoelig** zijn "
        "kunnen gegevens over gezondheid, ondersteuning of de thuissituatie bevatten: deel ze "
        "alleen met wie daar toestemming voor heeft.",
    ]
    for section in model.sections:
        parts += ["", f"## {section.title}", ""]
        if section.description:
            parts += [section.description, ""]
        parts.append(_HEADER)
        parts += _rows(section)
    return "\n".join(parts) + "\n"


def _rows(group: Group) -> list[str]:
    rows: list[str] = []
    for child in group.children:
        if isinstance(child, Field):
            rows.append(_row(child))
        elif child.max_slots and isinstance(child.children[0], Group):
            note = f"*{child.title}: tot {child.max_slots} keer '{child.item_title}'*"
            rows.append(f"| {note} | | | | | |")
            rows += _rows(child.children[0])
        else:
            rows += _rows(child)
    return rows


def _row(field: Field) -> str:
    path = re.sub(r"\.\d+(?=\.)", ".N", field.path)
    label = re.sub(r" \d+(?= ›)", "", field.label)
    options = "; ".join(f"`{o.value}` {o.label}" for o in field.options)
    cells = [
        label,
        f"`{path}`",
        _kind(field),
        options,
        "ja" if field.sensitive else "",
        field.description or "",
    ]
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _kind(field: Field) -> str:
    """The kind in words; for free text also how long it may be, which the form enforces."""
    if not field.fillable:
        return f"{KIND_NAMES[field.kind]} (vult pvs in)"
    if field.kind in (Kind.TEXT, Kind.LONG_TEXT) and field.max_length:
        return f"{KIND_NAMES[field.kind]} (hooguit {field.max_length} tekens)"
    return KIND_NAMES[field.kind]
