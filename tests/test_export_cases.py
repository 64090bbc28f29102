"""Issue 13: exports as Magister and Somtoday make them; every pupil with a name gets a passport,
and every doubt is named per row, in the result and in the manifest.

Each export in tests/fixtures/exports/issue13/ (made by tests/export_tools.py) has an
expectation written by hand, `<name>.verwacht.json`; adding a pair adds a case. A warning is
expected as the column it names (in quotes, as the manifest writes it) and a keyword it holds;
alternatives are split by '|', so the wording may change but not which column is meant.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import pvs
from pvs.errors import PvsError
from tests.export_tools import make_fixtures

CASES = Path(__file__).parent / "fixtures" / "exports" / "issue13"
EXPECTATIONS = sorted(CASES.glob("*.verwacht.json"))
RUN_DATE = date(2026, 11, 29)
MANIFEST_HEADER = [
    "Rij",
    "Leerlingnummer",
    "Naam",
    "Status",
    "Reden",
    "Waarschuwingen",
    "Bestanden",
]


@dataclass
class Case:
    """One export run once for all the tests of this module."""

    expected: dict[str, Any]
    folder: Path
    outcome: pvs.BatchResult | PvsError

    @property
    def result(self) -> pvs.BatchResult:
        if isinstance(self.outcome, PvsError):  # a failure, so the other cases still tell
            pytest.fail(f"pvs batch refused {self.expected['export']}: {self.outcome.message}")
        return self.outcome

    def rows(self) -> dict[int, dict[str, Any]]:
        return {r["rij"]: r for r in self.expected["rijen"]}

    def outcomes(self) -> dict[int, Any]:
        return {o.row: o for o in self.result.rows}

    def written(self) -> list[dict[str, Any]]:
        return [r for r in self.expected["rijen"] if r["status"] == "geschreven"]


@pytest.fixture(scope="module", params=EXPECTATIONS, ids=lambda p: p.name.split(".")[0])
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Case:
    expected = json.loads(request.param.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp(request.param.name.split(".")[0])
    mapping = CASES / expected["mapping"] if expected["mapping"] else None
    try:
        outcome: pvs.BatchResult | PvsError = pvs.run_batch(
            CASES / expected["export"],
            output=folder,
            mapping=mapping,
            processes=1,
            date=RUN_DATE,
        )
    except PvsError as error:
        outcome = error
    return Case(expected, folder, outcome)


def names(warning: str, column: str, keyword: str) -> bool:
    """Whether a warning names the column (in quotes) and holds one of the keywords, outside the
    column's own name (so 'Geb.datum' never counts as the word 'datum')."""
    quoted = f"'{column}'"
    if quoted not in warning:
        return False
    rest = warning.replace(quoted, " ").casefold()
    return any(word in rest for word in keyword.split("|"))


def check_warnings(found: list[str], row: dict[str, Any], columns: list[str]) -> None:
    expected = row["waarschuwingen"]
    where = f"row {row['rij']}"
    if not expected:
        assert found == [], f"{where} has no doubt, yet: {found}"
        return
    for item in expected:
        assert any(names(w, item["kolom"], item["woord"]) for w in found), (
            f"{where}: no warning names '{item['kolom']}' with '{item['woord']}': {found}"
        )
    meant = {item["kolom"] for item in expected}
    for warning in found:
        named = {c for c in columns if f"'{c}'" in warning}
        assert named and named <= meant, f"{where}: a warning about another column: {warning}"


def manifest_rows(path: Path) -> dict[int, dict[str, str]]:
    """The manifest's table by row number; lines around it (such as the columns used) are
    left alone."""
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    start = next(i for i, line in enumerate(lines) if line[:1] == ["Rij"])
    assert lines[start] == MANIFEST_HEADER
    return {
        int(line[0]): dict(zip(MANIFEST_HEADER, line, strict=False))
        for line in lines[start + 1 :]
        if line and line[0].isdigit()
    }


def value(passport: dict[str, Any], path: str) -> Any:
    here: Any = passport
    for key in path.split("."):
        if not isinstance(here, dict) or key not in here:
            return None
        here = here[key]
    return None if here == "" else here


def test_every_pupil_with_a_name_gets_a_passport(case: Case) -> None:
    outcomes = case.outcomes()
    assert sorted(outcomes) == sorted(case.rows()), "every data row is accounted for"
    assert {n: o.status for n, o in outcomes.items()} == {
        n: r["status"] for n, r in case.rows().items()
    }
    assert sum(o.status == "geschreven" for o in outcomes.values()) == case.expected["paspoorten"]


def test_a_skipped_row_says_why(case: Case) -> None:
    outcomes = case.outcomes()
    for number, row in case.rows().items():
        if row["status"] == "overgeslagen":
            assert row["reden"] in outcomes[number].reason.casefold()
            assert not outcomes[number].warnings


