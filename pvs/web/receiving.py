"""What every page with an upload does first: the CSRF cookie on the form, then the upload
checked and streamed into a private folder of its own.

The folder belongs to the caller from then on: a page that answers at once removes it before
answering, a page that starts a background job hands it to the job (jobs.py removes it).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response

from pvs.web import uploads
from pvs.web.security import (
    CSRF_COOKIE,
    CSRF_REFUSED,
    csrf_matches,
    is_csrf_token,
    new_csrf_token,
)

if TYPE_CHECKING:
    from pvs.web.app import Web

NO_FILES = "Kies eerst een of meer bestanden."
SMALL_FORM = 64 * 1024  # a form without files: a token and a few hundred short choices at most
MOST_FIELDS = 500
TOO_BIG_FORM = "Dit formulier is groter dan een formulier van pvs ooit is. Open de pagina opnieuw."
NOT_A_FORM = "Dit verzoek kwam niet van het formulier van deze pagina. Open de pagina opnieuw."


@dataclass
class Received:
    form: uploads.Form
    folder: Path  # private (0700), holds the uploaded files; the caller removes it

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def form_page(web: Web, request: Request, template: str, **context: Any) -> Response:
    """A page with a form: its CSRF token in the page and in a cookie only this site sends."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if not is_csrf_token(token):  # only a token this server made is carried on
        token = new_csrf_token()
    response = web.html(template, csrf=token, **context)
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


async def receive(
    web: Web,
    request: Request,
    rules: uploads.Rules = uploads.CHECK,
    required: tuple[str, ...] = (uploads.FILE_FIELD,),
    no_files: str = NO_FILES,
) -> Received | Response:
    """The upload in a new private folder, or the Dutch refusal page (nothing kept then).

    `required` names the file inputs that must have at least one file; `no_files` says so."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > uploads.request_limit(rules):
        return web.error(413, uploads.too_large_message(rules))  # refused before reading
    folder = Path(tempfile.mkdtemp(prefix="pvs-web-", dir=web.settings.temp_root))
    refusal = await _refusal(request, folder, rules)
    if isinstance(refusal, uploads.Form):
        if all(refusal.files_of(name) for name in required):
            return Received(refusal, folder)
        refusal = (400, no_files)
    shutil.rmtree(folder, ignore_errors=True)
    return web.error(*refusal)


async def _refusal(
    request: Request, folder: Path, rules: uploads.Rules
) -> uploads.Form | tuple[int, str]:
    """The uploaded form, or the status and Dutch message to refuse it with."""
    cookie = request.cookies.get(CSRF_COOKIE)
    try:
        received = await uploads.receive_form(
            request.headers.get("content-type", ""),
            request.stream(),
            folder,
            lambda sent: csrf_matches(cookie, sent),
            rules,
        )
    except uploads.TooLarge as error:
        return 413, str(error)
    except uploads.CsrfRefused:
        return 403, CSRF_REFUSED
    except uploads.BadForm:
        return 400, NOT_A_FORM
    if not csrf_matches(cookie, received.fields.get("csrf", "")):
        return 403, CSRF_REFUSED
    return received


async def small_form(web: Web, request: Request) -> dict[str, list[str]] | Response:
    """A short form without files (application/x-www-form-urlencoded), bounded, with its CSRF
    token checked; or the Dutch refusal."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        return web.error(400, NOT_A_FORM)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > SMALL_FORM:
            return web.error(413, TOO_BIG_FORM)
    try:
        form = parse_qs(body.decode("utf-8"), max_num_fields=MOST_FIELDS)
    except (UnicodeDecodeError, ValueError):
        return web.error(400, NOT_A_FORM)
    sent = form.get("csrf", [])
    if len(sent) != 1 or not csrf_matches(request.cookies.get(CSRF_COOKIE), sent[0]):
        return web.error(403, CSRF_REFUSED)
    return form
