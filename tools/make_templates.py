"""Write the Word templates in templates/ (run after changing their structure or styles).

The templates are ordinary .docx files with docxtpl (Jinja) tags; a school may open them in
Word and restyle them: the styles 'Veldnaam', 'Hulptekst' and 'Invulveld', the headings, the
title, the footer, a logo. Fields come from the form model, so the template lists no fields.
Each tag is written as one run, so Word never splits it.

    .venv/bin/python tools/make_templates.py
"""

from __future__ import annotations

import datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    for name, size, bold, grey, keep in (
        ("Veldnaam", 9, True, False, True),
        ("Hulptekst", 8, False, True, True),
        ("Invulveld", 10.5, False, False, False),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
        if grey:
            style.font.color.rgb = RGBColor(0x5F, 0x5F, 0x6B)
        style.paragraph_format.keep_with_next = keep
        style.paragraph_format.space_after = Pt(8 if name == "Invulveld" else 0)
        style.paragraph_format.space_before = Pt(4 if name == "Veldnaam" else 0)
    # An answer stands on a line: on paper it is where to write, on screen it sets the answer
    # apart from the question above it.
    styles["Invulveld"].element.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {W}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="8C8C96"/></w:pBdr>'
        )
    )
    placeholder = styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def _page(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))


def _footer(document: docx.document.Document, text: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.add_run(text).font.size = Pt(7)
    size = '<w:rPr><w:sz w:val="14"/></w:rPr>'  # the page number as small as the rest
    paragraph._p.append(
        parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r>{size}<w:t>1</w:t></w:r></w:fldSimple>')
    )


def _document(title: str, subject: str) -> docx.document.Document:
    document = docx.Document()
    _styles(document)
    _page(document)
    props = document.core_properties
    props.title, props.subject, props.author = title, subject, "pvs"
    props.created = props.modified = FIXED_DATE
    props.last_modified_by = "pvs"
    props.revision = 1
    return document


def passport() -> docx.document.Document:
    subject = "Paspoort voor Succes · schemaversie {{ version }}"
    document = _document("Paspoort voor Succes", subject)
    document.core_properties.identifier = "{{ form_id }}"
    document.core_properties.comments = "Aangemaakt op {{ created }}; bewaren tot {{ keep_until }}"
    document.add_paragraph("Paspoort voor Succes", style="Title")
    document.add_paragraph("{{ intro }}")
    for text, style in (
        ("{%p for section in sections %}", None),
        ("{{ section.title }}", "Heading 1"),
        ("{%p if section.description %}", None),
        ("{{ section.description }}", "Hulptekst"),
        ("{%p endif %}", None),
        ("{%p for item in section.entries %}", None),
        ("{%p if item.heading == 2 %}", None),
        ("{{ item.title }}", "Heading 2"),
        ("{%p elif item.heading == 3 %}", None),
        ("{{ item.title }}", "Heading 3"),
        ("{%p else %}", None),
        ("{{ item.title }}", "Veldnaam"),
        ("{%p endif %}", None),
        ("{%p if item.help %}", None),
        ("{{ item.help }}", "Hulptekst"),
        ("{%p endif %}", None),
        ("{%p if item.control %}", None),
        ("{{r item.control }}", "Invulveld"),
        ("{%p endif %}", None),
        ("{%p endfor %}", None),
        ("{%p endfor %}", None),
    ):
        document.add_paragraph(text, style=style)
    _footer(
        document,
        "Paspoort voor Succes · schemaversie {{ version }} · formulier {{ form_id }} · pagina ",
    )
    return document


def _table(document: docx.document.Document, header: list[str], rows: list[list[str]]) -> None:
    """A bordered table; rows holding only a {%tr %} tag drive docxtpl's row loops."""
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].font.bold = True
    for row, texts in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=False):
            cell.text = text


def _paragraphs(document: docx.document.Document, lines: list[tuple[str, str | None]]) -> None:
    for text, style in lines:
        document.add_paragraph(text, style=style)


