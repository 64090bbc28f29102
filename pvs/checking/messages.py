"""Turn JSON Schema validation errors into Dutch problems that say what to fill in or correct.

A schema can word its own message with the `x-melding` annotation on the subschema that fails
(a pattern, a `minItems`, an `anyOf`); a required property uses the `x-melding` of its own
subschema beside the `required` list. Everything else gets a message built from the field's
title and kind. Messages never quote a value: values may be sensitive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from jsonschema import ValidationError

from pvs.checking.problem import Problem, ProblemKind, make_problem
from pvs.model import paths
from pvs.model.formmodel import Field, FormModel, Group, Kind, Node

UNKNOWN_KEY = (
    "Hier staat een veld dat niet bij het Paspoort voor Succes hoort. Controleer de spelling "
    "of haal het weg."
)
# A `not` in a stage profile stands for something still to happen: consent withdrawn, no place yet.
_MISSING_VALIDATORS = {"required", "minItems", "anyOf", "const", "not"}

_TYPE_WORDS = {
    "string": "tekst",
    "integer": "een heel getal",
    "number": "een getal",
    "boolean": "ja of nee (true of false)",
    "object": "een onderdeel met velden",
    "array": "een lijst",
}


def problems_from_error(error: ValidationError, model: FormModel) -> Iterator[Problem]:
    """The problems one validation error stands for (a `required` error may name several)."""
    path = paths.join(error.absolute_path)
    if error.validator == "required":
        yield from _required(error, path, model)
        return
    if error.validator == "additionalProperties":
        yield from _unknown_keys(error, path, model)
        return
    kind = ProblemKind.MISSING if error.validator in _MISSING_VALIDATORS else ProblemKind.INVALID
    own = error.schema.get("x-melding") if isinstance(error.schema, dict) else None
    word = _WORDERS.get(str(error.validator), _fallback)
    message = own or word(error, _title(model, path), model.nearest(path))
    yield make_problem(model, path, message, kind)


def missing_message(node: Node | None, title: str) -> str:
    """What to say when a required field is empty."""
    if isinstance(node, Field) and node.kind == Kind.CHOICE:
        return f"Maak een keuze bij '{title}'."
    if isinstance(node, Field) and node.kind in (Kind.CHECKBOX, Kind.YES_NO):
        return f"Geef bij '{title}' aan of dit zo is: ja of nee."
    if isinstance(node, Group) and node.max_slots:
        return f"Vul minstens één keer '{node.item_title}' in."
    return f"Vul '{title}' in."


def _required(error: ValidationError, path: str, model: FormModel) -> Iterator[Problem]:
    if not isinstance(error.instance, dict):
        return
    own_schemas = error.schema.get("properties", {})
    for name in error.validator_value:
        if name in error.instance:
            continue
        child = paths.child(path, name)
        node = model.nearest(child)
        message = own_schemas.get(name, {}).get("x-melding") or missing_message(
            node, _title(model, child)
        )
        yield make_problem(model, child, message, ProblemKind.MISSING)


def _unknown_keys(error: ValidationError, path: str, model: FormModel) -> Iterator[Problem]:
    # The key itself is never quoted: it may be sensitive text (make_problem hides it).
    known = set(error.schema.get("properties", {}))
    for name in sorted(set(error.instance) - known):
        yield make_problem(model, paths.child(path, name), UNKNOWN_KEY, ProblemKind.INVALID)


def _title(model: FormModel, path: str) -> str:
    node = model.nearest(path)
    return node.title if node else path


def _choice(error: ValidationError, title: str, node: Node | None) -> str:
    if isinstance(node, Field) and node.options:
        values = ", ".join(str(o.value) for o in node.options)
        return f"Kies bij '{title}' een van deze mogelijkheden: {values}."
    return _fallback(error, title, node)


def _type(error: ValidationError, title: str, node: Node | None) -> str:
    expected = error.validator_value
    types = expected if isinstance(expected, list) else [expected]
    words = [_TYPE_WORDS.get(str(t), str(t)) for t in types]
    return f"Bij '{title}' hoort {' of '.join(words)}. Verbeter wat hier staat."


def _pattern(error: ValidationError, title: str, node: Node | None) -> str:
    return f"'{title}' heeft niet de goede vorm. Controleer wat hier staat."


def too_long(title: str, limit: int) -> str:
    """What to say when a text is longer than its field takes (`maxLength`)."""
    return f"'{title}' is te lang: hoogstens {limit} tekens. Maak de tekst korter."


def _too_long(error: ValidationError, title: str, node: Node | None) -> str:
    return too_long(title, error.validator_value)


def _too_many(error: ValidationError, title: str, node: Node | None) -> str:
    item = node.item_title if isinstance(node, Group) and node.item_title else title
    return (
        f"Er passen hoogstens {error.validator_value} keer '{item}' in het paspoort. "
        "Haal er een weg of voeg ze samen."
    )


def _too_few(error: ValidationError, title: str, node: Node | None) -> str:
    item = node.item_title if isinstance(node, Group) and node.item_title else title
    return f"Vul minstens {error.validator_value} keer '{item}' in."


def _range(error: ValidationError, title: str, node: Node | None) -> str:
    schema: dict[str, Any] = error.schema
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"'{title}' moet een getal van {low} tot en met {high} zijn."
    return f"'{title}' is te {'klein' if error.validator == 'minimum' else 'groot'}."


def _fallback(error: ValidationError, title: str, node: Node | None) -> str:
    return f"'{title}' klopt niet. Controleer wat hier is ingevuld."


_Worder = Callable[[ValidationError, str, Node | None], str]
_WORDERS: dict[str, _Worder] = {
    "oneOf": _choice,
    "enum": _choice,
    "type": _type,
    "pattern": _pattern,
    "format": _pattern,
    "maxLength": _too_long,
    "maxItems": _too_many,
    "minItems": _too_few,
    "minimum": _range,
    "maximum": _range,
}
