"""Write a pre-filled passport for every usable row of an export, on every core.

Each file is written atomically by a worker; a status file records what is complete, so a run
that was interrupted finishes the rest when started again. The same export gives the same files.
Workers ignore Ctrl-C: the main process takes it, lets the files being written finish, cancels
the rest and still writes the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, Any

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
from pvs.jobs.batch.zips import NO_CLASS, write_zips
from pvs.jobs.pool import submit
from pvs.jobs.sheets import write_table
from pvs.model.passport import display_name
from pvs.model.paths import assemble, lookup
from pvs.model.schema import SCHEMA_VERSION
from pvs.output import write_atomic

STATUS_FILE = ".pvs-batch-status.jsonl"
MANIFEST = "overzicht-batch.csv"
RENDER_REVISION = "1"  # raise when rendering changes, so a rerun rewrites older files
# A row's status: its identity, and the words a person reads for it.
WRITTEN, DONE_BEFORE, SKIPPED = "geschreven", "al_klaar", "overgeslagen"
UNFINISHED = "onderbroken"  # the run was stopped before this row's files were written
STATUS_TEXT = {
    WRITTEN: "geschreven",
    DONE_BEFORE: "was al klaar",
    SKIPPED: "overgeslagen",
    UNFINISHED: "niet gemaakt (afgebroken)",
}
STOPPED = "De run is afgebroken voordat dit paspoort af was; start dezelfde opdracht opnieuw."
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
    klas: str = ""  # the pupil's class, as the export has it


@dataclass
class BatchResult:
    rows: list[RowOutcome]
    manifest: Path
    archive: Path | None
    columns: ColumnPlan | None = None
    class_archives: tuple[Path, ...] = ()  # one zip per class, beside the whole one

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
    shared: bool = False  # readable for whoever may read the folder, not only the owner


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
    done_before = _read_status(out_dir / STATUS_FILE)
    outcomes: dict[int, RowOutcome] = {}
    try:
        planned = _plan(read, columns, formats, out_dir, done_before, outcomes, options)
        tasks = (replace(task, shared=shared) for task in planned)
        pupils = _PupilCount(outcomes, read.total, progress)
        _execute(tasks, _open_status(out_dir / STATUS_FILE, shared), outcomes, processes, pupils)
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


class _PupilCount:
    """Counts pupils done, for `progress`: a pupil is done when all its files are written or
    failed; a row without files to write (skipped, or done in an earlier run) at once."""

    def __init__(self, outcomes: dict[int, RowOutcome], total: int, progress: Progress | None):
        self.outcomes = outcomes  # every row planned so far; the plan fills it as it reads
        self.total = total
        self.progress = progress
        self.writing: Counter[int] = Counter()  # row -> its files still being written
        self.planning: int | None = None  # the row whose files may not all be handed out yet
        self.reported = -1

    def started(self, task: _Task) -> None:
        self.writing[task.row] += 1
        self.planning = task.row
        self.report()

    def finished(self, task: _Task) -> None:
        self.writing[task.row] -= 1
        if not self.writing[task.row]:
            del self.writing[task.row]

    def planned(self) -> None:
        self.planning = None
        self.report()

    def done(self) -> int:
        busy = set(self.writing) | ({self.planning} - {None})
        return len(self.outcomes) - len(busy)

    def report(self) -> None:
        done = self.done()
        if self.progress and done != self.reported:
            self.reported = done
            self.progress(done, self.total)


def _execute(
    tasks: Iterator[_Task],
    status: IO[str],
    outcomes: dict[int, RowOutcome],
    workers: int | None,
    pupils: _PupilCount,
) -> None:
    """Run the tasks on a pool, never holding more than a few per worker in memory.

    When stopped (Ctrl-C, or an error while planning), the files being written are finished and
    recorded, the others are cancelled and their rows marked as not made.
    """
    size = workers or os.cpu_count() or 1
    pool = ProcessPoolExecutor(max_workers=size, initializer=_ignore_interrupts)
    running: dict[Future[str | None], _Task] = {}
    with pool, status:
        try:
            for task in tasks:
                with _interrupts_held():
                    running[submit(pool, _write, task)] = task
                pupils.started(task)
                if len(running) >= size * 4:
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    _record(finished, running, outcomes, status, pupils)
            pupils.planned()
            finished, _ = wait(running)
            _record(finished, running, outcomes, status, pupils)
        except BaseException:
            _stop(pool, running, outcomes, status, pupils)
            raise


def _stop(
    pool: ProcessPoolExecutor,
    running: dict[Future[str | None], _Task],
    outcomes: dict[int, RowOutcome],
    status: IO[str],
    pupils: _PupilCount,
) -> None:
    """Cancel the files no worker has started and say so; let the files being written finish
    and record them. Marking first keeps the manifest right if a second Ctrl-C cuts the wait."""
    pupils.progress = None  # stopping: a callback that raised must not stop the bookkeeping
    for future, task in list(running.items()):
        if future.cancel():  # only succeeds for a file not yet handed to a worker
            del running[future]
            _not_written(outcomes[task.row], task, STOPPED, UNFINISHED)
    with _deaf_to_interrupts():
        pool.shutdown()  # waits for the few files being written
    _record({f for f in running if _completed(f)}, running, outcomes, status, pupils)
    for task in running.values():  # a worker that was lost on the way
        _not_written(outcomes[task.row], task, STOPPED, UNFINISHED)


def _open_status(path: Path, shared: bool) -> IO[str]:
    """The status file for appending; it names pupils, so like the passports it is private
    unless `shared` (the umask still applies)."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
    return os.fdopen(os.open(path, flags, 0o666 if shared else 0o600), "a", encoding="utf-8")


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back while the pool may start a worker. A worker started now inherits the
    block, so it cannot die of a Ctrl-C (with a traceback) before its initializer ignores it;
    the main process gets the Ctrl-C right after. Windows has no signal masks, and only the main
    thread receives Ctrl-C, so elsewhere this does nothing."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def _deaf_to_interrupts() -> Iterator[None]:
    """Ignore Ctrl-C while the pool shuts down after a first one: it waits only for the files
    being written, and a wait for the pool's thread cut short by a second Ctrl-C leaves the
    pool broken and the process hanging at exit (CPython 3.11)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignore_interrupts() -> None:
    """In each worker: Ctrl-C is for the main process, which stops the run in order. A worker
    that took it would die mid-file with a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back when it started


def _completed(future: Future[str | None]) -> bool:
    return future.done() and not future.cancelled()


def _record(
    finished: set[Future[str | None]],
    running: dict[Future[str | None], _Task],
    outcomes: dict[int, RowOutcome],
    status: IO[str],
    pupils: _PupilCount,
) -> None:
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
        pupils.finished(task)
    status.flush()
    pupils.report()


def _not_written(outcome: RowOutcome, task: _Task, problem: str, status: str = SKIPPED) -> None:
    outcome.status = status
    outcome.files.remove(task.target.name)
    if problem not in outcome.reason:  # a pupil's second file stopped alike says nothing new
        outcome.reason = problem if not outcome.reason else f"{outcome.reason} {problem}"


def _write(task: _Task) -> str | None:
    """In a worker: render one passport and write it under its final name. Returns why it could
    not be written, so that one pupil's passport never stops the others."""
    try:
        content = render_document(task.fmt, task.data, task.options)
        write_atomic(task.target, content, shared=task.shared)
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
