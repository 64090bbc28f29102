"""Keep what the PDF libraries log off the screen while pvs reads a file.

pdfminer, pdfplumber and pikepdf (qpdf) log in English, and some of their lines quote the text
on the page, which may be sensitive. While pvs reads a file, their records are counted, never
shown, and the reader turns the count into one Dutch note. Outside a read (a school's own script
that uses pdfminer) the records reach the root logger as before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LIBRARIES = ("pdfminer", "pdfplumber", "pikepdf")
SMALL_FAULTS_NOTE = (
    "Het bestand had kleine fouten; pvs heeft het zo goed mogelijk gelezen. Controleer de gegevens."
)

# The records heard during the read in this thread or task; None outside a read.
_heard: ContextVar[list[int] | None] = ContextVar("pvs_pdf_log", default=None)


class _Catcher(logging.Handler):
    """Counts a library's records during a read; passes them to the root logger otherwise."""

    def emit(self, record: logging.LogRecord) -> None:
        heard = _heard.get()
        if heard is None:
            logging.getLogger().handle(record)
        else:
            heard.append(record.levelno)


_CATCHER = _Catcher()


@contextmanager
def library_log() -> Iterator[list[int]]:
    """While the block runs, the levels of what the PDF libraries log, instead of the screen."""
    _install()
    heard: list[int] = []
    token = _heard.set(heard)
    try:
        yield heard
    finally:
        _heard.reset(token)


def had_faults(heard: list[int]) -> bool:
    """Whether a library warned about the file (debug and info lines are only chatter)."""
    return any(level >= logging.WARNING for level in heard)


def _install() -> None:
    # Once per process: each library's records stop at the catcher instead of going up to the
    # root logger, whose last-resort handler would print them on stderr.
    for name in LIBRARIES:
        logger = logging.getLogger(name)
        if _CATCHER not in logger.handlers:
            logger.addHandler(_CATCHER)
            logger.propagate = False
