"""Doubts about a value an export holds that pvs still writes: an unlikely age, broken letters.

A doubt never costs the pupil their passport; it becomes a warning on the row in the manifest.
"""

from __future__ import annotations

from datetime import date

YOUNGEST, OLDEST = 11, 23  # ages at which a pupil may plausibly get a passport
REPLACEMENT = "\ufffd"
EXPORT_AGAIN = "Exporteer opnieuw als CSV UTF-8 of als Excel-bestand (.xlsx)"


def age_doubt(born: date, today: date) -> str | None:
    """A warning when `born` makes the pupil younger than 11 or older than 23 on `today`."""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if YOUNGEST <= age <= OLDEST:
        return None
    return (
        f"met geboortedatum {born:%d-%m-%Y} is de leerling {age} jaar op {today:%d-%m-%Y}. "
        "Klopt die datum? pvs heeft hem wel overgenomen."
    )


def text_doubt(text: str, *, name: bool, sensitive: bool = False) -> str | None:
    """A warning when letters were lost or garbled on the way out of the administration; the
    text of a sensitive field is never quoted, since the manifest is read by many."""
    shown = "deze waarde" if sensitive else f"'{text}'"
    if name and "?" in text:
        return (
            f"in {shown} staan vraagtekens in plaats van letters: de export kon die letters "
            f"niet opslaan. {EXPORT_AGAIN}, of verbeter de naam in het paspoort."
        )
    if REPLACEMENT in text:
        return (
            f"in {shown} staat {REPLACEMENT} in plaats van een letter: de export is in een "
            f"andere tekenset gemaakt. {EXPORT_AGAIN}."
        )
    meant = garbled(text)
    if meant:
        guess = "" if sensitive else f"; bedoeld is waarschijnlijk '{meant}'"
        return f"{shown} lijkt verkeerd omgezet{guess}. {EXPORT_AGAIN}."
    return None


def garbled(text: str) -> str | None:
    """What `text` meant if it is UTF-8 read as Windows-1252 ('ZoÃ«' for 'Zoë'), else None.

    A text in which that reading fails, or changes nothing, is taken as written: real letters
    such as ë are never valid UTF-8 on their own."""
    try:
        meant = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return meant if meant != text else None
