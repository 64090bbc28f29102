"""Every reader words the same trouble with a file the same way, whatever the file should be."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import pvs
from pvs.documents.docx.render import render_docx
from pvs.documents.jsonfile import load_passport
from pvs.errors import UnreadableFile, UsageError
from pvs.jobs.batch.export import read_export
from pvs.jobs.plan.catalogue import load_catalogue
from pvs.jobs.templatecheck import check_template
from tests.conftest import minimal_passport

READERS: dict[str, Callable[[Path], Any]] = {
    "passport": pvs.read,
    "json": load_passport,
    "template": lambda path: check_template(path, {}),
    "catalogue": load_catalogue,
}
DAMAGED = (
    "is beschadigd en kan niet worden gelezen. Vraag de jongere om het paspoort opnieuw op te "
    "slaan en te sturen."
)


@pytest.mark.parametrize("read", [*READERS.values(), read_export], ids=[*READERS, "export"])
def test_a_missing_file(read: Callable[[Path], Any], tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        read(tmp_path / "weg")
    assert caught.value.message == (
        f"Het bestand {tmp_path / 'weg'} bestaat niet. Controleer de naam en de map."
    )


@pytest.mark.parametrize("read", READERS.values(), ids=READERS)
def test_an_empty_file(read: Callable[[Path], Any], tmp_path: Path) -> None:
    (tmp_path / "leeg").write_bytes(b"")
    with pytest.raises(UnreadableFile) as caught:
        read(tmp_path / "leeg")
    assert caught.value.message == (
        f"{tmp_path / 'leeg'} is leeg. Kies het juiste bestand of vraag het opnieuw op."
    )


@pytest.mark.parametrize("read", READERS.values(), ids=READERS)
def test_a_file_the_system_keeps_closed(
    read: Callable[[Path], Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dicht").write_bytes(b"x")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(UnreadableFile) as caught:
        read(tmp_path / "dicht")
    assert caught.value.message == (
        f"{tmp_path / 'dicht'} kan niet worden gelezen (geen toestemming). Controleer of je het "
        "bestand mag openen."
    )


def test_a_damaged_word_passport_is_worded_as_a_damaged_pdf(tmp_path: Path) -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(render_docx(minimal_passport()))) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for item in source.infolist():
            broken = item.filename == "word/document.xml"
            target.writestr(item, source.read(item)[:500] if broken else source.read(item))
    (tmp_path / "p.docx").write_bytes(out.getvalue())
    (tmp_path / "p.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 2000)
    for name in ("p.docx", "p.pdf"):
        with pytest.raises(UnreadableFile) as caught:
            pvs.read(tmp_path / name)
        assert caught.value.message == f"{tmp_path / name} {DAMAGED}"
