"""Whom the begeleider can reach: the mentor, the network the student allows the mbo to call,
whether there is an OPP, and the warme overdracht between mentor and mbo."""

from __future__ import annotations

from typing import Any

from pvs.jobs.labels import dutch_date
from pvs.model.formmodel import FormModel
from pvs.model.paths import lookup_as, records

PARENT_ROLE = "netwerk.ouders.0.rol"
OPP_TEXT = {
    "ja": "Er is een ontwikkelingsperspectiefplan (OPP) op de school van herkomst. Vraag het "
    "op bij de mentor; het laat zien welke begeleiding daar werkte.",
    "nee": "Er is geen ontwikkelingsperspectiefplan (OPP).",
    "weet_niet": "De student weet niet of er een ontwikkelingsperspectiefplan (OPP) is. Vraag "
    "het na bij de mentor.",
}
OPP_UNKNOWN = "Niet ingevuld in het paspoort."
OPP_NOT_SHARED = "Niet in dit concept: er is geen toestemming om gevoelige gegevens te delen."


def mentor(data: dict[str, Any]) -> dict[str, str | None] | None:
    person = lookup_as(data, "school.mentor", dict)
    if not person:
        return None
    found = {key: lookup_as(person, key, str) for key in ("naam", "email", "telefoon")}
    return found if any(found.values()) else None


def network(data: dict[str, Any], model: FormModel, label: Any) -> list[dict[str, Any]]:
    """The parents and others the student allows the mbo to contact; nobody else."""
    rows = []
    for parent in records(data, "netwerk.ouders"):
        if lookup_as(parent, "mag_contact", bool) is True:
            rows.append(
                _contact(parent, label(model, PARENT_ROLE, lookup_as(parent, "rol", str)))
                | {"tolk_gewenst": lookup_as(parent, "tolk_gewenst", bool) is True}
            )
    for person in records(data, "netwerk.betrokkenen"):
        if lookup_as(person, "mag_contact", bool) is True:
            rows.append(_contact(person, lookup_as(person, "rol", str) or "Betrokkene"))
    return rows


def _contact(person: dict[str, Any], role: str) -> dict[str, Any]:
    return {
        "rol": role or "Ouder of verzorger",
        "naam": lookup_as(person, "naam", str),
        "organisatie": lookup_as(person, "organisatie", str),
        "telefoon": lookup_as(person, "telefoon", str),
        "email": lookup_as(person, "email", str),
    }


def opp(data: dict[str, Any], shared: bool) -> dict[str, Any]:
    value = lookup_as(data, "wat_heb_ik_nodig.opp", str)
    if not shared:
        return {"waarde": None, "tekst": OPP_NOT_SHARED}
    return {"waarde": value, "tekst": OPP_TEXT.get(value or "", OPP_UNKNOWN)}


def warm_handover(data: dict[str, Any]) -> dict[str, Any]:
    """Whether the student wants the mentor to talk to the mbo first, and whether it happened."""
    wanted = lookup_as(data, "intake.warme_overdracht", bool)
    held_on = lookup_as(data, "proces.warme_overdracht.datum", str)
    by = lookup_as(data, "proces.warme_overdracht.door", str)
    if held_on or by:
        text = "De warme overdracht is gehouden" + (f" op {dutch_date(held_on)}" if held_on else "")
        text += f", door {by}." if by else "."
    elif wanted is True:
        text = (
            "De student wil dat de mentor vooraf met het mbo praat (warme overdracht). Die is "
            "nog niet gehouden: plan hem vóór de start."
        )
    elif wanted is False:
        text = "De student wil geen warme overdracht tussen mentor en mbo."
    else:
        text = "Het paspoort zegt niet of de student een warme overdracht wil; vraag het na."
    return {"gewenst": wanted, "gehouden_op": held_on, "door": by, "tekst": text}
