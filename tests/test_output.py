"""Every file pvs writes: complete or absent, never through a link, a folder or a device, and an
operating-system error in Dutch with the exit code of the rule in pvs/output.py."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import pvs
from pvs import output
from pvs.cli import cli
from pvs.errors import system_reason
from tests.conftest import ROOT

EXPORT = ROOT / "samples" / "export" / "leerlingen-magister.csv"
OLD = time.time() - 3600


def fail_with(code: int) -> Any:
    def fail(*_: Any, **__: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def disk_full_for(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The disk fills up just when pvs writes `name`; every other file is written."""
    real = output.tempfile.mkstemp

    def full(*args: Any, prefix: str = "", **kwargs: Any) -> Any:
        if prefix == f".{name}.":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(output.tempfile, "mkstemp", full)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_and_replaces_an_ordinary_file(tmp_path: Path) -> None:
    target = tmp_path / "uit.json"
    output.write_atomic(target, b"een")
    output.write_atomic(target, b"twee")
    assert target.read_bytes() == b"twee"
    assert temporaries(tmp_path) == []


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(pvs.OutputRefused) as refused:
        output.write_atomic(tmp_path, b"x")
    assert refused.value.exit_code == 2
    assert refused.value.message == (
        f"{tmp_path} is een map. Geef de naam van een bestand in die map op; pvs heeft niets "
        "geschreven."
    )
    assert tmp_path.is_dir()


def test_a_symbolic_link_is_refused_not_replaced(tmp_path: Path) -> None:
    pointed = tmp_path / "echt.json"
    pointed.write_bytes(b"origineel")
    link = tmp_path / "link.json"
    link.symlink_to(pointed)
    with pytest.raises(pvs.OutputRefused, match="is een snelkoppeling"):
        output.write_atomic(link, b"nieuw")
    assert link.is_symlink() and pointed.read_bytes() == b"origineel"
    assert temporaries(tmp_path) == []


