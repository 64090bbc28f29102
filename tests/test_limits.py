"""The limits have defaults, and a user can move them for one command when a real file needs it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvs.cli import cli
from pvs.limits import Limits, configure, limits


@pytest.fixture(autouse=True)
def default_limits() -> Iterator[None]:
    yield
    configure(**vars(Limits()))  # options set in one test must not leak into the next


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), prog_name="pvs")


def test_defaults() -> None:
    assert limits() == Limits(file_mb=25, pages=60, unpacked_mb=100, rows=50_000)


def test_rows_limit_moves_with_the_option(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        "Stamnr;Roepnaam;Achternaam\n1;Kim;Visser\n2;Tom;Bos\n3;Ali;Kaya\n", encoding="utf-8"
    )
    lowered = CliRunner().invoke(
        cli, ["--max-rijen", "2", "batch", str(export), "-o", str(tmp_path / "a")]
    )
    assert lowered.exit_code == 3
    assert "De export heeft meer dan 2 rijen" in lowered.stderr
    assert CliRunner().invoke(cli, ["batch", str(export), "-o", str(tmp_path / "b")]).exit_code == 0


def test_file_size_limit_moves_with_the_option(tmp_path: Path) -> None:
    source = tmp_path / "groot.json"
    source.write_text(
        '{"jongere": {"roepnaam": "' + "a" * (2 * 1024 * 1024) + '"}}', encoding="utf-8"
    )
    lowered = CliRunner().invoke(cli, ["--max-mb", "1", "check", str(source)])
    assert lowered.exit_code == 3
    assert "pvs leest bestanden tot 1 MB" in lowered.stderr
    assert "'pvs --max-mb N ...'" in lowered.stderr
    assert CliRunner().invoke(cli, ["check", str(source)]).exit_code == 1  # read; name too long


def test_a_limit_below_one_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["--max-paginas", "0", "check", "x.json"], prog_name="pvs")
    assert result.exit_code == 2
    assert result.stderr == (
        "Fout: Ongeldige waarde bij --max-paginas: kies een heel getal van "
        "minstens 1. Zie 'pvs --help'.\n"
    )
