"""Write a pre-filled passport for every usable row of an export, on every core.

Each file is written atomically by a worker; a status file records what is complete, so a run
that was interrupted finishes the rest when started again. The same export gives the same files.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pvs.documents.filling import RenderOptions
from pvs.documents.kinds import OutputFormat, check_formats, render_document
from pvs.errors import InvalidPassport, PvsError
from pvs.jobs.batch.columns import (
    ColumnPlan,
    Columns,
    columns_by_path,
    is_header_of,
    read_columns,
    read_mapping,
)
from pvs.jobs.batch.decoding import REPAIRED
from pvs.jobs.batch.export import BrokenRow, Export, read_export
from pvs.jobs.batch.names import UniqueNames, pupil_stem
from pvs.jobs.batch.rows import Converted, convert
from pvs.jobs.pool import submit
from pvs.jobs.sheets import write_table
from pvs.model.passport import display_name
from pvs.model.paths import assemble, lookup
from pvs.model.schema import SCHEMA_VERSION
from pvs.output import write_atomic

STATUS_FILE = ".pvs-batch-status.jsonl"
MANIFEST = "overzicht-batch.csv"
ZIP_NAME = "paspoorten.zip"
RENDER_REVISION = "1"  # raise when rendering changes, so a rerun rewrites older files
# A row's status: its identity, and the words a person reads for it.
WRITTEN, DONE_BEFORE, SKIPPED = "geschreven", "al_klaar", "overgeslagen"
STATUS_TEXT = {WRITTEN: "geschreven", DONE_BEFORE: "was al klaar", SKIPPED: "overgeslagen"}
Progress = Callable[[int, int | None], None]


@dataclass
class RowOutcome:
    row: int
    number: str
    name: str
    status: str
    reason: str = ""
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # doubts about a passport that was made


@dataclass
class BatchResult:
    rows: list[RowOutcome]
    manifest: Path
    archive: Path | None
    columns: ColumnPlan | None = None

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def skipped(self) -> list[RowOutcome]:
        """The rows no passport was made for, each with its reason."""
        return [r for r in self.rows if r.status == SKIPPED]


@dataclass(frozen=True)
class _Task:
    row: int
    data: dict[str, Any]
    fmt: OutputFormat
    target: Path
    fingerprint: str
    options: RenderOptions
    columns: dict[str, str]  # field path -> the export column it came from, for messages


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

    `progress(done, total)` is called after each file; the total is None, because rows are
    read as they are written, so a large export never sits in memory.
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
    out_dir.mkdir(parents=True, exist_ok=True)
    done_before = _read_status(out_dir / STATUS_FILE)
    outcomes: dict[int, RowOutcome] = {}
    try:
        tasks = _plan(read, columns, formats, out_dir, done_before, outcomes, options)
        _execute(tasks, out_dir / STATUS_FILE, outcomes, processes, progress)
    finally:  # whatever happened, the manifest says what was written and what was not
        ordered = [outcomes[k] for k in sorted(outcomes)]
        manifest = _write_manifest(out_dir / MANIFEST, ordered, plan)
    archive = _zip(out_dir, ordered) if make_zip else None
    return BatchResult(ordered, manifest, archive, plan)


def _write_manifest(path: Path, ordered: list[RowOutcome], plan: ColumnPlan) -> Path:
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
) -> Iterator[_Task]:
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
            outcomes[number] = _skipped(number, row, columns.targets, _internal(error))
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
    return RowOutcome(
        number, pupil_number, display_name(data), DONE_BEFORE, warnings=list(converted.warnings)
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
) -> Iterator[_Task]:
    """The files still to write for one pupil; those an earlier run wrote alike are kept."""
    stem = names.claim(pupil_stem(data))
    for fmt in formats:
        target = out_dir / f"{stem}.{fmt}"
        outcome.files.append(target.name)
        fingerprint = _fingerprint(data, fmt, options)
        if target.exists() and done_before.get(target.name) == fingerprint:
            continue
        outcome.status = WRITTEN
        yield _Task(outcome.row, data, fmt, target, fingerprint, options, columns)


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


def _execute(
    tasks: Iterator[_Task],
    status_file: Path,
    outcomes: dict[int, RowOutcome],
    workers: int | None,
    progress: Progress | None,
) -> None:
    """Run the tasks on a pool, never holding more than a few per worker in memory."""
    size = workers or os.cpu_count() or 1
    done = 0
    with ProcessPoolExecutor(max_workers=size) as pool, status_file.open("a") as status:
        running: dict[Future[str | None], _Task] = {}
        for task in tasks:
            running[submit(pool, _write, task)] = task
            if len(running) >= size * 4:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                done = _record(finished, running, outcomes, status, progress, done)
        finished, _ = wait(running)
        _record(finished, running, outcomes, status, progress, done)


def _record(
    finished: set[Future[str | None]],
    running: dict[Future[str | None], _Task],
    outcomes: dict[int, RowOutcome],
    status: Any,
    progress: Progress | None,
    done: int,
) -> int:
    """Note each finished task: in the status file when written, in its row's outcome if not."""
    for future in finished:
        task = running.pop(future)
        try:
            problem = future.result()
        except Exception as error:  # the worker itself broke off (memory, a signal)
            problem = _internal(error)
        if problem is None:
            entry = {"bestand": task.target.name, "vingerafdruk": task.fingerprint}
            status.write(json.dumps(entry) + "\n")
        else:
            _not_written(outcomes[task.row], task, problem)
        done += 1
        if progress:
            progress(done, None)
    status.flush()
    return done


def _not_written(outcome: RowOutcome, task: _Task, problem: str) -> None:
    outcome.status = SKIPPED
    outcome.files.remove(task.target.name)
    outcome.reason = problem if not outcome.reason else f"{outcome.reason} {problem}"


def _write(task: _Task) -> str | None:
    """In a worker: render one passport and write it under its final name. Returns why it could
    not be written, so that one pupil's passport never stops the others."""
    try:
        write_atomic(task.target, render_document(task.fmt, task.data, task.options))
    except InvalidPassport as error:
        first = error.problems[0]
        column = task.columns.get(first.path)
        where = f"Kolom '{column}'" if column else first.label
        return f"{where}: {first.message}"
    except PvsError as error:
        return error.message
    except Exception as error:
        return _internal(error)
    return None


def _internal(error: Exception) -> str:
    return (
        f"pvs kon voor deze rij geen paspoort maken ({type(error).__name__}). De andere rijen "
        "zijn wel gemaakt; meld dit aan de beheerder van pvs."
    )


def _read_status(path: Path) -> dict[str, str]:
    """What earlier runs completed; a line cut off by an interruption is ignored."""
    found: dict[str, str] = {}
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
            found[entry["bestand"]] = entry["vingerafdruk"]
        except (ValueError, KeyError, TypeError):
            continue
    return found


def _zip(out_dir: Path, outcomes: list[RowOutcome]) -> Path:
    """All passports in one zip, for sending on; fixed timestamps keep it identical per export."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(f for o in outcomes for f in o.files):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            archive.writestr(info, (out_dir / name).read_bytes())
    target = out_dir / ZIP_NAME
    write_atomic(target, buffer.getvalue())
    return target
