"""The Word passport prints as a form to fill in by hand: no grey instructions on paper, a line
to write on under every question (three for a long answer), a choice's options with boxes to
tick, and the page number as small as the rest of the footer."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pvs
from pvs.documents.docx.controls import PLACEHOLDER_TEXT, is_placeholder, placeholder
from pvs.documents.docx.render import render_docx
from pvs.model.formmodel import Kind, load_form_model
from tests.conftest import SAMPLES, load_json


def _part(document: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        return archive.read(name).decode("utf-8")


def test_a_blank_passport_prints_no_instructions() -> None:
    xml = _part(render_docx(), "word/document.xml")
    assert "Klik of tik" not in xml and "Kies een item" not in xml


def test_empty_controls_leave_room_to_write() -> None:
    model = load_form_model()
    assert placeholder(model.node("wie_ben_ik.over_mij")).count("\n") == 2  # three lines
    assert placeholder(model.node("jongere.roepnaam")).strip() == ""
    options = placeholder(model.node("meta.status"))
    assert options.count("\u2610") == 2 and "Concept" in options


def test_every_answer_stands_on_a_line() -> None:
    styles = _part(render_docx(), "word/styles.xml")
    answer = re.search(r'<w:style [^>]*w:styleId="Invulveld".*?</w:style>', styles, re.S)
    assert answer and '<w:bottom w:val="single"' in answer.group(0)


def test_the_page_number_is_as_small_as_the_footer() -> None:
    footer = _part(render_docx(), "word/footer1.xml")
    field = re.search(r"<w:fldSimple [^>]*PAGE.*?</w:fldSimple>", footer, re.S)
    assert field and '<w:sz w:val="14"/>' in field.group(0)


def test_placeholders_old_and_new_read_as_empty() -> None:
    for field in load_form_model().fields:
        assert is_placeholder(field, placeholder(field))
        assert is_placeholder(field, PLACEHOLDER_TEXT)
        if field.kind == Kind.CHOICE:
            assert not is_placeholder(field, field.options[0].label)


def test_a_blank_word_passport_reads_back_empty_and_a_filled_one_whole(tmp_path: Path) -> None:
    blank = tmp_path / "leeg.docx"
    blank.write_bytes(render_docx())
    assert set(pvs.read(blank).passport) <= {"meta"}
    data = load_json(SAMPLES / "03-olena-kovalenko.json")
    filled = tmp_path / "olena.docx"
    filled.write_bytes(render_docx(data))
    assert pvs.read(filled).passport["wie_ben_ik"] == pvs.upgrade(data).data["wie_ben_ik"]
