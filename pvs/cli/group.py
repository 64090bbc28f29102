"""The `pvs` command group: global limits, and every error turned into Dutch and an exit code."""

from __future__ import annotations

import sys
from typing import Any

import click

import pvs
from pvs.cli.dutch import DutchGroup, usage_message
from pvs.cli.printing import printable

INTERNAL_ERROR = 70


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
        except pvs.PvsError as error:
            _fail(error.message, error.exit_code)
        except Exception as error:  # never a traceback: it could quote passport content
            _fail(
                f"Er ging iets mis in pvs zelf ({type(error).__name__}). pvs schrijft elk "
                "bestand in één keer: een bestand dat al geschreven was, is compleet; een bestand "
                "dat nog niet af was, staat er niet. Meld dit aan de beheerder van pvs, met de "
                "opdracht die je gaf.",
                INTERNAL_ERROR,
            )


def _fail(message: str, code: int) -> None:
    click.echo(printable(f"Fout: {message}" if code != INTERNAL_ERROR else message), err=True)
    sys.exit(code)


@click.group(cls=PvsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="pvs",
    message="pvs %(version)s (schemaversie " + pvs.SCHEMA_VERSION + ")",
    help="Toon de versie en stop.",
)
@click.option(
    "--max-mb",
    type=click.IntRange(1),
    metavar="N",
    help="Grootste bestand dat pvs leest, in MB (standaard 25).",
)
@click.option(
    "--max-paginas",
    type=click.IntRange(1),
    metavar="N",
    help="Meeste pagina's van een PDF (standaard 60).",
)
@click.option(
    "--max-uitgepakt-mb",
    type=click.IntRange(1),
    metavar="N",
    help="Hoeveel MB een bestand mag uitpakken (standaard 100).",
)
@click.option(
    "--max-rijen",
    type=click.IntRange(1),
    metavar="N",
    help="Meeste rijen van een export (standaard 50000).",
)
def cli(
    max_mb: int | None, max_paginas: int | None, max_uitgepakt_mb: int | None, max_rijen: int | None
) -> None:
    """Paspoort voor Succes: maak, lees en controleer paspoorten voor de overstap naar het mbo.

    De opties hieronder verruimen de grenzen voor één opdracht, als een echt bestand groter is:
    pvs --max-mb 50 intake map -o overzicht.xlsx
    """
    pvs.set_limits(file_mb=max_mb, pages=max_paginas, unpacked_mb=max_uitgepakt_mb, rows=max_rijen)


def main() -> None:
    """Console entry point."""
    cli.main(prog_name="pvs")
