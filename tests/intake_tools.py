"""A folder of returns as an intake office gets it, every file made by the program that makes it.

`.venv/bin/python -m tests.intake_tools` remakes tests/fixtures/intake/:

- `terug/libreoffice.odt`: sample 10 rendered as Word by pvs, saved as .odt by LibreOffice
  (`soffice --convert-to odt`), as a pupil who pressed Save in LibreOffice returns it; its
  expected data in `libreoffice.expected.json`.
- `terug/oud.doc`: sample 04 rendered as Word, saved as an old Word file by LibreOffice.
- `terug/school.zip`: made by Info-ZIP `zip`, holding a PDF (sample 09) and a Word document
  (sample 01) rendered by pvs, and sample 02 as JSON.
- `terug/sukru-later.json`: sample 02 again, updated later: the same passport twice.
- `terug/foto.png`: the first page of the PDF as an image, by pdftoppm.
- `terug/~$oud.docx` and `terug/.~lock.libreoffice.odt#`: the lock files Word and LibreOffice
  leave next to an open document (their content as those programs write it), and `Thumbs.db`.
- `rows.expected.json`: the overview's verdict on each file, by its name inside `terug/`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tests.office_tools import libreoffice
from tests.programs import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "intake"
RETURNS = FIXTURES / "terug"
ODT = RETURNS / "libreoffice.odt"


def _sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text("utf-8"))
    return data


def make_fixtures() -> None:
    from pvs.documents.docx.render import render_docx
    from pvs.documents.extraction import canonical
    from pvs.documents.filling import complete_meta
    from pvs.documents.pdf.render import render_pdf

    shutil.rmtree(FIXTURES, ignore_errors=True)
    RETURNS.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        daan = _sample("10-daan-van-den-berg.json")
        (work / "libreoffice.docx").write_bytes(render_docx(daan))
        shutil.copy(libreoffice(work / "libreoffice.docx", "odt", work), ODT)
        (FIXTURES / "libreoffice.expected.json").write_text(
            json.dumps(canonical(complete_meta(daan)), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        (work / "oud.docx").write_bytes(render_docx(_sample("04-lukasz-wisniewski.json")))
        shutil.copy(libreoffice(work / "oud.docx", "doc", work), RETURNS / "oud.doc")

        members = work / "zip"
        members.mkdir()
        (members / "mila.pdf").write_bytes(render_pdf(_sample("09-mila-jansen.json")))
        (members / "sanne.docx").write_bytes(render_docx(_sample("01-sanne-de-vries.json")))
        shutil.copy(SAMPLES / "02-sukru-yilmaz.json", members / "sukru.json")
        zipped = [members / n for n in ("mila.pdf", "sanne.docx", "sukru.json")]
        run("zip", "-q", "-X", "-j", RETURNS / "school.zip", *zipped)
        run(
            "pdftoppm",
            "-png",
            "-r",
            "12",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            members / "mila.pdf",
            RETURNS / "foto",
        )
    later = _sample("02-sukru-yilmaz.json")
    later["meta"]["bijgewerkt"] = "2027-05-01"
    (RETURNS / "sukru-later.json").write_text(
        json.dumps(later, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    # Word's lock file: the user's name, padded, in a file of 162 bytes; LibreOffice's: a line.
    (RETURNS / "~$oud.docx").write_bytes(b"\x07Mentor ".ljust(54, b" ") + b"\x00" * 108)
    (RETURNS / ".~lock.libreoffice.odt#").write_text(
        "Mentor,mentor,school-pc,29.11.2026 12:00,file:///home/mentor/.config/libreoffice/4;",
        encoding="utf-8",
    )
    (RETURNS / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56)
    (FIXTURES / "rows.expected.json").write_text(
        json.dumps(EXPECTED_ROWS, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


SUKRU_OLD = "school.zip › sukru.json"
# By file (its name inside terug/, a zip member after ' › '): gelezen, naam, dubbel_met,
# telt_mee, and the start of reden.
EXPECTED_ROWS = {
    ".~lock.libreoffice.odt#": ["geen paspoort", "", "", "", "Een tijdelijk bestand dat Libre"],
    "Thumbs.db": ["geen paspoort", "", "", "", "Een verborgen systeembestand"],
    "foto.png": ["geen paspoort", "", "", "", "Een afbeelding (foto of scan)"],
    "libreoffice.odt": ["ja", "Berg, Daan van den", "", "", ""],
    "oud.doc": ["nee", "", "", "", "Dit is een oud Word-bestand (.doc)"],
    "school.zip › mila.pdf": ["ja", "Jansen, Mila", "", "", ""],
    "school.zip › sanne.docx": ["ja", "Vries, Sanne de", "", "", ""],
    SUKRU_OLD: ["ja", "Yılmaz, Şükrü", "sukru-later.json", "nee", ""],
    "sukru-later.json": ["ja", "Yılmaz, Şükrü", SUKRU_OLD, "ja", ""],
    "~$oud.docx": ["geen paspoort", "", "", "", "Een tijdelijk bestand dat Word"],
}


if __name__ == "__main__":
    make_fixtures()
