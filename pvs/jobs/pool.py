"""Work on many files at once in worker processes, where one failure never stops the others."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")


def submit(pool: ProcessPoolExecutor, work: Callable[..., T], *args: Any) -> Future[T]:
    """`work(*args)` on the pool. Once a worker has died (out of memory, a signal) the pool
    takes nothing more; then the future holds that error, and the caller records it as the
    reason for this one file, like any other failure, instead of stopping."""
    try:
        return pool.submit(work, *args)
    except BrokenProcessPool as error:
        failed: Future[T] = Future()
        failed.set_exception(error)
        return failed