def plan() -> docx.document.Document:
    document = _document("Ondersteuningsplan (concept)", "Ondersteuningsplan · concept uit pvs")
    _paragraphs(
        document,
        [
            ("Ondersteuningsplan", "Title"),
            ("CONCEPT", "Heading 1"),
            (
                "Opgesteld door pvs op {{ plandatum }} uit het Paspoort voor Succes. "
                "Dit is een voorstel: bespreek het met de student en pas het aan "
                "voordat iemand tekent.",
                "Hulptekst",
            ),
            ("{%p if zonder_gevoelige_gegevens %}", None),
            (
                "Er is geen toestemming om het paspoort met de begeleider te delen. "
                "Dit concept bevat daarom geen gevoelige gegevens (zoals ondersteuningsbehoeften).",
                "Veldnaam",
            ),
            ("{%p endif %}", None),
            ("Student en opleiding", "Heading 1"),
        ],
    )
    _table(
        document,
        ["Gegeven", "Waarde"],
        [
            ["Naam", "{{ student.naam }}"],
            ["Geboortedatum", "{{ student.geboortedatum or '' }}"],
            ["Leerlingnummer (vo)", "{{ student.leerlingnummer_vo or '' }}"],
            ["Studentnummer (mbo)", "{{ student.studentnummer or '' }}"],
            ["School van herkomst", "{{ student.school_van_herkomst or '' }}"],
            ["Opleiding", "{{ opleiding.naam or '' }}"],
            ["Crebo", "{{ opleiding.crebo or '' }}"],
            ["Niveau", "{{ opleiding.niveau or '' }}"],
            ["Leerweg", "{{ opleiding.leerweg or '' }}"],
            ["Mbo-school", "{{ opleiding.instelling or '' }}"],
            ["Startdatum", "{{ opleiding.startdatum }}"],
            ["Cohort", "{{ opleiding.cohort }}"],
            ["Coach of SLB'er", "{{ opleiding.coach or '' }}"],
        ],
    )
    _paragraphs(
        document,
        [
            ("Bronnen", "Heading 1"),
            ("{%p for bron in bronnen %}", None),
            (
                "{{ bron.document }}, formulier {{ bron.formulier_id }}, schemaversie "
                "{{ bron.schemaversie }}{% if bron.bijgewerkt %}, bijgewerkt {{ bron.bijgewerkt }}"
                "{% endif %}",
                "List Bullet",
            ),
            ("{%p endfor %}", None),
            ("Sterke punten", "Heading 1"),
            ("Uit 'Wat kan ik?' in het paspoort.", "Hulptekst"),
            ("{%p for punt in sterke_punten %}", None),
            (
                "{{ punt.vaardigheid }}{% if punt.zelfbeoordeling %} "
                "(zelf: {{ punt.zelfbeoordeling }} van 5){% endif %}"
                "{% if punt.voorbeeld %}: {{ punt.voorbeeld }}{% endif %}",
                "List Bullet",
            ),
            ("{%p endfor %}", None),
            ("Ondersteuning", "Heading 1"),
            ("{%p if not ondersteuning %}", None),
            ("Geen ondersteuningsbehoeften in dit concept.", None),
            ("{%p endif %}", None),
            ("{%p for behoefte in ondersteuning %}", None),
            ("{{ behoefte.gebied }}", "Heading 2"),
            ("Wat de student schreef", "Veldnaam"),
            ("{{ behoefte.omschrijving or '' }}", "Invulveld"),
            ("Wat hielp op school", "Veldnaam"),
            ("{{ behoefte.wat_hielp or '' }}", "Invulveld"),
            ("Wat de student nodig denkt te hebben", "Veldnaam"),
            ("{{ behoefte.nodig_in_mbo or '' }}", "Invulveld"),
            ("Waar: {{ behoefte.context | join(', ') or 'niet aangegeven' }}", "Hulptekst"),
            ("Voorgestelde voorzieningen", "Veldnaam"),
            ("{%p for voorstel in behoefte.voorstellen %}", None),
            (
                "{{ voorstel.naam }} ({{ voorstel.categorie }}): {{ voorstel.uitleg }}"
                "{% if voorstel.examencommissie %} Besluit: examencommissie.{% endif %}",
                "List Bullet",
            ),
            ("{%p endfor %}", None),
            ("{%p endfor %}", None),
            ("Afspraken: wie doet wat", "Heading 1"),
        ],
    )
    _table(
        document,
        ["Wie", "Wat"],
        [
            ["{%tr for afspraak in afspraken %}"],
            ["{{ afspraak.wie }}", "{{ afspraak.wat }}"],
            ["{%tr endfor %}"],
        ],
    )
    _paragraphs(document, [("Evaluatie", "Heading 1")])
    _table(
        document,
        ["Moment", "Datum", "Besproken op"],
        [
            ["{%tr for evaluatie in evaluaties %}"],
            ["{{ evaluatie.moment }}", "{{ evaluatie.datum }}", ""],
            ["{%tr endfor %}"],
        ],
    )
    _paragraphs(
        document,
        [
            ("Toestemming", "Heading 1"),
            ("{%p for t in toestemming %}", None),
            (
                "{{ t.met }}: {% if t.gegeven %}ja{% if t.door %}, door {{ t.door }}{% endif %}"
                "{% if t.datum %} op {{ t.datum }}{% endif %}{% else %}nee{% endif %}",
                "List Bullet",
            ),
            ("{%p endfor %}", None),
            ("Ondertekening", "Heading 1"),
        ],
    )
    _table(
        document,
        ["Rol", "Naam", "Datum", "Handtekening"],
        [
            ["{%tr for h in handtekeningen %}"],
            ["{{ h.rol }}", "", "", ""],
            ["{%tr endfor %}"],
        ],
    )
    return document


def main() -> None:
    folder = ROOT / "templates"
    folder.mkdir(exist_ok=True)
    for name, make in (("paspoort.docx", passport), ("ondersteuningsplan.docx", plan)):
        make().save(folder / name)
        print(f"templates/{name} geschreven")


if __name__ == "__main__":
    main()
