"""Read a passport from any file pvs understands: JSON, or a returned PDF or Word form."""

from __future__ import annotations

from pathlib import Path, PurePath

from pvs.budget import bounded
from pvs.documents.extraction import Note, ReadResult
from pvs.documents.files import empty_file, read_bytes
from pvs.documents.jsonfile import passport_from_bytes
from pvs.documents.kinds import KIND_NAMES, DocumentKind, detect_kind
from pvs.limits import check_file_size

DEFAULT_NAME = "paspoort"  # how messages name a passport given as bytes without a name


def read_passport(
    source: Path | bytes, *, name: str | None = None, password: str | None = None
) -> ReadResult:
    """The passport in a file or in its bytes, with where its values came from.

    `name` is how messages call the document (by default the path, or 'paspoort' for bytes);
    its suffix counts only when the content does not say what the file is.
    """
    if isinstance(source, bytes | bytearray):
        content, label = bytes(source), name or DEFAULT_NAME
    else:
        content, label = read_bytes(source), name or str(source)
    kind = detect_kind(content[:1024], label)
    if kind == "json":  # json.loads holds no decoder bomb; its limits are checked in place
        result = _read_kind(kind, content, label, password)
    else:
        result = bounded(_read_kind, kind, content, label, password, name=label)
    result.name, result.kind = label, kind
    _note_misleading_name(result, label)
    return result


def _read_kind(kind: DocumentKind, content: bytes, name: str, password: str | None) -> ReadResult:
    if not content:
        raise empty_file(name)
    check_file_size(len(content), name)
    if kind == "pdf":
        from pvs.documents.pdf.extract import extract_pdf_bytes

        return extract_pdf_bytes(content, name, password)
    if kind == "docx":
        from pvs.documents.docx.extract import extract_docx_bytes

        return extract_docx_bytes(content, name)
    return ReadResult(passport_from_bytes(content, name))


def _note_misleading_name(result: ReadResult, name: str) -> None:
    """pvs reads a file by what it is; a misleading extension only earns a note."""
    suffix = PurePath(name).suffix.lower()
    if result.kind == "json" or suffix == f".{result.kind}" or name == DEFAULT_NAME:
        return
    kind = KIND_NAMES[result.kind]
    result.notes.append(
        Note(
            "",
            f"{PurePath(name).name} is {kind}, al eindigt de naam niet op .{result.kind}. "
            f"pvs heeft het als {kind} gelezen.",
        )
    )
