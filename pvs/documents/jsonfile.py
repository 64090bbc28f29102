"""Read a passport from a JSON file, refusing with a clear message what is not one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pvs.documents.files import read_bytes, unknown_version
from pvs.errors import UnreadableFile
from pvs.model.schema import SCHEMA_VERSION, passport_schema

MAX_DEPTH = 32  # a passport nests 5 deep; pvs walks its data in more than one place
_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a character, which no file can store


def load_passport(path: Path) -> dict[str, Any]:
    """Passport data from a JSON file, or UsageError / UnreadableFile with a Dutch message."""
    return passport_from_bytes(read_bytes(path), str(path))


def passport_from_bytes(content: bytes, name: str) -> dict[str, Any]:
    """Passport data from the bytes of a JSON file called `name` (for messages)."""
    data = _parse(_decode(content, name), name)
    _check_shape(data, name)
    if not isinstance(data, dict) or not set(data) & set(passport_schema()["properties"]):
        raise UnreadableFile(
            f"{name} is geen Paspoort voor Succes: er staat geen enkel onderdeel van het paspoort "
            "in. Kies het JSON-bestand van een paspoort."
        )
    _check_version(data, name)
    return data


def _decode(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{name} is geen tekstbestand in UTF-8. Sla het paspoort op als JSON in UTF-8 of "
            "maak het opnieuw met pvs."
        ) from None


def _parse(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(
            f"{name} is geen geldig JSON-bestand (fout in regel {exc.lineno}, kolom {exc.colno}). "
            "Is het bestand beschadigd of met de hand aangepast? Maak het opnieuw met pvs."
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    except ValueError:  # an integer of more than 4,300 digits, which Python will not convert
        raise UnreadableFile(
            f"{name} bevat een getal dat veel te lang is voor een paspoort. Is het bestand "
            "beschadigd of met de hand aangepast? Maak het opnieuw met pvs."
        ) from None


def _check_shape(data: Any, name: str) -> None:
    """Refuse what would break pvs later on: nesting deeper than any passport, and text with a
    lone surrogate (JSON can write one as \\ud800, but no file pvs writes can hold it)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(name)
        if isinstance(value, dict):
            stack.extend((key, depth) for key in value)
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and _SURROGATE.search(value):
            raise UnreadableFile(
                f"{name} bevat een ongeldig teken: een code tussen \\ud800 en \\udfff die op "
                "zichzelf geen letter is. Haal die code uit het bestand, of maak het paspoort "
                "opnieuw met pvs."
            )


def _too_deep(name: str) -> UnreadableFile:
    return UnreadableFile(
        f"{name} is te diep genest om een paspoort te zijn. Kies het juiste bestand."
    )


def _check_version(data: dict[str, Any], name: str) -> None:
    meta = data.get("meta")
    version = meta.get("schema_versie") if isinstance(meta, dict) else None
    if version is None or version == SCHEMA_VERSION:
        return  # a missing version is reported by the check itself
    raise unknown_version(name, str(version))
