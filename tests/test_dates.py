"""Dates as people read and write them: dd-mm-jjjj in every form and message, either form
accepted as input, ISO (jjjj-mm-dd) only inside the JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pvs
from pvs.documents.filling import display_value
from pvs.model.formmodel import Field, load_form_model
from tests.conftest import SAMPLES, load_json


def test_a_json_passport_may_hold_a_date_as_people_write_it(tmp_path: Path) -> None:
    data = load_json(SAMPLES / "03-olena-kovalenko.json")
    data["jongere"]["geboortedatum"] = "14-03-2009"
    source = tmp_path / "olena.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    read = pvs.read(source)
    assert read.passport["jongere"]["geboortedatum"] == "2009-03-14"  # the JSON keeps ISO
    report = pvs.check(read.passport)
    assert "jongere.geboortedatum" not in {p.path for p in (*report.problems, *report.remarks)}


def test_a_passport_given_as_data_is_read_the_same_way() -> None:
    """pvs.check, pvs.plan and pvs.upgrade take the dict a script built: the same dates count,
    so the plan knows the student's age (and whether a parent signs)."""
    data = load_json(SAMPLES / "10-daan-van-den-berg.json")
    data["jongere"]["geboortedatum"] = "30-06-2010"
    assert pvs.upgrade(data).data["jongere"]["geboortedatum"] == "2010-06-30"
    student = pvs.plan(data, plan_date=date(2026, 11, 29)).to_dict()["student"]
    assert (student["geboortedatum"], student["leeftijd_op_plandatum"]) == ("2010-06-30", 16)
    problems = pvs.check(data, "aanmelding").problems
    assert "jongere.geboortedatum" not in {p.path for p in problems}


def test_forms_show_a_date_as_dd_mm_jjjj() -> None:
    field = load_form_model().node("jongere.geboortedatum")
    assert isinstance(field, Field)
    assert display_value(field, "2009-03-14") == "14-03-2009"


def test_help_and_check_message_give_the_same_example() -> None:
    field = load_form_model().node("jongere.geboortedatum")
    assert isinstance(field, Field)
    report = pvs.check({"meta": {"schema_versie": "1.1"}, "jongere": {"geboortedatum": "14-3"}})
    (remark,) = [r for r in report.remarks if r.path == "jongere.geboortedatum"]
    assert "dd-mm-jjjj" in remark.message and "jjjj-mm-dd" not in remark.message
    assert "14-03-2009" in remark.message and "14-03-2009" in field.description
