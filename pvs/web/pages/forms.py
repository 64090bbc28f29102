"""Page "Lege formulieren": the blank passport as PDF and as Word, made in memory."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import pvs
from pvs.web.store import attachment

if TYPE_CHECKING:
    from pvs.web.app import Web

PAGE = {
    "path": "/formulieren",
    "title": "Lege formulieren",
    "text": "Download een leeg paspoort om in te vullen: als PDF of als Word-bestand.",
}
_MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


_NO_SUCH_FORM = "Dit formulier bestaat niet. Kies een formulier op de pagina Lege formulieren."


@functools.cache
def blank_form(fmt: pvs.OutputFormat) -> bytes:
    """The blank passport; the same every time, so made once per run."""
    return pvs.render(None, fmt)


def routes(web: Web) -> list[Any]:
    async def page(request: Request) -> Response:
        return web.html("formulieren.html")

    async def blank(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in _MEDIA:
            return web.error(404, _NO_SUCH_FORM)
        name = f"paspoort-leeg.{fmt}"
        data = await run_in_threadpool(blank_form, pvs.output_format(name))
        return attachment(data, _MEDIA[fmt], name)

    return [Route("/formulieren", page), Route("/formulieren/paspoort-leeg.{fmt}", blank)]
