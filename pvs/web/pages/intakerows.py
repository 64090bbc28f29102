"""The intake overview's rows as the page shows them: a few columns to read, the flags in words,
and what static/intake.js filters on (data attributes; the table reads without them too)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pvs

READ = ("ja", "controleren")
STAGES = ("aanmelding", "intake", "plaatsing")
# The flag filter: its value, and what the select says.
FLAGS = {
    "ondersteuning": "Ondersteuning nodig",
    "gezamenlijk": "Gezamenlijke intake gewenst",
    "tolk": "Tolk gewenst",
    "toestemming": "Toestemming ontbreekt",
    "ingetrokken": "Toestemming ingetrokken",
    "laat": "Aangemeld na 1 april",
    "dubbel": "Dubbel ingeleverd",
    "twijfel": "Gelezen met twijfel",
    "onleesbaar": "Niet gelezen",
    "geen-paspoort": "Geen paspoort",
}
# The completeness filter: a row carries each that applies to it.
COMPLETENESS = {
    "aanmelding": "Compleet voor aanmelding",
    "intake": "Compleet voor intake",
    "plaatsing": "Compleet voor plaatsing",
    "niet-intake": "Nog niet compleet voor intake",
    "niet-gelezen": "Niet gelezen of geen paspoort",
}


@dataclass
class Flag:
    key: str
    text: str


@dataclass
class TableRow:
    name: str
    number: str
    born: str
    klas: str
    school: str
    institutions: list[str]  # as written, with the location
    groups: list[str]  # the institutions without their location: the filter's choices
    stages: dict[str, str]  # "ja", "nee", or "" for a file pvs did not read
    missing: list[str]  # what the intake still needs, one item each
    flags: list[Flag] = field(default_factory=list)
    reason: str = ""
    file: str = ""
    needs: str = ""  # the support needs' text, only when asked for (sensitive)
    read: bool = True

    @property
    def completeness(self) -> str:
        if not self.read:
            return "niet-gelezen"
        kinds = [s for s in STAGES if self.stages[s] == "ja"]
        if self.stages["intake"] != "ja":
            kinds.append("niet-intake")
        return " ".join(kinds)

    @property
    def flag_keys(self) -> str:
        return " ".join(dict.fromkeys(f.key for f in self.flags))


def table_rows(rows: tuple[dict[str, Any], ...]) -> list[TableRow]:
    return [_row(values) for values in rows]


def institution_choices(rows: list[TableRow]) -> list[str]:
    found = {group.casefold(): group for row in rows for group in row.groups}
    return sorted(found.values(), key=str.casefold)


def _row(values: dict[str, Any]) -> TableRow:
    read = values.get("gelezen") in READ
    institutions = [i for i in str(values.get("instellingen", "")).split("; ") if i]
    return TableRow(
        name=str(values.get("naam", "")),
        number=str(values.get("leerlingnummer", "")),
        born=_date(values.get("geboortedatum")),
        klas=str(values.get("klas", "")),
        school=str(values.get("school", "")),
        institutions=institutions,
        groups=list(dict.fromkeys(i.split(",")[0].strip() for i in institutions)),
        stages={s: str(values.get(f"compleet_{s}", "")) if read else "" for s in STAGES},
        missing=[m for m in str(values.get("ontbreekt_voor_intake", "")).split("; ") if m],
        flags=_flags(values),
        reason=str(values.get("reden", "")),
        file=str(values.get("bestand", "")),
        needs=str(values.get("ondersteuningsbehoeften", "")),
        read=read,
    )


def _flags(values: dict[str, Any]) -> list[Flag]:
    said = {key: str(value) for key, value in values.items()}
    flags = []
    for key, column, text in (
        ("ondersteuning", "ondersteuning_nodig", "Ondersteuning nodig"),
        ("gezamenlijk", "gezamenlijke_intake", "Gezamenlijke intake gewenst"),
        ("tolk", "tolk_gewenst", "Tolk gewenst"),
        ("toestemming", "toestemming_intaker_ontbreekt", "Toestemming mbo-intaker ontbreekt"),
        ("toestemming", "toestemming_begeleider_ontbreekt", "Toestemming begeleider ontbreekt"),
    ):
        if said.get(column) == "ja":
            flags.append(Flag(key, text))
    if said.get("toestemming_ingetrokken"):
        flags.append(
            Flag("ingetrokken", f"Toestemming ingetrokken voor: {said['toestemming_ingetrokken']}")
        )
    if said.get("aangemeld_na_1_april"):
        flags.append(Flag("laat", f"Aangemeld na 1 april: {said['aangemeld_na_1_april']}"))
    if said.get("dubbel_met"):
        flags.append(Flag("dubbel", f"Ook ingeleverd als {said['dubbel_met']}"))
    if said.get("telt_mee") == "nee":
        flags.append(Flag("dubbel", "Oudere versie: telt niet mee"))
    flags += _reading(said.get("gelezen", ""))
    return flags


def _reading(verdict: str) -> list[Flag]:
    if verdict == "controleren":
        return [Flag("twijfel", "Gelezen met twijfel: controleer de waarden")]
    if verdict == "nee":
        return [Flag("onleesbaar", "Niet gelezen")]
    if verdict == "geen paspoort":
        return [Flag("geen-paspoort", "Geen paspoort")]
    return []


def _date(value: Any) -> str:
    return f"{value:%d-%m-%Y}" if isinstance(value, date) else "" if value is None else str(value)


@dataclass
class ReturnTables:
    """Who returned a passport (per pupil) and how many per class, as text for the page."""

    summary: pvs.ReturnList
    header: list[str]
    # Per pupil: returned or not, and (column key, cell) for each column; what is missing as a
    # list, to read item by item.
    rows: list[tuple[bool, list[tuple[str, str | list[str]]]]]
    class_header: list[str]
    classes: list[list[str]]


def return_tables(returns: pvs.ReturnList) -> ReturnTables:
    return ReturnTables(
        returns,
        [header for _, header in returns.headers],
        [_return_row([key for key, _ in returns.headers], row) for row in returns.rows],
        [header for _, header in returns.class_headers],
        [[str(cell) for cell in row] for row in returns.classes],
    )


def _return_row(keys: list[str], row: list[Any]) -> tuple[bool, list[tuple[str, Any]]]:
    cells = [(key, _return_cell(key, value)) for key, value in zip(keys, row, strict=True)]
    returned = str(dict(zip(keys, row, strict=True)).get("teruggekomen") or "").startswith("ja")
    return returned, cells


def _return_cell(key: str, value: Any) -> str | list[str]:
    if key == "ontbreekt_voor_intake":
        return [item for item in str(value or "").split("; ") if item]
    return _date(value)
