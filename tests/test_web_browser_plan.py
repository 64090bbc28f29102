"""The page "Ondersteuningsplan" of `pvs web` in Debian's Chromium, as a coach uses it: choose a
passport, read the draft, tick what was agreed, download the Word plan with those ticks.

The fixtures (tests/web_fixtures.py) fail a test on any request outside the server, a dialog or
an error the browser reports; the server must print no pupil's name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pvs
from pvs.jobs.plan.draft import Plan
from tests.web_fixtures import Visit, tab_to
from tests.web_tools import read_download

pytestmark = pytest.mark.needs("chromium")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
OLENA = SAMPLES / "03-olena-kovalenko.json"
RETURNED = SAMPLES / "terug" / "03-olena-kovalenko.docx"  # as the pupil sent it back, in Word
SCREENSHOTS = Path("/tmp")


def choose(visit: Visit, passport: Path) -> None:
    visit.go("/plan")
    visit.page.set_input_files("input[type=file][name=bestanden]", str(passport))
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name="Plan maken").click()


def test_a_coach_ticks_proposals_and_downloads_the_word_plan_with_those_ticks(
    visit: Visit, tmp_path: Path
) -> None:
    page = visit.page
    choose(visit, RETURNED)
    assert page.locator("h1").inner_text() == "Concept-ondersteuningsplan"
    assert page.locator(".plan-naam").inner_text() == "Олена Коваленко"
    boxes = page.locator("input[type=checkbox][name=voorstel]")
    assert boxes.count() == 4
    reasons = page.locator(".plan-waarom").all_inner_texts()
    assert reasons[2] == (
        "Waarom: Wat de student op het mbo nodig denkt te hebben: „Een lijst met vakwoorden per "
        "vak…”"
    )
    page.screenshot(path=SCREENSHOTS / "pvs-web-plan-concept.png")
    page.get_by_label("Lijst met vakwoorden per vak").check()  # by its label, with the mouse
    tab_to(page, "#voorstel-1-4")  # and one by keyboard
    page.keyboard.press("Space")
    assert page.get_by_label("Extra lessen Nederlands (NT2)").is_checked()
    page.screenshot(path=SCREENSHOTS / "pvs-web-plan-aangevinkt.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Word-document maken").click()
    assert download.value.suggested_filename == "03-olena-kovalenko-ondersteuningsplan.docx"
    target = tmp_path / "plan.docx"
    target.write_bytes(read_download(download.value.path()))
    ticked = [(r["behoefte"], r["id"]) for r in Plan.agreed(target)["afgesproken"]]
    assert ticked == [(1, "woordenlijst"), (1, "nt2_lessen")]
    # The page stays: the coach can also take the plan as data.
    with page.expect_download() as download:
        page.get_by_role("button", name="Concept als JSON downloaden").click()
    data = json.loads(read_download(download.value.path()))
    assert data == pvs.plan(pvs.read(RETURNED).passport).to_dict()


def test_without_consent_the_page_says_why_and_the_box_makes_a_plan(visit: Visit) -> None:
    page = visit.page
    choose(visit, SAMPLES / "02-sukru-yilmaz.json")
    reason = page.locator(".plan-geen .fout").inner_text()
    assert reason.startswith("De jongere heeft geen toestemming gegeven")
    assert "--" not in reason
    page.screenshot(path=SCREENSHOTS / "pvs-web-plan-geen.png", full_page=True)
    page.set_input_files("input[type=file][name=bestanden]", str(SAMPLES / "02-sukru-yilmaz.json"))
    page.get_by_label("Zonder toestemming: een plan zonder gevoelige gegevens").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Plan maken").click()
    assert "geen gevoelige gegevens" in page.locator(".plan-zonder").inner_text()


def test_a_wiped_draft_cannot_make_a_document(visit: Visit) -> None:
    page = visit.page
    choose(visit, OLENA)
    form = {
        "csrf": page.locator("form.plan-vinkjes input[name=csrf]").get_attribute("value"),
        "concept": page.locator("form.plan-vinkjes input[name=concept]").get_attribute("value"),
        "soort": "docx",
    }
    with page.expect_navigation():
        page.get_by_role("button", name="Klaar: concept wissen").click()
    assert page.locator(".plan-melding").inner_text().startswith("Het concept is gewist.")
    # The same form sent again (as from an old tab): the draft is no longer there.
    again = page.request.post(visit.server.origin + "/plan/document", form=form)
    assert again.status == 404
    assert "Dit concept is er niet meer" in again.text()
