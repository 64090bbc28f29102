"""`pvs web`: the local web page. The web stack loads only when the command runs."""

from __future__ import annotations

import os

import click

import pvs
from pvs.cli.group import cli

PASSWORD_VARIABLE = "PVS_WEB_WACHTWOORD"
LOOPBACK = "127.0.0.1"


@cli.command()
@click.option(
    "--poort",
    type=click.IntRange(0, 65535),
    default=0,
    metavar="N",
    help="Poort om op te luisteren (standaard: een vrije poort).",
)
@click.option("--geen-browser", is_flag=True, help="Open de pagina niet zelf in de browser.")
@click.option(
    "--adres",
    default=LOOPBACK,
    metavar="ADRES",
    help="Adres om op te luisteren (standaard 127.0.0.1: alleen deze computer). Een ander adres "
    f"maakt de pagina bereikbaar voor anderen in het netwerk en vraagt {PASSWORD_VARIABLE}.",
)
def web(poort: int, geen_browser: bool, adres: str) -> None:
    """Start een webpagina op deze computer om paspoorten te controleren en lege formulieren
    te downloaden. Stoppen: Ctrl-C."""
    password = os.environ.get(PASSWORD_VARIABLE) or None
    if adres != LOOPBACK and not password:
        raise pvs.UsageError(
            f"Met --adres {adres} kunnen anderen in het netwerk de pagina openen, en daarmee "
            f"paspoorten van jongeren. Zet eerst een wachtwoord in de omgevingsvariabele "
            f"{PASSWORD_VARIABLE}, of laat --adres weg."
        )
    from pvs.web.server import serve

    try:
        serve(adres, poort, password, open_browser=not geen_browser)
    except OSError as error:
        raise pvs.UsageError(
            f"pvs web kan niet luisteren op {adres}:{poort} ({error.strerror or error}). Kies "
            "een andere poort met --poort, of laat --poort weg."
        ) from None