def test_a_pipe_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)
    with pytest.raises(pvs.OutputRefused, match="een apparaat of een pijp"):
        output.write_atomic(pipe, b"x")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_device_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root a rename replaced /dev/full; here the device is pretended, so no test can."""
    device = tmp_path / "full"
    device.write_bytes(b"")
    real_lstat = os.lstat

    def as_device(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == device:
            return os.stat_result((stat.S_IFCHR | 0o666, 0, 0, 1, 0, 0, 0, 0, 0, 0))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(output.os, "lstat", as_device)
    with pytest.raises(pvs.OutputRefused, match="geen gewoon bestand"):
        output.write_atomic(device, b"x")
    assert device.read_bytes() == b""


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(pvs.OutputRefused, match=r"De map .* bestaat niet"):
        output.write_atomic(tmp_path / "nergens" / "uit.pdf", b"x")


def test_a_full_disk_writes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "uit.pdf"
    target.write_bytes(b"vorige versie")
    monkeypatch.setattr(output.os, "fdopen", fail_with(errno.ENOSPC))
    with pytest.raises(pvs.NotWritten) as full:
        output.write_atomic(target, b"x" * 1000)
    assert full.value.exit_code == 3
    assert full.value.message == (
        f"De schijf is vol: {target} is niet geschreven. Maak ruimte vrij en start de opdracht "
        "opnieuw."
    )
    assert target.read_bytes() == b"vorige versie"
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.EACCES, "pvs heeft geen toestemming om in de map"),
        (errno.EROFS, "staat op een schijf die alleen gelezen kan worden"),
        (errno.ENAMETOOLONG, "De naam van het bestand is te lang."),
    ],
)
def test_a_folder_that_takes_no_files_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, said: str
) -> None:
    monkeypatch.setattr(output.tempfile, "mkstemp", fail_with(code))
    with pytest.raises(pvs.OutputRefused) as refused:
        output.write_atomic(tmp_path / "uit.pdf", b"x")
    assert said in refused.value.message
    assert refused.value.message.endswith("uit.pdf is niet geschreven; kies een andere plek.")


def test_another_system_error_says_what_happened_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output.os, "replace", fail_with(errno.EIO))
    with pytest.raises(pvs.NotWritten, match=r"\(de schijf gaf een fout bij lezen of schrijven\)"):
        output.write_atomic(tmp_path / "uit.pdf", b"x")
    assert list(tmp_path.iterdir()) == []


def test_stale_temporaries_of_the_target_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".paspoorten.zip.k3j_9x0a.tmp"
    busy = tmp_path / ".paspoorten.zip.z8z8z8z8.tmp"  # another run, writing now
    other = tmp_path / ".overzicht.csv.k3j_9x0a.tmp"
    mine = tmp_path / ".paspoorten.zip.backup"
    for path in (stale, busy, other, mine):
        path.write_bytes(b"half")
        if path is not busy:
            os.utime(path, (OLD, OLD))
    output.write_atomic(tmp_path / "paspoorten.zip", b"zip")
    assert not stale.exists()
    assert busy.exists() and other.exists() and mine.exists()


def test_a_long_name_keeps_its_temporary_name_short(tmp_path: Path) -> None:
    name = "a" * 240 + ".pdf"
    output.write_atomic(tmp_path / name, b"x")
    assert (tmp_path / name).read_bytes() == b"x"


def test_cli_refuses_a_folder_as_output(tmp_path: Path) -> None:
    folder = tmp_path / "paspoort.pdf"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["render", "--blank", "-o", str(folder)])
    assert result.exit_code == 2
    assert f"{folder} is een map" in result.stderr
    assert list(folder.iterdir()) == []


def test_cli_full_disk_exits_3_without_claiming_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output.os, "fdopen", fail_with(errno.ENOSPC))
    target = tmp_path / "leeg.pdf"
    result = CliRunner().invoke(cli, ["render", "--blank", "-o", str(target)])
    assert result.exit_code == 3
    assert result.stderr == (
        f"Fout: De schijf is vol: {target} is niet geschreven. Maak ruimte vrij en start de "
        "opdracht opnieuw.\n"
    )


def test_cli_extract_says_which_file_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, report = tmp_path / "uit.json", tmp_path / "verslag.json"
    disk_full_for(monkeypatch, "verslag.json")
    sample = str(ROOT / "samples" / "01-sanne-de-vries.json")
    result = CliRunner().invoke(cli, ["extract", sample, "-o", str(data), "--verslag", str(report)])
    assert result.exit_code == 3
    assert f"De gegevens zelf staan wel compleet in {data}." in result.stderr
    assert data.exists() and not report.exists()


def test_batch_that_cannot_write_its_zip_says_the_passports_are_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full_for(monkeypatch, "paspoorten.zip")
    folder = tmp_path / "uit"
    result = CliRunner().invoke(
        cli, ["batch", str(EXPORT), "-o", str(folder), "--zip", "--processen", "1"]
    )
    assert result.exit_code == 3
    assert "De schijf is vol" in result.stderr
    assert f"De paspoorten die al in {folder} staan, zijn compleet." in result.stderr
    assert "Er is niets veranderd" not in result.stderr
    assert any(folder.glob("*.pdf")) and not (folder / "paspoorten.zip").exists()
    assert temporaries(folder) == []


def test_batch_into_a_file_or_a_closed_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    afile = tmp_path / "bestand"
    afile.write_bytes(b"")
    with pytest.raises(pvs.OutputRefused, match="is een bestand, geen map"):
        pvs.run_batch(EXPORT, output=afile)
    monkeypatch.setattr(Path, "mkdir", fail_with(errno.EACCES))
    with pytest.raises(pvs.OutputRefused, match="geen toestemming"):
        pvs.run_batch(EXPORT, output=tmp_path / "nieuw")


def test_a_system_reason_without_dutch_words_is_its_code() -> None:
    assert system_reason(OSError(errno.ESTALE, "Stale file handle")) == "systeemfout ESTALE"
