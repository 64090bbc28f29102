"""List what a stage profile requires of one passport, for completeness percentages.

Walks the profile as a validator would (`$ref`, `allOf`, `if`/`then`/`else`, `properties`,
`items`) and collects one requirement per required field, per `minItems`, and per `anyOf` or
`not` that carries its own message (a `not` says what must not be: consent withdrawn, no place
yet). Required objects are not counted themselves: the fields inside them are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

from pvs.model import paths
from pvs.model.formmodel import Field, FormModel, Group
from pvs.model.schema import Schema, passport_schema, registry, stage_schema

if TYPE_CHECKING:  # the resolver's class is not exported by referencing
    from referencing._core import Resolver


def requirement_paths(data: Any, stage: str | None, model: FormModel) -> set[str]:
    """Paths of everything the stage requires of `data` (its empty groups already filled in)."""
    schema = passport_schema() if stage is None else stage_schema(stage)
    found: set[str] = set()
    _walk(schema, data, "", registry().resolver(schema["$id"]), model, found)
    return found


def _walk(
    node: Any, data: Any, path: str, resolver: Resolver, model: FormModel, found: set[str]
) -> None:
    if not isinstance(node, dict):
        return
    if "$ref" in node:
        target = resolver.lookup(node["$ref"])
        _walk(target.contents, data, path, target.resolver, model, found)
    for sub in node.get("allOf", []):
        _walk(sub, data, path, resolver, model, found)
    if "if" in node:
        branch = "then" if Draft202012Validator(node["if"]).is_valid(data) else "else"
        _walk(node.get(branch), data, path, resolver, model, found)
    worded = "x-melding" in node and ("anyOf" in node or "not" in node)
    if node.get("minItems", 0) > 0 or worded:
        found.add(path)
    if isinstance(data, dict):
        _walk_object(node, data, path, resolver, model, found)
    if isinstance(data, list) and "items" in node:
        for index, item in enumerate(data):
            _walk(node["items"], item, paths.child(path, index), resolver, model, found)


def _walk_object(
    node: Schema,
    data: dict[str, Any],
    path: str,
    resolver: Resolver,
    model: FormModel,
    found: set[str],
) -> None:
    for name in node.get("required", []):
        child = paths.child(path, name)
        target = model.node(child)
        if isinstance(target, Field) or (isinstance(target, Group) and target.max_slots):
            found.add(child)
    for name, sub in node.get("properties", {}).items():
        if name in data:
            _walk(sub, data[name], paths.child(path, name), resolver, model, found)
