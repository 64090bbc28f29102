"""Page "Paspoort controleren": upload one or more returned passports, see what is missing.

The upload is streamed into a private folder (uploads.py) that is removed when the answer is
made; what the user may download waits in the store under a token.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pvs.web.pages.verdicts import FileVerdict, judge
from pvs.web.receiving import Received, form_page, receive

if TYPE_CHECKING:
    from pvs.web.app import Web

PAGE = {
    "path": "/controleren",
    "title": "Paspoort controleren",
    "text": "Kies ingevulde paspoorten (PDF, Word of JSON) en zie per stap wat nog ontbreekt.",
}
_NO_FILES = "Kies eerst een of meer bestanden om te controleren."


def routes(web: Web) -> list[Any]:
    async def form(request: Request) -> Response:
        return form_page(web, request, "controleren.html")

    async def submit(request: Request) -> Response:
        received = await receive(web, request, no_files=_NO_FILES)
        if isinstance(received, Response):
            return received
        try:
            verdicts = await run_in_threadpool(judge_all, received)
        finally:
            received.discard()
        for verdict in verdicts:
            _keep_downloads(web, verdict)
        return web.html("resultaat.html", verdicts=verdicts)

    return [Route("/controleren", form), Route("/controleren", submit, methods=["POST"])]


def judge_all(received: Received) -> list[FileVerdict]:
    """Every file judged, several at once: each read runs in a child process of its own
    (pvs/budget.py), so threads keep every processor busy. The order stays the upload's."""
    files = received.form.files
    with ThreadPoolExecutor(max_workers=min(len(files), os.cpu_count() or 1) or 1) as pool:
        return list(pool.map(lambda f: judge(f.name, f.path), files))


def _keep_downloads(web: Web, verdict: FileVerdict) -> None:
    if verdict.downloads:
        verdict.token = web.store.put(verdict.downloads)
