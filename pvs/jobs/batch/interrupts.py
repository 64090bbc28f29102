"""Ctrl-C during a batch: the main process takes it and stops the run in order; workers never.

Signal masks exist on POSIX only, and only the main thread receives Ctrl-C; elsewhere these
helpers do nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def interrupts_held() -> Iterator[None]:
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
def deaf_to_interrupts() -> Iterator[None]:
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


def ignore_interrupts() -> None:
    """In each worker: Ctrl-C is for the main process, which stops the run in order. A worker
    that took it would die mid-file with a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back when it started
