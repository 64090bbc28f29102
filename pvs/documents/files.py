"""What pvs says when it cannot read a file: one wording per situation, whatever the format.

Every reader (JSON, PDF, Word, export, catalogue, template) words a missing, empty, closed or
damaged file here, so the user meets the same sentence, with the same way out, everywhere.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from pvs.errors import UnreadableFile, UsageError, system_reason
from pvs.limits import check_file_size
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import KNOWN_VERSIONS, is_newer

WORD_FILE = "Word-bestand (.docx)"
# What zipfile raises for an archive cut short or made up (a .docx is a zip archive).
BROKEN_ZIP = (zipfile.BadZipFile, KeyError, EOFError, zlib.error, NotImplementedError)
RESAVE_WORD = "Sla het opnieuw op als Word-document en probeer het nog eens."


def missing_file(path: Path) -> UsageError:
    """The error for a file that is not there: a mistake in the command, so exit code 2."""
    return UsageError(f"Het bestand {path} bestaat niet. Controleer de naam en de map.")


def require_file(path: Path) -> None:
    """UsageError unless `path` is an existing file; a folder gets a hint to name its files."""
    if path.is_dir():
        raise UsageError(
            f"{path} is een map, geen bestand. Geef de paspoorten zelf op, bijvoorbeeld "
            f"{path / '*.json'}."
        )
    if not path.is_file():
        raise missing_file(path)


def read_bytes(path: Path) -> bytes:
    """The content of the file at `path`, refused when it is missing, empty, too large or closed."""
    require_file(path)
    try:
        check_file_size(path.stat().st_size, str(path))
        content = path.read_bytes()
    except OSError as error:
        raise cannot_open(str(path), error) from None
    if not content:
        raise empty_file(str(path))
    return content


def cannot_open(name: str, error: OSError) -> UnreadableFile:
    """The error for a file the system would not hand over (no permission, a network drive)."""
    return UnreadableFile(
        f"{name} kan niet worden gelezen ({system_reason(error)}). Controleer of je het bestand "
        "mag openen."
    )


def empty_file(name: str) -> UnreadableFile:
    """The error for a file of zero bytes."""
    return UnreadableFile(f"{name} is leeg. Kies het juiste bestand of vraag het opnieuw op.")


def damaged(name: str) -> UnreadableFile:
    """The error for a returned passport (PDF or Word) too broken to read."""
    return UnreadableFile(
        f"{name} is beschadigd en kan niet worden gelezen. Vraag de jongere om het paspoort "
        "opnieuw op te slaan en te sturen."
    )


def unreadable(name: str, kind: str, fix: str) -> UnreadableFile:
    """The error for a file that is not the `kind` of file pvs expected, with what to do."""
    return UnreadableFile(f"{name} is geen leesbaar {kind}. {fix}")


def unsafe_xml(name: str, fix: str) -> UnreadableFile:
    """The error for XML with a DTD: its entities could fetch files or expand to gigabytes."""
    return UnreadableFile(
        f"{name} bevat XML die pvs om veiligheidsredenen niet leest (een DTD of entiteiten). {fix}"
    )


def readable_version(name: str, version: object) -> str:
    """The schema version a passport states, when pvs reads it: the current one, or an older
    one it upgrades. Anything else is refused with what the user can do about it."""
    if isinstance(version, str) and version in KNOWN_VERSIONS:
        return version
    raise unknown_version(name, version)


def unknown_version(name: str, version: object) -> UnreadableFile:
    """The error for a passport whose schema version this pvs does not read: one made by a
    newer pvs, or one whose version is no passport version at all (edited, or not by pvs)."""
    if isinstance(version, str) and is_newer(version):
        return UnreadableFile(
            f"{name} is gemaakt met een nieuwere versie van pvs (schemaversie {version}). Deze "
            f"pvs leest paspoorten tot en met schemaversie {SCHEMA_VERSION}. Werk pvs bij naar "
            "de nieuwste versie en probeer het opnieuw."
        )
    # Quoted only when it is short text: the field could hold anything, and no message quotes
    # what a passport holds.
    if isinstance(version, str) and len(version) <= 20:
        said = f"heeft schemaversie '{version}', maar dat is geen versie die pvs kent"
    else:
        said = "heeft een schemaversie die pvs niet kent"
    return UnreadableFile(
        f"{name} {said} (pvs leest versie {_known()}). Is het bestand met de hand aangepast? "
        "Maak het paspoort dan opnieuw met pvs."
    )


def _known() -> str:
    *older, current = KNOWN_VERSIONS
    return f"{', '.join(older)} en {current}" if older else current
