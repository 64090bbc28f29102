"""The ondersteuningsplan draft: content from passport and catalogue, consent, dates, output."""

from __future__ import annotations

import calendar
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import pvs
from pvs.cli import cli
from pvs.errors import NoConsent, NoPlan, NotForMbo, UnreadableFile
from pvs.jobs.plan.catalogue import default_catalogue_path, load_catalogue
from pvs.jobs.plan.content import CONSENT_WITHDRAWN, NO_CONSENT, NOT_FOR_MBO
from pvs.jobs.plan.evaluations import add_months
from pvs.jobs.plan.render import render_plan_docx
from pvs.model.formmodel import load_form_model
from pvs.resources import data_dir
from tests.conftest import SAMPLES, load_json
from tests.office_tools import libreoffice
from tests.programs import run

PLAN_DATE = date(2027, 3, 1)
START = date(2027, 9, 1)


def plan_for(sample: str, **options: Any) -> dict[str, Any]:
    passport = load_json(SAMPLES / sample)
    return pvs.plan(passport, plan_date=PLAN_DATE, start_date=START, **options).to_dict()


def test_catalogue_is_data_valid_against_its_own_schema() -> None:
    schema = load_json(data_dir("schemas") / "voorzieningen.schema.json")
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(load_json(default_catalogue_path()))


def test_catalogue_areas_are_the_passports_need_areas() -> None:
    field = load_form_model().node("wat_heb_ik_nodig.behoeften.0.gebied")
    areas = {o.value for o in field.options}  # type: ignore[union-attr]
    provisions = load_catalogue()
    assert set().union(*(p.areas for p in provisions)) <= areas
    categories = {p.category for p in provisions}
    assert categories == {
        "examens",
        "lessen",
        "begeleiding",
        "opleiding_bpv",
        "toegankelijkheid",
        "thuis",
    }
    assert all(p.needs_exam_board for p in provisions if p.category == "examens")


def test_plan_holds_student_programme_strengths_and_needs() -> None:
    plan = plan_for("10-daan-van-den-berg.json")
    assert plan["status"] == "concept"
    assert plan["student"]["naam"] == "Daan van den Berg"
    assert plan["opleiding"] == {
        "naam": "Timmerman",
        "crebo": "25339",
        "niveau": 2,
        "leerweg": "BOL (school en stage)",
        "instelling": "Technisch College Oostwaard",
        "startdatum": "2027-09-01",
        "cohort": "2027-2028",
        "coach": None,
        "duur": "meerjarig",
    }
    assert plan["bronnen"][0]["formulier_id"] == "PVS-2026-VP-0377"
    assert [(s["vaardigheid"], s["zelfbeoordeling"]) for s in plan["sterke_punten"]] == [
        ("Praktisch werken", 5),
        ("Doorzetten", 4),
    ]  # not "Plannen (2 van 5)": a strength is what the student is good at
    assert len(plan["ondersteuning"]) == 5
    first = plan["ondersteuning"][0]
    assert first["gebied"] == "Concentratie"
    assert "Aparte, prikkelarme ruimte" in [v["naam"] for v in first["voorstellen"]]


def test_proposals_follow_the_context_the_pupil_gave() -> None:
    data = load_json(SAMPLES / "10-daan-van-den-berg.json")
    need = data["wat_heb_ik_nodig"]["behoeften"][0]
    need["context"] = {"lessen": True}
    plan = pvs.plan(data, plan_date=PLAN_DATE, start_date=START).to_dict()
    categories = {v["categorie"] for v in plan["ondersteuning"][0]["voorstellen"]}
    assert categories == {"Lessen"}  # korte pauzes en afwisseling, in de les
    assert "Toetsen en examens" not in categories and "Opleiding en stage (bpv)" not in categories


