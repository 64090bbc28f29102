"""Page "Paspoort controleren": upload one or more returned passports, see what is missing.

The upload is streamed into a private folder (uploads.py); the files are checked as a light
job (jobs.py), so a check of 100 passports shows its progress, and one of a single passport is
answered as good as at once. The folder is removed when the job ends; what the user may
download waits in the store, a token per passport.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from pvs.web.jobs import Job, Outcome
from pvs.web.pages.verdicts import FileVerdict, judge
from pvs.web.receiving import form_page, receive
from pvs.web.uploads import Upload

if TYPE_CHECKING:
    from pvs.web.app import Web

PAGE = {
    "path": "/controleren",
    "title": "Paspoort controleren",
    "text": "Kies ingevulde paspoorten (PDF, Word of JSON) en zie per stap wat nog ontbreekt.",
}
TITLE = "Paspoorten controleren"
_NO_FILES = "Kies eerst een of meer bestanden om te controleren."


def routes(web: Web) -> list[Any]:
    async def form(request: Request) -> Response:
        return form_page(web, request, "controleren.html")

    async def submit(request: Request) -> Response:
        received = await receive(web, request, no_files=_NO_FILES)
        if isinstance(received, Response):
            return received
        files = received.form.files

        def work(job: Job) -> Outcome:
            verdicts = judge_all(
                files, lambda done: job.progress(done, len(files), _read(done, len(files)))
            )
            for verdict in verdicts:
                _keep_downloads(web, verdict)
            return Outcome("resultaat.html", {"verdicts": verdicts})

        job = web.jobs.start(TITLE, PAGE["path"], work, received.folder, heavy=False)
        await web.jobs.settle(job)  # one passport: its verdict at once, without a progress page
        return RedirectResponse(f"/taken/{job.id}", status_code=303)

    return [Route("/controleren", form), Route("/controleren", submit, methods=["POST"])]


def judge_all(files: list[Upload], done: Callable[[int], None]) -> list[FileVerdict]:
    """Every file judged, several at once: each read runs in a child process of its own
    (pvs/budget.py), so threads keep every processor busy. The order stays the upload's;
    `done(n)` hears each time n files are judged."""
    verdicts: dict[Path, FileVerdict] = {}
    with ThreadPoolExecutor(max_workers=min(len(files), os.cpu_count() or 1) or 1) as pool:
        jobs = {pool.submit(judge, f.name, f.path): f.path for f in files}
        for count, finished in enumerate(as_completed(jobs), start=1):
            verdicts[jobs[finished]] = finished.result()
            done(count)
    return [verdicts[f.path] for f in files]


def _read(done: int, total: int) -> str:
    return f"Paspoorten gelezen: {done} van {total}"


def _keep_downloads(web: Web, verdict: FileVerdict) -> None:
    """The files into the store, out of the verdict: the result page, which stays for a reload,
    keeps only their names, so a download fetched once is gone for good."""
    if verdict.downloads:
        verdict.token = web.store.put(verdict.downloads)
        verdict.downloads = {}
