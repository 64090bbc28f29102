"""pvs batch: real exports in, one pre-filled passport per usable row out."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.errors import UnreadableFile, UsageError
from pvs.jobs.batch import execute as batch_execute
from pvs.jobs.batch.columns import read_columns, read_mapping
from pvs.jobs.batch.export import read_export
from pvs.jobs.batch.names import UniqueNames, pupil_stem, safe_stem
from pvs.jobs.batch.rows import convert, programme
from pvs.jobs.batch.run import DONE_BEFORE, MANIFEST, SKIPPED, STATUS_FILE, WRITTEN
from pvs.model.passport import display_name

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
RUN_DATE = date(2026, 11, 29)
EXPORT_FILES = sorted(p for p in EXPORTS.iterdir() if p.suffix in (".csv", ".xlsx"))


def mapping_for(export: Path) -> Path | None:
    mapping = export.with_suffix(".mapping.json")
    return mapping if mapping.exists() else None


@pytest.mark.parametrize("export", EXPORT_FILES, ids=lambda p: p.name)
def test_export_rows_become_the_recorded_passports(export: Path) -> None:
    """Adding an export and its .expected.json adds a case."""
    expected = json.loads(Path(f"{export}.expected.json").read_text(encoding="utf-8"))
    export_read = read_export(export)
    header, rows = export_read.header, export_read.rows
    columns = read_columns(header, read_mapping(mapping_for(export)))
    found = []
    for number, row in rows:
        result = convert(row, columns, RUN_DATE)
        found.append(
            {"rij": number, "paspoort": result.data, "waarschuwingen": list(result.warnings)}
            if result.data
            else {"rij": number, "reden": result.reason}
        )
    assert found == expected


def test_what_the_exports_hold_survives() -> None:
    magister = json.loads(
        (EXPORTS / "magister-puntkomma-windows1252.csv.expected.json").read_text(encoding="utf-8")
    )
    assert magister[2]["paspoort"]["jongere"]["roepnaam"] == "Zoë"  # Windows-1252
    assert magister[0]["paspoort"]["jongere"]["leerlingnummer"] == "004120"  # leading zeros
    assert magister[1]["paspoort"]["jongere"]["geboortedatum"] == "2010-07-03"  # d-m-jjjj
    assert magister[1]["paspoort"]["school"]["mentor"] == {"email": "m.brink@example.nl"}
    assert magister[0]["paspoort"]["netwerk"]["ouders"][0]["email"] == "ouder.vries@example.com"
    assert [r["rij"] for r in magister] == [2, 3, 4, 5, 6, 7, 8]  # empty rows ignored
    excel = json.loads((EXPORTS / "excel-serienummers.xlsx.expected.json").read_text("utf-8"))
    assert excel[0]["paspoort"]["jongere"]["geboortedatum"] == "2011-05-20"  # serial 40683
    assert excel[0]["paspoort"]["jongere"]["leerlingnummer"] == "004201"  # format 000000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 BB", ("vmbo-bb", 4)),
        ("VMBO-KB 4", ("vmbo-kb", 4)),
        ("HAVO 5", ("havo", 5)),
        ("4TL", ("vmbo-tl", 4)),
        ("4 GL", ("vmbo-gl", 4)),
        ("mavo 4", ("vmbo-tl", 4)),
        ("H5", ("havo", 5)),
        ("V6", ("vwo", 6)),
        ("Praktijkonderwijs 3", ("pro", 3)),
        ("VSO", ("vso", None)),
        ("Entree", ("entree", None)),
        ("vmbo gt 4", (None, 4)),
        ("4 BB/KB", (None, 4)),
    ],
)
def test_onderwijstype_as_schools_write_it(text: str, expected: tuple[Any, Any]) -> None:
    assert programme(text) == expected


def test_headers_match_ignoring_case_and_punctuation() -> None:
    header = ["STAMNR", "Roep-naam", "tussenv.", "ACHTERNAAM", "Geb. datum"]
    targets = read_columns(header, read_mapping(None)).targets
    assert targets == {
        "STAMNR": "jongere.leerlingnummer",
        "Roep-naam": "jongere.roepnaam",
        "tussenv.": "jongere.tussenvoegsel",
        "ACHTERNAAM": "jongere.achternaam",
        "Geb. datum": "jongere.geboortedatum",
    }


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            '{"Lln id": "jongere.bsn"}',
            "In de mapping staat 'jongere.bsn' bij kolom 'Lln id': dat is "
            "geen veld van het paspoort. Zie 'pvs fields' voor alle velden, of gebruik "
            "'opleiding' of 'mentor', of null om de kolom over te slaan.",
        ),
        (
            '{"Nummer": "jongere.leerlingnummer"}',
            "De mapping noemt kolom 'Nummer', maar die staat "
            "niet in de export. Controleer de kolomnaam.",
        ),
        (
            "[1, 2]",
            'De mapping {path} moet kolomnamen koppelen aan velden, zoals {{"Kolom in de '
            'export": "jongere.roepnaam"}}.',
        ),
    ],
)
def test_mapping_mistakes_are_usage_errors(tmp_path: Path, mapping: str, message: str) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(mapping, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_columns(["Lln id", "Naam"], read_mapping(path))
    assert caught.value.message == message.format(path=path)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("CON", "paspoort CON"),
        ("lpt1.txt", "paspoort lpt1.txt"),
        ('a<b>c:"d"/e\\f|g?h*', "a b c d e f g h"),
        ("naam. ", "naam"),
        ("Zoe\u0308", "Zoë"),
        ("", "paspoort"),
    ],
)
def test_file_names_are_safe_on_windows_and_macos(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_file_names_are_unique_ignoring_case() -> None:
    names = UniqueNames()
    assert [
        names.claim(s) for s in ("1 Sanne de Vries", "1 sanne de vries", "1 Sanne de Vries")
    ] == ["1 Sanne de Vries", "1 sanne de vries (2)", "1 Sanne de Vries (3)"]
    assert (
        pupil_stem(
            {"jongere": {"leerlingnummer": "0931", "roepnaam": "Şükrü", "achternaam": "Yılmaz"}}
        )
        == "0931 Şükrü Yılmaz"
    )


def test_file_names_and_overviews_write_the_name_alike() -> None:
    data = {"jongere": {"roepnaam": " Sanne\n", "tussenvoegsel": "de  ", "achternaam": "Vries"}}
    assert display_name(data) == "Sanne de Vries"
    assert pupil_stem(data) == "Sanne de Vries"
    assert display_name({"jongere": {"roepnaam": 7, "achternaam": "Vries"}}) == "Vries"


def run(tmp_path: Path, name: str = "uit", **options: Any) -> Any:
    return pvs.run_batch(
        EXPORTS / "magister-puntkomma-windows1252.csv",
        output=tmp_path / name,
        processes=2,
        **options,
    )


def test_batch_writes_passports_manifest_and_zip(tmp_path: Path) -> None:
    result = run(tmp_path, formats=("pdf", "docx"), zip=True)
    out = tmp_path / "uit"
    assert [r.status for r in result.rows] == [WRITTEN] * 7  # every pupil with a name
    assert result.rows[-1].files == ["004126 Sanne de Vries.pdf", "004126 Sanne de Vries.docx"]
    pdf = pvs.read(out / "004122 Zoë Müller.pdf").passport
    assert pdf["jongere"] == {
        "roepnaam": "Zoë",
        "achternaam": "Müller",
        "geboortedatum": "2010-11-30",
        "leerlingnummer": "004122",
    }
    assert pvs.read(out / "004122 Zoë Müller.docx").passport == pdf
    manifest = (out / MANIFEST).read_text(encoding="utf-8-sig").splitlines()
    assert manifest[0] == "Rij;Leerlingnummer;Naam;Status;Reden;Waarschuwingen;Bestanden"
    assert manifest[5].startswith(
        "6;004124;Kees Smit;geschreven;;\"Kolom 'Geb.datum': '31-02-2010'"
    )
    assert "Geb.datum;Geboortedatum (jongere.geboortedatum)" in manifest  # the column plan
    assert (out / "paspoorten.zip").exists()
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_same_export_gives_identical_files(tmp_path: Path) -> None:
    run(tmp_path, "een", formats=("pdf", "docx"), zip=True)
    run(tmp_path, "twee", formats=("pdf", "docx"), zip=True)
    first = sorted(p.name for p in (tmp_path / "een").iterdir())
    assert first == sorted(p.name for p in (tmp_path / "twee").iterdir())
    for path in sorted((tmp_path / "een").rglob("*")):
        twin = tmp_path / "twee" / path.relative_to(tmp_path / "een")
        if path.is_file() and path.name != STATUS_FILE:
            assert path.read_bytes() == twin.read_bytes(), path.name


def test_an_interrupted_run_finishes_the_rest(tmp_path: Path) -> None:
    run(tmp_path)
    out = tmp_path / "uit"
    (out / "004121 Daan van den Berg.pdf").unlink()  # as if the run stopped before this one
    (out / ".004122 Zoë Müller.pdf.abc.tmp").write_bytes(b"half")  # a leftover temp file
    result = run(tmp_path)
    statuses = {r.name: r.status for r in result.rows if r.status != SKIPPED}
    assert statuses["Daan van den Berg"] == WRITTEN
    assert statuses["Zoë Müller"] == DONE_BEFORE


def test_a_changed_row_is_written_again(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("Stamnr;Roepnaam;Achternaam;Klas\n1;Mila;Jansen;3A\n", encoding="utf-8")
    pvs.run_batch(export, output=tmp_path / "uit", processes=1)
    export.write_text("Stamnr;Roepnaam;Achternaam;Klas\n1;Mila;Jansen;4A\n", encoding="utf-8")
    assert pvs.run_batch(export, output=tmp_path / "uit", processes=1).rows[0].status == WRITTEN
    assert pvs.read(tmp_path / "uit" / "1 Mila Jansen.pdf").passport["school"] == {"klas": "4A"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "heeft geen kopregel met kolomnamen"),
        (b"PK\x03\x04kapot", "is geen leesbaar Excel-bestand (.xlsx)"),
        (b"\x81\x8d\x8f\x90\x9d;x\n", "is geen tekstbestand in UTF-8 of Windows-1252"),
    ],
)
def test_unreadable_exports(tmp_path: Path, content: bytes, message: str) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        pvs.run_batch(export, output=tmp_path / "uit")
    assert message in caught.value.message


def test_cli_batch_reports_skipped_rows_and_exits_1(tmp_path: Path) -> None:
    export = _write_export(tmp_path, ["Stamnr;Roepnaam;Achternaam", "1;Kim;Visser", "2;;"])
    result = CliRunner().invoke(cli, ["batch", str(export), "-o", str(tmp_path / "uit")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "2 rijen: 1 geschreven, 0 waren al klaar, 1 overgeslagen." in lines
    assert "  - rij 3: Deze rij heeft geen roepnaam en geen achternaam." in lines
    assert "Paspoorten: 2 van 2" in lines
    assert "\r" not in result.stderr  # not a terminal: full lines, none rewritten


def test_cli_batch_without_name_columns_asks_for_a_mapping(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["batch", str(EXPORTS / "tabs-eigen-kolommen.csv"), "-o", str(tmp_path / "uit")]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"Fout: pvs vond in de eerste 30 rijen van {EXPORTS / 'tabs-eigen-kolommen.csv'} geen "
        "kopregel met kolommen voor de roepnaam en de achternaam. Geef met --mapping aan welke "
        "kolommen dat zijn.\n"
    )


def test_cli_batch_with_mapping_and_unknown_format(tmp_path: Path) -> None:
    export = EXPORTS / "tabs-eigen-kolommen.csv"
    runner = CliRunner()
    ok = runner.invoke(
        cli,
        [
            "batch",
            str(export),
            "-o",
            str(tmp_path / "uit"),
            "--mapping",
            str(export.with_suffix(".mapping.json")),
            "--format",
            "docx",
        ],
    )
    assert ok.exit_code == 0
    assert (tmp_path / "uit" / "77001 Fatima El Amrani.docx").exists()
    bad = runner.invoke(cli, ["batch", str(export), "-o", str(tmp_path / "uit"), "--format", "odt"])
    assert bad.exit_code == 2
    assert bad.stderr == "Fout: Onbekend formaat 'odt': kies pdf, docx of pdf,docx.\n"


def test_file_names_stay_short_in_bytes_and_unique() -> None:
    emoji = "\U0001f600" * 80
    stem = safe_stem(f"1 {emoji} Smit")
    assert len(stem.encode()) <= 150 and stem.startswith("1 \U0001f600")
    names = UniqueNames()
    claimed = [names.claim(safe_stem(f"{emoji} {n}")) for n in ("Smit", "Bos", "Smit")]
    assert len({c.casefold() for c in claimed}) == 3
    assert claimed[1] == claimed[0] + " (2)"


def test_many_namesakes_stay_quick() -> None:
    names = UniqueNames()
    claimed = [names.claim("Kim Visser") for _ in range(20_000)]  # quadratic once: minutes
    assert claimed[-1] == "Kim Visser (20000)"


def _write_export(tmp_path: Path, lines: list[str]) -> Path:
    export = tmp_path / "export.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return export


def test_a_value_the_form_cannot_hold_is_left_open_naming_its_column(tmp_path: Path) -> None:
    export = _write_export(
        tmp_path, ["Roepnaam;Achternaam;Route", "Kim;Visser;vervolgonderwijs", "Ana;Smit;varen"]
    )
    mapping = tmp_path / "kolommen.json"
    mapping.write_text('{"Route": "uitstroom.profiel"}', encoding="utf-8")
    result = pvs.run_batch(export, output=tmp_path / "uit", mapping=mapping, processes=1)
    assert [r.status for r in result.rows] == [WRITTEN, WRITTEN]
    assert (
        result.rows[1]
        .warnings[0]
        .startswith("Kolom 'Route': 'varen' past niet. Kies een van deze mogelijkheden")
    )
    assert result.rows[1].warnings[0].endswith("pvs liet het veld leeg.")
    assert pvs.read(tmp_path / "uit" / "Ana Smit.pdf").passport["jongere"]["roepnaam"] == "Ana"
    assert "geschreven;;Kolom 'Route'" in result.manifest.read_text(encoding="utf-8-sig")


def _die(task: Any) -> None:
    os._exit(9)  # as a worker the system stops for taking too much memory


def test_a_worker_that_dies_costs_its_rows_not_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_execute, "_write", _die)
    lines = ["Roepnaam;Achternaam", *(f"Kim;Visser{i}" for i in range(20))]
    result = pvs.run_batch(_write_export(tmp_path, lines), output=tmp_path / "uit", processes=1)
    assert [r.status for r in result.rows] == [SKIPPED] * 20  # also those sent after it died
    assert "pvs kon voor deze rij geen paspoort maken (BrokenProcessPool)" in result.rows[0].reason
    assert result.manifest.exists()


def test_a_control_character_is_replaced_and_noted(tmp_path: Path) -> None:
    export = _write_export(tmp_path, ["Roepnaam;Achternaam", "Ana\x01;Smit"])
    result = pvs.run_batch(export, output=tmp_path / "uit", formats=("pdf", "docx"), processes=1)
    assert result.rows[0].status == WRITTEN
    assert "Kolom 'Roepnaam': er stond een onzichtbaar stuurteken" in result.rows[0].warnings[0]
    docx = pvs.read(tmp_path / "uit" / "Ana\ufffd Smit.docx").passport
    assert docx["jongere"]["roepnaam"] == "Ana\ufffd"
