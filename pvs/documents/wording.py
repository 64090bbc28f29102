"""The passport's own words, the same in every format: its title, its introduction, Ja and Nee."""

from __future__ import annotations

TITLE = "Paspoort voor Succes"
INTRO_TEXT = (
    "Dit is jouw Paspoort voor Succes. Hierin vertel je wie je bent, wat je kunt, wat je wilt "
    "en wat je nodig hebt. Je neemt het mee naar het mbo. Vul het in op de computer, of print "
    "het en schrijf erin. Jij bepaalt wie het mag lezen: dat vul je in bij 'Toestemming en "
    "handtekeningen'."
)
YES_NO_LABELS = {True: "Ja", False: "Nee"}
