"""Who can receive a handover, what each of them reads, and whether the pupil allows it.

A handover goes to one receiving party, and only with the pupil's consent for that party
(`toestemming.delen_met.<party>`): a withdrawn or missing consent stops it (AVG: a withdrawal
stops all further sharing). With consent, each party still gets only what it needs for its job
(data minimisation, domain.md §4): the fields the schema marks sensitive go only to the parties
named for them in `SENSITIVE_PARTS` below. The employer gets what helps at work, not what the
young person finds hard, their care contacts or the doelgroepregister status: the doorwerkcoach
arranges that with the employer where the young person wants it.

The table is data: a school that agrees other rules with its region changes it here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pvs.errors import NoHandover, UsageError
from pvs.model.consent import DAY_ACTIVITIES, MBO, WORK, ConsentState, consent_state, route

COACH = "doorwerkcoach"
EMPLOYER = "werkgever"
MUNICIPALITY = "gemeente"
UWV = "uwv"
PROVIDER = "dagbesteding"
RECEIVERS = (COACH, EMPLOYER, MUNICIPALITY, UWV, PROVIDER)

# The sensitive parts of a handover, with the title a reader sees when a part is left out.
SENSITIVE_PARTS = {
    "moeite": "Wat de jongere moeilijk vindt en waar de jongere moeite mee heeft",
    "persoonlijke_situatie": "De persoonlijke situatie van de jongere",
    "opp": "Of er een ontwikkelingsperspectiefplan (OPP) is",
    "betrokkenen": "Hulpverleners en andere betrokkenen",
    "mentoradvies": "Het advies van de mentor",
    "doelgroepregister": "De status in het doelgroepregister (UWV)",
    "uwv_betrokken": "Of het UWV betrokken is",
}
_GUIDANCE = frozenset({"moeite", "opp", "betrokkenen", "mentoradvies"})
_WORK_SUPPORT = frozenset({"doelgroepregister", "uwv_betrokken"})


@dataclass(frozen=True)
class Receiver:
    key: str  # the consent party in toestemming.delen_met
    name: str  # staff-facing, with article: "de doorwerkcoach"
    sees: frozenset[str]  # which SENSITIVE_PARTS this party reads


RECEIVER_INFO = {
    COACH: Receiver(
        COACH, "de doorwerkcoach", _GUIDANCE | _WORK_SUPPORT | {"persoonlijke_situatie"}
    ),
    EMPLOYER: Receiver(EMPLOYER, "de werkgever of het leerwerkbedrijf", frozenset()),
    MUNICIPALITY: Receiver(
        MUNICIPALITY,
        "de gemeente",
        _GUIDANCE | _WORK_SUPPORT | {"persoonlijke_situatie"},
    ),
    UWV: Receiver(UWV, "het UWV", _GUIDANCE | _WORK_SUPPORT),
    PROVIDER: Receiver(
        PROVIDER, "de organisatie voor dagbesteding", _GUIDANCE | {"persoonlijke_situatie"}
    ),
}

ROUTE_NAMES = {
    WORK: "werk (uitstroomprofiel arbeidsmarkt)",
    DAY_ACTIVITIES: "dagbesteding (uitstroomprofiel dagbesteding)",
}

NOT_FOR_HANDOVER = (
    "Volgens het paspoort gaat deze jongere niet werken en niet naar dagbesteding (het "
    "uitstroomprofiel is niet arbeidsmarkt of dagbesteding). Een overdracht is voor die twee "
    "routes. Gaat de jongere naar het mbo? Maak dan met pvs plan een ondersteuningsplan voor de "
    "begeleider. Klopt het uitstroomprofiel niet? Verbeter het dan eerst in het paspoort."
)
_NO_CONSENT = (
    "De jongere heeft geen toestemming gegeven om het paspoort te delen met {name}. Zonder die "
    "toestemming maakt pvs geen overdracht voor {name}. Vraag eerst toestemming.{others}"
)
_WITHDRAWN = (
    "De jongere heeft de toestemming ingetrokken om het paspoort te delen met {name}. Dan deelt "
    "pvs niets meer met {name}: er komt geen overdracht. Geeft de jongere opnieuw toestemming? "
    "Haal dan de datum bij 'Ingetrokken op' weg en vul de datum van de nieuwe toestemming in."
    "{others}"
)
_OTHERS = " Wel toestemming is er voor {names}: kies die met --voor {keys}."


def choose_receiver(data: object, wanted: str | None) -> Receiver:
    """The party this handover is for; raises NoHandover off the work and day routes and
    without the pupil's consent for the party, UsageError for a party pvs does not know."""
    pupil_route = route(data)
    if pupil_route == MBO:
        raise NoHandover(NOT_FOR_HANDOVER)
    key = wanted or default_receiver(data, pupil_route)
    if key not in RECEIVER_INFO:
        raise UsageError(f"Een overdracht kan naar: {', '.join(RECEIVERS)}. Kies een van die.")
    receiver = RECEIVER_INFO[key]
    state = consent_state(data, key)
    if state is not ConsentState.GIVEN:
        template = _WITHDRAWN if state is ConsentState.WITHDRAWN else _NO_CONSENT
        raise NoHandover(template.format(name=receiver.name, others=_others(data, key)))
    return receiver


def default_receiver(data: object, pupil_route: str) -> str:
    """Work: the doorwerkcoach when the pupil consented, else the employer; day activities:
    the provider."""
    if pupil_route == DAY_ACTIVITIES:
        return PROVIDER
    return COACH if consent_state(data, COACH) is ConsentState.GIVEN else EMPLOYER


def _others(data: object, refused: str) -> str:
    allowed = [
        k for k in RECEIVERS if k != refused and consent_state(data, k) is ConsentState.GIVEN
    ]
    if not allowed:
        return ""
    names = " of ".join(RECEIVER_INFO[k].name for k in allowed)
    return _OTHERS.format(names=names, keys=" of --voor ".join(allowed))
