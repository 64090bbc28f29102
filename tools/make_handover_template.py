"""Write templates/overdracht.docx, the handover for work and day activities (docxtpl tags).

Built the same way and with the same styles as the passport and the plan (tools/make_templates.py,
whose helpers it reuses), so a school restyles all three alike. Variables are those of
`pvs overdracht --format json`; `{{ x|datum }}` writes an ISO date as dd-mm-jjjj.

    .venv/bin/python tools/make_handover_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docx.shared import Cm

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Shared with the other templates so the three look alike; kept in that script's namespace
# rather than copied, so a change of style reaches every template.
from make_templates import ROOT, _document, _footer, _paragraphs, _table

Lines = list[tuple[str, str | None]]


def _optional(label: str, value: str, style: str = "Invulveld") -> Lines:
    """A label and its value, both left out when the value is empty."""
    return [
        (f"{{%p if {value} %}}", None),
        (label, "Veldnaam"),
        (f"{{{{ {value} }}}}", style),
        ("{%p endif %}", None),
    ]


def _yes_no(label: str, value: str) -> list[list[str]]:
    """A table row with ja or nee, left out when the passport does not say (or may not)."""
    return [
        [f"{{%tr if {value} is not none %}}"],
        [label, f"{{{{ 'ja' if {value} else 'nee' }}}}"],
        ["{%tr endif %}"],
    ]


def _widths(document: Document, *centimetres: float) -> None:
    """Column widths of the last table, so labels stay narrow and e-mail addresses fit."""
    table = document.tables[-1]
    table.autofit = False
    for column, width in zip(table.columns, centimetres, strict=False):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, centimetres, strict=False):
            cell.width = Cm(width)


def _heading(document: Document) -> None:
    _paragraphs(
        document,
        [
            ("Overdracht", "Title"),
            (
                "Voor {{ ontvanger.naam }}{% if ontvanger.organisatie %}: "
                "{{ ontvanger.organisatie }}{% endif %}",
                "Heading 1",
            ),
            (
                "Opgesteld door pvs op {{ documentdatum|datum }} uit het Paspoort voor Succes. "
                "{{ jongere.naam }} gaat naar {{ route }}. Dit document bevat alleen wat de "
                "jongere met {{ ontvanger.naam }} wil delen: toestemming gegeven"
                "{% if ontvanger.toestemming_door %} door {{ ontvanger.toestemming_door }}"
                "{% endif %}{% if ontvanger.toestemming_datum %} op "
                "{{ ontvanger.toestemming_datum|datum }}{% endif %}. Deel het niet verder; "
                "de jongere kan de toestemming altijd intrekken.",
                "Hulptekst",
            ),
            ("Over de jongere", "Heading 1"),
        ],
    )


def _person(document: Document) -> None:
    _table(
        document,
        ["Gegeven", "Waarde"],
        [
            ["Naam", "{{ jongere.naam }}"],
            [
                "Geboortedatum",
                "{{ jongere.geboortedatum|datum }}{% if jongere.leeftijd is not none %} "
                "({{ jongere.leeftijd }} jaar){% endif %}",
            ],
            ["Woonplaats", "{{ jongere.woonplaats or '' }}"],
            ["Telefoon", "{{ jongere.telefoon or '' }}"],
            ["E-mail", "{{ jongere.email or '' }}"],
            ["School", "{{ school.naam or '' }}"],
            ["Soort onderwijs", "{{ school.onderwijstype or '' }}"],
            ["Klas", "{{ school.klas or '' }}"],
            ["Mentor (contactpersoon school)", "{{ school.mentor.naam or '' }}"],
            ["E-mail mentor", "{{ school.mentor.email or '' }}"],
            ["Telefoon mentor", "{{ school.mentor.telefoon or '' }}"],
        ],
    )
    _widths(document, 7, 10)


def _who_and_can(document: Document) -> None:
    lines: Lines = [("Wie de jongere is", "Heading 1")]
    lines += _optional("In eigen woorden", "wie.over")
    lines += _optional("Interesses en hobby's", "wie.interesses")
    lines += _optional("Talen", "wie.talen")
    lines += _optional("Bijbaan of vrijwilligerswerk", "wie.bijbaan")
    lines += _optional("Persoonlijke situatie", "wie.persoonlijke_situatie")
    lines += [
        ("Wat de jongere kan", "Heading 1"),
        ("{%p if kan.sterke_punten %}", None),
        ("Sterke punten", "Veldnaam"),
        ("{%p for punt in kan.sterke_punten %}", None),
        (
            "{{ punt.vaardigheid }}{% if punt.zelfbeoordeling %} (eigen inschatting: "
            "{{ punt.zelfbeoordeling }} van 5){% endif %}"
            "{% if punt.voorbeeld %}. Voorbeeld: {{ punt.voorbeeld }}{% endif %}",
            "List Bullet",
        ),
        ("{%p endfor %}", None),
        ("{%p endif %}", None),
        ("{%p if kan.werkervaring %}", None),
        ("Stages en werkervaring", "Veldnaam"),
        ("{%p for plek in kan.werkervaring %}", None),
        (
            "{{ plek.organisatie or 'Stage' }}{% if plek.periode %} ({{ plek.periode }})"
            "{% endif %}{% if plek.wat_deed %}. Taken: {{ plek.wat_deed }}{% endif %}"
            "{% if plek.wat_ging_goed %} Wat goed ging: {{ plek.wat_ging_goed }}{% endif %}",
            "List Bullet",
        ),
        ("{%p endfor %}", None),
        ("{%p endif %}", None),
    ]
    lines += _optional("Wat de jongere moeilijk vindt", "kan.moeilijk")
    _paragraphs(document, lines)


def _wants(document: Document) -> None:
    lines: Lines = [("Wat de jongere wil", "Heading 1"), ("{%p if wil.werk %}", None)]
    lines += _optional("Sector", "wil.werk.sector")
    lines += _optional("Soort werk", "wil.werk.soort_werk")
    lines += _optional("Werkgever of leerwerkplek", "wil.werk.werkgever")
    lines += _optional("Heeft de jongere al een plek?", "wil.werk.plek")
    lines += [("{%p endif %}", None), ("{%p if wil.dagbesteding %}", None)]
    lines += _optional("Wat de jongere bij de dagbesteding wil doen", "wil.dagbesteding.wens")
    lines += _optional("Organisatie", "wil.dagbesteding.organisatie")
    lines += _optional("Gemeente", "wil.dagbesteding.gemeente")
    lines += [("{%p endif %}", None)]
    lines += _optional("Toekomst", "wil.toekomst")
    lines += _optional("Hoe de keuze tot stand kwam", "wil.keuze")
    lines += _optional("Plan B", "wil.plan_b")
    _paragraphs(document, lines)


def _support(document: Document) -> None:
    lines: Lines = [
        ("Wat helpt", "Heading 1"),
        ("{%p if not ondersteuning.behoeften %}", None),
        (
            "{% if ondersteuning.geen_extra_ondersteuning %}Volgens het paspoort heeft de "
            "jongere geen extra ondersteuning nodig.{% else %}Het paspoort noemt geen "
            "ondersteuning.{% endif %}",
            None,
        ),
        ("{%p endif %}", None),
        ("{%p for behoefte in ondersteuning.behoeften %}", None),
        ("{{ behoefte.titel }}", "Heading 2"),
    ]
    lines += _optional("Waar de jongere moeite mee heeft", "behoefte.moeite")
    lines += _optional("Wat hielp op school", "behoefte.wat_hielp")
    lines += _optional("Wat de jongere nodig heeft", "behoefte.nodig")
    lines += [("{%p endfor %}", None)]
    lines += _optional("Ontwikkelingsperspectiefplan (OPP)", "ondersteuning.opp")
    lines += [("Afgesproken contacten", "Heading 1")]
    _paragraphs(document, lines)
    _paragraphs(
        document,
        [
            ("{%p if contacten %}", None),
            ("Met deze mensen vindt de jongere contact goed.", "Hulptekst"),
            ("{%p else %}", None),
            ("Het paspoort noemt niemand met wie contact is afgesproken.", None),
            ("{%p endif %}", None),
        ],
    )
    _table(
        document,
        ["Rol", "Naam", "Organisatie", "Telefoon", "E-mail"],
        [
            ["{%tr for c in contacten %}"],
            [
                "{{ c.rol or '' }}{% if c.tolk_gewenst %} (tolk gewenst){% endif %}",
                "{{ c.naam }}",
                "{{ c.organisatie or '' }}",
                "{{ c.telefoon or '' }}",
                "{{ c.email or '' }}",
            ],
            ["{%tr endfor %}"],
        ],
    )
    _widths(document, 3.4, 2.9, 3.1, 3, 4.6)


def _arrangements(document: Document) -> None:
    _paragraphs(document, [("Afspraken en data", "Heading 1")])
    _table(
        document,
        ["Afspraak", "Stand"],
        [
            [
                "Uitstroomoverleg met het RMC",
                "{{ afspraken.uitstroomoverleg|datum or 'onbekend' }}",
            ],
            [
                "Warme overdracht",
                "{% if afspraken.warme_overdracht %}gehouden op "
                "{{ afspraken.warme_overdracht|datum }}{% if afspraken.warme_overdracht_door %} "
                "({{ afspraken.warme_overdracht_door }}){% endif %}{% else %}nog niet gehouden"
                "{% endif %}",
            ],
            *_yes_no("De jongere wil een doorwerkcoach", "afspraken.doorwerkcoach_gewenst"),
            *_yes_no("De gemeente is betrokken", "afspraken.gemeente_betrokken"),
            *_yes_no("Het UWV is betrokken", "afspraken.uwv_betrokken"),
            ["{%tr if afspraken.doelgroepregister %}"],
            ["Doelgroepregister (UWV)", "{{ afspraken.doelgroepregister }}"],
            ["{%tr endif %}"],
        ],
    )
    _widths(document, 7, 10)
    lines: Lines = [("{%p if afspraken.mentoradvies %}", None)]
    lines += [
        (
            "Advies van de mentor{% if afspraken.mentoradvies_datum %} "
            "({{ afspraken.mentoradvies_datum|datum }}){% endif %}",
            "Veldnaam",
        ),
        ("{{ afspraken.mentoradvies }}", "Invulveld"),
        ("{%p endif %}", None),
        ("{%p if weggelaten %}", None),
        ("Niet in deze overdracht", "Heading 1"),
        (
            "Deze onderdelen van het paspoort deelt pvs niet met {{ ontvanger.naam }}: alleen "
            "wat deze partij voor haar taak nodig heeft, gaat mee.",
            "Hulptekst",
        ),
        ("{%p for deel in weggelaten %}", None),
        ("{{ deel }}", "List Bullet"),
        ("{%p endfor %}", None),
        ("{%p endif %}", None),
    ]
    _paragraphs(document, lines)


def handover() -> Document:
    document = _document("Overdracht", "Overdracht uit het Paspoort voor Succes · pvs")
    for part in (_heading, _person, _who_and_can, _wants, _support, _arrangements):
        part(document)
    _footer(
        document,
        "Overdracht uit het Paspoort voor Succes · vertrouwelijk · formulier "
        "{{ bron.formulier_id or '' }} · pagina ",
    )
    return document


def main() -> None:
    target = ROOT / "templates" / "overdracht.docx"
    handover().save(target)
    print(f"templates/{target.name} geschreven")


if __name__ == "__main__":
    main()
