"""Options several commands share, defined once so they read and behave the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pvs.cli.dutch import DutchDate

creation_date = click.option("--datum", type=DutchDate(), help="Aanmaakdatum (standaard: vandaag).")
retention = click.option(
    "--bewaartermijn",
    type=click.IntRange(0, 20),
    default=2,
    metavar="JAREN",
    help="Hoeveel jaar na het einde van het schooljaar de school het paspoort mag bewaren "
    "(standaard 2).",
)
encrypt_password = click.option(
    "--wachtwoord",
    envvar="PVS_WACHTWOORD",
    show_envvar=False,
    help="Beveilig elke PDF met dit wachtwoord (AES-256), om hem te mailen. Veiliger: zet het "
    "wachtwoord in de omgevingsvariabele PVS_WACHTWOORD.",
)
open_password = click.option("--wachtwoord", help="Wachtwoord van een beveiligde PDF.")


def output(
    help_text: str, *, required: bool = True, metavar: str | None = None
) -> Callable[..., Any]:
    """The -o/--uitvoer option of a command that writes a file (or a folder: metavar MAP)."""
    return click.option(
        "-o",
        "--uitvoer",
        required=required,
        type=click.Path(path_type=Path),
        metavar=metavar,
        help=help_text,
    )
