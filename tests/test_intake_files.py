"""pvs intake accounts for every file in a folder, reads .odt and zip archives, flags duplicates.

The returns in tests/fixtures/intake/terug/ were made by the programs that make them in real
life (LibreOffice, Info-ZIP zip, pdftoppm; see tests/intake_tools.py), with the overview's
expected verdict per file in rows.expected.json.
"""

from __future__ import annotations

import csv
import io
import json
import os
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.documents.docx.controls import bookmark_name
from pvs.documents.docx.render import render_docx
from pvs.documents.extraction import FORM_FIELD
from pvs.jobs.intake import inventory
from pvs.limits import configure
from tests.conftest import SAMPLES, load_json
from tests.intake_tools import FIXTURES, ODT, RETURNS
from tests.office_tools import libreoffice

EXPECTED_ROWS = json.loads((FIXTURES / "rows.expected.json").read_text("utf-8"))
EXPECTED_ODT = json.loads((FIXTURES / "libreoffice.expected.json").read_text("utf-8"))
ROW_KEYS = ("gelezen", "naam", "dubbel_met", "telt_mee")


def read_csv(target: Path) -> list[dict[str, str]]:
    with target.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def relative(label: str, folder: Path) -> str:
    return (
        "; ".join(p.removeprefix(f"{folder}{os.sep}") for p in label.split("; ")) if label else ""
    )


def verdicts(rows: list[dict[str, str]], folder: Path) -> dict[str, list[str]]:
    """Each row as rows.expected.json has it: its values, and the start of its reason."""
    found = {}
    for row in rows:
        values = [relative(row[k], folder) if k == "dubbel_met" else row[k] for k in ROW_KEYS]
        expected = EXPECTED_ROWS.get(relative(row["bestand"], folder), ["", "", "", "", ""])
        found[relative(row["bestand"], folder)] = [*values, row["reden"][: len(expected[4])]]
    return found


def test_every_file_and_every_zip_member_gets_its_row(tmp_path: Path) -> None:
    target = tmp_path / "overzicht.csv"
    summary = pvs.run_intake([RETURNS], output=target, processes=2)
    rows = read_csv(target)
    assert verdicts(rows, RETURNS) == EXPECTED_ROWS
    on_disk = [p for p in RETURNS.iterdir() if p.is_file()]
    with zipfile.ZipFile(RETURNS / "school.zip") as archive:
        members = len(archive.namelist())
    assert summary.files == len(rows) == len(on_disk) - 1 + members
    assert (summary.unreadable, summary.not_passports, summary.superseded) == (1, 4, 1)
    assert summary.to_check == 0


