"""A Word passport saved or printed as PDF is read by its labels, never at the PDF form's boxes:
right or flagged (fixtures in tests/fixtures/wordpdf/, made by tests/wordpdf_tools.py)."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import pvs
from pvs.cli import cli
from pvs.documents.pdf.extract import extract_pdf_bytes
from pvs.documents.pdf.wordprint import PRINTED_WORD, WORD_FOOTER
from pvs.model import paths
from pvs.model.formmodel import Field, Kind, load_form_model
from pvs.model.schema import validator
from tests.strategies import passports
from tests.wordpdf_tools import FIXTURES, expected_data, printed

NAMES = [
    "daan-libreoffice",
    "olena-libreoffice",
    "lang-en-labels-libreoffice",
    "kop-van-school-libreoffice",  # a school put its own text in the page header
    "regel-erbij-libreoffice",  # a line added under the name: flagged, not read as the name
    "volledig-1.0-libreoffice",  # schema 1.0's Word passport: read with its fields, upgraded
]


def fixture(name: str) -> tuple[Path, Any, list[str]]:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    doubts = json.loads((FIXTURES / f"{name}.doubts.json").read_text("utf-8"))
    return FIXTURES / f"{name}.pdf", expected, doubts


@pytest.mark.parametrize("name", NAMES)
def test_a_printed_word_passport_reads_back_or_flags_exactly(name: str) -> None:
    source, expected, doubts = fixture(name)
    result = pvs.read(source)
    assert result.passport == expected
    assert sorted(d.path for d in result.doubts) == sorted(doubts)
    assert set(result.sources.values()) == {PRINTED_WORD}
    assert not set(doubts) & set(result.sources)


def test_cyrillic_names_come_back() -> None:
    result = pvs.read(FIXTURES / "olena-libreoffice.pdf")
    assert result.vouched
    assert result.passport["jongere"]["roepnaam"] == "Олена"


def test_a_value_that_equals_a_label_is_still_read() -> None:
    result = pvs.read(FIXTURES / "lang-en-labels-libreoffice.pdf")
    assert result.passport["jongere"]["roepnaam"] == "Tussenvoegsel"
    assert result.passport["school"]["mentor"]["naam"] == "Naam"
    doubted = {d.path: d.message for d in result.doubts}
    assert doubted["wie_ben_ik.talen"].startswith("Talen die ik spreek: niet zeker gelezen")


def test_the_word_footer_is_not_the_pdf_forms() -> None:
    word = "Paspoort voor Succes · schemaversie 1.1 · formulier PVS-2026-VP-0377 · pagina 3"
    assert WORD_FOOTER.search(word)
    assert not WORD_FOOTER.search("Paspoort voor Succes · schemaversie 1.1 · opmaak 1")


@pytest.mark.parametrize(("name", "code"), [("daan-libreoffice", 0), ("lang-en-labels", 1)])
def test_extract_exit_codes(name: str, code: int, tmp_path: Path) -> None:
    source = next(FIXTURES.glob(f"{name}*.pdf"))
    out = tmp_path / "uit.json"
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(out)])
    assert result.exit_code == code, result.stderr
    assert out.exists()
    if code:
        assert "Controleer: Mijn interesses en hobby's: niet zeker gelezen" in result.stderr
    else:
        assert "Controleer" not in result.stderr


def test_intake_row(tmp_path: Path) -> None:
    target = tmp_path / "overzicht.csv"
    files = [FIXTURES / "daan-libreoffice.pdf", FIXTURES / "lang-en-labels-libreoffice.pdf"]
    summary = pvs.run_intake(files, output=target)
    assert summary.to_check == 1, target.read_text("utf-8-sig")[:2000]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = {Path(r["bestand"]).name: r for r in csv.DictReader(handle, delimiter=";")}
    assert rows["daan-libreoffice.pdf"]["gelezen"] == "ja"
    doubtful = rows["lang-en-labels-libreoffice.pdf"]
    assert doubtful["gelezen"] == "controleren"
    assert "Mijn interesses en hobby's" in doubtful["reden"]


_TITLES = sorted({f.title for f in load_form_model().fields})
# Only a long text can hold a line break: Word and LibreOffice keep a short text on one line.
_TITLES_AND_HELP = sorted(
    {f"{f.title}\n{f.description}" for f in load_form_model().fields if f.description}
)


@st.composite
def confusing_passports(draw: st.DrawFn) -> dict[str, Any]:
    """Passports whose texts are sometimes a label, or a label and its help."""
    data = draw(passports())
    model = load_form_model()

    def visit(path: str, value: Any) -> Any:
        field = model.node(path)
        if (
            isinstance(field, Field)
            and field.kind in (Kind.TEXT, Kind.LONG_TEXT)
            and field.pattern is None
            and isinstance(value, str)
            and draw(st.booleans())
        ):
            many = field.kind == Kind.LONG_TEXT
            return draw(st.sampled_from(_TITLES + (_TITLES_AND_HELP if many else [])))
        return value

    return paths.transform(data, visit)


@pytest.mark.needs("soffice")
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(confusing_passports())
def test_any_printed_word_passport_is_right_or_flagged(data: dict[str, Any]) -> None:
    assume(validator(None).is_valid(data))
    with tempfile.TemporaryDirectory() as folder:
        pdf = printed(data, Path(folder))
    # Read without the time budget: LibreOffice may still be closing down on the same cores.
    result = extract_pdf_bytes(pdf, "paspoort.pdf")
    doubted = sorted(d.path for d in result.doubts)
    assert result.passport == expected_data(data, doubted)


def test_libreoffices_open_at_page_1_is_no_script() -> None:
    assert pvs.read(FIXTURES / "daan-libreoffice.pdf").notes == []


def test_a_word_print_that_does_not_fit_the_passport_is_unreadable(tmp_path: Path) -> None:
    """Its footer says Word passport, but the text is not the passport's: exit 3, not a guess
    and never a read at the PDF form's boxes."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for y, text in [(800, "Paspoort voor Succes"), (780, "Roepnaam Tussenvoegsel"), (760, "Daan")]:
        canvas.drawString(57, y, text)
    canvas.drawString(57, 30, "Paspoort voor Succes · schemaversie 1.1 · formulier X-1 · pagina 1")
    canvas.save()
    source = tmp_path / "aangepast.pdf"
    source.write_bytes(out.getvalue())
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(tmp_path / "uit.json")])
    assert result.exit_code == 3
    assert "past niet bij het paspoort van schemaversie 1.1" in result.stderr
