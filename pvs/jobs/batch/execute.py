"""Write the passports of a batch on a pool of worker processes, and keep the books.

Each file is written atomically by a worker; the status file records what is complete, so a run
that was interrupted finishes the rest when started again. Workers ignore Ctrl-C: the main
process takes it, lets the files being written finish, cancels the rest and marks their rows.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pvs.documents.filling import RenderOptions
from pvs.documents.kinds import OutputFormat, render_document
from pvs.errors import InvalidPassport, PvsError
from pvs.jobs.batch.interrupts import deaf_to_interrupts, ignore_interrupts, interrupts_held
from pvs.jobs.batch.outcomes import (
    SKIPPED,
    STOPPED,
    UNFINISHED,
    Progress,
    RowOutcome,
    internal_problem,
)
from pvs.jobs.pool import submit
from pvs.output import write_atomic


@dataclass(frozen=True)
class Task:
    row: int
    data: dict[str, Any]
    fmt: OutputFormat
    target: Path
    fingerprint: str
    options: RenderOptions
    columns: dict[str, str]  # field path -> the export column it came from, for messages
    shared: bool = False  # readable for whoever may read the folder, not only the owner


class PupilCount:
    """Counts pupils done, for `progress`: a pupil is done when all its files are written or
    failed; a row without files to write (skipped, or done in an earlier run) at once."""

    def __init__(self, outcomes: dict[int, RowOutcome], total: int, progress: Progress | None):
        self.outcomes = outcomes  # every row planned so far; the plan fills it as it reads
        self.total = total
        self.progress = progress
        self.writing: Counter[int] = Counter()  # row -> its files still being written
        self.planning: int | None = None  # the row whose files may not all be handed out yet
        self.reported = -1

    def started(self, task: Task) -> None:
        self.writing[task.row] += 1
        self.planning = task.row
        self.report()

    def finished(self, task: Task) -> None:
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


def execute(
    tasks: Iterator[Task],
    status: IO[str],
    outcomes: dict[int, RowOutcome],
    workers: int | None,
    pupils: PupilCount,
) -> None:
    """Run the tasks on a pool, never holding more than a few per worker in memory.

    When stopped (Ctrl-C, or an error while planning), the files being written are finished and
    recorded, the others are cancelled and their rows marked as not made.
    """
    size = workers or os.cpu_count() or 1
    pool = ProcessPoolExecutor(max_workers=size, initializer=ignore_interrupts)
    running: dict[Future[str | None], Task] = {}
    with pool, status:
        try:
            for task in tasks:
                with interrupts_held():
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
    running: dict[Future[str | None], Task],
    outcomes: dict[int, RowOutcome],
    status: IO[str],
    pupils: PupilCount,
) -> None:
    """Cancel the files no worker has started and say so; let the files being written finish
    and record them. Marking first keeps the manifest right if a second Ctrl-C cuts the wait."""
    pupils.progress = None  # stopping: a callback that raised must not stop the bookkeeping
    for future, task in list(running.items()):
        if future.cancel():  # only succeeds for a file not yet handed to a worker
            del running[future]
            _not_written(outcomes[task.row], task, STOPPED, UNFINISHED)
    with deaf_to_interrupts():
        pool.shutdown()  # waits for the few files being written
    _record({f for f in running if _completed(f)}, running, outcomes, status, pupils)
    for task in running.values():  # a worker that was lost on the way
        _not_written(outcomes[task.row], task, STOPPED, UNFINISHED)


def open_status(path: Path, shared: bool) -> IO[str]:
    """The status file for appending; it names pupils, so like the passports it is private
    unless `shared` (the umask still applies)."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
    return os.fdopen(os.open(path, flags, 0o666 if shared else 0o600), "a", encoding="utf-8")


def read_status(path: Path) -> dict[str, str]:
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


def _completed(future: Future[str | None]) -> bool:
    return future.done() and not future.cancelled()


def _record(
    finished: set[Future[str | None]],
    running: dict[Future[str | None], Task],
    outcomes: dict[int, RowOutcome],
    status: IO[str],
    pupils: PupilCount,
) -> None:
    """Note each finished task: in the status file when written, in its row's outcome if not."""
    for future in finished:
        task = running.pop(future)
        try:
            problem = future.result()
        except Exception as error:  # the worker itself broke off (memory, a signal)
            problem = internal_problem(error)
        if problem is None:
            entry = {"bestand": task.target.name, "vingerafdruk": task.fingerprint}
            status.write(json.dumps(entry) + "\n")
        else:
            _not_written(outcomes[task.row], task, problem)
        pupils.finished(task)
    status.flush()
    pupils.report()


def _not_written(outcome: RowOutcome, task: Task, problem: str, status: str = SKIPPED) -> None:
    outcome.status = status
    outcome.files.remove(task.target.name)
    if problem not in outcome.reason:  # a pupil's second file stopped alike says nothing new
        outcome.reason = problem if not outcome.reason else f"{outcome.reason} {problem}"


def _write(task: Task) -> str | None:
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
        return internal_problem(error)
    return None
