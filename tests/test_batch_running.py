"""How a batch runs: progress per pupil, Ctrl-C, the zip, file permissions, the closing words."""

from __future__ import annotations

import csv
import os
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.cli.progress import ProgressLine, time_left
from pvs.jobs.batch.columns import ColumnPlan
from pvs.jobs.batch.run import DONE_BEFORE, MANIFEST, STATUS_FILE, WRITTEN
from pvs.jobs.batch.zips import ZIP_NAME
from pvs.output import write_atomic

DAY = date(2026, 9, 1)
HEADER = "Stamnr;Roepnaam;Achternaam;Geb.datum"


def export_of(tmp_path: Path, count: int, *extra: str) -> Path:
    """An export of `count` pupils who each get a passport, then `extra` rows as given."""
    rows = [f"{7000 + n};Kim;Visser{n};14-03-2010" for n in range(count)]
    export = tmp_path / "export.csv"
    export.write_text("\n".join([HEADER, *rows, *extra]) + "\n", encoding="utf-8")
    return export


class Clock:
    """Time as the test sets it: no test waits."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def progress_line(terminal: bool) -> tuple[ProgressLine, Clock, list[str]]:
    """A progress line on a clock the test turns, writing into a list."""
    clock, written = Clock(), []
    line = ProgressLine("Paspoorten", terminal=terminal, write=written.append, clock=clock)
    return line, clock, written


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "nog minder dan een minuut"),
        (59, "nog minder dan een minuut"),
        (60, "nog ongeveer 1 minuut"),
        (100, "nog ongeveer 2 minuten"),
        (45 * 60, "nog ongeveer 45 minuten"),
    ],
)
def test_time_left_in_words(seconds: float, words: str) -> None:
    assert time_left(seconds) == words


def test_on_a_terminal_one_line_is_rewritten_with_an_estimate_once_settled() -> None:
    line, clock, written = progress_line(terminal=True)
    line(0, 330)
    clock.now += 2
    line(10, 330)  # too early for an estimate
    clock.now += 8
    line(40, 330)  # 40 pupils in 10 seconds: 290 left take 72.5 seconds
    clock.now += 20
    line(330, 330)
    line.close()
    assert written == [
        "\rPaspoorten: 0 van 330",
        "\rPaspoorten: 10 van 330",
        "\rPaspoorten: 40 van 330, nog ongeveer 1 minuut",
        "\r"
        + "Paspoorten: 330 van 330".ljust(len("Paspoorten: 40 van 330, nog ongeveer 1 minuut")),
        "\n",
    ]


def test_in_a_log_a_line_comes_at_the_start_every_few_seconds_and_at_the_end() -> None:
    line, clock, written = progress_line(terminal=False)
    for done in range(0, 200, 10):
        line(done, 200)
        clock.now += 1
    line(200, 200)
    line.close()
    assert written == [
        "Paspoorten: 0 van 200\n",
        "Paspoorten: 50 van 200, nog minder dan een minuut\n",
        "Paspoorten: 100 van 200, nog minder dan een minuut\n",
        "Paspoorten: 150 van 200, nog minder dan een minuut\n",
        "Paspoorten: 200 van 200\n",
    ]


def test_a_quick_run_in_a_log_still_says_where_it_ended() -> None:
    line, _, written = progress_line(terminal=False)
    line(0, 3)
    line(3, 3)
    line.close()
    line.close()  # a command closes before its message and again in `finally`
    assert written == ["Paspoorten: 0 van 3\n", "Paspoorten: 3 van 3\n"]


def test_the_estimate_leaves_out_what_was_counted_at_once() -> None:
    line, clock, written = progress_line(terminal=True)
    line(150, 300)  # done in an earlier run: counted before any passport is written
    clock.now += 10
    line(160, 300)  # 10 written in 10 seconds: 140 left take 140 seconds
    assert written[-1] == "\rPaspoorten: 160 van 300, nog ongeveer 2 minuten"


def test_progress_counts_pupils_not_files(tmp_path: Path) -> None:
    export = export_of(tmp_path, 6, ";;;", "1;;;")  # an empty row is no pupil; one without a name
    seen: list[tuple[int, int | None]] = []
    result = pvs.run_batch(
        export,
        output=tmp_path / "uit",
        formats=("pdf", "docx"),
        processes=2,
        date=DAY,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert len(result.rows) == 7 and result.count(WRITTEN) == 6
    assert {total for _, total in seen} == {7}
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})  # only forward
    assert seen[-1] == (7, 7)
    again: list[tuple[int, int | None]] = []
    rerun = pvs.run_batch(
        export, output=tmp_path / "uit", formats=("pdf", "docx"), processes=2, date=DAY,
        progress=lambda done, total: again.append((done, total)),
    )  # fmt: skip
    assert rerun.count(DONE_BEFORE) == 6 and again == [(7, 7)]  # all at once


def test_the_zip_is_compressed_and_dated_by_the_run(tmp_path: Path) -> None:
    export = export_of(tmp_path, 3)
    result = pvs.run_batch(export, output=tmp_path / "uit", zip=True, date=DAY, processes=1)
    assert result.archive == tmp_path / "uit" / ZIP_NAME
    with zipfile.ZipFile(result.archive) as archive:
        entries = archive.infolist()
        assert [e.filename for e in entries] == [f"{7000 + n} Kim Visser{n}.pdf" for n in range(3)]
        assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}
        assert {e.date_time for e in entries} == {(2026, 9, 1, 12, 0, 0)}
        assert (
            archive.read(entries[0].filename)
            == (tmp_path / "uit" / entries[0].filename).read_bytes()
        )
    first = result.archive.read_bytes()
    (tmp_path / "uit" / ZIP_NAME).unlink()
    pvs.run_batch(export, output=tmp_path / "uit", zip=True, date=DAY, processes=1)
    assert result.archive.read_bytes() == first  # the same export on the same day


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_write_atomic_is_private_unless_shared(tmp_path: Path) -> None:
    write_atomic(tmp_path / "eigen.txt", b"x")
    write_atomic(tmp_path / "gedeeld.txt", b"x", shared=True)
    assert mode(tmp_path / "eigen.txt") == 0o600
    assert mode(tmp_path / "gedeeld.txt") == 0o644
    write_atomic(tmp_path / "eigen.txt", b"y", shared=True)  # a replaced file takes the new mode
    assert mode(tmp_path / "eigen.txt") == 0o644


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize(
    ("shared", "files", "folder"), [(False, 0o600, 0o700), (True, 0o644, 0o755)]
)
def test_batch_files_are_private_unless_for_a_shared_folder(
    tmp_path: Path, shared: bool, files: int, folder: int
) -> None:
    out = tmp_path / "uit"
    pvs.run_batch(export_of(tmp_path, 2), output=out, zip=True, shared=shared, processes=1)
    assert mode(out) == folder
    names = ["7000 Kim Visser0.pdf", "7001 Kim Visser1.pdf", MANIFEST, ZIP_NAME, STATUS_FILE]
    assert {name: mode(out / name) for name in names} == dict.fromkeys(names, files)


def test_ctrl_c_keeps_what_is_done_and_a_rerun_finishes_the_rest(tmp_path: Path) -> None:
    export, out = export_of(tmp_path, 200), tmp_path / "uit"
    arguments = ["-m", "pvs", "batch", str(export), "-o", str(out), "--processen", "2"]
    # A session of its own, so the signal reaches the workers too, as Ctrl-C in a terminal does.
    with subprocess.Popen(
        [sys.executable, *arguments], stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as run:
        assert run.stderr is not None
        said = [run.stderr.readline()]
        while said[-1] and not said[-1].startswith("Paspoorten:"):
            said.append(run.stderr.readline())
        os.killpg(run.pid, signal.SIGINT)
        said.append(run.stderr.read())
        assert run.wait(timeout=120) == 130
    stderr = "".join(said)
    assert "Traceback" not in stderr
    assert (
        f"Afgebroken. De paspoorten die al klaar waren, blijven staan in {out}; "
        f"{MANIFEST} zegt welke. Start dezelfde opdracht opnieuw: pvs maakt dan de rest af."
    ) in stderr
    assert (out / MANIFEST).exists()
    assert len(list(out.glob("*.pdf"))) < 200
    rerun = subprocess.run(
        [sys.executable, *arguments], capture_output=True, text=True, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert len(list(out.glob("*.pdf"))) == 200
    rows = manifest_lines(out)
    assert len(rows) == 200 and all(";geschreven;" in r or ";was al klaar;" in r for r in rows)


def manifest_lines(out: Path) -> list[str]:
    """The manifest's rows, without its header and the column plan after the empty line."""
    lines = (out / MANIFEST).read_text(encoding="utf-8-sig").splitlines()
    return lines[1 : lines.index("")]


