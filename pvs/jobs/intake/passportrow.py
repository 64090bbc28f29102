"""One read passport as one row of the intake overview: what an intake office plans by.

Flags say enough to plan: the text of support needs, of the intake wishes and the names of
others who come to the intake are sensitive (schema) and appear only when asked for; otherwise
the row says that there is something to read in the passport.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pvs.checking.check import Report, check
from pvs.checking.rules import CONSENT_AGE, age_on, late_registrations, parse_date
from pvs.jobs.intake.pupil import sort_name
from pvs.model.consent import (
    MBO,
    ConsentState,
    chosen_route,
    consent_state,
    route,
    withdrawn_parties,
)
from pvs.model.paths import lookup, lookup_as, records

SEE_PASSPORT = "ja (zie paspoort)"


@dataclass(frozen=True)
class Wish:
    """One programme wish: as the overview names it, where, and when the pupil registered."""

    text: str
    institution: str
    registered: date | None
    late: bool

    @property
    def group(self) -> str:
        """The institution without its location: 'ROC Zuiderkade, locatie Zwolle' is 'ROC
        Zuiderkade', so each institution takes one sheet with all its locations."""
        return self.institution.split(",")[0].strip()


def passport_values(data: dict[str, Any], day: date, sensitive: bool) -> dict[str, Any]:
    """The overview's columns for one passport, by key (see columns.py)."""
    wishes = programme_wishes(data)
    values = {**_person(data, day), **wish_values(wishes), **_stages(data)}
    values.update(_intake(data, sensitive))
    values.update(_consents(data, day))
    if sensitive:
        values["ondersteuningsbehoeften"] = _needs_text(data)
    return values


def programme_wishes(data: dict[str, Any]) -> tuple[Wish, ...]:
    """Each programme wish that is a record, in the passport's order."""
    wishes = lookup(data, "uitstroom.opleidingswensen")
    if not isinstance(wishes, list):
        return ()
    late = set(late_registrations(data))
    return tuple(
        Wish(
            _programme(wish) or f"opleidingswens {index + 1}",
            " ".join((lookup_as(wish, "instelling", str) or "").split()),
            parse_date(lookup(wish, "aangemeld_op")),
            index in late,
        )
        for index, wish in enumerate(wishes)
        if isinstance(wish, dict)
    )


def wish_values(wishes: tuple[Wish, ...]) -> dict[str, Any]:
    """The columns about programme wishes, for all of them or for one institution's."""
    dates = [w.registered for w in wishes if w.registered]
    return {
        "opleidingen": "; ".join(w.text for w in wishes),
        "instellingen": "; ".join(dict.fromkeys(w.institution for w in wishes if w.institution)),
        "aangemeld_op": min(dates) if dates else "",
        "aangemeld_na_1_april": "; ".join(w.text for w in wishes if w.late),
    }


def _person(data: dict[str, Any], day: date) -> dict[str, Any]:
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    return {
        "leerlingnummer": _text(data, "jongere.leerlingnummer"),
        "naam": sort_name(data),
        "geboortedatum": born or "",
        "leeftijd": age_on(born, day) if born else "",
        "klas": _text(data, "school.klas"),
        "school": _text(data, "school.naam"),
        "onderwijstype": _text(data, "school.onderwijstype"),
        "mentor": _text(data, "school.mentor.naam"),
        "mentor_email": _text(data, "school.mentor.email"),
        "email": _text(data, "jongere.email"),
        "telefoon": _text(data, "jongere.telefoon"),
        "uitstroomprofiel": chosen_route(data) or "onbekend",
    }


def _stages(data: dict[str, Any]) -> dict[str, Any]:
    registration, intake = check(data, "aanmelding"), check(data, "intake")
    return {
        "compleet_aanmelding": yes(registration.complete),
        "compleet_intake": yes(intake.complete),
        "ontbreekt_voor_intake": _missing(intake),
        # not a column of the overview (planning intakes needs the first two); a page shows it
        "compleet_plaatsing": yes(check(data, "plaatsing").complete),
    }


