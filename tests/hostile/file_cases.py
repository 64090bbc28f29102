"""Word files, JSON passports, school exports and returns that a fuzzing round found breaking pvs.

Each case once made pvs swell, hang, crash (exit 70) or stop a whole batch. Bombs are written by
hand from one deflate block repeated, so a file that unpacks to gigabytes is made in a blink;
`raw_zip` also writes what no zip library will: sizes that lie, members marked encrypted.

corpus.py adds FILE_CASES to its own list while it is itself being imported, so this module
imports from it only inside functions, and FILE_CASES is made on first use (__getattr__ below).
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pvs.documents.docx.controls import bookmark_name
from pvs.documents.docx.render import render_docx

if TYPE_CHECKING:
    from tests.hostile.corpus import Case

EXTRACT = ("extract", "{}", "-o", "{out}")
CHECK = ("check", "{}")
RENDER = ("render", "{}", "-o", "{out}.docx")
PLAN = ("plan", "{}", "-o", "{out}.docx")
BATCH = ("batch", "{}", "-o", "{out}", "--format", "pdf,docx")
INTAKE = ("intake", "{}", "-o", "{out}.xlsx")
MB, GB = 1024**2, 1024**3
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE = json.loads((SAMPLES / "02-sukru-yilmaz.json").read_text("utf-8"))  # as corpus.py's
CONSENTED = json.loads((SAMPLES / "10-daan-van-den-berg.json").read_text("utf-8"))
Member = tuple[bytes, int, int, int]  # raw deflate data, stated size, CRC-32, flags


# Zip archives as they come, not as a library would write them.


def raw_zip(members: dict[str, Member]) -> bytes:
    """A zip archive of the members as given; a stated size past 4 GB gets a zip64 field."""
    out, directory = bytearray(), bytearray()
    for name, (data, size, crc, flags) in members.items():
        encoded = name.encode()
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if size >= 0xFFFFFFFF else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if extra else (len(data), size)
        common = struct.pack("<HHHHHI", 45, flags, 8, 0, 0x21, crc) + struct.pack("<II", *sizes)
        offset = len(out)
        out += b"PK\x03\x04" + common + struct.pack("<HH", len(encoded), len(extra))
        out += encoded + extra + data
        directory += b"PK\x01\x02" + struct.pack("<H", 45) + common
        directory += struct.pack("<HHHHHII", len(encoded), len(extra), 0, 0, 0, 0, offset)
        directory += encoded + extra
    count = len(members) % 0x10000  # zipfile reads the directory by its size, not this count
    end = struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), len(out), 0)
    return bytes(out + directory + b"PK\x05\x06" + end)


def member(data: bytes, flags: int = 0) -> Member:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), len(data), zlib.crc32(data), flags


def bomb(size: int, stated: int | None = None) -> Member:
    """`size` zero bytes said to be `stated` bytes, from 1 MB deflated once and repeated."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = block.compress(b"\0" * MB) + block.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = piece * (size // MB) + tail.compress(b"\0" * (size % MB)) + tail.flush()
    return data, size if stated is None else stated, 0, 0  # the CRC is never reached


