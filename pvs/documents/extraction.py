"""The result of reading a returned passport, whatever the file type.

Every reader reads a file with the fields of the schema version it was made with, so each value
lands at the path it had then; `upgraded` then brings the result to the current version, the
same way for JSON, PDF and Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pvs.documents.coerce import coerce
from pvs.documents.files import readable_version
from pvs.model import paths
from pvs.model.formmodel import Field, FormModel, Kind, load_form_model
from pvs.model.migrations import VERSION_PATH, upgrade, upgrade_path
from pvs.model.passport import from_values
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import form_model

FORM_FIELD = "formulierveld"
PAGE_LAYOUT = "pagina-opmaak"
READ_REPORT_VERSION = 2  # raise when a key of ReadResult.to_dict() changes meaning

_KIND_HINTS = {
    Kind.DATE: "de datum is niet te lezen (schrijf bijvoorbeeld 14-03-2009)",
    Kind.NUMBER: "er staat geen getal",
    Kind.CHOICE: "de keuze hoort niet bij dit veld",
    Kind.YES_NO: "er staat geen ja of nee",
}


@dataclass(frozen=True)
class Note:
    """Something the user should know about one field; never quotes the value."""

    path: str
    message: str


@dataclass(frozen=True)
class Doubt:
    """A value pvs read but cannot vouch for, and why; never quotes the value.

    Vouched for is only what its source proves: a form field, a tagged or bookmarked Word
    control, or page text at its box next to its label with a real text mapping. Anything else
    is a doubt: the value is kept, and the user is told to check that field.
    """

    path: str
    message: str


@dataclass
class ReadResult:
    """A passport read from a file: its data, where each value came from, and what needs a look.

    `sources` maps each field's path to FORM_FIELD or PAGE_LAYOUT; a JSON file has none.
    `doubts` names every value pvs read but cannot vouch for (`vouched` is False then).
    `schema_version` is the version the file was made with; the passport is always at the
    current one (SCHEMA_VERSION), upgraded when the file was older, with a note saying so.
    """

    passport: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    name: str = ""
    kind: str = "json"
    schema_version: str = SCHEMA_VERSION
    doubts: list[Doubt] = field(default_factory=list)

    @property
    def vouched(self) -> bool:
        """Whether pvs vouches for every value it read: then `pvs extract` exits 0."""
        return not self.doubts

    def summary(self) -> str:
        """In Dutch, for the person who asked: how many fields, from where, and every note."""
        count = len(self.sources)
        from_form = sum(1 for s in self.sources.values() if s == FORM_FIELD)
        if from_form == count:
            lines = [f"{count} velden gelezen uit de invulvelden."]
        else:
            lines = [
                f"{count} velden gelezen: {from_form} uit de invulvelden, {count - from_form} van "
                "de pagina (het formulier was platgemaakt of afgedrukt)."
            ]
        lines += [f"Let op: {note.message}" for note in self.notes]
        return "\n".join(lines + [f"Controleer: {doubt.message}" for doubt in self.doubts])

    def to_dict(self) -> dict[str, Any]:
        """Where each value came from, as JSON-ready data (`pvs extract --verslag`)."""
        return {
            "formaatversie": READ_REPORT_VERSION,
            "bestand": self.name,
            "soort": self.kind,
            "schemaversie": self.schema_version,
            "bronnen": dict(self.sources),
            "bij_het_lezen": [{"pad": n.path, "melding": n.message} for n in self.notes],
            "controleren": [{"pad": d.path, "melding": d.message} for d in self.doubts],
        }


class ValueCollector:
    """Collects raw field values, coerces them, and remembers their source and problems."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.notes: list[Note] = []
        self.doubts: list[Doubt] = []

    def add(self, field: Field, raw: Any, source: str) -> None:
        result = coerce(field, raw)
        if result.value is None:
            return
        if not result.understood:
            hint = _KIND_HINTS.get(field.kind, "de waarde is niet te lezen")
            self.notes.append(
                Note(
                    field.path,
                    f"{field.label}: {hint}. De tekst is bewaard zoals "
                    "die is ingevuld; verbeter dit in het paspoort.",
                )
            )
        self.values[field.path] = result.value
        self.sources[field.path] = source

    def note(self, path: str, message: str) -> None:
        self.notes.append(Note(path, message))

    def doubt(self, field: Field, reason: str) -> None:
        """pvs cannot vouch for `field`'s value: `reason` says why, in Dutch, after its label."""
        self.doubts.append(Doubt(field.path, f"{field.label}: {reason}"))

    def result(self, version: str = SCHEMA_VERSION) -> ReadResult:
        """The data at the current version, read with the fields of schema `version`; in schema
        order, whatever order the fields were read in."""
        values = from_values(self.values, form_model(version))
        read = ReadResult(values, dict(self.sources), list(self.notes), doubts=list(self.doubts))
        return upgraded(read, version)


def stated_version(data: Any, name: str) -> str:
    """The schema version passport data states, checked (see `readable_version`); the current
    one when it states none, as a passport written by hand may not."""
    version = paths.lookup(data, VERSION_PATH)
    return SCHEMA_VERSION if version is None else readable_version(name, version)


def upgraded(result: ReadResult, version: str) -> ReadResult:
    """`result`, read from a file of schema `version`, at the current version.

    The data is upgraded (nothing is lost), each source and note moves to the path its field
    has now, and notes say that the passport was upgraded and what changed.
    """
    done = upgrade(result.passport, version)
    if not done.changed:
        return result
    now = partial(upgrade_path, version=version)
    notes = [
        Note("", done.notes[0]),
        *(Note(change.path, change.message) for change in done.changes),
        *(Note(now(note.path) if note.path else "", note.message) for note in result.notes),
    ]
    sources = {now(path): source for path, source in result.sources.items()}
    doubts = [Doubt(now(d.path), d.message) for d in result.doubts]
    return ReadResult(done.data, sources, notes, result.name, result.kind, version, doubts)


def canonical(data: Any, model: FormModel | None = None) -> Any:
    """The passport as a form can hold it: what reading a rendered form gives back.

    A form has no way to store an empty text, an unticked checkbox as 'false', or an empty
    repeating slot, so those are dropped; slots close up in order.
    """
    return paths.transform(data, partial(_as_form_holds, model or load_form_model()))


def _as_form_holds(model: FormModel, path: str, value: Any) -> Any:
    return paths.DROP if _empty(value) or _unticked(model, path, value) else value


def _empty(value: Any) -> bool:
    return value is None or value in ({}, []) or (isinstance(value, str) and not value.strip())


def _unticked(model: FormModel, path: str, value: Any) -> bool:
    node = model.node(path)
    return value is False and isinstance(node, Field) and node.kind == Kind.CHECKBOX
