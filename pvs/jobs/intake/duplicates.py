"""Two returns of one passport: which files they are, and which of them counts.

A pupil sends the passport twice (once half done, once complete), or the mentor's copy and the
pupil's both land in the folder. Two read files are one passport when they have the same form id
(`meta.formulier_id`, set by pvs when it made the form) or the same pupil number
(`jongere.leerlingnummer`); returns linked through either form one group. The newest of a group
counts: the latest `meta.bijgewerkt`, and between equal (or missing) dates, the latest
modification time of the file. The overview names the other files on every row of a group.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from pvs.checking.rules import parse_date
from pvs.model.paths import lookup_as


@dataclass(frozen=True)
class Identity:
    """What tells one return of a passport from another: travels back from the worker."""

    form_id: str
    pupil: str
    updated: date | None
    modified: float

    @classmethod
    def of(cls, data: dict[str, Any], modified: float) -> Identity:
        return cls(
            (lookup_as(data, "meta.formulier_id", str) or "").strip().upper(),
            (lookup_as(data, "jongere.leerlingnummer", str) or "").strip().upper(),
            parse_date(lookup_as(data, "meta.bijgewerkt", str)),
            modified,
        )

    def age(self) -> tuple[date, float]:
        """Sorts from oldest to newest: the stated update date first, then the file's time."""
        updated = self.updated or date.fromtimestamp(max(self.modified, 0))
        return (updated, self.modified)


def mark_duplicates(identities: list[Identity | None]) -> dict[int, tuple[list[int], bool]]:
    """For each row that shares its passport with other rows: those rows, and whether it is
    the one that counts. Rows without an identity (not read) are never duplicates."""
    parent = list(range(len(identities)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for index, identity in enumerate(identities):
        if identity is None:
            continue
        for key in (("form", identity.form_id), ("pupil", identity.pupil)):
            if not key[1]:
                continue
            if key in first:
                parent[root(index)] = root(first[key])
            else:
                first[key] = index
    groups: dict[int, list[int]] = defaultdict(list)
    for index, identity in enumerate(identities):
        if identity is not None:
            groups[root(index)].append(index)
    marked: dict[int, tuple[list[int], bool]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        newest = max(members, key=lambda i: (_age(identities[i]), i))
        for index in members:
            marked[index] = ([m for m in members if m != index], index == newest)
    return marked


def _age(identity: Identity | None) -> tuple[date, float]:
    assert identity is not None
    return identity.age()
