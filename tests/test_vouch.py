"""Right or flagged: a value pvs cannot vouch for is named, never shown as plainly read."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.model import paths
from tests.conftest import ROOT
from tests.programs import run

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


@pytest.mark.needs("qpdf")
def test_a_word_longer_than_a_line_is_flagged_not_read_with_a_space(tmp_path: Path) -> None:
    """A flattened page cannot show whether a wrapped line broke at a space or inside a word."""
    data = json.loads((ROOT / "samples" / "10-daan-van-den-berg.json").read_text("utf-8"))
    data["wie_ben_ik"]["over_mij"] = "Mijn werk: https://www.example.nl/" + "portfolio-" * 15
    form, flat = tmp_path / "form.pdf", tmp_path / "plat.pdf"
    form.write_bytes(pvs.render(data, "pdf"))
    run("qpdf", "--flatten-annotations=all", form, flat)
    result = pvs.read(flat)
    assert [d.path for d in result.doubts] == ["wie_ben_ik.over_mij"]
    assert "langer dan een regel" in result.doubts[0].message
