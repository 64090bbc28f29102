"""create_app(settings): the pages, downloads and static files behind the Guard.

Each page is a module in pvs/web/pages with PAGE (its link on the home page) and routes(app);
the home page lists exactly the pages in PAGES, so it never links to one that does not work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pvs.web.jobs import JobRunner
from pvs.web.pages import batch, check, forms, intake, plan
from pvs.web.pages.plan_drafts import Drafts
from pvs.web.security import INTERNAL, Guard
from pvs.web.settings import Settings
from pvs.web.store import ResultStore, attachment

HERE = Path(__file__).parent
PAGES = [check, batch, intake, plan, forms]
_TITLES = {401: "Wachtwoord nodig", 403: "Geweigerd", 404: "Niet gevonden", 413: "Te groot"}
_TITLES |= {500: "Er ging iets mis"}  # any other status: "Dit ging niet goed"


class Web:
    """What the pages share: the settings, the templates and the waiting results."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = ResultStore()
        self.jobs = JobRunner(self.store)
        self.drafts = Drafts()  # the plan drafts a coach is ticking (pages/plan.py)
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            auto_reload=False,  # the templates ship with pvs: no look at the disk per page
        )

    def html(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.templates.get_template(name).render(**context), status)

    def error_page(self, status: int, message: str) -> bytes:
        title = _TITLES.get(status, "Dit ging niet goed")
        page = self.templates.get_template("fout.html")
        return page.render(title=title, message=message).encode("utf-8")

    def error(self, status: int, message: str) -> HTMLResponse:
        return HTMLResponse(self.error_page(status, message), status)


def create_app(settings: Settings) -> Any:
    web = Web(settings)

    async def home(request: Request) -> Response:
        return web.html("home.html", pages=[page.PAGE for page in PAGES])

    async def healthy(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def download(request: Request) -> Response:
        token, name = request.path_params["token"], request.path_params["name"]
        found = web.store.take(token, name, keep=request.method == "HEAD")
        if found is None:
            return web.error(404, _GONE)
        return attachment(found.data, found.media_type, name)

    async def job_page(request: Request) -> Response:
        """A background job: its progress while it runs, then its page's own result."""
        job = web.jobs.get(request.path_params["job"])
        if job is None:
            return web.error(404, _JOB_GONE)
        if job.error:
            return web.html("taakfout.html", job=job)
        if job.outcome is None:
            return web.html("taak.html", job=job)
        return web.html(job.outcome.template, job=job, token=job.token, **job.outcome.context)

    async def job_state(request: Request) -> Response:
        job = web.jobs.get(request.path_params["job"])
        if job is None:
            return JSONResponse({"klaar": True}, 404)  # the page reloads and says it is gone
        return JSONResponse(job.state())

    async def refused(request: Request, exc: Exception) -> Response:
        """Starlette's own refusals (no such page, wrong method) in Dutch."""
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = _NO_PAGE if status in (404, 405) else _BAD_REQUEST
        return web.error(status, message)

    async def broken(request: Request, exc: Exception) -> Response:
        """A bug in pvs: a Dutch page, and not a word of the error (it could quote a passport).
        Starlette would otherwise answer in English plain text before the Guard could."""
        return web.error(500, INTERNAL)

    routes: list[Any] = [
        Route("/", home),
        Route("/gezond", healthy),
        Route("/download/{token}/{name}", download),
        Route("/taken/{job}", job_page),
        Route("/taken/{job}/stand", job_state),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    for page in PAGES:
        routes += page.routes(web)
    handlers = {HTTPException: refused, Exception: broken}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.web = web  # for tests: the store and the jobs behind the pages
    return Guard(app, settings, web.error_page)


_NO_PAGE = "Deze pagina bestaat niet. Begin op de startpagina van pvs."
_BAD_REQUEST = "Dit verzoek kan pvs niet verwerken. Begin opnieuw op de startpagina van pvs."
_JOB_GONE = (
    "Deze taak is er niet meer: pvs bewaart een uitkomst hoogstens 15 minuten, en niets nadat "
    "pvs web is gestopt. Begin opnieuw op de startpagina."
)
_GONE = (
    "Dit bestand is er niet meer: pvs geeft elk resultaat één keer en bewaart het hoogstens "
    "15 minuten. Maak het opnieuw op de pagina waar je het maakte."
)
