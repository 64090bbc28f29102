"""The README tells a new user everything: commands, set-up, and what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_the_readme_python_examples_run_and_print_what_they_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every ```python block of the README, in order, in one namespace, as a script would."""
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert len(blocks) >= 2
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    promised = [c.strip() for b in blocks for c in re.findall(r"\)[ \t]+# (.+)$", b, flags=re.M)]
    for promise in promised:
        assert promise in printed, promise
    written = ["daan.pdf", "plan.docx", "overzicht.xlsx", "paspoorten/overzicht-batch.csv"]
    assert all((tmp_path / name).is_file() for name in written)
