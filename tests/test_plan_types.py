"""A returned passport can hold any value in any place; the plan is made all the same.

For every field and every group of the form model, a complete passport gets a value of each
wrong type in that place, and `pvs.plan(...).to_docx()`, with and without consent, must give a
plan (or a pvs error, never a crash). Before the reads of the plan were typed, 37 of those places
crashed it.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import pvs
from pvs.model.formmodel import Group, load_form_model
from pvs.model.paths import split

SAMPLE = Path(__file__).parent.parent / "samples" / "10-daan-van-den-berg.json"
WRONG = ["vier", 4, True, ["x"], {"x": 1}]  # a value of every JSON type but null


def places() -> Iterator[str]:
    """Every field and every group (sections, repeating parts, their slots), by path."""
    stack: list[Any] = list(load_form_model().sections)
    while stack:
        node = stack.pop()
        yield node.path
        if isinstance(node, Group):
            stack.extend(node.children)


def placed(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `data` with `value` at `path`, making the dicts and list slots on the way."""
    changed = copy.deepcopy(data)
    node: Any = changed
    parts = split(path)
    for part, after in zip(parts, [*parts[1:], None], strict=True):
        if after is None:
            break
        empty: Any = [] if isinstance(after, int) else {}
        node = _step(node, part, empty)
    last = parts[-1]
    if isinstance(node, list):
        node.extend({} for _ in range(int(last) + 1 - len(node)))
    node[last] = value
    return changed


def _step(node: Any, part: str | int, empty: Any) -> Any:
    if isinstance(node, list):
        assert isinstance(part, int)
        node.extend({} for _ in range(part + 1 - len(node)))
        if not isinstance(node[part], type(empty)):
            node[part] = empty
        return node[part]
    if not isinstance(node.get(part), type(empty)):
        node[part] = empty
    return node[part]


def _shape(content: Any) -> Any:
    """The plan's content with every value replaced by the name of its type, and each list by
    the distinct shapes of its items."""
    if isinstance(content, dict):
        return {key: _shape(value) for key, value in content.items()}
    if isinstance(content, list):
        return sorted({json.dumps(_shape(value), sort_keys=True) for value in content})
    return type(content).__name__


def test_a_value_of_the_wrong_type_anywhere_still_gives_a_plan() -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    rendered: set[str] = set()
    broken = []
    for path, value, without_consent in itertools.product(sorted(places()), WRONG, (False, True)):
        try:
            changed = placed(data, path, value)
            plan = pvs.plan(changed, plan_date=date(2027, 6, 1), without_consent=without_consent)
            shape = json.dumps(_shape(plan.to_dict()), sort_keys=True)
            if shape not in rendered:  # content of the same types renders alike
                plan.to_docx()
                rendered.add(shape)
        except pvs.PvsError:
            pass
        except Exception as error:
            broken.append(f"{path} = {value!r}: {type(error).__name__}")
    assert broken == []


@pytest.mark.parametrize(
    ("path", "value"),
    [("wat_kan_ik.vaardigheden.0.zelfbeoordeling", "vier"), ("wat_heb_ik_nodig", "veel")],
)
def test_a_wrong_value_counts_as_absent(path: str, value: Any) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    plan = pvs.plan(placed(data, path, value), plan_date=date(2027, 6, 1)).to_dict()
    if path.startswith("wat_kan_ik"):  # an unknown rating is no strength: only Doorzetten is left
        assert [s["vaardigheid"] for s in plan["sterke_punten"]] == ["Doorzetten"]
    else:
        assert plan["ondersteuning"] == []
