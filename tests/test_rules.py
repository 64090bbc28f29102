"""The date rules: age at signing decides who consents and signs; 1 April decides
toelatingsrecht, as a remark that changes no verdict."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pvs.checking.check import check
from pvs.checking.rules import (
    BEFORE_BIRTH,
    LATE_REGISTRATION,
    OVER_16_CONSENT,
    PARENT_CONSENT_POLICY,
    UNDER_16_CONSENT,
    UNDER_16_SIGNATURE,
    WITHDRAWN_BEFORE_GIVEN,
    age_on,
    registered_late,
)
from pvs.model.schema import SCHEMA_VERSION, STAGES
from tests.conftest import SAMPLES, load_json, minimal_passport

births = st.dates(min_value=date(1990, 1, 1), max_value=date(2020, 12, 31))
spans = st.integers(min_value=0, max_value=40 * 366)


def add_years(day: date, years: int) -> date:
    """The date `years` later; 29 February moves to 1 March in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


@given(births, spans)
def test_age_grows_by_one_exactly_on_the_birthday(born: date, days: int) -> None:
    on = born + timedelta(days=days)
    age = age_on(born, on)
    assert add_years(born, age) <= on < add_years(born, age + 1)


@given(births)
def test_sixteenth_birthday_is_the_day_of_consent(born: date) -> None:
    birthday = add_years(born, 16)
    assert age_on(born, birthday) == 16
    assert age_on(born, birthday - timedelta(days=1)) == 15


def passport(
    born: date, signed: date, door: str, parent_signs: bool, **consent: str
) -> dict[str, Any]:
    signatures: dict[str, Any] = {"jongere": {"naam": "Mila", "datum": signed.isoformat()}}
    if parent_signs:
        signatures["ouder"] = {"naam": "Eva Jansen", "datum": signed.isoformat()}
    given = {"gegeven": True, "door": door, "datum": signed.isoformat(), **consent}
    return minimal_passport(
        meta={"schema_versie": SCHEMA_VERSION},
        jongere={"geboortedatum": born.isoformat()},
        toestemming={"delen_met": {"mbo_intaker": given}, "handtekeningen": signatures},
    )


def rule_messages(data: dict[str, Any]) -> dict[str, str]:
    return {p.path: p.message for p in check(data).problems if p.kind == "regel"}


def remarks(data: dict[str, Any], stage: str | None = None) -> dict[str, str]:
    return {r.path: r.message for r in check(data, stage).remarks}


DOOR = "toestemming.delen_met.mbo_intaker.door"


@given(births, spans)
def test_under_16_a_parent_consents_and_signs(born: date, days: int) -> None:
    signed = born + timedelta(days=days)
    alone = rule_messages(passport(born, signed, "jongere", parent_signs=False))
    together = passport(born, signed, "jongere_en_ouder", parent_signs=True)
    if age_on(born, signed) < 16:
        assert alone == {
            DOOR: UNDER_16_CONSENT,
            "toestemming.handtekeningen.ouder.naam": UNDER_16_SIGNATURE,
            "toestemming.handtekeningen.ouder.datum": UNDER_16_SIGNATURE,
        }
    else:
        assert alone == {}
    assert rule_messages(together) == {}
    assert remarks(together) == {}


@given(births, spans)
def test_a_parent_alone_is_the_law_under_16_and_not_enough_from_16(born: date, days: int) -> None:
    signed = born + timedelta(days=days)
    data = passport(born, signed, "ouder", parent_signs=True)
    if age_on(born, signed) < 16:
        assert rule_messages(data) == {}
        assert remarks(data) == {DOOR: PARENT_CONSENT_POLICY}
        assert (
            check(data).verdict == check(passport(born, signed, "jongere_en_ouder", True)).verdict
        )
    else:
        assert rule_messages(data) == {DOOR: OVER_16_CONSENT}
        assert remarks(data) == {}


leap_births = st.integers(min_value=1992, max_value=2020).filter(calendar.isleap)


@given(leap_births, st.sampled_from(["jongere", "ouder"]))
def test_born_on_29_february_consents_alone_from_1_march(year: int, door: str) -> None:
    born = date(year, 2, 29)
    for day, age in ((date(year + 16, 2, 28), 15), (date(year + 16, 3, 1), 16)):
        assert age_on(born, day) == age
        found = rule_messages(passport(born, day, door, parent_signs=True))
        if door == "jongere":
            assert found == ({} if age == 16 else {DOOR: UNDER_16_CONSENT})
        else:
            assert found == ({DOOR: OVER_16_CONSENT} if age == 16 else {})


def test_a_date_before_birth_is_reported_not_aged() -> None:
    found = rule_messages(passport(date(2010, 5, 1), date(2009, 1, 1), "jongere", False))
    assert set(found.values()) == {BEFORE_BIRTH}


def test_a_withdrawal_before_the_consent_is_reported() -> None:
    born, given_on = date(2009, 5, 1), date(2026, 12, 1)
    earlier = passport(born, given_on, "jongere", True, ingetrokken="2026-11-30")
    assert rule_messages(earlier) == {
        "toestemming.delen_met.mbo_intaker.ingetrokken": WITHDRAWN_BEFORE_GIVEN
    }
    same_day = passport(born, given_on, "jongere", True, ingetrokken="2026-12-01")
    assert rule_messages(same_day) == {}


def test_a_withdrawal_before_birth_is_reported_as_such() -> None:
    data = passport(date(2009, 5, 1), date(2026, 12, 1), "jongere", True, ingetrokken="2008-01-01")
    assert rule_messages(data) == {"toestemming.delen_met.mbo_intaker.ingetrokken": BEFORE_BIRTH}


