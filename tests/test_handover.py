"""The overdracht for work and day activities: content, consent per receiver, refusals, CLI."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.errors import NoHandover, UsageError
from pvs.jobs.handover.receivers import NOT_FOR_HANDOVER, RECEIVER_INFO, RECEIVERS
from pvs.model.consent import ConsentState, consent_state
from tests.conftest import ROOT, SAMPLES, load_json
from tests.office_tools import libreoffice
from tests.programs import run

DAY = date(2027, 4, 1)
WORK_AND_DAY = ["05-stefan-popescu.json", "06-eleni-papadopoulou.json"]
WORK_AND_DAY += ["13-bram-visser.json", "14-amira-haddad.json"]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Where each sensitive part of a handover comes from in the passport (`*`: every item).
SENSITIVE_SOURCES = {
    "moeite": ["wat_kan_ik.moeilijk", "wat_heb_ik_nodig.behoeften.*.omschrijving"],
    "persoonlijke_situatie": ["wie_ben_ik.persoonlijke_situatie"],
    "betrokkenen": [f"netwerk.betrokkenen.*.{k}" for k in ("naam", "organisatie", "telefoon")],
    "mentoradvies": ["mentoradvies.advies"],
}
SENSITIVE_LABELS = {
    "opp": "Ontwikkelingsperspectiefplan",
    "doelgroepregister": "Doelgroepregister",
    "uwv_betrokken": "UWV is betrokken",
}


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_json(SAMPLES / name)
    return data


def handover_for(name: str, receiver: str | None = None) -> dict[str, Any]:
    return pvs.handover(sample(name), receiver=receiver, date=DAY).to_dict()


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a Word document, one per line, and its footer."""
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    lines += [c.text for t in document.tables for row in t.rows for c in row.cells]
    lines += [p.text for s in document.sections for p in s.footer.paragraphs]
    return "\n".join(lines)


def values_at(data: Any, pattern: str) -> list[str]:
    """The text values at a path with `*` for every item of a list."""
    head, _, rest = pattern.partition(".")
    if head == "*":
        items = data if isinstance(data, list) else []
        return [v for item in items for v in values_at(item, rest)]
    value = data.get(head) if isinstance(data, dict) else None
    if not rest:
        return [value] if isinstance(value, str) else []
    return values_at(value, rest)


def test_bram_goes_to_his_doorwerkcoach_with_the_register_and_his_coach() -> None:
    content = handover_for("13-bram-visser.json")
    assert content["ontvanger"]["sleutel"] == "doorwerkcoach"
    assert content["ontvanger"]["toestemming_datum"] == "2026-11-23"
    assert content["route"] == "werk (uitstroomprofiel arbeidsmarkt)"
    assert content["jongere"]["naam"] == "Bram Visser"
    assert content["jongere"]["leeftijd"] == 18
    assert content["school"]["mentor"]["email"] == "w.hofman@example.nl"
    assert content["wil"]["werk"]["plek"] == "nog niet"
    assert content["wil"]["dagbesteding"] is None
    assert content["afspraken"]["uitstroomoverleg"] == "2026-11-19"
    assert content["afspraken"]["warme_overdracht"] is None
    assert content["afspraken"]["doelgroepregister"] == "ja"
    assert content["afspraken"]["uwv_betrokken"] is None  # the passport does not say
    assert [c["naam"] for c in content["contacten"]] == ["Karin Visser", "Kees Brouwer"]
    assert content["weggelaten"] == []


def test_amira_goes_to_the_bakery_without_the_register() -> None:
    content = handover_for("14-amira-haddad.json")
    assert content["ontvanger"]["sleutel"] == "dagbesteding"
    assert content["ontvanger"]["organisatie"] == "Leerbakkerij Het Gouden Korstje, Amersfoort"
    assert content["route"] == "dagbesteding (uitstroomprofiel dagbesteding)"
    assert content["wil"]["werk"] is None
    assert content["wil"]["dagbesteding"]["gemeente"] == "Amersfoort"
    assert content["ondersteuning"]["behoeften"][0]["titel"] == "Drukte en prikkels"
    assert content["ondersteuning"]["opp"] == "ja"
    assert content["contacten"] == [
        {
            "rol": "Ouder",
            "naam": "Samira Haddad",
            "organisatie": None,
            "telefoon": "06 55443322",
            "email": None,
            "tolk_gewenst": True,
        }
    ]
    assert content["afspraken"]["doorwerkcoach_gewenst"] is None  # a question of the work route
    assert content["weggelaten"] == [
        "De status in het doelgroepregister (UWV)",
        "Of het UWV betrokken is",
    ]


def test_strengths_are_only_what_the_young_person_is_good_at() -> None:
    strengths = handover_for("05-stefan-popescu.json")["kan"]["sterke_punten"]
    assert [s["vaardigheid"] for s in strengths] == [
        "Praktisch werken",
        "Doorzetten",
        "Samenwerken",
    ]  # communicating, rated 2 of 5, is no strength


