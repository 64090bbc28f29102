"""What the CLI echoes from a file never drives the terminal: no escape sequence, no control
character, in text or in JSON, and JSON keeps the same values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvs.cli import cli
from pvs.cli.printing import REPLACEMENT as R
from pvs.cli.printing import json_text, printable
from tests.conftest import ROOT, minimal_passport

HOSTILE = "\x1b]0;gehackt\x07Jan\x1b[2J\x1b[31m\rFout\x9b1m\x7f\u202egpj.exe\x00"
UNSAFE = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Łukasz Wiśniewski, Олена, Şükrü 🎓", "Łukasz Wiśniewski, Олена, Şükrü 🎓"),
        ("regel 1\n\tregel 2", "regel 1\n\tregel 2"),
        ("\x1b[2J\x1b[HJan", f"{R}{R}Jan"),
        ("\x1b]8;;https://x.example\x1b\\klik\x1b]8;;\x1b\\", f"{R}klik{R}"),
        ("Jan\rUitkomst: compleet", f"Jan{R}Uitkomst: compleet"),
        ("a\x9b31mb\x7fc\u202ed\x00", f"a{R}31mb{R}c{R}d{R}"),
        ("eind\x1b", f"eind{R}"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_json_text_is_safe_and_holds_the_same_values() -> None:
    data = {"naam": HOSTILE, HOSTILE: [HOSTILE]}
    text = json_text(data)
    assert json.loads(text) == data
    assert not any(c in text for c in UNSAFE if c != "\n") and "\u202e" not in text


def hostile_passport(tmp_path: Path) -> Path:
    path = tmp_path / "pa\x1b[31mspoort.json"
    data = minimal_passport(jongere={"roepnaam": HOSTILE, "achternaam": "de Vries"})
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def assert_safe(text: str) -> None:
    assert not any(c in text for c in UNSAFE if c not in "\n\t"), repr(text)
    assert "\u202e" not in text


def test_check_shows_name_and_file_name_without_their_control_characters(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(hostile_passport(tmp_path))])
    assert result.exit_code == 0
    assert_safe(result.output)
    assert f"Paspoort: {tmp_path}/pa{R}spoort.json\n" in result.stdout
    assert f"Jongere: {R}Jan{R}{R} Fout{R}1m{R}{R}gpj.exe{R} de Vries\n" in result.stdout


def test_check_json_escapes_what_a_terminal_would_obey(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--json", str(hostile_passport(tmp_path))])
    assert_safe(result.stdout)
    assert json.loads(result.stdout)["bestand"] == str(hostile_passport(tmp_path))


def test_extract_to_the_screen_is_safe(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(hostile_passport(tmp_path))])
    assert_safe(result.output)
    assert json.loads(result.stdout)["jongere"]["roepnaam"] == HOSTILE


def test_an_error_naming_a_file_is_safe(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "weg\x1b[2J.json")])
    assert result.exit_code == 2
    assert_safe(result.output)
    assert f"weg{R}.json bestaat niet" in result.stderr


def test_batch_and_templates_echo_paths_safely(tmp_path: Path) -> None:
    export = ROOT / "samples" / "export" / "leerlingen-magister.csv"
    folder = tmp_path / "uit\x1b[2J"
    batch = CliRunner().invoke(cli, ["batch", str(export), "-o", str(folder), "--processen", "1"])
    assert_safe(batch.output)
    assert f"Overzicht: {tmp_path}/uit{R}/overzicht-batch.csv" in batch.stderr
    template = tmp_path / "paspoort\x1b]0;x\x07.docx"
    template.write_bytes((ROOT / "templates" / "paspoort.docx").read_bytes())
    checked = CliRunner().invoke(cli, ["templates", "check", str(template)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == f"{tmp_path}/paspoort{R}.docx: in orde\n"
