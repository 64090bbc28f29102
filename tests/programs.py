"""Outside programs the tests drive (pdftk, qpdf, LibreOffice, ...): find them and run them.

A test that runs one says so: `@pytest.mark.needs("qpdf", "pdftotext")`. When one is missing
the test is skipped, naming the Debian package that brings it; in CI (`CI=true`) it fails
instead, so CI never passes by skipping. Tests run the programs through `run()`, which refuses
a program the running test did not declare: a forgotten marker fails on every machine, not
only on one that lacks the program. tests/conftest.py loads this module as a pytest plugin.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

from dev import DEJAVU, FILLERS, TEST_PROGRAMS, present

PDF_LIB = FILLERS / "node_modules" / "pdf-lib"
INSTALL_ALL = "`python3 dev.py test` installs them all"

# What a program needs besides itself: LibreOffice a font with Greek and Cyrillic to print the
# Word passports, node the pdf-lib module that tests/fillers/fill-pdflib.mjs imports.
ALSO = {"soffice": (DEJAVU,), "node": (str(PDF_LIB),)}

# The programs the running test declared; None outside a test (`python -m tests.pdf_tools`).
_declared: frozenset[str] | None = None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def missing(programs: Iterable[str]) -> str | None:
    """Why `programs` cannot all run here, naming the Debian packages; None when they can."""
    reasons = [
        _absent(t) for p in sorted(programs) for t in (p, *ALSO.get(p, ())) if not present(t)
    ]
    return f"needs an outside program: {'; '.join(reasons)} ({INSTALL_ALL})" if reasons else None


def _absent(thing: str) -> str:
    if thing == str(PDF_LIB):
        return "pdf-lib is not installed: run `npm ci --no-audit --no-fund` in tests/fillers"
    where = "is missing" if thing.startswith("/") else "is not on the PATH"
    return f"{thing} {where}: install the Debian package {TEST_PROGRAMS[thing]}"


def declared(item: pytest.Item) -> frozenset[str]:
    """The programs `item` declares with needs markers; a name pvs does not know is an error."""
    names = frozenset(name for mark in item.iter_markers("needs") for name in mark.args)
    if unknown := sorted(names - TEST_PROGRAMS.keys()):
        known = ", ".join(p for p in TEST_PROGRAMS if not p.startswith("/"))
        raise pytest.UsageError(
            f"{item.nodeid}: unknown program {', '.join(unknown)} in needs; known: {known}"
        )
    return names


def run(program: str, *args: str | Path, timeout: float = 120) -> str:
    """Run an outside program the running test declared; return what it wrote to stdout."""
    if _declared is not None and program not in _declared:
        pytest.fail(
            f"this test runs {program}: mark it @pytest.mark.needs({program!r})", pytrace=False
        )
    return subprocess.run(
        [program, *(str(a) for a in args)],
        check=True,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    ).stdout


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs(*programs): the test runs these outside programs (tests/programs.py)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Outside CI, mark each test that needs a missing program as skipped, saying why."""
    for item in items:
        reason = missing(declared(item))
        if reason and not in_ci():
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(tryfirst=True)  # before the test's fixtures, which may run programs too
def pytest_runtest_setup(item: pytest.Item) -> None:
    global _declared
    _declared = declared(item)
    reason = missing(_declared) if in_ci() else None
    if reason:
        pytest.fail(f"{reason}. In CI (CI=true) that fails instead of skipping.", pytrace=False)


def pytest_runtest_logfinish() -> None:
    global _declared
    _declared = None
