"""Files people give as the export by mistake: a passport, a PDF, a Word document, the lock file
Excel leaves next to an open workbook.

Each is told by its first bytes, not its name (a passport may well be called export.csv), and
refused as a usage error with what to give instead.
"""

from __future__ import annotations

from pathlib import Path

from pvs.errors import UsageError

HEAD_BYTES = 512  # enough for a zip's first member name and an OpenDocument's mimetype
LOCK_PREFIX = "~$"
LIBREOFFICE_LOCK = ".~lock."
MAX_LOCK_BYTES = 1024  # a lock file holds the user's name and little more
GIVE_EXPORT = (
    "Geef de export uit Magister of Somtoday op: een CSV- of Excel-bestand (.xlsx) met een "
    "rij per leerling."
)
RESAVE_AS_EXPORT = "Is dit de export? Sla die dan op als Excel-werkmap (.xlsx) of als CSV UTF-8."

# First bytes of files that are never an export, and what they are.
_NOT_EXPORTS = (
    (b"%PDF", "een PDF"),
    (b"\x89PNG", "een afbeelding"),
    (b"\xff\xd8\xff", "een afbeelding"),
    (b"GIF8", "een afbeelding"),
    (b"{\\rtf", "een RTF-document"),
)
_OPENDOCUMENT = b"mimetypeapplication/vnd.oasis.opendocument."
_OLD_OFFICE = b"\xd0\xcf\x11\xe0"  # the container of .xls and .doc alike


def not_an_export(name: str, what: str) -> UsageError:
    """The error for a file that is something else than an export, with what to give instead."""
    return UsageError(
        f"{name} is geen export uit de leerlingadministratie, maar {what}. {GIVE_EXPORT}"
    )


def refuse_lock_file(path: Path, size: int) -> None:
    """Refuse the lock file Excel and Word (~$naam.xlsx) or LibreOffice (.~lock.naam.xlsx#)
    keep beside a file while it is open: its name is the export's, so it is easily picked."""
    name = path.name
    if size > MAX_LOCK_BYTES:
        return
    if name.startswith(LOCK_PREFIX):
        maker, instead = (
            "Excel of Word",
            f"het bestand met dezelfde naam zonder {LOCK_PREFIX} ervoor",
        )
    elif name.startswith(LIBREOFFICE_LOCK) and name.endswith("#"):
        maker, instead = "LibreOffice", f"het bestand {name[len(LIBREOFFICE_LOCK) : -1]}"
    else:
        return
    raise UsageError(
        f"{path} is een tijdelijk bestand dat {maker} maakt zolang een bestand open is; het is "
        f"geen export. Kies {instead}."
    )


def refuse_other_file(path: Path, head: bytes) -> None:
    """Refuse, by its first bytes, a file that is not a school export."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"{", b"[")):
        raise not_an_export(str(path), "een JSON-bestand, zoals een paspoort")
    for magic, what in _NOT_EXPORTS:
        if head.startswith(magic):
            raise not_an_export(str(path), what)
    if head.startswith(_OLD_OFFICE):
        raise UsageError(
            f"{path} is een Excel- of Word-bestand in de oude vorm (.xls of .doc); dat leest "
            f"pvs niet. {RESAVE_AS_EXPORT}"
        )
    if head.startswith(b"PK") and _OPENDOCUMENT in head:
        _refuse_opendocument(path, head)


def _refuse_opendocument(path: Path, head: bytes) -> None:
    if _OPENDOCUMENT + b"spreadsheet" in head:
        raise UsageError(
            f"{path} is een LibreOffice-rekenblad (.ods); dat leest pvs niet. {RESAVE_AS_EXPORT}"
        )
    raise not_an_export(str(path), "een LibreOffice-document")
