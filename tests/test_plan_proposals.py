"""What the plan proposes and says: from the student's own words, for the coach who signs it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

import pvs
from pvs.jobs.plan.agreements import DYSLEXIA_CAP
from pvs.jobs.plan.catalogue import load_catalogue
from pvs.jobs.plan.evaluations import add_months
from pvs.jobs.plan.proposals import MAX_PROPOSALS, propose
from tests.conftest import SAMPLES, load_json

PLAN_DATE = date(2027, 3, 1)
START = date(2027, 9, 1)
WITH_NEEDS = sorted(
    p.name
    for p in SAMPLES.glob("*.json")
    if load_json(p).get("wat_heb_ik_nodig", {}).get("behoeften")
)


def plan_for(data: dict[str, Any], **options: Any) -> dict[str, Any]:
    return pvs.plan(data, plan_date=PLAN_DATE, start_date=START, **options).to_dict()


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_json(SAMPLES / name)
    return data


def ids(plan: dict[str, Any]) -> set[str]:
    return {p["id"] for n in plan["ondersteuning"] for p in n["voorstellen"]}


def folded(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.casefold())


@pytest.mark.parametrize("name", WITH_NEEDS)
def test_every_proposal_traces_to_the_students_words(name: str) -> None:
    """Any route, any consent: the proposals for each need come from that need's words."""
    assert len(WITH_NEEDS) >= 10
    for need in sample(name)["wat_heb_ik_nodig"]["behoeften"]:
        contexts = [k for k, v in need.get("context", {}).items() if v is True]
        proposals = propose(need, load_catalogue(), contexts)
        assert 1 <= len(proposals) <= MAX_PROPOSALS
        scores = [p.score for p in proposals]
        assert scores == sorted(scores, reverse=True)
        for proposal in proposals:
            assert proposal.field is not None and proposal.quote and proposal.word
            written = need[proposal.field]
            assert proposal.quote.strip("…") in written
            assert folded(proposal.word) in folded(proposal.quote)
            assert any(
                folded(w) in folded(proposal.word) or folded(proposal.word).startswith(folded(w))
                for w in proposal.provision.words
            )


def test_olena_gets_what_her_words_ask_for_and_no_maths() -> None:
    plan = plan_for(sample("03-olena-kovalenko.json"))
    (need,) = plan["ondersteuning"]
    assert [p["id"] for p in need["voorstellen"]] == [
        "extra_tijd",
        "woordenboek_toetsen",
        "woordenlijst",
        "nt2_lessen",
    ]
    assert not {"rekenkaart", "steunlessen_rekenen"} & ids(plan)
    assert need["voorstellen"][3]["reden"] == (
        "Wat de student op het mbo nodig denkt te hebben: „Ik wil ook graag extra lessen "
        "Nederlands volgen.”"
    )
    assert DYSLEXIA_CAP not in need["voorstellen"][0]["uitleg"]  # no dyslexia, no cap


def test_the_outdated_maths_exam_is_gone() -> None:
    names = {p.name for p in load_catalogue()}
    assert not any("rekenexamen" in n.casefold() for n in names)


def test_carer_rules_only_when_the_words_say_so() -> None:
    daan = sample("10-daan-van-den-berg.json")
    assert "flexibel_verzuim" not in ids(plan_for(daan))
    daan["wat_heb_ik_nodig"]["behoeften"][4]["omschrijving"] += " Ik zorg voor mijn oma."
    assert "flexibel_verzuim" in ids(plan_for(daan))


def test_the_30_minute_cap_only_with_dyslexia() -> None:
    daan = sample("10-daan-van-den-berg.json")
    uitleg = [p["uitleg"] for n in plan_for(daan)["ondersteuning"] for p in n["voorstellen"]]
    assert not any("30 minuten" in u for u in uitleg)  # dyscalculia: no cap
    daan["wat_heb_ik_nodig"]["verklaringen"].append({"soort": "dyslexie", "datum": "2020-01-01"})
    extra = [
        p["uitleg"]
        for n in plan_for(daan)["ondersteuning"]
        for p in n["voorstellen"]
        if p["id"] == "extra_tijd"
    ]
    assert extra and all(u.endswith(DYSLEXIA_CAP) for u in extra)


