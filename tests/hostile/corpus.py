"""The hostile and broken corpus: files that arrive by e-mail and must never hurt pvs.

Every file is made by this script (large ones cannot sit in the repository), into a folder:
`.venv/bin/python -m tests.hostile FOLDER` writes them for a look. Each case names the
command to run on it, the exit code and a piece of the Dutch message it must give.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from pvs.documents.docx.render import render_docx
from pvs.documents.pdf.render import render_pdf, terminal_fields

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = json.loads((ROOT / "samples" / "02-sukru-yilmaz.json").read_text(encoding="utf-8"))
V1_0 = ROOT / "tests" / "fixtures" / "v1.0"  # files pvs 1.0 made: still read, then upgraded
UPGRADED = "Dit paspoort is gemaakt met schemaversie 1.0"


@dataclass(frozen=True)
class Case:
    name: str  # file name in the corpus
    make: Callable[[], bytes]
    command: tuple[str, ...]  # {} stands for the file
    exit_code: int
    message: str  # must appear in what pvs prints


def passport_pdf() -> bytes:
    return render_pdf(SAMPLE)


def edited(change: Callable[[pikepdf.Pdf], None], content: bytes | None = None) -> bytes:
    with pikepdf.open(io.BytesIO(content or passport_pdf())) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(render_docx(SAMPLE))) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def docx_with_document(xml: bytes) -> bytes:
    return _zip({**_docx_members(), "word/document.xml": xml})


def flate_bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m " * (1 << 16)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + compressor.flush()


def _bomb_page(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.AcroForm
    for page in pdf.pages:
        del page.obj.Annots
    stream = pikepdf.Stream(pdf, flate_bomb(400 * 1024 * 1024))
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].obj.Contents = pdf.make_indirect(stream)


def _javascript(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hoi');")
    )


def _launch(pdf: pikepdf.Pdf) -> None:
    widget = terminal_fields(pdf)["jongere.roepnaam"].Kids[0]
    widget.A = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))


def _submit(pdf: pikepdf.Pdf) -> None:
    widget = terminal_fields(pdf)["jongere.achternaam"].Kids[0]
    widget.A = pikepdf.Dictionary(
        S=pikepdf.Name.SubmitForm,
        F=pikepdf.Dictionary(FS=pikepdf.Name.URL, F=pikepdf.String("http://example.com/verzamel")),
    )


def _parent_cycle(pdf: pikepdf.Pdf) -> None:
    fields = terminal_fields(pdf)
    jongere = fields["jongere.roepnaam"].Parent
    jongere.Parent = fields["jongere.roepnaam"]
    jongere.Kids.append(jongere)


def _page_cycle(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Pages.Kids.append(pdf.Root.Pages)


def _deep_nesting() -> bytes:
    """A PDF written by hand whose catalogue points at an array nested 5000 deep."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Diep 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"[" * 5000 + b"]" * 5000,
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _many_pages() -> bytes:
    pdf = pikepdf.new()
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842])
    for _ in range(5000):
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _encrypted(password: str) -> bytes:
    with pikepdf.open(io.BytesIO(passport_pdf())) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=password, owner=password, R=6))
        return out.getvalue()


def _other_form() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    field = pdf.make_indirect(
        pikepdf.Dictionary(T="factuurnummer", FT=pikepdf.Name.Tx, V=pikepdf.String("2027-001"))
    )
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _newer(pdf: pikepdf.Pdf) -> None:
    terminal_fields(pdf)["meta.schema_versie"].V = pikepdf.String("2.0")


def _with_version(version: str) -> bytes:
    data = {**SAMPLE, "meta": {**SAMPLE["meta"], "schema_versie": version}}
    return json.dumps(data, ensure_ascii=False).encode()


def _xml_with_dtd(dtd: str, use: str) -> bytes:
    xml = _docx_members()["word/document.xml"].decode()
    declaration = xml[: xml.index("?>") + 2]
    return (declaration + dtd + xml[len(declaration) :]).replace("Şükrü", use, 1).encode()


def _docx_bomb() -> bytes:
    xml = _docx_members()["word/document.xml"]
    padding = b"<!--" + b" " * (120 * 1024 * 1024) + b"-->"
    return docx_with_document(xml.replace(b"<w:body>", b"<w:body>" + padding, 1))


def _macro() -> bytes:
    members = _docx_members()
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    return _zip(members)


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return "\r\n".join(lines).encode(encoding)


HEADER = "Stamnr;Roepnaam;Achternaam;Geb.datum;Studie"