def test_the_employer_reads_what_helps_but_not_what_is_hard() -> None:
    content = handover_for("05-stefan-popescu.json", "werkgever")
    needs = content["ondersteuning"]["behoeften"]
    assert [n["titel"] for n in needs] == ["Ondersteuning 1", "Ondersteuning 2"]
    assert needs[0]["wat_hielp"].startswith("Op school deed de praktijkdocent")
    assert {n["gebied"] for n in needs} == {n["moeite"] for n in needs} == {None}
    assert [c["rol"] for c in content["contacten"]] == ["Ouder", "Ouder"]
    assert content["ontvanger"]["organisatie"] == "Hoveniersbedrijf Groenwerk, Lelystad"


def test_the_default_on_the_work_route_is_the_employer_without_the_coachs_consent() -> None:
    data = sample("05-stefan-popescu.json")
    del data["toestemming"]["delen_met"]["doorwerkcoach"]
    assert pvs.handover(data, date=DAY).receiver == "werkgever"


def consented() -> list[tuple[str, str]]:
    return [
        (name, key)
        for name in WORK_AND_DAY
        for key in RECEIVERS
        if consent_state(sample(name), key) is ConsentState.GIVEN
    ]


@pytest.mark.parametrize(("name", "receiver"), consented())
def test_what_a_receiver_may_not_read_is_nowhere_in_the_document(name: str, receiver: str) -> None:
    data = sample(name)
    handover = pvs.handover(data, receiver=receiver, date=DAY)
    text = docx_text(handover.to_docx())
    as_json = json.dumps(handover.to_dict(), ensure_ascii=False)
    sees = RECEIVER_INFO[receiver].sees
    for part, sources in SENSITIVE_SOURCES.items():
        for value in (v for s in sources for v in values_at(data, s)):
            assert (value in text) == (value in as_json) == (part in sees), (part, value)
    content = handover.to_dict()
    held = {
        "opp": content["ondersteuning"]["opp"],
        "doelgroepregister": content["afspraken"]["doelgroepregister"],
        "uwv_betrokken": content["afspraken"]["uwv_betrokken"],
    }
    for part, label in SENSITIVE_LABELS.items():
        if part not in sees:
            assert label not in text and held[part] is None, part


def test_every_sample_on_these_routes_gets_a_handover_for_someone() -> None:
    for name in WORK_AND_DAY:
        assert any(n == name for n, _ in consented()), name


@pytest.mark.parametrize("name", ["01-sanne-de-vries.json", "18-huong-nguyen.json"])
def test_a_pupil_going_to_the_mbo_gets_a_plan_not_a_handover(name: str) -> None:
    with pytest.raises(NoHandover) as caught:
        pvs.handover(sample(name), receiver="werkgever")
    assert caught.value.message == NOT_FOR_HANDOVER
    assert "pvs plan" in NOT_FOR_HANDOVER


def withdrawn(name: str, party: str) -> dict[str, Any]:
    data = sample(name)
    data["toestemming"]["delen_met"][party]["ingetrokken"] = "2027-03-01"
    return data


def test_a_withdrawn_consent_stops_the_handover() -> None:
    with pytest.raises(NoHandover) as caught:
        pvs.handover(withdrawn("14-amira-haddad.json", "dagbesteding"))
    assert caught.value.message == (
        "De jongere heeft de toestemming ingetrokken om het paspoort te delen met de organisatie "
        "voor dagbesteding. Dan deelt pvs niets meer met de organisatie voor dagbesteding: er "
        "komt geen overdracht. Geeft de jongere opnieuw toestemming? Haal dan de datum bij "
        "'Ingetrokken op' weg en vul de datum van de nieuwe toestemming in. Wel toestemming is "
        "er voor de gemeente: kies die met --voor gemeente."
    )


def test_a_missing_consent_names_who_may_receive_instead() -> None:
    with pytest.raises(NoHandover) as caught:
        pvs.handover(sample("06-eleni-papadopoulou.json"))
    assert caught.value.message == (
        "De jongere heeft geen toestemming gegeven om het paspoort te delen met de organisatie "
        "voor dagbesteding. Zonder die toestemming maakt pvs geen overdracht voor de organisatie "
        "voor dagbesteding. Vraag eerst toestemming. Wel toestemming is er voor de gemeente: "
        "kies die met --voor gemeente."
    )


def test_a_passport_of_schema_1_0_is_upgraded_first() -> None:
    older = load_json(ROOT / "tests" / "fixtures" / "v1.0" / "samples" / "05-stefan-popescu.json")
    content = pvs.handover(older, date=DAY).to_dict()
    assert content["ontvanger"]["sleutel"] == "doorwerkcoach"
    assert content["jongere"]["naam"] == "Ștefan Popescu"