def test_the_cli_counts_every_file(tmp_path: Path) -> None:
    target = tmp_path / "overzicht.xlsx"
    result = CliRunner().invoke(cli, ["intake", str(RETURNS), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "10 bestanden: 5 gelezen, 1 niet leesbaar, 4 geen paspoort, 1 oudere versie" in (
        result.stderr
    )


def test_an_odt_saved_by_libreoffice_reads_back_exactly() -> None:
    result = pvs.read(ODT)
    assert result.kind == "odt"
    assert result.vouched, result.doubts
    assert result.passport == EXPECTED_ODT
    assert set(result.sources.values()) == {FORM_FIELD}


def test_extract_and_check_take_an_odt(tmp_path: Path) -> None:
    out = tmp_path / "uit.json"
    extracted = CliRunner().invoke(cli, ["extract", str(ODT), "-o", str(out)])
    assert extracted.exit_code == 0, extracted.stderr
    assert json.loads(out.read_text("utf-8")) == EXPECTED_ODT
    checked = CliRunner().invoke(cli, ["check", str(ODT), "--stage", "intake"])
    assert checked.exit_code == 0, checked.output


def edited_odt(edit: dict[bytes, bytes], member: str = "content.xml") -> bytes:
    """The fixture with its content.xml changed, as a pupil's editing could leave it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(ODT) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                for old, new in edit.items():
                    assert old in data
                    data = data.replace(old, new, 1)
            target.writestr(info, data)
    return buffer.getvalue()


ROEPNAAM_END = f'<text:bookmark-end text:name="{bookmark_name("jongere.roepnaam")}"/>'.encode()


def test_a_value_not_tied_to_its_bookmark_is_doubted_and_left_out() -> None:
    result = pvs.read(edited_odt({ROEPNAAM_END: b""}), name="terug.odt")
    assert not result.vouched
    assert [d.path for d in result.doubts] == ["jongere.roepnaam"]
    assert result.doubts[0].message.startswith("Roepnaam: pvs kan de tekst niet")
    assert "jongere.roepnaam" not in result.sources
    assert "roepnaam" not in result.passport["jongere"]


def test_a_field_twice_with_different_text_is_doubted() -> None:
    name = bookmark_name("jongere.roepnaam")
    copy = (
        f'<text:p><text:bookmark-start text:name="{name}"/>Piet'
        f'<text:bookmark-end text:name="{name}"/></text:p>'
    ).encode()
    result = pvs.read(edited_odt({b"</office:text>": copy + b"</office:text>"}), name="x.odt")
    assert [d.path for d in result.doubts] == ["jongere.roepnaam"]
    assert "jongere.roepnaam" not in result.sources


def test_a_field_that_runs_into_the_next_one_is_doubted() -> None:
    """The pupil deleted the end of Roepnaam: its range now holds Tussenvoegsel's start."""
    tussenvoegsel_end = f'<text:bookmark-end text:name="{bookmark_name("jongere.tussenvoegsel")}"/>'
    result = pvs.read(
        edited_odt(
            {
                ROEPNAAM_END: b"",
                tussenvoegsel_end.encode(): tussenvoegsel_end.encode() + ROEPNAAM_END,
            }
        ),
        name="x.odt",
    )
    assert [d.path for d in result.doubts] == ["jongere.roepnaam"]
    assert result.doubts[0].message.startswith("Roepnaam: het veld loopt over")
    assert "jongere.tussenvoegsel" in result.sources


def test_an_odt_saved_with_a_password_is_refused_with_what_to_do() -> None:
    locked = edited_odt(
        {
            b"</manifest:manifest>": b'<manifest:file-entry manifest:full-path="content.xml">'
            b"<manifest:encryption-data/></manifest:file-entry></manifest:manifest>"
        },
        "META-INF/manifest.xml",
    )
    with pytest.raises(pvs.UnreadableFile, match="met een wachtwoord opgeslagen"):
        pvs.read(locked, name="slot.odt")


def test_an_odt_by_another_name_is_read_as_odt_with_a_note() -> None:
    result = pvs.read(ODT.read_bytes(), name="paspoort.docx")
    assert result.kind == "odt" and result.vouched
    assert any("LibreOffice-document" in n.message for n in result.notes)


def test_extract_of_an_odt_with_a_doubt_exits_1(tmp_path: Path) -> None:
    source = tmp_path / "terug.odt"
    source.write_bytes(edited_odt({ROEPNAAM_END: b""}))
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(tmp_path / "uit.json")])
    assert result.exit_code == 1
    assert "Controleer: Roepnaam" in result.stderr


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def rows_of(folder: Path, tmp_path: Path) -> dict[str, list[str]]:
    target = tmp_path / "overzicht.csv"
    pvs.run_intake([folder], output=target, processes=1)
    return {relative(r["bestand"], folder): [r["gelezen"], r["reden"]] for r in read_csv(target)}