def _intake(data: dict[str, Any], sensitive: bool) -> dict[str, Any]:
    needs = records(data, "wat_heb_ik_nodig.behoeften")
    none_needed = lookup(data, "wat_heb_ik_nodig.geen_extra_ondersteuning") is True
    parents = records(data, "netwerk.ouders")
    interpreter = any(lookup(p, "tolk_gewenst") is True for p in parents)
    return {
        "ondersteuning_nodig": "ja" if needs else ("nee" if none_needed else "onbekend"),
        "gezamenlijke_intake": _flag(data, "intake.gezamenlijke_intake"),
        "aanwezig_bij_intake": _who_attends(data, sensitive),
        "mentor_aanwezig": _flag(data, "intake.mentor_aanwezig"),
        "rmc_betrokken": _flag(data, "intake.rmc_betrokken"),
        "tolk_gewenst": "ja" if interpreter else "",
        "andere_wensen": _told(data, "intake.opmerkingen", sensitive),
    }


def _who_attends(data: dict[str, Any], sensitive: bool) -> str:
    """'mentor, ouder, RMC' and the others the pupil names (their names only when asked)."""
    named = [
        who
        for who, path in (
            ("mentor", "intake.mentor_aanwezig"),
            ("ouder", "intake.ouder_aanwezig"),
            ("RMC", "intake.rmc_betrokken"),
        )
        if lookup(data, path) is True
    ]
    others = _told(data, "intake.andere_aanwezigen", sensitive)
    if others:
        named.append(f"anderen: {others}" if sensitive else "anderen (zie paspoort)")
    return ", ".join(named)


def _told(data: dict[str, Any], path: str, sensitive: bool) -> str:
    text = " ".join((lookup_as(data, path, str) or "").split())
    return (text if sensitive else SEE_PASSPORT) if text else ""


def _consents(data: dict[str, Any], day: date) -> dict[str, Any]:
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    return {
        "jonger_dan_16": (yes(age_on(born, day) < CONSENT_AGE)) if born else "onbekend",
        "toestemming_intaker_ontbreekt": _consent_missing(data, "mbo_intaker"),
        "toestemming_begeleider_ontbreekt": _consent_missing(data, "begeleider"),
        "toestemming_ingetrokken": "; ".join(withdrawn_parties(data)),
    }


def _consent_missing(data: dict[str, Any], party: str) -> str:
    """Only the route to the mbo has an intaker and a begeleider; elsewhere it says nothing."""
    if route(data) != MBO:
        return ""
    return yes(consent_state(data, party) is not ConsentState.GIVEN)


def intaker_may_read(data: dict[str, Any]) -> bool:
    return consent_state(data, "mbo_intaker") is ConsentState.GIVEN


def _programme(wish: dict[str, Any]) -> str:
    """'Autotechnicus (25372) niveau 2'; a value of the wrong type is left out."""
    crebo, level = lookup_as(wish, "crebo", str), lookup_as(wish, "niveau", int)
    parts = (
        lookup_as(wish, "opleiding", str),
        f"({crebo})" if crebo else None,
        f"niveau {level}" if level else None,
    )
    return " ".join(p for p in parts if p)


def _missing(report: Report) -> str:
    return "; ".join(
        p.section if p.label == p.section else f"{p.section} › {p.label}" for p in report.problems
    )


def _needs_text(data: dict[str, Any]) -> str:
    return " | ".join(
        f"{lookup_as(n, 'gebied', str) or ''}: "
        f"{lookup_as(n, 'nodig_in_mbo', str) or lookup_as(n, 'omschrijving', str) or ''}"
        for n in records(data, "wat_heb_ik_nodig.behoeften")
    )


def _flag(data: dict[str, Any], path: str) -> str:
    value = lookup_as(data, path, bool)
    return "onbekend" if value is None else yes(value)


def _text(data: dict[str, Any], path: str) -> str:
    return " ".join((lookup_as(data, path, str) or "").split())


def yes(value: bool) -> str:
    return "ja" if value else "nee"
