"""Word passports rendered by pvs and printed to PDF by LibreOffice, as a pupil's PC would.

`.venv/bin/python -m tests.wordpdf_tools` regenerates tests/fixtures/wordpdf/: per passport the
PDF, `<name>.expected.json` with the data pvs must give back, and `<name>.doubts.json` with the
fields it must flag instead of reading (empty: the file reads back exactly).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from tests.office_tools import SAMPLES, libreoffice

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "wordpdf"

LONG_TEXT = (
    "Ik ben Daan en ik woon met mijn moeder, mijn stiefvader en twee zusjes in Deventer. "
    "Ik ben rustig maar als ik iemand ken praat ik veel. Ik ben trots op de kast die ik in "
    "het tweede jaar heb gemaakt voor mijn oma, want die staat nog steeds in haar kamer en "
    "iedereen die langskomt vraagt wie dat gemaakt heeft.\n"
    "Tweede alinea: op school werk ik het liefst in de werkplaats.\n\n"
    "Naam\n"
    "Over mij"
)
# The next field's title and help inside a value: the page alone cannot tell where this value
# ends and the next begins, so both fields must be flagged.
LABELS_INSIDE = (
    "Voetbal en tekenen.\nTalen die ik spreek\n"
    "Welke talen spreek je? Bijvoorbeeld: Nederlands, Turks, Engels.\nNederlands"
)


def long_and_labels() -> tuple[dict[str, Any], list[str]]:
    """Sample 10 with long multi-line texts, values that equal a label, and one that holds the
    next field's title and help; the fields pvs must flag."""
    data: dict[str, Any] = json.loads((SAMPLES / "10-daan-van-den-berg.json").read_text("utf-8"))
    data["jongere"]["roepnaam"] = "Tussenvoegsel"  # the next field's title: still unambiguous
    data["school"]["mentor"]["naam"] = "Naam"
    data["wie_ben_ik"]["over_mij"] = LONG_TEXT
    data["wie_ben_ik"]["interesses"] = LABELS_INSIDE
    data["wie_ben_ik"]["talen"] = "Nederlands en Engels"
    # A word longer than a line is broken without a space: pvs cannot know there was none.
    data["uitstroom"]["plan_b"] = "Eerst " + "werkervaringsplekzoektocht" * 5 + " en dan verder."
    return data, ["uitstroom.plan_b", "wie_ben_ik.interesses", "wie_ben_ik.talen"]


def sample(name: str) -> tuple[dict[str, Any], list[str]]:
    return json.loads((SAMPLES / name).read_text("utf-8")), []


def passports() -> dict[str, tuple[dict[str, Any], list[str]]]:
    """Each fixture's passport and the fields pvs must flag in its printed copy."""
    return {
        "daan-libreoffice": sample("10-daan-van-den-berg.json"),
        "olena-libreoffice": sample("03-olena-kovalenko.json"),
        "lang-en-labels-libreoffice": long_and_labels(),
        "kop-van-school-libreoffice": sample("01-sanne-de-vries.json"),
        "regel-erbij-libreoffice": (sample("01-sanne-de-vries.json")[0], ["jongere.roepnaam"]),
    }


def printed(data: dict[str, Any], folder: Path, stem: str = "paspoort", edit: str = "") -> bytes:
    """The Word passport pvs renders for `data` (edited as a school might: "kop" puts text in
    the page header, "regel" adds a line under an answer), printed to PDF by LibreOffice."""
    from pvs.documents.docx.render import render_docx

    source = folder / f"{stem}.docx"
    docx = render_docx(data)
    edits = {"kop": with_school_header, "regel": with_added_line}
    source.write_bytes(edits[edit](docx) if edit else docx)
    return libreoffice(source, "pdf", folder / "pdf").read_bytes()


def with_school_header(docx: bytes) -> bytes:
    """The Word passport as a school may dress it: its own text in the page header."""
    import io

    from docx import Document

    document = Document(io.BytesIO(docx))
    for section in document.sections:
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = "Vechtpoort College · Mentoraat leerjaar 4"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_added_line(docx: bytes) -> bytes:
    """The Word passport with a line a school added under the first answer (the pupil's name):
    on the page it looks like a second line of that answer."""
    import io

    from docx import Document

    document = Document(io.BytesIO(docx))
    title = next(p for p in document.paragraphs if p.text == "Tussenvoegsel")
    title.insert_paragraph_before("Vul dit samen met je mentor in.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def expected_data(data: dict[str, Any], doubts: list[str]) -> Any:
    """What reading the printed copy gives back: line breaks and runs of spaces become one
    space (the page cannot show them), and a flagged field is left out."""
    from pvs.documents.extraction import canonical
    from pvs.documents.filling import complete_meta
    from pvs.model import paths

    def flat(path: str, value: Any) -> Any:
        if path in doubts:
            return paths.DROP
        return " ".join(value.split()) if isinstance(value, str) else value

    return canonical(paths.transform(complete_meta(data), flat))


def old_word_print() -> None:
    """The 1.0 Word passport kept in tests/fixtures/v1.0/, printed to PDF: read with the 1.0
    fields (the 1.0 Word document had no headings above repeating parts), then upgraded."""
    from pvs.model import paths
    from pvs.model.migrations import upgrade

    frozen = ROOT / "tests" / "fixtures" / "v1.0"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "volledig-1.0-libreoffice.docx"
        source.write_bytes((frozen / "volledig.docx").read_bytes())
        pdf = libreoffice(source, "pdf", Path(folder) / "pdf")
        (FIXTURES / pdf.name).write_bytes(pdf.read_bytes())
    old = json.loads((frozen / "volledig.expected.json").read_text("utf-8"))
    flat = paths.transform(old, lambda _, v: " ".join(v.split()) if isinstance(v, str) else v)
    expected = upgrade(flat, "1.0").data
    (FIXTURES / "volledig-1.0-libreoffice.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (FIXTURES / "volledig-1.0-libreoffice.doubts.json").write_text("[]\n", encoding="utf-8")


def make_fixtures(remake: bool = False) -> None:
    """Write the fixtures that are missing (all of them with `remake`)."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    old_word_print()
    for name, (data, doubts) in passports().items():
        if (FIXTURES / f"{name}.pdf").exists() and not remake:
            continue
        with tempfile.TemporaryDirectory() as folder:
            edit = next((e for e in ("kop", "regel") if name.startswith(f"{e}-")), "")
            pdf = printed(data, Path(folder), name, edit)
            (FIXTURES / f"{name}.pdf").write_bytes(pdf)
        expected = expected_data(data, doubts)
        (FIXTURES / f"{name}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (FIXTURES / f"{name}.doubts.json").write_text(json.dumps(doubts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    make_fixtures(remake="--opnieuw" in sys.argv)
