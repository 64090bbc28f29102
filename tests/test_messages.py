"""Every kind of problem gets a pinned Dutch message that says what to do."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pvs.checking.check import check
from pvs.checking.rules import LATE_REGISTRATION, PARENT_CONSENT_POLICY
from pvs.model.formmodel import load_form_model
from tests.conftest import SAMPLES, minimal_passport


def messages(data: dict[str, Any], stage: str | None = None) -> dict[str, str]:
    return {p.path: p.message for p in check(data, stage).problems}


def test_missing_text_field() -> None:
    found = messages(minimal_passport(), "aanmelding")
    assert found["jongere.roepnaam"] == "Vul 'Roepnaam' in."


def test_missing_choice() -> None:
    found = messages(minimal_passport(), "aanmelding")
    assert found["school.onderwijstype"] == "Maak een keuze bij 'Soort onderwijs'."


def test_missing_checkbox() -> None:
    found = messages(minimal_passport(), "intake")
    assert found["intake.gezamenlijke_intake"] == (
        "Geef bij 'Ik wil een gezamenlijke intake' aan of dit zo is: ja of nee."
    )


def test_missing_repeating_part_uses_the_profile_message() -> None:
    data = minimal_passport(uitstroom={"profiel": "vervolgonderwijs"})
    assert messages(data, "aanmelding")["uitstroom.opleidingswensen"] == (
        "Vul minstens één opleiding in die je wilt doen."
    )


def test_profile_decides_which_part_is_required() -> None:
    work = messages(minimal_passport(uitstroom={"profiel": "arbeidsmarkt"}), "aanmelding")
    assert "uitstroom.werkwens.soort_werk" in work
    assert "uitstroom.opleidingswensen" not in work
    day = messages(minimal_passport(uitstroom={"profiel": "dagbesteding"}), "aanmelding")
    assert "uitstroom.dagbesteding.wens" in day


def test_every_support_need_needs_what_helped() -> None:
    needs = {"behoeften": [{"gebied": "prikkels", "omschrijving": "Drukte in de klas."}]}
    found = messages(minimal_passport(wat_heb_ik_nodig=needs), "intake")
    assert found["wat_heb_ik_nodig.behoeften.0.wat_helpt"] == (
        "Schrijf bij deze ondersteuningsbehoefte op wat jou op school hielp."
    )


def test_no_support_needed_is_an_answer_too() -> None:
    none_needed = {"geen_extra_ondersteuning": True}
    found = messages(minimal_passport(wat_heb_ik_nodig=none_needed), "intake")
    assert not any(p.startswith("wat_heb_ik_nodig") for p in found)


def test_joint_intake_needs_who_attends() -> None:
    found = messages(minimal_passport(intake={"gezamenlijke_intake": True}), "intake")
    assert found["intake"] == (
        "Je wilt een gezamenlijke intake. Geef aan wie erbij moet zijn: je mentor, een ouder "
        "of verzorger, het RMC of iemand anders."
    )
    answered = {"gezamenlijke_intake": True, "andere_aanwezigen": "Jeugdcoach Rik"}
    assert "intake" not in messages(minimal_passport(intake=answered), "intake")


def test_consent_not_given() -> None:
    consent = {"delen_met": {"mbo_intaker": {"gegeven": False}}}
    found = messages(minimal_passport(toestemming=consent), "aanmelding")
    assert found["toestemming.delen_met.mbo_intaker.gegeven"].startswith(
        "Zonder toestemming mag de intaker van het mbo het paspoort niet lezen."
    )


@pytest.mark.parametrize(
    ("section", "value", "path", "message"),
    [
        (
            "school",
            {"brin": "1234"},
            "school.brin",
            "Een BRIN-nummer bestaat uit 2 cijfers en 2 hoofdletters, soms gevolgd door 2 cijfers: "
            "bijvoorbeeld 21AZ of 21AZ00.",
        ),
        (
            "jongere",
            {"email": "sanne.example.com"},
            "jongere.email",
            "Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl.",
        ),
        (
            "school",
            {"leerjaar": 9},
            "school.leerjaar",
            "'Leerjaar' moet een getal van 1 tot en met 6 zijn.",
        ),
        (
            "school",
            {"leerjaar": "4"},
            "school.leerjaar",
            "Bij 'Leerjaar' hoort een heel getal. Verbeter wat hier staat.",
        ),
        (
            "school",
            {"onderwijstype": "mavo"},
            "school.onderwijstype",
            "Kies bij 'Soort onderwijs' een van deze mogelijkheden: vmbo-bb, vmbo-kb, vmbo-gl, "
            "vmbo-tl, havo, vwo, pro, vso, entree, mbo, geen_school.",
        ),
        (
            "jongere",
            {"achternaam": "x" * 121},
            "jongere.achternaam",
            "'Achternaam' is te lang: hoogstens 120 tekens. Maak de tekst korter.",
        ),
        (
            "jongere",
            {"bsn": "123456782"},
            "jongere.?",
            "Hier staat een veld dat niet bij het Paspoort voor Succes hoort. Controleer de "
            "spelling of haal het weg.",
        ),
        (
            "uitstroom",
            {"opleidingswensen": [{}, {}, {}, {}]},
            "uitstroom.opleidingswensen",
            "Er passen hoogstens 3 keer 'Opleidingswens' in het paspoort. Haal er een weg of voeg "
            "ze samen.",
        ),
    ],
)
def test_invalid_values(section: str, value: Any, path: str, message: str) -> None:
    report = check(minimal_passport(**{section: value}))
    assert {p.path: p.message for p in report.problems}[path] == message
    assert report.verdict == "ongeldig"


DATE_MESSAGE = (
    "Dit is geen geldige datum. Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 14-03-2009."
)


@pytest.mark.parametrize("written", ["2009-02-30", "14 maart 2009", "30-02-2009"])
def test_a_date_the_stage_needs_must_be_readable(written: str) -> None:
    """The message asks for the date as a form asks for it, with the example of the help text."""
    report = check(minimal_passport(jongere={"geboortedatum": written}), "aanmelding")
    assert {p.path: p.message for p in report.problems}["jongere.geboortedatum"] == DATE_MESSAGE
    assert report.verdict == "ongeldig"
    help_text = load_form_model().node("jongere.geboortedatum").description  # type: ignore[union-attr]
    assert "14-03-2009" in help_text and "14-03-2009" in DATE_MESSAGE


def test_an_unreadable_optional_date_is_a_remark_not_a_problem() -> None:
    advice = {"advies": "Entree past goed.", "datum": "32-13-2026"}
    report = check(minimal_passport(mentoradvies=advice), "aanmelding")
    assert "mentoradvies.datum" not in {p.path for p in report.problems}
    assert {r.path: r.message for r in report.remarks}["mentoradvies.datum"] == DATE_MESSAGE
    assert "Let op (geen fout):" in report.to_text()
    assert check(minimal_passport(mentoradvies=advice)).verdict == "compleet"


def test_messages_name_section_and_field_in_context() -> None:
    needs = {"behoeften": [{"gebied": "prikkels"}]}
    problem = next(
        p
        for p in check(minimal_passport(wat_heb_ik_nodig=needs), "intake").problems
        if p.path == "wat_heb_ik_nodig.behoeften.0.omschrijving"
    )
    assert problem.section == "Wat heb ik nodig?"
    assert problem.field == "Waar heb je moeite mee?"
    assert problem.label == "Ondersteuningsbehoefte 1 › Waar heb je moeite mee?"


def test_every_problem_at_once_in_reading_order() -> None:
    problems = check(minimal_passport(), "plaatsing").problems
    paths = [p.path for p in problems]
    assert len(paths) > 15
    assert (
        paths.index("jongere.roepnaam")
        < paths.index("school.naam")
        < paths.index("toestemming.delen_met.mbo_intaker.gegeven")
    )


def test_messages_never_quote_values() -> None:
    secret = "GEHEIM-7f3a"
    data = minimal_passport(
        jongere={"email": secret, "geboortedatum": secret, "telefoon": secret},
        school={"brin": secret, "onderwijstype": secret, "leerjaar": secret},
        wat_heb_ik_nodig={"behoeften": [{"gebied": secret, "omschrijving": 5}]},
    )
    for problem in check(data, "plaatsing").problems:
        assert secret not in problem.message + problem.label + problem.field


def test_no_support_needed_contradicts_listed_needs() -> None:
    needs = {"geen_extra_ondersteuning": True, "behoeften": [{"gebied": "plannen"}]}
    report = check(minimal_passport(wat_heb_ik_nodig=needs))
    assert {p.path: p.message for p in report.problems}["wat_heb_ik_nodig.behoeften"] == (
        "Je hebt ondersteuning ingevuld, maar ook aangevinkt dat je geen extra ondersteuning "
        "nodig hebt. Haal het vinkje weg of haal de ondersteuning weg."
    )
    assert report.verdict == "ongeldig"


def test_skill_something_else_needs_a_description() -> None:
    skills = {"vaardigheden": [{"vaardigheid": "anders", "zelfbeoordeling": 4}]}
    found = messages(minimal_passport(wat_kan_ik=skills), "intake")
    assert found["wat_kan_ik.vaardigheden.0.omschrijving"] == (
        "Je koos 'Iets anders'. Schrijf op welke vaardigheid je bedoelt."
    )


def test_blank_other_attendees_do_not_count() -> None:
    blank = {"gezamenlijke_intake": True, "andere_aanwezigen": "   "}
    assert "intake" in messages(minimal_passport(intake=blank), "intake")


def test_placement_asks_consent_of_whoever_guides_next() -> None:
    school = messages(minimal_passport(uitstroom={"profiel": "vervolgonderwijs"}), "plaatsing")
    assert "toestemming.delen_met.begeleider.gegeven" in school
    assert "toestemming.delen_met.doorwerkcoach.gegeven" not in school
    work = {"profiel": "arbeidsmarkt", "werkwens": {"doorwerkcoach_gewenst": True}}
    found = messages(minimal_passport(uitstroom=work), "plaatsing")
    assert "toestemming.delen_met.begeleider.gegeven" not in found
    assert found["toestemming.delen_met.doorwerkcoach.gegeven"] == (
        "De jongere wil hulp van een doorwerkcoach. Vraag toestemming om het paspoort met de "
        "doorwerkcoach te delen."
    )


@pytest.mark.parametrize(
    ("section", "value", "path", "message"),
    [
        ("wie_ben_ik", {"over_mij": "x" * 2001}, "wie_ben_ik.over_mij", "hoogstens 2000 tekens"),
        ("jongere", {"geboortedatum": "2009-03-14" * 1000}, "jongere.geboortedatum", "geldige"),
        ("jongere", {"telefoon": "0" * 31}, "jongere.telefoon", "geen geldig telefoonnummer"),
    ],
)
def test_a_too_long_value_is_one_problem_at_its_field(
    section: str, value: Any, path: str, message: str
) -> None:
    report = check(minimal_passport(**{section: value}))
    # An optional date is a remark, not a problem (test_an_unreadable_optional_date_is_a_remark)
    found = [f for f in (*report.problems, *report.remarks) if f.path == path]
    assert len(found) == 1 and message in found[0].message


SECRET_KEY = "ik heb ADHD"


@pytest.mark.parametrize(
    ("data", "path", "label"),
    [
        (
            {"wat_heb_ik_nodig": {SECRET_KEY: 1}},
            "wat_heb_ik_nodig.?",
            "Wat heb ik nodig? › een onbekend veld",
        ),
        ({SECRET_KEY: {"a": 1}}, "?", "een onbekend veld"),
        ({"jongere": {"123456782": "x"}}, "jongere.?", "Jouw gegevens › een onbekend veld"),
        (
            {"school": {"mentor": {SECRET_KEY: True, "email": {SECRET_KEY: 1}}}},
            "school.mentor.?",
            "Mentor › een onbekend veld",
        ),
    ],
)
def test_an_unknown_key_is_never_shown(data: dict[str, Any], path: str, label: str) -> None:
    """A key is whatever the file holds, even sensitive text: problems name the group around it."""
    report = check(minimal_passport(**data))
    assert (report.problems[0].path, report.problems[0].label) == (path, label)
    shown = report.to_text("paspoort.json") + json.dumps(report.to_dict(), ensure_ascii=False)
    assert SECRET_KEY not in shown and "123456782" not in shown


def late_registration() -> dict[str, Any]:
    """Sample 01, complete for every stage, registered for its first programme on 20 May."""
    data: dict[str, Any] = json.loads((SAMPLES / "01-sanne-de-vries.json").read_text("utf-8"))
    data["uitstroom"]["opleidingswensen"][0]["aangemeld_op"] = "2027-05-20"
    return data


def test_a_remark_is_no_error_and_shown_apart() -> None:
    report = check(late_registration(), "plaatsing")
    assert (report.verdict, report.complete, report.problems) == ("compleet", True, ())
    assert all(s.percentage == 100 for s in report.sections)
    assert report.to_text("paspoort.json", "Sanne de Vries").endswith(
        "\nLet op (geen fout):\n"
        "  - Na deze school › Opleidingswens 1 › Aangemeld op "
        "(uitstroom.opleidingswensen.0.aangemeld_op): Aangemeld na 1 april: geen "
        "toelatingsrecht. De jongere mag zich nog aanmelden, maar het mbo mag hem of haar "
        "weigeren als de opleiding vol is. Neem contact op met de mbo-school en vraag of er nog "
        "plaats is.\n"
    )
    assert report.to_dict()["opmerkingen"] == [
        {
            "pad": "uitstroom.opleidingswensen.0.aangemeld_op",
            "onderdeel": "uitstroom",
            "onderdeel_titel": "Na deze school",
            "veld": "Aangemeld op",
            "label": "Opleidingswens 1 › Aangemeld op",
            "melding": report.remarks[0].message,
        }
    ]
    assert report.to_dict()["formaatversie"] == 2


def test_a_report_without_remarks_has_no_remark_block() -> None:
    report = check(json.loads((SAMPLES / "01-sanne-de-vries.json").read_text("utf-8")), "intake")
    assert report.remarks == ()
    assert "Let op" not in report.to_text("paspoort.json")
    assert report.to_dict()["opmerkingen"] == []


def test_remarks_are_fixed_texts_that_quote_no_value() -> None:
    data = late_registration()
    parent = {"gegeven": True, "door": "ouder", "datum": "2024-01-02"}
    data["toestemming"]["delen_met"]["rmc"] = parent
    report = check(data, "plaatsing")
    assert [r.message for r in report.remarks] == [LATE_REGISTRATION, PARENT_CONSENT_POLICY]
    assert report.complete