def test_evaluation_moments_from_the_start_date() -> None:
    assert plan_for("10-daan-van-den-berg.json")["evaluaties"] == [
        {"moment": "Opstartgesprek (6 tot 8 weken na de start)", "datum": "2027-10-20"},
        {"moment": "Evaluatie vóór het voorlopig studieadvies", "datum": "2028-01-01"},
        {
            "moment": "Evaluatie vóór het bindend studieadvies (BSA komt 9 tot 12 maanden na "
            "de start)",
            "datum": "2028-05-01",
        },
        {"moment": "Jaarlijkse evaluatie van de ondersteuningsafspraken", "datum": "2028-09-01"},
    ]


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=24),
)
def test_adding_months_lands_in_the_right_month(day: date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == min(day.day, calendar.monthrange(later.year, later.month)[1])


def test_default_start_is_the_next_first_of_september() -> None:
    sanne = load_json(SAMPLES / "01-sanne-de-vries.json")
    plan = pvs.plan(sanne, plan_date=date(2027, 9, 2)).to_dict()
    assert plan["opleiding"]["startdatum"] == "2028-09-01"


@pytest.mark.parametrize(
    ("plan_date", "parent_signs"),
    [(date(2027, 5, 19), True), (date(2027, 5, 20), False)],
    ids=["day-before-16th-birthday", "16th-birthday"],
)
def test_parent_signs_when_the_student_is_under_16_on_the_plan_date(
    plan_date: date, parent_signs: bool
) -> None:
    mila = load_json(SAMPLES / "09-mila-jansen.json")
    plan = pvs.plan(mila, plan_date=plan_date, start_date=START).to_dict()
    roles = [h["rol"] for h in plan["handtekeningen"]]
    assert ("Ouder of verzorger (de student is jonger dan 16)" in roles) is parent_signs
    assert roles[0] == "Student" and roles[-1] == "School (begeleider namens het mbo)"


def test_without_consent_no_plan() -> None:
    with pytest.raises(NoConsent) as caught:
        plan_for("02-sukru-yilmaz.json")
    assert caught.value.message == NO_CONSENT


def test_without_consent_explicitly_a_plan_without_sensitive_fields() -> None:
    data = load_json(SAMPLES / "02-sukru-yilmaz.json")
    secrets = [n["omschrijving"] for n in data["wat_heb_ik_nodig"]["behoeften"]]
    plan = pvs.plan(data, plan_date=PLAN_DATE, start_date=START, without_consent=True).to_dict()
    assert plan["zonder_gevoelige_gegevens"] is True
    assert plan["ondersteuning"] == []
    with zipfile.ZipFile(io.BytesIO(render_plan_docx(plan))) as archive:
        document = archive.read("word/document.xml").decode("utf-8")  # the text, not the zip
    text = json.dumps(plan, ensure_ascii=False) + document
    assert not any(secret in text for secret in secrets)
    assert "Şükrü Yılmaz" in document  # the plan itself is there


def test_programme_override_picks_the_matching_wish() -> None:
    for override in ("maatschappelijke zorg", "25482"):
        plan = plan_for("01-sanne-de-vries.json", programme=override)
        assert plan["opleiding"]["naam"] == "Medewerker maatschappelijke zorg"
        assert plan["opleiding"]["leerweg"] == "BBL (werken en leren)"
    assert plan_for("01-sanne-de-vries.json", programme="Kok")["opleiding"]["naam"] == "Kok"


def test_a_schools_own_catalogue(tmp_path: Path) -> None:
    own = tmp_path / "eigen.json"
    own.write_text(
        json.dumps(
            {
                "versie": "2027",
                "voorzieningen": [
                    {
                        "id": "maatje",
                        "categorie": "begeleiding",
                        "naam": "Studiemaatje",
                        "uitleg": "Een ouderejaars als maatje.",
                        "gebieden": ["concentratie"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    daan = load_json(SAMPLES / "10-daan-van-den-berg.json")
    plan = pvs.plan(daan, catalogue=own, plan_date=PLAN_DATE, start_date=START).to_dict()
    assert [v["naam"] for v in plan["ondersteuning"][0]["voorstellen"]] == ["Studiemaatje"]


def test_a_broken_catalogue_is_refused(tmp_path: Path) -> None:
    own = tmp_path / "eigen.json"
    own.write_text('{"versie": "1", "voorzieningen": [{"id": "X"}]}', encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        load_catalogue(own)
    assert caught.value.message.startswith(
        f"De catalogus {own} klopt niet met het catalogusschema ("
    )


def test_plan_is_the_same_from_json_pdf_and_word(tmp_path: Path) -> None:
    from pvs.documents.docx.render import render_docx
    from pvs.documents.pdf.render import render_pdf

    data = load_json(SAMPLES / "10-daan-van-den-berg.json")
    runner = CliRunner()
    outputs = []
    for name, content in (("p.pdf", render_pdf(data)), ("p.docx", render_docx(data))):
        (tmp_path / name).write_bytes(content)
        outputs.append(tmp_path / name)
    outputs.append(SAMPLES / "10-daan-van-den-berg.json")
    plans = [
        runner.invoke(
            cli,
            [
                "plan",
                str(p),
                "--format",
                "json",
                "--plandatum",
                "01-03-2027",
                "--startdatum",
                "01-09-2027",
            ],
        ).stdout
        for p in outputs
    ]
    assert plans[0] == plans[1] == plans[2]


@pytest.mark.needs("soffice", "pdftotext")
def test_cli_plan_docx_opens_in_libreoffice_marked_concept(tmp_path: Path) -> None:
    target = tmp_path / "ondersteuningsplan.docx"
    result = CliRunner().invoke(
        cli,
        [
            "plan",
            str(SAMPLES / "10-daan-van-den-berg.json"),
            "-o",
            str(target),
            "--plandatum",
            "01-03-2027",
        ],
    )
    assert result.exit_code == 0
    assert result.stderr == f"Concept-ondersteuningsplan geschreven naar {target}.\n"
    text = run("pdftotext", libreoffice(target, "pdf", tmp_path / "lo"), "-")
    for expected in (
        "Ondersteuningsplan",
        "CONCEPT",
        "Daan van den Berg",
        "Timmerman",
        "Aparte, prikkelarme ruimte",
        "Opstartgesprek",
        "20-10-2027",
    ):
        assert expected in text


def test_cli_plan_without_consent_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["plan", str(SAMPLES / "02-sukru-yilmaz.json"), "-o", str(tmp_path / "p.docx")]
    )
    assert result.exit_code == 1
    assert result.stderr == f"Fout: {NO_CONSENT}\n"
    assert not (tmp_path / "p.docx").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "docx"],
            "Fout: Geef met -o een bestandsnaam op die eindigt op .docx, of kies --format json.",
        ),
        (
            ["--startdatum", "morgen", "--format", "json"],
            "Fout: Ongeldige waarde bij "
            "--startdatum: 'morgen' is geen datum; schrijf bijvoorbeeld 01-09-2027. Zie 'pvs plan "
            "--help'.",
        ),
    ],
)
def test_cli_plan_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(
        cli, ["plan", str(SAMPLES / "10-daan-van-den-berg.json"), *args], prog_name="pvs"
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def withdrawn(sample: str, party: str = "begeleider") -> dict[str, Any]:
    data: dict[str, Any] = load_json(SAMPLES / sample)
    data["toestemming"]["delen_met"][party]["ingetrokken"] = "2027-02-01"
    return data


@pytest.mark.parametrize("without_consent", [False, True])
def test_a_withdrawn_consent_stops_the_plan_even_without_sensitive_data(
    without_consent: bool,
) -> None:
    """Withdrawing stops the sharing: a plan without sensitive data still hands the begeleider
    the pupil's name, programme and strengths from the passport."""
    data = withdrawn("01-sanne-de-vries.json")
    with pytest.raises(NoConsent) as caught:
        pvs.plan(data, plan_date=PLAN_DATE, without_consent=without_consent)
    assert caught.value.message == CONSENT_WITHDRAWN
    assert caught.value.exit_code == 1


@pytest.mark.parametrize(
    ("sample", "route"),
    [("05-stefan-popescu.json", "arbeidsmarkt"), ("06-eleni-papadopoulou.json", "dagbesteding")],
)
@pytest.mark.parametrize("without_consent", [False, True])
def test_no_mbo_plan_off_the_route_to_the_mbo(
    sample: str, route: str, without_consent: bool
) -> None:
    data = load_json(SAMPLES / sample)
    data["toestemming"]["delen_met"]["begeleider"] = {
        "gegeven": True,
        "door": "jongere",
        "datum": "2026-12-08",
    }
    with pytest.raises(NotForMbo) as caught:
        pvs.plan(data, plan_date=PLAN_DATE, without_consent=without_consent)
    assert caught.value.message == NOT_FOR_MBO[route]
    assert isinstance(caught.value, NoPlan) and caught.value.exit_code == NoConsent.exit_code == 1


def test_a_plan_shows_each_consent_as_it_stands() -> None:
    data = withdrawn("01-sanne-de-vries.json", "mbo_intaker")
    rows = {r["met"]: r for r in pvs.plan(data, plan_date=PLAN_DATE).to_dict()["toestemming"]}
    assert rows["De intaker van het mbo"]["gegeven"] is False
    assert rows["De intaker van het mbo"]["ingetrokken"] == "2027-02-01"
    begeleider = rows["De begeleider op het mbo (voor het ondersteuningsplan)"]
    assert (begeleider["gegeven"], begeleider["ingetrokken"]) == (True, None)


def test_plan_refusal_messages_are_pinned() -> None:
    assert CONSENT_WITHDRAWN == (
        "De jongere heeft de toestemming ingetrokken om het paspoort te delen met de begeleider "
        "op het mbo. Dan deelt pvs niets meer met de begeleider: er komt geen "
        "ondersteuningsplan, ook niet zonder gevoelige gegevens. Geeft de jongere opnieuw "
        "toestemming? Haal dan de datum bij 'Ingetrokken op' weg en vul de datum van de nieuwe "
        "toestemming in."
    )
    assert NOT_FOR_MBO == {
        "arbeidsmarkt": "Deze jongere gaat werken (uitstroomprofiel arbeidsmarkt), niet naar het "
        "mbo. Een ondersteuningsplan is voor de begeleider op het mbo; daarom maakt pvs het "
        "niet. De werkgever en de doorwerkcoach krijgen in plaats daarvan een overdracht; maak "
        "die met pvs overdracht (kies de ontvanger met --voor).",
        "dagbesteding": "Deze jongere gaat naar dagbesteding (uitstroomprofiel dagbesteding), "
        "niet naar het mbo. Een ondersteuningsplan is voor de begeleider op het mbo; daarom "
        "maakt pvs het niet. De organisatie voor dagbesteding en de gemeente krijgen in plaats "
        "daarvan een overdracht; maak die met pvs overdracht (kies de ontvanger met --voor).",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (withdrawn("01-sanne-de-vries.json"), CONSENT_WITHDRAWN),
        (load_json(SAMPLES / "05-stefan-popescu.json"), NOT_FOR_MBO["arbeidsmarkt"]),
        (load_json(SAMPLES / "06-eleni-papadopoulou.json"), NOT_FOR_MBO["dagbesteding"]),
    ],
    ids=["ingetrokken", "arbeidsmarkt", "dagbesteding"],
)
@pytest.mark.parametrize("options", [[], ["--zonder-toestemming"]], ids=["", "zonder"])
def test_cli_plan_refusals_exit_1_and_write_nothing(
    tmp_path: Path, data: dict[str, Any], message: str, options: list[str]
) -> None:
    source = tmp_path / "paspoort.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "p.docx"
    result = CliRunner().invoke(cli, ["plan", str(source), "-o", str(target), *options])
    assert result.exit_code == 1
    assert result.stderr == f"Fout: {message}\n"
    assert result.stdout == ""
    assert not target.exists()
