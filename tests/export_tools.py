"""School exports as Magister and Somtoday write them, for issue 13 (every pupil a passport).

`.venv/bin/python tests/export_tools.py` remakes the exports in tests/fixtures/exports/issue13/,
byte for byte the same each time. Their expectations (`<name>.verwacht.json`) are written by
hand from the issue and domain.md, not by this script: it never touches them.

- `magister-profiel.csv`: ';', Windows-1252, dd-mm-jjjj, Magister's headers with a filled
  Profiel column, the study codes the issue names, and the dubious rows a real export holds.
- `somtoday-info-blad.xlsx`: an info sheet first; the pupil sheet has two title rows and an empty
  row above its header, real date cells, an unknown column, and names beyond Latin-1.
- `somtoday-dubbel-gecodeerd.csv`: ',' UTF-8 with BOM, but the text was UTF-8 read as
  Windows-1252 and saved as UTF-8 again (what Excel does to a UTF-8 CSV opened as ANSI).
- `eigen-kolommen.csv` with `eigen-kolommen.mapping.json`: a school's own headers, mapped by
  column and by value, with one column ignored on purpose.

All names are made up.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook

FOLDER = Path(__file__).resolve().parent / "fixtures" / "exports" / "issue13"
FIXED_TIME = (2026, 11, 20, 8, 0, 0)  # the export's date, in every zip entry

MAGISTER_HEADER = (
    "Stamnr;Roepnaam;Tussenv.;Achternaam;Geb.datum;Stamklas;Studie;Profiel;Mentor;E-mailadres"
)
# One line per pupil, row 2 onwards; the comment says what the row is there for.
MAGISTER_ROWS = [
    "004130;Sanne;de;Vries;14-03-2010;4B1;4 vmbo-b;Zorg en welzijn;M. Brink;"
    "s.devries@leerling.example.nl",
    "004131;Daan;van den;Berg;03-07-2010;4T2;4 vmbo-t;EM;m.brink@vechtpoort.example.nl;"
    "d.vandenberg@leerling.example.nl",  # mentor given as an e-mail address
    "004132;Zoë;;Jansen;21-09-2010;4K1;vmbo-k 4;EM;J. de Wit;z.jansen@leerling.example.nl",
    "004133;Noah;;Bakker;02-02-2010;4K2;KGT4;BWI;J. de Wit;n.bakker@leerling.example.nl",
    "004134;Emma;;Visser;11-11-2010;4K3;4 kgt;Zorg en welzijn;J. de Wit;"
    "e.visser@leerling.example.nl",
    "004135;Liam;;Smit;30-04-2010;4G1;vmbo-gt 4;EM;P. Kok;l.smit@leerling.example.nl",
    "004136;Julia;van;Dijk;17-08-2010;4G2;4GT;Zorg en welzijn;P. Kok;j.vandijk@leerling.example.nl",
    "004137;Mohamed;;El Amrani;05-12-2009;4BK1;4 BB/KB;BWI;P. Kok;m.elamrani@leerling.example.nl",
    "004138;Tess;;Mulder;09-01-2010;4BK2;4 vmbo-bk;Zorg en welzijn;P. Kok;"
    "t.mulder@leerling.example.nl",
    "004139;Finn;de;Graaf;23-06-2010;4B2;4 BB lwoo;BWI;M. Brink;f.degraaf@leerling.example.nl",
    "004140;Lotte;;Meijer;14-02-2010;4M1;mavo 4;EM;R. Vos;l.meijer@leerling.example.nl",
    "004141;Sem;van der;Meer;08-10-2009;H5A;HAVO 5;E&M;R. Vos;s.vandermeer@leerling.example.nl",
    "004142;Yara;;Bos;19-05-2012;3HV1;Havo/vwo 3;;R. Vos;y.bos@leerling.example.nl",
    "004143;Lucas;;Hendriks;;4B1;4 vmbo-b;BWI;M. Brink;l.hendriks@leerling.example.nl",  # no date
    "004144;Mila;;Peters;12-12-2010;4T1;4 vmbo-t;EM;M. Brink;geen-email",
    "004145;Levi;;Koster;12-06-2016;4T1;4 vmbo-t;EM;M. Brink;l.koster@leerling.example.nl",  # 10
    "004146;Evi;;Willems;05-05-2001;4K1;vmbo-k 4;EM;J. de Wit;e.willems@leerling.example.nl",
    "004147;Jesse;;Verhoeven;31-02-2010;4B1;4 vmbo-b;BWI;M. Brink;"
    "j.verhoeven@leerling.example.nl",  # a day that does not exist
    "004148;Saar;;Dekker;27-03-2010;4T1;4 vmbo-t;EM;M. Brink;s.dekker@leerling.example.nl",
    "004148;Milan;;Kramer;16-07-2010;4T2;4 vmbo-t;EM;M. Brink;m.kramer@leerling.example.nl",
    "004149;;;Vos;04-04-2010;4K1;vmbo-k 4;EM;J. de Wit;vos@leerling.example.nl",  # surname only
    "004150;;;;01-01-2010;4B1;4 vmbo-b;BWI;M. Brink;",  # no name at all: the only row skipped
    # Дарина Шевченко, lost in an ANSI export: Magister writes '?' for what Windows-1252 lacks.
    "004151;??????;;????????;07-03-2010;4T2;4 vmbo-t;EM;M. Brink;d.sjevtsjenko@leerling.example.nl",
    "004152;Bram;van 't;Hof;29-11-2010;4K2;VMBO-KB 4;BWI;J. de Wit;b.vanthof@leerling.example.nl",
]

SOMTODAY_HEADER = [
    "Leerlingnummer",
    "Voornaam",
    "Tussenvoegsel",
    "Achternaam",
    "Geboortedatum",
    "Klas",
    "Opleiding",
    "E-mailadres",
    "Mentor",
    "Foto toestemming",
]
SOMTODAY_ROWS = [
    [210345, "Şükrü", None, "Yılmaz", date(2010, 4, 2), "4TLa", "Vmbo tl 4"],
    [210346, "Олена", None, "Коваленко", date(2010, 8, 19), "4KBb", "VMBO KB 4"],
    [210347, "Łukasz", None, "Wiśniewski", date(2010, 1, 10), "H4b", "Havo 4"],
    [210348, "Anouk", "van", "Leeuwen", date(2010, 6, 5), "4GLa", "vmbo gemengde leerweg 4"],
    [210349, "Niels", "de", "Boer", date(2008, 9, 15), "V6a", "Vwo 6"],
    [210350, "Ayoub", None, "Haddou", date(2011, 12, 1), "3BBa", "VMBO BB 3"],
]
SOMTODAY_MENTORS = ["A. Peeters", "A. Peeters", "K. Lam", "K. Lam", "H. Groen", "H. Groen"]

DOUBLE_HEADER = (
    "Leerlingnummer,Voornaam,Tussenvoegsel,Achternaam,Geboortedatum,Klas,Opleiding,E-mailadres"
)
DOUBLE_ROWS = [
    "310201,Zoë,,Müller,03-05-2010,4A,Havo 4,z.muller@leerling.example.nl",
    "310202,Tim,,Bakker,12-10-2010,4A,Havo 4,t.bakker@leerling.example.nl",
    "310203,Noëlle,van,Bergen,25-01-2010,4B,Vmbo kb 4,n.vanbergen@leerling.example.nl",
    "310204,Sven,,Çelik,14-07-2010,4B,Vmbo kb 4,s.celik@leerling.example.nl",
    "310205,Anna,de,Jong,30-09-2010,4C,Vmbo tl 4,a.dejong@leerling.example.nl",
    "310206,Mehmet,,Öztürk,06-06-2010,4C,Vmbo tl 4,m.ozturk@leerling.example.nl",
]

OWN_HEADER = (
    "Lln id;Voornaam leerling;Tussenvoegsel;Achternaam;Geboortedatum;Klas/Studie code;Code;"
    "Opmerking"
)
OWN_ROWS = [
    "000871;Mila;;Jansen;12-04-2010;4 XT;K-017;",
    "000872;Ruben;van;Dam;02-09-2011;3 XK;K-018;kluis bij de gymzaal",
    "000873;Fleur;;Kok;18-11-2011;KGT 3;K-019;",
    "000874;Thijs;;Prins;07-07-2010;HAVO 4;K-020;",
    "000875;Ilse;;Brouwer;21-02-2011;X9;K-021;",  # a code nobody mapped
]
OWN_MAPPING = {
    "Lln id": "jongere.leerlingnummer",
    "Voornaam leerling": "jongere.roepnaam",
    "Klas/Studie code": {
        "veld": "opleiding",
        "waarden": {"4 XT": "4 TL", "3 XK": "3 KB", "KGT 3": "3 KB"},
    },
    "Code": None,  # the locker code: 'Code' would otherwise be read as the pupil number
}


def make_fixtures(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # Magister's CSV: Windows-1252 ("ANSI"), Windows line endings, no quotes.
    magister = "\r\n".join([MAGISTER_HEADER, *MAGISTER_ROWS]) + "\r\n"
    (folder / "magister-profiel.csv").write_bytes(magister.encode("cp1252"))
    (folder / "somtoday-info-blad.xlsx").write_bytes(somtoday_workbook())
    double = "\r\n".join([DOUBLE_HEADER, *DOUBLE_ROWS]) + "\r\n"
    twice = double.encode("utf-8").decode("cp1252").encode("utf-8")
    (folder / "somtoday-dubbel-gecodeerd.csv").write_bytes(b"\xef\xbb\xbf" + twice)
    own = "\r\n".join([OWN_HEADER, *OWN_ROWS]) + "\r\n"
    (folder / "eigen-kolommen.csv").write_bytes(b"\xef\xbb\xbf" + own.encode("utf-8"))
    (folder / "eigen-kolommen.mapping.json").write_text(
        json.dumps(OWN_MAPPING, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def somtoday_workbook() -> bytes:
    book = Workbook()
    info = book.active
    info.title = "Info"
    info.append(["Exportdatum", date(2026, 11, 20)])
    info["B1"].number_format = "dd-mm-yyyy"
    info.append(["School", "Het Rivierlyceum"])
    info.append(["Export", "Leerlingen met kenmerken"])
    pupils = book.create_sheet("Leerlingen")
    pupils.append(["Leerlingen Het Rivierlyceum"])
    pupils.append(["Schooljaar 2026-2027, peildatum 20-11-2026"])
    pupils.append([])
    pupils.append(SOMTODAY_HEADER)
    for values, mentor, consent in zip(SOMTODAY_ROWS, SOMTODAY_MENTORS, "JNJJNJ", strict=True):
        email = f"{values[0]}@leerling.rivierlyceum.example.nl"
        pupils.append([*values, email, mentor, "Ja" if consent == "J" else "Nee"])
        pupils.cell(pupils.max_row, 5).number_format = "dd-mm-yyyy"
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(content: bytes) -> bytes:
    """The same workbook, with its save time replaced, so a remake gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2026-11-20T08:00:00Z",
                    data,
                )
            entry = zipfile.ZipInfo(item.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


if __name__ == "__main__":
    make_fixtures()
