"""The README tells a new user everything: commands, set-up, and what CI runs."""

from __future__ import annotations

import re

import pvs
from pvs.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_and_has_help() -> None:
    for name, command in cli.commands.items():
        assert f"pvs {name}" in README, name
        assert command.help, name


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", README, flags=re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert "python3 dev.py demo" in commands
    assert "python3 dev.py test" in commands
    assert "python3 dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_non_schema_rule_is_documented() -> None:
    assert "jonger dan 16" in README


def test_public_names_are_exported() -> None:
    for name in pvs.__all__:
        assert hasattr(pvs, name), name


def test_field_dictionary_in_docs_is_up_to_date() -> None:
    """docs/velden.md is `pvs schema --markdown`; regenerate it when the schema changes."""
    from pvs.model.datadict import to_markdown
    from pvs.model.formmodel import load_form_model
    from pvs.model.schema import SCHEMA_VERSION

    expected = to_markdown(load_form_model(), SCHEMA_VERSION)
    assert (ROOT / "docs" / "velden.md").read_text(encoding="utf-8") == expected


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pvs", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Gebruik: pvs")
