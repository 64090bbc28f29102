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

SHEET_FIELD = "het veld 'Blad'"
WITHOUT_CONSENT_BOX = "Zonder toestemming: een plan zonder gevoelige gegevens"
PASSWORD_FIELD = "Wachtwoord van de PDF"
MAPPING_FIELD = "een mappingbestand bij 'Koppeling van kolommen'"
TEMP_FOLDER = "de tijdelijke map van pvs"
_RESTART = r"'pvs \1 N web' (stop pvs web met Ctrl-C en start het zo opnieuw)"

# (what the command line says, what the page says instead); applied in this order.
_TO_THE_PAGE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"laat --blad weg", f"laat {SHEET_FIELD} leeg"),
        (r"kies met --blad NAAM het blad", f"vul bij {SHEET_FIELD} de naam in van het blad"),
        (r"kies een daarvan met --blad NAAM", f"vul een daarvan in bij {SHEET_FIELD}"),
        (r"Geef met --mapping aan", f"Geef met {MAPPING_FIELD} aan"),
        (r"met --mapping", f"met {MAPPING_FIELD}"),
        (
            r"Zie 'pvs fields' voor alle velden",
            "Alle velden staan in de README (of typ 'pvs fields' op de opdrachtregel)",
        ),
        (
            r"maak met --zonder-toestemming een plan zonder gevoelige gegevens\.",
            "kies het paspoort opnieuw op de pagina Ondersteuningsplan en vink "
            f"'{WITHOUT_CONSENT_BOX}' aan.",
        ),
        (
            r"maak die met pvs overdracht \(kies de ontvanger met --voor\)\.",
            "die maakt pvs nog niet op deze webpagina, wel met de opdracht 'pvs overdracht' op "
            "de opdrachtregel.",
        ),
        (
            r"Geef het wachtwoord met --wachtwoord\.",
            f"Vul het wachtwoord in bij '{PASSWORD_FIELD}' en kies het bestand opnieuw.",
        ),
        (r": kies die met (--voor \S+)( of --voor \S+)*\.", "."),
        (r"'pvs (--[a-z-]+) N (?:batch |intake )?\.\.\.'", _RESTART),
    )
)


def for_the_page(message: str, uploads: Iterable[Upload] = (), folder: Path | None = None) -> str:
    """`message` with each upload's place in the private folder replaced by its own name (in
    quotes), any other path in `folder` by words, and each command-line option by what the
    page offers instead."""
    for upload in uploads:
        message = message.replace(str(upload.path), f"'{upload.name}'")
    if folder is not None:
        inside = re.escape(str(folder)) + r"(?:[^\s',;:]*[^\s',;:.])?"
        message = re.sub(inside, TEMP_FOLDER, message)
    for pattern, replacement in _TO_THE_PAGE:
        message = pattern.sub(replacement, message)
    return message
