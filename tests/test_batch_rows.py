"""One export row in, a passport out with a warning per doubt: never a pupil lost to a value."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pvs
from pvs.jobs.batch.columns import MappingFile, read_columns, read_mapping
from pvs.jobs.batch.rows import convert

TODAY = date(2026, 11, 29)
HEADER = ["Stamnr", "Roepnaam", "Achternaam", "Geb.datum", "Studie", "Profiel", "E-mailadres"]


def converted(*cells: str, header: list[str] = HEADER, mapping: MappingFile | None = None):  # type: ignore[no-untyped-def]
    columns = read_columns(header, mapping or MappingFile())
    return convert(dict(zip(header, cells, strict=True)), columns, TODAY)


def test_the_vmbo_profile_is_not_the_kind_of_school() -> None:
    result = converted("1", "Kim", "Visser", "14-03-2010", "4 vmbo-k", "Zorg en welzijn", "")
    assert result.data is not None
    assert result.data["school"] == {"onderwijstype": "vmbo-kb", "leerjaar": 4}
    assert result.warnings == ()
    plan = read_columns(HEADER, MappingFile()).plan
    assert (
        "Profiel",
        "het vmbo-profiel, zoals EM of Zorg en welzijn; het paspoort vraagt daar niet naar",
    ) in plan.ignored
    assert ("Studie", "soort onderwijs en leerjaar") in plan.used


def test_a_combined_class_is_left_open_with_a_warning() -> None:
    result = converted("1", "Kim", "Visser", "14-03-2010", "4 BB/KB", "", "")
    assert result.data is not None and result.data["school"] == {"leerjaar": 4}
    assert result.warnings == (
        "Kolom 'Studie': '4 BB/KB' is een combinatieklas; pvs kiest de soort onderwijs niet, "
        "de leerling vult die zelf in.",
    )


def test_doubtful_values_cost_a_warning_not_the_passport() -> None:
    result = converted("1", "Kim", "Visser", "01-01-2016", "HAVO 5", "", "geen-email")
    assert result.data is not None
    assert result.data["jongere"] == {
        "roepnaam": "Kim",
        "achternaam": "Visser",
        "geboortedatum": "2016-01-01",  # kept: it is what the export says
        "leerlingnummer": "1",
    }
    assert result.warnings == (
        "Kolom 'Geb.datum': met geboortedatum 01-01-2016 is de leerling 10 jaar op 29-11-2026. "
        "Klopt die datum? pvs heeft hem wel overgenomen.",
        "Kolom 'E-mailadres': 'geen-email' is niet bruikbaar als e-mailadres; pvs liet het "
        "veld leeg.",
    )


def test_lost_and_garbled_letters_are_named_with_what_to_do() -> None:
    lost = converted("1", "?????", "Коваленко", "14-03-2010", "4 TL", "", "")
    assert lost.warnings[0].startswith("Kolom 'Roepnaam': in '?????' staan vraagtekens")
    assert "Exporteer opnieuw als CSV UTF-8 of als Excel-bestand (.xlsx)" in lost.warnings[0]
    garbled = converted("1", "ZoÃ«", "MÃ¼ller", "14-03-2010", "4 TL", "", "")
    assert garbled.warnings[0] == (
        "Kolom 'Roepnaam': 'ZoÃ«' lijkt verkeerd omgezet; bedoeld is waarschijnlijk 'Zoë'. "
        "Exporteer opnieuw als CSV UTF-8 of als Excel-bestand (.xlsx)."
    )
    assert converted("1", "Zoë", "Müller", "14-03-2010", "4 TL", "", "").warnings == ()


def test_only_a_row_without_any_name_is_skipped() -> None:
    assert converted("1", "", "", "14-03-2010", "4 TL", "", "").reason == (
        "Deze rij heeft geen roepnaam en geen achternaam."
    )
    one_name = converted("1", "", "Visser", "", "4 TL", "", "")
    assert one_name.data is not None
    assert one_name.warnings == (
        "Kolom 'Roepnaam' is leeg; de leerling vult de roepnaam zelf in.",
        "Kolom 'Geb.datum' is leeg; de leerling vult de geboortedatum zelf in.",
    )


def test_roepnaam_wins_over_voornaam_and_the_other_is_named() -> None:
    header = ["Voornaam", "Roepnaam", "Achternaam"]
    columns = read_columns(header, MappingFile())
    assert columns.targets == {"Roepnaam": "jongere.roepnaam", "Achternaam": "jongere.achternaam"}
    assert ("Voornaam", "kolom 'Roepnaam' vult dit veld al") in columns.plan.ignored
    assert columns.plan.notices[0].startswith("De export heeft geen kolom voor de geboortedatum")


def test_a_mapping_ignores_columns_and_translates_values(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    mapping = {
        "Studie": {"veld": "opleiding", "waarden": {"4 XT": "4 TL"}},
        "E-mailadres": None,
        "Profiel": "negeren",
    }
    path.write_text(json.dumps(mapping), encoding="utf-8")
    wanted = read_mapping(path)
    result = converted("1", "Kim", "Visser", "14-03-2010", "4 XT", "EM", "kim@x.nl", mapping=wanted)
    assert result.data is not None
    assert result.data["school"] == {"onderwijstype": "vmbo-tl", "leerjaar": 4}
    assert "email" not in result.data["jongere"]
    ignored = dict(read_columns(HEADER, wanted).plan.ignored)
    assert ignored["E-mailadres"] == ignored["Profiel"] == "zo staat het in de mapping"


def test_duplicate_pupil_numbers_warn_on_both_rows(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        "Stamnr;Roepnaam;Achternaam\n004120;Kim;Visser\n004121;Tom;Bos\n004120;Kim;Visser\n",
        encoding="utf-8",
    )
    result = pvs.run_batch(export, output=tmp_path / "uit", processes=1, date=TODAY)
    assert [len(r.files) for r in result.rows] == [1, 1, 1]
    assert result.rows[0].warnings == [
        "Kolom 'Stamnr': dit leerlingnummer staat ook in rij 4. Controleer of het dezelfde "
        "leerling is; pvs maakte voor beide rijen een paspoort."
    ]
    assert "rij 2" in result.rows[2].warnings[0] and result.rows[1].warnings == []
    assert result.columns is not None and result.columns.used[0] == (
        "Stamnr",
        "Leerlingnummer (jongere.leerlingnummer)",
    )


def test_an_excel_error_value_is_no_name() -> None:
    """A failed lookup in the school's sheet gives '#N/A'; a passport for 'Kim #N/A' is wrong
    data that looks right."""
    result = converted("1", "Kim", "#N/A", "01-01-2010", "#REF!", "", "")
    assert result.data is not None
    assert "achternaam" not in result.data["jongere"]
    assert result.warnings[0].startswith("Kolom 'Achternaam': een foutwaarde van Excel (#N/A)")
    assert any(
        w.startswith("Kolom 'Studie': een foutwaarde van Excel (#REF!)") for w in result.warnings
    )
