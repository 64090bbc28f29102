"""The schema and stage profiles are valid 2020-12 and use only documented annotations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from pvs.model.formmodel import Kind, load_form_model
from pvs.model.schema import (
    OLD_VERSIONS,
    SCHEMA_VERSION,
    STAGES,
    old_passport_schema,
    passport_schema,
    stage_schema,
)

DOCUMENTED_ANNOTATIONS = {"x-sensitive", "x-widget", "x-melding"}
STAFF_SECTIONS = {"meta", "proces"}  # filled in by pvs, the school or the mbo, not the pupil


def all_schemas() -> list[dict[str, Any]]:
    return [passport_schema(), *(stage_schema(s) for s in STAGES)]


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.mark.parametrize("schema", all_schemas(), ids=lambda s: s["$id"].rsplit("/", 1)[-1])
def test_passes_the_2020_12_meta_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("schema", all_schemas(), ids=lambda s: s["$id"].rsplit("/", 1)[-1])
def test_uses_only_documented_annotations(schema: dict[str, Any]) -> None:
    used = {key for node in walk(schema) for key in node if key.startswith("x-")}
    assert used <= DOCUMENTED_ANNOTATIONS


def test_id_carries_the_version() -> None:
    assert f"/{SCHEMA_VERSION}/" in passport_schema()["$id"]
    assert all(f"/{SCHEMA_VERSION}/" in stage_schema(s)["$id"] for s in STAGES)
    assert all(f"/{v}/" in old_passport_schema(v)["$id"] for v in OLD_VERSIONS)


def test_every_property_has_a_dutch_title() -> None:
    objects = [n for n in walk(passport_schema()) if n.get("type") == "object"]
    untitled = [
        name for o in objects for name, sub in o.get("properties", {}).items() if "title" not in sub
    ]
    assert untitled == []


def test_pupil_facing_fields_have_help_text() -> None:
    fields = load_form_model().fillable_fields()
    bare = [f.path for f in fields if f.section not in STAFF_SECTIONS and not f.description]
    assert bare == []


def test_repeating_parts_have_a_fixed_number_of_slots() -> None:
    arrays = [n for n in walk(passport_schema()) if n.get("type") == "array"]
    assert arrays and all(isinstance(a.get("maxItems"), int) for a in arrays)


def test_no_bsn_field() -> None:
    paths = [f.path.lower() for f in load_form_model().fields]
    assert not any("bsn" in p or "burgerservice" in p for p in paths)


def test_property_names_are_dutch_snake_case() -> None:
    for node in walk(passport_schema()):
        for name in node.get("properties", {}) if node.get("type") == "object" else ():
            assert name.isidentifier() and name == name.lower(), name


def test_top_level_sections_in_agreed_order() -> None:
    assert list(passport_schema()["properties"]) == [
        "meta",
        "jongere",
        "school",
        "uitstroom",
        "wie_ben_ik",
        "wat_kan_ik",
        "wat_wil_ik",
        "wat_heb_ik_nodig",
        "netwerk",
        "intake",
        "mentoradvies",
        "toestemming",
        "proces",
    ]


def test_every_string_has_a_max_length() -> None:
    """A megabyte in one field took minutes to render; the form refuses what is too long."""
    strings = [n for n in walk(passport_schema()) if n.get("type") == "string"]
    assert strings and [s for s in strings if not isinstance(s.get("maxLength"), int)] == []
    typed = {Kind.TEXT, Kind.LONG_TEXT, Kind.DATE, Kind.EMAIL, Kind.PHONE}
    unsized = [f.path for f in load_form_model().fields if f.kind in typed and not f.max_length]
    assert unsized == ["meta.schema_versie"]  # a constant; the form refuses more than 20 characters
