"""Turn one row of a school export into the known part of a passport, or say why not.

Header names vary between Magister, Somtoday and what people type in Excel; they are matched
ignoring case, spaces and punctuation, or mapped explicitly with --mapping.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pvs.documents.coerce import parse_typed_date
from pvs.documents.files import read_bytes
from pvs.documents.xmltext import fits_in_xml, xml_safe
from pvs.errors import UsageError
from pvs.jobs.batch.export import excel_serial, small_number
from pvs.model.formmodel import Field, load_form_model
from pvs.model.passport import from_values
from pvs.model.schema import SCHEMA_VERSION

# Where a column goes: a passport path, or one of the columns that need interpreting.
PROGRAMME, MENTOR = "opleiding", "mentor"
ALIASES = {
    "jongere.leerlingnummer": [
        "stamnummer",
        "stamnr",
        "leerlingnummer",
        "leerlingnr",
        "llnnr",
        "code",
    ],
    "jongere.roepnaam": ["roepnaam", "voornaam"],
    "jongere.tussenvoegsel": ["tussenvoegsel", "tussenv", "voorvoegsel", "tussenvoegsels"],
    "jongere.achternaam": ["achternaam", "naam", "familienaam"],
    "jongere.geboortedatum": ["geboortedatum", "gebdatum", "geboorte"],
    "jongere.email": ["email", "emailadres", "emailleerling", "emailadresleerling"],
    "jongere.telefoon": ["telefoon", "telefoonnummer", "mobiel", "mobielnummer"],
    "jongere.woonplaats": ["woonplaats", "plaats"],
    "school.klas": ["klas", "stamklas", "stamgroep", "klasnaam", "groep"],
    "school.leerjaar": ["leerjaar"],
    "school.naam": ["school", "schoolnaam", "vestiging", "vestigingsnaam"],
    "school.brin": ["brin", "brinnummer", "brincode"],
    "netwerk.ouders.0.email": [
        "emailadresouderverzorger1",
        "emailouderverzorger1",
        "emailouder1",
        "emailadresouder1",
    ],
    "netwerk.ouders.1.email": [
        "emailadresouderverzorger2",
        "emailouderverzorger2",
        "emailouder2",
        "emailadresouder2",
    ],
    PROGRAMME: ["studie", "opleiding", "afdeling", "leerweg", "onderwijstype", "profiel"],
    MENTOR: ["mentor", "mentoren", "mentornaam"],
}
TYPE_WORDS = {
    "bb": "vmbo-bb",
    "basis": "vmbo-bb",
    "bbl": "vmbo-bb",
    "kb": "vmbo-kb",
    "kader": "vmbo-kb",
    "kbl": "vmbo-kb",
    "gl": "vmbo-gl",
    "gemengd": "vmbo-gl",
    "gemengde": "vmbo-gl",
    "tl": "vmbo-tl",
    "theoretisch": "vmbo-tl",
    "theoretische": "vmbo-tl",
    "mavo": "vmbo-tl",
    "havo": "havo",
    "vwo": "vwo",
    "atheneum": "vwo",
    "gymnasium": "vwo",
    "pro": "pro",
    "praktijkonderwijs": "pro",
    "vso": "vso",
    "entree": "entree",
}


@dataclass(frozen=True)
class Converted:
    """A passport from one row, or the reason the row cannot be used."""

    data: dict[str, Any] | None
    reason: str | None = None
    warnings: tuple[str, ...] = ()  # one Dutch sentence per doubt about a passport that was made


@dataclass(frozen=True)
class ColumnPlan:
    """Which export column feeds which passport field, and which columns pvs leaves alone."""

    used: tuple[tuple[str, str], ...]  # (column, what it fills, in Dutch)
    ignored: tuple[tuple[str, str], ...]  # (column, why it is left alone, in Dutch)
    notices: tuple[str, ...] = ()  # about the whole export, such as a column it lacks

    def lines(self) -> list[str]:
        """The plan as a person reads it at the start of a run."""
        lines = [f"  {column} -> {what}" for column, what in self.used]
        lines += [f"  {column}: niet gebruikt ({why})" for column, why in self.ignored]
        return ["Kolommen uit de export:", *lines, *self.notices]


def normalise(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


def columns_by_path(targets: dict[str, str]) -> dict[str, str]:
    """Which export column each passport path came from (the inverse of column_targets)."""
    interpreted = {
        PROGRAMME: ("school.onderwijstype", "school.leerjaar"),
        MENTOR: ("school.mentor.naam", "school.mentor.email"),
    }
    return {
        path: column
        for column, target in targets.items()
        for path in interpreted.get(target, (target,))
    }


def column_targets(header: list[str], mapping: Path | None) -> dict[str, str]:
    """Which export column fills which target; explicit mapping first, then the aliases."""
    by_alias = {alias: target for target, aliases in ALIASES.items() for alias in aliases}
    targets = {h: by_alias[normalise(h)] for h in header if normalise(h) in by_alias}
    if mapping:
        targets.update(_read_mapping(mapping, header))
    return targets


def _read_mapping(path: Path, header: list[str]) -> dict[str, str]:
    content = read_bytes(path)
    try:
        mapping = json.loads(content.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or a number beyond Python
        raise UsageError(
            f"De mapping {path} is geen leesbaar JSON-bestand. Schrijf hem als "
            '{"Kolom in de export": "jongere.roepnaam"}.'
        ) from None
    if not isinstance(mapping, dict):
        raise UsageError(
            f"De mapping {path} moet kolomnamen koppelen aan velden, zoals "
            '{"Kolom in de export": "jongere.roepnaam"}.'
        )
    model = load_form_model()
    allowed = {f.path for f in model.fillable_fields()} | {PROGRAMME, MENTOR}
    by_normal = {normalise(h): h for h in header}
    resolved = {}
    for column, target in mapping.items():
        if not isinstance(target, str) or target not in allowed:
            raise UsageError(
                f"In de mapping staat '{target}' bij kolom '{column}': dat is geen "
                "veld van het paspoort. Zie 'pvs fields' voor alle velden, of "
                f"gebruik '{PROGRAMME}' of '{MENTOR}'."
            )
        if normalise(str(column)) not in by_normal:
            raise UsageError(
                f"De mapping noemt kolom '{column}', maar die staat niet in de "
                "export. Controleer de kolomnaam."
            )
        resolved[by_normal[normalise(str(column))]] = target
    return resolved


LETTER_YEAR = {"h": "havo", "v": "vwo", "a": "vwo", "g": "vwo", "m": "vmbo-tl"}


def programme(text: str) -> tuple[str | None, int | None]:
    """Onderwijstype and leerjaar from '4 BB', 'VMBO-KB 4', 'HAVO 5', 'H5' and the like."""
    short = re.fullmatch(r"\s*([hvagm])\s*([1-6])\s*", text.casefold())
    if short:
        return LETTER_YEAR[short.group(1)], int(short.group(2))
    words = re.findall(r"[a-z]+|\d+", text.casefold())
    kinds = {TYPE_WORDS[w] for w in words if w in TYPE_WORDS}
    years = [n for n in map(small_number, words) if n is not None and 1 <= n <= 6]
    kind = kinds.pop() if len(kinds) == 1 else None
    return kind, years[0] if years else None


def convert(row: dict[str, str], targets: dict[str, str]) -> Converted:
    """The known part of a passport from one export row."""
    values: dict[str, Any] = {}
    formulas = [c for c, v in row.items() if v.startswith("=")]
    if formulas:
        return Converted(
            None,
            f"Kolom '{formulas[0]}' bevat een formule; pvs neemt geen "
            "formules over. Exporteer de waarden in plaats van de formules.",
        )
    replaced = []
    for column, target in targets.items():
        text = row.get(column, "").strip()
        if not text:
            continue
        if not fits_in_xml(text):  # no PDF, Word document or spreadsheet can hold it
            text = xml_safe(text)
            replaced.append(column)
        problem = _put(values, target, text, column)
        if problem:
            return Converted(None, problem)
    if not values.get("jongere.roepnaam") or not values.get("jongere.achternaam"):
        return Converted(None, "Roepnaam of achternaam ontbreekt.")
    values["meta.status"] = "concept"
    values["meta.schema_versie"] = SCHEMA_VERSION
    note = _replaced_note(replaced)
    return Converted(from_values(values), warnings=(note,) if note else ())


def _replaced_note(columns: list[str]) -> str:
    if not columns:
        return ""
    named = ", ".join(f"'{c}'" for c in columns)
    return (
        f"In kolom {named} stond een onzichtbaar stuurteken; pvs heeft het vervangen door \ufffd. "
        "Controleer die waarde in het paspoort."
    )


def _put(values: dict[str, Any], target: str, text: str, column: str) -> str | None:
    """Store one cell; return why the row cannot be used, if it cannot."""
    if target == PROGRAMME:
        kind, year = programme(text)
        if kind is None:
            return (
                f"Het onderwijstype in kolom '{column}' is onbekend; gebruik bijvoorbeeld "
                "'4 BB', 'VMBO-KB 4' of 'HAVO 5'."
            )
        values["school.onderwijstype"] = kind
        if year and "school.leerjaar" not in values:
            values["school.leerjaar"] = year
        return None
    if target == MENTOR:
        values["school.mentor.email" if "@" in text else "school.mentor.naam"] = text
        return None
    field = load_form_model().node(target)
    assert isinstance(field, Field)
    if field.path == "jongere.geboortedatum":
        born = excel_serial(text) or parse_typed_date(text)
        if born is None:
            return (
                f"De geboortedatum in kolom '{column}' bestaat niet of is onleesbaar; schrijf "
                "bijvoorbeeld 14-03-2010."
            )
        values[target] = born.isoformat()
    elif field.path == "school.leerjaar":
        year = small_number(text)
        if year is None or not 1 <= year <= 6:
            return f"Het leerjaar in kolom '{column}' is geen getal van 1 tot en met 6."
        values[target] = year
    elif field.path == "jongere.tussenvoegsel":
        values[target] = text.lower()
    else:
        values[target] = text
    return None
