"""`pvs overdracht`: the handover for a pupil who goes to work or day activities."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

import pvs
from pvs.cli import options
from pvs.cli.dutch import DutchDate
from pvs.cli.group import cli
from pvs.cli.printing import json_text, printable

_SUFFIXES = {".docx": "docx", ".json": "json"}


@cli.command()
@click.argument("bestand", type=click.Path(path_type=Path), metavar="PASPOORT")
@options.output("Het bestand dat pvs maakt: .docx (Word) of .json.", required=False)
@click.option(
    "--voor",
    "ontvanger",
    type=click.Choice(pvs.HANDOVER_RECEIVERS),
    help="Voor wie de overdracht is (standaard bij werk: de doorwerkcoach als de jongere "
    "daarvoor toestemming gaf, anders de werkgever; bij dagbesteding: de organisatie).",
)
@click.option(
    "--format",
    "formaat",
    type=click.Choice(["docx", "json"]),
    help="docx of json; standaard volgt het uit de naam achter -o. Zonder -o: json.",
)
@click.option("--datum", type=DutchDate(), help="Datum van de overdracht (standaard: vandaag).")
@options.open_password
def overdracht(
    bestand: Path,
    uitvoer: Path | None,
    ontvanger: str | None,
    formaat: str | None,
    datum: date | None,
    wachtwoord: str | None,
) -> None:
    """Maak een overdracht voor wie een jongere ontvangt die gaat werken of naar dagbesteding.

    PASPOORT mag JSON, PDF of Word zijn. De overdracht bevat alleen wat de jongere met de
    ontvanger wil delen. Zonder toestemming voor die ontvanger, na een ingetrokken toestemming,
    of als de jongere naar het mbo gaat (gebruik dan pvs plan), komt er geen overdracht
    (uitkomst 1).
    """
    chosen = _format(uitvoer, formaat)
    handover = pvs.handover(
        pvs.read(bestand, password=wachtwoord).passport, receiver=ontvanger, date=datum
    )
    if chosen == "json":
        text = json_text(handover.to_dict())
        if uitvoer is None:
            click.echo(text, nl=False)
            return
        pvs.write_atomic(uitvoer, text.encode("utf-8"))
    else:
        assert uitvoer is not None
        pvs.write_atomic(uitvoer, handover.to_docx())
    name = handover.content["ontvanger"]["naam"]
    click.echo(printable(f"Overdracht voor {name} geschreven naar {uitvoer}."), err=True)


def _format(target: Path | None, wanted: str | None) -> str:
    """The format the output name asks for; a name and --format that disagree are an error."""
    if target is None:
        if wanted == "docx":
            raise pvs.UsageError(
                "Een Word-bestand gaat niet naar het scherm: geef -o overdracht.docx."
            )
        return "json"
    implied = _SUFFIXES.get(target.suffix.lower())
    if implied is None:
        raise pvs.UsageError("Geef met -o een bestandsnaam op die eindigt op .docx of .json.")
    if wanted and wanted != implied:
        raise pvs.UsageError(
            f"--format {wanted} past niet bij de naam {target.name}: die eindigt op "
            f"{target.suffix}. Laat --format weg, of kies een naam die eindigt op .{wanted}."
        )
    return implied
