"""Run the reading of one file under a memory and time budget, whatever library decodes it.

A small file can unpack to gigabytes or make a parser loop for minutes in pikepdf, pdfminer,
zipfile or openpyxl, and no check in front catches every such trick. So the reading runs in a
forked child process with an address-space limit and a limit on its processor time: when the
child runs out of either, the file is refused (exit 3) and the parent is untouched. Processor
time, not time on the clock, so that a busy machine (a batch on every core, a shared school
server) does not refuse a passport that is merely waiting its turn; a deadline on the clock of
WALL_FACTOR times as long still ends a child that waits without computing. An exception a
library raises on the file's data also means "this file cannot be read"; an exception raised in
pvs's own code stays a bug (exit 70).

Where the system cannot fork (Windows), the work runs in-process under the cheap checks only.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pvs.errors import PvsError, UnreadableFile, UsageError
from pvs.limits import MB, limits

T = TypeVar("T")
_PACKAGE = str(Path(__file__).resolve().parent)
_CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT, signal.SIGFPE, signal.SIGILL}
_inside_child = False  # work inside a child runs directly: one budget per file, not nested
WALL_FACTOR = 3  # the clock's deadline, in multiples of the processor-time budget


@contextlib.contextmanager
def in_process() -> Iterator[None]:
    """Run bounded work in this process, under the cheap checks only, as where there is no fork.

    What the budget costs is measured against this (bench/budget_cost.py).
    """
    global _inside_child
    before, _inside_child = _inside_child, True
    try:
        yield
    finally:
        _inside_child = before


class BugInPvs(Exception):
    """An exception pvs's own code raised while reading a file: a bug, reported as exit 70."""


def bounded(job: Callable[..., T], *args: Any, name: str) -> T:
    """`job(*args)`, run in a child process within the budget; `name` names the file in errors."""
    if _inside_child or not hasattr(os, "fork"):
        return job(*args)
    budget = limits()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover  (runs in the child; coverage cannot see it)
        os.close(reading)
        _run_child(job, args, writing, budget.memory_mb * MB, budget.seconds)
    os.close(writing)
    outcome = _collect(reading, pid, time.monotonic() + budget.seconds * WALL_FACTOR)
    return _result(outcome, name)


def _run_child(
    job: Callable[..., Any], args: tuple[Any, ...], fd: int, memory: int, seconds: int
) -> None:
    """In the child: do the job, send the outcome, and exit at once, whatever happens.

    os._exit runs no atexit handlers and flushes none of the buffers the parent also holds; and
    the child never returns into the parent's code.
    """
    global _inside_child
    _inside_child = True
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C in the terminal ends it too
        faulthandler.disable()  # a library crashing on the file is an outcome, not a dump
        _send(fd, _outcome(job, args, memory, seconds))
    finally:
        os._exit(0)


def _outcome(
    job: Callable[..., Any], args: tuple[Any, ...], memory: int, seconds: int
) -> tuple[Any, ...]:
    try:
        _limit_memory(memory)
        _limit_processor_time(seconds)
        return ("ok", job(*args))
    except (MemoryError, RecursionError):
        return ("heavy",)
    except PvsError as error:
        return ("refused", error.exit_code, error.message)
    except BaseException as error:  # judged by where it was raised: a library or pvs
        return ("crash", type(error).__name__, _raised_in_pvs(error))


def _limit_memory(extra: int) -> None:
    import resource

    limit = _address_space() + extra
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _limit_processor_time(seconds: int) -> None:
    """Past `seconds` of processor time the system sends SIGXCPU, which ends the child; the
    parent then hears nothing and calls the file too heavy. A forked child starts at zero."""
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def _address_space() -> int:
    """The child's virtual size now: the budget comes on top of what pvs itself takes."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc (macOS): the peak resident size is a fair stand-in
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _raised_in_pvs(error: BaseException) -> bool:
    """A library's own exception type (pikepdf's, _csv's) is the library's; a builtin one
    (ValueError, TypeError) belongs to the code whose frame raised it."""
    module = type(error).__module__
    if module != "builtins":
        return module.split(".")[0] == "pvs"
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].filename.startswith(_PACKAGE)


def _send(fd: int, outcome: tuple[Any, ...]) -> None:
    try:
        payload = pickle.dumps(outcome)
    except Exception:  # a result that cannot travel is pvs's fault
        payload = pickle.dumps(("crash", "PicklingError", True))
    view = memoryview(payload)
    with contextlib.suppress(BrokenPipeError):  # the parent gave up waiting
        while view:
            view = view[os.write(fd, view) :]


def _collect(fd: int, pid: int, deadline: float) -> tuple[Any, ...]:
    """Everything the child sends, within the deadline; the child is ended when it runs over."""
    chunks: list[bytes] = []
    try:
        while True:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(remaining, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                return ("slow",)
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    if chunks:
        return tuple(pickle.loads(b"".join(chunks)))
    # No word from the child: a library crashed on the file, or the system ended the child.
    crashed = os.WIFSIGNALED(status) and os.WTERMSIG(status) in _CRASH_SIGNALS
    return ("broke",) if crashed else ("heavy",)


def _result(outcome: tuple[Any, ...], name: str) -> Any:
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "refused":
        refusal = {UsageError.exit_code: UsageError, UnreadableFile.exit_code: UnreadableFile}
        raise refusal.get(outcome[1], PvsError)(outcome[2])
    if kind == "crash" and outcome[2]:
        raise BugInPvs(outcome[1])
    if kind in ("crash", "broke"):
        raise UnreadableFile(
            f"{name} is beschadigd of anders opgebouwd dan een paspoort, en kan niet worden "
            "gelezen. Vraag de jongere om het paspoort opnieuw op te slaan en te sturen."
        )
    raise too_heavy(name)


def too_heavy(name: str) -> UnreadableFile:
    """The error for a file that takes more memory or time to read than any passport does."""
    budget = limits()
    return UnreadableFile(
        f"{name} is te groot of te zwaar om te lezen: het vraagt meer dan {budget.memory_mb} MB "
        f"geheugen of {budget.seconds} seconden. Een paspoort doet dat nooit. Is het toch echt? "
        "Geef meer ruimte met 'pvs --max-geheugen-mb N ...' of 'pvs --max-seconden N ...'."
    )
