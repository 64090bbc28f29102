"""The `pvs` command group: global limits, and every error turned into Dutch and an exit code."""

from __future__ import annotations

import logging
import sys
import warnings
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


# Each global option raises one limit of pvs.Limits for a single command.
LIMIT_OPTIONS = (
    ("--max-mb", "file_mb", "Grootste bestand dat pvs leest, in MB"),
    ("--max-paginas", "pages", "Meeste pagina's van een PDF"),
    ("--max-uitgepakt-mb", "unpacked_mb", "Hoeveel MB een bestand mag uitpakken"),
    ("--max-rijen", "rows", "Meeste rijen van een export"),
    ("--max-geheugen-mb", "memory_mb", "Hoeveel MB geheugen het lezen van één bestand mag kosten"),
    (
        "--max-seconden",
        "seconds",
        "Hoeveel seconden rekentijd het lezen van één bestand mag kosten",
    ),
)


def limit_options(command: Any) -> Any:
    """The global limit options on `command`, in the order of LIMIT_OPTIONS."""
    defaults = pvs.Limits()
    for flag, field, text in reversed(LIMIT_OPTIONS):
        help_text = f"{text} (standaard {getattr(defaults, field)})."
        option = click.option(flag, field, type=click.IntRange(1), metavar="N", help=help_text)
        command = option(command)
    return command


@click.group(cls=PvsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="pvs",
    message="pvs %(version)s (schemaversie " + pvs.SCHEMA_VERSION + ")",
    help="Toon de versie en stop.",
)
@limit_options
def cli(**changes: int | None) -> None:
    """Paspoort voor Succes: maak, lees en controleer paspoorten voor de overstap naar het mbo.

    De opties hieronder verruimen de grenzen voor één opdracht, als een echt bestand groter is:
    pvs --max-mb 50 intake map -o overzicht.xlsx
    """
    pvs.set_limits(**changes)


def main() -> None:
    """Console entry point: libraries stay quiet, so no English line reaches school staff."""
    quiet_libraries()
    cli.main(prog_name="pvs")


def quiet_libraries() -> None:
    """No third-party warning or log line on the console: they are in English and may quote
    what they read from a file. pvs says what matters itself, in Dutch."""
    warnings.simplefilter("ignore")
    logging.getLogger().addHandler(logging.NullHandler())  # and never Python's last resort
