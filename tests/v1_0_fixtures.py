"""Frozen files of schema 1.0, made once by the 1.0 release (commit 391d63a) and its neighbours.

`.venv/bin/python -m tests.v1_0_fixtures` wrote tests/fixtures/v1.0/ from volledig.json there:
the PDF and Word forms pvs rendered, the same form filled by pdftk, flattened by qpdf and pdftk,
printed by mupdf and re-saved by LibreOffice, each with the data 1.0 read back from it, and a
copy of every sample. These are history, kept to prove later versions still read 1.0 files:
never regenerate them. The module refuses to run once the schema is no longer 1.0.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from pvs.api import read
from pvs.documents.docx.render import render_docx
from pvs.documents.filling import complete_meta
from pvs.documents.pdf.render import render_pdf
from pvs.model.schema import SCHEMA_VERSION
from tests.office_tools import libreoffice
from tests.pdf_tools import (
    blank_for,
    expected_from_form,
    expected_from_layout,
    fill_pdftk,
    flatten_pdftk,
    flatten_qpdf,
    print_mutool,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "v1.0"
SOURCE = FIXTURES / "volledig.json"


def blank_meta(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with only the meta a blank form carries (blank_for) and what the filler adds."""
    meta = complete_meta(data)["meta"]
    own = {key: meta[key] for key in ("schema_versie", "formulier_id", "status")}
    return {**data, "meta": own}


def make_fixtures(folder: Path) -> dict[str, dict[str, Any]]:
    """Write every file made from volledig.json to `folder`; return the expected data by name."""
    data: dict[str, Any] = json.loads(SOURCE.read_text(encoding="utf-8"))
    pvs_pdf = folder / "volledig-pvs.pdf"
    pvs_pdf.write_bytes(render_pdf(data))
    pvs_docx = folder / "volledig.docx"
    pvs_docx.write_bytes(render_docx(data))
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        blank = blank_for(data, work / "blank.pdf")  # made today: its aangemaakt is today
        fill_pdftk(blank, data, folder / "volledig-pdftk-filled.pdf")
        copy = shutil.copyfile(pvs_docx, work / "volledig-libreoffice.docx")
        resaved = libreoffice(copy, "docx", work / "lo")
        shutil.copyfile(resaved, folder / "volledig-libreoffice.docx")
    flatten_qpdf(pvs_pdf, folder / "volledig-qpdf-flattened.pdf")
    flatten_pdftk(pvs_pdf, folder / "volledig-pdftk-flattened.pdf")
    print_mutool(pvs_pdf, folder / "volledig-mutool-printed.pdf")
    from_form, from_layout = expected_from_form(data), expected_from_layout(data)
    return {
        "volledig-pvs.pdf": from_form,
        "volledig-pdftk-filled.pdf": expected_from_form(blank_meta(data)),
        "volledig-qpdf-flattened.pdf": from_layout,
        "volledig-pdftk-flattened.pdf": from_layout,
        "volledig-mutool-printed.pdf": from_layout,
        "volledig.docx": from_form,
        "volledig-libreoffice.docx": from_form,  # as tests/office_tools.py expects
    }


def expected_path(file: Path) -> Path:
    return file.with_name(f"{file.stem}.expected.json")


def mismatches(folder: Path) -> list[str]:
    """Every frozen file that this pvs does not read back as its expected data."""
    wrong = []
    for file in sorted(folder.glob("volledig*.*")):
        if file.suffix == ".json":
            continue
        expected = json.loads(expected_path(file).read_text(encoding="utf-8"))
        if read(file).passport != expected:
            wrong.append(file.name)
    for sample in sorted((folder / "samples").glob("*.json")):
        if read(sample).passport != json.loads(sample.read_text(encoding="utf-8")):
            wrong.append(f"samples/{sample.name}")
    return wrong


def main() -> int:
    if SCHEMA_VERSION != "1.0":
        print(f"Refused: these files are history of 1.0; the schema is {SCHEMA_VERSION}.")
        return 1
    samples = FIXTURES / "samples"
    samples.mkdir(parents=True, exist_ok=True)
    for sample in sorted((ROOT / "samples").glob("*.json")):
        shutil.copyfile(sample, samples / sample.name)
    for name, expected in make_fixtures(FIXTURES).items():
        text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
        expected_path(FIXTURES / name).write_text(text, encoding="utf-8")
        print(f"{name} and its expected data written")
    wrong = mismatches(FIXTURES)
    print("Read back wrongly: " + ", ".join(wrong) if wrong else "Every file reads back exactly.")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
