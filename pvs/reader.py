"""Read a passport from any file pvs understands: JSON, or a returned PDF or Word form."""

from __future__ import annotations

from pathlib import Path

from pvs.errors import UnreadableFile
from pvs.extraction import Extraction
from pvs.passport import load_passport, require_file


def read_passport(path: Path, password: str | None = None) -> Extraction:
    """The passport in `path`, with where its values came from when it was a form."""
    require_file(path)
    head = _head(path)
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and path.suffix.lower() == ".pdf"):
        from pvs.pdf.extract import extract_pdf

        return extract_pdf(path, password)
    if head.startswith(b"PK"):
        from pvs.docx.extract import extract_docx

        return extract_docx(path)
    return Extraction(load_passport(path))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(1024)
    except OSError as exc:
        raise UnreadableFile(f"{path} kan niet worden gelezen ({exc.strerror}).") from None
