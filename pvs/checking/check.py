"""Check a passport for one step of the route: every problem at once, and a score per section."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pvs.checking import report
from pvs.checking.messages import problems_from_error
from pvs.checking.problem import Finding, Problem, ProblemKind, Remark, make_remark
from pvs.checking.requirements import requirement_paths
from pvs.checking.rules import rule_findings
from pvs.model.formmodel import Field, FormModel, Group, Kind, load_form_model
from pvs.model.schema import validator

F = TypeVar("F", bound=Finding)


@dataclass(frozen=True)
class SectionScore:
    """How much of what the stage requires in one section is filled in correctly."""

    key: str
    title: str
    required: int
    met: int

    @property
    def percentage(self) -> int:
        return 100 if self.required == 0 else (100 * self.met) // self.required


@dataclass(frozen=True)
class Report:
    """The outcome of checking one passport for one stage (None: only what is filled in).

    Remarks are for staff to know (a late registration); they never change the verdict or a
    percentage.
    """

    stage: str | None
    problems: tuple[Problem, ...]
    sections: tuple[SectionScore, ...]
    remarks: tuple[Remark, ...] = ()

    @property
    def valid(self) -> bool:
        """Nothing filled in contradicts the schema or a rule; things may still be missing."""
        return not any(p.kind != ProblemKind.MISSING for p in self.problems)

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def verdict(self) -> str:
        """'compleet', 'onvolledig' (only missing things) or 'ongeldig'."""
        if self.complete:
            return "compleet"
        return "onvolledig" if self.valid else "ongeldig"

    def to_text(self, file: str = "", name: str = "", notes: Sequence[str] = ()) -> str:
        """The report in plain Dutch for staff: verdict, score per section, every problem."""
        return report.to_text(self, file, name, notes)

    def to_dict(self, file: str | None = None, notes: Sequence[str] = ()) -> dict[str, Any]:
        """The report as JSON-ready data (`pvs check --json`)."""
        return report.to_dict(self, file, notes)


def check(data: Any, stage: str | None = None) -> Report:
    """Check passport data against a stage profile and the date rules."""
    model = load_form_model()
    data = with_empty_groups(data, model)
    errors = validator(stage).iter_errors(data)
    problems = [p for error in errors for p in problems_from_error(error, model)]
    rules, remarks = rule_findings(data, model) if isinstance(data, dict) else ([], [])
    needed = requirement_paths(data, stage, model)
    problems, unreadable = _optional_dates(problems, needed, model)
    ordered = _ordered([*problems, *rules], model)
    required = needed | {p.path for p in rules}
    remarks = [*remarks, *unreadable]
    return Report(stage, ordered, _scores(model, required, ordered), _ordered(remarks, model))


def _optional_dates(
    problems: list[Problem], needed: set[str], model: FormModel
) -> tuple[list[Problem], list[Remark]]:
    """An unreadable date the stage does not need is a remark ("Let op"), not a problem: the
    passport is as complete without it; the pupil is asked to write it again."""
    kept: list[Problem] = []
    remarks: list[Remark] = []
    for problem in problems:
        field = model.node(problem.path) if problem.kind == ProblemKind.INVALID else None
        if isinstance(field, Field) and field.kind == Kind.DATE and problem.path not in needed:
            remarks.append(make_remark(model, problem.path, problem.message))
        else:
            kept.append(problem)
    return kept, remarks


def with_empty_groups(data: Any, model: FormModel) -> Any:
    """A copy of `data` with an empty object for every missing group of fields.

    Then a missing section is reported field by field ("fill in Roepnaam"), not as one missing
    object. Only objects are added, and the stage profiles require no object without also
    requiring a field inside it, so the verdict is the same as on the data as given.
    """
    if not isinstance(data, dict):
        return data
    filled = copy.deepcopy(data)
    for section in model.sections:
        _fill(filled, section)
    return filled


def _fill(container: dict[str, Any], group: Group) -> None:
    name = group.path.rsplit(".", 1)[-1]
    if group.max_slots is not None:
        items = container.get(name)
        if isinstance(items, list):
            for slot, item in zip(group.children, items, strict=False):
                if isinstance(slot, Group) and isinstance(item, dict):
                    _fill_children(item, slot)
        return
    value = container.setdefault(name, {})
    if isinstance(value, dict):
        _fill_children(value, group)


def _fill_children(container: dict[str, Any], group: Group) -> None:
    for child in group.children:
        if isinstance(child, Group):
            _fill(container, child)


def _ordered(found: list[F], model: FormModel) -> tuple[F, ...]:
    unique = {(p.path, p.message): p for p in found}.values()
    return tuple(sorted(unique, key=lambda p: (model.order(p.path), p.path, p.message)))


def _scores(
    model: FormModel, required: set[str], problems: tuple[Problem, ...]
) -> tuple[SectionScore, ...]:
    unmet = {p.path for p in problems}
    scores = []
    for section in model.sections:
        mine = [r for r in required if r.split(".", 1)[0] == section.path]
        met = sum(1 for r in mine if r not in unmet)
        scores.append(SectionScore(section.path, section.title, len(mine), met))
    return tuple(scores)
