"""The passport as a Word document: content controls named by path, escaping, reading back,
and LibreOffice opening, re-saving and printing it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings

import pvs
from pvs.cli import cli
from pvs.documents.docx.render import render_docx, template_path
from pvs.documents.extraction import canonical
from pvs.documents.filling import complete_meta
from pvs.errors import InvalidPassport, UnreadableFile
from pvs.model.formmodel import Kind, load_form_model
from pvs.model.schema import SCHEMA_VERSION, validator
from tests.conftest import SAMPLES, load_json, minimal_passport, sample_files
from tests.office_tools import TRICKY, libreoffice, tricky_passport
from tests.programs import run
from tests.strategies import passports

RENDERABLE = [p for p in sample_files() if not p.name.startswith("12-")]
FIXTURES = Path(__file__).parent / "fixtures" / "docx"


def document_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def controls(content: bytes) -> dict[str, str]:
    """Each content control's tag with the XML of its properties."""
    xml = document_xml(content)
    return {
        m.group(2): m.group(1)
        for m in re.finditer(r'<w:sdtPr>(.*?<w:tag w:val="([^"]+)"/>.*?)</w:sdtPr>', xml)
    }


def read(content: bytes) -> Any:
    return pvs.read(content, name="paspoort.docx")


@pytest.mark.parametrize("path", RENDERABLE, ids=lambda p: p.stem)
def test_every_renderable_sample_round_trips(path: Path) -> None:
    data = load_json(path)
    assert read(render_docx(data)).passport == canonical(complete_meta(data))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passports())
def test_extract_after_render_gives_the_data_back(data: dict[str, Any]) -> None:
    assume(validator(None).is_valid(data))
    assert read(render_docx(data)).passport == canonical(complete_meta(data))


def test_every_field_is_a_content_control_tagged_with_its_path() -> None:
    tags = controls(render_docx())
    assert set(tags) == {f.path for f in load_form_model().fields}


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("jongere.roepnaam", "<w:text/>"),
        ("wie_ben_ik.over_mij", None),  # rich text: keeps line breaks in LibreOffice too
        ("jongere.geboortedatum", "<w:date"),
        ("intake.mentor_aanwezig", "<w14:checkbox>"),
        ("school.onderwijstype", "<w:dropDownList>"),
        ("intake.gezamenlijke_intake", '<w:listItem w:displayText="Ja" w:value="True"/>'),
        ("meta.formulier_id", '<w:lock w:val="sdtContentLocked"/>'),
    ],
)
def test_each_kind_gets_its_own_control(path: str, marker: str | None) -> None:
    props = controls(render_docx())[path]
    if marker is None:
        assert "<w:text" not in props
    else:
        assert marker in props


def test_repeating_parts_offer_their_slots() -> None:
    tags = controls(render_docx())
    assert [t for t in tags if t.endswith(".wat_helpt")] == [
        f"wat_heb_ik_nodig.behoeften.{i}.wat_helpt" for i in range(5)
    ]


def test_the_template_lists_no_fields() -> None:
    """Fields come from the form model; the school's template only styles them."""
    template = document_xml(template_path().read_bytes())
    assert not any(f.path in template for f in load_form_model().fields)


def test_any_text_survives_escaping() -> None:
    data = minimal_passport(jongere={"roepnaam": TRICKY}, wie_ben_ik={"over_mij": TRICKY * 3})
    content = render_docx(data)
    docx.Document(io.BytesIO(content))  # a valid document for python-docx
    assert read(content).passport == canonical(complete_meta(data))


def test_characters_word_cannot_store_are_refused_not_lost() -> None:
    with pytest.raises(InvalidPassport) as caught:
        render_docx(minimal_passport(jongere={"roepnaam": "Ol\x0bena"}))
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            "jongere.roepnaam",
            "Deze tekst bevat een teken dat niet in een Word-document kan. Haal het weg.",
        )
    ]


def test_same_data_gives_the_same_bytes() -> None:
    data = load_json(SAMPLES / "10-daan-van-den-berg.json")
    assert render_docx(data) == render_docx(data)


