"""Present a check report: as plain Dutch text for staff, or as a stable dict for systems."""

from __future__ import annotations

from typing import Any

from pvs.checking.check import Report
from pvs.checking.problem import Problem

REPORT_FORMAT = 1  # raise when a key of to_dict() changes meaning

_VERDICT_TEXT = {
    "compleet": "compleet",
    "onvolledig": "nog niet compleet",
    "ongeldig": "niet in orde",
}


def stage_name(stage: str | None) -> str:
    return stage if stage else "alleen wat is ingevuld"


def to_text(report: Report, source: str, name: str, notes: list[str] | None = None) -> str:
    """A report a mentor or intaker can read: verdict, score per section, then every problem,
    and what reading the file turned up (a repaired file, scripts that were ignored)."""
    count = len(report.problems)
    lines = [
        f"Paspoort: {source}",
        f"Jongere: {name or '(geen naam ingevuld)'}",
        f"Controle voor: {stage_name(report.stage)}",
        f"Uitkomst: {_VERDICT_TEXT[report.verdict]}"
        + (f" ({count} {'punt' if count == 1 else 'punten'})" if count else ""),
        "",
        "Per onderdeel:",
    ]
    scored = [s for s in report.sections if s.required]
    width = max((len(s.title) for s in scored), default=0)
    lines += [f"  {s.title:<{width}}  {s.percentage:>3}%" for s in scored]
    if notes:
        lines += ["", "Bij het lezen:"] + [f"  - {note}" for note in notes]
    if report.problems:
        lines += ["", "Wat nog moet gebeuren:"]
        lines += [f"  - {_where(p)} ({p.path}): {p.message}" for p in report.problems]
    return "\n".join(lines) + "\n"


def _where(problem: Problem) -> str:
    if problem.label == problem.section:
        return problem.section
    return f"{problem.section} › {problem.label}"


def to_dict(report: Report, source: str, notes: list[str] | None = None) -> dict[str, Any]:
    """The report as JSON-ready data with stable keys."""
    return {
        "report_format": REPORT_FORMAT,
        "file": source,
        "notes": list(notes or []),
        "stage": report.stage,
        "verdict": report.verdict,
        "complete": report.complete,
        "valid": report.valid,
        "sections": [
            {
                "section": s.key,
                "title": s.title,
                "required": s.required,
                "met": s.met,
                "percentage": s.percentage,
            }
            for s in report.sections
        ],
        "problems": [
            {
                "path": p.path,
                "section": p.section,
                "field": p.field,
                "label": p.label,
                "kind": str(p.kind),
                "message": p.message,
            }
            for p in report.problems
        ],
    }