def fake_result(tmp_path: Path, warned: int, skipped: int = 0) -> pvs.BatchResult:
    rows = [
        pvs.RowOutcome(n + 2, f"00{n}", f"Kim Visser{n}", WRITTEN, warnings=["Kolom 'E-mail': x."])
        for n in range(warned)
    ]
    rows += [
        pvs.RowOutcome(99 + n, "", "", "overgeslagen", "Naam ontbreekt.") for n in range(skipped)
    ]
    return pvs.BatchResult(rows, tmp_path / MANIFEST, None)


def test_cli_names_the_rows_with_warnings_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: dict[str, Any] = {}

    def run_batch(export: Path, **options: Any) -> pvs.BatchResult:
        given.update(options)
        options["on_columns"](
            ColumnPlan((("Stamnr", "jongere.leerlingnummer"),), (("Profiel", "het vmbo-profiel"),))
        )
        options["progress"](12, 12)
        return fake_result(tmp_path, 12)

    monkeypatch.setattr(pvs, "run_batch", run_batch)
    command = [
        "batch",
        "export.xlsx",
        "-o",
        str(tmp_path),
        "--blad",
        "Leerlingen",
        "--gedeelde-map",
    ]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0
    assert given["sheet"] == "Leerlingen" and given["shared"] is True
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        "Kolommen uit de export:",
        "  Stamnr -> jongere.leerlingnummer",
        "  Profiel: niet gebruikt (het vmbo-profiel)",
    ]
    at = lines.index(
        "12 rijen met een waarschuwing; zie de kolom Waarschuwingen in overzicht-batch.csv."
    )
    assert lines[at + 1] == "  - rij 2 (000 Kim Visser0): Kolom 'E-mail': x."
    assert lines[at + 10 : at + 12] == [
        "  - rij 11 (009 Kim Visser9): Kolom 'E-mail': x.",
        "  … en nog 2",
    ]


