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
    FIXTURES,
    blank_for,
    expected_from_form,
    expected_from_layout,
    fill_pdflib,
    fill_pdftk,
    flatten_pdftk,
    flatten_qpdf,
    others_data,
    print_mutool,
)

NAMED = sorted(FIXTURES.glob("*.pdf"))


def test_there_are_named_fixtures_for_every_program() -> None:
    names = {p.name for p in NAMED}
    assert {
        "pdftk-filled.pdf",
        "pdflib-filled.pdf",
        "pvs-filled-qpdf-flattened.pdf",
        "pvs-filled-pdftk-flattened.pdf",
        "pvs-filled-mutool-printed.pdf",
        "pdflib-filled-qpdf-flattened.pdf",
    } <= names


@pytest.mark.parametrize("pdf", NAMED, ids=lambda p: p.stem)
def test_named_fixture_reads_back_exactly(pdf: Path) -> None:
    expected = load_json(pdf.with_name(pdf.stem + ".expected.json"))
    result = pvs.read(pdf)
    assert result.passport == expected
    assert result.notes == []
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
