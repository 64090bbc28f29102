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


W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
# A Word checkbox (content control) per proposal; its tag names the proposal, so that
# `pvs plan --lees` finds what the coach ticked. It starts cleared: nothing is agreed yet.
# LibreOffice drops the tag when it saves, so a bookmark around the box names it too.
BOOKMARK_ID = "{{ 1000 + behoefte.nummer * 10 + loop.index }}"
BOOKMARK_START = (
    f'<w:bookmarkStart {W} w:id="{BOOKMARK_ID}" '
    "w:name=\"pvs_{{ voorstel.sleutel | replace(':', '_') }}\"/>"
)
BOOKMARK_END = f'<w:bookmarkEnd {W} w:id="{BOOKMARK_ID}"/>'
CHECKBOX = (
    f'<w:sdt {W} {W14}><w:sdtPr><w:alias w:val="Afgesproken"/>'
    '<w:tag w:val="pvs:voorziening:{{ voorstel.sleutel }}"/>'
    '<w14:checkbox><w14:checked w14:val="0"/>'
    '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
    '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
    '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
    'w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr><w:t>\u2610</w:t></w:r></w:sdtContent>'
    "</w:sdt>"
)


def _proposal(document: docx.document.Document) -> None:
    """The proposal's checkbox, its name in bold, then what it is."""
    paragraph = document.add_paragraph(style="List Paragraph")
    for xml in (BOOKMARK_START, CHECKBOX, BOOKMARK_END):
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(" ")
    paragraph.add_run("{{ voorstel.naam }}").bold = True
    paragraph.add_run(
        " ({{ voorstel.categorie }}). {{ voorstel.uitleg }}"
        "{% if voorstel.examencommissie %} Besluit: examencommissie.{% endif %}"
    )
    why = document.add_paragraph("Waarom: {{ voorstel.reden }}", style="Hulptekst")
    why.paragraph_format.left_indent = Cm(1.27)  # under the proposal it belongs to
    why.paragraph_format.space_after = Pt(6)


