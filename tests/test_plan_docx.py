"""The Word plan as the coach reads and edits it: third person, readable dates, checkboxes that
`pvs plan --lees` (and `pvs extract`) read back, and no JSON in a .docx."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from tests.conftest import SAMPLES, load_json
from tests.office_tools import libreoffice

PLANNED = [  # the samples with a plan: on the route to the mbo, consent for the begeleider
    "01-sanne-de-vries.json",
    "03-olena-kovalenko.json",
    "07-noah-bakker.json",
    "08-fatima-el-amrani.json",
    "09-mila-jansen.json",
    "10-daan-van-den-berg.json",
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIRST_PERSON = re.compile(r"\b(ik|mij|mijn|mijzelf|je|jij|jou|jouw)\b", re.IGNORECASE)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def docx_for(name: str) -> bytes:
    data = load_json(SAMPLES / name)
    plan = pvs.plan(data, plan_date=date(2027, 3, 1), start_date=date(2027, 9, 1))
    return plan.to_docx()


def paragraphs(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    found = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in found]


def own_words(data: dict[str, Any]) -> set[str]:
    """What the student wrote, which the plan quotes as written."""
    needs = data.get("wat_heb_ik_nodig", {}).get("behoeften", [])
    return {n[k] for n in needs for k in ("omschrijving", "wat_helpt", "nodig_in_mbo") if k in n}


@pytest.mark.parametrize("name", PLANNED)
def test_the_plan_speaks_about_the_student_with_readable_dates(name: str) -> None:
    texts = paragraphs(docx_for(name))
    quoted = own_words(load_json(SAMPLES / name))
    for text in texts:
        assert not ISO.search(text), text
        if text in quoted:
            continue
        ours = re.sub(r"„[^”]*”", "", text)  # the student's words, quoted as written
        assert not FIRST_PERSON.search(ours), text
    assert not any("Mijzelf" in t or "met je handen" in t or "(zelf:" in t for t in texts)


def test_noah_entree_evaluations_in_the_word_plan() -> None:
    text = "\n".join(paragraphs(docx_for("07-noah-bakker.json")))
    assert "3 tot 4 maanden na de start" in text and "01-12-2027" in text
    assert "voorlopig" not in text


def test_the_30_minute_cap_is_not_printed_without_dyslexia() -> None:
    for name in PLANNED:
        assert "30 minuten" not in "\n".join(paragraphs(docx_for(name)))


def tick(content: bytes, *keys: str, keep_tags: bool = True) -> bytes:
    """Tick the boxes of `keys` as Word does (w14:checked 1, the ticked glyph); without
    `keep_tags` drop every tag as LibreOffice does when it saves."""
    source = zipfile.ZipFile(io.BytesIO(content))
    xml = source.read("word/document.xml").decode("utf-8")
    for key in keys:
        box = re.search(rf'<w:tag w:val="pvs:voorziening:{key}"/>.*?</w:sdt>', xml, re.S)
        assert box is not None
        ticked = box.group(0).replace('w14:val="0"', 'w14:val="1"', 1)
        xml = xml.replace(box.group(0), ticked.replace("\u2610", "\u2612"))
    if not keep_tags:
        xml = re.sub(r'<w:tag w:val="[^"]*"/>', "", xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = xml.encode("utf-8") if item.filename == "word/document.xml" else None
            target.writestr(item, body if body is not None else source.read(item.filename))
    return out.getvalue()


@pytest.mark.parametrize("keep_tags", [True, False], ids=["word", "zonder-tags"])
@pytest.mark.parametrize("command", [["plan", "--lees"], ["extract"]])
def test_ticked_proposals_read_back_as_agreed(
    tmp_path: Path, keep_tags: bool, command: list[str]
) -> None:
    edited = tick(
        docx_for("10-daan-van-den-berg.json"),
        "4:rekenkaart",
        "3:planningscoaching",
        keep_tags=keep_tags,
    )
    source = tmp_path / "plan.docx"
    source.write_bytes(edited)
    result = CliRunner().invoke(cli, [*command, str(source)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"] == "ondersteuningsplan"
    assert data["formulier_id"] == "PVS-2026-VP-0377"
    assert [(r["behoefte"], r["id"], r["naam"]) for r in data["afgesproken"]] == [
        (3, "planningscoaching", "Hulp bij plannen"),
        (4, "rekenkaart", "Rekenkaart"),
    ]
    assert data["afgesproken"][1]["gebied"] == "Leren (lezen, schrijven, rekenen)"
    assert len(data["niet_afgesproken"]) == 18


@pytest.mark.needs("soffice")
def test_the_checkboxes_survive_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(tick(docx_for("03-olena-kovalenko.json"), "1:nt2_lessen"))
    saved = libreoffice(source, "docx", tmp_path / "lo")
    data = pvs.Plan.agreed(saved)
    assert [r["id"] for r in data["afgesproken"]] == ["nt2_lessen"]
    assert len(data["niet_afgesproken"]) == 3


def test_reading_a_passport_as_a_plan_is_refused(tmp_path: Path) -> None:
    passport = tmp_path / "paspoort.docx"
    passport.write_bytes(pvs.render(load_json(SAMPLES / "10-daan-van-den-berg.json"), "docx"))
    result = CliRunner().invoke(cli, ["plan", "--lees", str(passport)])
    assert result.exit_code == 3
    assert "is geen ondersteuningsplan van pvs" in result.stderr


def rewritten(content: bytes, member: str, change: Any) -> bytes:
    """`content` with one member changed by `change(text)`, or left out when it gives None."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == member:
                text = change(body.decode("utf-8"))
                if text is None:
                    continue
                body = text.encode("utf-8")
            target.writestr(item, body)
    return out.getvalue()


