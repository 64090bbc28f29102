"""The date rules: age at signing decides who consents and signs."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pvs.checking.check import check
from pvs.checking.rules import (
    BEFORE_BIRTH,
    OVER_16_CONSENT,
    UNDER_16_CONSENT,
    UNDER_16_SIGNATURE,
    age_on,
)
from tests.conftest import minimal_passport

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


def passport(born: date, signed: date, door: str, parent_signs: bool) -> dict[str, Any]:
    signatures: dict[str, Any] = {"jongere": {"naam": "Mila", "datum": signed.isoformat()}}
    if parent_signs:
        signatures["ouder"] = {"naam": "Eva Jansen", "datum": signed.isoformat()}
    consent = {"gegeven": True, "door": door, "datum": signed.isoformat()}
    return minimal_passport(
        jongere={"geboortedatum": born.isoformat()},
        toestemming={"delen_met": {"mbo_intaker": consent}, "handtekeningen": signatures},
    )


def rule_messages(data: dict[str, Any]) -> dict[str, str]:
    return {p.path: p.message for p in check(data).problems if p.kind == "regel"}


@given(births, spans)
def test_under_16_needs_parent_consent_and_signature(born: date, days: int) -> None:
    signed = born + timedelta(days=days)
    alone = rule_messages(passport(born, signed, "jongere", parent_signs=False))
    together = rule_messages(passport(born, signed, "jongere_en_ouder", parent_signs=True))
    if age_on(born, signed) < 16:
        assert alone == {
            "toestemming.delen_met.mbo_intaker.door": UNDER_16_CONSENT,
            "toestemming.handtekeningen.ouder.naam": UNDER_16_SIGNATURE,
            "toestemming.handtekeningen.ouder.datum": UNDER_16_SIGNATURE,
        }
        assert together == {}
    else:
        assert alone == {}
        assert together == {}


@given(births, spans)
def test_from_16_a_parent_cannot_consent_alone(born: date, days: int) -> None:
    signed = born + timedelta(days=days)
    found = rule_messages(passport(born, signed, "ouder", parent_signs=True))
    expected = OVER_16_CONSENT if age_on(born, signed) >= 16 else UNDER_16_CONSENT
    assert found == {"toestemming.delen_met.mbo_intaker.door": expected}


def test_a_date_before_birth_is_reported_not_aged() -> None:
    found = rule_messages(passport(date(2010, 5, 1), date(2009, 1, 1), "jongere", False))
    assert set(found.values()) == {BEFORE_BIRTH}


def test_rules_wait_for_a_valid_birth_date() -> None:
    data = passport(date(2011, 5, 1), date(2026, 12, 1), "jongere", parent_signs=False)
    data["jongere"]["geboortedatum"] = "1-5-2011"
    assert rule_messages(data) == {}


def test_rule_problems_make_the_passport_invalid_at_any_stage() -> None:
    data = passport(date(2011, 5, 1), date(2026, 12, 1), "jongere", parent_signs=False)
    assert check(data).verdict == "ongeldig"


def test_rule_messages_are_pinned() -> None:
    assert UNDER_16_SIGNATURE == (
        "De jongere was bij het ondertekenen jonger dan 16 jaar. Dan tekent ook een ouder of "
        "verzorger: vul dit in."
    )
    assert UNDER_16_CONSENT == (
        "De jongere was jonger dan 16 jaar toen deze toestemming werd gegeven. Dan geven de "
        "jongere en een ouder of verzorger samen toestemming: kies 'Mijzelf en mijn ouder of "
        "verzorger'."
    )
    assert OVER_16_CONSENT == (
        "Vanaf 16 jaar geeft de jongere zelf toestemming. Kies 'Mijzelf' of 'Mijzelf en mijn "
        "ouder of verzorger'."
    )
    assert BEFORE_BIRTH == "Deze datum ligt vóór de geboortedatum. Controleer beide datums."
