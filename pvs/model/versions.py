"""Every schema version pvs reads: which ones it knows, and the form model of each.

Only the current version is written. Older ones are kept as data in `schemas/<version>/`, so a
passport filled in last year is read with the fields it had then, and then upgraded
(`pvs.model.migrations`).
"""

from __future__ import annotations

from functools import cache

from pvs.model.formmodel import FormModel, build_form_model, load_form_model
from pvs.model.schema import OLD_VERSIONS, SCHEMA_VERSION, old_passport_schema

KNOWN_VERSIONS = (*OLD_VERSIONS, SCHEMA_VERSION)


def version_key(version: str) -> tuple[int, ...] | None:
    """'1.10' -> (1, 10), for comparing; None for text that is no version number."""
    parts = version.split(".")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() and len(p) <= 4 for p in parts):
        return None
    return tuple(int(p) for p in parts)


def is_newer(version: str) -> bool:
    """Whether `version` looks like a version number above the current one."""
    key = version_key(version)
    return key is not None and key > version_key(SCHEMA_VERSION)  # type: ignore[operator]


@cache
def form_model(version: str) -> FormModel:
    """The form model of a known version: the fields a file of that version holds."""
    if version == SCHEMA_VERSION:
        return load_form_model()
    if version not in OLD_VERSIONS:
        raise ValueError(f"unknown schema version {version!r}")
    return build_form_model(old_passport_schema(version))
