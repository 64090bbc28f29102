"""One uploaded file read and checked for every stage, as the result page shows it."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pvs
from pvs.web.store import Download
from pvs.web.wording import for_the_page

BUG = (
    "Er ging iets mis in pvs zelf bij dit bestand. Meld dit aan de beheerder van pvs, met wat je "
    "deed (niet het bestand zelf: daar staan gegevens van een jongere in)."
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class StageVerdict:
    stage: str
    verdict: str  # 'compleet', 'onvolledig' or 'ongeldig'
    percentage: int


@dataclass
class SectionRow:
    title: str
    percentages: list[int]  # one per stage, in the order of pvs.STAGES


@dataclass
class ProblemGroup:
    """The problems in one part of the form: its path shown once, then each field's problem."""

    where: str  # "Toestemming en handtekeningen › Wie mag mijn paspoort lezen? › …"
    items: list[str] = field(default_factory=list)  # "Datum: Vul 'Datum' in."


@dataclass
class FileVerdict:
    name: str
    pupil: str = ""
    error: str = ""  # the Dutch reason the file could not be read
    stages: list[StageVerdict] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    problems_for: str = ""  # the first stage that is not complete
    problems: list[ProblemGroup] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_plan: str = ""  # why there is no plan to download
    json_name: str | None = None
    plan_name: str | None = None
    # The files until they wait in the store under `token`; then only their names stay here.
    downloads: dict[str, Download] = field(default_factory=dict)
    token: str = ""


def judge(name: str, path: Path) -> FileVerdict:
    """Read and check one file; an error in the file becomes its Dutch message, never a crash,
    and a bug in pvs a message for this file only (the other files still get their verdict)."""
    try:
        return _judge(name, path)
    except pvs.PvsError as error:
        return FileVerdict(name, error=for_the_page(error.message))
    except Exception:  # a bug in pvs; its text could quote the passport, so it is not shown
        return FileVerdict(name, error=BUG)


def _judge(name: str, path: Path) -> FileVerdict:
    result = FileVerdict(name)
    read = pvs.read(path, name=name)
    passport = read.passport
    result.pupil = pvs.display_name(passport)
    result.doubts = [doubt.message for doubt in read.doubts]
    result.notes = [note.message for note in read.notes]
    reports = [pvs.check(passport, stage) for stage in pvs.STAGES]
    for stage, report in zip(pvs.STAGES, reports, strict=True):
        result.stages.append(StageVerdict(stage, report.verdict, _percentage(report)))
        if not result.problems_for and not report.complete:
            result.problems_for = stage
            result.problems = _grouped(report.problems)
    result.sections = _section_rows(reports)
    stem = safe_stem(name)
    text = json.dumps(passport, ensure_ascii=False, indent=2) + "\n"
    result.json_name = f"{stem}.json"
    result.downloads[result.json_name] = Download(text.encode("utf-8"), "application/json")
    try:
        plan = pvs.plan(passport).to_docx()
        result.plan_name = f"{stem}-ondersteuningsplan.docx"
        result.downloads[result.plan_name] = Download(plan, DOCX)
    except pvs.PvsError as error:  # no consent, not for the mbo, or not valid enough
        result.no_plan = for_the_page(error.message)
    return result


def _percentage(report: pvs.Report) -> int:
    required = sum(s.required for s in report.sections)
    met = sum(s.met for s in report.sections)
    return 100 if required == 0 else (100 * met) // required


def _section_rows(reports: list[pvs.Report]) -> list[SectionRow]:
    """Per section its percentage for each stage; a section no stage asks anything of is left
    out (it would read 100% everywhere and say nothing)."""
    rows: dict[str, tuple[str, list[int]]] = {}
    for index, report in enumerate(reports):
        for section in report.sections:
            _, cells = rows.setdefault(section.key, (section.title, [100] * len(reports)))
            cells[index] = section.percentage
    asked = {s.key for r in reports for s in r.sections if s.required}
    return [SectionRow(title, cells) for key, (title, cells) in rows.items() if key in asked]


def _grouped(problems: Iterable[pvs.Problem]) -> list[ProblemGroup]:
    """Problems under the part of the form they are in, in the report's order: a long path
    such as "Toestemming › Wie mag mijn paspoort lezen? › Mijn begeleider" is read once, not
    once per field."""
    groups: dict[str, ProblemGroup] = {}
    for problem in problems:
        where = problem.label
        if not (where == problem.section or where.startswith(f"{problem.section} › ")):
            where = f"{problem.section} › {where}"
        parent, _, leaf = where.rpartition(" › ")
        group = groups.setdefault(parent or leaf, ProblemGroup(parent or leaf))
        group.items.append(f"{leaf}: {problem.message}" if parent else problem.message)
    return list(groups.values())


def safe_stem(name: str) -> str:
    """A download name that needs no escaping anywhere: letters, digits, dot, dash."""
    ascii_stem = unicodedata.normalize("NFKD", Path(name).stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9.-]+", "-", ascii_stem).strip("-.")
    return stem[:80] or "paspoort"
