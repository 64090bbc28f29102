"""The page "Ondersteuningsplan" of `pvs web` at the server level (Starlette's TestClient):
the draft in the page, the ticked proposals in the Word document, the reasons there is no plan,
and what the page keeps (a draft in memory for 15 minutes, nothing on disk).

In a real browser: tests/test_web_browser_plan.py.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

import pvs
from pvs.cli import cli
from pvs.jobs.plan.content import CONSENT_WITHDRAWN, NO_CONSENT, NOT_FOR_MBO
from pvs.jobs.plan.draft import Plan
from pvs.limits import MB, check_file_size
from pvs.web.pages.plan_drafts import Drafts
from pvs.web.wording import for_the_page
from tests.conftest import SAMPLES, load_json
from tests.test_privacy import MARK, marked_passport
from tests.web_fixtures import form_token

BASE = "http://127.0.0.1:8000"
XSS = "<img src=x onerror=alert(1)>"
OLENA = SAMPLES / "03-olena-kovalenko.json"
DAAN = SAMPLES / "10-daan-van-den-berg.json"
OLENA_DATA = load_json(OLENA)


def drafts(client: TestClient) -> Drafts:
    drafts: Drafts = client.app.app.state.web.drafts  # type: ignore[attr-defined]
    return drafts


def csrf_of(client: TestClient) -> str:
    return form_token(client, "/plan")


def make(client: TestClient, source: Path | tuple[str, bytes], **fields: str) -> Any:
    """Upload one passport on the plan page, as its form sends it."""
    part = (source.name, source.read_bytes()) if isinstance(source, Path) else source
    data = {"csrf": csrf_of(client), **fields}
    return client.post("/plan", data=data, files=[("bestanden", part)])


def concept_of(page: str) -> str:
    found = re.search(r'name="concept" value="([\w-]{43})"', page)
    assert found, "the draft page carries its token"
    return found.group(1)


def proposals(page: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="voorstel" value="([^"]+)"', page)


def document(client: TestClient, concept: str, *ticked: str, kind: str = "docx") -> Any:
    fields = [("csrf", client.cookies["pvs_csrf"]), ("concept", concept), ("soort", kind)]
    fields += [("voorstel", key) for key in ticked]
    return client.post(
        "/plan/document",
        content="&".join(f"{k}={v}" for k, v in fields),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )


def agreed(content: bytes, tmp_path: Path) -> list[tuple[int, str]]:
    target = tmp_path / "plan.docx"
    target.write_bytes(content)
    rows = Plan.agreed(target)["afgesproken"]
    return [(r["behoefte"], r["id"]) for r in rows]


def text(page: str) -> str:
    """The page's words, without markup, as a reader sees them."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


# --- the form ---------------------------------------------------------------------------------


def test_the_home_page_links_the_plan_page(client: TestClient) -> None:
    assert '<a href="/plan">Ondersteuningsplan</a>' in client.get("/").text


def test_the_form_asks_one_passport_and_the_choices(client: TestClient) -> None:
    page = client.get("/plan").text
    assert page.index('name="csrf"') < page.index('type="file"')
    (file_input,) = re.findall(r"<input type=\"file\"[^>]*>", page, re.S)
    assert 'name="bestanden"' in file_input and "multiple" not in file_input
    options = re.findall(r'<option value="([^"]+)"', page)
    assert options == ["automatisch", "eenjarig", "meerjarig"]
    assert 'type="date" id="startdatum" name="startdatum"' in page
    for control in ("duur", "startdatum", "opleiding", "zonder_toestemming", "wachtwoord"):
        assert f'<label for="{control}">' in page


# --- the draft --------------------------------------------------------------------------------


def test_the_draft_shows_the_needs_with_ranked_proposals_and_their_reasons(
    client: TestClient, temp_root: Path
) -> None:
    answer = make(client, OLENA)
    assert answer.status_code == 200
    words = text(answer.text)
    assert "Олена Коваленко" in words
    assert "1. Leren (lezen, schrijven, rekenen)" in words
    assert proposals(answer.text) == [
        "1:extra_tijd",
        "1:woordenboek_toetsen",
        "1:woordenlijst",
        "1:nt2_lessen",
    ]
    assert (
        "Waarom: Wat de student op het mbo nodig denkt te hebben: „…een woordenboek en extra "
        "tijd bij toetsen als dat mag.”" in words
    )
    assert "Soort afspraak: gewone begeleiding Gewone begeleiding: het paspoort noemt" in words
    assert "Doorzetten, volgens de student heel goed (5 van 5)" in words
    assert "Mirjam Schouten" in words and "Оксана Коваленко" in words
    assert "Opstartgesprek (6 tot 8 weken na de start) 20-10-2027" in words
    assert "01-09-2027 (cohort 2027-2028), meerjarig" in words
    assert 'id="voorstel-1-1"' in answer.text and '<label for="voorstel-1-1">' in answer.text
    assert list(temp_root.iterdir()) == []
    assert len(drafts(client)) == 1