def members_of(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def rebuilt(content: bytes, replace: dict[str, Member]) -> bytes:
    """The archive `content` with some members replaced or added."""
    return raw_zip({**{n: member(d) for n, d in members_of(content).items()}, **replace})


# Word documents.


def _passport_docx() -> bytes:
    return render_docx(SAMPLE)


def _types_bomb() -> bytes:
    """[Content_Types].xml, read first, stating and holding 6 GB."""
    return rebuilt(_passport_docx(), {"[Content_Types].xml": bomb(6 * GB)})


def _lying_types_bomb() -> bytes:
    """[Content_Types].xml stating 2 KB but holding 6 GB."""
    return rebuilt(_passport_docx(), {"[Content_Types].xml": bomb(6 * GB, stated=2048)})


def _with_document(change: dict[bytes, bytes], content: bytes | None = None) -> bytes:
    """A passport whose document.xml has each key replaced (once) by its value."""
    content = content or _passport_docx()
    xml = members_of(content)["word/document.xml"]
    for old, new in change.items():
        xml = xml.replace(old, new, 1)
    return rebuilt(content, {"word/document.xml": member(xml)})


def _bookmarks() -> bytes:
    """48 KB of bookmark starts on a field's name, none closed, at the top of a passport, and
    100,000 short paragraphs at its end: each open bookmark collected every paragraph."""
    start = f'<w:bookmarkStart w:id="{{}}" w:name="{bookmark_name("jongere.roepnaam")}"/>'
    opens = "".join(start.format(9000 + i) for i in range(48 * 1024 // len(start)))
    filler = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 100_000
    return _with_document(
        {b"<w:body>": b"<w:body>" + opens.encode(), b"</w:body>": filler + b"</w:body>"}
    )


def _deep() -> bytes:
    """A content control nested 5,000 deep at the top of a passport."""
    inner = "<w:sdtContent>" * 5000 + "<w:r><w:t>x</w:t></w:r>" + "</w:sdtContent>" * 5000
    return _with_document({b"<w:body>": f"<w:body><w:sdt>{inner}</w:sdt>".encode()})


def _empty_paragraphs() -> bytes:
    """95 MB of empty paragraphs, under the unpacked limit: a 200 KB file that took 71 s and
    2.6 GB as a tree of 17 million elements."""
    return _with_document({b"</w:body>": b"<w:p/>" * (95 * MB // 6) + b"</w:body>"})


def _encrypted_member() -> bytes:
    """document.xml marked as encrypted, as a zip tool with a password leaves it."""
    document = members_of(_passport_docx())["word/document.xml"]
    return rebuilt(_passport_docx(), {"word/document.xml": member(document, flags=1)})


def _typed_into_dropdown() -> bytes:
    """A passport whose pupil typed 'vier' over the choice in a number dropdown (Word keeps
    typed text in a dropdown when the control is edited as text)."""
    content = render_docx(CONSENTED)
    xml = members_of(content)["word/document.xml"].decode()
    tag = 'w:val="wat_kan_ik.vaardigheden.0.zelfbeoordeling"'
    at = xml.index(tag)
    shown = re.compile(r'(<w:sdtContent><w:r><w:t xml:space="preserve">)[^<]*')
    xml = xml[:at] + shown.sub(r"\1vier", xml[at:], count=1)
    return rebuilt(content, {"word/document.xml": member(xml.encode())})


# JSON passports.


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=True).encode()


def _long_number() -> bytes:
    return _json(SAMPLE).replace(b'"leerjaar": 4', b'"leerjaar": ' + b"7" * 4301)


def _lone_surrogate() -> bytes:
    return _json(SAMPLE).replace(b"Deventer", b"Deventer\\ud800", 1)


def _deep_json() -> bytes:
    return _json({**CONSENTED, "extra": json.loads("[" * 500 + "]" * 500)})


def _wrong_types() -> bytes:
    needs = {**CONSENTED["wat_heb_ik_nodig"], "behoeften": "veel"}
    skills = [{**CONSENTED["wat_kan_ik"]["vaardigheden"][0], "zelfbeoordeling": "vier"}]
    wishes = {"opleiding": ["Timmerman"], "niveau": "twee"}
    return _json(
        {
            **CONSENTED,
            "wat_heb_ik_nodig": needs,
            "wat_kan_ik": {**CONSENTED["wat_kan_ik"], "vaardigheden": skills},
            "uitstroom": {**CONSENTED["uitstroom"], "opleidingswensen": [wishes, "Bouw"]},
        }
    )


# Exports.


def _export(*rows: str) -> bytes:
    """A Magister-like export: a good row, the rows given, and another good row."""
    from tests.hostile.corpus import HEADER, _csv

    return _csv([HEADER, "1;Kim;Visser;1-1-2010;4 BB", *rows, "3;Sem;Bos;2-2-2010;4 KB"])


def _unicode_text() -> bytes:
    """What Excel saves as 'Unicode-tekst': UTF-16 with a BOM, tab-separated."""
    from tests.hostile.corpus import HEADER

    lines = [HEADER, "1;Zoë;Şahin;1-1-2010;4 BB"]
    return ("\ufeff" + "\r\n".join(lines).replace(";", "\t")).encode("utf-16-le")


def _workbook(rows: str = "") -> bytes:
    """corpus.py's minimal workbook: the export's header row, then `rows` (sheet XML)."""
    from tests.hostile.corpus import HEADER, _cells, _xlsx

    return _xlsx(_cells(1, HEADER.split(";")) + rows)


def _sheet_bomb() -> bytes:
    return rebuilt(_workbook(), {"xl/worksheets/sheet1.xml": bomb(3 * GB)})


def _wide_row() -> bytes:
    """One row of 3 million cells: 60 MB of sheet, under the unpacked limit."""
    return _workbook('<row r="2">' + '<c r="A2"><v>1</v></c>' * 3_000_000 + "</row>")


def _many_cells() -> bytes:
    """3 million cells in 30,000 rows of 100: 48 MB of sheet, under the unpacked limit."""
    return _workbook(("<row>" + "<c><v>1</v></c>" * 100 + "</row>") * 30_000)


def _many_strings() -> bytes:
    """A sharedStrings part of 4 million tiny strings: 68 MB, under the unpacked limit."""
    content = _workbook()
    relations = members_of(content)["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    strings = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main">' + b"<si><t>a</t></si>" * 4_000_000 + b"</sst>"
    )
    replace = {
        "xl/_rels/workbook.xml.rels": member(relations),
        "xl/sharedStrings.xml": member(strings),
    }
    return rebuilt(content, replace)


def _many_members() -> bytes:
    """A workbook with 300,000 empty members: merely listing them took 250 MB."""
    empty = member(b"")
    return rebuilt(_workbook(), {f"x/{i:x}": empty for i in range(300_000)})


def _date_cells() -> bytes:
    """A date cell of type 'd' (ISO 8601), and one whose 'date' is no date at all."""
    from tests.hostile.corpus import _cells

    rows = [(2, ["1", "Kim", "Visser"], "2010-03-14"), (3, ["2", "Ana", "Smit"], "14-03-2010")]
    return _workbook(
        "".join(
            _cells(row, values).removesuffix("</row>")
            + f'<c r="D{row}" t="d"><v>{day}</v></c></row>'
            for row, values, day in rows
        )
    )


def _no_sheets() -> bytes:
    content = _workbook()
    book = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", members_of(content)["xl/workbook.xml"])
    return rebuilt(content, {"xl/workbook.xml": member(book)})


def __getattr__(name: str) -> list[Case]:
    if name == "FILE_CASES":
        return _cases()
    raise AttributeError(name)


@cache
def _cases() -> list[Case]:
    from tests.hostile.corpus import Case, passport_pdf

    return [
        # Word
        Case("inhoudstypen-6gb.docx", _types_bomb, EXTRACT, 3, "pakt uit tot meer dan 100 MB"),
        Case(
            "inhoudstypen-liegen.docx", _lying_types_bomb, EXTRACT, 3, "geen leesbaar Word-bestand"
        ),
        Case("48kb-bladwijzers.docx", _bookmarks, EXTRACT, 0, "velden gelezen"),
        Case("5000-diep.docx", _deep, EXTRACT, 0, "velden gelezen"),
        Case("95mb-lege-alineas.docx", _empty_paragraphs, EXTRACT, 3, "veel meer opmaak dan"),
        Case(
            "versleuteld-onderdeel.docx",
            _encrypted_member,
            EXTRACT,
            3,
            "met een wachtwoord op slot",
        ),
        Case(
            "keuze-vier.docx",
            _typed_into_dropdown,
            PLAN,
            0,
            "Concept-ondersteuningsplan geschreven",
        ),
        # JSON
        Case("4301-cijfers.json", _long_number, CHECK, 3, "een getal dat veel te lang is"),
        Case("4301-cijfers-plan.json", _long_number, PLAN, 3, "een getal dat veel te lang is"),
        Case("losse-surrogaat.json", _lone_surrogate, CHECK, 3, "bevat een ongeldig teken"),
        Case("losse-surrogaat-render.json", _lone_surrogate, RENDER, 3, "bevat een ongeldig teken"),
        Case(
            "losse-surrogaat-extract.json", _lone_surrogate, EXTRACT, 3, "bevat een ongeldig teken"
        ),
        Case("losse-surrogaat-plan.json", _lone_surrogate, PLAN, 3, "bevat een ongeldig teken"),
        Case(
            "losse-surrogaat-intake.json", _lone_surrogate, INTAKE, 0, "0 gelezen, 1 niet leesbaar"
        ),
        Case("500-diep.json", _deep_json, CHECK, 3, "te diep genest"),
        Case("500-diep-plan.json", _deep_json, PLAN, 3, "te diep genest"),
        Case(
            "verkeerde-soorten.json", _wrong_types, PLAN, 0, "Concept-ondersteuningsplan geschreven"
        ),
        # Exports
        Case("blad-3gb.xlsx", _sheet_bomb, BATCH, 3, "pakt uit tot meer dan 100 MB"),
        Case("rij-3-miljoen-cellen.xlsx", _wide_row, BATCH, 3, "een rij met meer dan 16384 cellen"),
        Case("3-miljoen-cellen.xlsx", _many_cells, BATCH, 3, "meer dan 1000000 cellen"),
        Case("4-miljoen-teksten.xlsx", _many_strings, BATCH, 3, "meer dan 500000 verschillende"),
        Case("300000-onderdelen.xlsx", _many_members, BATCH, 3, "geen leesbaar Excel-bestand"),
        Case("geen-werkblad.xlsx", _no_sheets, BATCH, 3, "heeft geen werkblad"),
        Case("datum-t-d.xlsx", _date_cells, BATCH, 1, "'Geb.datum' bevat een datum die pvs niet"),
        Case(
            "stuurteken.csv",
            lambda: _export("2;Ana\x01;Smit;1-1-2010;4 BB"),
            BATCH,
            0,
            "Kolom 'Roepnaam': er stond een onzichtbaar stuurteken",
        ),
        Case(
            "80-emoji.csv",
            lambda: _export("2;" + "\U0001f600" * 80 + ";Smit;1-1-2010;4 BB"),
            BATCH,
            0,
            "3 geschreven",
        ),
        Case(
            "alleen-cr.csv",
            lambda: _export("2;Ana;Smit;1-1-2010;4 BB").replace(b"\r\n", b"\r"),
            BATCH,
            0,
            "3 geschreven",
        ),
        Case("unicode-tekst.csv", _unicode_text, BATCH, 0, "1 geschreven"),
        Case(
            "cel-200kb.csv",
            lambda: _export("2;" + "a" * 200_000 + ";Smit;1-1-2010;4 BB"),
            BATCH,
            1,
            "rij 3: Deze rij heeft een cel van meer dan 128 kB",
        ),
        Case(
            "open-aanhalingsteken.csv",
            lambda: _export('2;"Ana;Smit;1-1-2010;4 BB'),
            BATCH,
            1,
            "rij 3: In deze rij opent een aanhalingsteken",
        ),
        # Returns
        Case("naam-met-\x01.pdf", passport_pdf, INTAKE, 0, "1 gelezen, 0 niet leesbaar"),
    ]
