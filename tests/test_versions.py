"""Every passport an older pvs made keeps working: read with the fields it had, then upgraded.

tests/fixtures/v1.0/ holds files pvs 1.0 made (JSON, its PDF and Word forms, and what other
programs made of them), each with what pvs 1.0 read from it. Adding a file there adds a case.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

import pvs
from pvs.cli import cli
from pvs.documents.extraction import Note
from pvs.documents.pdf.font import REGULAR
from pvs.documents.pdf.layout import LAYOUT_VERSION, layout, widgets_by_path
from pvs.documents.pdf.layouts import frozen_file, frozen_text, placements, read_frozen
from pvs.model import paths
from pvs.model.formmodel import Field, Kind, load_form_model
from pvs.model.migrations import VERSION_PATH, can_upgrade, chain, upgrade, upgrade_path
from pvs.model.schema import (
    OLD_VERSIONS,
    SCHEMA_VERSION,
    old_passport_schema,
    registry,
    validator,
)
from pvs.model.versions import KNOWN_VERSIONS, form_model
from tests.conftest import ROOT
from tests.strategies import passports, value_for

OLD = "1.0"
FROZEN = ROOT / "tests" / "fixtures" / "v1.0"
MOVED = ("uitstroom.werkwens.doelgroepregister", "proces.doelgroepregister")


def frozen_files() -> list[Path]:
    """Every 1.0 passport file kept: JSON samples, volledig.json, and each PDF and Word file."""
    found = [*FROZEN.glob("*.pdf"), *FROZEN.glob("*.docx"), *FROZEN.rglob("*.json")]
    return sorted(p for p in found if not p.name.endswith(".expected.json"))


def expected_1_0(file: Path) -> dict[str, Any]:
    """What pvs 1.0 read from `file`: a JSON passport is itself, a form has its .expected.json.

    Only a date as people write it (14-03-2009, which 1.0 refused) is read as the date it is:
    pvs keeps dates as jjjj-mm-dd in JSON and reads both forms (tests/test_dates.py)."""
    source = file if file.suffix == ".json" else file.with_name(f"{file.stem}.expected.json")
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return paths.transform(data, _date_as_read)  # type: ignore[no-any-return]


_PEOPLES_DATE = re.compile(r"(\d{2})-(\d{2})-(\d{4})")


def _date_as_read(path: str, value: Any) -> Any:
    field = form_model(OLD).node(path)
    match = _PEOPLES_DATE.fullmatch(value) if isinstance(value, str) else None
    if not (isinstance(field, Field) and field.kind == Kind.DATE and match):
        return value
    day, month, year = match.groups()
    return f"{year}-{month}-{day}"


def carried(path: str, value: Any, version: str) -> tuple[str, Any]:
    """Where a value read at `path` in a file of `version` must be after upgrading, and as what:
    the step's new path, and the new name of a renamed choice."""
    for step in chain(version):
        path = step.new_path(path)
        names = step.renamed.get(path, {})
        if isinstance(value, str | int) and not isinstance(value, bool) and value in names:
            value = names[value]
        if path == VERSION_PATH:
            value = step.target
    return path, value


def assert_nothing_lost(old: dict[str, Any], new: dict[str, Any], version: str) -> None:
    """Every value of the old data is in the new data where it belongs; nothing else was added
    but the version."""
    for path, value in paths.walk(old):
        where, carried_value = carried(path, value, version)
        assert paths.lookup(new, where) == carried_value, path
    added = 0 if paths.lookup(old, VERSION_PATH) is not None else 1
    assert len(list(paths.walk(new))) == len(list(paths.walk(old))) + added


