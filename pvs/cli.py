"""The `pvs` command line: parse, call the library, print, map errors to exit codes.

Exit codes: 0 complete / done; 1 incomplete or invalid; 2 usage error; 3 unreadable input;
70 an internal error in pvs itself.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from pvs.check import check as check_passport
from pvs.clihelp import DutchDate, DutchGroup, usage_message
from pvs.datadict import to_markdown
from pvs.errors import InvalidPassport, PvsError, UsageError
from pvs.extraction import FORM_FIELD, Extraction
from pvs.filling import RenderOptions, redact
from pvs.formmodel import load_form_model
from pvs.limits import configure
from pvs.output import write_atomic
from pvs.passport import display_name, load_passport
from pvs.reader import read_passport
from pvs.report import to_dict, to_text
from pvs.schema import SCHEMA_VERSION, STAGES, passport_schema, stage_schema

INTERNAL_ERROR = 70

STAGE_HELP = (
    "Voor welke stap controleren: aanmelding, intake of plaatsing. Zonder deze optie "
    "controleert pvs alleen of wat is ingevuld klopt."
)


class PvsGroup(DutchGroup):
    """The pvs command group: turns every error into a Dutch message and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.UsageError as error:
            _fail(usage_message(error), 2)
        except click.Abort:
            _fail("Afgebroken.", 1)
        except PvsError as error:
            _fail(error.message, error.exit_code)
        except Exception as error:  # never a traceback: it could quote passport content
            _fail(
                f"Er ging iets mis in pvs zelf ({type(error).__name__}). Er is niets veranderd "
                "aan je bestanden. Meld dit aan de beheerder van pvs, met de opdracht die je gaf.",
                INTERNAL_ERROR,
            )


def _fail(message: str, code: int) -> None:
    click.echo(f"Fout: {message}" if code != INTERNAL_ERROR else message, err=True)
    sys.exit(code)


@click.group(cls=PvsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="pvs", message="pvs %(version)s (schemaversie " + SCHEMA_VERSION + ")",
    help="Toon de versie en stop.",
)
@click.option("--max-mb", type=click.IntRange(1), metavar="N",
              help="Grootste bestand dat pvs leest, in MB (standaard 25).")
@click.option("--max-paginas", type=click.IntRange(1), metavar="N",
              help="Meeste pagina's van een PDF (standaard 60).")
@click.option("--max-uitgepakt-mb", type=click.IntRange(1), metavar="N",
              help="Hoeveel MB een bestand mag uitpakken (standaard 100).")
@click.option("--max-rijen", type=click.IntRange(1), metavar="N",
              help="Meeste rijen van een export (standaard 50000).")
def cli(max_mb: int | None, max_paginas: int | None, max_uitgepakt_mb: int | None,
        max_rijen: int | None) -> None:
    """Paspoort voor Succes: maak, lees en controleer paspoorten voor de overstap naar het mbo.

    De opties hieronder verruimen de grenzen voor één opdracht, als een echt bestand groter is:
    pvs --max-mb 50 intake map -o overzicht.xlsx
    """
    configure(file_mb=max_mb, pages=max_paginas, unpacked_mb=max_uitgepakt_mb, rows=max_rijen)


