"""Background jobs of `pvs web` (pvs/web/jobs.py): progress, result, failure, privacy, turns.

The pages that start jobs (making passports, the intake overview) are tested on their own; here
the runner and its two routes, with work functions that stand in for them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import pvs
from pvs.web.app import Web, create_app
from pvs.web.jobs import BUG, WAITING, Job, JobRunner, Outcome
from pvs.web.settings import Settings
from pvs.web.store import Download, ResultStore

BASE = "http://127.0.0.1:8000"
SECRET = "Şükrü-GEHEIM-diagnose"


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(port=8000)), base_url=BASE) as test_client:
        yield test_client


def web_of(client: TestClient) -> Web:
    web: Web = client.app.app.state.web  # type: ignore[attr-defined]
    return web


def finished(runner: JobRunner, job: Job, timeout: float = 10) -> Job:
    deadline = time.monotonic() + timeout
    while not job.finished:
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.02)
    return job


def counting(steps: int, gate: threading.Event | None = None) -> Callable[[Job], Outcome]:
    def work(job: Job) -> Outcome:
        for done in range(1, steps + 1):
            if gate is not None:
                gate.wait(10)
            job.progress(done, steps)
        context = {"title": "Klaar", "message": f"{steps} gedaan"}
        return Outcome("fout.html", context, {"uitkomst.txt": Download(b"inhoud", "text/plain")})

    return work


def test_a_running_job_shows_progress_and_then_its_result(client: TestClient) -> None:
    gate = threading.Event()
    job = web_of(client).jobs.start("Proeftaak", "/", counting(3, gate))
    page = client.get(f"/taken/{job.id}")
    assert page.status_code == 200
    assert 'data-taak="/taken/' in page.text and "<progress" in page.text
    assert '<meta http-equiv="refresh"' in page.text  # without JavaScript it reloads itself
    assert client.get(f"/taken/{job.id}/stand").json()["klaar"] is False
    gate.set()
    finished(web_of(client).jobs, job)
    state = client.get(f"/taken/{job.id}/stand").json()
    assert state == {"klaar": True, "gedaan": 3, "totaal": 3, "tekst": "3 van 3"}
    result = client.get(f"/taken/{job.id}")
    assert "3 gedaan" in result.text and "<progress" not in result.text
    assert client.get(f"/download/{job.token}/uitkomst.txt").content == b"inhoud"
    assert client.get(f"/download/{job.token}/uitkomst.txt").status_code == 404
    assert client.get(f"/taken/{job.id}").status_code == 200  # the result can be read again


def test_a_pvs_error_shows_its_dutch_message_and_a_bug_shows_no_text(client: TestClient) -> None:
    def refused(job: Job) -> Outcome:
        raise pvs.UsageError("Dit is geen export uit de leerlingadministratie.")

    def broken(job: Job) -> Outcome:
        raise RuntimeError(SECRET)

    runner = web_of(client).jobs
    first = finished(runner, runner.start("Paspoorten maken", "/maken", refused))
    page = client.get(f"/taken/{first.id}")
    assert "Dit is geen export" in page.text and 'href="/maken"' in page.text
    second = finished(runner, runner.start("Paspoorten maken", "/maken", broken))
    page = client.get(f"/taken/{second.id}")
    assert BUG.split(".")[0] in page.text
    assert SECRET not in page.text and SECRET not in second.error


def test_the_upload_folder_is_removed_whatever_happens(tmp_path: Path) -> None:
    runner = JobRunner(ResultStore())
    for work in (counting(1), lambda job: 1 / 0):
        folder = tmp_path / f"upload-{id(work)}"
        folder.mkdir()
        (folder / "0001.pdf").write_bytes(b"%PDF")
        finished(runner, runner.start("Taak", "/", work, folder))  # type: ignore[arg-type]
        assert not folder.exists()


def test_jobs_take_turns_and_the_second_says_it_waits() -> None:
    runner = JobRunner(ResultStore())
    gate = threading.Event()
    first = runner.start("Eerste", "/", counting(1, gate))
    second = runner.start("Tweede", "/", counting(1))
    time.sleep(0.2)
    assert not second.finished and second.text == WAITING
    gate.set()
    finished(runner, first)
    finished(runner, second)
    assert first.id != second.id and len(first.id) >= 43


def test_a_light_job_does_not_wait_for_a_heavy_one() -> None:
    """A check of a few passports is done while a batch of 330 still runs."""
    runner = JobRunner(ResultStore())
    gate = threading.Event()
    batch = runner.start("Paspoorten maken", "/maken", counting(1, gate))
    check = runner.start("Paspoorten controleren", "/controleren", counting(1), heavy=False)
    finished(runner, check)
    assert not batch.finished
    gate.set()
    finished(runner, batch)


def test_the_page_waits_a_moment_for_a_quick_job_and_no_longer() -> None:
    runner = JobRunner(ResultStore())
    quick = runner.start("Snel", "/", counting(1))
    asyncio.run(runner.settle(quick, seconds=10))
    assert quick.finished
    gate = threading.Event()
    slow = runner.start("Traag", "/", counting(1, gate), heavy=False)
    started = time.monotonic()
    asyncio.run(runner.settle(slow, seconds=0.2))
    assert not slow.finished and time.monotonic() - started < 5
    gate.set()
    finished(runner, slow)


def test_an_unknown_or_expired_job_is_gone(client: TestClient) -> None:
    assert client.get("/taken/bestaat-niet").status_code == 404
    assert "niet meer" in client.get("/taken/bestaat-niet").text
    assert client.get("/taken/bestaat-niet/stand").json() == {"klaar": True}
    runner = JobRunner(ResultStore(), lifetime=0.0)
    job = finished(runner, runner.start("Taak", "/", counting(1)))
    time.sleep(0.01)
    assert runner.get(job.id) is None


def test_only_the_newest_finished_jobs_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pvs.web.jobs.MAX_FINISHED", 3)
    runner = JobRunner(ResultStore())
    jobs = [finished(runner, runner.start(f"Taak {n}", "/", counting(1))) for n in range(5)]
    gate = threading.Event()
    runner.start("Nog een", "/", counting(1, gate))  # starting a job forgets the oldest results
    assert [runner.get(job.id) is not None for job in jobs] == [False, False, True, True, True]
    gate.set()