def old_validator(version: str) -> Draft202012Validator:
    return Draft202012Validator(
        old_passport_schema(version),
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


# --- every kept 1.0 file reads under the current version --------------------------------------


def test_the_frozen_folder_has_every_kind_of_file() -> None:
    suffixes = {p.suffix for p in frozen_files()}
    assert suffixes == {".json", ".pdf", ".docx"}
    assert len(frozen_files()) >= 20  # 12 samples, volledig.json, 6 PDFs, 2 Word files


@pytest.mark.parametrize("file", frozen_files(), ids=lambda p: str(p.relative_to(FROZEN)))
def test_every_1_0_file_reads_as_its_upgraded_data(file: Path) -> None:
    expected = upgrade(expected_1_0(file), OLD)
    result = pvs.read(file)
    assert result.passport == expected.data
    assert result.passport["meta"]["schema_versie"] == SCHEMA_VERSION
    assert result.schema_version == OLD
    # The general note first, then one per change at its field's current path; nothing else.
    assert result.notes == [
        Note("", expected.notes[0]),
        *(Note(change.path, change.message) for change in expected.changes),
    ]
    assert "schemaversie 1.0" in result.notes[0].message


@pytest.mark.parametrize(
    "file",
    [p for p in frozen_files() if p.suffix != ".json"],
    ids=lambda p: p.name,
)
def test_a_1_0_form_gives_every_source_at_its_current_path(file: Path) -> None:
    result = pvs.read(file)
    model = load_form_model()
    assert set(result.sources) == {path for path, _ in paths.walk(result.passport)}
    assert all(isinstance(model.node(path), Field) for path in result.sources)
    old, new = MOVED
    assert old not in result.sources
    assert new in result.sources
    assert paths.lookup(result.passport, new) == "aangevraagd"
    assert paths.lookup(result.passport, "proces.aanmeldstatus") == "plaats_aangeboden"


def test_extract_reports_the_version_a_file_had_and_its_sources_now(tmp_path: Path) -> None:
    out, report = tmp_path / "terug.json", tmp_path / "verslag.json"
    source = FROZEN / "volledig-mutool-printed.pdf"
    result = CliRunner().invoke(
        cli, ["extract", str(source), "-o", str(out), "--verslag", str(report)]
    )
    assert result.exit_code == 0, result.output
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["schemaversie"] == OLD
    assert written["bronnen"][MOVED[1]] == pvs.PAGE_LAYOUT and MOVED[0] not in written["bronnen"]
    assert written["bij_het_lezen"][0]["pad"] == ""
    assert "Let op: Dit paspoort is gemaakt met schemaversie 1.0" in result.stderr
    expected = upgrade(expected_1_0(source), OLD).data
    assert json.loads(out.read_text(encoding="utf-8")) == expected


def test_printed_and_flattened_1_0_copies_are_read_from_the_page() -> None:
    for name in ("mutool-printed", "pdftk-flattened", "qpdf-flattened"):
        result = pvs.read(FROZEN / f"volledig-{name}.pdf")
        assert set(result.sources.values()) == {pvs.PAGE_LAYOUT}, name


@pytest.mark.parametrize("file", frozen_files(), ids=lambda p: str(p.relative_to(FROZEN)))
def test_nothing_a_1_0_file_held_is_lost(file: Path) -> None:
    old = expected_1_0(file)
    assert_nothing_lost(old, pvs.read(file).passport, OLD)


def valid_1_0_files() -> list[Path]:
    """The kept 1.0 JSON files valid against the 1.0 schema (12-kevin-ongeldig is not, on
    purpose)."""
    files = sorted(FROZEN.rglob("*.json"))
    return [f for f in files if old_validator(OLD).is_valid(json.loads(f.read_text("utf-8")))]


@pytest.mark.parametrize("file", valid_1_0_files(), ids=lambda p: p.name)
def test_a_valid_1_0_passport_is_a_valid_current_one(file: Path) -> None:
    """Valid against the schema, that is; the rules beyond it may ask more of a passport."""
    old = json.loads(file.read_text(encoding="utf-8"))
    assert list(validator(None).iter_errors(upgrade(old, OLD).data)) == []


@st.composite
def old_passports(draw: st.DrawFn) -> dict[str, Any]:
    """1.0 passport data, often holding the values the upgrade moves or renames."""
    data = draw(passports(version=OLD))
    model = form_model(OLD)
    for path in (MOVED[0], "proces.aanmeldstatus"):
        field = model.node(path)
        assert isinstance(field, Field)
        if draw(st.booleans()):
            values = paths.assemble({path: draw(value_for(field))})
            section = data.setdefault(path.split(".")[0], {})
            section.update(values[path.split(".")[0]])
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old_passports())
def test_upgrading_generated_1_0_data_loses_nothing_and_stays_valid(old: dict[str, Any]) -> None:
    upgraded = upgrade(old, OLD)
    assert_nothing_lost(old, upgraded.data, OLD)
    assert upgrade(upgraded.data, SCHEMA_VERSION).data is upgraded.data  # current stays
    read = pvs.read(json.dumps(old).encode(), name="oud.json")
    assert (read.passport, read.schema_version) == (upgraded.data, OLD)
    if old_validator(OLD).is_valid(old):
        assert list(validator(None).iter_errors(upgraded.data)) == []


