"""What the ondersteuningsplan draft says, as data: the same for the Word draft and --format json.

The rules the plan follows: a plan is for the begeleider on the mbo, so a pupil on the route to
work or day activities gets none (their receiving party gets a handover instead); it uses only
what the pupil consented to share with the begeleider, and nothing at all once that consent is
withdrawn (a plan without sensitive data still hands the begeleider the rest); a parent signs
too when the student is under 16 on the plan date; the evaluations follow the programme's length
(evaluations.py). Per need, at most five provisions the student's own words call for
(proposals.py). The plan speaks of the student in the third person: no form label that speaks
to the pupil ("Mijzelf", "Mijn begeleider") reaches it. Dates stay ISO in the data; the Word
plan shows them as dd-mm-jjjj.

A returned passport can hold any value anywhere ("vier" typed into a dropdown for a number, a
text where a list belongs). Every value is read with its type (`lookup_as`, `records`): one of
the wrong type counts as absent here, so the plan is still made; `pvs check` reports it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from pvs.checking.rules import CONSENT_AGE, age_on, parse_date
from pvs.documents.wording import TITLE
from pvs.errors import NoConsent, NotForMbo
from pvs.jobs.labels import SKILLS
from pvs.jobs.plan import agreements, contacts
from pvs.jobs.plan.catalogue import CATEGORY_TITLES, Provision
from pvs.jobs.plan.evaluations import duration, evaluations
from pvs.jobs.plan.proposals import Proposal, propose, reason
from pvs.model.consent import (
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

PLAN_FORMAT = 3  # raise when a key of the plan data changes meaning

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
# The form's labels speak to the pupil ("Mijn begeleider", "Mijzelf", "met je handen"); the
# plan speaks about the student, so it names consents, givers and skills in its own words.
CONSENT_NAMES = {
    "mbo_intaker": "De intaker van het mbo",
    "begeleider": "De begeleider op het mbo (voor het ondersteuningsplan)",
    "rmc": "Het RMC (Doorstroompunt)",
    "doorwerkcoach": "De doorwerkcoach",
    "werkgever": "De werkgever of het leerwerkbedrijf",
    "gemeente": "De gemeente (werk en inkomen of Wmo)",
    "uwv": "Het UWV",
    "dagbesteding": "De organisatie voor dagbesteding",
}
GIVERS = {
    "jongere": "de student",
    "ouder": "de ouder of verzorger",
    "jongere_en_ouder": "de student en de ouder of verzorger",
}
WORDS = ("omschrijving", "wat_helpt", "nodig_in_mbo")  # the student's own words about a need
GOOD = 4  # "hier ben ik goed in": a strength from this self-rating on
RATINGS = {4: "goed", 5: "heel goed"}
AREA_NAMES = {"anders": "Overige ondersteuning"}  # the form's "Iets anders" is the pupil's choice
AREA_FIELD = "wat_heb_ik_nodig.behoeften.0.gebied"
STATEMENT_FIELD = "wat_heb_ik_nodig.verklaringen.0.soort"


def build_plan(
    passport: dict[str, Any],
    catalogue: tuple[Provision, ...],
    *,
    plan_date: date,
    start_date: date | None = None,
    programme: str | None = None,
    without_consent: bool = False,
    length: str | None = None,
) -> dict[str, Any]:
    """The plan's content as JSON-ready data with Dutch keys.

    `length` ('eenjarig' or 'meerjarig') overrides the programme length pvs derives.
    Raises NotForMbo off the route to the mbo, and NoConsent when the begeleider's consent was
    withdrawn, or is missing and `without_consent` is not set.
    """
    consented = _begeleider_consent(passport, without_consent)
    model = load_form_model()
    data = passport if consented else without_sensitive(passport, model)
    start = start_date or _next_september(plan_date)
    statements = _statements(data, model)
    needs = _needs(data, catalogue, model, statements)
    course = _programme(data, start, programme, length)
    return {
        "formaatversie": PLAN_FORMAT,
        "status": "concept",
        "plandatum": plan_date.isoformat(),
        "zonder_gevoelige_gegevens": not consented,
        "student": _student(data, plan_date),
        "opleiding": course,
        "bronnen": [_source(data)],
        "contacten": {
            "mentor": contacts.mentor(data),
            "netwerk": contacts.network(data, model, _label),
        },
        "opp": contacts.opp(data, consented),
        "warme_overdracht": contacts.warm_handover(data),
        "sterke_punten": _strengths(data),
        "ondersteuning": needs,
        "examenvoorzieningen": agreements.exam_section(statements, _exam_names(needs)),
        "afspraken": agreements.who_does_what(needs),
        "evaluaties": evaluations(start, course["duur"]),
        "toestemming": _consents(data),
        "handtekeningen": _signatures(data, plan_date),
    }


def without_sensitive(data: Any, model: FormModel) -> Any:
    """The passport without any field or group the schema marks sensitive."""
    return transform(data, partial(_unless_sensitive, model))


def _unless_sensitive(model: FormModel, path: str, value: Any) -> Any:
    node = model.node(path)
    return DROP if node is not None and node.sensitive else value


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


def _programme(
    data: dict[str, Any], start: date, override: str | None, length: str | None
) -> dict[str, Any]:
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
    course = {
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
    return course | {"duur": length or duration(course)}


def _source(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "document": TITLE,
        "formulier_id": _text(data, "meta.formulier_id"),
        "schemaversie": _text(data, "meta.schema_versie"),
        "bijgewerkt": _text(data, "meta.bijgewerkt"),
    }


def _strengths(data: dict[str, Any]) -> list[dict[str, Any]]:
    """What the student rates as good (4) or very good (5); nothing they find hard."""
    found = []
    for skill in records(data, "wat_kan_ik.vaardigheden"):
        rating = lookup_as(skill, "zelfbeoordeling", int)
        kind = _text(skill, "vaardigheid")
        name = _text(skill, "omschrijving") if kind == "anders" else SKILLS.get(kind or "")
        if rating is None or rating < GOOD or not name:
            continue
        found.append(
            {
                "vaardigheid": name,
                "zelfbeoordeling": rating,
                "oordeel": f"volgens de student {RATINGS.get(rating, 'goed')} ({rating} van 5)",
                "voorbeeld": _text(skill, "voorbeeld"),
            }
        )
    return sorted(found, key=lambda s: -s["zelfbeoordeling"])


def _statements(data: dict[str, Any], model: FormModel) -> list[dict[str, Any]]:
    """The experts' statements the passport names: kind and date only."""
    rows = []
    for statement in records(data, "wat_heb_ik_nodig.verklaringen"):
        code = _text(statement, "soort")
        if code:
            rows.append(
                {
                    "code": code,
                    "soort": _label(model, STATEMENT_FIELD, code),
                    "datum": _text(statement, "datum"),
                }
            )
    return rows


