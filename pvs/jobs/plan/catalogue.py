"""The catalogue of provisions (voorzieningen): data in schemas/, replaceable by a school's own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from pvs.documents.files import read_bytes, unreadable
from pvs.errors import UnreadableFile
from pvs.resources import data_dir

CATEGORY_TITLES = {
    "examens": "Toetsen en examens",
    "lessen": "Lessen",
    "begeleiding": "Begeleiding",
    "opleiding_bpv": "Opleiding en stage (bpv)",
    "toegankelijkheid": "Toegankelijkheid",
    "thuis": "Thuis en geld",
}

# Where a provision applies when the catalogue does not say (a catalogue older than 2.0).
CATEGORY_CONTEXTS = {"examens": ("examens",), "lessen": ("lessen",), "opleiding_bpv": ("stage",)}


@dataclass(frozen=True)
class Provision:
    id: str
    category: str
    name: str
    explanation: str
    areas: frozenset[str]
    needs_exam_board: bool
    # What calls for it, as the school's catalogue says: word beginnings in the pupil's words,
    # and the contexts (lessen, stage, examens) it applies to; empty means everywhere.
    words: tuple[str, ...] = ()
    contexts: frozenset[str] = frozenset()


def default_catalogue_path() -> Path:
    return data_dir("schemas") / "voorzieningen.json"


def load_catalogue(path: Path | None = None) -> tuple[Provision, ...]:
    """The provisions in a catalogue file, checked against schemas/voorzieningen.schema.json."""
    return _read_catalogue(path) if path else _shipped_catalogue()


@cache
def _shipped_catalogue() -> tuple[Provision, ...]:
    """The catalogue pvs ships is checked once per process; it does not change while it runs."""
    return _read_catalogue(default_catalogue_path())


def _read_catalogue(source: Path) -> tuple[Provision, ...]:
    content = read_bytes(source)
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or a number beyond Python
        raise unreadable(
            f"De catalogus {source}",
            "JSON-bestand",
            "Vergelijk het met schemas/voorzieningen.json.",
        ) from None
    schema = json.loads((data_dir("schemas") / "voorzieningen.schema.json").read_text("utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: e.path)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "het begin"
        raise UnreadableFile(
            f"De catalogus {source} klopt niet met het catalogusschema ({len(errors)} fout(en), "
            f"de eerste bij {where}). Vergelijk het met schemas/voorzieningen.json."
        )
    return tuple(
        Provision(
            id=item["id"],
            category=item["categorie"],
            name=item["naam"],
            explanation=item["uitleg"],
            areas=frozenset(item["gebieden"]),
            needs_exam_board=item.get("examencommissie", item["categorie"] == "examens"),
            words=tuple(item.get("woorden", ())),
            contexts=frozenset(item.get("contexten", CATEGORY_CONTEXTS.get(item["categorie"], ()))),
        )
        for item in data["voorzieningen"]
    )
