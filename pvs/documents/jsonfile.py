"""Read a passport from a JSON file, refusing with a clear message what is not one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pvs.errors import UnreadableFile, UsageError
from pvs.limits import check_file_size

# Kept here only until pvs/cli/passports.py and pvs/jobs/intake/overview.py import it from
# pvs.model.passport, where it lives; remove it then.
from pvs.model.passport import display_name as display_name
from pvs.model.schema import SCHEMA_VERSION, passport_schema


def load_passport(path: Path) -> dict[str, Any]:
    """Passport data from a JSON file, or UsageError / UnreadableFile with a Dutch message."""
    data = _parse(_read_text(path), path)
    if not isinstance(data, dict) or not set(data) & set(passport_schema()["properties"]):
        raise UnreadableFile(
            f"{path} is geen Paspoort voor Succes: er staat geen enkel onderdeel van het paspoort "
            "in. Kies het JSON-bestand van een paspoort."
        )
    _check_version(data, path)
    return data


def require_file(path: Path) -> None:
    """UsageError unless `path` is an existing file."""
    if path.is_dir():
        raise UsageError(
            f"{path} is een map, geen bestand. Geef de paspoorten zelf op, bijvoorbeeld "
            f"{path / '*.json'}."
        )
    if not path.is_file():
        raise UsageError(f"Het bestand {path} bestaat niet. Controleer de naam en de map.")


def _read_text(path: Path) -> str:
    require_file(path)
    try:
        check_file_size(path.stat().st_size, str(path))
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{path} is geen tekstbestand in UTF-8. Sla het paspoort op als JSON in UTF-8 of "
            "maak het opnieuw met pvs."
        ) from None
    except OSError as exc:
        raise UnreadableFile(
            f"{path} kan niet worden gelezen ({exc.strerror}). Controleer of je het bestand mag "
            "openen."
        ) from None


def _parse(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(
            f"{path} is geen geldig JSON-bestand (fout in regel {exc.lineno}, kolom {exc.colno}). "
            "Is het bestand beschadigd of met de hand aangepast? Maak het opnieuw met pvs."
        ) from None
    except RecursionError:
        raise UnreadableFile(
            f"{path} is te diep genest om een paspoort te zijn. Kies het juiste bestand."
        ) from None


def _check_version(data: dict[str, Any], path: Path) -> None:
    meta = data.get("meta")
    version = meta.get("schema_versie") if isinstance(meta, dict) else None
    if version is None or version == SCHEMA_VERSION:
        return  # a missing version is reported by the check itself
    raise unknown_version(str(path), str(version))


def empty_file(name: str) -> UnreadableFile:
    return UnreadableFile(f"{name} is leeg. Kies het juiste bestand of vraag het opnieuw op.")


def unknown_version(name: str, version: str) -> UnreadableFile:
    """The error for a passport made with a schema version this pvs does not know."""
    return UnreadableFile(
        f"{name} is een paspoort van schemaversie {version[:20]}, maar deze pvs kent alleen "
        f"versie {SCHEMA_VERSION}. Werk pvs bij naar de nieuwste versie."
    )
