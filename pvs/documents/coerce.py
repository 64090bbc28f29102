"""Turn what people type into a form back into the schema's types.

Used by every reader of returned passports (PDF, Word, spreadsheets). What cannot be turned into
the right type is kept as the text that was typed, so nothing a pupil wrote is lost; `pvs check`
then reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pvs.model import paths
from pvs.model.formmodel import Field, Kind, load_form_model

_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TRUE = {"yes", "ja", "on", "1", "true", "waar", "x", "aan"}
_FALSE = {"no", "nee", "0", "false", "onwaar", "uit"}
_OFF = {"off", ""}


@dataclass(frozen=True)
class Coerced:
    """A value for the passport; `understood` is False when it is kept as typed."""

    value: Any
    understood: bool = True


NOTHING = Coerced(None)


def coerce(field: Field, raw: Any) -> Coerced:
    """The schema value for what was read from a field, or NOTHING for an empty field."""
    if raw is None:
        return NOTHING
    if field.kind == Kind.CHECKBOX:
        return Coerced(True) if _word(raw) not in _OFF | _FALSE else NOTHING
    if field.kind == Kind.YES_NO:
        return _yes_no(raw)
    text = _text(raw)
    if text.strip() == "":
        return NOTHING
    if field.kind == Kind.DATE:
        return _date(text)
    if field.kind == Kind.NUMBER:
        stripped = text.strip()
        return Coerced(int(stripped)) if stripped.isdigit() else Coerced(text, False)
    if field.kind == Kind.CHOICE:
        return _choice(field, text)
    return Coerced(text)


def _text(raw: Any) -> str:
    """Line breaks as \\n whichever program wrote them."""
    return str(raw).replace("\r\n", "\n").replace("\r", "\n")


def _word(raw: Any) -> str:
    return str(raw).strip().lstrip("/").casefold()


def _yes_no(raw: Any) -> Coerced:
    word = _word(raw)
    if word in _OFF:
        return NOTHING
    if word in _TRUE:
        return Coerced(True)
    if word in _FALSE:
        return Coerced(False)
    return Coerced(str(raw), False)


def parse_typed_date(text: str) -> date | None:
    """A date written as 14-03-2009, 14-3-2009, 14/03/2009, 14.03.2009 or 2009-03-14."""
    stripped = text.strip()
    for pattern, order in ((_DUTCH_DATE, (2, 1, 0)), (_ISO_DATE, (0, 1, 2))):
        match = pattern.match(stripped)
        if match:
            year, month, day = (int(match.group(i + 1)) for i in order)
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


def _date(text: str) -> Coerced:
    parsed = parse_typed_date(text)
    return Coerced(parsed.isoformat()) if parsed else Coerced(text, False)


def _choice(field: Field, text: str) -> Coerced:
    wanted = text.strip().lstrip("/").casefold()
    for option in field.options:
        if wanted in (str(option.value).casefold(), option.label.casefold()):
            return Coerced(option.value)
    return Coerced(text, False)


def iso_dates(passport: Any) -> Any:
    """The passport with every date written as people write it (14-03-2009) as the ISO date it
    is (2009-03-14), the form the JSON keeps; a text that is no date stays as written, for the
    check to report."""
    model = load_form_model()

    def iso(path: str, value: Any) -> Any:
        field = model.node(path)
        if not isinstance(value, str) or not isinstance(field, Field) or field.kind != Kind.DATE:
            return value
        parsed = parse_typed_date(value)
        return parsed.isoformat() if parsed else value

    return paths.transform(passport, iso) if isinstance(passport, dict) else passport
