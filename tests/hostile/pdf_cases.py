"""Hostile and broken PDFs, as the hardening of the PDF readers found them.

Each case once ended in exit 70 (an error in pvs itself), printed an English library warning
quoting page text, or let qpdf or pdfminer unpack or draw far more than any passport needs.
Bombs are written from one compressed MB repeated, so a file that unpacks to hundreds of MB
takes milliseconds to make.

corpus.py adds PDF_CASES to its own list while it is itself being imported, so this module
imports from it only inside functions, and PDF_CASES is made on first use (__getattr__ below).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from pvs.documents.pdf.render import terminal_fields

EXTRACT = ("extract", "{}", "-o", "{out}")
CHECK = ("check", "{}")
FLATTENED = Path(__file__).parents[1] / "fixtures" / "pdf" / "pvs-filled-qpdf-flattened.pdf"
BOMB_MB = 400  # far past the 100 MB unpack limit, and past the 500 MB the test allows if unpacked
DAMAGED = "is beschadigd en kan niet worden gelezen"
UNPACKS = "pakt uit tot meer dan 100 MB"
SENSITIVE = "ik heb ADHD en dyslexie"


# --- bombs -----------------------------------------------------------------------------------


def zlib_bomb(mb: int, fill: bytes = b"0 0 m ", head: bytes = b"") -> bytes:
    """zlib data of `head` and then `mb` MB of `fill`, from one compressed MB repeated."""
    chunk = fill * ((1 << 20) // len(fill))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    check = zlib.adler32(head)
    for _ in range(mb):
        check = zlib.adler32(chunk, check)
    return b"\x78\xda" + start + block * mb + compressor.flush() + struct.pack(">I", check)


@cache
def flattened() -> bytes:
    """A passport flattened by qpdf: read from the page, through pdfminer."""
    return FLATTENED.read_bytes()


def on_first_page(change: Callable[[pikepdf.Pdf, pikepdf.Dictionary], None]) -> bytes:
    """The flattened passport after `change(pdf, first page)`, every stream kept as written."""
    with pikepdf.open(io.BytesIO(flattened())) as pdf:
        change(pdf, pdf.pages[0].obj)
        out = io.BytesIO()
        pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
        return out.getvalue()


def _stream(pdf: pikepdf.Pdf, raw: bytes, **entries: object) -> pikepdf.Object:
    """An indirect stream holding `raw` exactly as given (already encoded by its filters)."""
    stream = pikepdf.Stream(pdf, raw)
    for key, value in entries.items():
        stream[f"/{key}"] = value
    return pdf.make_indirect(stream)


def _contents(raw: bytes, **entries: object) -> Callable[[pikepdf.Pdf, pikepdf.Dictionary], None]:
    def change(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
        page.Contents = _stream(pdf, raw, **entries)

    return change


def _double_flate() -> bytes:
    bomb = zlib.compress(zlib_bomb(BOMB_MB))
    return on_first_page(_contents(bomb, Filter=Array([Name.FlateDecode, Name.FlateDecode])))


def _predictor_bomb() -> bytes:
    rows = zlib_bomb(BOMB_MB, fill=b"\x00")  # PNG rows of filter 0 (none) and zeros: valid data
    parms = Dictionary(Predictor=12, Columns=1023)
    return on_first_page(_contents(rows, Filter=Name.FlateDecode, DecodeParms=parms))


def _to_unicode_bomb(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    bomb = _stream(pdf, zlib_bomb(BOMB_MB, fill=b"<01> <0041>\n"), Filter=Name.FlateDecode)
    for font in page.Resources.Font.values():
        font.ToUnicode = bomb


def _fanned_figures(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    """Figure 3 draws figure 2 a thousand times, which draws figure 1 a thousand times..."""
    figure = _stream(pdf, b"0 0 m 1 1 l S", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 1, 1])
    for level in range(1, 4):
        figure = _stream(
            pdf,
            b"/F%d Do\n" % (level - 1) * 1000,
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=[0, 0, 1, 1],
            Resources=Dictionary(XObject=Dictionary({f"/F{level - 1}": figure})),
        )
    page.Resources.XObject["/Waaier"] = figure
    page.Contents.append(_stream(pdf, b"q /Waaier Do Q"))


def _object_stream_bomb() -> bytes:
    """A PDF written by hand whose catalogue and pages sit in an object stream of 400 MB."""
    members = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    offsets, body = [], b""
    for member in members:
        offsets.append(len(body))
        body += member + b"\n"
    head = b" ".join(b"%d %d" % (n, o) for n, o in enumerate(offsets, start=1)) + b"\n"
    data = zlib_bomb(BOMB_MB, fill=b" ", head=head + body)
    packed = b"<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>" % (
        len(head),
        len(data),
    )
    return _with_xref_stream(packed, data, {n: (2, 4, n - 1) for n in (1, 2, 3)})


def _xref_stream_bomb() -> bytes:
    """A PDF written by hand whose cross-reference stream unpacks to 400 MB."""
    catalogue = b"<< /Type /Catalog /Pages 2 0 R >>"
    return _with_xref_stream(catalogue, None, {}, padding=BOMB_MB)


def _with_xref_stream(
    first: bytes,
    data: bytes | None,
    packed: dict[int, tuple[int, int, int]],
    padding: int = 0,
) -> bytes:
    """Object 4 (`first`, a stream when `data` is given) and an xref stream as object 5."""
    out = bytearray(b"%PDF-1.7\n")
    offset = len(out)
    out += b"4 0 obj\n" + first
    out += (b"\nstream\n" + data + b"\nendstream" if data is not None else b"") + b"\nendobj\n"
    rows = {4: (1, offset, 0), 5: (1, len(out), 0), **packed}
    table = b"".join(struct.pack(">BIH", *rows.get(n, (0, 0, 65535))) for n in range(6))
    xref = zlib_bomb(padding, fill=b"\x00", head=table) if padding else zlib.compress(table)
    root = 1 if packed else 4
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root %d 0 R " % root
    out += b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(xref) + xref
    out += b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % rows[5][1]
    return bytes(out)


# --- damaged files and values that do not decode ----------------------------------------------


@cache
def as_a_viewer_saves() -> bytes:
    """The passport without object streams, as most PDF viewers write a filled form."""
    from tests.hostile.corpus import passport_pdf

    with pikepdf.open(io.BytesIO(passport_pdf())) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()


def cut(percent: int) -> Callable[[], bytes]:
    """The passport as an interrupted upload leaves it: the first `percent` % of its bytes."""
    return lambda: as_a_viewer_saves()[: len(as_a_viewer_saves()) * percent // 100]


def _page_text(pdf: pikepdf.Pdf) -> bytes:
    return b"\n".join(s.read_bytes() for s in pdf.pages[0].obj.Contents)


def _broken_run_length(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    text = _page_text(pdf)
    runs = b"".join(bytes([len(text[i : i + 128]) - 1]) + text[i : i + 128] for i in (0, 128))
    page.Contents = _stream(pdf, runs + b"\x7f" + b"cut short", Filter=Name.RunLengthDecode)


def _broken_hex(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    hexed = _page_text(pdf).hex().encode()
    page.Contents = _stream(
        pdf, hexed[:4000] + b"zz{}" + hexed[4000:] + b">", Filter=Name.ASCIIHexDecode
    )


def _type3_without_bbox(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    glyph = _stream(pdf, b"1000 0 d0 0 0 m 500 700 l S")
    page.Resources.Font["/T3"] = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type3,
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=Dictionary(a=glyph),
        Encoding=Dictionary(Type=Name.Encoding, Differences=[97, Name.a]),
        FirstChar=97,
        LastChar=97,
        Widths=[1000],
    )
    page.Contents.append(_stream(pdf, b"BT /T3 12 Tf 40 40 Td (a) Tj ET"))


def _page_text_in_a_warning(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    # Six operands for Tm, the first a string: pdfminer logs all six, the text included.
    shown = f"BT /F1 9 Tf ({SENSITIVE}) 1 0 0 1 40 Tm ET".encode()
    page.Contents.append(_stream(pdf, shown))


def _bad_utf8_after_bom(pdf: pikepdf.Pdf) -> None:
    value = b"\xef\xbb\xbf" + "Şükrü".encode()[:3] + b"\xff\xfe kapot"
    terminal_fields(pdf)["jongere.roepnaam"].V = pikepdf.String(value)


PLACEHOLDER = b"/Vmbo-Xx"  # as long as the Latin-1 name that replaces it in the file


def _latin1_radio_name() -> bytes:
    """A radio button whose value is the name /vmbo-bé, its é one Latin-1 byte (not UTF-8)."""
    from tests.hostile.corpus import edited

    def choose(pdf: pikepdf.Pdf) -> None:
        terminal_fields(pdf)["school.onderwijstype"].V = Name(PLACEHOLDER.decode())

    with pikepdf.open(io.BytesIO(edited(choose))) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    written = out.getvalue().replace(PLACEHOLDER, b"/vmbo-b\xe9")
    assert written.count(b"/vmbo-b\xe9") == 1
    return written


def __getattr__(name: str) -> list[Any]:
    if name == "PDF_CASES":
        return _cases()
    raise AttributeError(name)


@cache
def _cases() -> list[Any]:
    from tests.hostile.corpus import Case, edited

    return [
        *(
            Case(f"afgebroken-op-{p}-procent.pdf", cut(p), EXTRACT, 3, DAMAGED)
            for p in (20, 50, 80)
        ),
        Case("afgebroken-op-95-procent.pdf", cut(95), EXTRACT, 0, "pvs heeft het zo goed mogelijk"),
        Case("runlength-kapot.pdf", lambda: on_first_page(_broken_run_length), EXTRACT, 3, DAMAGED),
        Case("asciihex-kapot.pdf", lambda: on_first_page(_broken_hex), EXTRACT, 3, DAMAGED),
        Case(
            "type3-zonder-fontbbox.pdf",
            lambda: on_first_page(_type3_without_bbox),
            EXTRACT,
            3,
            DAMAGED,
        ),
        Case(
            "utf8-bom-kapot.pdf",
            lambda: edited(_bad_utf8_after_bom),
            EXTRACT,
            0,
            "Roepnaam: een deel van de tekst was niet te lezen",
        ),
        Case(
            "keuzerondje-latin1-naam.pdf",
            _latin1_radio_name,
            EXTRACT,
            0,
            "de keuze hoort niet bij dit veld",
        ),
        Case("dubbel-flate-bom.pdf", _double_flate, EXTRACT, 3, UNPACKS),
        Case("flate-predictor-bom.pdf", _predictor_bomb, EXTRACT, 3, UNPACKS),
        Case("objectstroom-bom.pdf", _object_stream_bomb, EXTRACT, 3, UNPACKS),
        Case("xref-stroom-bom.pdf", _xref_stream_bomb, EXTRACT, 3, UNPACKS),
        Case("tounicode-bom.pdf", lambda: on_first_page(_to_unicode_bomb), EXTRACT, 3, UNPACKS),
        Case(
            "waaier-van-figuren.pdf",
            lambda: on_first_page(_fanned_figures),
            EXTRACT,
            3,
            "is te zwaar om te lezen",
        ),
        *(
            Case(
                f"waarschuwing-met-paginatekst-{command[0]}.pdf",
                lambda: on_first_page(_page_text_in_a_warning),
                command,
                0,
                "Het bestand had kleine fouten",
            )
            for command in (EXTRACT, CHECK)
        ),
    ]