def _needs(
    data: dict[str, Any],
    catalogue: tuple[Provision, ...],
    model: FormModel,
    statements: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    needs = []
    all_words = " ".join(
        _text(n, key) or "" for n in records(data, "wat_heb_ik_nodig.behoeften") for key in WORDS
    )
    dyslexia = agreements.has_dyslexia(statements, all_words)
    for number, need in enumerate(records(data, "wat_heb_ik_nodig.behoeften"), start=1):
        contexts = [k for k, v in (lookup_as(need, "context", dict) or {}).items() if v is True]
        area = _text(need, "gebied")
        label = AREA_NAMES.get(area or "") or _label(model, AREA_FIELD, area) or "Ondersteuning"
        words = " ".join(_text(need, key) or "" for key in WORDS)
        kind, why = agreements.agreement_kind(area, words, statements)
        needs.append(
            {
                "nummer": number,
                "gebied": label,
                "omschrijving": _text(need, "omschrijving"),
                "wat_hielp": _text(need, "wat_helpt"),
                "nodig_in_mbo": _text(need, "nodig_in_mbo"),
                "context": [CONTEXTS[c] for c in contexts if c in CONTEXTS],
                "soort_afspraak": kind,
                "soort_uitleg": why,
                "voorstellen": [
                    _proposal(number, p, label, dyslexia)
                    for p in propose(need, catalogue, contexts)
                ],
            }
        )
    return needs


def _proposal(number: int, proposal: Proposal, area: str, dyslexia: bool) -> dict[str, Any]:
    provision = proposal.provision
    explanation = provision.explanation
    if provision.id == "extra_tijd" and dyslexia:
        explanation = f"{explanation} {agreements.DYSLEXIA_CAP}"
    return {
        "sleutel": f"{number}:{provision.id}",
        "id": provision.id,
        "naam": provision.name,
        "uitleg": explanation,
        "categorie": CATEGORY_TITLES[provision.category],
        "examencommissie": provision.needs_exam_board,
        "reden": reason(proposal, area),
        "aanleiding": None
        if proposal.quote is None
        else {"veld": proposal.field, "citaat": proposal.quote, "woord": proposal.word},
    }


def _exam_names(needs: list[dict[str, Any]]) -> list[str]:
    names = [p["naam"] for n in needs for p in n["voorstellen"] if p["examencommissie"]]
    return list(dict.fromkeys(names))


def _consents(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each consent as it stands now: a withdrawn one is not given, and says since when."""
    rows = []
    for key, consent in consents(data):
        rows.append(
            {
                "met": CONSENT_NAMES.get(key, key),
                "gegeven": state_of(consent) is ConsentState.GIVEN,
                "door": GIVERS.get(_text(consent, "door") or ""),
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
