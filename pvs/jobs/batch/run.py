"""Write a pre-filled passport for every usable row of an export, on every core.

This module reads the export and plans the files (which rows, which names, which are done
already); execute.py writes them on a pool. Whatever happens, the manifest says per row what
was written and why not. The same export gives the same files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pvs.documents.filling import RenderOptions
from pvs.documents.kinds import OutputFormat, check_formats
from pvs.jobs.batch.columns import (
    ColumnPlan,
    Columns,
    columns_by_path,
    is_header_of,
    read_columns,
    read_mapping,
)
from pvs.jobs.batch.decoding import REPAIRED
from pvs.jobs.batch.execute import PupilCount, Task, execute, open_status, read_status
from pvs.jobs.batch.export import BrokenRow, Export, read_export
from pvs.jobs.batch.names import UniqueNames, pupil_stem
from pvs.jobs.batch.outcomes import (  # the names callers know from here
    DONE_BEFORE,
    SKIPPED,
    STATUS_TEXT,
    UNFINISHED,
    WRITTEN,
    BatchResult,
    Progress,
    RowOutcome,
    internal_problem,
)
from pvs.jobs.batch.rows import Converted, convert
from pvs.jobs.batch.zips import NO_CLASS, write_zips
from pvs.jobs.sheets import write_table
from pvs.model.passport import display_name
from pvs.model.paths import assemble, lookup
from pvs.model.schema import SCHEMA_VERSION

STATUS_FILE = ".pvs-batch-status.jsonl"
MANIFEST = "overzicht-batch.csv"
RENDER_REVISION = "1"  # raise when rendering changes, so a rerun rewrites older files
__all__ = [
    "DONE_BEFORE",
    "SKIPPED",
    "UNFINISHED",
    "WRITTEN",
    "BatchResult",
    "RowOutcome",
    "run_batch",
]


def run_batch(
    export: Path,
    *,
    output: Path,
    formats: tuple[str, ...] = ("pdf",),
    make_zip: bool = False,
    mapping: Path | None = None,
    processes: int | None = None,
    progress: Progress | None = None,
    options: RenderOptions | None = None,
    sheet: str | None = None,
    shared: bool = False,
    on_columns: Callable[[ColumnPlan], None] | None = None,
) -> BatchResult:
    """Write a passport in each format for every usable row of `export` into `output`.

    `progress(done, total)` counts pupils: `total` is the export's number of data rows, and a
    pupil is done when all its files are written or failed; rows skipped or done in an earlier
    run count at once. Only the owner may read the files, unless `shared`.
    """
    options = options or RenderOptions(today=date.today())
    formats = check_formats(formats, options.password)
    out_dir = output
    wanted = read_mapping(mapping)
    read = read_export(export, sheet=sheet, is_header=is_header_of(wanted))
    columns = read_columns(read.header, wanted)
    plan = replace(columns.plan, notices=(*read.notices, *columns.plan.notices))
    if on_columns:
        on_columns(plan)
    # A new folder is private too: the file names name the pupils (only the folder pvs makes).
    out_dir.mkdir(mode=0o777 if shared else 0o700, parents=True, exist_ok=True)
    done_before = read_status(out_dir / STATUS_FILE)
    outcomes: dict[int, RowOutcome] = {}
    try:
        planned = _plan(read, columns, formats, out_dir, done_before, outcomes, options)
        tasks = (replace(task, shared=shared) for task in planned)
        pupils = PupilCount(outcomes, read.total, progress)
        execute(tasks, open_status(out_dir / STATUS_FILE, shared), outcomes, processes, pupils)
    finally:  # whatever happened, the manifest says what was written and what was not
        ordered = [outcomes[k] for k in sorted(outcomes)]
        manifest = _write_manifest(out_dir / MANIFEST, ordered, plan, shared)
    day = options.today or date.today()
    zips = write_zips(out_dir, _files_by_class(ordered), day, shared) if make_zip else None
    return BatchResult(
        ordered,
        manifest,
        zips.whole if zips else None,
        plan,
        zips.per_class if zips else (),
    )


def _files_by_class(outcomes: list[RowOutcome]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.files:
            found.setdefault(outcome.klas or NO_CLASS, []).extend(outcome.files)
    return found


def _write_manifest(path: Path, ordered: list[RowOutcome], plan: ColumnPlan, shared: bool) -> Path:
    """One row per export row; below them, after an empty row, which column fed which field."""
    write_table(
        path,
        ["Rij", "Leerlingnummer", "Naam", "Status", "Reden", "Waarschuwingen", "Bestanden"],
        [
            [
                o.row,
                o.number,
                o.name,
                STATUS_TEXT[o.status],
                o.reason,
                " ".join(o.warnings),
                " | ".join(o.files),
            ]
            for o in ordered
        ]
        + [[], ["Kolom in de export", "Gebruikt voor"], *plan.used]
        + [[column, f"niet gebruikt: {why}"] for column, why in plan.ignored]
        + [[notice] for notice in plan.notices],
        shared=shared,
    )
    return path


def _plan(
    read: Export,
    columns: Columns,
    formats: tuple[OutputFormat, ...],
    out_dir: Path,
    done_before: dict[str, str],
    outcomes: dict[int, RowOutcome],
    options: RenderOptions,
) -> Iterator[Task]:
    """Convert rows one by one and yield what still has to be written."""
    names = UniqueNames()
    sources = columns_by_path(columns.targets)
    numbers = PupilNumbers(sources.get("jongere.leerlingnummer", ""))
    repaired = REPAIRED in read.notices
    for number, row in read.rows:
        if isinstance(row, BrokenRow):
            outcomes[number] = RowOutcome(number, "", "", SKIPPED, row.reason)
            continue
        try:
            converted = convert(row, columns, options.today, repaired=repaired)
        except Exception as error:  # a row that breaks pvs must not stop the other rows
            outcomes[number] = _skipped(number, row, columns.targets, internal_problem(error))
            continue
        if converted.data is None:
            outcomes[number] = _skipped(number, row, columns.targets, converted.reason or "")
            continue
        outcomes[number] = outcome = _outcome(number, converted)
        numbers.note(outcome, outcomes)
        yield from _tasks(
            outcome, converted.data, sources, formats, out_dir, names, done_before, options
        )


class PupilNumbers:
    """Notes a pupil number that an earlier row of the export already had, on both rows."""

    def __init__(self, column: str) -> None:
        self.column = column
        self.first_row: dict[str, int] = {}

    def note(self, outcome: RowOutcome, outcomes: dict[int, RowOutcome]) -> None:
        if not outcome.number:
            return
        first = self.first_row.setdefault(outcome.number, outcome.row)
        if first != outcome.row:
            earlier = outcomes[first]
            earlier.warnings.append(self._twice(outcome.row))
            outcome.warnings.append(self._twice(first))

    def _twice(self, other_row: int) -> str:
        return (
            f"Kolom '{self.column}': dit leerlingnummer staat ook in rij {other_row}. Controleer "
            "of het dezelfde leerling is; pvs maakte voor beide rijen een paspoort."
        )


def _outcome(number: int, converted: Converted) -> RowOutcome:
    data = converted.data or {}
    pupil_number = str(data["jongere"].get("leerlingnummer", ""))
    klas = lookup(data, "school.klas")
    return RowOutcome(
        number,
        pupil_number,
        display_name(data),
        DONE_BEFORE,
        warnings=list(converted.warnings),
        klas=klas if isinstance(klas, str) else "",
    )


def _tasks(
    outcome: RowOutcome,
    data: dict[str, Any],
    columns: dict[str, str],
    formats: tuple[OutputFormat, ...],
    out_dir: Path,
    names: UniqueNames,
    done_before: dict[str, str],
    options: RenderOptions,
) -> Iterator[Task]:
    """The files still to write for one pupil; those an earlier run wrote alike are kept."""
    stem = names.claim(pupil_stem(data))
    for fmt in formats:
        target = out_dir / f"{stem}.{fmt}"
        outcome.files.append(target.name)
        fingerprint = _fingerprint(data, fmt, options)
        if target.exists() and done_before.get(target.name) == fingerprint:
            continue
        outcome.status = WRITTEN
        yield Task(outcome.row, data, fmt, target, fingerprint, options, columns)


def _skipped(number: int, row: dict[str, str], targets: dict[str, str], reason: str) -> RowOutcome:
    """A row no passport is made for, named as far as its cells allow."""
    person = {t: row.get(c, "") for c, t in targets.items() if t.startswith("jongere.")}
    known = assemble(person)
    pupil_number = str(lookup(known, "jongere.leerlingnummer") or "")
    return RowOutcome(number, pupil_number, display_name(known), SKIPPED, reason)


def _fingerprint(data: dict[str, Any], fmt: str, options: RenderOptions) -> str:
    """What decides a file's content; the password only whether it is encrypted."""
    settings = [str(options.today), options.retention_years, bool(options.password)]
    text = json.dumps([data, fmt, settings, SCHEMA_VERSION, RENDER_REVISION], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()