def test_a_need_for_an_ondersteuningsafspraak_says_so(client: TestClient) -> None:
    words = text(make(client, SAMPLES / "09-mila-jansen.json").text)
    assert "Soort afspraak: ondersteuningsafspraak Ondersteuningsafspraak (" in words
    assert "gewone begeleiding" not in words


def test_the_choices_reach_the_plan(client: TestClient) -> None:
    words = text(make(client, OLENA, duur="eenjarig", startdatum="2028-02-01").text)
    assert "01-02-2028 (cohort 2028-2029), eenjarig" in words


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"duur": "driejarig"}, "Kies bij 'Duur van de opleiding' een van de keuzes"),
        ({"startdatum": "31-02-2028"}, "De startdatum is geen geldige datum."),
    ],
)
def test_a_choice_that_is_not_valid_is_said_on_the_form(
    client: TestClient, temp_root: Path, fields: dict[str, str], message: str
) -> None:
    answer = make(client, OLENA, **fields)
    assert answer.status_code == 400
    assert message in text(answer.text)
    assert 'type="file"' in answer.text  # the form again, to try once more
    assert list(temp_root.iterdir()) == [] and len(drafts(client)) == 0


# --- the Word document and the JSON -----------------------------------------------------------


def test_the_word_document_has_exactly_the_ticked_proposals_ticked(
    client: TestClient, tmp_path: Path
) -> None:
    page = make(client, DAAN).text
    assert {"4:rekenkaart", "3:planningscoaching"} <= set(proposals(page))
    answer = document(client, concept_of(page), "4:rekenkaart", "3:planningscoaching")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''10-daan-van-den-berg-ondersteuningsplan.docx"
    )
    assert agreed(answer.content, tmp_path) == [(3, "planningscoaching"), (4, "rekenkaart")]
    # pvs extract reads the same document the same way
    source = tmp_path / "plan.docx"
    result = CliRunner().invoke(cli, ["extract", str(source)])
    assert result.exit_code == 0, result.output
    extracted = json.loads(result.stdout)
    assert [r["id"] for r in extracted["afgesproken"]] == ["planningscoaching", "rekenkaart"]
    assert len(extracted["niet_afgesproken"]) == len(proposals(page)) - 2


def test_the_draft_can_be_ticked_again_within_its_lifetime(
    client: TestClient, tmp_path: Path
) -> None:
    concept = concept_of(make(client, OLENA).text)
    assert agreed(document(client, concept, "1:nt2_lessen").content, tmp_path) == [
        (1, "nt2_lessen")
    ]
    assert agreed(document(client, concept).content, tmp_path) == []


def test_the_plan_as_json_is_the_plan_of_the_api(client: TestClient) -> None:
    concept = concept_of(make(client, OLENA).text)
    answer = document(client, concept, kind="json")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert "03-olena-kovalenko-ondersteuningsplan.json" in answer.headers["content-disposition"]
    assert json.loads(answer.content) == pvs.plan(load_json(OLENA)).to_dict()


def test_a_proposal_not_in_the_plan_is_refused(client: TestClient) -> None:
    concept = concept_of(make(client, OLENA).text)
    answer = document(client, concept, "1:extra_tijd", "7:iets_anders")
    assert answer.status_code == 400
    assert "niet van het formulier van deze pagina" in text(answer.text)


def test_an_unknown_kind_of_document_is_refused(client: TestClient) -> None:
    concept = concept_of(make(client, OLENA).text)
    assert document(client, concept, kind="pdf").status_code == 400