def test_every_known_version_upgrades_to_the_current_one() -> None:
    assert KNOWN_VERSIONS[-1] == SCHEMA_VERSION
    for version in KNOWN_VERSIONS:
        assert can_upgrade(version)
        assert form_model(version).node(VERSION_PATH) is not None
    assert upgrade_path(MOVED[0], OLD) == MOVED[1]


# --- the layouts of printed copies ------------------------------------------------------------


def test_the_kept_1_0_layout_places_only_fields_of_1_0() -> None:
    kept = json.loads(frozen_file(OLD, 1).read_text(encoding="utf-8"))
    assert (kept["schemaversie"], kept["opmaak"], kept["paginas"]) == (OLD, 1, 20)
    placed = placements(OLD, 1, "oud.pdf")
    assert sum(len(widgets) for widgets in placed.values()) == len(kept["widgets"])
    assert all(w.field is form_model(OLD).node(path) for path, ws in placed.items() for _, w in ws)
    assert MOVED[0] in placed and MOVED[1] not in placed


def test_the_current_layout_kept_as_data_reads_back_the_same() -> None:
    """What tools/freeze_layout.py writes before a change is what pvs reads afterwards."""
    kept = read_frozen(frozen_text(layout()), load_form_model())
    assert kept == widgets_by_path()
    assert placements(SCHEMA_VERSION, LAYOUT_VERSION, "nu.pdf") == widgets_by_path()


def test_the_current_layout_is_kept_and_no_box_moved_since() -> None:
    """Printed copies of today's form are read by where today's layout puts each box. A change
    that moves a box without raising LAYOUT_VERSION (or the schema version) would misread every
    copy printed before it: this fails first. Raise the version, then run
    tools/freeze_layout.py to keep the new layout too."""
    kept = frozen_file(SCHEMA_VERSION, LAYOUT_VERSION)
    assert kept.exists(), "run tools/freeze_layout.py"
    assert kept.read_text(encoding="utf-8") == frozen_text(layout())


@pytest.mark.parametrize("pair", [(SCHEMA_VERSION, LAYOUT_VERSION + 1), (OLD, 2), ("9.9", 1)])
def test_a_layout_pvs_does_not_know_is_refused(pair: tuple[str, int]) -> None:
    version, layout_version = pair
    with pytest.raises(pvs.UnreadableFile) as caught:
        placements(version, layout_version, "afdruk.pdf")
    assert caught.value.message == (
        f"afdruk.pdf is een afgedrukt of platgemaakt paspoort in opmaak {layout_version} van "
        f"schemaversie {version}; die opmaak kent deze pvs niet. Werk pvs bij, of vraag om het "
        "PDF-formulier zelf."
    )


# --- versions pvs does not read ---------------------------------------------------------------

NEWER = (
    "is gemaakt met een nieuwere versie van pvs (schemaversie {v}). Deze pvs leest paspoorten "
    f"tot en met schemaversie {SCHEMA_VERSION}. Werk pvs bij naar de nieuwste versie en probeer "
    "het opnieuw."
)
JUNK = (
    "heeft schemaversie '{v}', maar dat is geen versie die pvs kent (pvs leest versie 1.0 en "
    "1.1). Is het bestand met de hand aangepast? Maak het paspoort dan opnieuw met pvs."
)
VERSIONS = [("1.2", NEWER), ("2.0", NEWER), ("0.9", JUNK), ("1.0.1", JUNK)]


def json_with(version: str) -> bytes:
    return json.dumps({"meta": {"schema_versie": version}, "jongere": {"roepnaam": "Sam"}}).encode()


