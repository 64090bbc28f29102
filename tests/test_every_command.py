"""Every hostile file through every command that reads it: exit 70 is only for bugs in pvs.

The hostile corpus pins one command per file. Here every passport file also goes through check,
extract, upgrade, plan and render, the whole corpus through one intake, and every export
through batch.
A file refused while reading is refused the same way by every command (they share pvs.read), so
the commands after reading run only on the files that were read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvs.cli import cli
from tests.hostile.corpus import CASES, Case

PASSPORTS = [c for c in CASES if c.command[0] in ("check", "extract")]
EXPORTS = [c for c in CASES if c.command[0] == "batch"]
QUICK = ["--max-seconden", "3"]  # a bomb is refused as surely in 3 seconds as in 8
USER_CODES = {0, 1, 2, 3}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("alles")
    for case in [*PASSPORTS, *EXPORTS]:
        (folder / case.name).write_bytes(case.make())
    return folder


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*QUICK, *args])
    said = result.stdout + result.stderr
    assert "Traceback" not in said
    return result.exit_code, said


@pytest.mark.parametrize("case", PASSPORTS, ids=lambda c: c.name)
def test_every_reading_command_on_a_hostile_passport(
    case: Case, corpus: Path, tmp_path: Path
) -> None:
    source = str(corpus / case.name)
    code, said = invoke("check", source)
    assert code in USER_CODES, said
    if code > 1:
        return
    for command in (
        ("extract", source, "-o", str(tmp_path / "uit.json")),
        ("upgrade", source, "-o", str(tmp_path / "bijgewerkt.json")),
        ("plan", source, "--format", "json", "--zonder-toestemming"),
        ("render", source, "-o", str(tmp_path / "uit.pdf")),
    ):
        code, said = invoke(*command)
        assert code in USER_CODES, f"{command[0]}: {said}"


def test_one_intake_over_the_whole_corpus_gives_every_file_a_row(
    corpus: Path, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.csv"
    code, said = invoke("intake", str(corpus), "-o", str(target), "--processen", "2")
    assert code == 0, said
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    files = {str(p) for p in corpus.rglob("*") if p.is_file()}
    assert {r["bestand"].split(" › ")[0] for r in rows} == files  # each zip member its own row
    readable = [p for p in corpus.iterdir() if p.suffix.lower() in (".pdf", ".docx", ".json")]
    passports = {str(p) for p in readable if not p.name.startswith(("~$", "._"))}
    assert all(r["gelezen"] != "geen paspoort" for r in rows if r["bestand"] in passports)


@pytest.mark.parametrize("case", EXPORTS, ids=lambda c: c.name)
def test_batch_on_a_hostile_export_writes_its_manifest_or_refuses_the_file(
    case: Case, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "uit"
    code, said = invoke("batch", str(corpus / case.name), "-o", str(out))
    assert code in USER_CODES, said
    assert code in (2, 3) or (out / "overzicht-batch.csv").is_file()
