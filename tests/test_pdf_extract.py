"""Reading a returned PDF: every field by name whoever filled it, coerced to the schema's types,
with broken, foreign and protected files refused in Dutch."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from reportlab.pdfgen.canvas import Canvas

from pvs.cli import cli
from pvs.documents.extraction import FORM_FIELD, canonical
from pvs.documents.filling import complete_meta
from pvs.documents.pdf.extract import extract_pdf_bytes
from pvs.documents.pdf.layout import LAYOUT_VERSION
from pvs.documents.pdf.render import render_pdf, terminal_fields
from pvs.errors import UnreadableFile
from pvs.model.schema import SCHEMA_VERSION, validator
from tests.conftest import SAMPLES, load_json, minimal_passport, sample_files
from tests.strategies import passports


def extract(content: bytes, password: str | None = None) -> Any:
    return extract_pdf_bytes(content, "paspoort.pdf", password)


def edited(content: bytes, change: Any) -> bytes:
    """The PDF after `change(pdf, fields)` edited it the way another program might."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        change(pdf, terminal_fields(pdf))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


RENDERABLE = [p for p in sample_files() if not p.name.startswith("12-")]  # 12: see below


@pytest.mark.parametrize("path", RENDERABLE, ids=lambda p: p.stem)
def test_every_renderable_sample_round_trips(path: Path) -> None:
    data = load_json(path)
    assert extract(render_pdf(data)).passport == canonical(complete_meta(data))


def test_render_refuses_what_the_form_would_lose() -> None:
    from pvs.errors import InvalidPassport

    with pytest.raises(InvalidPassport) as caught:
        render_pdf(load_json(SAMPLES / "12-kevin-ongeldig.json"))
    assert [p.path for p in caught.value.problems] == ["wie_ben_ik.?"]


# --- the round trip as a property ------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passports())
def test_extract_after_render_gives_the_data_back(data: dict[str, Any]) -> None:
    assume(validator(None).is_valid(data))
    assert extract(render_pdf(data)).passport == canonical(complete_meta(data))


# --- whoever filled the form -----------------------------------------------------------------


@pytest.fixture(scope="module")
def blank() -> bytes:
    return render_pdf({"meta": {"schema_versie": SCHEMA_VERSION, "formulier_id": "PVS-TEST"}})


