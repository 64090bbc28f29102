"""pvs's Dutch messages as a page shows them: no command-line options, no temporary paths.

The messages are written for the command line ("geef meer ruimte met 'pvs --max-mb N ...'",
"kies met --blad NAAM"). On the page the same advice must name what the user can do there,
and a file must be named as the user's computer named it, never by its place in the private
upload folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pvs.web.uploads import Upload

# (what the command line says, what the page says instead); applied in this order.
_TO_THE_PAGE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (
            r"maak met --zonder-toestemming een plan zonder gevoelige gegevens\.",
            "kies op de pagina Ondersteuningsplan 'Zonder gevoelige gegevens'.",
        ),
        (
            r"maak die met pvs overdracht \(kies de ontvanger met --voor\)\.",
            "die maakt pvs met de opdracht 'pvs overdracht', niet op deze webpagina.",
        ),
        (r": kies die met (--voor \S+)( of --voor \S+)*\.", "."),
        (
            r"'pvs (--[a-z-]+) N \.\.\.'",
            r"'pvs \1 N web' (stop pvs web en start het zo opnieuw)",
        ),
        (r"'pvs (--[a-z-]+) N batch \.\.\.'", r"'pvs \1 N web' (stop pvs web en start opnieuw)"),
        (r"met --blad NAAM", "bij 'Blad'"),
        (r"laat --blad weg", "laat 'Blad' leeg"),
        (r"met --mapping", "met een mapping-bestand (bij 'Mapping')"),
    )
)


def for_the_page(message: str, uploads: Iterable[Upload] = (), folder: Path | None = None) -> str:
    """`message` with each upload's place in the private folder replaced by its own name and
    each command-line option by what the page offers instead."""
    for upload in uploads:
        message = message.replace(str(upload.path), upload.name)
    if folder is not None:
        message = message.replace(f"{folder}/", "").replace(str(folder), "de gekozen bestanden")
    for pattern, replacement in _TO_THE_PAGE:
        message = pattern.sub(replacement, message)
    return message
