"""Page "Intake-overzicht": upload the returned passports of a year group, get the overview.

The overview is made in the background (web.jobs): the page then shows its rows as a table to
sort and filter (static/intake.js; without JavaScript the whole table is there) and offers the
spreadsheet once. The uploads lie in the private folder under neutral names (0001.pdf); each is
linked into a subfolder under the user's own name, so the overview names the files as the user
knows them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import pvs
from pvs.limits import MB, limits
from pvs.web import uploads
from pvs.web.jobs import Job, Outcome
from pvs.web.pages.intakerows import (
    COMPLETENESS,
    FLAGS,
    institution_choices,
    return_tables,
    table_rows,
)
from pvs.web.receiving import Received, form_page, receive
from pvs.web.store import Download
from pvs.web.wording import for_the_page

if TYPE_CHECKING:
    from pvs.web.app import Web

PAGE = {
    "path": "/intake",
    "title": "Intake-overzicht",
    "text": (
        "Kies de teruggekomen paspoorten van een jaarlaag en krijg één overzicht: wie compleet "
        "is, wat ontbreekt en wat je bij de intake moet weten."
    ),
}
FILES = "bestanden"
PUPILS = "leerlingen"
MAPPING = "mapping"  # which column of the list of pupils is which, as `pvs intake --mapping`
MOST_FILES = 500
RULES = uploads.Rules(files=((FILES, MOST_FILES), (PUPILS, 1), (MAPPING, 1)), largest_files=20)
SHEET = "intake-overzicht.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAMED = "bestanden"  # the subfolder with each upload under the user's own name
LIST = "lijst"  # the subfolder with the list of pupils under the user's own name
_NO_FILES = "Kies eerst de teruggekomen paspoorten (of een zip-bestand met paspoorten)."
_MOST_NAME_BYTES = 180  # a file system takes 255 bytes in a name; room for " (12)"


def routes(web: Web) -> list[Any]:
    async def form(request: Request) -> Response:
        return form_page(web, request, "intake.html", **_limits())

    async def submit(request: Request) -> Response:
        received = await receive(web, request, RULES, required=(FILES,), no_files=_NO_FILES)
        if isinstance(received, Response):
            return received
        job = web.jobs.start("Intake-overzicht maken", "/intake", _work(received), received.folder)
        return RedirectResponse(f"/taken/{job.id}", status_code=303)

    return [Route("/intake", form), Route("/intake", submit, methods=["POST"])]


def _limits() -> dict[str, int]:
    return {
        "most_files": MOST_FILES,
        "file_mb": limits().file_mb,
        "request_mb": uploads.request_limit(RULES) // MB,
    }


def _work(received: Received) -> Any:
    """The job: the overview of the uploads, its rows for the page and the spreadsheet."""
    sensitive = received.form.fields.get("gevoelig") == "ja"

    def work(job: Job) -> Outcome:
        named = name_uploads(received)
        pupils = _name_list(received)
        mapping = received.form.files_of(MAPPING)
        target = received.folder / SHEET
        try:
            summary = pvs.run_intake(
                [named],
                output=target,
                progress=job.progress,
                pupils=pupils,
                mapping=mapping[0].path if pupils and mapping else None,
                sensitive=sensitive,
                names_from=named,
            )
        except pvs.PvsError as error:  # it names the user's file, not where pvs keeps it
            for folder in (named, received.folder / LIST):
                error.message = error.message.replace(f"{folder}{os.sep}", "")
            error.message = for_the_page(error.message, mapping, received.folder)
            raise
        rows = table_rows(summary.rows)
        context = {
            "summary": summary,
            "rows": rows,
            "institutions": institution_choices(rows),
            "flags": FLAGS,
            "completeness": COMPLETENESS,
            "sensitive": sensitive,
            "returns": return_tables(summary.returns) if summary.returns else None,
            "sheet": SHEET,
        }
        return Outcome(
            "intake-overzicht.html", context, {SHEET: Download(target.read_bytes(), XLSX)}
        )

    return work


def name_uploads(received: Received) -> Path:
    """Each uploaded passport (or zip) linked into a subfolder under the user's own name, made
    safe and unique there; the folder."""
    named = received.folder / NAMED
    named.mkdir(mode=0o700)
    taken: set[str] = set()
    for upload in received.form.files_of(FILES):
        name = unique_name(safe_name(upload.name), taken)
        _link(upload.path, named / name)
    return named


def _name_list(received: Received) -> Path | None:
    """The school's list of pupils under the user's own name, for pvs's messages about it."""
    listed = received.form.files_of(PUPILS)
    if not listed:
        return None
    folder = received.folder / LIST
    folder.mkdir(mode=0o700)
    target = folder / safe_name(listed[0].name)
    _link(listed[0].path, target)
    return target


def safe_name(name: str) -> str:
    """The user's file name as a name in a folder: no folder parts, never '.' or '..', and
    short enough for any file system (the extension kept)."""
    base = name.replace("/", "_").replace("\\", "_").replace("\0", "").strip()
    if base in ("", ".", ".."):
        base = "bestand"
    stem, suffix = os.path.splitext(base)
    while len((stem + suffix).encode("utf-8")) > _MOST_NAME_BYTES and stem:
        stem = stem[:-1]
    return stem + suffix if stem else f"bestand{suffix[:10]}"


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)` (before the extension) when that is taken; case does not count,
    as on Windows and macOS, so a download of the list never has two rows for one file."""
    stem, suffix = os.path.splitext(name)
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem} ({number}){suffix}"
    taken.add(candidate.casefold())
    return candidate


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: a copy in the same private folder
        shutil.copyfile(source, target)