@cli.command()
@click.argument("bestanden", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="BESTAND...")
@click.option("--stage", "-s", type=click.Choice(STAGES), help=STAGE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Schrijf het verslag als JSON.")
@click.option("--wachtwoord", help="Wachtwoord van een beveiligde PDF.")
def check(
    bestanden: tuple[Path, ...], stage: str | None, as_json: bool, wachtwoord: str | None
) -> None:
    """Controleer of een paspoort compleet is voor een stap van de route.

    Een paspoort mag JSON zijn, of een ingevulde PDF of een Word-document. Toont alles wat nog
    ontbreekt of niet klopt, met per onderdeel hoeveel procent klaar is. Uitkomst: 0 compleet,
    1 niet compleet of niet in orde, 3 bestand niet leesbaar.
    """
    worst = 0
    results: list[dict[str, Any]] = []
    for path in bestanden:
        code, result = _check_one(path, stage, as_json, wachtwoord)
        worst = max(worst, code)
        results.append(result)
    if as_json:
        payload = results[0] if len(results) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    sys.exit(worst)


def _check_one(
    path: Path, stage: str | None, as_json: bool, password: str | None
) -> tuple[int, dict[str, Any]]:
    try:
        data = read_passport(path, password).data
    except PvsError as error:
        click.echo(f"Fout: {error.message}", err=True)
        return error.exit_code, {"file": str(path), "error": error.message}
    report = check_passport(data, stage)
    if not as_json:
        click.echo(to_text(report, str(path), display_name(data)))
    return (0 if report.complete else 1), to_dict(report, str(path))


@cli.command()
@click.argument("bestand", required=False, type=click.Path(path_type=Path),
                metavar="[PASPOORT.json]")
@click.option("--blank", is_flag=True, help="Maak een leeg paspoort om in te vullen.")
@click.option("-o", "--uitvoer", required=True, type=click.Path(path_type=Path),
              help="Het bestand dat pvs maakt, bijvoorbeeld paspoort.pdf.")
@click.option("--wachtwoord", envvar="PVS_WACHTWOORD", show_envvar=False,
              help="Beveilig de PDF met dit wachtwoord (AES-256), om hem te mailen. Veiliger: "
              "zet het wachtwoord in de omgevingsvariabele PVS_WACHTWOORD.")
@click.option("--afschermen", "--redact", "afschermen", is_flag=True,
              help="Vervang gevoelige gegevens (gezondheid, ondersteuning, thuissituatie) door "
              "'[afgeschermd]', om het paspoort te delen met wie ze niet mag zien.")
@click.option("--datum", type=DutchDate(), help="Aanmaakdatum (standaard: vandaag).")
@click.option("--bewaartermijn", type=click.IntRange(0, 20), default=2, metavar="JAREN",
              help="Hoeveel jaar na het einde van het schooljaar het paspoort bewaard mag blijven "
              "(standaard 2).")
def render(bestand: Path | None, blank: bool, uitvoer: Path, wachtwoord: str | None,
           afschermen: bool, datum: date | None, bewaartermijn: int) -> None:
    """Maak een invulbaar paspoort als PDF of Word-document: leeg (--blank) of ingevuld.

    De soort volgt uit de naam van het uitvoerbestand: .pdf of .docx. In elk document staan
    de schemaversie, de aanmaakdatum en tot wanneer de school het mag bewaren.
    """
    if blank == (bestand is not None):
        raise UsageError("Geef een JSON-paspoort op of kies --blank, niet allebei en niet geen van "
                         "beide.")
    renderer = _renderer(uitvoer)
    data = load_passport(bestand) if bestand else None
    options = RenderOptions(datum, bewaartermijn, wachtwoord or None, afschermen)
    try:
        content = renderer(data, options)
    except InvalidPassport as error:
        for problem in error.problems:
            click.echo(f"  - {problem.label} ({problem.path}): {problem.message}", err=True)
        raise
    write_atomic(uitvoer, content)
    click.echo(f"Paspoort geschreven naar {uitvoer}.", err=True)


def _renderer(target: Path) -> Any:
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        from pvs.pdf.render import render_pdf

        return render_pdf
    if suffix == ".docx":
        from pvs.docx.render import render_docx

        return render_docx
    raise UsageError(f"pvs maakt een paspoort als PDF of Word-document: laat {target} eindigen "
                     "op .pdf of .docx.")


@cli.command()
@click.argument("bestand", type=click.Path(path_type=Path), metavar="PASPOORT")
@click.option("-o", "--uitvoer", type=click.Path(path_type=Path),
              help="Schrijf de gegevens naar dit JSON-bestand in plaats van naar het scherm.")
@click.option("--wachtwoord", help="Wachtwoord van een beveiligde PDF.")
@click.option("--verslag", type=click.Path(path_type=Path),
              help="Schrijf per veld waar de waarde vandaan kwam naar dit JSON-bestand.")
@click.option("--afschermen", "--redact", "afschermen", is_flag=True,
              help="Vervang gevoelige gegevens door '[afgeschermd]' in de uitvoer.")
def extract(bestand: Path, uitvoer: Path | None, wachtwoord: str | None,
            verslag: Path | None, afschermen: bool) -> None:
    """Lees een ingevuld paspoort (PDF of Word) terug als JSON die 'pvs check' accepteert."""
    result = read_passport(bestand, wachtwoord)
    data = redact(result.data, load_form_model()) if afschermen else result.data
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if uitvoer:
        write_atomic(uitvoer, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    if verslag:
        write_atomic(verslag, _extraction_report(bestand, result).encode("utf-8"))
    click.echo(_extraction_summary(result), err=True)


def _extraction_summary(result: Extraction) -> str:
    count = len(result.sources)
    from_form = sum(1 for s in result.sources.values() if s == FORM_FIELD)
    if from_form == count:
        lines = [f"{count} velden gelezen uit de invulvelden."]
    else:
        lines = [f"{count} velden gelezen: {from_form} uit de invulvelden, {count - from_form} van "
                 "de pagina (het formulier was platgemaakt of afgedrukt)."]
    lines += [f"Let op: {note.message}" for note in result.notes]
    return "\n".join(lines)


def _extraction_report(source: Path, result: Extraction) -> str:
    report = {
        "file": str(source),
        "sources": result.sources,
        "notes": [{"path": n.path, "message": n.message} for n in result.notes],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


@cli.command()
@click.argument("bestand", type=click.Path(path_type=Path), metavar="PASPOORT")
@click.option("-o", "--uitvoer", type=click.Path(path_type=Path),
              help="Het bestand dat pvs maakt: .docx, of .json met --format json.")
@click.option("--format", "formaat", type=click.Choice(["docx", "json"]), default="docx",
              show_default=False, help="docx (standaard): een Word-concept; json: de inhoud als "
              "gegevens voor andere systemen.")
@click.option("--startdatum", type=DutchDate(),
              help="Startdatum van de opleiding (standaard: de eerstvolgende 1 september).")
@click.option("--plandatum", type=DutchDate(), help="Datum van het plan (standaard: vandaag).")
@click.option("--opleiding", help="De opleiding waarvoor het plan is, als het niet de eerste "
              "opleidingswens uit het paspoort is (naam of crebonummer).")
@click.option("--catalogus", type=click.Path(path_type=Path),
              help="Een eigen catalogus van voorzieningen (JSON, zoals "
              "schemas/voorzieningen.json).")
@click.option("--zonder-toestemming", is_flag=True,
              help="Maak een plan zonder gevoelige gegevens als de jongere geen toestemming gaf.")
@click.option("--wachtwoord", help="Wachtwoord van een beveiligde PDF.")
def plan(bestand: Path, uitvoer: Path | None, formaat: str, startdatum: date | None,
         plandatum: date | None, opleiding: str | None, catalogus: Path | None,
         zonder_toestemming: bool, wachtwoord: str | None) -> None:
    """Maak een concept-ondersteuningsplan voor de begeleider op het mbo.

    PASPOORT mag JSON, PDF of Word zijn. Het plan gebruikt alleen wat de jongere met de
    begeleider wil delen; zonder die toestemming stopt pvs (uitkomst 1).
    """
    from pvs.plan.catalogue import load_catalogue
    from pvs.plan.content import build_plan
    from pvs.plan.render import render_plan_docx

    if formaat == "docx" and (uitvoer is None or uitvoer.suffix.lower() != ".docx"):
        raise UsageError("Geef met -o een bestandsnaam op die eindigt op .docx, of kies "
                         "--format json.")
    passport = read_passport(bestand, wachtwoord).data
    content = build_plan(passport, load_catalogue(catalogus), plandatum or date.today(),
                         startdatum, opleiding, zonder_toestemming)
    if formaat == "json":
        text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
        if uitvoer:
            write_atomic(uitvoer, text.encode("utf-8"))
        else:
            click.echo(text, nl=False)
        return
    assert uitvoer is not None
    write_atomic(uitvoer, render_plan_docx(content))
    click.echo(f"Concept-ondersteuningsplan geschreven naar {uitvoer}.", err=True)


def _progress(label: str) -> Any:
    """A progress line on a terminal; nothing at all in a pipe or a log file."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int | None = None) -> None:
        count = f"{done} van {total}" if total else str(done)
        click.echo(f"\r{label}: {count}", err=True, nl=False)

    return show


@cli.command()
@click.argument("export", type=click.Path(path_type=Path), metavar="EXPORT")
@click.option("-o", "--uitvoer", required=True, type=click.Path(path_type=Path),
              help="De map waarin de paspoorten komen.")
@click.option("--format", "formaten", default="pdf", show_default=False,
              help="pdf, docx of pdf,docx (standaard: pdf).")
@click.option("--zip", "make_zip", is_flag=True, help="Zet alle paspoorten ook in één zip.")
@click.option("--mapping", type=click.Path(path_type=Path),
              help='JSON met kolom -> veld, zoals {"Lln.nr": "jongere.leerlingnummer"}.')
@click.option("--processen", type=click.IntRange(1, 64), metavar="N",
              help="Hoeveel processen tegelijk (standaard: alle kernen).")
@click.option("--wachtwoord", envvar="PVS_WACHTWOORD", show_envvar=False,
              help="Beveilig elke PDF met dit wachtwoord (AES-256). Veiliger: zet het in de "
              "omgevingsvariabele PVS_WACHTWOORD.")
@click.option("--datum", type=DutchDate(), help="Aanmaakdatum (standaard: vandaag).")
@click.option("--bewaartermijn", type=click.IntRange(0, 20), default=2, metavar="JAREN",
              help="Jaren na het einde van het schooljaar dat de paspoorten bewaard mogen "
              "blijven (standaard 2).")
def batch(export: Path, uitvoer: Path, formaten: str, make_zip: bool, mapping: Path | None,
          processen: int | None, wachtwoord: str | None, datum: date | None,
          bewaartermijn: int) -> None:
    """Maak een vooraf ingevuld paspoort voor elke leerling in een export (CSV of XLSX).

    Rijen die niet bruikbaar zijn, worden overgeslagen en met de reden genoemd in
    overzicht-batch.csv in de uitvoermap. Een afgebroken run maakt de rest af als je hem
    opnieuw start. Uitkomst: 0 alles gemaakt, 1 rijen overgeslagen, 3 export niet leesbaar.
    """
    from pvs.batch.run import FORMATS, SKIPPED, WRITTEN, run_batch

    formats = tuple(f.strip().lower() for f in formaten.split(",") if f.strip())
    if not formats or any(f not in FORMATS for f in formats):
        raise UsageError(f"Onbekend formaat '{formaten}': kies pdf, docx of pdf,docx.")
    if wachtwoord and "docx" in formats:
        raise UsageError("Word-documenten kan pvs niet met een wachtwoord beveiligen. Kies "
                         "--format pdf als je de paspoorten beveiligd wilt versturen.")
    options = RenderOptions(datum or date.today(), bewaartermijn, wachtwoord or None)
    result = run_batch(export, uitvoer, formats, make_zip, mapping, processen,
                       _progress("Paspoorten geschreven"), options)
    if sys.stderr.isatty():
        click.echo("", err=True)
    written, skipped = result.count(WRITTEN), result.count(SKIPPED)
    click.echo(f"{len(result.rows)} rijen: {written} geschreven, "
               f"{len(result.rows) - written - skipped} waren al klaar, {skipped} overgeslagen.",
               err=True)
    for row in result.rows:
        if row.status == SKIPPED:
            click.echo(f"  - rij {row.row}: {row.reason}", err=True)
    click.echo(f"Overzicht: {result.manifest}", err=True)
    if result.archive:
        click.echo(f"Zip: {result.archive}", err=True)
    sys.exit(1 if skipped else 0)


@cli.command()
@click.argument("paden", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="PAD...")
@click.option("-o", "--uitvoer", required=True, type=click.Path(path_type=Path),
              help="Het overzicht: .xlsx of .csv.")
@click.option("--gevoelig", is_flag=True,
              help="Neem ook de tekst van de ondersteuningsbehoeften op (vertrouwelijk).")
@click.option("--peildatum", type=DutchDate(),
              help="De datum voor 'jonger dan 16' (standaard: vandaag).")
@click.option("--processen", type=click.IntRange(1, 64), metavar="N",
              help="Hoeveel processen tegelijk (standaard: alle kernen).")
def intake(paden: tuple[Path, ...], uitvoer: Path, gevoelig: bool, peildatum: date | None,
           processen: int | None) -> None:
    """Lees alle teruggestuurde paspoorten (PDF, Word, JSON) in bestanden en mappen en maak één
    overzicht: wie compleet is, wie een gezamenlijke intake wil, wie ondersteuning nodig heeft."""
    from pvs.intake.overview import run_intake

    if uitvoer.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"Laat {uitvoer} eindigen op .xlsx of .csv.")
    for path in paden:
        if not path.exists():
            raise UsageError(f"{path} bestaat niet. Controleer de naam en de map.")
    summary = run_intake(paden, uitvoer, gevoelig, peildatum, processen,
                         _progress("Paspoorten gelezen"))
    if sys.stderr.isatty():
        click.echo("", err=True)
    click.echo(f"{summary.files} bestanden: {summary.files - summary.unreadable} gelezen, "
               f"{summary.unreadable} niet leesbaar, {summary.complete_for_intake} compleet voor "
               f"de intake. Overzicht: {summary.target}", err=True)


@cli.group(cls=DutchGroup)
def templates() -> None:
    """Controleer Word-templates die een school heeft aangepast."""


@templates.command(name="check")
@click.argument("bestanden", nargs=-1, type=click.Path(path_type=Path), metavar="[TEMPLATE...]")
@click.option("--soort", type=click.Choice(["paspoort", "ondersteuningsplan"]),
              help="Voor welk document het template is (standaard: volgt uit de bestandsnaam).")
def templates_check(bestanden: tuple[Path, ...], soort: str | None) -> None:
    """Zoek fouten in Word-templates: gesplitste tags, gekrulde aanhalingstekens, open blokken
    en variabelen die niet bestaan. Zonder bestanden: de templates van pvs zelf."""
    from pvs.resources import data_dir
    from pvs.templatecheck import check_template, sample_contexts

    contexts = sample_contexts()
    targets = bestanden or tuple(sorted(data_dir("templates").glob("*.docx")))
    failed = False
    for target in targets:
        kind = soort or ("ondersteuningsplan" if "plan" in target.name.lower() else "paspoort")
        problems = check_template(target, contexts[kind])
        failed = failed or bool(problems)
        count = len(problems)
        verdict = "in orde" if not count else f"{count} {'probleem' if count == 1 else 'problemen'}"
        click.echo(f"{target}: {verdict}")
        for problem in problems:
            click.echo(f"  - {problem}")
    sys.exit(1 if failed else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Schrijf de lijst als JSON.")
def fields(as_json: bool) -> None:
    """Toon alle invulvelden van het paspoort met hun pad, soort en titel."""
    found = load_form_model().fillable_fields()
    if as_json:
        rows = [
            {
                "path": f.path,
                "kind": str(f.kind),
                "title": f.title,
                "label": f.label,
                "section": f.section,
                "options": [{"value": o.value, "label": o.label} for o in f.options],
                "sensitive": f.sensitive,
            }
            for f in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(f.path) for f in found)
    for f in found:
        mark = "  [gevoelig]" if f.sensitive else ""
        click.echo(f"{f.path:<{width}}  {f.kind:<9}  {f.label}{mark}")


@cli.command()
@click.option("--markdown", is_flag=True, help="Schrijf een overzicht van alle velden voor "
              "schoolmedewerkers (Markdown).")
@click.option("--stage", "-s", type=click.Choice(STAGES),
              help="Toon het profiel van een stap in plaats van het paspoortschema.")
def schema(markdown: bool, stage: str | None) -> None:
    """Toon het JSON-schema van het paspoort, of een overzicht van de velden."""
    if markdown:
        click.echo(to_markdown(load_form_model(), SCHEMA_VERSION), nl=False)
        return
    document = stage_schema(stage) if stage else passport_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def main() -> None:
    """Console entry point."""
    cli.main(prog_name="pvs")
