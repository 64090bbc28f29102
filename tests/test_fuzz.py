"""A seeded mutation fuzzer over pvs's own outputs: a broken file gets a pvs error, never another.

Each input (a filled PDF, a flattened PDF, a Word passport, a JSON sample, a CSV and an XLSX
export) is mutated with a fixed seed per case: bytes flipped, cut short, a chunk doubled or
deleted, and a broken stream (inside a PDF `stream ... endstream`, or a zip member's compressed
bytes). The same cases run every time, each named by input, mutation and number
(`pdf-flip-007`). Every mutant goes through the library in-process (`pvs.read` and `pvs.check`,
or `pvs.run_batch`), where only a `pvs.PvsError` or success may come out; a subset goes through
the real command, where the exit code is 0 to 3 and stderr holds no traceback and no English.

A case that fails because a reader still lets another exception through is listed in KNOWN,
with the exception it raised, so the fuzzer keeps guarding everything else.
"""

from __future__ import annotations

import io
import logging
import random
import re
import signal
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pytest

import pvs
from tests.conftest import ROOT, SAMPLES

FIXTURES = ROOT / "tests" / "fixtures"
SECONDS = 20  # in-process; a mutant that takes longer hangs a reader
CLI_SECONDS = 10
CLI_CASES = 30


@dataclass(frozen=True)
class Source:
    key: str  # the first part of a case id
    name: str  # the file name the mutant gets
    export: bool  # an export goes through run_batch, a passport through read and check
    counts: dict[str, int]  # mutation -> number of cases


SOURCES = (
    Source(
        "pdf", "paspoort.pdf", False, {"flip": 20, "cut": 14, "dup": 14, "del": 14, "stream": 24}
    ),
    Source("flat", "plat.pdf", False, {"flip": 8, "cut": 6, "dup": 6, "del": 6, "stream": 10}),
    Source(
        "docx", "paspoort.docx", False, {"flip": 16, "cut": 10, "dup": 10, "del": 10, "zip": 20}
    ),
    Source("json", "paspoort.json", False, {"flip": 20, "cut": 12, "dup": 12, "del": 12}),
    # Copies other programs made, each read by its own reader: a Word passport printed by
    # LibreOffice, an .odt, a Ghostscript print fitted to Letter, continuation pages.
    Source("wordpdf", "afdruk.pdf", False, {"flip": 6, "cut": 4, "dup": 4, "del": 4, "stream": 6}),
    Source("odt", "paspoort.odt", False, {"flip": 6, "cut": 4, "dup": 4, "del": 4, "zip": 8}),
    Source("gs", "letter.pdf", False, {"flip": 4, "cut": 4, "dup": 4, "del": 4, "stream": 6}),
    Source("long", "lang.pdf", False, {"flip": 4, "cut": 4, "dup": 4, "del": 4, "stream": 6}),
    Source("csv", "export.csv", True, {"flip": 16, "cut": 10, "dup": 10, "del": 10}),
    Source("xlsx", "export.xlsx", True, {"flip": 14, "cut": 8, "dup": 8, "del": 8, "zip": 16}),
)

# A case that fails and cannot be fixed at once goes here, by id, with what it raised; it then
# must keep failing (strict), so a fix is noticed. Every case the first round found is fixed.
KNOWN: dict[str, str] = {}


@cache
def original(key: str) -> bytes:
    """The unbroken file each mutant starts from."""
    sample = pvs.read(SAMPLES / "01-sanne-de-vries.json").passport
    made = {
        "pdf": lambda: pvs.render(sample, "pdf", date=date(2026, 11, 29)),
        "docx": lambda: pvs.render(sample, "docx", date=date(2026, 11, 29)),
        "flat": lambda: (FIXTURES / "pdf" / "pvs-filled-qpdf-flattened.pdf").read_bytes(),
        "wordpdf": lambda: (FIXTURES / "wordpdf" / "daan-libreoffice.pdf").read_bytes(),
        "odt": lambda: (FIXTURES / "intake" / "terug" / "libreoffice.odt").read_bytes(),
        "gs": lambda: (FIXTURES / "pdf" / "pvs-filled-gs-letter-printed.pdf").read_bytes(),
        "long": lambda: (FIXTURES / "pdf" / "pvs-long-mutool-printed.pdf").read_bytes(),
        "json": lambda: (SAMPLES / "01-sanne-de-vries.json").read_bytes(),
        "csv": lambda: (FIXTURES / "exports" / "magister-puntkomma-windows1252.csv").read_bytes(),
        "xlsx": lambda: (FIXTURES / "exports" / "excel-serienummers.xlsx").read_bytes(),
    }
    return made[key]()


