"""Shared fixtures: the CLI runner and the bundled samples; outside programs (tests/programs.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import settings

from pvs.model.schema import SCHEMA_VERSION

# tests.programs brings the needs marker for outside programs; pytester lets
# tests/test_programs.py prove that marker on tests of its own making.
pytest_plugins = ["pytester", "tests.programs", "tests.web_fixtures"]

# Property tests draw the same examples on every run, so a run is repeatable and CI never
# fails on a new random draw. To search wider, raise max_examples in a local run.
settings.register_profile("pvs", derandomize=True, database=None)
settings.load_profile("pvs")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.json"))


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def minimal_passport(**sections: Any) -> dict[str, Any]:
    """A passport with only the schema version, plus the given sections."""
    return {"meta": {"schema_versie": SCHEMA_VERSION}, **sections}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def complete_passport() -> dict[str, Any]:
    """A passport complete for every stage (sample 01), freshly loaded for each test."""
    data: dict[str, Any] = load_json(SAMPLES / "01-sanne-de-vries.json")
    return data
