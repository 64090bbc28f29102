"""The needs marker of tests/programs.py: skip without the program, fail in CI, never forgotten."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

import tests.programs
from dev import DEJAVU, TEST_PROGRAMS
from tests.programs import PDF_LIB, missing

FAKE, PACKAGE = "pvs-fake-program", "pvs-fake-package"
DECLARED = f"""
import pytest
from tests.programs import run

@pytest.mark.needs({FAKE!r})
def test_it():
    assert run({FAKE!r}, "hallo") == "hallo\\n"
"""
UNDECLARED = f"""
from tests.programs import run

def test_it():
    run({FAKE!r}, "hallo")
"""


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester whose tests may declare FAKE, from Debian package PACKAGE; missing, not in CI."""
    monkeypatch.setitem(TEST_PROGRAMS, FAKE, PACKAGE)
    monkeypatch.delenv("CI", raising=False)
    return pytester


def install_fake(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Put FAKE on the PATH: a script that prints its arguments."""
    program = folder / FAKE
    program.write_text('#!/bin/sh\necho "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")


def run_inner(pytester: pytest.Pytester, source: str) -> pytest.RunResult:
    pytester.makepyfile(test_inner=source)
    return pytester.runpytest_inprocess("-p", "tests.programs", "-p", "no:cacheprovider", "-rs")


def test_a_missing_program_skips_the_test_naming_its_package(fake: pytest.Pytester) -> None:
    result = run_inner(fake, DECLARED)
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(
        [f"SKIPPED * test_inner.py:*: needs * {FAKE} is not on the PATH: *package {PACKAGE}*"]
    )


@pytest.mark.parametrize("value", ["true", "1"])
def test_in_ci_a_missing_program_fails_the_test(
    fake: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    result = run_inner(fake, DECLARED)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{FAKE} is not on the PATH: *package {PACKAGE}*CI=true*"])


def test_a_declared_program_runs(fake: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake(monkeypatch, fake.mkdir("bin"))
    run_inner(fake, DECLARED).assert_outcomes(passed=1)


def test_an_undeclared_program_fails_even_when_installed(
    fake: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake(monkeypatch, fake.mkdir("bin"))
    result = run_inner(fake, UNDECLARED)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"*this test runs {FAKE}: mark it @pytest.mark.needs('{FAKE}')*"])


def test_an_unknown_program_in_the_marker_stops_the_run(fake: pytest.Pytester) -> None:
    result = run_inner(fake, DECLARED.replace(f"needs({FAKE!r})", "needs('pdtfk')"))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_it: unknown program pdtfk in needs; known: *pdftk*"])


@pytest.mark.parametrize(
    ("program", "lacking", "said"),
    [
        ("soffice", DEJAVU, f"{DEJAVU} is missing: install the Debian package fonts-dejavu-core"),
        ("node", str(PDF_LIB), "pdf-lib is not installed: run `npm ci --no-audit --no-fund`"),
    ],
)
def test_a_program_needs_what_it_loads(
    monkeypatch: pytest.MonkeyPatch, program: str, lacking: str, said: str
) -> None:
    monkeypatch.setattr(tests.programs, "present", lambda thing: thing != lacking)
    assert said in (missing([program]) or "")
    assert missing(["qpdf"]) is None


def _subprocess_calls(path: Path) -> list[ast.Call]:
    calls = [n for n in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(n, ast.Call)]
    return [
        c
        for c in calls
        if isinstance(c.func, ast.Attribute)
        and isinstance(c.func.value, ast.Name)
        and c.func.value.id == "subprocess"
    ]


def test_tests_start_outside_programs_only_through_run() -> None:
    """Other subprocesses in the tests run this Python; anything else goes through run()."""
    here = Path(__file__).parent
    for path in sorted(here.rglob("*.py")):
        if "node_modules" in path.parts or path.name == "programs.py":
            continue
        for call in _subprocess_calls(path):
            command = call.args[0] if call.args else None
            first = command.elts[0] if isinstance(command, ast.List) and command.elts else None
            assert ast.unparse(first or call) == "sys.executable", (
                f"{path.relative_to(here)}:{call.lineno} starts a program without "
                "tests.programs.run (which checks its needs marker)"
            )