def test_each_doubt_is_a_warning_naming_its_column(case: Case) -> None:
    outcomes = case.outcomes()
    for row in case.written():
        check_warnings(outcomes[row["rij"]].warnings, row, case.expected["kolommen"])


def test_the_manifest_has_the_same_rows_and_warnings(case: Case) -> None:
    table = manifest_rows(case.result.manifest)
    assert sorted(table) == sorted(case.rows())
    for row in case.written():
        line = table[row["rij"]]
        assert line["Status"] == "geschreven"
        number = row["velden"].get("jongere.leerlingnummer")
        if number:
            assert line["Leerlingnummer"] == number  # leading zeros kept
        cell = line["Waarschuwingen"]
        check_warnings([cell] if cell else [], row, case.expected["kolommen"])
    for row in case.expected["rijen"]:
        if row["status"] == "overgeslagen":
            assert table[row["rij"]]["Status"] == "overgeslagen"
            assert row["reden"] in table[row["rij"]]["Reden"].casefold()


def test_the_passports_hold_the_values(case: Case) -> None:
    outcomes = case.outcomes()
    for row in case.written():
        files = outcomes[row["rij"]].files
        assert files, f"row {row['rij']} has no file"
        passport = pvs.read(case.folder / files[0]).passport
        wanted = {
            "school.onderwijstype": row["onderwijstype"],
            "school.leerjaar": row["leerjaar"],
            **row["velden"],
        }
        found = {path: value(passport, path) for path in wanted}
        assert found == wanted, f"row {row['rij']}"


def test_the_run_names_the_columns_it_leaves_alone(case: Case) -> None:
    plan = case.result.columns
    assert plan is not None, "the result says which column feeds which field"
    assert sorted(column for column, _ in plan.ignored) == sorted(case.expected["genegeerd"])
    used = {column for column, _ in plan.used}
    assert used == set(case.expected["kolommen"]) - set(case.expected["genegeerd"])
    manifest = case.result.manifest.read_text(encoding="utf-8-sig")
    for column in case.expected["genegeerd"]:
        assert column in manifest, f"the manifest names the ignored column {column}"


def test_the_pupil_sheet_can_be_named(tmp_path: Path) -> None:
    result = pvs.run_batch(
        CASES / "somtoday-info-blad.xlsx",
        output=tmp_path,
        sheet="Leerlingen",
        processes=1,
        date=RUN_DATE,
    )
    assert [(o.row, o.status) for o in result.rows] == [(n, "geschreven") for n in range(5, 11)]


def test_names_beyond_latin_1_and_leading_zeros_survive(tmp_path: Path) -> None:
    somtoday = pvs.run_batch(
        CASES / "somtoday-info-blad.xlsx", output=tmp_path / "s", processes=1, date=RUN_DATE
    )
    read = {
        o.name: pvs.read(tmp_path / "s" / o.files[0]).passport["jongere"] for o in somtoday.rows
    }
    assert read["Олена Коваленко"]["roepnaam"] == "Олена"
    assert read["Şükrü Yılmaz"]["achternaam"] == "Yılmaz"
    assert read["Łukasz Wiśniewski"]["achternaam"] == "Wiśniewski"
    magister = pvs.run_batch(
        CASES / "magister-profiel.csv", output=tmp_path / "m", processes=1, date=RUN_DATE
    )
    first = magister.rows[0]
    assert (first.number, first.name) == ("004130", "Sanne de Vries")
    passport = pvs.read(tmp_path / "m" / first.files[0]).passport
    assert passport["jongere"]["leerlingnummer"] == "004130"
    assert passport["jongere"]["roepnaam"] == "Sanne"


def test_the_exports_are_what_the_script_makes(tmp_path: Path) -> None:
    make_fixtures(tmp_path)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in CASES.iterdir() if ".verwacht." not in p.name)
    for name in made:
        assert (tmp_path / name).read_bytes() == (CASES / name).read_bytes(), name


def test_the_same_export_saved_by_libreoffice_calc_gives_the_same_passports(
    tmp_path: Path,
) -> None:
    """magister-profiel.csv opened in LibreOffice Calc (Windows-1252, ';') and saved as .xlsx,
    as a school does before mailing it: the same rows, names, statuses and warnings."""
    calc = Path(__file__).parent / "fixtures" / "exports" / "door-programmas"
    made = pvs.run_batch(
        CASES / "magister-profiel.csv", output=tmp_path / "csv", processes=1, date=RUN_DATE
    )
    saved = pvs.run_batch(
        calc / "magister-profiel-libreoffice-calc.xlsx",
        output=tmp_path / "xlsx",
        processes=1,
        date=RUN_DATE,
    )
    assert [(r.row, r.name, r.status, r.warnings) for r in saved.rows] == [
        (r.row, r.name, r.status, r.warnings) for r in made.rows
    ]
    # Calc read the pupil numbers as numbers: the leading zeros were gone before pvs saw them.
    assert (made.rows[0].number, saved.rows[0].number) == ("004130", "4130")
