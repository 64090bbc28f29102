"""The text of a CSV export, from its bytes: UTF-16 with its BOM, UTF-8, else Windows-1252.

An export that was saved through the wrong encoding once (its UTF-8 bytes read as
Windows-1252, then saved as UTF-8 again: "ZoÃ«" for "Zoë") is repaired, but only when the
whole text reads back as UTF-8 that way: then the bytes allow only one reading. A text where
that fails stays as it is, and its cells are warned about one by one.

ftfy repairs such text too, but decides piece by piece by how likely the result looks; here
the rule is all or nothing, so a correct export can never be changed, and it takes a dozen
lines rather than a dependency.
"""

from __future__ import annotations

import re
from pathlib import Path

from pvs.errors import UnreadableFile

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
REPAIRED = (
    "pvs heeft letters hersteld die bij het opslaan van de export verkeerd waren omgezet "
    "(zoals 'Ã«' voor 'ë'). Controleer de namen in de paspoorten, en exporteer de volgende keer "
    'als "CSV UTF-8".'
)


def _windows_1252(byte: int) -> str:
    """The character Windows makes of a byte: its five undefined bytes become the control
    character with the same number, which Python's cp1252 refuses."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# Undo that reading: each character back to its byte, by way of Latin-1.
_TO_BYTES = {ord(_windows_1252(b)): b for b in range(0x80, 0xA0)}
# A UTF-8 lead byte read as Windows-1252, followed by a continuation byte read so.
_MOJIBAKE = re.compile(
    "[{}][{}]".format(
        re.escape("".join(map(_windows_1252, range(0xC2, 0xF5)))),
        re.escape("".join(map(_windows_1252, range(0x80, 0xC0)))),
    )
)
MAX_REPAIRS = 2  # an export saved wrongly twice is repaired too, never more


def decode_export(content: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    """The export's text, and a notice when pvs repaired it."""
    text = _decode(content, path)
    repaired = text
    for _ in range(MAX_REPAIRS):
        repaired = _undo_wrong_reading(repaired) or repaired
    if repaired == text:
        return text, ()
    return repaired.removeprefix("\ufeff"), (REPAIRED,)


def _undo_wrong_reading(text: str) -> str | None:
    """`text` as it was before its UTF-8 bytes were read as Windows-1252; None when it holds
    no sign of that, or does not read back as UTF-8 as a whole."""
    if not _MOJIBAKE.search(text):
        return None
    try:
        return text.translate(_TO_BYTES).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None


def _decode(content: bytes, path: Path) -> str:
    """UTF-16 with its BOM, UTF-8, else Windows-1252; but a UTF-8 file with a broken byte is
    refused, not misread."""
    utf32 = content.startswith(_UTF32_BOMS)  # before UTF-16: FF FE 00 00 starts with FF FE
    if not utf32 and content.startswith(_UTF16_BOMS):
        return _decode_utf16(content, path)
    if utf32 or _mostly_nul(content):
        raise UnreadableFile(
            f"{path} is opgeslagen als Unicode-tekst die pvs niet leest (UTF-32, of UTF-16 "
            "zonder kenmerk); als Windows-1252 gelezen zou elke naam onzin worden. Sla de "
            "export opnieuw op als CSV (UTF-8)."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(content):
            line = content[: error.start].count(b"\n") + 1
            raise UnreadableFile(
                f"{path} is UTF-8, maar regel {line} bevat een ongeldig teken. Sla de export "
                "opnieuw op als CSV (UTF-8) of verbeter die regel."
            ) from None
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{path} is geen tekstbestand in UTF-8 of Windows-1252. Sla de "
            "export opnieuw op als CSV (UTF-8)."
        ) from None


def _mostly_nul(content: bytes) -> bool:
    """A quarter or more of the first bytes NUL: UTF-16 or UTF-32 text, not a text in UTF-8 or
    Windows-1252 with a stray NUL (which the row's warnings name)."""
    start = content[:4096]
    return len(start) >= 8 and start.count(0) * 4 >= len(start)


def _decode_utf16(content: bytes, path: Path) -> str:
    try:
        return content.decode("utf-16")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{path} is opgeslagen als Unicode-tekst (UTF-16), maar is beschadigd. Sla de "
            "export opnieuw op als CSV (UTF-8)."
        ) from None
