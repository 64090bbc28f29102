"""Page "Paspoorten maken": a school export in, a pre-filled passport per pupil out, zipped.

The upload goes to a private folder that the job owns; pvs.run_batch writes the passports into
it, the zips and the overview are read into memory for download, and the job removes the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import pvs
from pvs.web.jobs import Job, Outcome
from pvs.web.pages.batchview import result_page
from pvs.web.receiving import Received, form_page, receive
from pvs.web.uploads import Rules, Upload
from pvs.web.wording import for_the_page

if TYPE_CHECKING:
    from pvs.web.app import Web

PAGE = {
    "path": "/maken",
    "title": "Paspoorten maken",
    "text": "Kies de leerlingexport (CSV of Excel) en krijg een vooraf ingevuld paspoort per "
    "leerling, in een zip per klas.",
}
TITLE = "Paspoorten maken"
RULES = Rules(files=(("export", 1), ("mapping", 1)), largest_files=2)
FORMATS = {"pdf": ("pdf",), "word": ("docx",), "beide": ("pdf", "docx")}
_NO_EXPORT = "Kies eerst de export met de leerlingen (CSV of Excel)."
_BAD_FORMAT = "Kies PDF, Word of allebei. Open de pagina opnieuw en probeer het nog eens."
_READING = "De export lezen …"


@dataclass(frozen=True)
class BatchRequest:
    """What the form asked for, with the uploads where they lie in the job's folder."""

    export: Upload
    mapping: Upload | None
    formats: tuple[str, ...]
    sheet: str | None
    folder: Path

    def web_words(self, text: str) -> str:
        uploads = [self.export, *([self.mapping] if self.mapping else [])]
        return for_the_page(text, uploads, self.folder)


def routes(web: Web) -> list[Any]:
    async def form(request: Request) -> Response:
        return form_page(web, request, "maken.html")

    async def submit(request: Request) -> Response:
        received = await receive(web, request, RULES, required=("export",), no_files=_NO_EXPORT)
        if isinstance(received, Response):
            return received
        asked = _request(received)
        if asked is None:
            received.discard()
            return web.error(400, _BAD_FORMAT)
        job = web.jobs.start(TITLE, PAGE["path"], lambda job: make(job, asked), received.folder)
        return RedirectResponse(f"/taken/{job.id}", status_code=303)

    return [Route("/maken", form), Route("/maken", submit, methods=["POST"])]


def _request(received: Received) -> BatchRequest | None:
    """The form's choices, or None when the format is not one the form offers."""
    fields, files = received.form.fields, received.form.files_of
    formats = FORMATS.get(fields.get("formaat", "pdf"))
    if formats is None:
        return None
    mapping = files("mapping")
    sheet = " ".join(fields.get("blad", "").split()) or None
    return BatchRequest(
        files("export")[0], mapping[0] if mapping else None, formats, sheet, received.folder
    )


def make(job: Job, asked: BatchRequest) -> Outcome:
    """The job: every passport written into the job's folder, the results kept in memory."""
    job.progress(0, None, _READING)

    def progress(done: int, total: int | None) -> None:
        job.progress(done, total, f"Paspoorten: {done} van {total}" if total else _READING)

    try:
        result = pvs.run_batch(
            asked.export.path,
            output=asked.folder / "paspoorten",
            formats=asked.formats,
            zip=True,
            mapping=asked.mapping.path if asked.mapping else None,
            sheet=asked.sheet,
            progress=progress,
            on_columns=lambda plan: job.progress(0, None, "Kolommen gevonden; paspoorten maken …"),
        )
    except pvs.PvsError as error:  # the same error, in the words of the page
        error.message = asked.web_words(error.message)
        raise
    return result_page(result, asked.export.name, asked.web_words)
