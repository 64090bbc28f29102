"""Rules that JSON Schema cannot express, because they compare two dates.

Consent (AVG; UAVG art. 5): the age on the day of a consent decides who gives it. Under 16 a
parent or guardian consents on the pupil's behalf, and that is enough by law; the pupil alone is
not. Asking the pupil to co-sign is a school's policy, not law: pvs remarks on it, it never
demands it. From 16 the pupil consents; a parent alone is not enough. A withdrawal lies neither
before the consent nor before the birth date. The same age decides the signatures: under 16 a
parent or guardian signs too (also the MBO support agreements since 2023).

Toelatingsrecht: a pupil who registers at an mbo by 1 April ("uiterlijk 1 april") has a right to
admission to a programme that starts that summer. A registration from 2 April to 31 July is late
for that programme; from 1 August on it is for the next school year, so on time again. A late
registration is a remark, not an error: it is allowed, only without that right. Only on the
route to the mbo (also when no uitstroomprofiel is chosen).

Every rule here is documented in the README and is the only place where `pvs check` and a plain
2020-12 validator with a stage profile may disagree; remarks never change a verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, NamedTuple

from pvs.checking.problem import Problem, ProblemKind, Remark, make_problem, make_remark
from pvs.model import paths
from pvs.model.consent import CONSENTS, MBO, ConsentState, consents, route, state_of
from pvs.model.formmodel import FormModel

CONSENT_AGE = 16
# The last day that still gives toelatingsrecht, and the first day of the next school year's
# registrations, as (month, day).
REGISTRATION_DEADLINE = (4, 1)
NEXT_SCHOOL_YEAR = (8, 1)

UNDER_16_SIGNATURE = (
    "De jongere was bij het ondertekenen jonger dan 16 jaar. Dan tekent ook een ouder of "
    "verzorger: vul dit in."
)
UNDER_16_CONSENT = (
    "De jongere was jonger dan 16 jaar toen deze toestemming werd gegeven. Dan geeft een ouder "
    "of verzorger toestemming namens de jongere; de jongere alleen is niet genoeg. Vraag een "
    "ouder of verzorger om toestemming en kies dan 'Mijn ouder of verzorger' of 'Mijzelf en "
    "mijn ouder of verzorger'."
)
OVER_16_CONSENT = (
    "Vanaf 16 jaar geeft de jongere zelf toestemming; een ouder of verzorger alleen is niet "
    "genoeg. Vraag de jongere om toestemming en kies dan 'Mijzelf' of 'Mijzelf en mijn ouder of "
    "verzorger'."
)
BEFORE_BIRTH = "Deze datum ligt vóór de geboortedatum. Controleer beide datums."
WITHDRAWN_BEFORE_GIVEN = (
    "De toestemming is ingetrokken vóór de datum waarop ze werd gegeven. Controleer beide datums."
)
PARENT_CONSENT_POLICY = (
    "Een ouder of verzorger gaf deze toestemming namens de jongere, die toen jonger was dan 16 "
    "jaar. Volgens de wet is dit genoeg. Veel scholen vragen de jongere om ook zelf te tekenen; "
    "dat is beleid van de school, geen wet."
)
LATE_REGISTRATION = (
    "Aangemeld na 1 april: geen toelatingsrecht. De jongere mag zich nog aanmelden, maar het mbo "
    "mag hem of haar weigeren als de opleiding vol is. Neem contact op met de mbo-school en vraag "
    "of er nog plaats is."
)


class _Found(NamedTuple):
    path: str
    message: str
    remark: bool = False


def age_on(born: date, on: date) -> int:
    """Age in whole years on a day; someone born on 29 February turns a year older on 1 March."""
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - before_birthday


def parse_date(value: Any) -> date | None:
    """An ISO date (jjjj-mm-dd), or None for anything else; the schema reports bad dates."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return None


def registered_late(day: date) -> bool:
    """Whether a registration on `day` comes too late for toelatingsrecht: 2 April to 31 July."""
    return REGISTRATION_DEADLINE < (day.month, day.day) < NEXT_SCHOOL_YEAR


def late_registrations(data: Any) -> list[int]:
    """The indexes of the programme wishes registered too late for toelatingsrecht; none off
    the route to the mbo, where there is no mbo registration to be late for."""
    if route(data) != MBO:
        return []
    wishes = paths.lookup(data, "uitstroom.opleidingswensen")
    if not isinstance(wishes, list):
        return []
    registered = (parse_date(paths.lookup(wish, "aangemeld_op")) for wish in wishes)
    return [index for index, day in enumerate(registered) if day and registered_late(day)]


def rule_findings(data: Any, model: FormModel) -> tuple[list[Problem], list[Remark]]:
    """Every rule problem and every remark on the passport, whatever the stage."""
    found = list(_registration_remarks(data))
    born = parse_date(paths.lookup(data, "jongere.geboortedatum"))
    if born is not None:
        found += [*_signature_problems(data, born), *_consent_findings(data, born)]
    problems = [
        make_problem(model, f.path, f.message, ProblemKind.RULE) for f in found if not f.remark
    ]
    remarks = [make_remark(model, f.path, f.message) for f in found if f.remark]
    return problems, remarks


def _registration_remarks(data: Any) -> Iterator[_Found]:
    for index in late_registrations(data):
        yield _Found(f"uitstroom.opleidingswensen.{index}.aangemeld_op", LATE_REGISTRATION, True)


def _signature_problems(data: Any, born: date) -> Iterator[_Found]:
    signed_path = "toestemming.handtekeningen.jongere.datum"
    signed = parse_date(paths.lookup(data, signed_path))
    if signed is None:
        return
    if signed < born:
        yield _Found(signed_path, BEFORE_BIRTH)
    elif age_on(born, signed) < CONSENT_AGE:
        for part in ("naam", "datum"):
            path = f"toestemming.handtekeningen.ouder.{part}"
            if not paths.lookup(data, path):
                yield _Found(path, UNDER_16_SIGNATURE)


def _consent_findings(data: Any, born: date) -> Iterator[_Found]:
    for party, consent in consents(data):
        base = f"{CONSENTS}.{party}"
        given = parse_date(consent.get("datum"))
        withdrawn = parse_date(consent.get("ingetrokken"))
        yield from _consent_dates(base, born, given, withdrawn)
        # A withdrawn consent shares nothing more: who once gave it asks for no action now.
        if given and given >= born and state_of(consent) is ConsentState.GIVEN:
            yield from _who_consents(base, age_on(born, given), consent.get("door"))


def _consent_dates(
    base: str, born: date, given: date | None, withdrawn: date | None
) -> Iterator[_Found]:
    if given and given < born:
        yield _Found(f"{base}.datum", BEFORE_BIRTH)
    if withdrawn and withdrawn < born:
        yield _Found(f"{base}.ingetrokken", BEFORE_BIRTH)
    elif withdrawn and given and withdrawn < given:
        yield _Found(f"{base}.ingetrokken", WITHDRAWN_BEFORE_GIVEN)


def _who_consents(base: str, age: int, door: Any) -> Iterator[_Found]:
    if age < CONSENT_AGE and door == "jongere":
        yield _Found(f"{base}.door", UNDER_16_CONSENT)
    elif age < CONSENT_AGE and door == "ouder":
        yield _Found(f"{base}.door", PARENT_CONSENT_POLICY, remark=True)
    elif age >= CONSENT_AGE and door == "ouder":
        yield _Found(f"{base}.door", OVER_16_CONSENT)