def word_with(version: str) -> bytes:
    """The kept 1.0 Word passport with another version in its control meta.schema_versie."""
    source = zipfile.ZipFile(FROZEN / "volledig.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                pattern = rb'(w:val="meta\.schema_versie".*?<w:t xml:space="preserve">)1\.0(</w:t>)'
                content, count = re.subn(pattern, rb"\g<1>" + version.encode() + rb"\2", content)
                assert count == 1
            target.writestr(item, content)
    return out.getvalue()


def footer_with(version: str) -> bytes:
    """A printed page with nothing on it but pvs's footer, naming `version`."""
    pdfmetrics.registerFont(TTFont("PvsVersie", str(REGULAR)))
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("PvsVersie", 7)
    canvas.drawString(42, 36, f"Paspoort voor Succes · schemaversie {version} · opmaak 1")
    canvas.save()
    return buffer.getvalue()


MAKERS = {"json": json_with, "docx": word_with, "pdf": footer_with}


@pytest.mark.parametrize(("version", "message"), VERSIONS, ids=[v for v, _ in VERSIONS])
@pytest.mark.parametrize("kind", list(MAKERS))
def test_a_version_pvs_does_not_read_is_refused_with_what_to_do(
    tmp_path: Path, kind: str, version: str, message: str
) -> None:
    file = tmp_path / f"paspoort.{kind}"
    file.write_bytes(MAKERS[kind](version))
    for command in (["check", str(file)], ["extract", str(file), "-o", str(tmp_path / "x.json")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 3, result.output
        assert result.stderr == f"Fout: {file} {message.format(v=version)}\n"
    assert not (tmp_path / "x.json").exists()


def test_a_version_that_is_no_text_is_not_quoted(tmp_path: Path) -> None:
    with pytest.raises(pvs.UnreadableFile) as caught:
        pvs.read(json.dumps({"meta": {"schema_versie": {"x": "ik heb ADHD"}}}).encode())
    assert caught.value.message.startswith("paspoort heeft een schemaversie die pvs niet kent")
    assert "ADHD" not in caught.value.message


def test_a_json_without_a_version_is_read_as_today() -> None:
    data = {"jongere": {"roepnaam": "Sam"}}
    result = pvs.read(json.dumps(data).encode())
    assert (result.passport, result.schema_version, result.notes) == (data, SCHEMA_VERSION, [])


# --- the front door ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def volledig() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FROZEN / "volledig.json").read_text(encoding="utf-8"))
    return data


def test_pvs_upgrade_says_what_changed(volledig: dict[str, Any]) -> None:
    upgraded = pvs.upgrade(volledig)
    assert isinstance(upgraded, pvs.Upgraded)
    assert (upgraded.source, upgraded.changed) == (OLD, True)
    assert [c.path for c in upgraded.changes] == [
        "proces.doelgroepregister",
        "proces.aanmeldstatus",
    ]
    assert volledig["meta"]["schema_versie"] == OLD  # the caller's data is left as it was
    again = pvs.upgrade(upgraded.data)
    assert (again.data, again.changed, again.notes) == (upgraded.data, False, ())
    with pytest.raises(pvs.UnreadableFile) as caught:
        pvs.upgrade({"meta": {"schema_versie": "2.0"}})
    assert caught.value.exit_code == 3
    assert caught.value.message == "Het paspoort " + NEWER.format(v="2.0")


def test_check_render_and_plan_upgrade_an_older_passport_first(volledig: dict[str, Any]) -> None:
    current = pvs.upgrade(volledig).data
    for stage in (None, *pvs.STAGES):
        assert pvs.check(volledig, stage).to_dict() == pvs.check(current, stage).to_dict()
    day = date(2027, 4, 1)
    assert pvs.render(volledig, "pdf", date=day) == pvs.render(current, "pdf", date=day)
    plan = pvs.plan(volledig, plan_date=day).to_dict()
    assert plan == pvs.plan(current, plan_date=day).to_dict()


def test_an_intake_over_1_0_files_reads_every_one(tmp_path: Path) -> None:
    """Pupils return last year's forms: the intake reads every one (the expected data too)."""
    target = tmp_path / "overzicht.csv"
    summary = pvs.run_intake([FROZEN], output=target, processes=2, reference_date=date(2027, 1, 1))
    kept = [p for p in FROZEN.rglob("*") if p.is_file()]  # README.md: "geen paspoort"
    assert (summary.files, summary.unreadable, summary.not_passports) == (len(kept), 0, 1)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        versions = {row["schemaversie"] for row in rows if row["gelezen"] != "geen paspoort"}
    assert versions == {f"1.0 (bijgewerkt naar {SCHEMA_VERSION})"}  # the intaker sees it


# --- pvs upgrade ------------------------------------------------------------------------------


def upgrade_command(*args: str) -> Result:
    return CliRunner().invoke(cli, ["upgrade", *args])


def test_pvs_upgrade_writes_the_current_json_and_says_what_changed(tmp_path: Path) -> None:
    target = tmp_path / "nieuw.json"
    source = FROZEN / "volledig.json"
    result = upgrade_command(str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    expected = pvs.upgrade(json.loads(source.read_text(encoding="utf-8")))
    assert json.loads(target.read_text(encoding="utf-8")) == expected.data
    assert result.stdout == ""
    assert (
        result.stderr
        == "\n".join(
            [f"Bijgewerkt paspoort geschreven naar {target}.", *(f"- {n}" for n in expected.notes)]
        )
        + "\n"
    )
    assert "Dit paspoort is gemaakt met schemaversie 1.0" in result.stderr


def test_pvs_upgrade_of_a_current_file_says_so(tmp_path: Path) -> None:
    source = ROOT / "samples" / "01-sanne-de-vries.json"
    target = tmp_path / "zelfde.json"
    result = upgrade_command(str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text("utf-8")) == json.loads(source.read_text("utf-8"))
    assert result.stderr == (
        f"{source} heeft al schemaversie {SCHEMA_VERSION}; er was niets bij te werken. "
        f"Ongewijzigd geschreven naar {target}.\n"
    )


def test_pvs_upgrade_of_a_file_without_a_version_changes_nothing(tmp_path: Path) -> None:
    source, target = tmp_path / "zonder.json", tmp_path / "uit.json"
    source.write_text(json.dumps({"jongere": {"roepnaam": "Sam"}}), encoding="utf-8")
    result = upgrade_command(str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text("utf-8")) == {"jongere": {"roepnaam": "Sam"}}
    assert result.stderr == (
        f"{source} noemt geen schemaversie; pvs leest het als versie {SCHEMA_VERSION} en heeft "
        f"niets bijgewerkt. Ongewijzigd geschreven naar {target}.\n"
    )


def test_pvs_upgrade_in_place(tmp_path: Path) -> None:
    file = tmp_path / "oud.json"
    file.write_bytes((FROZEN / "samples" / "04-lukasz-wisniewski.json").read_bytes())
    assert upgrade_command(str(file), "-o", str(file)).exit_code == 0
    assert json.loads(file.read_text("utf-8"))["meta"]["schema_versie"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("name", "kind"),
    [("volledig-pvs.pdf", "een PDF"), ("volledig.docx", "een Word-document")],
)
def test_pvs_upgrade_sends_a_form_to_pvs_extract(tmp_path: Path, name: str, kind: str) -> None:
    target = tmp_path / "uit.json"
    disguised = tmp_path / "vermomd.json"  # known by its content once read
    disguised.write_bytes((FROZEN / name).read_bytes())
    for source in (FROZEN / name, disguised):
        result = upgrade_command(str(source), "-o", str(target))
        assert result.exit_code == 2
        assert result.stderr == (
            f"Fout: {source} is {kind}, geen JSON-paspoort. Lees het met 'pvs extract {source} "
            f"-o {target}': dat werkt het paspoort ook bij.\n"
        )
    assert not target.exists()


def test_pvs_upgrade_refuses_what_it_cannot_read_or_write(tmp_path: Path) -> None:
    newer = tmp_path / "nieuwer.json"
    newer.write_bytes(json_with("2.0"))
    result = upgrade_command(str(newer), "-o", str(tmp_path / "uit.json"))
    assert (result.exit_code, result.stderr) == (3, f"Fout: {newer} {NEWER.format(v='2.0')}\n")
    missing = upgrade_command(str(tmp_path / "weg.json"), "-o", str(tmp_path / "uit.json"))
    assert missing.exit_code == 2 and "bestaat niet" in missing.stderr
    nowhere = tmp_path / "geen-map" / "uit.json"
    unwritable = upgrade_command(str(FROZEN / "volledig.json"), "-o", str(nowhere))
    assert unwritable.exit_code == 2 and "Traceback" not in unwritable.output
    assert upgrade_command(str(FROZEN / "volledig.json")).exit_code == 2  # -o is required


def test_the_old_versions_are_kept_as_data() -> None:
    assert OLD in OLD_VERSIONS
    for version in OLD_VERSIONS:
        assert (
            old_passport_schema(version)["properties"]["meta"]["properties"]["schema_versie"][
                "const"
            ]
            == version
        )


@pytest.mark.parametrize("version", ["1.2", "abc"])
def test_render_refuses_a_version_it_could_not_read_back(version: str) -> None:
    """A form claiming a version pvs does not know would be refused when it comes back."""
    with pytest.raises(pvs.UnreadableFile, match="schemaversie"):
        pvs.render({"meta": {"schema_versie": version}}, "pdf")
