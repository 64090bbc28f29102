"""Reading under a budget: memory and time run out in a child, never in pvs itself."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import time
import zipfile
from collections.abc import Iterator

import pytest

import pvs
from pvs.budget import BugInPvs, bounded
from pvs.model import paths


@pytest.fixture(autouse=True)
def default_limits() -> Iterator[None]:
    pvs.set_limits()
    yield
    pvs.set_limits()


def test_the_result_comes_back_from_the_child() -> None:
    assert bounded(lambda a, b: {"som": a + b, "pid": os.getpid()}, 2, 3, name="x")["som"] == 5
    assert bounded(os.getpid, name="x") != os.getpid()


def test_a_file_that_takes_too_much_memory_is_refused() -> None:
    with pytest.raises(pvs.UnreadableFile) as caught:
        bounded(lambda: bytearray(2_000 * 1024 * 1024), name="bom.pdf")
    assert caught.value.message.startswith(
        "bom.pdf is te groot of te zwaar om te lezen: het vraagt meer dan 350 MB geheugen of "
        "8 seconden."
    )


def test_a_file_that_takes_too_long_is_refused_at_the_deadline() -> None:
    pvs.set_limits(seconds=1)
    start = time.monotonic()
    with pytest.raises(pvs.UnreadableFile) as caught:
        bounded(time.sleep, 30, name="traag.docx")  # waits without computing: the clock ends it
    assert time.monotonic() - start < 10
    assert "te groot of te zwaar om te lezen" in caught.value.message


def _compute_for_ever() -> None:
    while True:
        pass


def test_a_file_that_computes_too_long_is_refused_by_its_processor_time() -> None:
    pvs.set_limits(seconds=1)
    with pytest.raises(pvs.UnreadableFile) as caught:
        bounded(_compute_for_ever, name="lus.pdf")
    assert "te groot of te zwaar om te lezen" in caught.value.message


def test_a_busy_machine_does_not_refuse_a_passport_waiting_its_turn() -> None:
    """1.5 seconds on the clock with hardly any processor time, under a budget of 1 second:
    what a slow read on a loaded machine looks like."""
    pvs.set_limits(seconds=1)
    assert bounded(lambda: time.sleep(1.5) or "gelezen", name="paspoort.pdf") == "gelezen"


def test_a_library_that_gives_up_on_the_data_means_an_unreadable_file() -> None:
    with pytest.raises(pvs.UnreadableFile) as caught:
        bounded(zipfile.ZipFile, io.BytesIO(b"geen zip"), name="kapot.docx")
    assert caught.value.message.startswith("kapot.docx is beschadigd")
    with pytest.raises(pvs.UnreadableFile) as csv_error:  # a C library's own exception type
        bounded(lambda: list(csv.reader(io.StringIO('"a\rb'), strict=True)), name="x.csv")
    assert csv_error.value.message.startswith("x.csv is beschadigd")
    with pytest.raises(pvs.UnreadableFile) as deep:
        bounded(json.loads, "[" * 200_000, name="diep.json")
    assert "te zwaar" in deep.value.message


def test_a_library_that_crashes_the_process_means_an_unreadable_file() -> None:
    with pytest.raises(pvs.UnreadableFile) as caught:
        bounded(lambda: os.kill(os.getpid(), signal.SIGSEGV), name="crash.pdf")
    assert caught.value.message.startswith("crash.pdf is beschadigd")


def test_an_exception_in_pvs_itself_stays_a_bug() -> None:
    with pytest.raises(BugInPvs) as caught:
        bounded(paths.join, 5, name="x.json")
    assert caught.value.args == ("TypeError",)


def test_pvs_refusals_keep_their_exit_code_and_message() -> None:
    def refuse() -> None:
        raise pvs.UsageError("Kies een ander bestand.")

    with pytest.raises(pvs.UsageError) as caught:
        bounded(refuse, name="x")
    assert (caught.value.message, caught.value.exit_code) == ("Kies een ander bestand.", 2)


def test_work_inside_the_child_is_not_bounded_again() -> None:
    assert bounded(lambda: bounded(os.getpid, name="y") == os.getpid(), name="x")
