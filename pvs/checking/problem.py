"""What a check finds in a passport: where it is, what it is called, and what to do about it.

A problem keeps a passport from being complete; a remark does not (a late registration, a
school's policy beside the law) and never changes the verdict or a percentage.
"""

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
class Finding:
    """Something a check found at a field. The message never quotes a value from the passport."""

    path: str
    section: str  # the section's Dutch title
    field: str  # the field's (or group's) Dutch title
    label: str  # the title in context, e.g. 'Ondersteuningsbehoefte 1 › Wat hielp op school?'
    message: str


@dataclass(frozen=True)
class Problem(Finding):
    """One thing to fill in or correct."""

    kind: ProblemKind


@dataclass(frozen=True)
class Remark(Finding):
    """Something staff should know that is no error: it changes no verdict and no percentage."""


def make_problem(model: FormModel, path: str, message: str, kind: ProblemKind) -> Problem:
    """A problem at `path`, titled from the form model."""
    return Problem(*_located(model, path), message, kind)


def make_remark(model: FormModel, path: str, message: str) -> Remark:
    """A remark at `path`, titled from the form model like a problem."""
    return Remark(*_located(model, path), message)


def _located(model: FormModel, path: str) -> tuple[str, str, str, str]:
    """The path as shown, its section's title, the field's title and its label in context.

    A key the schema does not know is never shown (it may be sensitive text): the path ends
    in '?' there, and the label names the known group around it and "een onbekend veld".
    """
    path = model.shown_path(path)
    node = model.nearest(path)
    if node is None:  # not even the section is known
        return path, PASSPORT, UNKNOWN_FIELD, UNKNOWN_FIELD
    label = node.label if hasattr(node, "label") else node.title
    if node.path != path:  # below a known group: name it after the group
        name = path.rsplit(".", 1)[-1]
        label = f"{node.title} › {UNKNOWN_FIELD if name == UNKNOWN_KEY else name}"
    return path, model.section_title(path), node.title, label
