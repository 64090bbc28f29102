"""What the overdrachtsdocument says, as data: the same for the Word document and --format json.

The handover is for a professional at the receiving party: it speaks about the young person in
the third person, with staff-facing labels (the schema's titles and choice labels speak to the
pupil: "Wat kan ik?", "Praktisch werken (met je handen)"); the pupil's own words stay theirs,
under a heading that says so. Dates are ISO here (for other systems); the Word document writes
them as dd-mm-jjjj. A sensitive part the receiver may not read is left out and named under
`weggelaten`, so the reader knows it is withheld, not missing.

A returned passport can hold any value anywhere: every value is read with its type
(`lookup_as`, `records`), and one of the wrong type counts as absent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pvs.checking.rules import age_on, parse_date
from pvs.jobs.handover.receivers import ROUTE_NAMES, SENSITIVE_PARTS, Receiver, choose_receiver
from pvs.jobs.labels import SKILLS
from pvs.model.consent import CONSENTS, WORK, route
from pvs.model.passport import display_name
from pvs.model.paths import lookup, lookup_as, records

HANDOVER_FORMAT = 1  # raise when a key of the handover data changes meaning

# Staff-facing labels for the pupil-facing choices of the schema.
AREAS = {
    "leren": "Leren (lezen, schrijven, rekenen)",
    "concentratie": "Concentratie",
    "prikkels": "Drukte en prikkels",
    "plannen": "Plannen en organiseren",
    "fysiek": "Lichamelijk",
    "thuissituatie": "Thuissituatie",
    "reizen": "Reizen en vervoer",
}
PLACES = {"baan": "ja, een baan", "leerwerkplek": "ja, een leerwerkplek", "nog_niet": "nog niet"}
GIVEN_BY = {
    "jongere": "de jongere",
    "ouder": "de ouder of verzorger",
    "jongere_en_ouder": "de jongere en de ouder of verzorger",
}
SCHOOL_TYPES = {
    "pro": "praktijkonderwijs",
    "vso": "voortgezet speciaal onderwijs (vso)",
    "entree": "Entree-opleiding (mbo niveau 1)",
}
YES_NO_UNKNOWN = {"ja": "ja", "nee": "nee", "weet_niet": "onbekend"}
REGISTER = {"ja": "ja", "nee": "nee", "aangevraagd": "aangevraagd", "onbekend": "onbekend"}
STRONG = 3  # a self-rating from "3 - dit gaat meestal goed" up is a strength


def build_handover(
    passport: dict[str, Any], *, receiver: str | None, handover_date: date
) -> dict[str, Any]:
    """The handover's content as JSON-ready data with Dutch keys; raises NoHandover."""
    party = choose_receiver(passport, receiver)
    sees = party.sees
    return {
        "formaatversie": HANDOVER_FORMAT,
        "documentdatum": handover_date.isoformat(),
        "ontvanger": _receiver(passport, party),
        "route": ROUTE_NAMES[route(passport)],
        "jongere": _young_person(passport, handover_date),
        "school": _school(passport),
        "wie": _who(passport, sees),
        "kan": _can(passport, sees),
        "wil": _wants(passport),
        "ondersteuning": _support(passport, sees),
        "contacten": _contacts(passport, sees),
        "afspraken": _arrangements(passport, sees),
        "weggelaten": [title for key, title in SENSITIVE_PARTS.items() if key not in sees],
        "bron": {
            "formulier_id": _text(passport, "meta.formulier_id"),
            "schemaversie": _text(passport, "meta.schema_versie"),
            "bijgewerkt": _date(passport, "meta.bijgewerkt"),
        },
    }


def _text(data: Any, path: str) -> str | None:
    value = lookup_as(data, path, str)
    return (value.strip() or None) if value else None


def _date(data: Any, path: str) -> str | None:
    day = parse_date(lookup(data, path))
    return day.isoformat() if day else None


def _only(allowed: bool, value: Any) -> Any:
    return value if allowed else None


