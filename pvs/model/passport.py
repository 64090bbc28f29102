"""Small helpers over passport data that every format and job needs the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pvs.model.formmodel import FormModel, load_form_model
from pvs.model.paths import assemble, lookup

NAME_PARTS = ("roepnaam", "tussenvoegsel", "achternaam")


def from_values(values: Mapping[str, Any], model: FormModel | None = None) -> dict[str, Any]:
    """Passport data from values by path, in the form's reading order whatever order they had.

    `model` is the form the values were read from: by default the current one.
    """
    model = model or load_form_model()
    return assemble(dict(sorted(values.items(), key=lambda item: model.order(item[0]))))


def display_name(data: Mapping[str, Any]) -> str:
    """The pupil's name as staff write it: roepnaam, tussenvoegsel, achternaam.

    Parts that are missing or not text are left out, and white space is folded, so the name
    fits on one line of an overview or in a file name.
    """
    parts = (lookup(data, f"jongere.{part}") for part in NAME_PARTS)
    return " ".join(" ".join(p for p in parts if isinstance(p, str)).split())
