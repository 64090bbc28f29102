"""LibreOffice, headless, as the other program that opens, saves and prints Word passports.

`.venv/bin/python -m tests.office_tools` regenerates the named fixture in tests/fixtures/docx/.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from tests.programs import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "docx"
TRICKY = "Şükrü & <Олена> \"Ștefan\" 'Ελένη'\tNguyễn Thị Hương 😀 € ✓\nnieuwe regel"


def libreoffice(source: Path, target_format: str, out_dir: Path) -> Path:
    """Convert `source` with LibreOffice ('docx' re-saves it as Word, 'pdf' prints it, 'odt'
    and 'doc' save it as LibreOffice's own and as old Word)."""
    filters = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf", "odt": "odt", "doc": "doc"}
    with tempfile.TemporaryDirectory() as profile:  # a private profile: runs never collide
        run(
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            filters[target_format],
            "--outdir",
            out_dir,
            source,
            timeout=180,
        )
    result = out_dir / f"{source.stem}.{target_format}"
    if not result.exists():
        raise RuntimeError(f"LibreOffice wrote no {result.name}")
    return result


def tricky_passport() -> dict[str, Any]:
    """Sample 10 with names and text in many scripts, XML-special characters, tab and newline."""
    data: dict[str, Any] = json.loads((SAMPLES / "10-daan-van-den-berg.json").read_text("utf-8"))
    data["jongere"]["roepnaam"] = "Şükrü Олена"
    data["wie_ben_ik"]["over_mij"] = TRICKY
    return data


def make_fixtures() -> None:
    """Write tests/fixtures/docx/: a passport re-saved by LibreOffice, with its expected data."""
    from pvs.documents.docx.render import render_docx
    from pvs.documents.extraction import canonical
    from pvs.documents.filling import complete_meta

    FIXTURES.mkdir(parents=True, exist_ok=True)
    data = tricky_passport()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "libreoffice-resaved.docx"
        source.write_bytes(render_docx(data))
        resaved = libreoffice(source, "docx", Path(folder) / "lo")
        (FIXTURES / "libreoffice-resaved.docx").write_bytes(resaved.read_bytes())
    expected = canonical(complete_meta(data))
    (FIXTURES / "libreoffice-resaved.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    make_fixtures()