def test_who_gave_a_withdrawn_consent_asks_for_nothing_more() -> None:
    young = date(2012, 5, 1)
    data = passport(young, date(2026, 12, 1), "jongere", True, ingetrokken="2027-01-10")
    assert rule_messages(data) == {}
    parent = passport(young, date(2026, 12, 1), "ouder", True, ingetrokken="2027-01-10")
    assert remarks(parent) == {}


def test_rules_wait_for_a_valid_birth_date() -> None:
    data = passport(date(2011, 5, 1), date(2026, 12, 1), "jongere", parent_signs=False)
    data["jongere"]["geboortedatum"] = "1-5-2011"
    assert rule_messages(data) == {}


def test_rule_problems_make_the_passport_invalid_at_any_stage() -> None:
    data = passport(date(2011, 5, 1), date(2026, 12, 1), "jongere", parent_signs=False)
    assert check(data).verdict == "ongeldig"


# Toelatingsrecht: registered at an mbo by 1 April.

WISH = "uitstroom.opleidingswensen.0.aangemeld_op"
any_day = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def registered(on: date, profiel: str | None = "vervolgonderwijs") -> dict[str, Any]:
    data = load_json(SAMPLES / "01-sanne-de-vries.json")
    data["uitstroom"]["opleidingswensen"][0]["aangemeld_op"] = on.isoformat()
    if profiel is None:
        del data["uitstroom"]["profiel"]
    else:
        data["uitstroom"]["profiel"] = profiel
    return data


@given(any_day)
def test_a_registration_from_2_april_to_31_july_is_late(on: date) -> None:
    late = date(on.year, 4, 2) <= on <= date(on.year, 7, 31)
    assert registered_late(on) is late
    assert remarks(registered(on)) == ({WISH: LATE_REGISTRATION} if late else {})


@given(any_day, st.sampled_from(STAGES))
def test_a_late_registration_changes_no_verdict_and_no_percentage(on: date, stage: str) -> None:
    on_time = check(registered(date(on.year, 4, 1)), stage)
    found = check(registered(on), stage)
    assert (found.verdict, found.problems, found.sections) == (
        on_time.verdict,
        on_time.problems,
        on_time.sections,
    )


@pytest.mark.parametrize(
    ("on", "late"),
    [
        (date(2027, 4, 1), False),  # "uiterlijk 1 april"
        (date(2027, 4, 2), True),
        (date(2027, 5, 20), True),
        (date(2027, 7, 31), True),
        (date(2027, 8, 1), False),  # for the next school year
        (date(2028, 2, 29), False),
        (date(2026, 12, 31), False),
    ],
)
def test_the_edges_of_toelatingsrecht(on: date, late: bool) -> None:
    assert (WISH in remarks(registered(on))) is late


def test_no_profile_chosen_is_the_route_to_the_mbo() -> None:
    assert remarks(registered(date(2027, 5, 20), profiel=None)) == {WISH: LATE_REGISTRATION}


@pytest.mark.parametrize("profiel", ["arbeidsmarkt", "dagbesteding"])
def test_toelatingsrecht_only_on_the_route_to_the_mbo(profiel: str) -> None:
    assert remarks(registered(date(2027, 5, 20), profiel)) == {}


def test_every_late_wish_is_named_by_its_own_path() -> None:
    data = registered(date(2027, 5, 20))
    data["uitstroom"]["opleidingswensen"][1]["aangemeld_op"] = "2027-03-01"
    data["uitstroom"]["opleidingswensen"].append({"opleiding": "Kok", "aangemeld_op": "2027-06-01"})
    assert set(remarks(data)) == {WISH, "uitstroom.opleidingswensen.2.aangemeld_op"}


def test_rule_messages_are_pinned() -> None:
    assert UNDER_16_SIGNATURE == (
        "De jongere was bij het ondertekenen jonger dan 16 jaar. Dan tekent ook een ouder of "
        "verzorger: vul dit in."
    )
    assert UNDER_16_CONSENT == (
        "De jongere was jonger dan 16 jaar toen deze toestemming werd gegeven. Dan geeft een "
        "ouder of verzorger toestemming namens de jongere; de jongere alleen is niet genoeg. "
        "Vraag een ouder of verzorger om toestemming en kies dan 'Mijn ouder of verzorger' of "
        "'Mijzelf en mijn ouder of verzorger'."
    )
    assert OVER_16_CONSENT == (
        "Vanaf 16 jaar geeft de jongere zelf toestemming; een ouder of verzorger alleen is niet "
        "genoeg. Vraag de jongere om toestemming en kies dan 'Mijzelf' of 'Mijzelf en mijn "
        "ouder of verzorger'."
    )
    assert BEFORE_BIRTH == "Deze datum ligt vóór de geboortedatum. Controleer beide datums."
    assert WITHDRAWN_BEFORE_GIVEN == (
        "De toestemming is ingetrokken vóór de datum waarop ze werd gegeven. Controleer beide "
        "datums."
    )


def test_remark_messages_are_pinned() -> None:
    assert PARENT_CONSENT_POLICY == (
        "Een ouder of verzorger gaf deze toestemming namens de jongere, die toen jonger was dan "
        "16 jaar. Volgens de wet is dit genoeg. Veel scholen vragen de jongere om ook zelf te "
        "tekenen; dat is beleid van de school, geen wet."
    )
    assert LATE_REGISTRATION == (
        "Aangemeld na 1 april: geen toelatingsrecht. De jongere mag zich nog aanmelden, maar het "
        "mbo mag hem of haar weigeren als de opleiding vol is. Neem contact op met de mbo-school "
        "en vraag of er nog plaats is."
    )
