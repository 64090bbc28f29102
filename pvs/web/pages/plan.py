"""Page "Ondersteuningsplan": one passport in, the draft plan in the page, the coach ticks the
proposals agreed, and pvs makes the Word document with exactly those ticked.

The passport's upload folder is removed before the draft is shown; the plan made from it waits
in memory (plan_drafts.py) under a token that the page's second form carries back with the
ticked proposals. The Word document and the JSON are made from that draft and sent at once.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import pvs
from pvs.web import uploads
from pvs.web.pages.verdicts import BUG, DOCX, safe_stem
from pvs.web.receiving import NOT_A_FORM, Received, form_page, receive, small_form
from pvs.web.store import attachment
from pvs.web.wording import PASSWORD_FIELD, WITHOUT_CONSENT_BOX, for_the_page

if TYPE_CHECKING:
    from pvs.web.app import Web

PAGE = {
    "path": "/plan",
    "title": "Ondersteuningsplan",
    "text": "Kies een paspoort, bekijk het concept-ondersteuningsplan, vink de voorstellen aan "
    "die je afspreekt en download het als Word-document.",
}
RULES = uploads.Rules(files=((uploads.FILE_FIELD, 1),), largest_files=2)
LENGTHS = {"automatisch": None, "eenjarig": "eenjarig", "meerjarig": "meerjarig"}
_NO_FILE = "Kies eerst een paspoort (PDF, Word of JSON)."
_BAD_DATE = "De startdatum is geen geldige datum. Kies een datum of laat het vak leeg."
_BAD_LENGTH = "Kies bij 'Duur van de opleiding' een van de keuzes uit de lijst."
_DRAFT_GONE = (
    "Dit concept is er niet meer: pvs bewaart het hoogstens 15 minuten, en niets nadat pvs web "
    "is gestopt of nadat je het hebt gewist. Kies het paspoort opnieuw op de pagina "
    "Ondersteuningsplan."
)
_A_PLAN = (
    "{name} is een ondersteuningsplan dat pvs al heeft gemaakt, geen paspoort. Kies het "
    "paspoort van de jongere (PDF, Word of JSON)."
)
_WIPED = "Het concept is gewist. Kies een paspoort om een nieuw plan te maken."


@dataclass(frozen=True)
class Options:
    length: str | None = None
    start: datetime.date | None = None
    programme: str | None = None
    without_consent: bool = False
    password: str | None = None


@dataclass
class Made:
    """A plan, or the Dutch reason there is none and the status to answer it with: 200 when
    the passport was fine but gives no plan, 400 for the file, 500 for a bug in pvs."""

    plan: pvs.Plan | None = None
    reason: str = ""
    status: int = 200
    doubts: tuple[str, ...] = ()


def routes(web: Web) -> list[Any]:
    drafts = web.drafts

    def the_form(request: Request, status: int = 200, **context: Any) -> Response:
        return form_page(
            web,
            request,
            "plan.html",
            status=status,
            without_consent_box=WITHOUT_CONSENT_BOX,
            password_field=PASSWORD_FIELD,
            **context,
        )

    async def form(request: Request) -> Response:
        return the_form(request)

    async def submit(request: Request) -> Response:
        received = await receive(web, request, RULES, no_files=_NO_FILE)
        if isinstance(received, Response):
            return received
        try:
            options = _options(received.form.fields)
            if isinstance(options, str):
                return the_form(request, 400, fout=options)
            made = await run_in_threadpool(make_plan, received, options)
        finally:
            received.discard()
        if made.plan is None:
            return the_form(request, made.status, fout=made.reason)
        name = received.form.files_of(uploads.FILE_FIELD)[0].name
        token = drafts.put(made.plan, safe_stem(name))
        return form_page(
            web,
            request,
            "plan_concept.html",
            concept=token,
            file_name=name,
            plan=made.plan.for_reading(),
            doubts=made.doubts,
        )

    async def document(request: Request) -> Response:
        """The Word document with the ticked proposals ticked, or the plan as JSON."""
        form = await small_form(web, request)
        if isinstance(form, Response):
            return form
        draft = drafts.get(_one(form, "concept"))
        if draft is None:
            return web.error(404, _DRAFT_GONE)
        kind = _one(form, "soort")
        if kind not in ("docx", "json"):
            return web.error(400, NOT_A_FORM)
        if kind == "json":
            text = json.dumps(draft.plan.to_dict(), ensure_ascii=False, indent=2) + "\n"
            name = f"{draft.stem}-ondersteuningsplan.json"
            return attachment(text.encode("utf-8"), "application/json", name)
        ticked = form.get("voorstel", [])
        if not set(ticked) <= set(draft.plan.proposal_keys()):
            return web.error(400, NOT_A_FORM)
        data = await run_in_threadpool(draft.plan.to_docx, ticked)
        return attachment(data, DOCX, f"{draft.stem}-ondersteuningsplan.docx")

    async def wipe(request: Request) -> Response:
        form = await small_form(web, request)
        if isinstance(form, Response):
            return form
        drafts.drop(_one(form, "concept"))
        return the_form(request, melding=_WIPED)

    return [
        Route("/plan", form),
        Route("/plan", submit, methods=["POST"]),
        Route("/plan/document", document, methods=["POST"]),
        Route("/plan/wissen", wipe, methods=["POST"]),
    ]


def make_plan(received: Received, options: Options) -> Made:
    """Read the one passport and make its plan; an error becomes its Dutch message for the
    page, and a bug in pvs a message that quotes nothing (its text could hold the passport)."""
    upload = received.form.files_of(uploads.FILE_FIELD)[0]
    try:
        if pvs.Plan.is_plan_file(upload.path):
            return Made(reason=_A_PLAN.format(name=upload.name), status=400)
        read = pvs.read(upload.path, name=upload.name, password=options.password)
        plan = pvs.plan(
            read.passport,
            start_date=options.start,
            programme=options.programme,
            without_consent=options.without_consent,
            length=options.length,
        )
    except pvs.NoPlan as error:
        return Made(reason=for_the_page(error.message))
    except pvs.PvsError as error:
        return Made(reason=for_the_page(error.message), status=400)
    except Exception:  # a bug in pvs; its text could quote the passport, so it is not shown
        return Made(reason=BUG, status=500)
    return Made(plan, doubts=tuple(doubt.message for doubt in read.doubts))


def _options(fields: dict[str, str]) -> Options | str:
    """The choices on the form, or the Dutch reason one is not valid."""
    length = fields.get("duur") or "automatisch"
    if length not in LENGTHS:
        return _BAD_LENGTH
    start = None
    if fields.get("startdatum", "").strip():
        try:
            start = datetime.date.fromisoformat(fields["startdatum"].strip())
        except ValueError:
            return _BAD_DATE
    return Options(
        length=LENGTHS[length],
        start=start,
        programme=fields.get("opleiding", "").strip() or None,
        without_consent=fields.get("zonder_toestemming") == "ja",
        password=fields.get("wachtwoord") or None,
    )


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name, [])
    return values[0] if len(values) == 1 else ""
