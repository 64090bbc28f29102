"""The jobs of school staff: support plan, batch of passports, intake overview, templates."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Protocol

import click

import pvs
from pvs.cli import options
from pvs.cli.dutch import DutchDate, DutchGroup
from pvs.cli.group import cli
from pvs.cli.printing import json_text, printable
from pvs.cli.progress import ProgressLine


class _ColumnPlan(Protocol):  # pvs.run_batch's ColumnPlan, as far as the command uses it
    def lines(self) -> list[str]: ...


MANIFEST = "overzicht-batch.csv"  # the name pvs.run_batch gives it, for the message on Ctrl-C


@cli.command()
@click.argument("bestand", type=click.Path(path_type=Path), metavar="PASPOORT")
@options.output(
    "Het bestand dat pvs maakt: .docx (Word) of .json; de soort volgt uit de naam.",
    required=False,
)
@click.option(
    "--format",
    "formaat",
    type=click.Choice(["docx", "json"]),
    default=None,
    help="docx: een Word-concept; json: de inhoud als gegevens voor andere systemen "
    "(standaard: volgt uit de naam bij -o).",
)
@click.option(
    "--startdatum",
    type=DutchDate(),
    help="Startdatum van de opleiding (standaard: de eerstvolgende 1 september).",
)
@click.option("--plandatum", type=DutchDate(), help="Datum van het plan (standaard: vandaag).")
@click.option(
    "--opleiding",
    help="De opleiding waarvoor het plan is, als het niet de eerste "
    "opleidingswens uit het paspoort is (naam of crebonummer).",
)
@click.option(
    "--duur",
    type=click.Choice(["eenjarig", "meerjarig"]),
    help="Duur van de opleiding, voor de evaluaties en het BSA (standaard: eenjarig voor "
    "Entree en niveau 1, anders meerjarig).",
)
@click.option(
    "--catalogus",
    type=click.Path(path_type=Path),
    help="Een eigen catalogus van voorzieningen (JSON, zoals schemas/voorzieningen.json).",
)
@click.option(
    "--zonder-toestemming",
    is_flag=True,
    help="Maak een plan zonder gevoelige gegevens als de jongere geen toestemming gaf "
    "(niet als de toestemming is ingetrokken).",
)
@click.option(
    "--lees",
    is_flag=True,
    help="Lees een plan dat de begeleider in Word heeft aangevuld: geeft de aangevinkte "
    "(afgesproken) voorzieningen als JSON. PASPOORT is dan het plan (.docx).",
)
@options.open_password
def plan(
    bestand: Path,
    uitvoer: Path | None,
    formaat: str | None,
    startdatum: date | None,
    plandatum: date | None,
    opleiding: str | None,
    duur: str | None,
    catalogus: Path | None,
    zonder_toestemming: bool,
    lees: bool,
    wachtwoord: str | None,
) -> None:
    """Maak een concept-ondersteuningsplan voor de begeleider op het mbo.

    PASPOORT mag JSON, PDF of Word zijn. Het plan gebruikt alleen wat de jongere met de
    begeleider wil delen; zonder die toestemming stopt pvs (uitkomst 1). Is de toestemming
    ingetrokken, of gaat de jongere niet naar het mbo, dan komt er geen plan (uitkomst 1).
    Met --lees leest pvs een aangevuld plan terug: wat de begeleider heeft aangevinkt.
    """
    if lees:
        _plan_format("json", uitvoer)  # only to refuse a .docx name for the JSON
        _write_json(pvs.Plan.agreed(bestand), uitvoer)
        return
    chosen = _plan_format(formaat, uitvoer)
    draft = pvs.plan(
        pvs.read(bestand, password=wachtwoord).passport,
        catalogue=catalogus,
        plan_date=plandatum,
        start_date=startdatum,
        programme=opleiding,
        without_consent=zonder_toestemming,
        length=duur,
    )
    if chosen == "json":
        _write_json(draft.to_dict(), uitvoer)
        return
    assert uitvoer is not None
    pvs.write_atomic(uitvoer, draft.to_docx())
    click.echo(printable(f"Concept-ondersteuningsplan geschreven naar {uitvoer}."), err=True)


def _plan_format(formaat: str | None, uitvoer: Path | None) -> str:
    """docx or json: as asked, or as the output's name says; a name of the other kind is an
    error, so that no JSON ever lands in a .docx (or Word in a .json)."""
    suffix = uitvoer.suffix.lower() if uitvoer else ""
    by_name = {".docx": "docx", ".json": "json"}.get(suffix)
    chosen = formaat or by_name
    if chosen is None and uitvoer is None:
        raise pvs.UsageError(
            "Geef met -o een bestandsnaam op die eindigt op .docx, of kies --format json."
        )
    if chosen is None:
        raise pvs.UsageError(
            f"pvs weet niet wat het moet schrijven naar '{uitvoer}': kies een naam die eindigt "
            "op .docx (Word) of .json, of geef --format."
        )
    if chosen == "docx" and by_name != "docx":
        raise pvs.UsageError(
            "Geef met -o een bestandsnaam op die eindigt op .docx, of kies --format json."
        )
    if chosen == "json" and by_name == "docx":
        raise pvs.UsageError(
            f"'{uitvoer}' is een naam voor een Word-bestand, maar pvs zou er JSON in schrijven. "
            "Kies een naam die eindigt op .json."
        )
    return chosen


def _write_json(data: Any, uitvoer: Path | None) -> None:
    text = json_text(data)
    if uitvoer:
        pvs.write_atomic(uitvoer, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


def _progress(label: str) -> ProgressLine:
    """Progress on stderr: one line rewritten on a terminal, a line every few seconds in a log."""
    return ProgressLine(label, terminal=sys.stderr.isatty())


SHOWN_ROWS = 10  # rows named one by one after a run; the manifest has them all
INTERRUPTED = 130  # what a shell reports for a command stopped by Ctrl-C (128 + SIGINT)


@cli.command()
@click.argument("export", type=click.Path(path_type=Path), metavar="EXPORT")
@options.output("De map waarin de paspoorten komen.", metavar="MAP")
@click.option(
    "--format",
    "formaten",
    default="pdf",
    show_default=False,
    help="pdf, docx of pdf,docx (standaard: pdf).",
)
@click.option("--zip", "make_zip", is_flag=True, help="Zet alle paspoorten ook in één zip.")
@click.option(
    "--mapping",
    type=click.Path(path_type=Path),
    help='JSON met kolom -> veld, zoals {"Lln.nr": "jongere.leerlingnummer"}.',
)
@click.option("--blad", metavar="NAAM", help="Het werkblad met de leerlingen (bij .xlsx).")
@click.option(
    "--gedeelde-map",
    "gedeeld",
    is_flag=True,
    help="Laat iedereen die de map mag lezen ook de paspoorten lezen. Zonder deze optie kan "
    "alleen jij ze lezen.",
)
@click.option(
    "--processen",
    type=click.IntRange(1, 64),
    metavar="N",
    help="Hoeveel processen tegelijk (standaard: alle kernen).",
)
@options.encrypt_password
@options.creation_date
@options.retention
def batch(
    export: Path,
    uitvoer: Path,
    formaten: str,
    make_zip: bool,
    mapping: Path | None,
    blad: str | None,
    gedeeld: bool,
    processen: int | None,
    wachtwoord: str | None,
    datum: date | None,
    bewaartermijn: int,
) -> None:
    """Maak een vooraf ingevuld paspoort voor elke leerling in een export (CSV of XLSX).

    Rijen die niet bruikbaar zijn, worden overgeslagen en met de reden genoemd in
    overzicht-batch.csv in de uitvoermap; twijfels over een gemaakt paspoort staan in de kolom
    Waarschuwingen. Een afgebroken run (ook met Ctrl-C) maakt de rest af als je hem opnieuw
    start. De paspoorten kan alleen jij lezen, tenzij je --gedeelde-map gebruikt.

    Uitkomst: 0 alles gemaakt (ook als er waarschuwingen zijn), 1 rijen overgeslagen, 2 fout in
    de opdracht, 3 export niet leesbaar of schijf vol, 130 afgebroken met Ctrl-C.
    """
    progress = _progress("Paspoorten")
    try:
        result = pvs.run_batch(
            export,
            output=uitvoer,
            formats=[f.strip().lower() for f in formaten.split(",") if f.strip()],
            zip=make_zip,
            mapping=mapping,
            processes=processen,
            progress=progress,
            password=wachtwoord,
            date=datum,
            retention=bewaartermijn,
            sheet=blad,
            shared=gedeeld,
            on_columns=_show_columns,
        )
    except KeyboardInterrupt:
        progress.close()
        _stopped(uitvoer)
    except (pvs.NotWritten, pvs.OutputRefused) as error:
        if not uitvoer.is_dir():
            raise
        error.message += (
            f" De paspoorten die al in {uitvoer} staan, zijn compleet. Start dezelfde opdracht "
            "opnieuw als het probleem is opgelost: pvs maakt dan de rest af."
        )
        raise
    finally:  # before any message: a progress line on the terminal is ended first
        progress.close()
    _summarise(result)
    sys.exit(1 if result.skipped else 0)


def _show_columns(plan: _ColumnPlan) -> None:
    for line in plan.lines():
        click.echo(printable(line), err=True)


def _stopped(folder: Path) -> NoReturn:
    if (folder / MANIFEST).exists():
        said = (
            f"De paspoorten die al klaar waren, blijven staan in {folder}; {MANIFEST} zegt welke. "
            "Start dezelfde opdracht opnieuw: pvs maakt dan de rest af."
        )
    else:  # stopped while the export was still being read
        said = (
            "Er zijn nog geen paspoorten gemaakt. Start dezelfde opdracht opnieuw om ze te maken."
        )
    click.echo(printable(f"Afgebroken. {said}"), err=True)
    sys.exit(INTERRUPTED)


def _summarise(result: pvs.BatchResult) -> None:
    """What a run did, what it skipped and which rows have warnings, as the manifest says."""
    skipped = result.skipped
    written = result.count("geschreven")
    click.echo(
        f"{len(result.rows)} rijen: {written} geschreven, "
        f"{len(result.rows) - written - len(skipped)} waren al klaar, {len(skipped)} overgeslagen.",
        err=True,
    )
    _list_rows([f"rij {row.row}: {row.reason}" for row in skipped])
    warned = [row for row in result.rows if row.warnings]
    if warned:
        count = f"{len(warned)} {'rij' if len(warned) == 1 else 'rijen'}"
        click.echo(
            f"{count} met een waarschuwing; zie de kolom Waarschuwingen in {result.manifest.name}.",
            err=True,
        )
        _list_rows([f"{_row_name(row)}: {' '.join(row.warnings)}" for row in warned])
    click.echo(printable(f"Overzicht: {result.manifest}"), err=True)
    if result.archive:
        click.echo(printable(f"Zip: {result.archive}"), err=True)
    if result.class_archives:
        folder = result.class_archives[0].parent
        click.echo(
            printable(f"Per klas een zip, om te mailen: {len(result.class_archives)} in {folder}"),
            err=True,
        )


def _row_name(row: pvs.RowOutcome) -> str:
    who = " ".join(part for part in (row.number, row.name) if part)
    return f"rij {row.row} ({who})" if who else f"rij {row.row}"


def _list_rows(lines: list[str]) -> None:
    """The first SHOWN_ROWS lines, then how many more the manifest holds."""
    for line in lines[:SHOWN_ROWS]:
        click.echo(printable(f"  - {line}"), err=True)
    if len(lines) > SHOWN_ROWS:
        click.echo(f"  … en nog {len(lines) - SHOWN_ROWS}", err=True)


@cli.command()
@click.argument("paden", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PAD...")
@options.output("Het overzicht: .xlsx of .csv.")
@click.option(
    "--gevoelig",
    is_flag=True,
    help="Neem ook de tekst van de ondersteuningsbehoeften, de wensen voor de intake en wie er "
    "meekomt op (vertrouwelijk).",
)
@click.option(
    "--peildatum", type=DutchDate(), help="De datum voor 'jonger dan 16' (standaard: vandaag)."
)
@click.option(
    "--processen",
    type=click.IntRange(1, 64),
    metavar="N",
    help="Hoeveel processen tegelijk (standaard: alle kernen).",
)
@click.option(
    "--leerlingen",
    type=click.Path(path_type=Path),
    metavar="EXPORT",
    help="De leerlingenlijst (export van de school, of overzicht-batch.csv van pvs batch): "
    "het overzicht zegt dan per leerling en per klas wie het paspoort terugstuurde.",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path),
    help="Bij --leerlingen: JSON met kolom -> veld, zoals bij pvs batch.",
)
def intake(
    paden: tuple[Path, ...],
    uitvoer: Path,
    gevoelig: bool,
    peildatum: date | None,
    processen: int | None,
    leerlingen: Path | None,
    mapping: Path | None,
) -> None:
    """Lees alle teruggestuurde paspoorten (PDF, Word, .odt, JSON, ook in zip-bestanden) in
    bestanden en mappen en maak één overzicht: wie compleet is, wie een gezamenlijke intake
    wil, wie ondersteuning nodig heeft, met een blad per mbo-instelling. Elk bestand krijgt
    een regel, ook wat geen paspoort is; een paspoort dat twee keer is ingeleverd, wordt
    gemeld. Aantekeningen in een eerder overzicht met dezelfde naam blijven bewaard; een
    eerder overzicht dat pvs niet kan lezen, overschrijft het niet (uitkomst 3)."""
    if mapping and not leerlingen:
        raise pvs.UsageError("--mapping hoort bij --leerlingen: geef ook de leerlingenlijst op.")
    progress = _progress("Paspoorten gelezen")
    try:
        summary = pvs.run_intake(
            paden,
            output=uitvoer,
            sensitive=gevoelig,
            reference_date=peildatum,
            processes=processen,
            progress=progress,
            pupils=leerlingen,
            mapping=mapping,
        )
    finally:
        progress.close()
    for line in _intake_lines(summary):
        click.echo(printable(line), err=True)


def _intake_lines(summary: Any) -> list[str]:
    """What the intake run did, in a few lines: files, notes, institutions, returns."""
    read = summary.files - summary.unreadable - summary.not_passports
    lines = [
        f"{summary.files} bestanden: {read} gelezen"
        + (f" (waarvan {summary.to_check} te controleren)" if summary.to_check else "")
        + f", {summary.unreadable} niet leesbaar"
        + (f", {summary.not_passports} geen paspoort" if summary.not_passports else "")
        + (f", {summary.superseded} oudere versie" if summary.superseded else "")
        + f", {summary.complete_for_intake} compleet voor de intake. Overzicht: "
        f"{summary.target}"
    ]
    notes = summary.notes
    if notes.kept:
        lines.append(
            f"Aantekeningen uit het vorige overzicht: bij {notes.kept} regels overgenomen."
        )
    if notes.orphaned:
        lines.append(
            f"{notes.orphaned} aantekeningen horen bij geen paspoort meer in dit overzicht; ze "
            "staan in 'Aantekeningen zonder paspoort'."
        )
    if summary.institutions:
        lines.append(f"Een blad per mbo-instelling: {', '.join(summary.institutions)}.")
    if summary.without_consent:
        lines.append(
            f"{summary.without_consent} leerlingen staan niet op het blad van hun instelling: "
            "de toestemming voor de intaker ontbreekt of is ingetrokken."
        )
    if summary.returns:
        lines.append(_returns_line(summary))
    return lines


def _returns_line(summary: Any) -> str:
    returns = summary.returns
    where = (
        f"{summary.target.stem}-terug.csv en {summary.target.stem}-terug-per-klas.csv"
        if summary.target.suffix.lower() == ".csv"
        else "de bladen 'Terug ontvangen' en 'Terug per klas'"
    )
    text = (
        f"Paspoort terug van {returns.returned} van de {returns.pupils} leerlingen; "
        f"{returns.not_returned} nog niet"
    )
    if returns.unmatched:
        text += f"; {returns.unmatched} ingeleverde paspoorten horen bij geen leerling in de lijst"
    return text + f". Zie {where}."


@cli.group(cls=DutchGroup)
def templates() -> None:
    """Controleer Word-templates die een school heeft aangepast."""


@templates.command(name="check")
@click.argument("bestanden", nargs=-1, type=click.Path(path_type=Path), metavar="[TEMPLATE...]")
@click.option(
    "--soort",
    type=click.Choice(["paspoort", "ondersteuningsplan", "overdracht"]),
    help="Voor welk document het template is (standaard: volgt uit de bestandsnaam).",
)
def templates_check(bestanden: tuple[Path, ...], soort: str | None) -> None:
    """Zoek fouten in Word-templates: gesplitste tags, gekrulde aanhalingstekens, open blokken
    en variabelen die niet bestaan. Zonder bestanden: de templates van pvs zelf."""
    failed = False
    for target in bestanden or pvs.shipped_templates():
        problems = pvs.check_template(target, soort)
        failed = failed or bool(problems)
        count = len(problems)
        verdict = "in orde" if not count else f"{count} {'probleem' if count == 1 else 'problemen'}"
        click.echo(printable(f"{target}: {verdict}"))
        for problem in problems:
            click.echo(printable(f"  - {problem}"))
    sys.exit(1 if failed else 0)
