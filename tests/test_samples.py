"""Every bundled sample gets its recorded verdict per stage and route, and a plain validator
agrees with pvs.

Adding a sample and its entry in `tests/sample_verdicts.json` adds its test cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import pvs
from pvs.checking.check import check
from pvs.checking.problem import ProblemKind
from pvs.documents.jsonfile import load_passport
from pvs.model.schema import STAGES, registry, stage_schema
from tests.conftest import ROOT, load_json, sample_files

VERDICTS: dict[str, dict[str, str]] = load_json(ROOT / "tests" / "sample_verdicts.json")
CASES = [(path, stage) for path in sample_files() for stage in STAGES]


def case_id(case: Any) -> str:
    return case.stem if isinstance(case, Path) else str(case)


def plain_validator(stage: str) -> Draft202012Validator:
    """Any 2020-12 validator with format assertion, knowing nothing of pvs."""
    return Draft202012Validator(
        stage_schema(stage),
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_every_sample_has_recorded_verdicts() -> None:
    assert sorted(VERDICTS) == [p.name for p in sample_files()]
    assert len(VERDICTS) >= 10


@pytest.mark.parametrize("path", sample_files(), ids=case_id)
def test_sample_is_on_its_recorded_route(path: Path) -> None:
    profile = load_passport(path).get("uitstroom", {}).get("profiel")
    assert VERDICTS[path.name]["route"] == (profile or "vervolgonderwijs")


@pytest.mark.parametrize(("path", "stage"), CASES, ids=case_id)
def test_sample_gets_its_recorded_verdict(path: Path, stage: str) -> None:
    report = check(load_passport(path), stage)
    assert report.verdict == VERDICTS[path.name][stage], [p.message for p in report.problems]


@pytest.mark.parametrize(("path", "stage"), CASES, ids=case_id)
def test_plain_validator_agrees_except_where_a_rule_decides(path: Path, stage: str) -> None:
    data = load_passport(path)
    problems = check(data, stage).problems
    schema_problems = [p for p in problems if p.kind != ProblemKind.RULE]
    assert plain_validator(stage).is_valid(data) == (not schema_problems)


def test_samples_cover_the_route() -> None:
    passports = [load_passport(p) for p in sample_files()]
    types = {p["school"]["onderwijstype"] for p in passports}
    assert {"vmbo-bb", "vmbo-kb", "vmbo-tl", "havo", "pro", "vso", "entree"} <= types
    assert {"mbo", "geen_school"} <= types  # a switcher, and a young person RMC guides
    profiles = {p["uitstroom"]["profiel"] for p in passports}
    assert profiles == {"vervolgonderwijs", "arbeidsmarkt", "dagbesteding"}
    verdicts = {v for stages in VERDICTS.values() for s, v in stages.items() if s in STAGES}
    assert verdicts == {"compleet", "onvolledig", "ongeldig"}
    placed = {v["route"] for v in VERDICTS.values() if v["plaatsing"] == "compleet"}
    assert placed == {"vervolgonderwijs", "arbeidsmarkt", "dagbesteding"}


MBO_ONLY = (
    "intake.",
    "toestemming.delen_met.mbo_intaker.",
    "toestemming.delen_met.begeleider.",
    "proces.stappen.intake.",
    "uitstroom.opleidingswensen",
)


@pytest.mark.parametrize(
    ("path", "stage"),
    [(p, s) for p, s in CASES if VERDICTS[p.name]["route"] != "vervolgonderwijs"],
    ids=case_id,
)
def test_a_pupil_not_going_to_an_mbo_is_never_asked_for_mbo_steps(path: Path, stage: str) -> None:
    asked = [p.path for p in check(load_passport(path), stage).problems]
    assert [p for p in asked if p.startswith(MBO_ONLY) or p == "intake"] == []


def test_samples_include_names_outside_latin_1() -> None:
    names = " ".join(
        f"{p['jongere'].get('roepnaam', '')} {p['jongere'].get('achternaam', '')}"
        for p in (load_passport(f) for f in sample_files())
    )
    for letter in ("Ş", "ı", "Ł", "Ș", "О", "Ε"):
        assert letter in names, letter


def test_a_rule_decides_at_least_one_sample() -> None:
    """The documented disagreement really occurs: schema says complete, the age rule does not."""
    decided = [
        p.name
        for p in sample_files()
        if plain_validator("plaatsing").is_valid(load_passport(p))
        and check(load_passport(p), "plaatsing").verdict == "ongeldig"
    ]
    assert decided


def test_a_registration_on_20_may_is_reported_for_toelatingsrecht() -> None:
    lotte = load_passport(ROOT / "samples" / "17-lotte-hendriks.json")
    assert lotte["uitstroom"]["opleidingswensen"][0]["aangemeld_op"] == "2027-05-20"
    for stage in STAGES:
        report = check(lotte, stage)
        assert [r.path for r in report.remarks] == ["uitstroom.opleidingswensen.0.aangemeld_op"]
        assert report.remarks[0].message.startswith("Aangemeld na 1 april: geen toelatingsrecht.")
    assert check(lotte, "intake").verdict == "compleet"  # reported, not an error


def test_a_withdrawn_consent_stops_the_plan() -> None:
    huong = load_passport(ROOT / "samples" / "18-huong-nguyen.json")
    with pytest.raises(pvs.NoConsent, match="ingetrokken"):
        pvs.plan(huong)
