"""Data about teenagers never leaks: sensitive values stay out of every message, documents
record how long they may be kept, PDFs can be encrypted, and sensitive fields can be screened."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pytest
from click.testing import CliRunner

import pvs
from pvs.cli import cli
from pvs.documents.filling import REDACTED, complete_meta, retention_date
from pvs.model.formmodel import Kind, load_form_model
from pvs.model.paths import assemble
from tests.conftest import SAMPLES, load_json

MARK = "GEHEIM"


def marked_passport() -> dict[str, Any]:
    """Sample 10 with a unique marker in every sensitive text field."""
    data = load_json(SAMPLES / "10-daan-van-den-berg.json")
    values = {}
    for field in load_form_model().fillable_fields():
        if field.sensitive and field.kind in (Kind.TEXT, Kind.LONG_TEXT):
            values[field.path] = f"{MARK}-{field.path}"
    marked = assemble(values)
    for section, content in marked.items():
        _merge(data.setdefault(section, {}), content)
    return data


def _merge(target: Any, source: Any) -> None:
    if isinstance(source, dict):
        for key, value in source.items():
            if isinstance(value, dict | list) and key in target:
                _merge(target[key], value)
            else:
                target[key] = value
    elif isinstance(source, list):
        while len(target) < len(source):
            target.append({})
        for i, item in enumerate(source):
            _merge(target[i], item)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), prog_name="pvs")


def said(result: Any) -> str:
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("geheim")
    data = marked_passport()
    paths = {"json": folder / "paspoort.json"}
    paths["json"].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for fmt in ("pdf", "docx"):
        paths[fmt] = folder / f"paspoort.{fmt}"
        assert invoke("render", str(paths["json"]), "-o", str(paths[fmt])).exit_code == 0
    broken = dict(data)
    broken["wat_heb_ik_nodig"] = {**data["wat_heb_ik_nodig"], "opp": f"{MARK}-opp"}
    paths["broken"] = folder / "kapot.json"
    paths["broken"].write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    no_consent = json.loads(json.dumps(data))
    no_consent["toestemming"]["delen_met"]["begeleider"]["gegeven"] = False
    paths["no_consent"] = folder / "geen-toestemming.json"
    paths["no_consent"].write_text(json.dumps(no_consent, ensure_ascii=False), encoding="utf-8")
    return paths


def test_the_markers_are_really_in_the_documents(files: dict[str, Path]) -> None:
    text = json.dumps(pvs.read(files["pdf"]).passport, ensure_ascii=False)
    assert text.count(MARK) > 20


@pytest.mark.parametrize("kind", ["json", "pdf", "docx", "broken"])
@pytest.mark.parametrize("stage", ["intake", "plaatsing"])
def test_check_never_shows_a_sensitive_value(files: dict[str, Path], kind: str, stage: str) -> None:
    for extra in ([], ["--json"]):
        result = invoke("check", "--stage", stage, str(files[kind]), *extra)
        assert result.exit_code in (0, 1)
        assert MARK not in said(result)


def test_render_and_extract_keep_values_in_their_files_only(
    files: dict[str, Path], tmp_path: Path
) -> None:
    for fmt in ("pdf", "docx"):
        rendered = invoke("render", str(files["json"]), "-o", str(tmp_path / f"p.{fmt}"))
        extracted = invoke(
            "extract",
            str(files[fmt]),
            "-o",
            str(tmp_path / f"{fmt}.json"),
            "--verslag",
            str(tmp_path / f"{fmt}-verslag.json"),
        )
        assert (rendered.exit_code, extracted.exit_code) == (0, 0)
        assert MARK not in said(rendered) + said(extracted)
        assert MARK in (tmp_path / f"{fmt}.json").read_text(encoding="utf-8")
        assert MARK not in (tmp_path / f"{fmt}-verslag.json").read_text(encoding="utf-8")


def test_failure_paths_name_the_field_never_the_value(
    files: dict[str, Path], tmp_path: Path
) -> None:
    refused = invoke("render", str(files["broken"]), "-o", str(tmp_path / "x.pdf"))
    assert refused.exit_code == 1 and "wat_heb_ik_nodig.opp" in refused.stderr
    no_plan = invoke("plan", str(files["no_consent"]), "-o", str(tmp_path / "plan.docx"))
    assert no_plan.exit_code == 1
    for result in (refused, no_plan):
        assert MARK not in said(result)


def test_plan_and_intake_messages_stay_clean(files: dict[str, Path], tmp_path: Path) -> None:
    plan = invoke("plan", str(files["json"]), "--format", "json", "-o", str(tmp_path / "p.json"))
    overview = invoke("intake", str(files["pdf"].parent), "-o", str(tmp_path / "o.csv"))
    assert (plan.exit_code, overview.exit_code) == (0, 0)
    assert MARK not in said(plan) + said(overview)
    assert MARK not in (tmp_path / "o.csv").read_text(encoding="utf-8-sig")
    asked = invoke("intake", str(files["pdf"].parent), "-o", str(tmp_path / "g.csv"), "--gevoelig")
    assert MARK in (tmp_path / "g.csv").read_text(encoding="utf-8-sig")
    assert MARK not in said(asked)


def test_batch_with_a_sensitive_column_keeps_it_out_of_the_manifest(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        f"Stamnr;Roepnaam;Achternaam;Situatie;Klas\n1;Kim;Visser;{MARK}-thuis;4B\n"
        f"2;Tom;Bos;{MARK}-thuis;=1+1\n3;Ana;Smit;{MARK}-Ã«;4B\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"Situatie": "wie_ben_ik.persoonlijke_situatie"}', encoding="utf-8")
    result = invoke(
        "batch",
        str(export),
        "-o",
        str(tmp_path / "uit"),
        "--mapping",
        str(mapping),
        "--processen",
        "1",
    )
    assert result.exit_code == 0  # row 3 holds a formula: a warning, and Tom gets his passport
    assert "Kolom 'Klas': een formule" in said(result) + (
        tmp_path / "uit" / "overzicht-batch.csv"
    ).read_text(encoding="utf-8-sig")
    assert MARK not in said(result)
    assert MARK not in (tmp_path / "uit" / "overzicht-batch.csv").read_text(encoding="utf-8-sig")
    assert MARK in json.dumps(pvs.read(tmp_path / "uit" / "1 Kim Visser.pdf").passport)


def test_an_internal_error_never_quotes_what_it_was_holding(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: Any) -> None:
        raise ValueError(f"{MARK}: iets ging mis met deze waarde")

    monkeypatch.setattr("pvs.documents.pdf.render.render_pdf", explode)
    result = invoke("render", str(files["json"]), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 70
    assert MARK not in said(result) and "Traceback" not in said(result)


# --- retention, encryption, screening --------------------------------------------------------


@pytest.mark.parametrize(
    ("made", "years", "keep"),
    [
        (date(2026, 11, 28), 2, date(2029, 7, 31)),
        (date(2027, 3, 1), 2, date(2029, 7, 31)),
        (date(2027, 8, 1), 2, date(2030, 7, 31)),
        (date(2027, 3, 1), 5, date(2032, 7, 31)),
    ],
)
def test_retention_is_counted_from_the_end_of_the_school_year(
    made: date, years: int, keep: date
) -> None:
    assert retention_date(made, years) == keep


def test_every_document_records_version_creation_and_retention(tmp_path: Path) -> None:
    source = tmp_path / "p.json"
    source.write_text('{"jongere": {"roepnaam": "Kim"}}', encoding="utf-8")
    for fmt in ("pdf", "docx"):
        target = tmp_path / f"p.{fmt}"
        result = invoke(
            "render",
            str(source),
            "-o",
            str(target),
            "--datum",
            "01-03-2027",
            "--bewaartermijn",
            "3",
        )
        assert result.exit_code == 0
        if fmt == "pdf":
            with pikepdf.open(target) as pdf:
                info = {k: str(v) for k, v in pdf.docinfo.items()}
            assert info["/PvsSchemaVersie"] == pvs.SCHEMA_VERSION
            assert (info["/PvsAangemaakt"], info["/PvsBewarenTot"]) == ("2027-03-01", "2030-07-31")
        else:
            props = docx.Document(str(target)).core_properties
            assert props.comments == "Aangemaakt op 2027-03-01; bewaren tot 2030-07-31"
    meta = complete_meta({}, date(2027, 3, 1))["meta"]
    assert (meta["aangemaakt"], meta["bewaren_tot"]) == ("2027-03-01", "2029-07-31")


def test_encrypted_pdf_for_email(tmp_path: Path) -> None:
    target = tmp_path / "p.pdf"
    result = CliRunner().invoke(
        cli,
        ["render", str(SAMPLES / "02-sukru-yilmaz.json"), "-o", str(target)],
        env={"PVS_WACHTWOORD": "s3cret"},
    )
    assert result.exit_code == 0
    with pikepdf.open(target, password="s3cret") as pdf:
        assert pdf.is_encrypted and pdf.encryption.R == 6  # AES-256
    assert invoke("extract", str(target)).exit_code == 3
    assert invoke("extract", str(target), "--wachtwoord", "s3cret").exit_code == 0
    word = invoke(
        "render",
        str(SAMPLES / "02-sukru-yilmaz.json"),
        "-o",
        str(tmp_path / "p.docx"),
        "--wachtwoord",
        "s3cret",
    )
    assert word.exit_code == 2 and "niet met een wachtwoord beveiligen" in word.stderr


def test_batch_encrypts_with_the_password_from_the_environment(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("Stamnr;Roepnaam;Achternaam\n1;Kim;Visser\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["batch", str(export), "-o", str(tmp_path / "uit")], env={"PVS_WACHTWOORD": "s3cret"}
    )
    assert result.exit_code == 0
    with pikepdf.open(tmp_path / "uit" / "1 Kim Visser.pdf", password="s3cret") as pdf:
        assert pdf.is_encrypted


def test_screening_replaces_sensitive_text_and_drops_other_sensitive_values(
    files: dict[str, Path], tmp_path: Path
) -> None:
    rendered = invoke("render", str(files["json"]), "-o", str(tmp_path / "a.pdf"), "--redact")
    extracted = invoke("extract", str(files["pdf"]), "--afschermen")
    assert (rendered.exit_code, extracted.exit_code) == (0, 0)
    for data in (pvs.read(tmp_path / "a.pdf").passport, json.loads(extracted.stdout)):
        text = json.dumps(data, ensure_ascii=False)
        assert MARK not in text and REDACTED in text
        need = data["wat_heb_ik_nodig"]["behoeften"][0]
        assert need["wat_helpt"] == REDACTED and "gebied" not in need
        assert data["jongere"]["roepnaam"] == "Daan"  # not sensitive, kept
