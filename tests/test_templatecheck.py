"""`pvs templates check` passes the shipped templates and catches each fault Word introduces."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from pvs.cli import cli
from pvs.errors import UnreadableFile
from pvs.jobs.templatecheck import check_template, sample_contexts
from tests.conftest import ROOT


def test_shipped_templates_pass() -> None:
    result = CliRunner().invoke(cli, ["templates", "check"])
    assert result.exit_code == 0
    assert result.stdout.count(": in orde\n") == 3


def faulty_template(tmp_path: Path, *paragraphs: list[str]) -> Path:
    """A template whose paragraphs consist of the given runs."""
    document = docx.Document(str(ROOT / "templates" / "paspoort.docx"))
    body = document.element.body
    for paragraph in list(body.iterchildren()):
        if paragraph.tag.endswith("}p"):
            body.remove(paragraph)
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text in runs:
            paragraph.add_run(text)
    target = tmp_path / "eigen-paspoort.docx"
    document.save(str(target))
    return target


def problems(path: Path) -> list[str]:
    return [str(p) for p in check_template(path, sample_contexts()["paspoort"])]


def test_a_tag_split_across_runs(tmp_path: Path) -> None:
    path = faulty_template(tmp_path, ["Welkom {{ in", "tro }}"])
    assert problems(path) == [
        "alinea 1 ('Welkom {{ intro }}'): de tag {{ intro }} is in Word over 2 stukken tekst "
        "verdeeld; typ de tag opnieuw in één keer, of plak hem als platte tekst."
    ]


def test_curly_quotes_inside_a_tag(tmp_path: Path) -> None:
    path = faulty_template(tmp_path, ["{{ intro or “leeg” }}"])
    assert problems(path) == [
        "alinea 1 ('{{ intro or “leeg” }}'): de tag {{ intro or “leeg” }} bevat gekrulde "
        "aanhalingstekens; typ rechte (' of \")."
    ]


def test_unbalanced_blocks(tmp_path: Path) -> None:
    path = faulty_template(
        tmp_path, ["{%p for section in sections %}"], ["{{ section.title }}"], ["{%p endif %}"]
    )
    assert problems(path) == [
        "alinea 3 ('{%p endif %}'): '{% endif %}' sluit niets af: er is geen bijpassend begin.",
        "alinea 1 ('{%p for section in sections %}'): '{% for %}' wordt nergens afgesloten met "
        "'{% endfor %}'.",
    ]


def test_variables_that_do_not_exist(tmp_path: Path) -> None:
    path = faulty_template(
        tmp_path,
        ["{%p for section in sections %}"],
        ["{{ section.titel }} {{ schoolnaam }}"],
        ["{%p endfor %}"],
    )
    assert problems(path) == [
        "alinea 2 ('{{ section.titel }} {{ schoolnaam }}'): de variabele 'section.titel' "
        "bestaat niet.",
        "alinea 2 ('{{ section.titel }} {{ schoolnaam }}'): de variabele 'schoolnaam' bestaat "
        "niet in dit template.",
    ]


def test_a_tag_that_is_never_closed(tmp_path: Path) -> None:
    path = faulty_template(tmp_path, ["{{ intro "])
    assert problems(path) == [
        "alinea 1 ('{{ intro '): hier begint een tag die niet wordt afgesloten met }} of %}."
    ]


def test_cli_reports_and_exits_1(tmp_path: Path) -> None:
    path = faulty_template(tmp_path, ["{{ intro }} {{ onbekend }}"])
    result = CliRunner().invoke(cli, ["templates", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}: 1 probleem\n"
        "  - alinea 1 ('{{ intro }} {{ onbekend }}'): de variabele 'onbekend' bestaat niet in "
        "dit template.\n"
    )


def test_a_template_with_broken_xml_is_refused_with_the_word_wording(tmp_path: Path) -> None:
    path = tmp_path / "kapot.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(UnreadableFile) as caught:
        check_template(path, {})
    assert caught.value.message == (
        f"{path} is geen leesbaar Word-bestand (.docx). Sla het opnieuw op als Word-document en "
        "probeer het nog eens."
    )
