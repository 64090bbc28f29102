"""Which column of a school export feeds which passport field, and which columns pvs leaves alone.

Header names vary between Magister, Somtoday and what people type in Excel; they are matched
ignoring case, spaces and punctuation, or set with a mapping file (--mapping), which can also
ignore a column or translate a school's own values before pvs reads them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pvs.documents.files import read_bytes
from pvs.errors import UsageError
from pvs.model.formmodel import Field, load_form_model

# Where a column goes: a passport path, or one of the columns that need interpreting.
PROGRAMME, MENTOR = "opleiding", "mentor"
IGNORED_WORDS = ("negeren", "overslaan")  # what a mapping may say besides null
# Per target the header names seen in exports; where two columns fit one target, the one whose
# name comes first here is used (Roepnaam before Voornaam).
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
    "jongere.achternaam": ["achternaam", "familienaam", "naam"],
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
    PROGRAMME: ["studie", "opleiding", "afdeling", "leerweg", "onderwijstype", "studiecode"],
    MENTOR: ["mentor", "mentoren", "mentornaam"],
}
# Columns exports often have that the passport has no field for, and why.
KNOWN_UNUSED = {
    "profiel": "het vmbo-profiel, zoals EM of Zorg en welzijn; het paspoort vraagt daar niet naar",
    "bsn": "het BSN hoort niet in een paspoort",
    "burgerservicenummer": "het BSN hoort niet in een paspoort",
}
INTERPRETED = {
    PROGRAMME: ("school.onderwijstype", "school.leerjaar"),
    MENTOR: ("school.mentor.naam", "school.mentor.email"),
}
WHAT = {PROGRAMME: "soort onderwijs en leerjaar", MENTOR: "mentor (naam of e-mailadres)"}
NAME_TARGETS = ("jongere.roepnaam", "jongere.achternaam")


def normalise(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


@dataclass(frozen=True)
class MappingFile:
    """What a mapping file says, per column name as written in it."""

    targets: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def columns(self) -> set[str]:
        return {normalise(c) for c in (*self.targets, *self.ignored, *self.values)}


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


@dataclass(frozen=True)
class Columns:
    """The columns of one export: where each goes, the values a mapping translates, the plan."""

    targets: dict[str, str]  # column -> passport path, PROGRAMME or MENTOR
    values: dict[str, dict[str, str]]  # column -> cell text -> the text pvs reads instead
    plan: ColumnPlan


def read_mapping(path: Path | None) -> MappingFile:
    """The mapping file, checked for shape; empty without one."""
    if path is None:
        return MappingFile()
    try:
        mapping = json.loads(read_bytes(path).decode("utf-8-sig"))
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
    ignored = tuple(str(c) for c, entry in mapping.items() if _ignores(entry))
    found = MappingFile(ignored=ignored)
    for column, entry in mapping.items():
        if not _ignores(entry):
            _add_entry(found, str(column), entry)
    return found


def _ignores(entry: Any) -> bool:
    return entry is None or (isinstance(entry, str) and entry.strip().lower() in IGNORED_WORDS)


def _add_entry(found: MappingFile, column: str, entry: Any) -> None:
    target = entry.get("veld") if isinstance(entry, dict) else entry
    if not isinstance(target, str) or target not in _allowed_targets():
        raise UsageError(
            f"In de mapping staat '{target}' bij kolom '{column}': dat is geen "
            "veld van het paspoort. Zie 'pvs fields' voor alle velden, of "
            f"gebruik '{PROGRAMME}' of '{MENTOR}', of null om de kolom over te slaan."
        )
    found.targets[column] = target
    if isinstance(entry, dict) and "waarden" in entry:
        found.values[column] = _value_map(column, entry["waarden"])


def _value_map(column: str, values: Any) -> dict[str, str]:
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise UsageError(
            f"In de mapping staan bij kolom '{column}' waarden die pvs niet begrijpt. Schrijf "
            'ze als "waarden": {"waarde in de export": "wat pvs moet lezen"}.'
        )
    return {str(key).strip(): text for key, text in values.items()}


def _allowed_targets() -> set[str]:
    return {f.path for f in load_form_model().fillable_fields()} | {PROGRAMME, MENTOR}


def is_header_of(mapping: MappingFile) -> Any:
    """A test for the header row: it has columns for the roepnaam and the achternaam, by the
    names pvs knows or by the mapping."""

    def is_header(cells: list[str]) -> bool:
        targets = _by_name(cells, mapping)
        return set(NAME_TARGETS) <= set(targets.values())

    return is_header


def read_columns(header: list[str], mapping: MappingFile) -> Columns:
    """Where each column of `header` goes; a mapping names columns that must be there."""
    columns = _read_columns(header, mapping)
    if not set(NAME_TARGETS) <= set(columns.targets.values()):
        raise UsageError(
            "In de export staat geen kolom voor de roepnaam en de achternaam. Geef met "
            "--mapping aan welke kolommen dat zijn, zoals "
            '{"Voornaam leerling": "jongere.roepnaam", "Naam leerling": "jongere.achternaam"}.'
        )
    return columns


def _read_columns(header: list[str], mapping: MappingFile) -> Columns:
    """Where each column of `header` goes; a mapping names columns that must be there."""
    by_normal = {normalise(h): h for h in header if h}
    for column in (*mapping.targets, *mapping.ignored, *mapping.values):
        if normalise(column) not in by_normal:
            raise UsageError(
                f"De mapping noemt kolom '{column}', maar die staat niet in de "
                "export. Controleer de kolomnaam."
            )
    targets = _by_name(header, mapping)
    values = {by_normal[normalise(c)]: v for c, v in mapping.values.items()}
    return Columns(targets, values, _plan(header, targets, mapping))


def _by_name(header: list[str], mapping: MappingFile) -> dict[str, str]:
    """Column -> target; the mapping first, then for each target the best-named column."""
    explicit = {normalise(c): t for c, t in mapping.targets.items()}
    ignored = {normalise(c) for c in mapping.ignored}
    chosen: dict[str, str] = {}
    for column in header:
        key = normalise(column)
        if key in explicit:
            chosen[column] = explicit[key]
    taken = set(chosen.values())
    for target, aliases in ALIASES.items():
        if target in taken:
            continue
        for alias in aliases:
            found = next((h for h in header if normalise(h) == alias and h not in chosen), None)
            if found is not None and normalise(found) not in ignored:
                chosen[found] = target
                break
    return chosen


def _plan(header: list[str], targets: dict[str, str], mapping: MappingFile) -> ColumnPlan:
    used = tuple((column, _described(targets[column])) for column in header if column in targets)
    ignored = tuple(
        (column, _why_unused(column, targets, mapping))
        for column in header
        if column and column not in targets
    )
    return ColumnPlan(used, ignored, _missing(targets))


def _described(target: str) -> str:
    if target in WHAT:
        return WHAT[target]
    node = load_form_model().node(target)
    return f"{node.label} ({target})" if isinstance(node, Field) else target


def _why_unused(column: str, targets: dict[str, str], mapping: MappingFile) -> str:
    key = normalise(column)
    if key in {normalise(c) for c in mapping.ignored}:
        return "zo staat het in de mapping"
    if key in KNOWN_UNUSED:
        return KNOWN_UNUSED[key]
    for target, aliases in ALIASES.items():
        if key in aliases and target in targets.values():
            other = next(c for c, t in targets.items() if t == target)
            return f"kolom '{other}' vult dit veld al"
    return "pvs kent deze kolom niet; wil je hem gebruiken, noem hem dan in een mapping"


def _missing(targets: dict[str, str]) -> tuple[str, ...]:
    found = set(targets.values())
    notices = []
    if "jongere.geboortedatum" not in found:
        notices.append(
            "De export heeft geen kolom voor de geboortedatum: de leerlingen vullen die zelf in."
        )
    if "jongere.leerlingnummer" not in found:
        notices.append(
            "De export heeft geen kolom voor het leerlingnummer: pvs kan dubbele leerlingen "
            "daardoor niet herkennen."
        )
    return tuple(notices)


def columns_by_path(targets: dict[str, str]) -> dict[str, str]:
    """Which export column each passport path came from (the inverse of the targets)."""
    return {
        path: column
        for column, target in targets.items()
        for path in INTERPRETED.get(target, (target,))
    }
