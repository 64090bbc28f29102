"""Dotted paths over nested passport data: walking it, rebuilding it, assembling it."""

from __future__ import annotations

from typing import Any

from hypothesis import given

from pvs.model import paths
from tests.strategies import passports

NESTED = {"a": {"b": 1, "c": [{"d": "x"}, {"d": "y", "e": []}]}, "f": None}


def test_walk_yields_every_scalar_with_its_path_in_order() -> None:
    assert list(paths.walk(NESTED)) == [("a.b", 1), ("a.c.0.d", "x"), ("a.c.1.d", "y"), ("f", None)]


def test_transform_sees_inner_values_first_and_drops_what_it_is_told() -> None:
    seen: list[str] = []

    def visit(path: str, value: Any) -> Any:
        seen.append(path)
        return paths.DROP if value in ("x", [], None) else value

    assert paths.transform(NESTED, visit) == {"a": {"b": 1, "c": [{}, {"d": "y"}]}}
    assert seen == ["a.b", "a.c.0.d", "a.c.0", "a.c.1.d", "a.c.1.e", "a.c.1", "a.c", "a", "f"]


def test_transform_copies_and_leaves_the_data_alone() -> None:
    copy = paths.transform(NESTED, lambda path, value: value)
    assert copy == NESTED
    copy["a"]["c"].pop()
    assert len(NESTED["a"]["c"]) == 2


def test_child_below_the_root_is_the_part_alone() -> None:
    assert (paths.child("", "jongere"), paths.child("a.c", 0)) == ("jongere", "a.c.0")


@given(passports())
def test_walk_and_assemble_are_each_others_inverse(data: dict[str, Any]) -> None:
    assert paths.assemble(dict(paths.walk(data))) == data
