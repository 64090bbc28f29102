"""Printed copies of the PDF form: rewritten by Ghostscript, scaled to other paper, or with an
answer longer than its box. Each is read exactly where pvs can vouch for it, and flagged where not.

The files are named fixtures in tests/fixtures/pdf/, made by real programs (`python3 -m
tests.pdf_tools` remakes them); their expected data and doubts sit beside them.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.documents.extraction import PAGE_LAYOUT
from pvs.documents.pdf.calibration import calibrate
from pvs.documents.pdf.flattened import footer_version
from pvs.model import paths
from tests.conftest import load_json
from tests.pdf_tools import FIXTURES, OVERLONG, OVERLONG_PATH

GS = FIXTURES / "pvs-filled-gs-printed.pdf"
LETTER = FIXTURES / "pvs-filled-gs-letter-printed.pdf"
A5 = FIXTURES / "pvs-filled-gs-a5-printed.pdf"
SWAPPED = FIXTURES / "pvs-filled-qpdf-flattened-pages-swapped.pdf"
TWICE = FIXTURES / "pvs-filled-gs-printed-twice.pdf"
MUTOOL_GS = FIXTURES / "pvs-filled-mutool-printed-gs-printed.pdf"
OVERLONG_QPDF = FIXTURES / "pdflib-overlong-qpdf-flattened.pdf"
OVERLONG_PDFTK = FIXTURES / "pdflib-overlong-pdftk-flattened.pdf"


def _expected(pdf: Path) -> object:
    return load_json(pdf.with_name(pdf.stem + ".expected.json"))


def _extract(pdf: Path, tmp_path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["extract", str(pdf), "-o", str(tmp_path / "uit.json")])
    return result.exit_code, result.stderr


def test_ghostscript_keeps_the_footer_but_not_its_middle_dot() -> None:
    # pdfwrite gives the "·" no text mapping: pdfminer reads "(cid:1)".
    text = "Paspoort voor Succes (cid:1) schemaversie 1.1 (cid:1) opmaak 1 formulier X"
    assert footer_version(text) == ("1.1", 1)


@pytest.mark.parametrize("pdf", [GS, LETTER, A5], ids=lambda p: p.stem)
def test_ghostscript_prints_read_exactly_and_vouched(pdf: Path, tmp_path: Path) -> None:
    result = pvs.read(pdf)
    assert result.vouched
    assert result.passport == _expected(pdf)
    assert set(result.sources.values()) == {PAGE_LAYOUT}
    code, stderr = _extract(pdf, tmp_path)
    assert code == 0, stderr
    assert "Controleer" not in stderr


# Fit to page scales by the tighter side: A4 on Letter by its height, on A5 by its width.
@pytest.mark.parametrize(
    ("pdf", "scale"), [(GS, 1.0), (LETTER, 792 / 841.89), (A5, 419.53 / 595.28)]
)
def test_each_page_is_lined_up_from_its_footer(pdf: Path, scale: float) -> None:
    with pdfplumber.open(pdf) as opened:
        for page in opened.pages[:3]:
            placing = calibrate(page.chars)
            assert placing is not None
            assert placing.scale == pytest.approx(scale, abs=0.002)


def test_pages_whose_labels_are_elsewhere_are_not_read(tmp_path: Path) -> None:
    """Pages 1 and 2 swapped: each footer still names layout 1, but no label is in its place."""
    result = pvs.read(SWAPPED)
    assert not result.vouched
    doubted = {d.path for d in result.doubts}
    assert {"jongere.roepnaam", "school.mentor.naam"} <= doubted
    assert not doubted & set(result.sources)  # nothing from those pages is presented as read
    assert all("niet op de plek waar pvs haar afdrukte" in d.message for d in result.doubts)
    # the other pages still read: what is there is right
    read = dict(paths.walk(result.passport))
    expected = dict(paths.walk(_expected(SWAPPED)))
    assert read and all(expected[path] == value for path, value in read.items())
    code, stderr = _extract(SWAPPED, tmp_path)
    assert code == 1
    assert "Controleer: Roepnaam: niet gelezen: de vraag staat" in stderr


@pytest.mark.parametrize("pdf", [OVERLONG_QPDF, OVERLONG_PDFTK], ids=lambda p: p.stem)
def test_an_answer_longer_than_its_box_is_flagged_as_cut_off(pdf: Path, tmp_path: Path) -> None:
    result = pvs.read(pdf)
    messages = {d.path: d.message for d in result.doubts}
    assert messages[OVERLONG_PATH] == (
        "Woonplaats: mogelijk afgekapt: het antwoord is langer dan het vak. Neem het over uit "
        "het paspoort zelf."
    )
    read = dict(paths.walk(result.passport))[OVERLONG_PATH]
    assert OVERLONG.startswith(read) and read != OVERLONG  # what the box shows, kept to check
    # the rest ran on into the box beside it: that one is not read at all
    assert "jongere.leerlingnummer" in messages
    assert "jongere.leerlingnummer" not in result.sources
    code, stderr = _extract(pdf, tmp_path)
    assert code == 1
    assert "Controleer: Woonplaats: mogelijk afgekapt" in stderr


def test_intake_marks_a_cut_off_answer_to_check(tmp_path: Path) -> None:
    target = tmp_path / "overzicht.csv"
    summary = pvs.run_intake([OVERLONG_QPDF, GS], output=target)
    assert summary.to_check == 1, target.read_text(encoding="utf-8-sig")[:3000]


@pytest.mark.parametrize("pdf", [TWICE, MUTOOL_GS], ids=lambda p: p.stem)
def test_glyphs_a_rewrite_mapped_to_wrong_letters_are_not_read(pdf: Path, tmp_path: Path) -> None:
    """A second rewrite by Ghostscript maps "ı" to "1" and Cyrillic to punctuation; pvs sees the
    glyphs are not as wide as the letters claimed, and reads none of those fields."""
    result = pvs.read(pdf)
    doubted = {d.path for d in result.doubts}
    assert {"jongere.roepnaam", "jongere.achternaam", "school.mentor.naam"} <= doubted
    assert not doubted & set(result.sources)
    read = dict(paths.walk(result.passport))
    expected = dict(paths.walk(_expected(pdf)))
    assert read["jongere.email"] == expected["jongere.email"]  # plain Latin still reads
    assert all(expected[path] == value for path, value in read.items())
    code, stderr = _extract(pdf, tmp_path)
    assert code == 1
    assert "Controleer: Roepnaam: niet gelezen: de tekens op de pagina passen niet" in stderr
