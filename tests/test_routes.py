"""The three routes out of school: a pupil going to work or to day activities is never asked for
what only the mbo needs, and each consent is given, withdrawn or missing in one place."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pvs.checking.check import check
from pvs.checking.requirements import requirement_paths
from pvs.model.consent import ConsentState, chosen_route, consent_state, route, withdrawn_parties
from pvs.model.formmodel import load_form_model
from pvs.model.schema import STAGES
from tests.conftest import SAMPLES, load_json

# What only the route to the mbo asks: the intake at the mbo, the consents for its intaker and
# begeleider, and the step "4. Intake mbo" done.
MBO_ONLY = (
    "intake",
    "toestemming.delen_met.mbo_intaker",
    "toestemming.delen_met.begeleider",
    "proces.stappen.intake",
)
OFF_ROUTE = {"05-stefan-popescu.json": "arbeidsmarkt", "06-eleni-papadopoulou.json": "dagbesteding"}


def _no_intake(data: dict[str, Any]) -> None:
    data.pop("intake", None)


def _joint_intake_nobody_named(data: dict[str, Any]) -> None:
    data["intake"] = {"gezamenlijke_intake": True}


def _no_mbo_consents(data: dict[str, Any]) -> None:
    for party in ("mbo_intaker", "begeleider"):
        data["toestemming"]["delen_met"].pop(party, None)


def _mbo_consents_refused(data: dict[str, Any]) -> None:
    for party in ("mbo_intaker", "begeleider"):
        data["toestemming"]["delen_met"][party] = {"gegeven": False}


def _mbo_consents_withdrawn(data: dict[str, Any]) -> None:
    for party in ("mbo_intaker", "begeleider"):
        consent = {"gegeven": True, "door": "jongere", "datum": "2026-12-08"}
        data["toestemming"]["delen_met"][party] = {**consent, "ingetrokken": "2027-01-05"}


def _intake_step_open(data: dict[str, Any]) -> None:
    data["proces"]["stappen"]["intake"] = {"status": "open"}


def _no_intake_step(data: dict[str, Any]) -> None:
    data["proces"]["stappen"].pop("intake", None)


def _late_programme_wish(data: dict[str, Any]) -> None:
    wish = {"opleiding": "Kok", "niveau": 2, "instelling": "Mbo Zwolle"}
    data["uitstroom"]["opleidingswensen"] = [{**wish, "aangemeld_op": "2027-05-20"}]


CHANGES: list[Callable[[dict[str, Any]], None]] = [
    _no_intake,
    _joint_intake_nobody_named,
    _no_mbo_consents,
    _mbo_consents_refused,
    _mbo_consents_withdrawn,
    _intake_step_open,
    _no_intake_step,
    _late_programme_wish,
]


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(f"{prefix}.")


def _asks_for_the_mbo(path: str) -> bool:
    return any(_under(path, p) for p in MBO_ONLY)


@given(
    st.sampled_from(sorted(OFF_ROUTE)),
    st.lists(st.sampled_from(CHANGES), unique=True),
    st.sampled_from([None, *STAGES]),
)
def test_work_and_day_activities_are_never_asked_for_the_mbo(
    sample: str, changes: list[Callable[[dict[str, Any]], None]], stage: str | None
) -> None:
    data = load_json(SAMPLES / sample)
    for change in changes:
        change(data)
    report = check(data, stage)
    assert [p.path for p in report.problems if _asks_for_the_mbo(p.path)] == []
    assert report.remarks == ()
    required = requirement_paths(data, stage, load_form_model())
    assert [p for p in required if _asks_for_the_mbo(p)] == []


@pytest.mark.parametrize("sample", sorted(OFF_ROUTE))
def test_the_same_passport_on_the_mbo_route_is_asked_for_it(sample: str) -> None:
    """The test above would pass on a check that asked nothing at all: this one shows the
    route is what decides."""
    data = load_json(SAMPLES / sample)
    for change in (_no_intake, _no_mbo_consents, _intake_step_open):
        change(data)
    data["uitstroom"]["profiel"] = "vervolgonderwijs"
    asked = [p.path for p in check(data, "plaatsing").problems]
    assert {m for m in MBO_ONLY if any(_under(a, m) for a in asked)} == set(MBO_ONLY)


@pytest.mark.parametrize(
    ("profiel", "chosen", "taken"),
    [
        ("vervolgonderwijs", "vervolgonderwijs", "vervolgonderwijs"),
        ("arbeidsmarkt", "arbeidsmarkt", "arbeidsmarkt"),
        ("dagbesteding", "dagbesteding", "dagbesteding"),
        (None, None, "vervolgonderwijs"),
        ("werken", None, "vervolgonderwijs"),
        (["arbeidsmarkt"], None, "vervolgonderwijs"),
    ],
)
def test_the_route_is_the_mbo_unless_another_is_chosen(
    profiel: Any, chosen: str | None, taken: str
) -> None:
    data: dict[str, Any] = {"uitstroom": {} if profiel is None else {"profiel": profiel}}
    assert (chosen_route(data), route(data)) == (chosen, taken)
    assert route("geen paspoort") == "vervolgonderwijs"


@pytest.mark.parametrize(
    ("consent", "state"),
    [
        ({"gegeven": True, "door": "jongere", "datum": "2026-12-01"}, ConsentState.GIVEN),
        ({"gegeven": True, "ingetrokken": "2027-01-05"}, ConsentState.WITHDRAWN),
        ({"gegeven": False, "ingetrokken": "2027-01-05"}, ConsentState.WITHDRAWN),
        ({"gegeven": True, "ingetrokken": "5 januari"}, ConsentState.WITHDRAWN),
        ({"gegeven": False}, ConsentState.MISSING),
        ({"gegeven": "ja"}, ConsentState.MISSING),
        ({}, ConsentState.MISSING),
        ("ja", ConsentState.MISSING),
    ],
)
def test_a_consent_is_given_withdrawn_or_missing(consent: Any, state: ConsentState) -> None:
    data = {"toestemming": {"delen_met": {"begeleider": consent}}}
    assert consent_state(data, "begeleider") is state
    assert consent_state(data, "gemeente") is ConsentState.MISSING
    assert withdrawn_parties(data) == (["begeleider"] if state is ConsentState.WITHDRAWN else [])


def test_withdrawn_parties_in_the_passports_order() -> None:
    data = copy.deepcopy(load_json(SAMPLES / "05-stefan-popescu.json"))
    for party in ("werkgever", "rmc"):
        data["toestemming"]["delen_met"][party]["ingetrokken"] = "2027-03-01"
    assert withdrawn_parties(data) == ["rmc", "werkgever"]
    assert consent_state(data, "doorwerkcoach") is ConsentState.GIVEN
