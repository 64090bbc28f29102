"""A long answer in pvs's own PDF is never drawn below 8 pt, and reads back whole.

What does not fit its box at 8 pt shows its beginning and "(verder op pagina N)"; the rest is on
continuation pages after the fixed pages. The named fixtures `pvs-long-*` in tests/fixtures/pdf/
(every long answer at 2000 characters; remade by `python3 -m tests.pdf_tools --long`) are pvs's
own PDF, copies flattened by qpdf and pdftk, printed by mutool, and a printed copy whose
continuation pages were left out (qpdf --pages), which flags the continued fields.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

import pvs
from pvs.documents.extraction import FORM_FIELD, PAGE_LAYOUT
from pvs.documents.pdf.appearance import MIN_SIZE, fits, split_for_box, text_appearance
from pvs.documents.pdf.flattened import _continuation_lines
from pvs.documents.pdf.layout import FOOTER, LONG_BOX, layout
from pvs.documents.pdf.layouts import frozen_file
from pvs.documents.pdf.render import render_pdf, terminal_fields
from pvs.model import paths
from tests.conftest import load_json
from tests.pdf_tools import (
    FIXTURES,
    continued_paths,
    drop_pages,
    expected_from_layout,
    flatten_pdftk,
    flatten_qpdf,
    long_data,
    print_mutool,
)

LONG = {
    "pvs-long-filled.pdf": FORM_FIELD,
    "pvs-long-qpdf-flattened.pdf": PAGE_LAYOUT,
    "pvs-long-pdftk-flattened.pdf": PAGE_LAYOUT,
    "pvs-long-mutool-printed.pdf": PAGE_LAYOUT,
}
CUT = FIXTURES / "pvs-long-mutool-printed-cut.pdf"
_TF = re.compile(rb"/\w+ ([0-9.]+) Tf")


def _sizes(content: bytes) -> list[float]:
    return [float(size) for size in _TF.findall(content)]


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_pdf(long_data())


def test_every_long_answer_is_at_its_maximum_and_goes_on() -> None:
    data = long_data()
    continued = continued_paths(data)
    assert len(continued) >= 20
    assert {"wie_ben_ik.over_mij", "jongere.woonplaats"} <= continued


def test_no_value_is_drawn_below_8_pt(rendered: bytes) -> None:
    with pikepdf.open(io.BytesIO(rendered)) as pdf:
        drawn = 0
        for name, node in terminal_fields(pdf).items():
            if node.FT != "/Tx" or "/V" not in node:
                continue
            for widget in node.Kids:
                sizes = _sizes(widget.AP.N.read_bytes())
                assert sizes and min(sizes) >= MIN_SIZE, name
                drawn += 1
        assert drawn > 50  # 47 values, and the form id in the footer of each of the 12 pages
        fixed = len(layout())
        assert len(pdf.pages) > fixed
        for page in pdf.pages[fixed:]:
            sizes = _sizes(page.obj.Contents.read_bytes())
            # Only the footer (7 pt as on every page: mark, form id, page count) is smaller.
            assert [s for s in sizes if s < MIN_SIZE] == [FOOTER] * 3


def test_the_fixed_pages_do_not_depend_on_the_data(rendered: bytes) -> None:
    with (
        pikepdf.open(io.BytesIO(rendered)) as full,
        pikepdf.open(io.BytesIO(render_pdf(None))) as blank,
    ):
        assert len(blank.pages) == len(layout())
        for ours, theirs in zip(full.pages, blank.pages, strict=False):
            assert ours.obj.Contents.read_bytes() == theirs.obj.Contents.read_bytes()
            rects = [[float(v) for v in a.Rect] for a in ours.obj.Annots]
            assert rects == [[float(v) for v in a.Rect] for a in theirs.obj.Annots]


def test_a_box_shows_whole_words_and_the_page_its_rest_is_on() -> None:
    text = "woord " * 400
    width = 511.28
    assert not fits(text, width, LONG_BOX, multiline=True)
    shown, rest = split_for_box(text, width, LONG_BOX)
    assert f"{shown} {rest}" == " ".join(text.split())
    content = text_appearance(shown, width, LONG_BOX, True, continued_on=24)
    assert b"Tj" in content and min(_sizes(content)) >= MIN_SIZE
    # A first word too wide for the box is not cut: the box shows only where the rest is.
    shown, rest = split_for_box("x" * 300, 247.64, 18.0)
    assert (shown, rest) == ("", "x" * 300)


@pytest.mark.parametrize("name", sorted(LONG))
def test_named_long_fixture_reads_back_whole(name: str) -> None:
    pdf = FIXTURES / name
    result = pvs.read(pdf)
    assert result.passport == load_json(pdf.with_name(pdf.stem + ".expected.json"))
    assert result.vouched and result.notes == []
    assert set(result.sources.values()) == {LONG[name]}


def test_a_printed_copy_without_its_continuation_pages_flags_the_continued_fields() -> None:
    result = pvs.read(CUT)
    gone = continued_paths(long_data(), layout_version=2)  # the layout that printed CUT
    assert {d.path for d in result.doubts} == gone
    assert all("het vervolg van dit antwoord ontbreekt" in d.message for d in result.doubts)
    # Never the beginning as if it were the answer: the continued fields are not read at all.
    assert result.passport == load_json(FIXTURES / "pvs-long-mutool-printed-cut.expected.json")
    assert not gone & {path for path, _ in paths.walk(result.passport)}


def test_continuation_pages_carry_the_footer_of_layout_2() -> None:
    pages = json.loads(frozen_file("1.1", 2).read_text(encoding="utf-8"))["paginas"]
    with pdfplumber.open(FIXTURES / "pvs-long-qpdf-flattened.pdf") as pdf:
        fixed = pdf.pages[pages - 1].extract_text()
        last = pdf.pages[-1].extract_text()
        count = len(pdf.pages) - pages
    assert f"pagina {pages} van {pages}" in fixed
    assert "schemaversie 1.1 · opmaak 2" in last
    assert f"vervolgpagina {count} van {count}" in last


def test_a_continuation_is_found_by_its_path_and_ends_at_the_next_heading() -> None:
    lines = [
        "Vervolg van antwoorden die niet in hun vak passen",
        "Vervolg van Over mij (wie_ben_ik.over_mij, 30 tekens)",
        "eerste regel",
        "tweede regel",
        "Vervolg van Plan (B) (uitstroom.plan_b, 12 tekens)",
        "iets anders",
        "Paspoort voor Succes · schemaversie 1.1 · opmaak 2 vervolgpagina 1 van 1",
    ]
    assert _continuation_lines(lines, "wie_ben_ik.over_mij") == (
        30,
        ["eerste regel", "tweede regel"],
    )
    assert _continuation_lines(lines, "uitstroom.plan_b") == (12, ["iets anders"])
    assert _continuation_lines(lines, "wie_ben_ik.interesses") is None


Copier = Callable[[Path, Path], Path]


@pytest.mark.parametrize(
    "copy",
    [
        pytest.param(flatten_qpdf, id="qpdf", marks=pytest.mark.needs("qpdf")),
        pytest.param(flatten_pdftk, id="pdftk", marks=pytest.mark.needs("pdftk")),
        pytest.param(print_mutool, id="mutool-print", marks=pytest.mark.needs("mutool")),
    ],
)
def test_todays_long_answers_read_back_whole(copy: Copier, rendered: bytes, tmp_path: Path) -> None:
    source = tmp_path / "lang.pdf"
    source.write_bytes(rendered)
    result = pvs.read(copy(source, tmp_path / "kopie.pdf"))
    assert result.passport == expected_from_layout(long_data())
    assert result.vouched


@pytest.mark.needs("mutool", "qpdf")
def test_a_page_left_out_of_todays_print_flags_its_fields(rendered: bytes, tmp_path: Path) -> None:
    source = tmp_path / "lang.pdf"
    source.write_bytes(rendered)
    printed = print_mutool(source, tmp_path / "afdruk.pdf")
    # Leave out only the last continuation page: the fields continued there are flagged.
    with pikepdf.open(printed) as pdf:
        total = len(pdf.pages)
    cut = drop_pages(printed, f"1-{total - 1}", tmp_path / "zonder-laatste.pdf")
    result = pvs.read(cut)
    assert result.doubts and not result.vouched
    assert {d.path for d in result.doubts} < continued_paths(long_data())


@pytest.mark.needs("qpdf")
def test_a_word_longer_than_a_line_in_a_continuation_is_flagged(tmp_path: Path) -> None:
    data = long_data()
    data["wie_ben_ik"]["over_mij"] = "Mijn website: " + "x" * 1500 + " en nog wat."
    source = tmp_path / "lang.pdf"
    source.write_bytes(render_pdf(data))
    result = pvs.read(flatten_qpdf(source, tmp_path / "plat.pdf"))
    assert [d.path for d in result.doubts] == ["wie_ben_ik.over_mij"]
    assert "niet helemaal te lezen" in result.doubts[0].message
    assert "wie_ben_ik" not in result.passport or "over_mij" not in result.passport["wie_ben_ik"]