def test_zip_members_are_read_in_memory_one_level_deep(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    inner = make_zip(tmp_path / "binnen.zip", {"a.json": b"{}"}).read_bytes()
    sample = (SAMPLES / "01-sanne-de-vries.json").read_bytes()
    make_zip(folder / "x.zip", {"../../buiten.json": sample, "binnen.zip": inner, "map/": b""})
    rows = rows_of(folder, tmp_path)
    assert rows["x.zip › ../../buiten.json"][0] == "ja"
    assert rows["x.zip › binnen.zip"][0] == "nee"
    assert "pakt maar één laag uit" in rows["x.zip › binnen.zip"][1]
    assert len(rows) == 2  # a folder inside the zip is no file
    assert not (tmp_path / "buiten.json").exists()


def test_a_zip_past_the_limits_gets_one_row_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make_zip(folder / "veel.zip", {f"{i}.json": b"{}" for i in range(4)})
    make_zip(folder / "bom.zip", {"groot.json": b" " * (2 * 1024 * 1024)})
    monkeypatch.setattr(inventory, "MAX_MEMBERS", 3)
    configure(unpacked_mb=1)
    try:
        rows = rows_of(folder, tmp_path)
    finally:
        configure()
    assert rows["veel.zip"][0] == "nee" and "meer dan 3 bestanden" in rows["veel.zip"][1]
    assert rows["bom.zip"][0] == "nee" and "pakt uit tot meer dan 1 MB" in rows["bom.zip"][1]


def test_without_an_update_date_the_newest_file_counts(tmp_path: Path) -> None:
    data = load_json(SAMPLES / "01-sanne-de-vries.json")
    del data["meta"]["bijgewerkt"]
    for name, stamp in (("eerst.json", 1_700_000_000), ("later.json", 1_800_000_000)):
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
        os.utime(tmp_path / name, (stamp, stamp))
    target = tmp_path / "overzicht.csv"
    summary = pvs.run_intake([tmp_path], output=target, processes=1)
    rows = {Path(r["bestand"]).name: r for r in read_csv(target)}
    assert rows["later.json"]["telt_mee"] == "ja"
    assert rows["eerst.json"]["telt_mee"] == "nee"
    assert Path(rows["eerst.json"]["dubbel_met"]).name == "later.json"
    assert summary.superseded == 1


def test_the_same_pupil_number_on_another_form_is_a_duplicate(tmp_path: Path) -> None:
    data = load_json(SAMPLES / "01-sanne-de-vries.json")
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    data["meta"]["formulier_id"] = "ANDER-FORMULIER-1"
    data["meta"]["bijgewerkt"] = "2030-01-01"
    (tmp_path / "b.docx").write_bytes(render_docx(data))
    rows = {Path(r["bestand"]).name: r for r in read_csv_of(tmp_path)}
    assert (rows["a.json"]["telt_mee"], rows["b.docx"]["telt_mee"]) == ("nee", "ja")


def read_csv_of(folder: Path) -> list[dict[str, str]]:
    target = folder.parent / f"{folder.name}-overzicht.csv"
    pvs.run_intake([folder], output=target, processes=1)
    return read_csv(target)


@pytest.mark.needs("soffice")
def test_libreoffice_saves_the_word_passport_as_odt_that_reads_back(tmp_path: Path) -> None:
    """The committed fixture, made afresh: LibreOffice keeps every field's bookmark."""
    source = tmp_path / "paspoort.docx"
    source.write_bytes(render_docx(load_json(SAMPLES / "10-daan-van-den-berg.json")))
    result = pvs.read(libreoffice(source, "odt", tmp_path))
    assert result.vouched
    assert result.passport == EXPECTED_ODT


def test_two_zip_members_of_one_name_are_flagged_not_read_as_one(tmp_path: Path) -> None:
    """A zip finds a member by its name, so the second of two would be read twice and the
    first never: one pupil's passport in place of another's. Neither is read; both say why."""
    folder = tmp_path / "in"
    folder.mkdir()
    with warnings.catch_warnings(), zipfile.ZipFile(folder / "terug.zip", "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name, as it should
        archive.writestr("mila.json", (SAMPLES / "09-mila-jansen.json").read_bytes())
        archive.writestr("mila.json", (SAMPLES / "03-olena-kovalenko.json").read_bytes())
    summary = pvs.run_intake([folder], output=tmp_path / "o.xlsx", processes=1)
    assert [row["gelezen"] for row in summary.rows] == ["nee", "nee"]
    assert all("2 bestanden met precies deze naam" in row["reden"] for row in summary.rows)