def _receiver(data: dict[str, Any], party: Receiver) -> dict[str, Any]:
    consent = f"{CONSENTS}.{party.key}"
    return {
        "sleutel": party.key,
        "naam": party.name,
        "organisatie": _organisation(data, party.key),
        "toestemming_door": GIVEN_BY.get(_text(data, f"{consent}.door") or ""),
        "toestemming_datum": _date(data, f"{consent}.datum"),
    }


def _organisation(data: dict[str, Any], key: str) -> str | None:
    """The receiving organisation as the passport names it, where it does."""
    if key == "werkgever":
        return _text(data, "uitstroom.werkwens.werkgever")
    if key == "dagbesteding":
        return _text(data, "uitstroom.dagbesteding.organisatie")
    town = _text(data, "uitstroom.dagbesteding.gemeente") if key == "gemeente" else None
    if town and not town.casefold().startswith("gemeente"):
        return f"Gemeente {town}"
    return town


def _young_person(data: dict[str, Any], on: date) -> dict[str, Any]:
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    return {
        "naam": display_name(data),
        "geboortedatum": born.isoformat() if born else None,
        "leeftijd": age_on(born, on) if born else None,
        "woonplaats": _text(data, "jongere.woonplaats"),
        "telefoon": _text(data, "jongere.telefoon"),
        "email": _text(data, "jongere.email"),
        "leerlingnummer": _text(data, "jongere.leerlingnummer"),
    }


def _school(data: dict[str, Any]) -> dict[str, Any]:
    kind = _text(data, "school.onderwijstype")
    return {
        "naam": _text(data, "school.naam"),
        "onderwijstype": SCHOOL_TYPES.get(kind or "", kind),
        "klas": _text(data, "school.klas"),
        "mentor": {
            "naam": _text(data, "school.mentor.naam"),
            "email": _text(data, "school.mentor.email"),
            "telefoon": _text(data, "school.mentor.telefoon"),
        },
    }


def _who(data: dict[str, Any], sees: frozenset[str]) -> dict[str, Any]:
    return {
        "over": _text(data, "wie_ben_ik.over_mij"),
        "interesses": _text(data, "wie_ben_ik.interesses"),
        "talen": _text(data, "wie_ben_ik.talen"),
        "bijbaan": _text(data, "wie_ben_ik.bijbaan"),
        "persoonlijke_situatie": _only(
            "persoonlijke_situatie" in sees, _text(data, "wie_ben_ik.persoonlijke_situatie")
        ),
    }


def _can(data: dict[str, Any], sees: frozenset[str]) -> dict[str, Any]:
    experience = [
        {
            "organisatie": _text(s, "organisatie"),
            "periode": _text(s, "periode"),
            "wat_deed": _text(s, "wat_deed_ik"),
            "wat_ging_goed": _text(s, "wat_ging_goed"),
        }
        for s in records(data, "wat_kan_ik.stages")
    ]
    return {
        "sterke_punten": _strengths(data),
        "werkervaring": [e for e in experience if any(e.values())],
        "moeilijk": _only("moeite" in sees, _text(data, "wat_kan_ik.moeilijk")),
    }