def test_an_unknown_receiver_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        pvs.handover(sample("13-bram-visser.json"), receiver="buurman")


def test_the_document_has_dutch_dates_and_staff_labels() -> None:
    text = docx_text(pvs.handover(sample("13-bram-visser.json"), date=DAY).to_docx())
    assert "Opgesteld door pvs op 01-04-2027" in text
    assert "11-02-2009 (18 jaar)" in text
    assert "19-11-2026" in text and "Advies van de mentor (20-11-2026)" in text
    assert not ISO_DATE.search(text)
    labels = ("Wat kan ik?", "Wat wil ik?", "Mijzelf", "met je handen", "Het mbo mag contact")
    for pupil_label in labels:
        assert pupil_label not in text


def test_the_same_passport_and_date_give_the_same_document() -> None:
    first = pvs.handover(sample("14-amira-haddad.json"), date=DAY)
    second = pvs.handover(sample("14-amira-haddad.json"), date=DAY)
    assert first.to_docx() == second.to_docx()
    assert first.to_dict() == second.to_dict()
    first.to_dict()["jongere"]["naam"] = "X"
    assert first.to_dict()["jongere"]["naam"] == "Amira Haddad"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["overdracht", *args], prog_name="pvs")


def test_cli_writes_word_for_a_docx_name(tmp_path: Path) -> None:
    target = tmp_path / "overdracht.docx"
    result = invoke(
        str(SAMPLES / "13-bram-visser.json"), "-o", str(target), "--datum", "01-04-2027"
    )
    assert result.exit_code == 0
    assert result.stderr == f"Overdracht voor de doorwerkcoach geschreven naar {target}.\n"
    assert zipfile.is_zipfile(target)


def test_cli_writes_json_for_a_json_name_and_to_the_screen(tmp_path: Path) -> None:
    target = tmp_path / "overdracht.json"
    passport = str(SAMPLES / "14-amira-haddad.json")
    written = invoke(passport, "-o", str(target), "--datum", "01-04-2027")
    shown = invoke(passport, "--datum", "01-04-2027")
    assert written.exit_code == shown.exit_code == 0
    assert json.loads(target.read_text("utf-8")) == json.loads(shown.stdout)
    assert json.loads(shown.stdout)["ontvanger"]["sleutel"] == "dagbesteding"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "json", "-o", "o.docx"],
            "--format json past niet bij de naam o.docx: die eindigt op .docx. Laat --format "
            "weg, of kies een naam die eindigt op .json.",
        ),
        (
            ["--format", "docx", "-o", "o.json"],
            "--format docx past niet bij de naam o.json: die eindigt op .json. Laat --format "
            "weg, of kies een naam die eindigt op .docx.",
        ),
        (["-o", "o.txt"], "Geef met -o een bestandsnaam op die eindigt op .docx of .json."),
        (["--format", "docx"], "Een Word-bestand gaat niet naar het scherm: geef -o "),
        (["--voor", "buurman"], "Ongeldige waarde bij --voor"),
    ],
)
def test_cli_usage_errors_exit_2_and_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(str(SAMPLES / "13-bram-visser.json"), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("01-sanne-de-vries.json", []),
        ("06-eleni-papadopoulou.json", []),
        ("13-bram-visser.json", ["--voor", "werkgever"]),
    ],
    ids=["mbo", "geen-toestemming", "werkgever-zonder-toestemming"],
)
def test_cli_refusals_exit_1_and_write_nothing(tmp_path: Path, name: str, args: list[str]) -> None:
    target = tmp_path / "o.docx"
    result = invoke(str(SAMPLES / name), "-o", str(target), *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Fout: ")
    assert not target.exists()


def test_cli_withdrawn_consent_exits_1(tmp_path: Path) -> None:
    passport = tmp_path / "bram.json"
    passport.write_text(json.dumps(withdrawn("13-bram-visser.json", "doorwerkcoach")), "utf-8")
    result = invoke(str(passport), "-o", str(tmp_path / "o.docx"), "--voor", "doorwerkcoach")
    assert result.exit_code == 1
    assert "ingetrokken" in result.stderr
    assert not (tmp_path / "o.docx").exists()


def test_cli_unreadable_passport_exits_3(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text("{", "utf-8")
    assert invoke(str(broken), "-o", str(tmp_path / "o.docx")).exit_code == 3


@pytest.mark.needs("soffice", "pdftotext")
def test_the_handover_opens_in_libreoffice(tmp_path: Path) -> None:
    target = tmp_path / "overdracht.docx"
    target.write_bytes(pvs.handover(sample("05-stefan-popescu.json"), date=DAY).to_docx())
    text = run("pdftotext", libreoffice(target, "pdf", tmp_path / "lo"), "-")
    for expected in ("Overdracht", "Ștefan Popescu", "Kees Brouwer", "19-11-2026", "aangevraagd"):
        assert expected in text
