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
