"""The form model: every leaf of the schema, slots expanded, kinds and sensitivity right."""

from __future__ import annotations

import copy

import pytest

from pvs.model.formmodel import Kind, Node, build_form_model, load_form_model
from pvs.model.schema import passport_schema

MODEL = load_form_model()


def field(path: str) -> Node:
    node = MODEL.node(path)
    assert node is not None, path
    return node


def test_paths_are_unique_and_in_reading_order() -> None:
    paths = [f.path for f in MODEL.fields]
    assert len(paths) == len(set(paths))
    assert paths[0] == "meta.schema_versie"
    assert paths.index("jongere.roepnaam") < paths.index("jongere.achternaam")


def test_repeating_parts_expand_into_their_slots() -> None:
    needs = [f.path for f in MODEL.fields if f.path.endswith(".wat_helpt")]
    assert needs == [f"wat_heb_ik_nodig.behoeften.{i}.wat_helpt" for i in range(5)]
    assert MODEL.node("wat_heb_ik_nodig.behoeften.5.wat_helpt") is None


def test_slot_titles_number_from_one() -> None:
    assert field("wat_heb_ik_nodig.behoeften.1.wat_helpt").label == (
        "Ondersteuningsbehoefte 2 › Wat hielp op school?"
    )


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("jongere.roepnaam", Kind.TEXT),
        ("jongere.geboortedatum", Kind.DATE),
        ("jongere.email", Kind.EMAIL),
        ("jongere.telefoon", Kind.PHONE),
        ("school.leerjaar", Kind.NUMBER),
        ("school.onderwijstype", Kind.CHOICE),
        ("wie_ben_ik.over_mij", Kind.LONG_TEXT),
        ("intake.mentor_aanwezig", Kind.CHECKBOX),
        ("intake.gezamenlijke_intake", Kind.YES_NO),
    ],
)
def test_kinds(path: str, kind: Kind) -> None:
    assert field(path).kind == kind


def test_choices_carry_values_and_dutch_labels() -> None:
    options = field("uitstroom.opleidingswensen.0.niveau").options
    assert [o.value for o in options] == [1, 2, 3, 4]
    assert options[0].label == "Niveau 1 (Entree)"


def test_sensitivity_is_inherited_from_groups() -> None:
    assert field("wat_heb_ik_nodig.behoeften.3.context.examens").sensitive
    assert field("netwerk.betrokkenen.0.naam").sensitive
    assert field("wie_ben_ik.persoonlijke_situatie").sensitive
    assert not field("netwerk.ouders.0.naam").sensitive
    assert not field("jongere.roepnaam").sensitive


def test_system_fields_are_not_fillable() -> None:
    assert not field("meta.schema_versie").fillable
    assert not field("meta.formulier_id").fillable
    assert field("meta.status").fillable


def test_nearest_walks_up_to_a_known_node() -> None:
    node = MODEL.nearest("wat_heb_ik_nodig.behoeften.9.wat_helpt")
    assert node is not None and node.path == "wat_heb_ik_nodig.behoeften"


def test_a_field_added_to_the_schema_appears_in_the_model() -> None:
    schema = copy.deepcopy(passport_schema())
    schema["properties"]["jongere"]["properties"]["voornamen"] = {
        "title": "Voornamen",
        "type": "string",
    }
    assert build_form_model(schema).node("jongere.voornamen") is not None


def test_an_array_without_max_items_is_refused() -> None:
    schema = copy.deepcopy(passport_schema())
    del schema["properties"]["wat_kan_ik"]["properties"]["vaardigheden"]["maxItems"]
    with pytest.raises(ValueError, match="maxItems"):
        build_form_model(schema)
