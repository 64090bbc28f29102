"""Turn one row of a school export into the known part of a passport, with a warning per doubt.

Every pupil with a name gets a passport: a value pvs cannot use stays empty for the pupil to fill
in, and the row gets a warning that names the column. Only a row without any name is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pvs.documents.coerce import coerce, parse_typed_date
from pvs.documents.filling import unfit
from pvs.documents.xmltext import fits_in_xml, xml_safe
from pvs.jobs.batch.columns import MENTOR, PROGRAMME, Columns
from pvs.jobs.batch.export import Row, excel_serial, small_number
from pvs.jobs.batch.plausible import age_doubt, text_doubt
from pvs.jobs.batch.studycodes import Study, programme, read_study
from pvs.model.formmodel import Field, Kind, load_form_model
from pvs.model.passport import from_values
from pvs.model.schema import SCHEMA_VERSION

__all__ = ["Converted", "convert", "programme"]
NAME_PARTS = ("jongere.roepnaam", "jongere.achternaam")
NAMES = (*NAME_PARTS, "jongere.tussenvoegsel")
NO_NAME = "Deze rij heeft geen roepnaam en geen achternaam."


@dataclass(frozen=True)
class Converted:
    """A passport from one row, or the reason the row cannot be used."""

    data: dict[str, Any] | None
    reason: str | None = None
    warnings: tuple[str, ...] = ()  # one Dutch sentence per doubt about a passport that was made


def convert(
    row: Row, columns: Columns, today: date | None = None, *, repaired: bool = False
) -> Converted:
    """The known part of a passport from one export row, and what a person should check.

    `repaired` says the export's letters were repaired on reading (see decoding.py): then
    every letter beyond ASCII in a cell came from that repair, and its row says so."""
    today = today or date.today()
    values: dict[str, Any] = {}
    warnings: list[str] = []
    empty = []
    for column, target in columns.targets.items():
        text = row.get(column, "").strip()
        text = columns.values.get(column, {}).get(text, text)
        warning = _put(values, target, text, column, today) if text else None
        if repaired and not warning and not text.isascii():
            warning = _repaired(text, columns.targets[column])
        if warning:
            warnings.append(f"Kolom '{column}': {warning}")
        if not text:
            empty.append(column)
    if not any(values.get(part) for part in NAME_PARTS):
        return Converted(None, " ".join([NO_NAME, *warnings]))
    warnings += _empty_but_expected(empty, columns)
    values["meta.status"] = "concept"
    values["meta.schema_versie"] = SCHEMA_VERSION
    return Converted(from_values(values), warnings=tuple(warnings))


def _repaired(text: str, target: str) -> str:
    field = load_form_model().node(target)
    shown = "deze waarde" if isinstance(field, Field) and field.sensitive else f"'{text}'"
    return (
        f"pvs heeft de letters in {shown} hersteld; ze waren bij het opslaan van de export "
        'verkeerd omgezet. Controleer de waarde, en exporteer de volgende keer als "CSV UTF-8".'
    )


def _empty_but_expected(empty: list[str], columns: Columns) -> list[str]:
    """Warnings for the names and the birth date the export has a column for, left empty."""
    found = []
    for column in empty:
        target = columns.targets[column]
        if target in (*NAME_PARTS, "jongere.geboortedatum"):
            what = load_form_model().node(target)
            title = what.title.lower() if isinstance(what, Field) else target
            found.append(f"Kolom '{column}' is leeg; de leerling vult de {title} zelf in.")
    return found


# What Excel writes in a cell whose formula failed; in an XLSX (t="e") and in its CSV alike.
EXCEL_ERROR = re.compile(
    r"#(N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!)",
    re.IGNORECASE,
)


def _put(values: dict[str, Any], target: str, text: str, column: str, today: date) -> str | None:
    """Store one cell; return a warning when the cell is doubtful or cannot be used."""
    if text.startswith("="):
        return (
            "een formule; pvs neemt geen formules over en liet dit veld leeg. Exporteer de "
            "waarden in plaats van de formules."
        )
    if EXCEL_ERROR.fullmatch(text):
        return (
            f"een foutwaarde van Excel ({text}), geen gegeven; pvs liet dit veld leeg. Verbeter "
            "de cel in de administratie of het werkblad en exporteer opnieuw."
        )
    field = load_form_model().node(target)
    sensitive = isinstance(field, Field) and field.sensitive
    doubt = text_doubt(text, name=target in NAMES, sensitive=sensitive)
    if not fits_in_xml(text):  # no PDF, Word document or spreadsheet can hold it
        text = xml_safe(text)
        doubt = (
            "er stond een onzichtbaar stuurteken; pvs heeft het vervangen door \ufffd. "
            "Controleer die waarde in het paspoort."
        )
    if target == PROGRAMME:
        return _put_study(values, read_study(text), text) or doubt
    if target == MENTOR:
        values["school.mentor.email" if "@" in text else "school.mentor.naam"] = text
        return doubt
    assert isinstance(field, Field)
    value, problem = _value(field, text, today)
    if value is not None:
        values[target] = value
    return problem or doubt


def _value(field: Field, text: str, today: date) -> tuple[Any, str | None]:
    """The value for `field`, or None with the reason; a doubt may come with a value."""
    shown = "de waarde" if field.sensitive else f"'{text}'"
    if field.kind == Kind.DATE:
        day = excel_serial(text) or parse_typed_date(text)
        if day is None:
            return None, f"{shown} is geen bestaande datum; de leerling vult {_the(field)} zelf in."
        doubt = age_doubt(day, today) if field.path == "jongere.geboortedatum" else None
        return day.isoformat(), doubt
    if field.path == "school.leerjaar":
        year = small_number(text)
        if year is None or not 1 <= year <= 6:
            return None, f"{shown} is geen leerjaar van 1 tot en met 6; pvs liet het leeg."
        return year, None
    value = _typed(field, text)
    if value is None and field.kind == Kind.CHOICE:
        return None, f"{shown} past niet. {unfit(field, text)} pvs liet het veld leeg."
    if value is None or (field.pattern and not re.search(field.pattern, str(value))):
        return None, f"{shown} is niet bruikbaar als {field.title.lower()}; pvs liet het veld leeg."
    problem = unfit(field, value)
    return (None, f"{problem} pvs liet het veld leeg.") if problem else (value, None)


def _typed(field: Field, text: str) -> Any:
    """The schema's value for the text, or None when the text does not give one."""
    if field.path == "jongere.tussenvoegsel":
        return text.lower()
    if field.path == "school.brin":
        return text.upper().replace(" ", "")
    coerced = coerce(field, text)
    return coerced.value if coerced.understood else None


def _the(field: Field) -> str:
    return f"de {field.title.lower()}" if field.path == "jongere.geboortedatum" else "de datum"


def _put_study(values: dict[str, Any], study: Study, text: str) -> str | None:
    if study.kind:
        values["school.onderwijstype"] = study.kind
    if study.year and "school.leerjaar" not in values:
        values["school.leerjaar"] = study.year
    return _study_doubt(study, text)


def _study_doubt(study: Study, text: str) -> str | None:
    if study.doubt == "combined":
        return (
            f"'{text}' is een combinatieklas; pvs kiest de soort onderwijs niet, de leerling "
            "vult die zelf in."
        )
    if study.doubt == "leerweg":
        return f"'{text}' noemt geen leerweg; de leerling vult de soort onderwijs zelf in."
    if study.doubt == "year":
        return (
            f"in '{text}' staat een leerjaar dat het vmbo niet heeft; pvs liet het leerjaar leeg."
        )
    if study.doubt == "unknown":
        return (
            f"pvs kent de code '{text}' niet; de leerling vult de soort onderwijs zelf in. Komt "
            "de code vaker voor? Vertaal hem met --mapping (zie de README)."
        )
    return None
