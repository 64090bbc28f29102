"""The form model: the passport schema as ordered sections, groups and fillable fields.

Every renderer, extractor and check walks this one model, so a field added to the schema
appears everywhere without a second list of names. Repeating parts (arrays) are expanded into
their fixed slots (`maxItems`), so `wat_heb_ik_nodig.behoeften.0.wat_helpt` is a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from pvs.model import paths
from pvs.model.schema import SCHEMA_VERSION, Schema, passport_schema, resolve

FIELDS_FORMAT = 2  # raise when a key of FormModel.to_dict() changes meaning
UNKNOWN_KEY = "?"  # stands in a shown path for a key the schema does not know
MAX_POSITION = 1000  # a larger number in a path is a key, not a position in a list


class Kind(StrEnum):
    """What sort of input a field takes."""

    TEXT = "tekst"
    LONG_TEXT = "lange_tekst"
    DATE = "datum"
    EMAIL = "email"
    PHONE = "telefoon"
    NUMBER = "getal"
    CHECKBOX = "vinkje"  # ticked is true; unticked is no answer
    YES_NO = "ja_nee"  # a boolean that needs an explicit answer: Ja / Nee
    CHOICE = "keuze"


@dataclass(frozen=True)
class Option:
    """One allowed value of a choice field, with its Dutch label."""

    value: str | int
    label: str


@dataclass(frozen=True)
class Field:
    """One fillable leaf of the passport."""

    path: str
    title: str
    description: str | None
    kind: Kind
    options: tuple[Option, ...]
    sensitive: bool
    fillable: bool
    max_length: int | None
    trail: tuple[str, ...]  # titles of the groups between the section and this field
    pattern: str | None = None

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]

    @property
    def label(self) -> str:
        """The field's title in context, e.g. 'Ondersteuningsbehoefte 2 › Wat hielp op school?'."""
        return " › ".join((*self.trail, self.title))

    def to_dict(self) -> dict[str, Any]:
        """The field for other systems (`pvs fields --json`), with stable Dutch keys."""
        return {
            "pad": self.path,
            "soort": str(self.kind),
            "titel": self.title,
            "label": self.label,
            "onderdeel": self.section,
            "keuzes": [{"waarde": o.value, "label": o.label} for o in self.options],
            "gevoelig": self.sensitive,
        }


@dataclass(frozen=True)
class Group:
    """A section, a group of fields, a repeating part, or one slot of a repeating part."""

    path: str
    title: str
    description: str | None
    children: tuple[Field | Group, ...]
    sensitive: bool
    max_slots: int | None = None  # set on a repeating part; its children are the slots
    slot: int | None = None  # set on one slot of a repeating part
    item_title: str | None = None  # set on a repeating part: the title of one item

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]

    def fields(self) -> tuple[Field, ...]:
        """Every field below this group, in reading order."""
        found: list[Field] = []
        for child in self.children:
            found.extend(child.fields() if isinstance(child, Group) else (child,))
        return tuple(found)


Node = Field | Group


class FormModel:
    """Ordered sections of the passport with lookup by path."""

    def __init__(self, sections: tuple[Group, ...]) -> None:
        self.sections = sections
        self.fields = tuple(f for s in sections for f in s.fields())
        self._nodes: dict[str, Node] = {}
        for section in sections:
            self._index(section)
        self._order = {f.path: i for i, f in enumerate(self.fields)}
        self._names = {p.rsplit(".", 1)[-1] for p in self._nodes if not p[-1].isdigit()}

    def _index(self, node: Node) -> None:
        self._nodes[node.path] = node
        if isinstance(node, Group):
            for child in node.children:
                self._index(child)

    def document_sections(self) -> tuple[Group, ...]:
        """Sections in the order documents show them: pvs's own administration (meta) last."""
        return tuple(s for s in self.sections if s.path != "meta") + tuple(
            s for s in self.sections if s.path == "meta"
        )

    def fillable_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.fillable)

    def to_dict(self) -> dict[str, Any]:
        """Every fillable field for other systems (`pvs fields --json`), with stable Dutch keys."""
        return {
            "formaatversie": FIELDS_FORMAT,
            "schemaversie": SCHEMA_VERSION,
            "velden": [f.to_dict() for f in self.fillable_fields()],
        }

    def node(self, path: str) -> Node | None:
        return self._nodes.get(path)

    def nearest(self, path: str) -> Node | None:
        """The node at `path`, or at the closest path above it that the model knows."""
        while path:
            if path in self._nodes:
                return self._nodes[path]
            path = paths.parent(path)
        return None

    def shown_path(self, path: str) -> str:
        """`path` as pvs may show it: from the first key no schema field has, only '?'.

        Such a key is whatever the file holds, even a sensitive text ("ik heb ADHD") used as
        a JSON key, so no message, report or label carries it. List positions stay, unless
        too long to be one (a number used as a key).
        """
        parts = paths.split(path)
        for index, part in enumerate(parts):
            known = part in self._names if isinstance(part, str) else part < MAX_POSITION
            if not known:
                return paths.join([*parts[:index], UNKNOWN_KEY])
        return path

    def section_title(self, path: str) -> str:
        node = self._nodes.get(path.split(".", 1)[0])
        return node.title if node else path

    def order(self, path: str) -> int:
        """Reading-order position of `path`, for sorting messages like the form reads."""
        node = self.nearest(path)
        if isinstance(node, Field):
            return self._order[node.path]
        if isinstance(node, Group) and node.fields():
            return self._order[node.fields()[0].path]
        return len(self._order)


