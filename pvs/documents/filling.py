"""What every document renderer shares: the meta pvs owns, and which values a form can hold."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from pvs.checking.messages import too_long
from pvs.checking.problem import Problem, ProblemKind, make_problem
from pvs.checking.rules import parse_date
from pvs.errors import InvalidPassport
from pvs.model import paths
from pvs.model.formmodel import Field, FormModel, Kind, load_form_model
from pvs.model.schema import SCHEMA_VERSION

Data = dict[str, Any]
NO_PLACE = "Dit veld staat niet in het paspoortformulier; het zou verloren gaan. Haal het weg."


# The longest value of a field the schema gives no maxLength: a number, or what pvs fills in.
UNSIZED_LIMIT = 20
REDACTED = "[afgeschermd]"
RETENTION_YEARS = 2


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """How to render: the generation date (output is identical for the same data and date),
    how long to keep the document, a password for PDFs, and whether to screen sensitive fields."""

    today: date | None = None
    retention_years: int = RETENTION_YEARS
    password: str | None = None
    redact: bool = False


def prepare(data: Data | None, options: RenderOptions | None = None) -> Data:
    """The passport ready to render: meta completed, and refused if a form would lose any of it."""
    options = options or RenderOptions()
    data = complete_meta(data or {}, options.today, options.retention_years)
    if options.redact:
        data = redact(data, load_form_model())
    problems = unrenderable(data, load_form_model())
    if problems:
        raise InvalidPassport(problems)
    return data


def complete_meta(
    data: Data, today: date | None = None, retention_years: int = RETENTION_YEARS
) -> Data:
    """The passport with the meta pvs owns filled in: schema version, form id, creation date
    and the date until which the school keeps it (by default two years after the end of the
    school year it was made in, when the pupil leaves).

    A missing form id is derived from the content, so the same data always gets the same id.
    """
    meta = dict(data.get("meta") or {})
    meta.setdefault("schema_versie", SCHEMA_VERSION)
    if "formulier_id" not in meta:
        digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
        meta["formulier_id"] = "PVS-" + digest.hexdigest()[:12].upper()
    made = parse_date(meta.get("aangemaakt")) or today or date.today()
    meta.setdefault("aangemaakt", made.isoformat())
    meta.setdefault("bewaren_tot", retention_date(made, retention_years).isoformat())
    return {**data, "meta": meta}


def retention_date(made: date, years: int) -> date:
    """`years` after 31 July of the school year `made` falls in (the expected end of school)."""
    end_year = made.year + 1 if made.month >= 8 else made.year
    return date(end_year + years, 7, 31)


def redact(data: Any, model: FormModel) -> Any:
    """The passport with every sensitive text replaced by a placeholder and every other
    sensitive value left out, for someone who may see the plan but not the health details."""
    return paths.transform(data, partial(_screen, model))


def _screen(model: FormModel, path: str, value: Any) -> Any:
    # A dict or list is screened value by value; one standing where a field belongs is not a
    # passport, and prepare() refuses it (unrenderable) rather than render it.
    field = model.node(path)
    if isinstance(value, dict | list) or not isinstance(field, Field) or not field.sensitive:
        return value
    text_kinds = (Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.PHONE)
    return REDACTED if field.kind in text_kinds and isinstance(value, str) else paths.DROP


def unrenderable(data: Data, model: FormModel) -> list[Problem]:
    """What a form cannot hold without losing it: unknown fields, values outside a value list,
    text longer than its field takes.

    Anything else renders, also text that `pvs check` calls invalid (a date written wrongly),
    so a pupil can see and correct it in the form.
    """
    problems: dict[tuple[str, str], Problem] = {}
    for path, value in paths.walk(data):
        node = model.node(path)
        message = unfit(node, value) if isinstance(node, Field) else NO_PLACE
        if message:
            problem = make_problem(model, path, message, ProblemKind.INVALID)
            # Values below one unknown key share its shown path: one problem says it.
            problems.setdefault((problem.path, message), problem)
    return list(problems.values())


def unfit(field: Field, value: Any) -> str | None:
    if field.kind in (Kind.CHECKBOX, Kind.YES_NO):
        return None if isinstance(value, bool) else "Hier hoort ja of nee (true of false)."
    if field.kind == Kind.CHOICE:
        allowed = [o.value for o in field.options]
        if value in allowed and not isinstance(value, bool):
            return None
        return "Kies een van deze mogelijkheden: " + ", ".join(str(v) for v in allowed) + "."
    if not isinstance(value, str) and (not isinstance(value, int) or isinstance(value, bool)):
        return "Hier hoort tekst."
    # Laying out a megabyte of text takes minutes, and no box on the form holds it.
    limit = field.max_length or UNSIZED_LIMIT
    if len(value) > limit if isinstance(value, str) else abs(value) >= 10**limit:
        return too_long(field.title, limit)
    return None


def display_value(field: Field, value: Any) -> str:
    """How a value is written in a text box: dates the Dutch way (dd-mm-jjjj)."""
    if field.kind == Kind.DATE and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{day}-{month}-{year}"
    return str(value)
