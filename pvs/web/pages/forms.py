"""Page "Lege formulieren": the blank passport as PDF and as Word, made in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import pvs

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


def routes(web: Web) -> list[Any]:
    async def page(request: Request) -> Response:
        return web.html("formulieren.html")

    async def blank(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in _MEDIA:
            return web.error(404, "Dit formulier bestaat niet.")
        data = await run_in_threadpool(pvs.render, None, fmt)
        disposition = f'attachment; filename="paspoort-leeg.{fmt}"'
        return Response(data, media_type=_MEDIA[fmt], headers={"content-disposition": disposition})

    return [Route("/formulieren", page), Route("/formulieren/paspoort-leeg.{fmt}", blank)]