def plan() -> docx.document.Document:
    document = _document("Ondersteuningsplan (concept)", "Ondersteuningsplan · concept uit pvs")
    # The mark by which pvs knows its own plan again (pvs plan --lees, pvs extract).
    document.core_properties.category = "pvs-ondersteuningsplan"
    document.core_properties.identifier = "{{ bronnen[0].formulier_id or '' }}"
    document.core_properties.comments = "Concept-ondersteuningsplan, gemaakt door pvs"
    _paragraphs(
        document,
        [
            ("Ondersteuningsplan", "Title"),
            ("CONCEPT", "Heading 1"),
            (
                "Opgesteld door pvs op {{ plandatum }} uit het Paspoort voor Succes. "
                "Dit is een voorstel: bespreek het met de student, vink de voorzieningen aan "
                "die u samen afspreekt en pas het aan voordat iemand tekent.",
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
            ["Duur", "{{ opleiding.duur }}"],
            ["Mbo-school", "{{ opleiding.instelling or '' }}"],
            ["Startdatum", "{{ opleiding.startdatum }}"],
            ["Cohort", "{{ opleiding.cohort }}"],
            ["Coach of SLB'er", "{{ opleiding.coach or '' }}"],
        ],
    )
    _paragraphs(
        document,
        [
            ("Contact", "Heading 1"),
            ("Mentor op de school van herkomst", "Veldnaam"),
            (
                "{% if contacten.mentor %}{{ contacten.mentor.naam or '' }}"
                "{% if contacten.mentor.telefoon %}, {{ contacten.mentor.telefoon }}{% endif %}"
                "{% if contacten.mentor.email %}, {{ contacten.mentor.email }}{% endif %}"
                "{% else %}Niet ingevuld in het paspoort.{% endif %}",
                "Invulveld",
            ),
            ("Wie het mbo mag bellen of mailen (toestemming van de student)", "Veldnaam"),
            ("{%p if not contacten.netwerk %}", None),
            ("Niemand uit het netwerk; vraag de student.", "Invulveld"),
            ("{%p endif %}", None),
            ("{%p for c in contacten.netwerk %}", None),
            (
                "{{ c.rol }}: {{ c.naam or '' }}{% if c.organisatie %} ({{ c.organisatie }})"
                "{% endif %}{% if c.telefoon %}, {{ c.telefoon }}{% endif %}"
                "{% if c.email %}, {{ c.email }}{% endif %}"
                "{% if c.tolk_gewenst %}; een tolk is gewenst{% endif %}",
                "List Bullet",
            ),
            ("{%p endfor %}", None),
            ("Ontwikkelingsperspectiefplan (OPP)", "Veldnaam"),
            ("{{ opp.tekst }}", "Invulveld"),
            ("Warme overdracht", "Veldnaam"),
            ("{{ warme_overdracht.tekst }}", "Invulveld"),
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
            ("Waar de student goed in is, volgens de student zelf in het paspoort.", "Hulptekst"),
            ("{%p if not sterke_punten %}", None),
            ("Het paspoort noemt geen sterke punten; bespreek ze met de student.", None),
            ("{%p endif %}", None),
            ("{%p for punt in sterke_punten %}", None),
            (
                "{{ punt.vaardigheid }}, {{ punt.oordeel }}"
                "{% if punt.voorbeeld %}. Voorbeeld van de student: „{{ punt.voorbeeld }}”"
                "{% endif %}",
                "List Bullet",
            ),
            ("{%p endfor %}", None),
            ("Ondersteuning", "Heading 1"),
            (
                "Per behoefte eerst de woorden van de student, dan hoogstens vijf voorstellen, "
                "het best passende eerst. Vink aan wat u samen afspreekt.",
                "Hulptekst",
            ),
            ("{%p if not ondersteuning %}", None),
            ("Geen ondersteuningsbehoeften in dit concept.", None),
            ("{%p endif %}", None),
            ("{%p for behoefte in ondersteuning %}", None),
            ("{{ behoefte.gebied }}", "Heading 2"),
            ("Wat de student moeilijk vindt", "Veldnaam"),
            ("{{ behoefte.omschrijving or '' }}", "Invulveld"),
            ("Wat op school hielp", "Veldnaam"),
            ("{{ behoefte.wat_hielp or '' }}", "Invulveld"),
            ("Wat de student op het mbo nodig denkt te hebben", "Veldnaam"),
            ("{{ behoefte.nodig_in_mbo or '' }}", "Invulveld"),
            ("Waar: {{ behoefte.context | join(', ') or 'niet aangegeven' }}", "Hulptekst"),
            ("Soort afspraak", "Veldnaam"),
            ("{{ behoefte.soort_uitleg }}", "Invulveld"),
            ("Voorgestelde voorzieningen", "Veldnaam"),
            ("{%p if not behoefte.voorstellen %}", None),
            ("Geen voorstel uit de catalogus; spreek met de student af wat helpt.", None),
            ("{%p endif %}", None),
            ("{%p for voorstel in behoefte.voorstellen %}", None),
        ],
    )
    _proposal(document)
    _paragraphs(
        document,
        [
            ("{%p endfor %}", None),
            ("{%p endfor %}", None),
            ("{%p if examenvoorzieningen %}", None),
            ("Examenvoorzieningen", "Heading 1"),
            ("{{ examenvoorzieningen.tekst }}", None),
            ("{%p endif %}", None),
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
                "{{ t.met }}: {% if t.gegeven %}ja{% if t.door %}, gegeven door {{ t.door }}"
                "{% endif %}{% if t.datum %} op {{ t.datum }}{% endif %}{% else %}nee"
                "{% if t.ingetrokken %}, ingetrokken op {{ t.ingetrokken }}{% endif %}{% endif %}",
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
    _footer(document, "Ondersteuningsplan (concept) · {{ student.naam }} · pagina ")
    return document


def main() -> None:
    folder = ROOT / "templates"
    folder.mkdir(exist_ok=True)
    for name, make in (("paspoort.docx", passport), ("ondersteuningsplan.docx", plan)):
        make().save(folder / name)
        print(f"templates/{name} geschreven")


if __name__ == "__main__":
    main()
