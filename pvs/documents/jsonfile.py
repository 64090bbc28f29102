"""Read a passport from a JSON file, refusing with a clear message what is not one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Re-exported only until pvs/cli/passports.py and pvs/jobs/intake/overview.py (display_name) and
# pvs/documents/reader.py (empty_file, require_file) import them from where they live.
from pvs.documents.files import empty_file as empty_file
from pvs.documents.files import read_bytes, unknown_version
from pvs.documents.files import require_file as require_file
from pvs.errors import UnreadableFile
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


def _read_text(path: Path) -> str:
    try:
        return read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{path} is geen tekstbestand in UTF-8. Sla het paspoort op als JSON in UTF-8 of "
            "maak het opnieuw met pvs."
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
