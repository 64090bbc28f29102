"""A problem found in a passport: where it is, what it is called, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pvs.model.formmodel import UNKNOWN_KEY, FormModel

PASSPORT = "Paspoort voor Succes"
UNKNOWN_FIELD = "een onbekend veld"


class ProblemKind(StrEnum):
    MISSING = "ontbreekt"  # a stage needs something that is not filled in
    INVALID = "ongeldig"  # something is filled in but does not fit the schema
    RULE = "regel"  # a rule beyond JSON Schema (age at signing) is not met


@dataclass(frozen=True)
class Problem:
    """One thing to fill in or correct. The message never quotes a value from the passport."""

    path: str
    section: str  # the section's Dutch title
    field: str  # the field's (or group's) Dutch title
    label: str  # the title in context, e.g. 'Ondersteuningsbehoefte 1 › Wat hielp op school?'
    message: str
    kind: ProblemKind


def make_problem(model: FormModel, path: str, message: str, kind: ProblemKind) -> Problem:
    """A problem at `path`, titled from the form model.

    A key the schema does not know is never shown (it may be sensitive text): the path ends
    in '?' there, and the label names the known group around it and "een onbekend veld".
    """
    path = model.shown_path(path)
    node = model.nearest(path)
    if node is None:  # not even the section is known
        return Problem(path, PASSPORT, UNKNOWN_FIELD, UNKNOWN_FIELD, message, kind)
    label = node.label if hasattr(node, "label") else node.title
    if node.path != path:  # below a known group: name it after the group
        name = path.rsplit(".", 1)[-1]
        label = f"{node.title} › {UNKNOWN_FIELD if name == UNKNOWN_KEY else name}"
    return Problem(path, model.section_title(path), node.title, label, message, kind)
