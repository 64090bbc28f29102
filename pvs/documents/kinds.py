"""The one place that decides what kind of document a file is, or is to become.

A file pvs reads is recognised by its first bytes, and only then by its name: a pupil may send
a PDF called `paspoort.docx`. A file pvs writes takes its format from its name's suffix.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, Literal

from pvs.documents.filling import RenderOptions
from pvs.errors import UsageError

DocumentKind = Literal["pdf", "docx", "odt", "json"]
OutputFormat = Literal["pdf", "docx"]

FORMATS: tuple[OutputFormat, ...] = ("pdf", "docx")
READABLE_SUFFIXES = (".pdf", ".docx", ".odt", ".json")
KIND_NAMES = {
    "pdf": "een PDF",
    "docx": "een Word-document",
    "odt": "een LibreOffice-document (.odt)",
    "json": "een JSON-bestand",
}
# An OpenDocument file starts with its uncompressed member "mimetype", which names the format.
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def detect_kind(head: bytes, name: str) -> DocumentKind:
    """The kind of a file to read, from its first bytes and, where they say nothing, its name."""
    suffix = PurePath(name).suffix.lower()
    if head.startswith(b"%PDF-") or (suffix == ".pdf" and not head.startswith(b"PK")):
        return "pdf"
    if head.startswith(b"PK") and ODT_MIMETYPE in head[:200]:
        return "odt"
    if suffix == ".odt" and not head.startswith(b"{"):
        return "odt"
    if head.startswith(b"PK") or suffix == ".docx":
        return "docx"
    return "json"


def output_format(name: str | PurePath) -> OutputFormat:
    """The format of a passport to write, from the suffix of its file name."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    raise UsageError(
        f"pvs maakt een paspoort als PDF of Word-document: laat {name} eindigen op .pdf of .docx."
    )


def check_formats(
    formats: tuple[str, ...], password: str | None = None
) -> tuple[OutputFormat, ...]:
    """The formats of a batch, checked: known, at least one, and no password for Word."""
    if not formats or any(f not in FORMATS for f in formats):
        raise UsageError(f"Onbekend formaat '{','.join(formats)}': kies pdf, docx of pdf,docx.")
    if password and "docx" in formats:
        raise UsageError(
            "Word-documenten kan pvs niet met een wachtwoord beveiligen. Kies --format pdf als "
            "je de paspoorten beveiligd wilt versturen."
        )
    return tuple(f for f in FORMATS if f in formats)


def check_format(fmt: str) -> OutputFormat:
    """One format to render, checked."""
    for known in FORMATS:
        if fmt == known:
            return known
    raise UsageError(f"Onbekend formaat '{fmt}': kies pdf of docx.")


def render_document(
    fmt: OutputFormat, data: dict[str, Any] | None, options: RenderOptions
) -> bytes:
    """The passport rendered as `fmt`; each renderer is imported only when it is needed."""
    if fmt == "pdf":
        from pvs.documents.pdf.render import render_pdf

        return render_pdf(data, options)
    from pvs.documents.docx.render import render_docx

    return render_docx(data, options)
