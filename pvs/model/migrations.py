"""Upgrade passport data from an older schema version to the current one, in small steps.

Each step takes one version to the next (1.0 -> 1.1, later 1.1 -> 1.2) and is written as data:
which field moved to which path, and which value of a value list was renamed. Upgrading runs
the steps in a chain. Nothing the older file held is lost: a moved field keeps its value at
its new path, and whatever a step does not name (also keys no schema knows) stays as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pvs.model import paths
from pvs.model.schema import SCHEMA_VERSION

VERSION_PATH = "meta.schema_versie"


@dataclass(frozen=True)
class Step:
    """What changed from one schema version to the next, for the data a file holds."""

    source: str
    target: str
    moves: Mapping[str, str] = field(default_factory=dict)  # old path -> new path
    renamed: Mapping[str, Mapping[Any, Any]] = field(default_factory=dict)  # new path -> old: new
    explained: Mapping[str, str] = field(default_factory=dict)  # path -> what to tell the user

    def new_path(self, path: str) -> str:
        """Where a value read at `path` in a file of the source version lives now."""
        return self.moves.get(path, path)


STEPS: dict[str, Step] = {
    step.source: step
    for step in (
        Step(
            source="1.0",
            target="1.1",
            moves={"uitstroom.werkwens.doelgroepregister": "proces.doelgroepregister"},
            renamed={
                "proces.aanmeldstatus": {"onderwijsovereenkomst_aangeboden": "plaats_aangeboden"}
            },
            explained={
                "proces.doelgroepregister": (
                    "'Doelgroepregister (UWV)' staat nu bij 'Voortgang van de overstap': de "
                    "school vult het in."
                ),
                "proces.aanmeldstatus": (
                    "De aanmeldstatus 'Onderwijsovereenkomst aangeboden' heet nu 'Plaats "
                    "aangeboden'."
                ),
            },
        ),
    )
}


@dataclass(frozen=True)
class Change:
    """One field upgrading moved or renamed a value of, at its current path, said in Dutch."""

    path: str
    message: str


@dataclass(frozen=True)
class Upgraded:
    """Passport data at the current version, and what upgrading it changed.

    `notes` says it in Dutch: first that the passport was upgraded, then each change. `changes`
    holds the same changes with the path of their field, for a reader's notes per field.
    """

    data: dict[str, Any]
    source: str  # the version the data had; SCHEMA_VERSION when nothing was upgraded
    notes: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        return self.source != SCHEMA_VERSION


def can_upgrade(version: str) -> bool:
    """Whether a chain of steps leads from `version` to the current version."""
    seen = set()
    while version != SCHEMA_VERSION:
        if version not in STEPS or version in seen:
            return False
        seen.add(version)
        version = STEPS[version].target
    return True


def chain(version: str) -> list[Step]:
    """The steps from `version` to the current one; empty when it is current already."""
    if not can_upgrade(version):
        raise ValueError(f"no upgrade from schema version {version!r}")
    steps = []
    while version != SCHEMA_VERSION:
        steps.append(STEPS[version])
        version = STEPS[version].target
    return steps


def upgrade(data: dict[str, Any], version: str) -> Upgraded:
    """`data`, a passport of schema version `version`, upgraded to the current version."""
    steps = chain(version)
    if not steps:
        return Upgraded(data, version)
    upgraded = copy.deepcopy(data)
    changes = [change for step in steps for change in _apply(step, upgraded)]
    general = (
        f"Dit paspoort is gemaakt met schemaversie {version}; pvs heeft het bijgewerkt naar "
        f"versie {SCHEMA_VERSION}. Er is niets verloren gegaan."
    )
    notes = (general, *(change.message for change in changes))
    return Upgraded(upgraded, version, notes, tuple(changes))


def upgrade_path(path: str, version: str) -> str:
    """Where a field read at `path` from a file of `version` lives in the current version."""
    for step in chain(version):
        path = step.new_path(path)
    return path


def _apply(step: Step, data: dict[str, Any]) -> list[Change]:
    touched = [new for old, new in step.moves.items() if _move(data, old, new)]
    touched += [path for path, names in step.renamed.items() if _rename(data, path, names)]
    meta = data.setdefault("meta", {})
    if isinstance(meta, dict):
        meta["schema_versie"] = step.target
    return [Change(path, step.explained[path]) for path in touched if path in step.explained]


def _move(data: dict[str, Any], old: str, new: str) -> bool:
    """Move the value at `old` to `new`, unless `new` holds a value already (then keep both)."""
    *old_parents, old_key = paths.split(old)
    source = paths.lookup(data, paths.join(old_parents))
    if not isinstance(source, dict) or old_key not in source:
        return False
    *new_parents, new_key = paths.split(new)
    target = _container(data, [str(p) for p in new_parents])
    if target is None or new_key in target:
        return False
    target[str(new_key)] = source.pop(str(old_key))
    _prune(data, [str(p) for p in old_parents])
    return True


def _prune(data: dict[str, Any], keys: list[str]) -> None:
    """Drop the groups along `keys` that a move left empty: they held only the moved value,
    and a form never holds an empty group, so a form read and its JSON stay alike."""
    while keys:
        parent = paths.lookup(data, paths.join(keys[:-1]))
        if not isinstance(parent, dict) or parent.get(keys[-1]) != {}:
            return
        del parent[keys[-1]]
        keys = keys[:-1]


def _container(data: dict[str, Any], keys: list[str]) -> dict[str, Any] | None:
    """The dict at `keys`, made where it is missing; None if something else stands there."""
    node = data
    for key in keys:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            return None
    return node


def _rename(data: dict[str, Any], path: str, names: Mapping[Any, Any]) -> bool:
    *parents, key = paths.split(path)
    container = paths.lookup(data, paths.join(parents))
    if not isinstance(container, dict) or key not in container:
        return False
    value = container[str(key)]
    if not isinstance(value, str | int) or isinstance(value, bool) or value not in names:
        return False
    container[str(key)] = names[value]
    return True
