"""Upgrading passport data from schema 1.0: small chained steps that lose nothing."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import pytest

import pvs
from pvs.model import paths
from pvs.model.migrations import STEPS, can_upgrade, chain, upgrade, upgrade_path
from pvs.model.schema import OLD_VERSIONS, SCHEMA_VERSION
from pvs.model.versions import KNOWN_VERSIONS, form_model, is_newer, version_key
from tests.conftest import ROOT

V1_0_SAMPLES = sorted((ROOT / "tests" / "fixtures" / "v1.0" / "samples").glob("*.json"))


def old_passport() -> dict[str, Any]:
    return {
        "meta": {"schema_versie": "1.0"},
        "jongere": {"roepnaam": "Ștefan"},
        "uitstroom": {
            "profiel": "arbeidsmarkt",
            "werkwens": {"soort_werk": "Hovenier", "doelgroepregister": "aangevraagd"},
        },
        "proces": {"aanmeldstatus": "onderwijsovereenkomst_aangeboden"},
    }


def test_every_old_version_has_a_chain_to_the_current_one() -> None:
    assert KNOWN_VERSIONS[-1] == SCHEMA_VERSION
    for version in OLD_VERSIONS:
        steps = chain(version)
        assert steps[0].source == version and steps[-1].target == SCHEMA_VERSION
        assert all(a.target == b.source for a, b in itertools.pairwise(steps))


def test_each_step_names_only_paths_its_versions_know() -> None:
    for step in STEPS.values():
        before, after = form_model(step.source), form_model(step.target)
        assert all(before.node(old) and after.node(new) for old, new in step.moves.items())
        assert all(after.node(path) for path in step.renamed)
        assert set(step.explained) <= {*step.moves.values(), *step.renamed}


def test_a_moved_field_keeps_its_value_at_its_new_path() -> None:
    result = upgrade(old_passport(), "1.0")
    assert result.data["proces"]["doelgroepregister"] == "aangevraagd"
    assert "doelgroepregister" not in result.data["uitstroom"]["werkwens"]
    assert result.data["uitstroom"]["werkwens"]["soort_werk"] == "Hovenier"
    assert upgrade_path("uitstroom.werkwens.doelgroepregister", "1.0") == "proces.doelgroepregister"
    assert upgrade_path("jongere.roepnaam", "1.0") == "jongere.roepnaam"


def test_a_renamed_value_gets_its_current_wording() -> None:
    result = upgrade(old_passport(), "1.0")
    assert result.data["proces"]["aanmeldstatus"] == "plaats_aangeboden"
    assert result.data["meta"]["schema_versie"] == SCHEMA_VERSION
    assert pvs.check(result.data).valid


def test_the_notes_say_what_changed_without_quoting_the_pupil() -> None:
    notes = upgrade(old_passport(), "1.0").notes
    assert notes[0].startswith("Dit paspoort is gemaakt met schemaversie 1.0")
    assert any("Doelgroepregister" in n for n in notes)
    assert any("Plaats aangeboden" in n for n in notes)
    assert not any("Ștefan" in n or "Hovenier" in n for n in notes)


def test_upgrading_leaves_the_input_alone_and_keeps_what_no_schema_knows() -> None:
    data = old_passport()
    data["wie_ben_ik"] = {"mijn_eigen_veld": "iets"}
    before = copy.deepcopy(data)
    result = upgrade(data, "1.0")
    assert data == before
    assert result.data["wie_ben_ik"] == {"mijn_eigen_veld": "iets"}


def test_a_current_passport_is_returned_as_it_is() -> None:
    data = {"meta": {"schema_versie": SCHEMA_VERSION}}
    result = upgrade(data, SCHEMA_VERSION)
    assert result.data is data and not result.changed and result.notes == ()


def test_a_value_already_at_the_new_path_is_never_overwritten() -> None:
    data = old_passport()
    data["proces"]["doelgroepregister"] = "ja"
    result = upgrade(data, "1.0")
    assert result.data["proces"]["doelgroepregister"] == "ja"
    assert result.data["uitstroom"]["werkwens"]["doelgroepregister"] == "aangevraagd"


@pytest.mark.parametrize("version", ["1.2", "2.0", "abc", "0.9", ""])
def test_no_chain_from_a_version_pvs_does_not_know(version: str) -> None:
    assert not can_upgrade(version)
    with pytest.raises(ValueError):
        upgrade({}, version)


def test_version_numbers_compare_as_numbers() -> None:
    assert version_key("1.10") == (1, 10) and version_key("1.10") > version_key("1.9")  # type: ignore[operator]
    assert is_newer("1.2") and is_newer("2") and not is_newer(SCHEMA_VERSION)
    assert not is_newer("abc") and not is_newer("1.0")


@pytest.mark.parametrize("path", V1_0_SAMPLES, ids=lambda p: p.stem)
def test_every_1_0_sample_loses_nothing(path: Any) -> None:
    old = json.loads(path.read_text(encoding="utf-8"))
    new = upgrade(old, "1.0").data
    for where, value in paths.walk(old):
        if where != "meta.schema_versie":
            step_value = paths.lookup(new, upgrade_path(where, "1.0"))
            renamed = STEPS["1.0"].renamed.get(upgrade_path(where, "1.0"), {})
            assert step_value == renamed.get(value, value), where
