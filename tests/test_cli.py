"""The command line, through click's runner: exit codes, Dutch output, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pvs.cli import cli
from pvs.model.formmodel import load_form_model
from pvs.model.schema import SCHEMA_VERSION
from tests.conftest import SAMPLES, minimal_passport


def write(tmp_path: Path, data: Any, name: str = "paspoort.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), prog_name="pvs", catch_exceptions=False)


def test_complete_passport_exits_0(runner: CliRunner) -> None:
    result = run(runner, "check", "--stage", "plaatsing", str(SAMPLES / "01-sanne-de-vries.json"))
    assert result.exit_code == 0
    assert "Uitkomst: compleet" in result.stdout
    assert "Jongere: Sanne de Vries" in result.stdout


def test_incomplete_passport_exits_1_with_every_problem(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "check", "--stage", "aanmelding", write(tmp_path, minimal_passport()))
    assert result.exit_code == 1
    assert "Uitkomst: nog niet compleet (10 punten)" in result.stdout
    assert "  - Jouw gegevens › Roepnaam (jongere.roepnaam): Vul 'Roepnaam' in." in result.stdout
    assert "  Jouw gegevens                    0%" in result.stdout


def test_without_stage_only_what_is_filled_in_is_checked(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "check", write(tmp_path, minimal_passport()))
    assert result.exit_code == 0
    assert "Controle voor: alleen wat is ingevuld" in result.stdout
    assert "Per onderdeel:\n  Over dit paspoort  100%\n" in result.stdout


def test_json_report_is_stable(runner: CliRunner, tmp_path: Path) -> None:
    data = minimal_passport(jongere={"roepnaam": "Олена"})
    result = run(runner, "check", "--stage", "aanmelding", "--json", write(tmp_path, data))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {
        "formaatversie",
        "bestand",
        "bij_het_lezen",
        "stap",
        "oordeel",
        "compleet",
        "geldig",
        "onderdelen",
        "problemen",
        "opmerkingen",
    }
    assert (report["formaatversie"], report["bij_het_lezen"], report["opmerkingen"]) == (2, [], [])
    assert report["oordeel"] == "onvolledig"
    first = report["problemen"][0]
    assert first == {
        "pad": "jongere.achternaam",
        "onderdeel": "jongere",
        "onderdeel_titel": "Jouw gegevens",
        "veld": "Achternaam",
        "label": "Achternaam",
        "soort": "ontbreekt",
        "melding": "Vul 'Achternaam' in.",
    }
    jongere = next(s for s in report["onderdelen"] if s["onderdeel"] == "jongere")
    assert (jongere["vereist"], jongere["voldaan"], jongere["percentage"]) == (3, 1, 33)


def test_several_files_give_a_list_and_the_worst_exit_code(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = str(SAMPLES / "01-sanne-de-vries.json")
    broken = tmp_path / "kapot.json"
    broken.write_text("{", encoding="utf-8")
    result = run(runner, "check", "--json", good, str(broken))
    assert result.exit_code == 3
    reports = json.loads(result.stdout)
    assert reports[0]["oordeel"] == "compleet"
    assert reports[1]["bestand"] == str(broken)
    assert "geen geldig JSON-bestand" in reports[1]["fout"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is leeg. Kies het juiste bestand of vraag het opnieuw op."),
        (b"\xff\xfe\x00garbage", "is geen tekstbestand in UTF-8"),
        (b"[1, 2, 3]", "is geen Paspoort voor Succes"),
        (b'{"naam": "x"}', "is geen Paspoort voor Succes"),
        (
            b'{"meta": {"schema_versie": "2.0"}}',
            "is gemaakt met een nieuwere versie van pvs (schemaversie 2.0). Deze pvs leest "
            f"paspoorten tot en met schemaversie {SCHEMA_VERSION}. Werk pvs bij naar de "
            "nieuwste versie en probeer het opnieuw.",
        ),
        (
            b'{"meta": {"schema_versie": "0.9"}}',
            "heeft schemaversie '0.9', maar dat is geen versie die pvs kent (pvs leest versie "
            "1.0 en 1.1). Is het bestand met de hand aangepast? Maak het paspoort dan opnieuw "
            "met pvs.",
        ),
        (b"[" * 100_000, "is te diep genest"),
        (b"%PDF-1.7\n", "is beschadigd en kan niet worden gelezen"),
    ],
    ids=[
        "leeg",
        "utf16",
        "lijst",
        "ander-json",
        "nieuwere-versie",
        "onbekende-versie",
        "diep-genest",
        "pdf",
    ],
)
def test_unreadable_files_exit_3_without_traceback(
    runner: CliRunner, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "paspoort.json"
    path.write_bytes(content)
    result = run(runner, "check", str(path))
    assert result.exit_code == 3
    assert result.stderr.startswith("Fout: ")
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_utf8_bom_is_accepted(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal_passport()).encode())
    assert run(runner, "check", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "Fout: Er ontbreekt iets in de opdracht: BESTAND. Zie 'pvs check --help'."),
        (
            ["check", "--stage", "inschrijving", "x.json"],
            "Fout: Ongeldige waarde bij --stage: kies uit aanmelding, intake, plaatsing. "
            "Zie 'pvs check --help'.",
        ),
        (
            ["check", "--stagee", "x.json"],
            "Fout: Onbekende optie: --stagee. Zie 'pvs check --help'.",
        ),
        (["controleer"], "Fout: Onbekende opdracht. Zie 'pvs --help'."),
        (
            ["check", "bestaat-niet.json"],
            "Fout: Het bestand bestaat-niet.json bestaat niet. Controleer de naam en de map.",
        ),
    ],
)
def test_usage_errors_exit_2_in_dutch(runner: CliRunner, args: list[str], message: str) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_a_folder_is_not_a_file(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "check", str(tmp_path))
    assert result.exit_code == 2
    assert "is een map, geen bestand" in result.stderr


def test_an_internal_error_says_so_without_traceback(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: Any) -> None:
        raise RuntimeError("geheime inhoud uit het paspoort")

    monkeypatch.setattr("pvs.check", explode)
    result = run(runner, "check", write(tmp_path, minimal_passport()))
    assert result.exit_code == 70
    assert "Er ging iets mis in pvs zelf (RuntimeError)" in result.stderr
    assert "geheime inhoud" not in result.output


def test_fields_json_lists_every_fillable_field(runner: CliRunner) -> None:
    result = run(runner, "fields", "--json")
    assert result.exit_code == 0
    listing = json.loads(result.stdout)
    assert (listing["formaatversie"], listing["schemaversie"]) == (2, SCHEMA_VERSION)
    rows = listing["velden"]
    assert [r["pad"] for r in rows] == [f.path for f in load_form_model().fillable_fields()]
    niveau = next(r for r in rows if r["pad"] == "uitstroom.opleidingswensen.0.niveau")
    assert niveau["soort"] == "keuze"
    assert niveau["keuzes"][3] == {
        "waarde": 4,
        "label": "Niveau 4 (middenkader- of specialistenopleiding)",
    }
    assert next(r for r in rows if r["pad"] == "wie_ben_ik.persoonlijke_situatie")["gevoelig"]


def test_fields_as_text(runner: CliRunner) -> None:
    result = run(runner, "fields")
    assert result.exit_code == 0
    assert "wat_heb_ik_nodig.behoeften.4.wat_helpt" in result.stdout
    assert "[gevoelig]" in result.stdout
    assert "jongere.geboortedatum" in result.stdout and "datum (jjjj-mm-dd)" in result.stdout
    assert "lange_tekst" not in result.stdout  # kinds in words for people, keys only in --json


def test_schema_prints_the_schema_and_stage_profiles(runner: CliRunner) -> None:
    result = run(runner, "schema")
    assert json.loads(result.stdout)["title"] == "Paspoort voor Succes"
    staged = run(runner, "schema", "--stage", "intake")
    assert json.loads(staged.stdout)["$id"].endswith("stages/intake.schema.json")


def test_schema_markdown_is_a_data_dictionary(runner: CliRunner) -> None:
    result = run(runner, "schema", "--markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Paspoort voor Succes: overzicht van de velden")
    assert "| Ondersteuningsbehoefte › Wat hielp op school? | " in result.stdout
    assert "`wat_heb_ik_nodig.behoeften.N.wat_helpt`" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["batch"],
        ["check"],
        ["extract"],
        ["fields"],
        ["intake"],
        ["plan"],
        ["render"],
        ["schema"],
        ["templates"],
        ["templates", "check"],
    ],
)
def test_help_is_dutch(runner: CliRunner, command: list[str]) -> None:
    result = run(runner, *command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: pvs")
    assert "Opties:" in result.stdout and "Toon deze hulp en stop." in result.stdout
    assert "Usage" not in result.stdout and "Show this message" not in result.stdout
    for english in ("PATH", "TEXT", "INTEGER", "[required]", "[x>="):
        assert english not in result.stdout


def test_the_group_is_importable_for_other_tools() -> None:
    assert set(cli.commands) == {
        "batch",
        "check",
        "extract",
        "fields",
        "intake",
        "overdracht",
        "plan",
        "render",
        "schema",
        "templates",
        "upgrade",
        "web",
    }


def test_a_remark_leaves_a_complete_passport_at_exit_0(runner: CliRunner, tmp_path: Path) -> None:
    data = json.loads((SAMPLES / "01-sanne-de-vries.json").read_text(encoding="utf-8"))
    data["uitstroom"]["opleidingswensen"][0]["aangemeld_op"] = "2027-05-20"
    path = write(tmp_path, data)
    shown = run(runner, "check", "--stage", "plaatsing", path)
    assert shown.exit_code == 0
    assert "Uitkomst: compleet\n" in shown.stdout
    assert (
        "\nLet op (geen fout):\n  - Na deze school › Opleidingswens 1 › Aangemeld op"
        in shown.stdout
    )
    report = json.loads(run(runner, "check", "--stage", "plaatsing", "--json", path).stdout)
    assert report["oordeel"] == "compleet"
    assert [r["pad"] for r in report["opmerkingen"]] == [
        "uitstroom.opleidingswensen.0.aangemeld_op"
    ]