@cache
def load_form_model() -> FormModel:
    """The form model of the bundled passport schema."""
    return build_form_model(passport_schema())


def build_form_model(schema: Schema) -> FormModel:
    """Derive the form model from a passport schema."""
    root = resolve(schema, schema)
    sections = tuple(
        _group(name, resolve(sub, schema), (), False, schema)
        for name, sub in root["properties"].items()
    )
    return FormModel(sections)


def _node(path: str, node: Schema, trail: tuple[str, ...], sensitive: bool, root: Schema) -> Node:
    node = resolve(node, root)
    sensitive = sensitive or bool(node.get("x-sensitive"))
    if node.get("type") == "object":
        return _group(path, node, trail, sensitive, root)
    if node.get("type") == "array":
        return _repeating(path, node, trail, sensitive, root)
    return _field(path, node, trail, sensitive)


def _group(path: str, node: Schema, trail: tuple[str, ...], sensitive: bool, root: Schema) -> Group:
    sensitive = sensitive or bool(node.get("x-sensitive"))
    inner = trail if "." not in path else (*trail, node["title"])
    children = tuple(
        _node(f"{path}.{name}", sub, inner, sensitive, root)
        for name, sub in node.get("properties", {}).items()
    )
    return Group(path, node["title"], node.get("description"), children, sensitive)


def _repeating(
    path: str, node: Schema, trail: tuple[str, ...], sensitive: bool, root: Schema
) -> Group:
    items = resolve(node.get("items", {}), root)
    if items.get("type") != "object" or "maxItems" not in node:
        raise ValueError(f"{path}: repeating parts must be arrays of objects with maxItems")
    slots = tuple(
        _slot(f"{path}.{i}", i, items, trail, sensitive, root) for i in range(node["maxItems"])
    )
    return Group(
        path,
        node["title"],
        node.get("description"),
        slots,
        sensitive,
        max_slots=node["maxItems"],
        item_title=items["title"],
    )


def _slot(
    path: str, index: int, items: Schema, trail: tuple[str, ...], sensitive: bool, root: Schema
) -> Group:
    titled = {**items, "title": f"{items['title']} {index + 1}"}
    group = _group(path, titled, trail, sensitive, root)
    return Group(
        group.path, group.title, group.description, group.children, group.sensitive, slot=index
    )


def _field(path: str, node: Schema, trail: tuple[str, ...], sensitive: bool) -> Field:
    if "title" not in node:
        raise ValueError(f"{path}: every field needs a title")
    return Field(
        path=path,
        title=node["title"],
        description=node.get("description"),
        kind=_kind(node),
        options=_options(node),
        sensitive=sensitive,
        fillable=not node.get("readOnly", False),
        max_length=node.get("maxLength"),
        trail=trail,
        pattern=node.get("pattern"),
    )


def _kind(node: Schema) -> Kind:
    if "oneOf" in node:
        return Kind.CHOICE
    if node.get("type") == "boolean":
        return Kind.YES_NO if node.get("x-widget") == "ja-nee" else Kind.CHECKBOX
    if node.get("type") in ("integer", "number"):
        return Kind.NUMBER
    by_format = {"date": Kind.DATE, "email": Kind.EMAIL}
    by_widget = {"textarea": Kind.LONG_TEXT, "tel": Kind.PHONE}
    return by_format.get(node.get("format", ""), by_widget.get(node.get("x-widget", ""), Kind.TEXT))


def _options(node: Schema) -> tuple[Option, ...]:
    choices: list[dict[str, Any]] = node.get("oneOf", [])
    if any("const" not in c or "title" not in c for c in choices):
        raise ValueError("value lists are written as oneOf of {const, title}")
    return tuple(Option(c["const"], c["title"]) for c in choices)