# --- mutations: each takes the bytes and a seeded Random -------------------------------------


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _chunk(data: bytes, rng: random.Random) -> tuple[int, int]:
    size = rng.randint(1, max(1, min(4096, len(data) // 4)))
    start = rng.randrange(0, len(data) - size)
    return start, start + size


def dup(data: bytes, rng: random.Random) -> bytes:
    start, end = _chunk(data, rng)
    at = rng.randrange(len(data))
    return data[:at] + data[start:end] + data[at:]


def delete(data: bytes, rng: random.Random) -> bytes:
    start, end = _chunk(data, rng)
    return data[:start] + data[end:]


def _corrupt(data: bytes, start: int, end: int, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(start, end)] ^= rng.randint(1, 255)
    return bytes(out)


def broken_stream(data: bytes, rng: random.Random) -> bytes:
    """A few bytes changed inside one `stream ... endstream` of a PDF."""
    spans = [
        (m.end(), data.find(b"endstream", m.end()))
        for m in re.finditer(rb"(?<!end)stream\r?\n", data)
    ]
    start, end = rng.choice([(s, e) for s, e in spans if e > s])
    return _corrupt(data, start, end, rng)


def broken_member(data: bytes, rng: random.Random) -> bytes:
    """A few bytes changed in the compressed bytes of one member of a zip (docx, xlsx)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = rng.choice([i for i in archive.infolist() if i.compress_size])
    names, extra = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + names + extra
    return _corrupt(data, start, start + info.compress_size, rng)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": flip,
    "cut": cut,
    "dup": dup,
    "del": delete,
    "stream": broken_stream,
    "zip": broken_member,
}


@dataclass(frozen=True)
class Case:
    id: str
    source: Source
    mutation: str

    def content(self) -> bytes:
        return MUTATIONS[self.mutation](original(self.source.key), random.Random(self.id))


def all_cases() -> list[Case]:
    return [
        Case(f"{s.key}-{mutation}-{n:03d}", s, mutation)
        for s in SOURCES
        for mutation, count in s.counts.items()
        for n in range(count)
    ]


CASES = all_cases()


def params(cases: list[Case]) -> list[object]:
    return [pytest.param(case, id=case.id, marks=_marks(KNOWN.get(case.id))) for case in cases]


def _marks(known: str | None) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=known)] if known else []


# --- running a mutant --------------------------------------------------------------------------


class Hang(Exception):
    """A mutant kept pvs busy longer than SECONDS."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise Hang(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(case: Case, folder: Path) -> None:
    content = case.content()
    if case.source.export:
        export = folder / case.source.name
        export.write_bytes(content)
        pvs.run_batch(export, output=folder / "uit", processes=1, date=date(2026, 11, 29))
        return
    result = pvs.read(content, name=case.source.name)
    pvs.check(result.passport, "intake")


def test_the_cases_are_a_few_hundred_and_stable() -> None:
    assert 200 <= len(CASES) <= 500
    assert len({c.id for c in CASES}) == len(CASES)
    first = CASES[0]
    assert first.content() == first.content()


@pytest.mark.parametrize("case", params(CASES))
def test_a_mutant_gives_a_pvs_error_or_a_result(
    case: Case, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    try:
        with time_limit(SECONDS):
            run_in_process(case, tmp_path)
    except pvs.PvsError:
        pass
    except Exception as error:  # what the fuzzer is for: report it by type, with the case
        pytest.fail(f"{case.id}: {type(error).__module__}.{type(error).__name__}", False)
    # Without a handler, Python prints a library's warning on stderr, in English.
    logged = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]
    assert logged == [], case.id


# --- a subset through the real command ---------------------------------------------------------

# English that a library prints (warnings, exceptions) and no Dutch message of pvs contains.
ENGLISH = re.compile(
    r"\b(the|error|invalid|cannot|could not|failed|unexpected|expected|warning|missing|"
    r"not found|defaulting|ignoring|object|stream|exception)\b",
    re.IGNORECASE,
)


def cli_cases() -> list[Case]:
    step = len(CASES) // CLI_CASES
    return CASES[::step][:CLI_CASES]


@pytest.mark.parametrize("case", params(cli_cases()))
def test_the_command_on_a_mutant_exits_0_to_3_in_dutch(case: Case, tmp_path: Path) -> None:
    target = tmp_path / case.source.name
    target.write_bytes(case.content())
    command = ["batch", str(target), "-o", str(tmp_path / "uit")]
    if not case.source.export:
        command = ["check", str(target)]
    done = subprocess.run(
        [sys.executable, "-m", "pvs", *command],
        capture_output=True,
        text=True,
        timeout=CLI_SECONDS,
    )
    said = done.stderr.replace(str(tmp_path), "")
    assert done.returncode in (0, 1, 2, 3), said
    assert "Traceback" not in said
    assert not ENGLISH.search(said), said
