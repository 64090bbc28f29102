"""Fixtures for the tests of `pvs web`, as a plugin: the server-level ones (tests/test_web*.py)
and the browser ones (tests/test_web_browser*.py).

`temp_root` and `client`: the app behind Starlette's TestClient, its uploads in a folder of the
test's own. `form_token(client, path)`: the CSRF token of the form at `path`, checked to be the
cookie's too.

`server`: one `pvs web` per test module, which at the end must have stopped on Ctrl-C having
printed no pupil's name and no traceback. `browser`: Debian's Chromium. `visit`: a fresh
context at 1366×768 per test whose every request is checked: one to another host or port than
the server's fails the test, and so does a JavaScript dialog or an error the browser reports.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright
from starlette.testclient import TestClient

from pvs.web.app import create_app
from pvs.web.settings import Settings
from tests.web_tools import Guard, Server, guarded_context, launch, pvs_web

BASE = "http://127.0.0.1:8000"
XSS = "<img src=x onerror=alert(1)>"
MAX_TABS = 30
LEAKS = ("Traceback", "Sanne", "Yılmaz", "Daan", "Kovalenko", XSS)


@pytest.fixture
def temp_root(tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


@pytest.fixture
def client(temp_root: Path) -> Iterator[TestClient]:
    app = create_app(Settings(port=8000, temp_root=temp_root))
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


def follow_job(client: Any, answer: Any, wait: float = 120.0) -> Any:
    """The page a form's answer leads to: for a job (303 to /taken/<id>), its result once the
    job is done; any other answer as it is. `client` is a TestClient or an httpx client."""
    if answer.status_code != 303:
        return answer
    job = answer.headers["location"]
    deadline = time.monotonic() + wait
    while not client.get(f"{job}/stand").json()["klaar"]:
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.05)
    return client.get(job)


def form_token(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found and client.cookies.get("pvs_csrf") == found.group(1)
    return found.group(1)


@dataclass
class Visit:
    """A page of one browser context, with what its Guard refused and the dialogs it opened."""

    page: Page
    guard: Guard
    server: Server
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        response = self.page.goto(self.server.url + path.lstrip("/"))
        assert response is not None and response.ok, f"{path}: {response and response.status}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    temp = tmp_path_factory.mktemp("tmpdir")  # the server's TMPDIR: its only place to write
    with pvs_web(env={"TMPDIR": str(temp)}) as running:
        yield running
    # After every test here uploaded passports: the console shows no name and no traceback,
    # and the temporary folder holds nothing more.
    console = "".join(running.stderr)
    assert running.process.returncode in (0, 130), console  # stopped by Ctrl-C, not killed
    for leak in LEAKS:
        assert leak not in console, f"pvs web printed {leak!r}:\n{console}"
    assert list(temp.iterdir()) == [], "pvs web left files in its temporary folder"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser: Browser, server: Server) -> Iterator[Visit]:
    context, guard = guarded_context(browser, server)
    page = context.new_page()
    visit = Visit(page, guard, server)

    def dialog(d: Dialog) -> None:
        visit.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    # A blocked stylesheet or script (CSP) shows only here: the page would still load.
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
    page.on("pageerror", lambda e: visit.console_errors.append(str(e)))
    yield visit
    context.close()
    assert not guard.refused, f"the page asked for something outside pvs: {guard.refused}"
    assert not visit.dialogs, f"the page opened a dialog: {visit.dialogs}"
    assert not visit.console_errors, f"the browser reported errors: {visit.console_errors}"


def check_files(visit: Visit, *paths: Path) -> None:
    """Upload `paths` on the check page and wait for the result page."""
    visit.go("/controleren")
    visit.page.set_input_files("input[type=file][name=bestanden]", [str(p) for p in paths])
    with visit.page.expect_navigation():
        visit.page.locator("form [type=submit]").first.click()
    wait_for_verdicts(visit.page)


def wait_for_verdicts(page: Page) -> None:
    """The check runs as a job: a large one shows the progress page first, which reloads
    itself into the verdicts."""
    page.locator("section.bestand").first.wait_for(timeout=120_000)


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the keyboard focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reaches {selector}")
