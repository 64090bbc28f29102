"""Load the passport schema and its stage profiles, and build validators over them.

Older passport schemas stay readable as data in `schemas/<version>/` (see `pvs.model.versions`).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from pvs.resources import data_dir

SCHEMA_VERSION = "1.1"
OLD_VERSIONS = ("1.0",)  # still read, and upgraded on reading; kept in schemas/<version>/
STAGES = ("aanmelding", "intake", "plaatsing")

Schema = dict[str, Any]


@cache
def passport_schema() -> Schema:
    """The passport's JSON Schema, `schemas/pvs.schema.json`."""
    return _read("pvs.schema.json")


@cache
def stage_schema(stage: str) -> Schema:
    """The stage profile for `stage`, one of STAGES."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    return _read(f"stages/{stage}.schema.json")


@cache
def old_passport_schema(version: str) -> Schema:
    """The passport schema of an older version, one of OLD_VERSIONS."""
    if version not in OLD_VERSIONS:
        raise ValueError(f"unknown old schema version {version!r}")
    return _read(f"{version}/pvs.schema.json")


@cache
def registry() -> Registry:
    """A registry holding every passport schema and the stage profiles by their `$id`."""
    old = [old_passport_schema(v) for v in OLD_VERSIONS]
    schemas = [passport_schema(), *(stage_schema(s) for s in STAGES), *old]
    resources = [Resource.from_contents(s, default_specification=DRAFT202012) for s in schemas]
    return Registry().with_resources((s["$id"], r) for s, r in zip(schemas, resources, strict=True))


@cache
def validator(stage: str | None) -> Draft202012Validator:
    """A format-asserting validator for the stage profile, or for the bare passport schema."""
    schema = passport_schema() if stage is None else stage_schema(stage)
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def resolve(node: Schema, base: Schema | None = None) -> Schema:
    """Merge a subschema with what its `$ref` points to; the node's own keywords win."""
    ref = node.get("$ref")
    if ref is None:
        return node
    root = base if base is not None else passport_schema()
    target = registry().resolver(root["$id"]).lookup(ref).contents
    merged = {**resolve(target, root), **node}
    del merged["$ref"]
    return merged


def _read(relative: str) -> Schema:
    with (data_dir("schemas") / relative).open(encoding="utf-8") as handle:
        schema: Schema = json.load(handle)
    return schema
