"""The columns of the intake overview: key (the CSV header, for other systems), header (in the
XLSX, for people) and the widest the column gets there.

The order is the order an intake office reads a row in: who (pupil number, name, birth date,
age), whether the passport was read, where the pupil comes from and who the mentor is, how to
reach the pupil, what the pupil registered for, how complete the passport is, what to plan the
intake by, duplicates, the file and its retention, and last the intaker's own notes.
The name reads surname first ("Berg, Daan van den"), as Magister and Intergrip list pupils, so
the list sorts and filters by surname.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 16


NOTES = "aantekeningen"
NOTES_HEADER = "Aantekeningen"

COLUMNS = [
    Column("leerlingnummer", "Leerlingnummer", 14),
    Column("naam", "Naam", 30),
    Column("geboortedatum", "Geboortedatum", 13),
    Column("leeftijd", "Leeftijd", 9),
    Column("gelezen", "Gelezen", 12),
    Column("reden", "Reden", 40),
    Column("klas", "Klas", 10),
    Column("school", "School", 26),
    Column("onderwijstype", "Onderwijstype", 14),
    Column("mentor", "Mentor", 22),
    Column("mentor_email", "E-mail mentor", 26),
    Column("email", "E-mail", 30),
    Column("telefoon", "Telefoon", 14),
    Column("uitstroomprofiel", "Uitstroomprofiel", 16),
    Column("opleidingen", "Opleidingen", 44),
    Column("instellingen", "Mbo-instelling", 34),
    Column("aangemeld_op", "Aangemeld op (eerste aanmelding)", 13),
    Column("aangemeld_na_1_april", "Aangemeld na 1 april (geen toelatingsrecht)", 30),
    Column("compleet_aanmelding", "Compleet voor aanmelding", 12),
    Column("compleet_intake", "Compleet voor intake", 12),
    Column("ontbreekt_voor_intake", "Wat ontbreekt voor de intake", 44),
    Column("ondersteuning_nodig", "Ondersteuning nodig", 12),
    Column("gezamenlijke_intake", "Gezamenlijke intake gewenst", 12),
    Column("aanwezig_bij_intake", "Wie komt mee naar de intake", 40),
    Column("mentor_aanwezig", "Mentor bij de intake", 11),
    Column("rmc_betrokken", "RMC betrokken", 11),
    Column("tolk_gewenst", "Tolk gewenst", 11),
    Column("andere_wensen", "Andere wensen voor de intake", 26),
    Column("jonger_dan_16", "Jonger dan 16", 10),
    Column("toestemming_intaker_ontbreekt", "Toestemming intaker ontbreekt", 12),
    Column("toestemming_begeleider_ontbreekt", "Toestemming begeleider ontbreekt", 12),
    Column("toestemming_ingetrokken", "Toestemming ingetrokken voor", 20),
    Column("dubbel_met", "Zelfde paspoort ook ingeleverd als", 30),
    Column("telt_mee", "Telt mee (nieuwste versie)", 11),
    Column("bestand", "Bestand", 40),
    Column("gegevens_uit", "Gegevens uit", 16),
    Column("schemaversie", "Schemaversie van het bestand", 14),
    Column("bewaren_tot", "Bewaren tot", 13),
    Column("bewaartermijn_verstreken", "Bewaartermijn verstreken", 12),
]
SENSITIVE_COLUMNS = [
    Column("ondersteuningsbehoeften", "Ondersteuningsbehoeften (vertrouwelijk)", 50),
]
NOTES_COLUMN = Column(NOTES, NOTES_HEADER, 50)
# The columns about the programme wishes: on an institution's sheet they show only its wishes.
WISH_COLUMNS = ("opleidingen", "instellingen", "aangemeld_op", "aangemeld_na_1_april")


def columns(sensitive: bool) -> list[Column]:
    """Every column of the overview, the sensitive one only when asked; the notes last."""
    return COLUMNS + (SENSITIVE_COLUMNS if sensitive else []) + [NOTES_COLUMN]
