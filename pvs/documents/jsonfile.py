"""Read a passport from a JSON file, refusing with a clear message what is not one.

A passport of an older schema version is upgraded to the current one; one without a version is
taken as current (the check reports the missing version).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pvs.documents.coerce import iso_dates
from pvs.documents.extraction import ReadResult, stated_version, upgraded
from pvs.documents.files import read_bytes
from pvs.errors import UnreadableFile
from pvs.model.schema import passport_schema

MAX_DEPTH = 32  # a passport nests 5 deep; pvs walks its data in more than one place
_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a character, which no file can store


def load_passport(path: Path) -> dict[str, Any]:
    """Passport data from a JSON file, at the current schema version, or UsageError /
    UnreadableFile with a Dutch message."""
    return read_json(read_bytes(path), str(path)).passport


def read_json(content: bytes, name: str) -> ReadResult:
    """The passport in the bytes of a JSON file called `name` (for messages), upgraded."""
    data = _parse(_decode(content, name), name)
    _check_shape(data, name)
    if not isinstance(data, dict) or not set(data) & set(passport_schema()["properties"]):
        raise UnreadableFile(
            f"{name} is geen Paspoort voor Succes: er staat geen enkel onderdeel van het paspoort "
            "in. Kies het JSON-bestand van een paspoort."
        )
    result = upgraded(ReadResult(data), stated_version(data, name))
    result.passport = iso_dates(result.passport)
    return result


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
