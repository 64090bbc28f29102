"""What the ondersteuningsplan draft says, as data: the same for the Word draft and --format json.

The rules the plan follows: a plan is for the begeleider on the mbo, so a pupil on the route to
work or day activities gets none (their receiving party gets a handover instead); it uses only
what the pupil consented to share with the begeleider, and nothing at all once that consent is
withdrawn (a plan without sensitive data still hands the begeleider the rest); a parent signs
too when the student is under 16 on the plan date; the agreements are evaluated at a start-up
check after 6-8 weeks, before the provisional and the final BSA, and at least once a year.

A returned passport can hold any value anywhere ("vier" typed into a dropdown for a number, a
text where a list belongs). Every value is read with its type (`lookup_as`, `records`): one of
the wrong type counts as absent here, so the plan is still made; `pvs check` reports it.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import partial
from typing import Any

from pvs.checking.rules import CONSENT_AGE, age_on, parse_date
from pvs.documents.wording import TITLE
from pvs.errors import NoConsent, NotForMbo
from pvs.jobs.plan.catalogue import CATEGORY_TITLES, Provision
from pvs.model.consent import (
    CONSENTS,
    DAY_ACTIVITIES,
    MBO,
    WORK,
    ConsentState,
    consent_state,
    consents,
    route,
    state_of,
)
from pvs.model.formmodel import Field, FormModel, load_form_model
from pvs.model.passport import display_name
from pvs.model.paths import DROP, lookup, lookup_as, records, transform

PLAN_FORMAT = 2  # raise when a key of the plan data changes meaning

NO_CONSENT = (
    "De jongere heeft geen toestemming gegeven om het paspoort te delen met de begeleider op het "
    "mbo. Zonder die toestemming maakt pvs geen ondersteuningsplan. Vraag eerst toestemming, of "
    "maak met --zonder-toestemming een plan zonder gevoelige gegevens."
)
CONSENT_WITHDRAWN = (
    "De jongere heeft de toestemming ingetrokken om het paspoort te delen met de begeleider op "
    "het mbo. Dan deelt pvs niets meer met de begeleider: er komt geen ondersteuningsplan, ook "
    "niet zonder gevoelige gegevens. Geeft de jongere opnieuw toestemming? Haal dan de datum bij "
    "'Ingetrokken op' weg en vul de datum van de nieuwe toestemming in."
)
# Where the pupil goes instead of an mbo, and who gets a handover there instead of a plan.
_ELSEWHERE = {
    WORK: ("gaat werken (uitstroomprofiel arbeidsmarkt)", "De werkgever en de doorwerkcoach"),
    DAY_ACTIVITIES: (
        "gaat naar dagbesteding (uitstroomprofiel dagbesteding)",
        "De organisatie voor dagbesteding en de gemeente",
    ),
}
NOT_FOR_MBO = {
    key: f"Deze jongere {going}, niet naar het mbo. Een ondersteuningsplan is voor de begeleider "
    f"op het mbo; daarom maakt pvs het niet. {receivers} krijgen in plaats daarvan een "
    "overdracht; maak die met pvs overdracht (kies de ontvanger met --voor)."
    for key, (going, receivers) in _ELSEWHERE.items()
}
CONTEXTS = {
    "lessen": "in de lessen",
    "stage": "op stage (bpv)",
    "examens": "bij toetsen en examens",
}
# Which provision categories fit which context a need was written for.
CONTEXT_CATEGORIES = {"lessen": "lessen", "examens": "examens", "stage": "opleiding_bpv"}


def build_plan(
    passport: dict[str, Any],
    catalogue: tuple[Provision, ...],
    *,
    plan_date: date,
    start_date: date | None = None,
    programme: str | None = None,
    without_consent: bool = False,
) -> dict[str, Any]:
    """The plan's content as JSON-ready data with Dutch keys.

    Raises NotForMbo off the route to the mbo, and NoConsent when the begeleider's consent was
    withdrawn, or is missing and `without_consent` is not set.
    """
    consented = _begeleider_consent(passport, without_consent)
    model = load_form_model()
    data = passport if consented else without_sensitive(passport, model)
    start = start_date or _next_september(plan_date)
    needs = _needs(data, catalogue, model)
    return {
        "formaatversie": PLAN_FORMAT,
        "status": "concept",
        "plandatum": plan_date.isoformat(),
        "zonder_gevoelige_gegevens": not consented,
        "student": _student(data, plan_date),
        "opleiding": _programme(data, start, programme),
        "bronnen": [_source(data)],
        "sterke_punten": _strengths(data, model),
        "ondersteuning": needs,
        "afspraken": _agreements(needs),
        "evaluaties": _evaluations(start),
        "toestemming": _consents(data, model),
        "handtekeningen": _signatures(data, plan_date),
    }


def without_sensitive(data: Any, model: FormModel) -> Any:
    """The passport without any field or group the schema marks sensitive."""
    return transform(data, partial(_unless_sensitive, model))


def _unless_sensitive(model: FormModel, path: str, value: Any) -> Any:
    node = model.node(path)
    return DROP if node is not None and node.sensitive else value


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _begeleider_consent(data: dict[str, Any], without_consent: bool) -> bool:
    """Whether the plan may hold sensitive data; raises when there may be no plan at all."""
    pupil_route = route(data)
    if pupil_route != MBO:
        raise NotForMbo(NOT_FOR_MBO[pupil_route])
    state = consent_state(data, "begeleider")
    if state is ConsentState.WITHDRAWN:
        raise NoConsent(CONSENT_WITHDRAWN)
    if state is ConsentState.MISSING and not without_consent:
        raise NoConsent(NO_CONSENT)
    return state is ConsentState.GIVEN


def _next_september(day: date) -> date:
    september = date(day.year, 9, 1)
    return september if september >= day else date(day.year + 1, 9, 1)


def _label(model: FormModel, path: str, value: str | int | None) -> str:
    field = model.node(path)
    if isinstance(field, Field):
        for option in field.options:
            if option.value == value and type(option.value) is type(value):
                return option.label
    return "" if value is None else str(value)


def _text(data: Any, path: str) -> str | None:
    return lookup_as(data, path, str)


def _student(data: dict[str, Any], plan_date: date) -> dict[str, Any]:
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    return {
        "naam": display_name(data),
        "geboortedatum": born.isoformat() if born else None,
        "leeftijd_op_plandatum": age_on(born, plan_date) if born else None,
        "leerlingnummer_vo": _text(data, "jongere.leerlingnummer"),
        "studentnummer": None,
        "school_van_herkomst": _text(data, "school.naam"),
    }


def _programme(data: dict[str, Any], start: date, override: str | None) -> dict[str, Any]:
    wishes = records(data, "uitstroom.opleidingswensen")
    chosen = wishes[0] if wishes else {}
    if override:
        wanted = override.strip().casefold()
        matching = [
            w
            for w in wishes
            if wanted == _text(w, "crebo") or wanted in (_text(w, "opleiding") or "").casefold()
        ]
        chosen = matching[0] if matching else {"opleiding": override}
    leerweg = _text(chosen, "leerweg")
    return {
        "naam": _text(chosen, "opleiding"),
        "crebo": _text(chosen, "crebo"),
        "niveau": lookup_as(chosen, "niveau", int),
        "leerweg": _label(load_form_model(), "uitstroom.opleidingswensen.0.leerweg", leerweg)
        or None,
        "instelling": _text(chosen, "instelling"),
        "startdatum": start.isoformat(),
        "cohort": f"{start.year}-{start.year + 1}",
        "coach": None,
    }


def _source(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "document": TITLE,
        "formulier_id": _text(data, "meta.formulier_id"),
        "schemaversie": _text(data, "meta.schema_versie"),
        "bijgewerkt": _text(data, "meta.bijgewerkt"),
    }


def _strengths(data: dict[str, Any], model: FormModel) -> list[dict[str, Any]]:
    found = []
    for skill in records(data, "wat_kan_ik.vaardigheden"):
        kind = _text(skill, "vaardigheid")
        name = _text(skill, "omschrijving") if kind == "anders" else None
        found.append(
            {
                "vaardigheid": name or _label(model, "wat_kan_ik.vaardigheden.0.vaardigheid", kind),
                "zelfbeoordeling": lookup_as(skill, "zelfbeoordeling", int),
                "voorbeeld": _text(skill, "voorbeeld"),
            }
        )
    return sorted(found, key=lambda s: -(s["zelfbeoordeling"] or 0))


def _needs(
    data: dict[str, Any], catalogue: tuple[Provision, ...], model: FormModel
) -> list[dict[str, Any]]:
    needs = []
    for need in records(data, "wat_heb_ik_nodig.behoeften"):
        contexts = [k for k, v in (lookup_as(need, "context", dict) or {}).items() if v is True]
        area = _text(need, "gebied")
        needs.append(
            {
                "gebied": _label(model, "wat_heb_ik_nodig.behoeften.0.gebied", area),
                "omschrijving": _text(need, "omschrijving"),
                "wat_hielp": _text(need, "wat_helpt"),
                "nodig_in_mbo": _text(need, "nodig_in_mbo"),
                "context": [CONTEXTS[c] for c in contexts if c in CONTEXTS],
                "voorstellen": [_proposal(p) for p in _matching(catalogue, area, contexts)],
            }
        )
    return needs


def _matching(
    catalogue: tuple[Provision, ...], area: str | None, contexts: list[str]
) -> list[Provision]:
    """Provisions for this need's area; lesson, exam and internship provisions only where the
    pupil said they need help (or everywhere, when they did not say)."""
    wanted = {CONTEXT_CATEGORIES[c] for c in contexts if c in CONTEXT_CATEGORIES}
    context_bound = set(CONTEXT_CATEGORIES.values())
    return [
        p
        for p in catalogue
        if area in p.areas
        and (not wanted or p.category not in context_bound or p.category in wanted)
    ]


def _proposal(provision: Provision) -> dict[str, Any]:
    return {
        "id": provision.id,
        "naam": provision.name,
        "uitleg": provision.explanation,
        "categorie": CATEGORY_TITLES[provision.category],
        "examencommissie": provision.needs_exam_board,
    }


def _agreements(needs: list[dict[str, Any]]) -> list[dict[str, str]]:
    proposals = {p["naam"]: p for n in needs for p in n["voorstellen"]}
    exams = [name for name, p in proposals.items() if p["examencommissie"]]
    lessons = [name for name, p in proposals.items() if p["categorie"] == "Lessen"]
    rows = [
        {
            "wie": "Student",
            "wat": "Vertelt de begeleider wat werkt en wat niet, en komt naar "
            "de evaluatiegesprekken.",
        },
        {
            "wie": "Begeleider (SLB'er)",
            "wat": "Bespreekt dit concept met de student, regelt de "
            "afgesproken voorzieningen en plant de evaluaties.",
        },
    ]
    if exams:
        rows.append(
            {
                "wie": "Examencommissie",
                "wat": "Besluit over de examenvoorzieningen: "
                + "; ".join(exams)
                + ". De begeleider vraagt ze aan vóór de eerste toets.",
            }
        )
    if lessons:
        rows.append(
            {"wie": "Docenten", "wat": "Passen in de lessen toe: " + "; ".join(lessons) + "."}
        )
    return rows


def _evaluations(start: date) -> list[dict[str, str]]:
    moments = [
        ("Opstartgesprek (6 tot 8 weken na de start)", start + timedelta(weeks=7)),
        ("Evaluatie vóór het voorlopig studieadvies (halverwege leerjaar 1)", add_months(start, 4)),
        ("Evaluatie vóór het bindend studieadvies (BSA)", add_months(start, 8)),
        ("Jaarlijkse evaluatie", add_months(start, 12)),
    ]
    return [{"moment": name, "datum": day.isoformat()} for name, day in moments]


def _consents(data: dict[str, Any], model: FormModel) -> list[dict[str, Any]]:
    """Each consent as it stands now: a withdrawn one is not given, and says since when."""
    rows = []
    for key, consent in consents(data):
        node = model.node(f"{CONSENTS}.{key}")
        door = _text(consent, "door")
        rows.append(
            {
                "met": node.title if node else key,
                "gegeven": state_of(consent) is ConsentState.GIVEN,
                "door": _label(model, f"{CONSENTS}.{key}.door", door) or None,
                "datum": _text(consent, "datum"),
                "ingetrokken": _text(consent, "ingetrokken"),
            }
        )
    return rows


def _signatures(data: dict[str, Any], plan_date: date) -> list[dict[str, str]]:
    born = parse_date(lookup(data, "jongere.geboortedatum"))
    rows = [{"rol": "Student"}]
    if born is None or age_on(born, plan_date) < CONSENT_AGE:
        rows.append({"rol": "Ouder of verzorger (de student is jonger dan 16)"})
    rows.append({"rol": "School (begeleider namens het mbo)"})
    return rows
