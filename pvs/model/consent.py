"""The route a pupil takes after school, and whether each receiving party may read the passport.

One place for both, so the check, the support plan and the intake overview agree:

- The route follows the uitstroomprofiel as the stage profiles read it: *arbeidsmarkt* and
  *dagbesteding* are their own routes; anything else (*vervolgonderwijs*, nothing chosen, a
  value pvs does not know) is the route to the mbo.
- A consent is withdrawn as soon as it has a withdrawal (`ingetrokken`), whatever else it says:
  the stage profiles fail any value there, and a withdrawal stops all further sharing (AVG).
  It is given when `gegeven` is true and there is no withdrawal; else it is missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any

from pvs.model.paths import lookup

MBO = "vervolgonderwijs"
WORK = "arbeidsmarkt"
DAY_ACTIVITIES = "dagbesteding"
ROUTES = (MBO, WORK, DAY_ACTIVITIES)
CONSENTS = "toestemming.delen_met"


class ConsentState(StrEnum):
    GIVEN = "gegeven"
    WITHDRAWN = "ingetrokken"
    MISSING = "ontbreekt"


def chosen_route(data: Any) -> str | None:
    """The uitstroomprofiel as filled in, or None when none (or no known one) is chosen."""
    profile = lookup(data, "uitstroom.profiel")
    return profile if profile in ROUTES else None


def route(data: Any) -> str:
    """The route the stage profiles check this passport for; the mbo unless another is chosen."""
    return chosen_route(data) or MBO


def consents(data: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each receiving party with its consent record, in the passport's order; other values
    (a text where a record belongs) are left out: `pvs check` reports them."""
    parties = lookup(data, CONSENTS)
    if not isinstance(parties, Mapping):
        return
    for party, consent in parties.items():
        if isinstance(consent, Mapping):
            yield party, consent


def state_of(consent: Mapping[str, Any]) -> ConsentState:
    """Whether one consent record lets the passport go to its party now."""
    if "ingetrokken" in consent:
        return ConsentState.WITHDRAWN
    return ConsentState.GIVEN if consent.get("gegeven") is True else ConsentState.MISSING


def consent_state(data: Any, party: str) -> ConsentState:
    """Whether the passport may go to `party` (a key of toestemming.delen_met) now."""
    consent = lookup(data, f"{CONSENTS}.{party}")
    return state_of(consent) if isinstance(consent, Mapping) else ConsentState.MISSING


def withdrawn_parties(data: Any) -> list[str]:
    """The parties whose consent was withdrawn, in the passport's order."""
    return [party for party, c in consents(data) if state_of(c) is ConsentState.WITHDRAWN]