def _strengths(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The skills the young person rates as going well at least most of the time, best first;
    a skill rated lower is no strength, and is left out."""
    found = []
    for skill in records(data, "wat_kan_ik.vaardigheden"):
        rating = lookup_as(skill, "zelfbeoordeling", int)
        kind = _text(skill, "vaardigheid") or ""
        name = _text(skill, "omschrijving") if kind == "anders" else SKILLS.get(kind)
        if name and (rating is None or rating >= STRONG):
            example = _text(skill, "voorbeeld")
            found.append({"vaardigheid": name, "zelfbeoordeling": rating, "voorbeeld": example})
    return sorted(found, key=lambda s: -(s["zelfbeoordeling"] or 0))


def _wants(data: dict[str, Any]) -> dict[str, Any]:
    """The wishes; `werk` on the work route, `dagbesteding` on the other, the other None."""
    work = route(data) == WORK
    return {
        "toekomst": _text(data, "wat_wil_ik.toekomst"),
        "keuze": _text(data, "wat_wil_ik.keuze"),
        "plan_b": _text(data, "uitstroom.plan_b"),
        "werk": _work_wish(data) if work else None,
        "dagbesteding": None if work else _day_wish(data),
    }


def _work_wish(data: dict[str, Any]) -> dict[str, Any]:
    place = _text(data, "uitstroom.werkwens.soort_plek")
    return {
        "sector": _text(data, "uitstroom.werkwens.sector"),
        "soort_werk": _text(data, "uitstroom.werkwens.soort_werk"),
        "werkgever": _text(data, "uitstroom.werkwens.werkgever"),
        "plek": PLACES.get(place or ""),
    }


def _day_wish(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "wens": _text(data, "uitstroom.dagbesteding.wens"),
        "organisatie": _text(data, "uitstroom.dagbesteding.organisatie"),
        "gemeente": _text(data, "uitstroom.dagbesteding.gemeente"),
    }


def _support(data: dict[str, Any], sees: frozenset[str]) -> dict[str, Any]:
    """What helps, per need; what the young person finds hard only for who may read it."""
    hard = "moeite" in sees
    needs: list[dict[str, Any]] = []
    for need in records(data, "wat_heb_ik_nodig.behoeften"):
        area = _only(hard, AREAS.get(_text(need, "gebied") or ""))
        entry = {
            "gebied": area,
            "moeite": _only(hard, _text(need, "omschrijving")),
            "wat_hielp": _text(need, "wat_helpt"),
            "nodig": _text(need, "nodig_in_mbo"),
        }
        if any(entry.values()):
            needs.append({"titel": area or f"Ondersteuning {len(needs) + 1}", **entry})
    opp = _text(data, "wat_heb_ik_nodig.opp")
    return {
        "geen_extra_ondersteuning": lookup(data, "wat_heb_ik_nodig.geen_extra_ondersteuning")
        is True,
        "behoeften": needs,
        "opp": _only("opp" in sees, YES_NO_UNKNOWN.get(opp or "")),
    }


def _contacts(data: dict[str, Any], sees: frozenset[str]) -> list[dict[str, Any]]:
    """The people the young person allows to be contacted (mag_contact), with their details."""
    found = [
        _contact(p, (_text(p, "rol") or "ouder").capitalize())
        for p in records(data, "netwerk.ouders")
    ]
    if "betrokkenen" in sees:
        found += [_contact(p, _text(p, "rol")) for p in records(data, "netwerk.betrokkenen")]
    return [c for c in found if c is not None]


def _contact(person: dict[str, Any], role: str | None) -> dict[str, Any] | None:
    if lookup(person, "mag_contact") is not True or not _text(person, "naam"):
        return None
    return {
        "rol": role,
        "naam": _text(person, "naam"),
        "organisatie": _text(person, "organisatie"),
        "telefoon": _text(person, "telefoon"),
        "email": _text(person, "email"),
        "tolk_gewenst": lookup(person, "tolk_gewenst") is True,
    }


def _arrangements(data: dict[str, Any], sees: frozenset[str]) -> dict[str, Any]:
    """Dates and agreements; a yes/no the passport leaves open stays None (not "nee"), and the
    work route's questions are None on the route to day activities."""
    register = _text(data, "proces.doelgroepregister")
    work = route(data) == WORK

    def answer(path: str, allowed: bool = True) -> bool | None:
        return lookup_as(data, path, bool) if work and allowed else None

    return {
        "uitstroomoverleg": _date(data, "proces.uitstroomoverleg"),
        "warme_overdracht": _date(data, "proces.warme_overdracht.datum"),
        "warme_overdracht_door": _text(data, "proces.warme_overdracht.door"),
        "doorwerkcoach_gewenst": answer("uitstroom.werkwens.doorwerkcoach_gewenst"),
        "gemeente_betrokken": answer("uitstroom.werkwens.gemeente_betrokken"),
        "uwv_betrokken": answer("uitstroom.werkwens.uwv_betrokken", "uwv_betrokken" in sees),
        "doelgroepregister": _only("doelgroepregister" in sees, REGISTER.get(register or "")),
        "mentoradvies": _only("mentoradvies" in sees, _text(data, "mentoradvies.advies")),
        "mentoradvies_datum": _only("mentoradvies" in sees, _date(data, "mentoradvies.datum")),
    }
