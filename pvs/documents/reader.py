"""Read a passport from any file pvs understands: JSON, or a returned PDF, Word or ODT form."""

from __future__ import annotations

from pathlib import Path, PurePath

from pvs.budget import bounded
from pvs.documents.extraction import Note, ReadResult
from pvs.documents.files import empty_file, read_bytes
from pvs.documents.jsonfile import read_json
from pvs.documents.kinds import KIND_NAMES, DocumentKind, detect_kind
from pvs.limits import check_file_size
from pvs.model.versions import KNOWN_VERSIONS, form_model

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
    if not content:
        raise empty_file(label)
    check_file_size(len(content), label)
    result = _decode(kind, content, label, password)
    result.name, result.kind = label, kind
    _note_misleading_name(result, label)
    return result


def _decode(kind: DocumentKind, content: bytes, name: str, password: str | None) -> ReadResult:
    """The passport in `content`; a PDF or Word file is decoded under the budget.

    The reader is imported and the form model of every version loaded here, before the child
    is forked: the child would otherwise import pikepdf and pdfplumber and build the models
    afresh for every file.
    """
    for version in KNOWN_VERSIONS:
        form_model(version)
    if kind == "pdf":
        from pvs.documents.pdf.extract import extract_pdf_bytes

        return bounded(extract_pdf_bytes, content, name, password, name=name)
    if kind == "docx":
        from pvs.documents.docx.extract import extract_docx_bytes

        return bounded(extract_docx_bytes, content, name, name=name)
    if kind == "odt":
        from pvs.documents.odt import extract_odt_bytes

        return bounded(extract_odt_bytes, content, name, name=name)
    # json.loads holds no decoder bomb; its limits are checked where it parses
    return read_json(content, name)


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
