"""Rules that JSON Schema cannot express, because they compare two dates.

From 16 a pupil consents alone; under 16 a parent or guardian consents and signs too (AVG, and
the MBO support agreements since 2023). Every rule here is documented in the README and is the
only place where `pvs check` and a plain 2020-12 validator with a stage profile may disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from pvs.checking.problem import Problem, ProblemKind, make_problem
from pvs.model import paths
from pvs.model.formmodel import FormModel

CONSENT_AGE = 16

UNDER_16_SIGNATURE = (
    "De jongere was bij het ondertekenen jonger dan 16 jaar. Dan tekent ook een ouder of "
    "verzorger: vul dit in."
)
UNDER_16_CONSENT = (
    "De jongere was jonger dan 16 jaar toen deze toestemming werd gegeven. Dan geven de jongere "
    "en een ouder of verzorger samen toestemming: kies 'Mijzelf en mijn ouder of verzorger'."
)
OVER_16_CONSENT = (
    "Vanaf 16 jaar geeft de jongere zelf toestemming. Kies 'Mijzelf' of 'Mijzelf en mijn ouder "
    "of verzorger'."
)
BEFORE_BIRTH = "Deze datum ligt vóór de geboortedatum. Controleer beide datums."


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


def rule_problems(data: dict[str, Any], model: FormModel) -> list[Problem]:
    """Every rule problem in the passport, whatever the stage."""
    born = parse_date(paths.lookup(data, "jongere.geboortedatum"))
    if born is None:
        return []
    found = [*_signature_problems(data, born), *_consent_problems(data, born)]
    return [make_problem(model, path, message, ProblemKind.RULE) for path, message in found]


def _signature_problems(data: dict[str, Any], born: date) -> Iterator[tuple[str, str]]:
    signed_path = "toestemming.handtekeningen.jongere.datum"
    signed = parse_date(paths.lookup(data, signed_path))
    if signed is None:
        return
    if signed < born:
        yield signed_path, BEFORE_BIRTH
    elif age_on(born, signed) < CONSENT_AGE:
        for part in ("naam", "datum"):
            path = f"toestemming.handtekeningen.ouder.{part}"
            if not paths.lookup(data, path):
                yield path, UNDER_16_SIGNATURE


def _consent_problems(data: dict[str, Any], born: date) -> Iterator[tuple[str, str]]:
    recipients = paths.lookup(data, "toestemming.delen_met")
    if not isinstance(recipients, dict):
        return
    for name, consent in recipients.items():
        if not isinstance(consent, dict) or consent.get("gegeven") is not True:
            continue
        given = parse_date(consent.get("datum"))
        if given is None or consent.get("door") is None:
            continue
        base = f"toestemming.delen_met.{name}"
        if given < born:
            yield f"{base}.datum", BEFORE_BIRTH
        elif age_on(born, given) < CONSENT_AGE and consent["door"] != "jongere_en_ouder":
            yield f"{base}.door", UNDER_16_CONSENT
        elif age_on(born, given) >= CONSENT_AGE and consent["door"] == "ouder":
            yield f"{base}.door", OVER_16_CONSENT
