"""`pvs web` in a real browser: Debian's Chromium, driven by Playwright, as school staff use it.

The fixtures (tests/web_fixtures.py): one server for the module (`python -m pvs web`); each
test gets a fresh browser context at 1366×768 whose every request is checked: one to another
host or port than the server's fails the test, and so does a JavaScript dialog or an error the
browser reports (a stylesheet the CSP blocks). When the module ends, the server must stop on
Ctrl-C having printed no pupil's name.
"""

from __future__ import annotations

import io
import json
import socket
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, FileChooser, Route

import pvs
from tests.web_fixtures import XSS, Visit, check_files, tab_to, wait_for_verdicts
from tests.web_tools import Server, launch, read_download

pytestmark = pytest.mark.needs("chromium")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TERUG = SAMPLES / "terug"
RETURNED_PDF = TERUG / "02-sukru-yilmaz.pdf"
JSON_PASSPORT = SAMPLES / "01-sanne-de-vries.json"


def test_a_returned_pdf_checked_by_keyboard_shows_name_and_verdicts(
    visit: Visit, tmp_path: Path
) -> None:
    page = visit.page
    # Intercept file choosers from the start: enabled only inside expect_file_chooser, the
    # interception can come after the key press, and the chooser then opens unseen.
    chosen: list[FileChooser] = []
    page.on("filechooser", lambda chooser: chosen.append(chooser))
    visit.go("/controleren")
    tab_to(page, "input[type=file]")
    page.keyboard.press("Space")  # Chromium opens a file input on Space, not on Enter
    for _ in range(50):  # the event comes a few round trips after the key press
        if chosen:
            break
        page.wait_for_timeout(100)
    assert len(chosen) == 1, "Space on the file field opened no file chooser"
    chosen[0].set_files(str(RETURNED_PDF))
    tab_to(page, "form [type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_for_verdicts(page)

    passport = pvs.read(RETURNED_PDF).passport
    result = page.locator("section.bestand")
    assert result.count() == 1
    assert RETURNED_PDF.name in result.locator("h2").inner_text()
    assert result.locator(".naam").inner_text().strip() == pvs.display_name(passport)
    verdicts = result.locator(".oordeel")
    assert verdicts.count() == len(pvs.STAGES)
    for stage, shown in zip(pvs.STAGES, verdicts.all_inner_texts(), strict=True):
        report = pvs.check(passport, stage)
        assert stage in shown.lower() and "%" in shown, shown
        assert report.verdict in shown.lower(), shown
    assert result.locator("ul.problemen li").count() > 0  # plaatsing is incomplete for Şükrü
    page.screenshot(path=tmp_path / "controleren-resultaat.png")


def test_a_json_passport_is_checked_and_downloads_once(visit: Visit) -> None:
    check_files(visit, JSON_PASSPORT)
    link = visit.page.locator("section.bestand a.download-json")
    with visit.page.expect_download() as download:
        link.click()
    data = json.loads(read_download(download.value.path()))
    sent = json.loads(JSON_PASSPORT.read_text(encoding="utf-8"))
    assert data["jongere"] == sent["jongere"]
    # A result waits to be fetched once, then it is gone (privacy: nothing lingers).
    again = visit.page.request.get(visit.server.origin + link.get_attribute("href"))
    assert again.status in (404, 410)


def test_html_in_a_pupil_name_or_a_file_name_is_shown_as_text(visit: Visit) -> None:
    data = json.loads(JSON_PASSPORT.read_text(encoding="utf-8"))
    data["jongere"]["roepnaam"] = XSS
    name = f"{XSS}.json"
    visit.go("/controleren")
    visit.page.set_input_files(
        "input[type=file][name=bestanden]",
        {"name": name, "mimeType": "application/json", "buffer": json.dumps(data).encode()},
    )
    with visit.page.expect_navigation():
        visit.page.locator("form [type=submit]").first.click()
    wait_for_verdicts(visit.page)

    result = visit.page.locator("section.bestand")
    assert XSS in result.locator(".naam").inner_text()
    assert XSS in result.locator("h2").inner_text()
    assert visit.page.locator("main img, main script").count() == 0
    assert "/x" not in visit.guard.paths
    assert not visit.dialogs


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_post_from_another_site_is_refused(visit: Visit) -> None:
    """Even with a valid token and the cookie, a form on another origin gets 403."""
    page = visit.page
    visit.go("/controleren")
    token = page.input_value("input[name=csrf]")
    elsewhere = f"http://127.0.0.1:{_free_port()}"
    other = f"{elsewhere}/aanval.html"
    attack = (
        f'<form method="post" enctype="multipart/form-data" action="{visit.server.url}controleren">'
        f'<input type="hidden" name="csrf" value="{token}">'
        '<input type="file" name="bestanden"><button type="submit">Stuur</button></form>'
    )

    def serve(route: Route) -> None:
        found = route.request.url == other
        route.fulfill(status=200 if found else 404, content_type="text/html", body=attack)

    # Registered after the guard, so it answers first: the page never leaves the browser.
    page.context.route(f"{elsewhere}/**", serve)
    page.goto(other)
    page.set_input_files("input[name=bestanden]", str(JSON_PASSPORT))
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("button").click()
    assert answer.value.status == 403
    page.wait_for_load_state()
    assert page.locator("section.bestand").count() == 0
    assert "Sanne" not in page.content()
    assert "geweigerd" in page.inner_text("main").lower()
    # Chromium logs the refused POST itself; anything else still fails the test.
    visit.console_errors[:] = [e for e in visit.console_errors if "403" not in e]


def test_a_hostile_name_that_resolves_to_this_computer_is_refused(
    browser: Browser, server: Server
) -> None:
    """DNS rebinding: a site whose name comes to point at 127.0.0.1 would be same-origin with
    pvs web in the browser's eyes; the Host header still names it, and pvs refuses it."""
    port = urlsplit(server.url).port
    rebinding = launch(browser.browser_type, "--host-resolver-rules=MAP rebind.example 127.0.0.1")
    try:
        page = rebinding.new_page()
        answer = page.goto(f"http://rebind.example:{port}/controleren")
        assert answer is not None and answer.status == 403
        assert "geweigerd" in page.inner_text("main").lower()
        assert page.locator("input[name=csrf]").count() == 0  # no token to steal
        # What a rebinding site's own script would try next: read a download, same-origin.
        fetched = page.evaluate("() => fetch('/formulieren/paspoort-leeg.pdf').then(r => r.status)")
        assert fetched == 403
    finally:
        rebinding.close()


def test_several_files_at_once_each_get_a_result_and_a_plan_only_with_consent(
    visit: Visit, tmp_path: Path
) -> None:
    unreadable = tmp_path / "kapot.pdf"
    unreadable.write_bytes(b"%PDF-1.7 dit is geen paspoort")
    files = [
        TERUG / "10-daan-van-den-berg.pdf",
        TERUG / "03-olena-kovalenko.docx",
        RETURNED_PDF,  # Şükrü gave no consent to share with his mbo coach
        unreadable,
    ]
    check_files(visit, *files)

    results = visit.page.locator("section.bestand")
    assert [h.strip() for h in results.locator("h2").all_inner_texts()] == [f.name for f in files]
    *readable, broken = results.all()
    assert broken.locator(".fout").inner_text().strip()
    assert broken.locator(".naam").count() == 0
    # A plan link exactly where pvs.plan makes one: never without consent (domain.md §4).
    for section, path in zip(readable, files, strict=False):
        expected = 1 if _plan_allowed(path) else 0
        assert section.locator("a.download-plan").count() == expected, path.name
    assert readable[2].locator("a.download-plan").count() == 0
    daan = readable[0]
    with visit.page.expect_download() as download:
        daan.locator("a.download-plan").click()
    with zipfile.ZipFile(io.BytesIO(read_download(download.value.path()))) as docx:
        assert "word/document.xml" in docx.namelist()


def _plan_allowed(path: Path) -> bool:
    try:
        pvs.plan(pvs.read(path).passport)
    except pvs.PvsError:
        return False
    return True


@pytest.mark.parametrize(("link", "looks_right"), [("#leeg-pdf", "pdf"), ("#leeg-docx", "docx")])
def test_the_blank_forms_download(visit: Visit, link: str, looks_right: str) -> None:
    visit.go("/formulieren")
    with visit.page.expect_download() as download:
        visit.page.locator(f"a{link}").click()
    body = read_download(download.value.path())
    assert download.value.suggested_filename == f"paspoort-leeg.{looks_right}"
    if looks_right == "pdf":
        assert body.startswith(b"%PDF")
    else:
        with zipfile.ZipFile(io.BytesIO(body)) as docx:
            assert "word/document.xml" in docx.namelist()