def test_exam_accommodations_name_the_statement_and_the_exam_board() -> None:
    exams = plan_for(sample("10-daan-van-den-berg.json"))["examenvoorzieningen"]
    assert exams["deskundigenverklaring"] is True
    assert exams["verklaringen"] == [{"soort": "Dyscalculieverklaring", "datum": "2021-03-09"}]
    assert "dyscalculieverklaring van 09-03-2021" in exams["tekst"]
    assert "De examencommissie besluit over de examenvoorzieningen" in exams["tekst"]
    olena = plan_for(sample("03-olena-kovalenko.json"))["examenvoorzieningen"]
    assert olena["deskundigenverklaring"] is False
    assert "geen verklaring van een deskundige" in olena["tekst"]


def test_support_agreements_apart_from_ordinary_guidance() -> None:
    kinds = {
        n["gebied"]: n["soort_afspraak"]
        for n in plan_for(sample("10-daan-van-den-berg.json"))["ondersteuning"]
    }
    assert kinds["Leren (lezen, schrijven, rekenen)"] == "ondersteuningsafspraak"  # dyscalculie
    assert kinds["Plannen en organiseren"] == "begeleiding"
    (mila,) = plan_for(sample("09-mila-jansen.json"))["ondersteuning"]
    assert mila["soort_afspraak"] == "ondersteuningsafspraak"
    assert "ten minste eenmaal per jaar" in mila["soort_uitleg"]


def test_noah_entree_gets_his_bsa_evaluation_within_four_months_and_no_provisional() -> None:
    plan = plan_for(sample("07-noah-bakker.json"))
    assert plan["opleiding"]["duur"] == "eenjarig"
    moments = plan["evaluaties"]
    assert not any("voorlopig" in m["moment"] for m in moments)
    (bsa,) = [m for m in moments if "bindend studieadvies" in m["moment"]]
    day = date.fromisoformat(bsa["datum"])
    assert add_months(START, 3) <= day <= add_months(START, 4)
    assert any("Jaarlijkse" in m["moment"] for m in moments)


def test_a_multi_year_programme_can_be_told_it_lasts_one_year() -> None:
    plan = plan_for(sample("08-fatima-el-amrani.json"), length="eenjarig")
    assert not any("voorlopig" in m["moment"] for m in plan["evaluaties"])


def test_mentor_network_opp_and_warm_handover() -> None:
    plan = plan_for(sample("10-daan-van-den-berg.json"))
    assert plan["contacten"]["mentor"] == {
        "naam": "Marloes Brink",
        "email": "m.brink@example.nl",
        "telefoon": "0570 123470",
    }
    names = [c["naam"] for c in plan["contacten"]["netwerk"]]
    assert names == ["Linda Kok", "Marco van den Berg", "Samira Bouzid", "Priya Ramdin"]
    assert "Rick Scholten" not in names  # he may not be called
    assert plan["opp"]["waarde"] == "ja"
    handover = plan["warme_overdracht"]
    assert (handover["gewenst"], handover["gehouden_op"]) == (True, "2027-06-24")
    assert handover["tekst"].startswith("De warme overdracht is gehouden op 24-06-2027")


def test_without_consent_no_opp_and_no_helpers_from_the_network() -> None:
    plan = plan_for(sample("04-lukasz-wisniewski.json"), without_consent=True)
    assert plan["opp"]["waarde"] is None
    assert all(c["rol"] in ("Ouder", "Verzorger", "Voogd") for c in plan["contacten"]["netwerk"])


def test_strengths_and_consents_in_the_plans_own_words() -> None:
    plan = plan_for(sample("07-noah-bakker.json"))
    assert [s["vaardigheid"] for s in plan["sterke_punten"]] == ["Praktisch werken", "Doorzetten"]
    assert {t["door"] for t in plan["toestemming"]} == {"de student"}
    assert not any(t["met"].startswith("Mijn") for t in plan["toestemming"])


def test_words_about_exams_call_for_exam_provisions_first() -> None:
    """'Een rustige plek bij toetsen' asks for a quiet exam room, not a quiet room in class."""
    (need,) = sample("18-huong-nguyen.json")["wat_heb_ik_nodig"]["behoeften"]
    proposals = propose(need, load_catalogue(), ["lessen", "examens"])
    assert proposals[0].provision.id == "aparte_ruimte"
    quiet_room = [p for p in proposals if p.provision.id == "stilteruimte"]
    assert quiet_room and quiet_room[0].field == "wat_helpt"  # the headphones in class
