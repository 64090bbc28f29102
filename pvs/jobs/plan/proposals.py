"""Proposals for one support need: the catalogue items the pupil's own words call for, ranked.

A provision is proposed only when the need's area is one of its areas (a need of area 'anders'
or without an area may get any), the pupil ticked one of its contexts (or none), and the pupil's
words contain one of its trigger words. What the pupil asks for on the mbo counts most, then
what helped at school, then what is hard. A school's catalogue item without trigger words is
proposed on its area alone, after the items the words call for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pvs.jobs.plan.catalogue import Provision
from pvs.model.paths import lookup_as

MAX_PROPOSALS = 5
# Where the pupil wrote, how much a word there counts, and how the plan names the place.
FIELDS = (
    ("nodig_in_mbo", 3, "Wat de student op het mbo nodig denkt te hebben"),
    ("wat_helpt", 2, "Wat op school hielp"),
    ("omschrijving", 1, "Wat de student moeilijk vindt"),
)
CONTEXT_BONUS = 0.5  # a provision for a place the pupil ticked goes first among equals
QUOTE_LENGTH = 110
# Words by which a clause names the place it is about, as the contexts of the form.
PLACE_WORDS = {
    "examens": ("toets", "examen"),
    "lessen": ("les", "klas", "lokaal", "theorie"),
    "stage": ("stage", "bpv", "werkplek", "bbl", "leerbedrijf"),
}
MIN_CLAUSE = 20  # a shorter clause ("korte pauzes") is quoted with its sentence
OPEN_AREAS = (None, "anders")  # a need that names no area of the catalogue's


@dataclass(frozen=True)
class Proposal:
    """A provision for a need, with the pupil's words that call for it (none: area only)."""

    provision: Provision
    score: float
    field: str | None = None
    quote: str | None = None
    word: str | None = None


def propose(
    need: dict[str, Any], catalogue: tuple[Provision, ...], contexts: list[str]
) -> list[Proposal]:
    """At most five provisions for this need, the best supported first."""
    area = lookup_as(need, "gebied", str)
    texts = {key: lookup_as(need, key, str) or "" for key, _, _ in FIELDS}
    found = []
    for provision in catalogue:
        if not _fits(provision, area, contexts):
            continue
        proposal = _called_for(provision, texts, contexts) if provision.words else None
        if proposal is None and not provision.words and area in provision.areas:
            proposal = Proposal(provision, 0.0)
        if proposal is not None:
            found.append(proposal)
    found.sort(key=lambda p: -p.score)  # stable: the catalogue's order among equals
    return found[:MAX_PROPOSALS]


def reason(proposal: Proposal, area_label: str) -> str:
    """Why the plan proposes it, in the plan's words, quoting the pupil where it can."""
    if proposal.quote is None:
        return f"De catalogus van de school noemt deze voorziening bij '{area_label}'."
    label = dict((key, name) for key, _, name in FIELDS)[proposal.field or ""]
    return f"{label}: „{proposal.quote}”"


def _fits(provision: Provision, area: str | None, contexts: list[str]) -> bool:
    in_area = area in OPEN_AREAS or area in provision.areas
    in_context = not provision.contexts or not contexts or bool(provision.contexts & set(contexts))
    return in_area and in_context


def _called_for(
    provision: Provision, texts: dict[str, str], contexts: list[str]
) -> Proposal | None:
    score, best = 0.0, None
    for key, weight, _ in FIELDS:
        hit = _first_hit(provision, texts[key])
        if hit is None:
            continue
        score += weight
        if best is None:
            best = (key, *hit)
    if best is None:
        return None
    if provision.contexts & set(contexts):
        score += CONTEXT_BONUS
    key, quote, word = best
    return Proposal(provision, score, key, quote, word)


def _first_hit(provision: Provision, text: str) -> tuple[str, str] | None:
    """The part of `text` around the first of the provision's words found in it where the
    clause does not name another place ("een rustige plek bij toetsen" is no call for a quiet
    room in the lessons), and the word as written."""
    for word in provision.words:
        for found in _pattern(word).finditer(text):
            left, right = _clause(text, found.start(), found.end())
            if _elsewhere(provision, text[left:right]):
                continue
            return _quote(text, found.start(), found.end()), found.group(0)
    return None


def _elsewhere(provision: Provision, clause: str) -> bool:
    """Whether the clause names only places (lessons, internship, exams) the provision is not
    for; a provision for everywhere, or a clause that names no place, is never elsewhere."""
    named = {
        place
        for place, words in PLACE_WORDS.items()
        if any(re.search(rf"(?<!\w){w}", clause, re.IGNORECASE) for w in words)
    }
    return bool(provision.contexts and named and not named & provision.contexts)


@cache
def _pattern(word: str) -> re.Pattern[str]:
    """A word beginning, whatever the case, with or without hyphens ('timeout' finds
    'time-out-kaart'), and spaces matching any run of spaces or hyphens."""
    parts = [r"[\s-]+" if c.isspace() else re.escape(c) for c in word.strip()]
    return re.compile(r"(?<!\w)" + "-?".join(parts), re.IGNORECASE)


def _quote(text: str, start: int, end: int) -> str:
    """The clause (between commas) of the sentence that holds text[start:end], so the reason
    points at the words that call for the provision; the sentence when the clause is short.
    Cut to about QUOTE_LENGTH around the words, with … where the quote leaves text out."""
    begin, finish = _sentence(text, start, end)
    left, right = _clause(text, start, end)
    if right - left < MIN_CLAUSE:
        left, right = begin, finish
    if right - left > QUOTE_LENGTH:
        left = max(left, text.find(" ", max(left, start - QUOTE_LENGTH // 2)) + 1)
        right = min(right, max(end, text.rfind(" ", left, left + QUOTE_LENGTH)))
    quote = text[left:right].strip()
    return ("…" if left > begin else "") + quote + ("…" if right < finish else "")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the part of the sentence between commas that holds text[start:end] begins, ends."""
    begin, finish = _sentence(text, start, end)
    comma = text.rfind(", ", begin, start)
    left = comma + 2 if comma >= 0 else begin
    comma = text.find(",", end, finish)
    return left, comma if comma >= 0 else finish


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding text[start:end] begins and ends (after its full stop)."""
    begin = max(text.rfind(stop, 0, start) for stop in (". ", "! ", "? "))
    begin = 0 if begin < 0 else begin + 2
    ends = [i for i in (text.find(stop, end) for stop in (".", "!", "?")) if i >= 0]
    return begin, min(ends) + 1 if ends else len(text)
