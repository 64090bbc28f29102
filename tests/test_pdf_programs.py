"""Forms filled, flattened and printed by programs other than pvs read back exactly.

The named fixtures in tests/fixtures/pdf/ are files these programs once wrote (regenerate them
with `python3 -m tests.pdf_tools`); the live tests run the programs again on today's form.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import pvs
from pvs.documents.extraction import FORM_FIELD, PAGE_LAYOUT
from pvs.documents.pdf.render import render_pdf
from tests.conftest import load_json
from tests.pdf_tools import (
    EXPECTED_DOUBTS,
    FIXTURES,
    blank_for,
    expected_from_form,
    expected_from_layout,
    fill_pdflib,
    fill_pdftk,
    flatten_pdftk,
    flatten_qpdf,
    others_data,
    print_gs_a5,
    print_gs_letter,
    print_mutool,
    rewrite_gs,
    without,
)

# A fixture without expected data is used by one test of its own (test_vouch.py).
NAMED = sorted(p for p in FIXTURES.glob("*.pdf") if p.with_name(p.stem + ".expected.json").exists())


def test_there_are_named_fixtures_for_every_program() -> None:
    names = {p.name for p in NAMED}
    assert {
        "pdftk-filled.pdf",
        "pdflib-filled.pdf",
        "pvs-filled-qpdf-flattened.pdf",
        "pvs-filled-pdftk-flattened.pdf",
        "pvs-filled-mutool-printed.pdf",
        "pdflib-filled-qpdf-flattened.pdf",
        "pvs-filled-gs-printed.pdf",
        "pvs-filled-gs-letter-printed.pdf",
        "pvs-filled-gs-a5-printed.pdf",
        "pvs-filled-qpdf-flattened-pages-swapped.pdf",
        "pdflib-overlong-qpdf-flattened.pdf",
        "pdflib-overlong-pdftk-flattened.pdf",
    } <= names


@pytest.mark.parametrize("pdf", NAMED, ids=lambda p: p.stem)
def test_named_fixture_reads_back_exactly_or_flagged(pdf: Path) -> None:
    """Every value is read exactly, except the ones the fixture's expected doubts name."""
    expected = load_json(pdf.with_name(pdf.stem + ".expected.json"))
    doubts = load_json(EXPECTED_DOUBTS).get(pdf.name, {})
    result = pvs.read(pdf)
    got = {d.path: d.message for d in result.doubts}
    if "*" in doubts:  # which fields depends on their letters; why does not
        doubts = dict.fromkeys(got, doubts["*"])
    assert got.keys() == doubts.keys()
    assert all(got[path].endswith(end) for path, end in doubts.items())
    assert without(result.passport, set(doubts)) == without(expected, set(doubts))
    assert result.notes == [] or doubts
    flattened = "flattened" in pdf.stem or "printed" in pdf.stem
    assert set(result.sources.values()) == {PAGE_LAYOUT if flattened else FORM_FIELD}


Filler = Callable[[Path, dict[str, Any], Path], Path]


@pytest.mark.parametrize(
    "fill",
    [
        pytest.param(fill_pdftk, id="pdftk", marks=pytest.mark.needs("pdftk")),
        pytest.param(fill_pdflib, id="pdf-lib", marks=pytest.mark.needs("node")),
    ],
)
def test_forms_filled_by_other_programs(fill: Filler, tmp_path: Path) -> None:
    data = others_data()
    filled = fill(blank_for(data, tmp_path / "leeg.pdf"), data, tmp_path / "ingevuld.pdf")
    result = pvs.read(filled)
    assert result.passport == expected_from_form(data)
    assert result.notes == []


Flattener = Callable[[Path, Path], Path]


@pytest.mark.parametrize(
    "flatten",
    [
        pytest.param(flatten_qpdf, id="qpdf", marks=pytest.mark.needs("qpdf")),
        pytest.param(flatten_pdftk, id="pdftk", marks=pytest.mark.needs("pdftk")),
        pytest.param(print_mutool, id="mutool-print", marks=pytest.mark.needs("mutool")),
        pytest.param(rewrite_gs, id="gs-print", marks=pytest.mark.needs("gs")),
        pytest.param(print_gs_letter, id="gs-letter-fit", marks=pytest.mark.needs("gs")),
        pytest.param(print_gs_a5, id="gs-a5-fit", marks=pytest.mark.needs("gs")),
    ],
)
def test_flattened_and_printed_copies(flatten: Flattener, tmp_path: Path) -> None:
    data = others_data()
    rendered = tmp_path / "paspoort.pdf"
    rendered.write_bytes(render_pdf(data))
    result = pvs.read(flatten(rendered, tmp_path / "plat.pdf"))
    assert result.passport == expected_from_layout(data)
    assert set(result.sources.values()) == {PAGE_LAYOUT}


@pytest.mark.needs("node", "qpdf")
def test_form_filled_by_pdflib_then_flattened(tmp_path: Path) -> None:
    """pdf-lib draws its own appearances; pvs reads them from the page after flattening."""
    data = others_data()
    filled = fill_pdflib(blank_for(data, tmp_path / "leeg.pdf"), data, tmp_path / "vol.pdf")
    result = pvs.read(flatten_qpdf(filled, tmp_path / "plat.pdf"))
    assert result.passport == expected_from_layout(data)