def _xlsx(sheet_rows: str, extra: str = "") -> bytes:
    """A minimal workbook written by hand, to hold what Excel allows but openpyxl won't write."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><sheetData>{sheet_rows}</sheetData>{extra}'
        "</worksheet>"
    )
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
            b'.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            b"vnd."
            b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
            b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.worksheet+xml"/></Types>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
            b'.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxml'
            b'formats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
            b'workbook.xml"'
            b"/></Relationships>",
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats'
            b'.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument'
            b'/2006/relationships"><sheets><sheet name="Export" sheetId="1" r:id="r1"/></sheets>'
            b"</workbook>",
            "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas'
            b'.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://'
            b'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
            b'"worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": sheet.encode(),
        }
    )


def _cells(row: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{row}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
        if v
    )
    return f'<row r="{row}">{cells}</row>'


def _formula_cells(row: int) -> str:
    return (
        f'<row r="{row}">'
        + "".join(f'<c r="{c}{row}"><f>CONCAT("a","b")</f></c>' for c in "ABCDE")
        + "</row>"
    )


EXTRACT = ("extract", "{}", "-o", "{out}")
BATCH = ("batch", "{}", "-o", "{out}")
CHECK = ("check", "{}")

CASES = [
    Case("leeg.pdf", lambda: b"", EXTRACT, 3, "is leeg"),
    Case(
        "word-met-pdf-naam.pdf",
        lambda: render_docx(SAMPLE),
        EXTRACT,
        0,
        "is een Word-document, al eindigt de naam niet op .docx",
    ),
    Case(
        "pdf-met-word-naam.docx",
        passport_pdf,
        EXTRACT,
        0,
        "is een PDF, al eindigt de naam niet op .pdf",
    ),
    Case("afgebroken.pdf", lambda: passport_pdf()[:5000], EXTRACT, 3, "beschadigd"),
    Case(
        "rommel-na-kop.pdf",
        lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40,
        EXTRACT,
        3,
        "beschadigd",
    ),
    Case("kringverwijzing-velden.pdf", lambda: edited(_parent_cycle), EXTRACT, 0, "velden gelezen"),
    Case(
        "kringverwijzing-paginas.pdf",
        lambda: edited(_page_cycle),
        EXTRACT,
        3,
        "is beschadigd en kan niet worden gelezen",
    ),
    Case("diep-genest.pdf", _deep_nesting, EXTRACT, 3, "is geen Paspoort voor Succes"),
    Case("5000-paginas.pdf", _many_pages, EXTRACT, 3, "heeft meer dan 60 pagina's"),
    Case(
        "decompressiebom.pdf",
        lambda: edited(_bomb_page),
        EXTRACT,
        3,
        "pakt uit tot meer dan 100 MB",
    ),
    Case(
        "javascript.pdf",
        lambda: edited(_javascript),
        EXTRACT,
        0,
        "pvs heeft die genegeerd en niets uitgevoerd",
    ),
    Case("launch-actie.pdf", lambda: edited(_launch), EXTRACT, 0, "niets uitgevoerd"),
    Case("submitform-actie.pdf", lambda: edited(_submit), EXTRACT, 0, "niets uitgevoerd"),
    Case(
        "versleuteld.pdf",
        lambda: _encrypted("geheim"),
        EXTRACT,
        3,
        "is beveiligd met een wachtwoord",
    ),
    Case(
        "versleuteld-met-wachtwoord.pdf",
        lambda: _encrypted("geheim"),
        (*EXTRACT, "--wachtwoord", "geheim"),
        0,
        "velden gelezen",
    ),
    Case(
        "versleuteld-fout-wachtwoord.pdf",
        lambda: _encrypted("geheim"),
        (*EXTRACT, "--wachtwoord", "fout"),
        3,
        "klopt niet",
    ),
    Case("ander-formulier.pdf", _other_form, EXTRACT, 3, "is geen Paspoort voor Succes"),
    Case("nieuwere-versie.pdf", lambda: edited(_newer), EXTRACT, 3, "schemaversie 2.0"),
    Case("nieuwere-versie.json", lambda: _with_version("1.2"), EXTRACT, 3, "nieuwere versie"),
    Case(
        "onbekende-versie.json",
        lambda: _with_version("1.0-beta"),
        EXTRACT,
        3,
        "geen versie die pvs kent",
    ),
    *(
        Case(f"versie-1.0-{Path(name).name}", (V1_0 / name).read_bytes, EXTRACT, 0, UPGRADED)
        for name in (
            "samples/10-daan-van-den-berg.json",
            "volledig-pdftk-filled.pdf",
            "volledig-mutool-printed.pdf",
            "volledig-libreoffice.docx",
        )
    ),
    Case(
        "te-groot.pdf",
        lambda: passport_pdf() + b"%" * (26 * 1024 * 1024),
        EXTRACT,
        3,
        "pvs leest bestanden tot 25 MB",
    ),
    Case("zipbom.docx", _docx_bomb, EXTRACT, 3, "pakt uit tot meer dan 100 MB"),
    Case(
        "xxe.docx",
        lambda: docx_with_document(
            _xml_with_dtd('<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")
        ),
        EXTRACT,
        3,
        "om veiligheidsredenen",
    ),
    Case(
        "entiteitenbom.docx",
        lambda: docx_with_document(
            _xml_with_dtd(
                '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
                '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
                "]>",
                "&d;",
            )
        ),
        EXTRACT,
        3,
        "om veiligheidsredenen",
    ),
    Case("macro-hernoemd.docx", _macro, EXTRACT, 3, "bevat macro's"),
    Case(
        "kapot.docx",
        lambda: b"PK\x03\x04" + b"\x00" * 300,
        EXTRACT,
        3,
        "geen leesbaar Word-bestand",
    ),
    Case(
        "ander-document.docx",
        lambda: docx_with_document(
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Notulen</w:t></w:r></w:p>'
            b"</w:body></w:document>"
        ),
        EXTRACT,
        3,
        "is geen Paspoort voor Succes",
    ),
    Case(
        "te-veel-rijen.csv",
        lambda: _csv([HEADER] + [f"{i};Kim;Visser;1-1-2010;4 BB" for i in range(50_001)]),
        BATCH,
        3,
        "meer dan 50000 rijen",
    ),
    Case(
        "ongeldige-utf8.csv",
        lambda: _csv([HEADER, "1;Zoë;Müller;1-1-2010;4 BB"]) + b"\r\n2;Ana\xff;Smit;1-1-2010;4 BB",
        BATCH,
        3,
        "regel 3 bevat een ongeldig teken",
    ),
    Case(
        "formules-overal.csv",
        lambda: _csv([HEADER] + ['=1+1;=HYPERLINK("x");=A1;=B2;=C3'] * 3),
        BATCH,
        1,
        "Kolom 'Roepnaam': een formule; pvs neemt geen formules over",
    ),
    Case(
        "miljoen-lege-rijen.csv",
        lambda: _csv([HEADER] + [";;;;"] * 1_000_000),
        BATCH,
        3,
        "meer dan 50000 rijen",
    ),
    Case(
        "lege-rijen.xlsx",
        lambda: _xlsx(
            _cells(1, HEADER.split(";")) + "".join(f'<row r="{r}"/>' for r in range(2, 250_000))
        ),
        BATCH,
        3,
        "meer dan 50000 rijen",
    ),
    Case(
        "formules.xlsx",
        lambda: _xlsx(_cells(1, HEADER.split(";")) + _formula_cells(2)),
        BATCH,
        1,
        "Kolom 'Roepnaam': een formule; pvs neemt geen formules over",
    ),
    Case(
        "samengevoegde-kop.xlsx",
        lambda: _xlsx(
            _cells(1, ["Leerling", "", "", "Geb.datum", "Studie"])
            + _cells(2, ["1", "Kim", "Visser", "1-1-2010", "4 BB"]),
            '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
        ),
        BATCH,
        2,
        "geen kopregel met kolommen voor de roepnaam en de achternaam",
    ),
    Case("geen-export.csv", lambda: bytes(range(256)) * 8, BATCH, 3, "geen tekstbestand"),
    Case("te-diep.json", lambda: b"[" * 100_000, CHECK, 3, "te diep genest"),
    Case(
        "te-groot.json",
        lambda: b'{"jongere": {"roepnaam": "' + b"a" * (26 * 1024 * 1024) + b'"}}',
        CHECK,
        3,
        "pvs leest bestanden tot 25 MB",
    ),
    Case(
        "geen-utf8.json",
        lambda: '{"jongere": {"roepnaam": "Zoë"}}'.encode("cp1252"),
        CHECK,
        3,
        "geen tekstbestand in UTF-8",
    ),
]
CASES += __import__("tests.hostile.env_cases", fromlist=["ENV_CASES"]).ENV_CASES
CASES += __import__("tests.hostile.pdf_cases", fromlist=["PDF_CASES"]).PDF_CASES
CASES += __import__("tests.hostile.file_cases", fromlist=["FILE_CASES"]).FILE_CASES


def write_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
