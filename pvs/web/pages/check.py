"""Page "Paspoort controleren": upload one or more returned passports, see what is missing.

The upload is streamed into a private folder (uploads.py) that is removed when the answer is
made; what the user may download waits in the store under a token.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pvs.web import uploads
from pvs.web.pages.verdicts import FileVerdict, judge
from pvs.web.security import (
    CSRF_COOKIE,
    CSRF_REFUSED,
    csrf_matches,
    is_csrf_token,
    new_csrf_token,
)

if TYPE_CHECKING:
    from pvs.web.app import Web

PAGE = {
    "path": "/controleren",
    "title": "Paspoort controleren",
    "text": "Kies ingevulde paspoorten (PDF, Word of JSON) en zie per stap wat nog ontbreekt.",
}
_NO_FILES = "Kies eerst een of meer bestanden om te controleren."
_NOT_A_FORM = "Dit verzoek kwam niet van het formulier van deze pagina. Open de pagina opnieuw."


def routes(web: Web) -> list[Any]:
    async def form(request: Request) -> Response:
        token = request.cookies.get(CSRF_COOKIE, "")
        if not is_csrf_token(token):  # only a token this server made is carried on
            token = new_csrf_token()
        response = web.html("controleren.html", csrf=token)
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    async def submit(request: Request) -> Response:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > uploads.request_limit():
            return web.error(413, uploads.too_large_message())  # refused before reading
        cookie = request.cookies.get(CSRF_COOKIE)
        folder = Path(tempfile.mkdtemp(prefix="pvs-web-", dir=web.settings.temp_root))
        try:
            received = await _receive(request, folder, cookie)
            if isinstance(received, tuple):
                return web.error(*received)
            verdicts = [await run_in_threadpool(judge, f.name, f.path) for f in received.files]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        for verdict in verdicts:
            _keep_downloads(web, verdict)
        return web.html("resultaat.html", verdicts=verdicts)

    return [Route("/controleren", form), Route("/controleren", submit, methods=["POST"])]


async def _receive(
    request: Request, folder: Path, cookie: str | None
) -> uploads.Form | tuple[int, str]:
    """The uploaded form, or the status and Dutch message to refuse it with."""
    try:
        received = await uploads.receive_form(
            request.headers.get("content-type", ""),
            request.stream(),
            folder,
            lambda sent: csrf_matches(cookie, sent),
        )
    except uploads.TooLarge as error:
        return 413, str(error)
    except uploads.CsrfRefused:
        return 403, CSRF_REFUSED
    except uploads.BadForm:
        return 400, _NOT_A_FORM
    if not csrf_matches(cookie, received.fields.get("csrf", "")):
        return 403, CSRF_REFUSED
    if not received.files:
        return 400, _NO_FILES
    return received


def _keep_downloads(web: Web, verdict: FileVerdict) -> None:
    if verdict.downloads:
        verdict.token = web.store.put(verdict.downloads)
