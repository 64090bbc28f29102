"""Read a passport from any file pvs understands: JSON, or a returned PDF or Word form."""

from __future__ import annotations

from pathlib import Path

from pvs.documents.extraction import Extraction, Note
from pvs.documents.jsonfile import empty_file, load_passport, require_file
from pvs.errors import UnreadableFile
from pvs.limits import check_file_size


def read_passport(path: Path, password: str | None = None) -> Extraction:
    """The passport in `path`, with where its values came from when it was a form."""
    require_file(path)
    size = path.stat().st_size
    if size == 0:
        raise empty_file(str(path))
    check_file_size(size, str(path))
    head, suffix = _head(path), path.suffix.lower()
    if head.startswith(b"%PDF-") or (suffix == ".pdf" and not head.startswith(b"PK")):
        from pvs.documents.pdf.extract import extract_pdf

        return _named_right(extract_pdf(path, password), path, ".pdf", "een PDF")
    if head.startswith(b"PK") or suffix == ".docx":
        from pvs.documents.docx.extract import extract_docx

        return _named_right(extract_docx(path), path, ".docx", "een Word-document")
    return Extraction(load_passport(path))


def _named_right(result: Extraction, path: Path, suffix: str, kind: str) -> Extraction:
    """pvs reads a file by what it is; a misleading extension only earns a note."""
    if path.suffix.lower() != suffix:
        result.notes.append(
            Note(
                "",
                f"{path.name} is {kind}, al eindigt de naam niet op "
                f"{suffix}. pvs heeft het als {kind} gelezen.",
            )
        )
    return result


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(1024)
    except OSError as exc:
        raise UnreadableFile(f"{path} kan niet worden gelezen ({exc.strerror}).") from None