def test_cli_exits_1_for_skipped_rows_and_lists_at_most_ten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pvs, "run_batch", lambda export, **_: fake_result(tmp_path, 1, 11))
    result = CliRunner().invoke(cli, ["batch", "export.csv", "-o", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "12 rijen: 1 geschreven, 0 waren al klaar, 11 overgeslagen."
    assert lines[1:12] == [
        *[f"  - rij {99 + n}: Naam ontbreekt." for n in range(10)],
        "  … en nog 1",
    ]
    assert (
        lines[12]
        == "1 rij met een waarschuwing; zie de kolom Waarschuwingen in overzicht-batch.csv."
    )


def test_batch_help_names_the_exit_codes_and_the_shared_folder() -> None:
    said = " ".join(CliRunner().invoke(cli, ["batch", "--help"]).stdout.split())
    assert (
        "130 afgebroken met Ctrl-C" in said and "0 alles gemaakt (ook als er waarschuwingen" in said
    )
    assert "--gedeelde-map" in said and "--blad NAAM" in said


@pytest.mark.parametrize(
    ("manifest", "said"),
    [
        (True, "Afgebroken. De paspoorten die al klaar waren, blijven staan in"),
        (False, "Afgebroken. Er zijn nog geen paspoorten gemaakt. Start dezelfde opdracht"),
    ],
)
def test_cli_says_what_a_ctrl_c_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, manifest: bool, said: str
) -> None:
    def interrupted(export: Path, **options: Any) -> pvs.BatchResult:
        if manifest:
            (tmp_path / MANIFEST).write_text("Rij\n", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(pvs, "run_batch", interrupted)
    result = CliRunner().invoke(cli, ["batch", "export.csv", "-o", str(tmp_path)])
    assert result.exit_code == 130
    assert result.stderr.startswith(said)


def test_a_stopped_run_marks_the_rows_it_did_not_finish(tmp_path: Path) -> None:
    def stop_early(done: int, total: int | None) -> None:
        if done:  # the first pupil is written; 7 more are on their way to the 2 workers
            raise KeyboardInterrupt  # as Ctrl-C in the main process

    out = tmp_path / "uit"
    with pytest.raises(KeyboardInterrupt):
        pvs.run_batch(export_of(tmp_path, 30), output=out, processes=2, progress=stop_early)
    rows = list(csv.reader(manifest_lines(out), delimiter=";"))
    written = [r for r in rows if r[3] == "geschreven"]
    stopped = [r for r in rows if r[3] == "niet gemaakt (afgebroken)"]
    assert written and stopped and len(written) + len(stopped) == len(rows) < 30
    assert all((out / r[6]).exists() for r in written)
    assert {r[6] for r in stopped} == {""} and "start dezelfde opdracht opnieuw" in stopped[0][4]
    assert len((out / STATUS_FILE).read_text(encoding="utf-8").splitlines()) == len(written)


def test_the_zip_has_every_passport_and_each_class_its_own(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        "Stamnr;Roepnaam;Achternaam;Klas\n1;Kim;Visser;4B\n2;Tom;Bos;4B\n3;Ana;Smit;4T/2\n",
        encoding="utf-8",
    )
    result = pvs.run_batch(
        export, output=tmp_path / "uit", zip=True, processes=1, date=date(2026, 11, 29)
    )
    assert result.archive is not None
    with zipfile.ZipFile(result.archive) as whole:
        assert whole.namelist() == ["1 Kim Visser.pdf", "2 Tom Bos.pdf", "3 Ana Smit.pdf"]
        assert {i.compress_type for i in whole.infolist()} == {zipfile.ZIP_DEFLATED}
        assert {i.date_time for i in whole.infolist()} == {(2026, 11, 29, 12, 0, 0)}
    named = {p.name: zipfile.ZipFile(p).namelist() for p in result.class_archives}
    assert named == {
        "paspoorten 4B.zip": ["1 Kim Visser.pdf", "2 Tom Bos.pdf"],
        "paspoorten 4T 2.zip": ["3 Ana Smit.pdf"],  # '/' is no character for a file name
    }