@pytest.mark.parametrize("number", ["²", "9" * 5000])
@pytest.mark.parametrize("command", [["plan", "--lees"], ["extract"]])
def test_a_need_number_no_plan_of_pvs_writes_is_read_as_unknown(
    tmp_path: Path, command: list[str], number: str
) -> None:
    """A box tag edited by hand or by another program: never exit 70."""
    plan = tmp_path / "plan.docx"
    content = tick(docx_for("03-olena-kovalenko.json"), "1:extra_tijd")
    plan.write_bytes(
        rewritten(content, "word/document.xml", lambda xml: xml.replace(":1:", f":{number}:"))
    )
    result = CliRunner().invoke(cli, [*command, str(plan)])
    assert result.exit_code == 0, result.output
    agreed = json.loads(result.stdout)["afgesproken"]
    assert [(p["id"], p["behoefte"]) for p in agreed] == [("extra_tijd", None)]


def test_a_copied_proposal_ticked_once_is_refused_not_guessed(tmp_path: Path) -> None:
    """A coach copies a proposal's paragraph in Word and ticks only one of the two."""
    content = tick(docx_for("03-olena-kovalenko.json"), "1:extra_tijd")

    def copy_unticked(xml: str) -> str:
        found = re.search(
            r"<w:p\b(?:(?!<w:p\b).)*?pvs:voorziening:1:extra_tijd.*?</w:p>", xml, re.S
        )
        assert found is not None and 'w14:checked w14:val="1"' in found.group(0)
        copy = found.group(0).replace('w14:checked w14:val="1"', 'w14:checked w14:val="0"')
        return xml.replace(found.group(0), found.group(0) + copy.replace("\u2612", "\u2610"), 1)

    plan = tmp_path / "plan.docx"
    plan.write_bytes(rewritten(content, "word/document.xml", copy_unticked))
    for command in (["plan", "--lees"], ["extract"]):
        result = CliRunner().invoke(cli, [*command, str(plan)])
        assert result.exit_code == 3, result.output
        assert "bij behoefte 1 meer dan eens" in result.stderr
        assert "xtra tijd" not in result.stderr


def test_a_plan_without_its_properties_is_refused_not_read_as_an_empty_passport(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan.docx"
    plan.write_bytes(
        rewritten(docx_for("03-olena-kovalenko.json"), "docProps/core.xml", lambda _: None)
    )
    result = CliRunner().invoke(cli, ["extract", str(plan)])
    assert result.exit_code == 3
    assert "geen Paspoort voor Succes" in result.stderr


@pytest.mark.parametrize(
    ("args", "name", "message"),
    [
        (
            ["--format", "json"],
            "plan.docx",
            "Fout: 'plan.docx' is een naam voor een Word-bestand, maar pvs zou er JSON in "
            "schrijven. Kies een naam die eindigt op .json.",
        ),
        (
            ["--format", "docx"],
            "plan.json",
            "Fout: Geef met -o een bestandsnaam op die eindigt op .docx, of kies --format json.",
        ),
        (
            [],
            "plan.txt",
            "Fout: pvs weet niet wat het moet schrijven naar 'plan.txt': kies een naam die "
            "eindigt op .docx (Word) of .json, of geef --format.",
        ),
    ],
)
def test_the_format_and_the_name_must_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], name: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["plan", str(SAMPLES / "10-daan-van-den-berg.json"), *args, "-o", name]
    )
    assert (result.exit_code, result.stderr.strip()) == (2, message)
    assert not (tmp_path / name).exists()


def test_the_format_follows_the_name(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    result = CliRunner().invoke(
        cli, ["plan", str(SAMPLES / "10-daan-van-den-berg.json"), "-o", str(target)]
    )
    assert result.exit_code == 0
    assert json.loads(target.read_text("utf-8"))["student"]["naam"] == "Daan van den Berg"


@pytest.mark.parametrize("option", [["--afschermen"], ["--verslag", "verslag.json"]])
def test_extract_of_a_plan_takes_no_passport_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.docx").write_bytes(docx_for("03-olena-kovalenko.json"))
    result = CliRunner().invoke(cli, ["extract", "plan.docx", *option])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Fout: plan.docx is een ondersteuningsplan, geen paspoort: pvs leest het zonder "
        "--verslag en --afschermen. Laat die weg."
    )