def test_the_tick_form_needs_its_csrf_token(client: TestClient) -> None:
    concept = concept_of(make(client, OLENA).text)
    answer = client.post(
        "/plan/document",
        content=f"csrf=nep&concept={concept}&soort=docx",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 403
    assert "PK" not in answer.text[:2]


def test_the_tick_form_is_short_and_plain(client: TestClient) -> None:
    concept = concept_of(make(client, OLENA).text)
    csrf = client.cookies["pvs_csrf"]
    fields = {"csrf": csrf, "concept": concept, "soort": "docx"}
    as_upload = client.post("/plan/document", data=fields, files=[("x", ("", b""))])
    assert as_upload.request.headers["content-type"].startswith("multipart/form-data")
    assert as_upload.status_code == 400
    padded = f"csrf={csrf}&concept={concept}&soort=docx&x={'a' * 70_000}"
    too_long = client.post(
        "/plan/document",
        content=padded,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert too_long.status_code == 413


def test_an_expired_draft_is_gone(client: TestClient) -> None:
    concept = concept_of(make(client, OLENA).text)
    drafts(client).lifetime = -1  # as if 15 minutes had passed
    answer = document(client, concept, "1:extra_tijd")
    assert answer.status_code == 404
    assert "Dit concept is er niet meer: pvs bewaart het hoogstens 15 minuten" in answer.text
    assert len(drafts(client)) == 0


def test_a_wiped_draft_is_gone_at_once(client: TestClient) -> None:
    concept = concept_of(make(client, OLENA).text)
    answer = client.post(
        "/plan/wissen",
        content=f"csrf={client.cookies['pvs_csrf']}&concept={concept}",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 200 and "Het concept is gewist." in answer.text
    assert len(drafts(client)) == 0
    assert document(client, concept).status_code == 404


def test_a_made_up_token_finds_nothing(client: TestClient) -> None:
    csrf_of(client)
    assert document(client, "x" * 43).status_code == 404


# --- no plan ----------------------------------------------------------------------------------


def test_without_consent_the_page_says_why_and_how_on_this_page(
    client: TestClient, temp_root: Path
) -> None:
    answer = make(client, SAMPLES / "02-sukru-yilmaz.json")
    assert answer.status_code == 200
    words = text(answer.text)
    assert "Geen ondersteuningsplan" in words
    assert "De jongere heeft geen toestemming gegeven om het paspoort te delen" in words
    assert (
        "kies het paspoort opnieuw op de pagina Ondersteuningsplan en vink 'Zonder toestemming: "
        "een plan zonder gevoelige gegevens' aan." in words
    )
    assert "--" not in words
    assert 'name="concept"' not in answer.text and len(drafts(client)) == 0
    assert list(temp_root.iterdir()) == []


def test_without_consent_the_box_makes_a_plan_without_sensitive_data(client: TestClient) -> None:
    answer = make(client, SAMPLES / "02-sukru-yilmaz.json", zonder_toestemming="ja")
    words = text(answer.text)
    assert "Dit concept bevat daarom geen gevoelige gegevens" in words
    assert proposals(answer.text) == []


def test_a_withdrawn_consent_gives_no_plan_even_with_the_box(client: TestClient) -> None:
    answer = make(client, SAMPLES / "18-huong-nguyen.json", zonder_toestemming="ja")
    assert text(answer.text).count(CONSENT_WITHDRAWN) == 1


@pytest.mark.parametrize(
    ("sample", "going"),
    [
        ("05-stefan-popescu.json", "Deze jongere gaat werken (uitstroomprofiel arbeidsmarkt)"),
        ("06-eleni-papadopoulou.json", "Deze jongere gaat naar dagbesteding"),
    ],
)
def test_off_the_route_to_the_mbo_the_page_says_why(
    client: TestClient, sample: str, going: str
) -> None:
    words = text(make(client, SAMPLES / sample).text)
    assert going in words
    assert "die maakt pvs nog niet op deze webpagina, wel met de opdracht 'pvs overdracht'" in words
    assert "--voor" not in words


def test_a_file_that_is_no_passport_is_said_in_dutch(client: TestClient, temp_root: Path) -> None:
    answer = make(client, ("kapot.pdf", b"%PDF-1.7 dit is geen pdf"))
    assert answer.status_code == 400
    words = text(answer.text)
    assert "Geen ondersteuningsplan" in words and "kapot.pdf" in words
    assert "Traceback" not in answer.text
    assert list(temp_root.iterdir()) == []


def test_a_plan_instead_of_a_passport_is_named(client: TestClient) -> None:
    plan = pvs.plan(load_json(OLENA)).to_docx()
    answer = make(client, ("plan-olena.docx", plan))
    assert answer.status_code == 400
    assert "plan-olena.docx is een ondersteuningsplan dat pvs al heeft gemaakt, geen paspoort." in (
        text(answer.text)
    )


def test_no_file_is_refused_in_dutch(client: TestClient) -> None:
    empty = ("bestanden", ("", b"", "application/octet-stream"))  # as a browser sends it
    answer = client.post("/plan", data={"csrf": csrf_of(client)}, files=[empty])
    assert answer.status_code == 400
    assert "Kies eerst een paspoort (PDF, Word of JSON)." in answer.text


def test_two_passports_at_once_are_refused(client: TestClient, temp_root: Path) -> None:
    parts = [("bestanden", (p.name, p.read_bytes())) for p in (OLENA, DAAN)]
    answer = client.post("/plan", data={"csrf": csrf_of(client)}, files=parts)
    assert answer.status_code == 413
    assert list(temp_root.iterdir()) == [] and len(drafts(client)) == 0


# --- what the page shows of the pupil's words --------------------------------------------------


def test_markup_in_the_pupils_words_shows_as_text(client: TestClient) -> None:
    data = load_json(OLENA)
    data["jongere"]["roepnaam"] = XSS
    data["wat_heb_ik_nodig"]["behoeften"][0]["nodig_in_mbo"] = f"extra tijd {XSS}"
    answer = make(client, (f"{XSS}.json", json.dumps(data).encode()))
    assert answer.status_code == 200
    assert "<img" not in answer.text
    assert answer.text.count("&lt;img src=x onerror=alert(1)&gt;") >= 3  # name, words, file


# --- the messages in the words of the page ----------------------------------------------------


@pytest.mark.parametrize("message", [NO_CONSENT, *NOT_FOR_MBO.values()])
def test_no_plan_message_names_no_command_line_option(message: str) -> None:
    assert "--" in message  # pvs's own message speaks to the command line
    assert "--" not in for_the_page(message)


def test_a_limit_says_how_pvs_web_is_started_with_more_room() -> None:
    with pytest.raises(pvs.UnreadableFile) as raised:
        check_file_size(30 * MB, "groot.pdf")
    shown = for_the_page(raised.value.message)
    assert "'pvs --max-mb N web'" in shown and "stop pvs web met Ctrl-C" in shown
    assert "..." not in shown


def test_a_password_is_asked_on_the_page(client: TestClient) -> None:
    locked = ("beveiligd.pdf", pvs.render(OLENA_DATA, "pdf", password="geheim"))
    words = text(make(client, locked).text)
    assert "beveiligd.pdf is beveiligd met een wachtwoord. Vul het wachtwoord in bij " in words
    assert "'Wachtwoord van de PDF' en kies het bestand opnieuw." in words
    assert "--wachtwoord" not in words
    answer = make(client, locked, wachtwoord="geheim")
    assert proposals(answer.text)[:2] == ["1:extra_tijd", "1:woordenboek_toetsen"]


# --- the plan's Word document with boxes ticked beforehand -------------------------------------


def test_to_docx_ticks_the_agreed_proposals_and_refuses_unknown_ones(tmp_path: Path) -> None:
    plan = pvs.plan(load_json(DAAN))
    assert agreed(plan.to_docx(), tmp_path) == []
    assert agreed(plan.to_docx(agreed=["5:wijkteam", "1:aparte_ruimte"]), tmp_path) == [
        (1, "aparte_ruimte"),
        (5, "wijkteam"),
    ]
    with pytest.raises(pvs.UsageError, match="geen voorstel 9:x"):
        plan.to_docx(agreed=["9:x"])


# --- privacy: the markers of tests/test_privacy.py ---------------------------------------------


def test_a_plan_without_consent_shows_and_gives_no_sensitive_value(client: TestClient) -> None:
    data = marked_passport()
    data["toestemming"]["delen_met"]["begeleider"]["gegeven"] = False
    sent = ("paspoort.json", json.dumps(data, ensure_ascii=False).encode())
    refused = make(client, sent)
    assert "geen toestemming" in refused.text and MARK not in refused.text
    page = make(client, sent, zonder_toestemming="ja").text
    assert "geen gevoelige gegevens" in page and MARK not in page
    concept = concept_of(page)
    assert MARK not in document(client, concept, kind="json").text
    with zipfile.ZipFile(io.BytesIO(document(client, concept).content)) as docx:
        assert MARK not in docx.read("word/document.xml").decode("utf-8")


def test_a_bug_in_pvs_quotes_nothing_of_the_passport(
    client: TestClient, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError(f"{MARK}-in-een-fout")

    monkeypatch.setattr(pvs, "plan", broken)
    answer = make(client, OLENA)
    assert answer.status_code == 500
    assert "Er ging iets mis in pvs zelf" in answer.text and MARK not in answer.text
    assert list(temp_root.iterdir()) == []
