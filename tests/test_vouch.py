"""Right or flagged: a value pvs cannot vouch for is named, never shown as plainly read."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.model import paths
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
# pdftk filled the blank form, then flattened it: its text carries no Unicode mapping, and
# pdfminer gives "(cid:0)(cid:0)..." for every value.
UNMAPPED = FIXTURES / "pdftk-filled-pdftk-flattened.pdf"


def test_glyphs_without_a_text_mapping_are_never_read() -> None:
    result = pvs.read(UNMAPPED)
    assert not result.vouched
    doubted = {d.path for d in result.doubts}
    assert {"jongere.roepnaam", "jongere.achternaam", "wie_ben_ik.over_mij"} <= doubted
    assert not any("(cid:" in str(value) for _, value in paths.walk(result.passport))
    assert not doubted & set(result.sources)  # a doubted value is not presented as read
    assert all(d.message.endswith("tekens zonder tekstcodering.") for d in result.doubts)


def test_extract_exits_1_and_names_every_field_to_check(tmp_path: Path) -> None:
    out = tmp_path / "uit.json"
    result = CliRunner().invoke(cli, ["extract", str(UNMAPPED), "-o", str(out)])
    assert result.exit_code == 1
    assert "Controleer: Roepnaam: niet gelezen" in result.stderr
    assert out.exists()


def test_a_vouched_file_still_exits_0(tmp_path: Path) -> None:
    source = FIXTURES / "pdftk-filled.pdf"
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(tmp_path / "uit.json")])
    assert result.exit_code == 0, result.stderr
    assert "Controleer" not in result.stderr


def test_intake_shows_such_a_file_as_to_check(tmp_path: Path) -> None:
    target = tmp_path / "overzicht.csv"
    summary = pvs.run_intake([UNMAPPED, FIXTURES / "pdftk-filled.pdf"], output=target)
    assert summary.to_check == 1
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = {Path(r["bestand"]).name: r for r in csv.DictReader(handle, delimiter=";")}
    doubtful = rows[UNMAPPED.name]
    assert doubtful["gelezen"] == "controleren"
    assert doubtful["reden"].startswith("Controleer: Roepnaam: niet gelezen")
    assert rows["pdftk-filled.pdf"]["gelezen"] == "ja"


def test_check_lists_the_doubts_and_never_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(UNMAPPED)])
    assert result.exit_code == 1
    assert "Controleer: Roepnaam" in result.stdout