def test_form_id_and_version_in_properties_and_footer() -> None:
    content = render_docx(load_json(SAMPLES / "02-sukru-yilmaz.json"))
    document = docx.Document(io.BytesIO(content))
    assert document.core_properties.identifier == "PVS-2026-VP-0311"
    assert (
        document.core_properties.subject == f"Paspoort voor Succes · schemaversie {SCHEMA_VERSION}"
    )
    footer = document.sections[0].footer.paragraphs[0].text
    assert f"schemaversie {SCHEMA_VERSION} · formulier PVS-2026-VP-0311 · pagina" in footer


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"PK\x03\x04kapot",
            "paspoort.docx is geen leesbaar Word-bestand (.docx). Sla het "
            "opnieuw op als Word-document en probeer het nog eens.",
        ),
        (
            None,
            "paspoort.docx is geen Paspoort voor Succes: er staan geen invulvelden van het "
            "paspoort in. Kies het Word-bestand dat pvs heeft gemaakt.",
        ),
    ],
    ids=["corrupt", "other-document"],
)
def test_unreadable_word_files(content: bytes | None, message: str) -> None:
    if content is None:
        buffer = io.BytesIO()
        other = docx.Document()
        other.add_paragraph("Notulen van het mentoroverleg")
        other.save(buffer)
        content = buffer.getvalue()
    with pytest.raises(UnreadableFile) as caught:
        read(content)
    assert caught.value.message == message


def test_xml_entities_are_never_expanded() -> None:
    content = render_docx(minimal_passport(jongere={"roepnaam": "Mila"}))
    xml = document_xml(content)
    declaration = xml[: xml.index("?>") + 2]
    hostile = xml.replace(
        declaration, declaration + '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1
    )
    hostile = hostile.replace("Mila", "&x;")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = hostile.encode() if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info, data)
    with pytest.raises(UnreadableFile, match="om veiligheidsredenen"):
        read(out.getvalue())


# --- LibreOffice ------------------------------------------------------------------------------


@pytest.mark.needs("soffice")
def test_libreoffice_resaved_document_reads_back_identically(tmp_path: Path) -> None:
    data = tricky_passport()
    source = tmp_path / "paspoort.docx"
    source.write_bytes(render_docx(data))
    resaved = libreoffice(source, "docx", tmp_path / "lo")
    assert pvs.read(resaved).passport == canonical(complete_meta(data))


def test_named_fixture_resaved_by_libreoffice() -> None:
    fixture = FIXTURES / "libreoffice-resaved.docx"
    expected = load_json(FIXTURES / "libreoffice-resaved.expected.json")
    assert pvs.read(fixture).passport == expected


@pytest.mark.needs("soffice", "pdftotext")
@pytest.mark.parametrize("blank", [True, False], ids=["blank", "filled"])
def test_libreoffice_prints_the_document_with_its_text_intact(tmp_path: Path, blank: bool) -> None:
    data = None if blank else tricky_passport()
    source = tmp_path / "paspoort.docx"
    source.write_bytes(render_docx(data))
    text = run("pdftotext", libreoffice(source, "pdf", tmp_path / "lo"), "-")
    assert "Paspoort voor Succes" in text and "Wat heb ik nodig?" in text
    if not blank:
        for word in ("Şükrü Олена", "Ștefan", "Ελένη", "Nguyễn Thị Hương", "nieuwe regel"):
            assert word in text


# --- command line -----------------------------------------------------------------------------


def test_cli_render_extract_and_check_word(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "paspoort.docx"
    result = runner.invoke(cli, ["render", str(SAMPLES / "07-noah-bakker.json"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["check", "--stage", "plaatsing", str(target)]).exit_code == 0
    extracted = runner.invoke(cli, ["extract", str(target)])
    assert extracted.exit_code == 0
    assert extracted.stderr.endswith("velden gelezen uit de invulvelden.\n")


def test_kinds_of_all_controls_match_the_model() -> None:
    tags = controls(render_docx())
    for field in load_form_model().fields:
        props = tags[field.path]
        if field.kind == Kind.CHECKBOX:
            assert "<w14:checkbox>" in props
        elif field.kind in (Kind.CHOICE, Kind.YES_NO):
            assert "<w:dropDownList>" in props
        elif field.kind == Kind.DATE:
            assert "<w:date" in props
