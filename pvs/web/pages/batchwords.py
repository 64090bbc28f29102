"""pvs's batch messages in the words of the web page: no temp paths, no command-line options.

The messages of pvs.run_batch are written for `pvs batch` on the command line: they name the
export by its path and point to options such as --blad and --mapping. On the page the export
has the name the user's computer gave it, and those options are the page's own fields.
"""

from __future__ import annotations

import re
from pathlib import Path

SHEET_FIELD = "het veld 'Blad'"
MAPPING_FIELD = "een mappingbestand bij 'Koppeling van kolommen'"
TEMP_FOLDER = "de tijdelijke map van pvs"

# (what the CLI says, what the page says); applied in this order.
_PHRASES = (
    (r"laat --blad weg", f"laat {SHEET_FIELD} leeg"),
    (r"kies met --blad NAAM het blad", f"vul bij {SHEET_FIELD} de naam in van het blad"),
    (r"kies een daarvan met --blad NAAM", f"vul een daarvan in bij {SHEET_FIELD}"),
    (r"Geef met --mapping aan", f"Geef met {MAPPING_FIELD} aan"),
    (r"met --mapping", f"met {MAPPING_FIELD}"),
    (
        r"Geef dan meer ruimte met 'pvs --max-rijen N batch \.\.\.', of splits de export\.",
        "Splits de export dan in delen, of maak de paspoorten op de opdrachtregel met "
        "'pvs --max-rijen N batch', dat meer rijen aankan.",
    ),
    (
        r"Zie 'pvs fields' voor alle velden",
        "Alle velden staan in de README (of typ 'pvs fields' op de opdrachtregel)",
    ),
)


def web_words(text: str, names: dict[Path, str], folder: Path) -> str:
    """`text` with each path in `names` replaced by its display name, any other path in
    `folder` by words, and command-line options by the fields of the page."""
    for path, name in names.items():
        text = text.replace(str(path), f"'{name}'")
    text = re.sub(re.escape(str(folder)) + r"(?:[^\s',;:]*[^\s',;:.])?", TEMP_FOLDER, text)
    for pattern, replacement in _PHRASES:
        text = re.sub(pattern, replacement, text)
    return text
