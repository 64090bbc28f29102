"""pvs's Dutch messages in the words of the plan page: what a message says to do on the command
line ("maak met --zonder-toestemming …") becomes what to do on this page.

A message pvs writes for a case the page has its own control for gets that control's name; a
limit the page cannot widen says how the person who starts pvs web widens it.
"""

from __future__ import annotations

import re

WITHOUT_CONSENT_BOX = "Zonder toestemming: een plan zonder gevoelige gegevens"
PASSWORD_FIELD = "Wachtwoord van de PDF"
_REPLACED = (
    (
        "of maak met --zonder-toestemming een plan zonder gevoelige gegevens.",
        f"of kies het paspoort opnieuw en vink '{WITHOUT_CONSENT_BOX}' aan.",
    ),
    (
        "maak die met pvs overdracht (kies de ontvanger met --voor).",
        "die maakt pvs nog niet op deze webpagina, wel met de opdracht 'pvs overdracht' op de "
        "opdrachtregel.",
    ),
    (
        "Geef het wachtwoord met --wachtwoord.",
        f"Vul het wachtwoord in bij '{PASSWORD_FIELD}' en kies het bestand opnieuw.",
    ),
)
_GLOBAL_OPTION = re.compile(r"'pvs (--[a-z-]+) N \.\.\.'")
_RESTART = (
    " Die ruimte geef je bij het starten: stop pvs web (Ctrl-C) en start het opnieuw met die optie."
)


def for_the_page(message: str) -> str:
    """The message with every command-line instruction said as it is done from this page."""
    for cli, web in _REPLACED:
        message = message.replace(cli, web)
    if _GLOBAL_OPTION.search(message):
        message = _GLOBAL_OPTION.sub(r"'pvs \1 N web'", message) + _RESTART
    return message