@pytest.mark.parametrize("state", ["Yes", "On", "1", "Ja", "Aan"])
def test_any_checkbox_on_state_counts_as_ticked(blank: bytes, state: str) -> None:
    def tick(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        node = fields["intake.mentor_aanwezig"]
        node.V = pikepdf.Name("/" + state)
        for widget in node.Kids:
            states = widget.AP.N
            widget.AP.N = pikepdf.Dictionary({f"/{state}": states.Yes, "/Off": states.Off})
            widget.AS = pikepdf.Name("/" + state)

    assert extract(edited(blank, tick)).passport["intake"] == {"mentor_aanwezig": True}


def test_radio_group_read_through_parent_or_widgets(blank: bytes) -> None:
    def parent_only(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        fields["school.onderwijstype"].V = pikepdf.Name("/havo")

    def widgets_only(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        for widget in fields["school.onderwijstype"].Kids:
            if pikepdf.Name("/pro") in widget.AP.N:
                widget.AS = pikepdf.Name("/pro")

    assert extract(edited(blank, parent_only)).passport["school"] == {"onderwijstype": "havo"}
    assert extract(edited(blank, widgets_only)).passport["school"] == {"onderwijstype": "pro"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xfe\xff" + "Олена".encode("utf-16-be"), "Олена"),
        (b"Caf\xe9 \x8dquote\x8e", "Café “quote”"),  # PDFDocEncoding
    ],
    ids=["utf-16", "pdfdocencoding"],
)
def test_text_in_any_pdf_string_encoding(blank: bytes, raw: bytes, expected: str) -> None:
    def fill(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        fields["jongere.roepnaam"].V = pikepdf.String(raw)

    assert extract(edited(blank, fill)).passport["jongere"] == {"roepnaam": expected}


def test_fields_without_appearance_streams(blank: bytes) -> None:
    def strip(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        fields["jongere.roepnaam"].V = pikepdf.String("Şükrü")
        fields["intake.gezamenlijke_intake"].V = pikepdf.Name("/Nee")
        for node in fields.values():
            for widget in node.Kids:
                del widget.AP

    data = extract(edited(blank, strip)).passport
    assert data["jongere"] == {"roepnaam": "Şükrü"}
    assert data["intake"] == {"gezamenlijke_intake": False}


@pytest.mark.filterwarnings("ignore:This document has .* not reachable from /AcroForm")
@pytest.mark.parametrize("damage", ["dropped", "emptied", "not an array"])
def test_damaged_field_tree_still_reads_from_the_page_widgets(damage: str) -> None:
    content = render_pdf(load_json(SAMPLES / "02-sukru-yilmaz.json"))

    def break_tree(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        if damage == "dropped":
            del pdf.Root.AcroForm
        elif damage == "emptied":
            pdf.Root.AcroForm.Fields = pikepdf.Array()
        else:
            pdf.Root.AcroForm.Fields = pikepdf.Name("/Kapot")

    result = extract(edited(content, break_tree))
    assert result.passport == extract(content).passport
    assert set(result.sources.values()) == {FORM_FIELD}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14-03-2009", "2009-03-14"),
        ("14-3-2009", "2009-03-14"),
        ("2009-03-14", "2009-03-14"),
        ("4/3/2009", "2009-03-04"),
        (" 14.03.2009 ", "2009-03-14"),
    ],
)
def test_dates_as_people_type_them(blank: bytes, typed: str, expected: str) -> None:
    def fill(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        fields["jongere.geboortedatum"].V = pikepdf.String(typed)

    result = extract(edited(blank, fill))
    assert result.passport["jongere"] == {"geboortedatum": expected}
    assert result.notes == []


def test_what_cannot_be_coerced_is_kept_as_typed_and_reported(blank: bytes) -> None:
    def fill(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        fields["jongere.geboortedatum"].V = pikepdf.String("14 maart 2009")
        fields["school.leerjaar"].V = pikepdf.String("vier")

    result = extract(edited(blank, fill))
    assert result.passport["jongere"] == {"geboortedatum": "14 maart 2009"}
    assert result.passport["school"] == {"leerjaar": "vier"}
    assert [(n.path, n.message) for n in result.notes] == [
        (
            "jongere.geboortedatum",
            "Geboortedatum: de datum is niet te lezen (schrijf bijvoorbeeld "
            "14-03-2009). De tekst is bewaard zoals die is ingevuld; verbeter dit in het paspoort.",
        ),
        (
            "school.leerjaar",
            "Leerjaar: er staat geen getal. De tekst is bewaard zoals die is "
            "ingevuld; verbeter dit in het paspoort.",
        ),
    ]


def test_a_foreign_field_is_reported_not_silently_dropped(blank: bytes) -> None:
    def add(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        extra = pdf.make_indirect(pikepdf.Dictionary(T="opmerking", FT=pikepdf.Name.Tx, V="hoi"))
        pdf.Root.AcroForm.Fields.append(extra)

    notes = extract(edited(blank, add)).notes
    assert [(n.path, n.message) for n in notes] == [
        (
            "opmerking",
            "Het formulier heeft een veld 'opmerking' dat niet bij het paspoort hoort; "
            "pvs heeft het overgeslagen.",
        )
    ]


# --- files that are not (readable) passports -------------------------------------------------


def other_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Factuur")
    canvas.save()
    return buffer.getvalue()


def encrypted(content: bytes, password: str) -> bytes:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=password, owner=password, aes=True, R=6))
        return out.getvalue()


def newer_version(content: bytes) -> bytes:
    def bump(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        fields["meta.schema_versie"].V = pikepdf.String("2.0")

    return edited(content, bump)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda b: b"", "paspoort.pdf is leeg. Kies het juiste bestand of vraag het opnieuw op."),
        (
            lambda b: b"PK\x03\x04word/document.xml",
            "paspoort.pdf is geen PDF maar lijkt een "
            "Word- of zip-bestand. Geef het bestand de juiste naam (.docx) of kies de PDF.",
        ),
        (
            lambda b: b"Beste mentor, hierbij mijn paspoort.",
            "paspoort.pdf is geen PDF-bestand. Kies de PDF van het paspoort.",
        ),
        (
            lambda b: other_pdf(),
            "paspoort.pdf is geen Paspoort voor Succes: er staan geen "
            "formuliervelden van het paspoort in en geen voettekst van pvs. Kies de PDF van een "
            "paspoort.",
        ),
        (
            lambda b: encrypted(b, "geheim"),
            "paspoort.pdf is beveiligd met een wachtwoord. Geef het wachtwoord met --wachtwoord.",
        ),
        (
            lambda b: b"%PDF-1.7\n" + b"\x00" * 2000,
            "paspoort.pdf is beschadigd en kan niet "
            "worden gelezen. Vraag de jongere om het paspoort opnieuw op te slaan en te sturen.",
        ),
        (
            newer_version,
            "paspoort.pdf is gemaakt met een nieuwere versie van pvs (schemaversie 2.0). Deze "
            f"pvs leest paspoorten tot en met schemaversie {SCHEMA_VERSION}. Werk pvs bij naar "
            "de nieuwste versie en probeer het opnieuw.",
        ),
    ],
    ids=["empty", "docx", "text", "other-pdf", "encrypted", "garbage", "newer-version"],
)
def test_unreadable_pdfs_get_a_dutch_message(blank: bytes, make: Any, message: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        extract(make(blank))
    assert caught.value.message == message


def test_encrypted_pdf_opens_with_the_right_password(blank: bytes) -> None:
    content = encrypted(render_pdf(load_json(SAMPLES / "02-sukru-yilmaz.json")), "geheim")
    assert extract(content, "geheim").passport["jongere"]["roepnaam"] == "Şükrü"
    with pytest.raises(UnreadableFile, match=r"Het wachtwoord voor paspoort\.pdf klopt niet"):
        extract(content, "fout")


def test_truncated_pdf_is_repaired_or_refused_never_a_crash() -> None:
    content = render_pdf(load_json(SAMPLES / "02-sukru-yilmaz.json"))
    for cut in (len(content) // 2, len(content) - 300, 4000):
        try:
            result = extract(content[:cut])
        except UnreadableFile as error:
            assert "beschadigd" in error.message or "geen Paspoort" in error.message
        else:
            assert any("beschadigd" in n.message for n in result.notes)


# --- through the command line ----------------------------------------------------------------


def test_cli_extract_writes_json_that_check_accepts(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "terug.pdf"
    source.write_bytes(render_pdf(load_json(SAMPLES / "01-sanne-de-vries.json")))
    out, report = tmp_path / "terug.json", tmp_path / "verslag.json"
    result = runner.invoke(cli, ["extract", str(source), "-o", str(out), "--verslag", str(report)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "132 velden gelezen uit de invulvelden.\n"
    assert runner.invoke(cli, ["check", "--stage", "plaatsing", str(out)]).exit_code == 0
    written = json.loads(report.read_text(encoding="utf-8"))
    assert (written["formaatversie"], written["bestand"], written["soort"]) == (
        2,
        str(source),
        "pdf",
    )
    assert written["bronnen"]["jongere.roepnaam"] == "formulierveld"


def test_cli_extract_prints_to_stdout_and_check_reads_pdf_directly(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "terug.pdf"
    source.write_bytes(render_pdf(minimal_passport(jongere={"roepnaam": "Ελένη"})))
    result = runner.invoke(cli, ["extract", str(source)])
    assert json.loads(result.stdout)["jongere"] == {"roepnaam": "Ελένη"}
    checked = runner.invoke(cli, ["check", "--stage", "aanmelding", str(source)])
    assert checked.exit_code == 1
    assert "Jongere: Ελένη" in checked.stdout


def test_cli_render_blank_and_filled(tmp_path: Path) -> None:
    runner = CliRunner()
    blank_out, filled_out = tmp_path / "leeg.pdf", tmp_path / "vol.pdf"
    assert runner.invoke(cli, ["render", "--blank", "-o", str(blank_out)]).exit_code == 0
    sample = str(SAMPLES / "05-stefan-popescu.json")
    result = runner.invoke(cli, ["render", sample, "-o", str(filled_out)])
    assert result.exit_code == 0
    assert result.stderr == f"Paspoort geschreven naar {filled_out}.\n"
    assert blank_out.read_bytes().startswith(b"%PDF-")
    assert extract(filled_out.read_bytes()).passport["jongere"]["roepnaam"] == "Ștefan"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["render", "-o", "x.pdf"],
            "Fout: Geef een JSON-paspoort op of kies --blank, niet allebei en niet geen van beide.",
        ),
        (
            ["render", "--blank", "-o", "x.odt"],
            "Fout: pvs maakt een paspoort als PDF of "
            "Word-document: laat x.odt eindigen op .pdf of .docx.",
        ),
        (
            ["render", "--blank", "-o", "geen-map/x.pdf"],
            "Fout: De map geen-map bestaat niet. Maak de map eerst of kies een andere.",
        ),
    ],
)
def test_cli_render_usage_errors(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_cli_render_refuses_unrenderable_data_listing_each_field(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["render", str(SAMPLES / "12-kevin-ongeldig.json"), "-o", str(tmp_path / "k.pdf")]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "  - Wie ben ik? › een onbekend veld (wie_ben_ik.?): Dit veld staat niet in het "
        "paspoortformulier; het zou verloren gaan. Haal het weg.\n"
        "Fout: Het paspoort kan niet worden gemaakt: 1 waarde past niet in het formulier. "
        "Verbeter dat eerst in het JSON-bestand.\n"
    )
    assert not (tmp_path / "k.pdf").exists()


def test_cli_extract_unreadable_exits_3(tmp_path: Path) -> None:
    source = tmp_path / "kapot.pdf"
    source.write_bytes(b"%PDF-1.4\n%%EOF")
    result = CliRunner().invoke(cli, ["extract", str(source)])
    assert result.exit_code == 3
    assert "beschadigd" in result.stderr or "geen Paspoort" in result.stderr
    assert result.stdout == ""


def test_a_printed_copy_in_another_layout_is_refused_not_misread() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from pvs.documents.pdf.font import REGULAR

    pdfmetrics.registerFont(TTFont("PvsTest", str(REGULAR)))
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("PvsTest", 7)
    canvas.drawString(42, 36, "Paspoort voor Succes · schemaversie 1.0 · opmaak 2")
    canvas.save()
    with pytest.raises(UnreadableFile) as caught:
        extract(buffer.getvalue())
    assert caught.value.message == (
        "paspoort.pdf is een afgedrukt of platgemaakt paspoort in opmaak 2 van schemaversie "
        "1.0; die opmaak kent deze pvs niet. Werk pvs bij, of vraag om het PDF-formulier zelf."
    )


@pytest.mark.parametrize(
    ("footer", "versions"),
    [
        ("Paspoort voor Succes · schemaversie 1.0 · opmaak 1 formulier X", ("1.0", 1)),
        ("Paspoort voor Succes  schemaversie 1.0  opmaak 3", ("1.0", 3)),  # dots lost in a reprint
        ("Paspoort voor Succes · schemaversie 2.1", ("2.1", 1)),
        ("Factuur 2027", (None, LAYOUT_VERSION)),
    ],
)
def test_footer_versions(footer: str, versions: tuple[str | None, int]) -> None:
    from pvs.documents.pdf.flattened import footer_version

    assert footer_version(footer) == versions


def test_check_tells_what_reading_a_pdf_turned_up(tmp_path: Path) -> None:
    def script(pdf: pikepdf.Pdf, fields: dict[str, Any]) -> None:
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1);")

    source = tmp_path / "met-script.pdf"
    source.write_bytes(edited(render_pdf(load_json(SAMPLES / "01-sanne-de-vries.json")), script))
    result = CliRunner().invoke(cli, ["check", "--stage", "intake", str(source)])
    assert result.exit_code == 0
    assert (
        "Bij het lezen:\n  - Het bestand bevat scripts of acties (zoals JavaScript of het "
        "openen van een programma); pvs heeft die genegeerd en niets uitgevoerd."
    ) in result.stdout
    as_json = CliRunner().invoke(cli, ["check", "--json", str(source)])
    assert json.loads(as_json.stdout)["bij_het_lezen"][0].startswith("Het bestand bevat scripts")
