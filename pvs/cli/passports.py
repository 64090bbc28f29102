"""Commands on one passport at a time: check, render, extract, upgrade, fields, schema."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

import pvs
from pvs.cli import options
from pvs.cli.group import cli
from pvs.cli.printing import json_text, printable

FORM_NAMES = {"pdf": "een PDF", "docx": "een Word-document", "odt": "een LibreOffice-document"}
STAGE_HELP = (
    "Voor welke stap controleren: aanmelding, intake of plaatsing. Zonder deze optie "
    "controleert pvs alleen of wat is ingevuld klopt."
)


@cli.command()
@click.argument(
    "bestanden", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="BESTAND..."
)
@click.option("--stage", "-s", type=click.Choice(pvs.STAGES), help=STAGE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Schrijf het verslag als JSON.")
@options.open_password
def check(
    bestanden: tuple[Path, ...], stage: str | None, as_json: bool, wachtwoord: str | None
) -> None:
    """Controleer of een paspoort compleet is voor een stap van de route.

    Een paspoort mag JSON zijn, of een ingevulde PDF, een Word-document of een .odt uit
    LibreOffice. Toont alles wat nog ontbreekt of niet klopt, met per onderdeel hoeveel procent
    klaar is. Uitkomst: 0 compleet, 1 niet compleet of niet in orde, 3 bestand niet leesbaar.
    """
    worst = 0
    results: list[dict[str, Any]] = []
    for path in bestanden:
        code, result = _check_one(path, stage, as_json, wachtwoord)
        worst = max(worst, code)
        results.append(result)
    if as_json:
        click.echo(json_text(results[0] if len(results) == 1 else results), nl=False)
    sys.exit(worst)


def _check_one(
    path: Path, stage: str | None, as_json: bool, password: str | None
) -> tuple[int, dict[str, Any]]:
    try:
        result = pvs.read(path, password=password)
    except pvs.PvsError as error:
        click.echo(printable(f"Fout: {error.message}"), err=True)
        return error.exit_code, {"bestand": str(path), "fout": error.message}
    report = pvs.check(result.passport, stage)
    notes = [note.message for note in result.notes]
    notes += [f"Controleer: {doubt.message}" for doubt in result.doubts]
    if not as_json:
        text = report.to_text(str(path), pvs.display_name(result.passport), notes)
        click.echo(printable(text))
    return (0 if report.complete and result.vouched else 1), report.to_dict(str(path), notes)


@cli.command()
@click.argument(
    "bestand", required=False, type=click.Path(path_type=Path), metavar="[PASPOORT.json]"
)
@click.option("--blank", is_flag=True, help="Maak een leeg paspoort om in te vullen.")
@options.output("Het bestand dat pvs maakt, bijvoorbeeld paspoort.pdf.")
@options.encrypt_password
@click.option(
    "--afschermen",
    "--redact",
    "afschermen",
    is_flag=True,
    help="Vervang gevoelige gegevens (gezondheid, ondersteuning, thuissituatie) door "
    "'[afgeschermd]', om het paspoort te delen met wie ze niet mag zien.",
)
@options.creation_date
@options.retention
def render(
    bestand: Path | None,
    blank: bool,
    uitvoer: Path,
    wachtwoord: str | None,
    afschermen: bool,
    datum: date | None,
    bewaartermijn: int,
) -> None:
    """Maak een invulbaar paspoort als PDF of Word-document: leeg (--blank) of ingevuld.

    De soort volgt uit de naam van het uitvoerbestand: .pdf of .docx. In elk document staan
    de schemaversie, de aanmaakdatum en tot wanneer de school het mag bewaren.
    """
    if blank == (bestand is not None):
        raise pvs.UsageError(
            "Geef een JSON-paspoort op of kies --blank, niet allebei en niet geen van beide."
        )
    fmt = pvs.output_format(uitvoer)
    data = pvs.read(bestand).passport if bestand else None
    try:
        content = pvs.render(
            data, fmt, password=wachtwoord, redact=afschermen, retention=bewaartermijn, date=datum
        )
    except pvs.InvalidPassport as error:
        for problem in error.problems:
            line = f"  - {problem.label} ({problem.path}): {problem.message}"
            click.echo(printable(line), err=True)
        raise
    pvs.write_atomic(uitvoer, content)
    click.echo(printable(f"Paspoort geschreven naar {uitvoer}."), err=True)


@cli.command()
@click.argument("bestand", type=click.Path(path_type=Path), metavar="PASPOORT")
@options.output(
    "Schrijf de gegevens naar dit JSON-bestand in plaats van naar het scherm.", required=False
)
@options.open_password
@click.option(
    "--verslag",
    type=click.Path(path_type=Path),
    help="Schrijf per veld waar de waarde vandaan kwam naar dit JSON-bestand.",
)
@click.option(
    "--afschermen",
    "--redact",
    "afschermen",
    is_flag=True,
    help="Vervang gevoelige gegevens door '[afgeschermd]' in de uitvoer.",
)
def extract(
    bestand: Path,
    uitvoer: Path | None,
    wachtwoord: str | None,
    verslag: Path | None,
    afschermen: bool,
) -> None:
    """Lees een ingevuld paspoort (PDF, Word of .odt) terug als JSON die 'pvs check' accepteert.

    Een ondersteuningsplan van pvs (.docx) geeft de afgesproken voorzieningen, als 'pvs plan
    --lees'."""
    if bestand.suffix.lower() == ".docx" and pvs.Plan.is_plan_file(bestand):
        if verslag or afschermen:  # both are about a passport's fields; a plan has none
            raise pvs.UsageError(
                f"{bestand} is een ondersteuningsplan, geen paspoort: pvs leest het zonder "
                "--verslag en --afschermen. Laat die weg."
            )
        text = json_text(pvs.Plan.agreed(bestand))
        if uitvoer:
            pvs.write_atomic(uitvoer, text.encode("utf-8"))
        else:
            click.echo(text, nl=False)
        return
    result = pvs.read(bestand, password=wachtwoord)
    data = pvs.redact(result.passport) if afschermen else result.passport
    text = json_text(data)
    if uitvoer:
        pvs.write_atomic(uitvoer, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    if verslag:
        try:
            pvs.write_atomic(verslag, json_text(result.to_dict()).encode("utf-8"))
        except (pvs.NotWritten, pvs.OutputRefused) as error:
            if uitvoer:
                error.message += f" De gegevens zelf staan wel compleet in {uitvoer}."
            raise
    click.echo(printable(result.summary()), err=True)
    if not result.vouched:  # read, but not every value is sure: the user checks those fields
        sys.exit(1)


@cli.command()
@click.argument("bestand", type=click.Path(path_type=Path), metavar="PASPOORT.json")
@options.output(
    "Het JSON-bestand dat pvs schrijft, bijvoorbeeld nieuw.json. Mag hetzelfde bestand zijn."
)
def upgrade(bestand: Path, uitvoer: Path) -> None:
    """Werk een JSON-paspoort van een oudere schemaversie bij naar de huidige versie.

    Er gaat niets verloren: een veld dat verhuisd is, staat op zijn nieuwe plek, en een keuze
    die een andere naam kreeg, heeft de nieuwe naam. pvs zegt wat er is bijgewerkt. Een PDF of
    Word-document lees je met 'pvs extract'; dat werkt het paspoort ook bij.
    """
    # Known by its name before reading, so a PDF is never opened only to be refused; a PDF
    # with another name is refused once read.
    _refuse_a_form(bestand, bestand.suffix.lower().lstrip("."), uitvoer)
    result = pvs.read(bestand)
    _refuse_a_form(bestand, result.kind, uitvoer)
    pvs.write_atomic(uitvoer, json_text(result.passport).encode("utf-8"))
    if result.schema_version != pvs.SCHEMA_VERSION:
        said = [f"Bijgewerkt paspoort geschreven naar {uitvoer}."]
        said += [f"- {note.message}" for note in result.notes]
    elif _states_version(result.passport):
        said = [
            f"{bestand} heeft al schemaversie {pvs.SCHEMA_VERSION}; er was niets bij te "
            f"werken. Ongewijzigd geschreven naar {uitvoer}."
        ]
    else:
        said = [
            f"{bestand} noemt geen schemaversie; pvs leest het als versie {pvs.SCHEMA_VERSION} "
            f"en heeft niets bijgewerkt. Ongewijzigd geschreven naar {uitvoer}."
        ]
    click.echo(printable("\n".join(said)), err=True)


def _states_version(passport: dict[str, Any]) -> bool:
    meta = passport.get("meta")
    return isinstance(meta, dict) and "schema_versie" in meta


def _refuse_a_form(path: Path, kind: str, output: Path) -> None:
    """`pvs upgrade` takes JSON only: a PDF or Word form is upgraded by `pvs extract`."""
    if kind in FORM_NAMES:
        raise pvs.UsageError(
            f"{path} is {FORM_NAMES[kind]}, geen JSON-paspoort. Lees het met 'pvs extract "
            f"{path} -o {output}': dat werkt het paspoort ook bij."
        )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Schrijf de lijst als JSON.")
def fields(as_json: bool) -> None:
    """Toon alle invulvelden van het paspoort met hun pad, soort en titel."""
    found = pvs.load_form_model().fillable_fields()
    if as_json:
        click.echo(json.dumps(pvs.load_form_model().to_dict(), ensure_ascii=False, indent=2))
        return
    width = max(len(f.path) for f in found)
    kinds = {f: pvs.KIND_NAMES[f.kind] for f in found}
    kind_width = max(len(k) for k in kinds.values())
    for f in found:
        mark = "  [gevoelig]" if f.sensitive else ""
        click.echo(f"{f.path:<{width}}  {kinds[f]:<{kind_width}}  {f.label}{mark}")


@cli.command()
@click.option(
    "--markdown",
    is_flag=True,
    help="Schrijf een overzicht van alle velden voor schoolmedewerkers (Markdown).",
)
@click.option(
    "--stage",
    "-s",
    type=click.Choice(pvs.STAGES),
    help="Toon het profiel van een stap in plaats van het paspoortschema.",
)
def schema(markdown: bool, stage: str | None) -> None:
    """Toon het JSON-schema van het paspoort, of een overzicht van de velden."""
    if markdown:
        click.echo(pvs.data_dictionary(), nl=False)
        return
    document = pvs.stage_schema(stage) if stage else pvs.passport_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
