"""Present a check report: as plain Dutch text for staff, or as a stable dict for systems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pvs.checking.problem import Finding
from pvs.model import paths

if TYPE_CHECKING:  # check.py presents its Report through this module
    from pvs.checking.check import Report

REPORT_FORMAT = 2  # raise when a key of to_dict() changes meaning

_VERDICT_TEXT = {
    "compleet": "compleet",
    "onvolledig": "nog niet compleet",
    "ongeldig": "niet in orde",
}


def stage_name(stage: str | None) -> str:
    return stage if stage else "alleen wat is ingevuld"


def to_text(report: Report, source: str = "", name: str = "", notes: Sequence[str] = ()) -> str:
    """A report a mentor or intaker can read: verdict, score per section, then every problem,
    every remark (no error: it changes nothing in the verdict), and what reading the file
    turned up (a repaired file, scripts that were ignored)."""
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
        lines += [_line(p) for p in report.problems]
    if report.remarks:
        lines += ["", "Let op (geen fout):"]
        lines += [_line(r) for r in report.remarks]
    return "\n".join(lines) + "\n"


def _line(found: Finding) -> str:
    return f"  - {_where(found)} ({found.path}): {found.message}"


def _where(found: Finding) -> str:
    # A label that starts with its section (a key right below a section) names it already.
    if found.label == found.section or found.label.startswith(f"{found.section} › "):
        return found.label
    return f"{found.section} › {found.label}"


def to_dict(report: Report, source: str | None = None, notes: Sequence[str] = ()) -> dict[str, Any]:
    """The report as JSON-ready data with stable Dutch keys, like the field paths it names."""
    return {
        "formaatversie": REPORT_FORMAT,
        "bestand": source,
        "bij_het_lezen": list(notes),
        "stap": report.stage,
        "oordeel": report.verdict,
        "compleet": report.complete,
        "geldig": report.valid,
        "onderdelen": [
            {
                "onderdeel": s.key,
                "titel": s.title,
                "vereist": s.required,
                "voldaan": s.met,
                "percentage": s.percentage,
            }
            for s in report.sections
        ],
        "problemen": [
            {**_place(p), "soort": str(p.kind), "melding": p.message} for p in report.problems
        ],
        "opmerkingen": [{**_place(r), "melding": r.message} for r in report.remarks],
    }


def _place(found: Finding) -> dict[str, str]:
    """Where a problem or remark is, under the same keys for both."""
    return {
        "pad": found.path,
        "onderdeel": str(paths.split(found.path)[0]) if found.path else "",
        "onderdeel_titel": found.section,
        "veld": found.field,
        "label": found.label,
    }
