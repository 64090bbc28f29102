"""The PDF readers against damaged and hostile files: what a PDF library raises on the file's data
means 'beschadigd' (exit 3) while a bug in pvs stays a bug, library log lines stay off the
screen, and streams and drawings are weighed before a library unpacks or draws them.

The files themselves live in the hostile corpus (tests/hostile/pdf_cases.py); here they are
read in-process, where a test can look closer."""

from __future__ import annotations

import base64
import io
import logging
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from pvs.documents.pdf import extract, flattened
from pvs.documents.pdf.extract import extract_pdf_bytes
from pvs.documents.pdf.quiet import SMALL_FAULTS_NOTE, library_log
from pvs.documents.pdf.render import terminal_fields
from pvs.documents.pdf.text import UNREADABLE, pdf_text
from pvs.documents.pdf.unpack import bounded_bytes, check_packed_streams
from pvs.errors import UnreadableFile
from tests.hostile.corpus import CASES
from tests.hostile.pdf_cases import (
    SENSITIVE,
    as_a_viewer_saves,
    on_first_page,
    zlib_bomb,
)
from tests.hostile.pdf_cases import flattened as flattened_passport

UNPACKED = "pakt uit tot meer dan 100 MB"


def read(content: bytes) -> Any:
    return extract_pdf_bytes(content, "paspoort.pdf")


def case(name: str) -> bytes:
    return next(c for c in CASES if c.name == name).make()


# --- damaged files -----------------------------------------------------------------------------


def test_an_interrupted_upload_is_refused_or_read_with_a_note_wherever_it_was_cut() -> None:
    content = as_a_viewer_saves()
    for sixteenth in range(1, 16):
        try:
            result = read(content[: len(content) * sixteenth // 16])
        except UnreadableFile as error:
            assert "is beschadigd en kan niet worden gelezen" in error.message
        else:
            assert any("beschadigd" in note.message for note in result.notes)


@pytest.mark.parametrize(
    "name", ["runlength-kapot.pdf", "asciihex-kapot.pdf", "type3-zonder-fontbbox.pdf"]
)
def test_a_library_error_on_the_file_means_damaged(name: str) -> None:
    with pytest.raises(UnreadableFile, match="is beschadigd en kan niet worden gelezen"):
        read(case(name))


@pytest.mark.parametrize(
    ("module", "function", "error", "content"),
    [
        (flattened, "_read", KeyError, flattened_passport),
        (extract, "_collect_fields", TypeError, as_a_viewer_saves),
    ],
    ids=["reading-the-page", "reading-the-form"],
)
def test_a_bug_in_pvs_stays_a_bug(
    monkeypatch: pytest.MonkeyPatch, module: Any, function: str, error: type, content: Any
) -> None:
    def broken(*args: object) -> None:
        raise error("een fout in pvs")

    monkeypatch.setattr(module, function, broken)
    with pytest.raises(error):
        read(content())


def test_running_out_of_memory_in_pdfminer_is_left_to_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pdfminer.pdfinterp import PDFPageInterpreter

    def swell(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(PDFPageInterpreter, "process_page", swell)
    with pytest.raises(MemoryError):
        read(flattened_passport())


# --- values that do not decode ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (pikepdf.String(b"\xef\xbb\xbfZo\xc3\xab"), "Zoë"),
        (pikepdf.String(b"\xef\xbb\xbfZo\xff"), f"Zo{UNREADABLE}"),
        (pikepdf.String(b"\xfe\xff\x00Z\x00o"), "Zo"),
        (pikepdf.String(b"Caf\xe9"), "Café"),  # PDFDocEncoding
        (Name("/vmbo-bl"), "vmbo-bl"),
        (Name("/Café"), "Café"),
        (2009, "2009"),
        (None, None),
        (Array([1]), None),
    ],
)
def test_text_is_read_as_well_as_possible(value: Any, text: str | None) -> None:
    assert pdf_text(value) == text


def test_a_name_in_latin_1_reads_as_its_letters() -> None:
    with pikepdf.open(io.BytesIO(case("keuzerondje-latin1-naam.pdf"))) as pdf:
        value = terminal_fields(pdf)["school.onderwijstype"].V
        assert value.unparse() == b"/vmbo-b#e9"
        assert pdf_text(value) == "vmbo-bé"


def test_text_that_does_not_decode_is_kept_and_noted() -> None:
    result = read(case("utf8-bom-kapot.pdf"))
    assert result.passport["jongere"]["roepnaam"].startswith("Ş" + UNREADABLE)
    assert [n.message for n in result.notes if n.path == "jongere.roepnaam"] == [
        f"Roepnaam: een deel van de tekst was niet te lezen en staat er als '{UNREADABLE}'. "
        "Verbeter dit in het paspoort."
    ]


# --- library log lines -----------------------------------------------------------------------


@pytest.mark.parametrize("command", [["extract"], ["check"]], ids=["extract", "check"])
def test_library_warnings_stay_off_the_screen(command: list[str], tmp_path: Path) -> None:
    source = tmp_path / "paspoort.pdf"
    source.write_bytes(case("waarschuwing-met-paginatekst-extract.pdf"))
    shown = subprocess.run(
        [sys.executable, "-m", "pvs", *command, str(source)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    said = shown.stdout + shown.stderr
    assert SENSITIVE not in said
    assert "ADHD" not in shown.stderr
    assert "Could not" not in said and "because" not in said
    assert SMALL_FAULTS_NOTE in said


def test_outside_a_read_library_log_lines_reach_the_root_logger() -> None:
    seen: list[str] = []
    recorder = logging.Handler()
    recorder.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger().addHandler(recorder)
    try:
        with library_log() as heard:
            logging.getLogger("pdfminer.pdfinterp").warning("tijdens het lezen")
        logging.getLogger("pdfminer.pdfinterp").warning("daarna")
    finally:
        logging.getLogger().removeHandler(recorder)
    assert heard == [logging.WARNING]
    assert seen == ["daarna"]


# --- what a library would unpack -------------------------------------------------------------


SCRATCH = pikepdf.new()  # owns the streams below for as long as the tests run


def _stream(raw: bytes, filters: list[Name], parms: Any = None) -> pikepdf.Stream:
    stream = pikepdf.Stream(SCRATCH, raw)
    stream.Filter = Array(filters)
    if parms is not None:
        stream.DecodeParms = parms
    return stream


BOMB = zlib_bomb(120, fill=b"\x00")


@pytest.mark.parametrize(
    ("raw", "filters", "parms"),
    [
        (zlib.compress(BOMB), [Name.FlateDecode, Name.FlateDecode], None),
        (base64.a85encode(BOMB) + b"~>", [Name.ASCII85Decode, Name.FlateDecode], None),
        (BOMB.hex().encode() + b">", [Name.ASCIIHexDecode, Name("/Fl")], None),
        (BOMB, [Name.FlateDecode], Array([Dictionary(Predictor=12, Columns=1023)])),
    ],
    ids=["flate-flate", "ascii85-flate", "asciihex-fl", "flate-predictor"],
)
def test_every_flate_step_unpacks_within_the_limit(
    raw: bytes, filters: list[Name], parms: Any
) -> None:
    with pytest.raises(UnreadableFile, match=UNPACKED):
        bounded_bytes(_stream(raw, filters, parms), "paspoort.pdf")


def test_steps_decode_as_qpdf_decodes_them() -> None:
    text = b"BT /F1 9 Tf (Zo\\353) Tj ET\n" * 50
    rows = b"".join(b"\x00" + text[i : i + 10] for i in range(0, len(text), 10))
    stream = _stream(
        base64.a85encode(zlib.compress(rows)) + b"~>",
        [Name.ASCII85Decode, Name.FlateDecode],
        Array([None, Dictionary(Predictor=10, Columns=10)]),
    )
    assert bounded_bytes(stream, "paspoort.pdf") == stream.read_bytes() == text


def test_an_object_stream_is_checked_before_any_library_opens_the_file() -> None:
    content = case("objectstroom-bom.pdf")
    with pytest.raises(UnreadableFile, match=UNPACKED):
        check_packed_streams(content, "paspoort.pdf")
    hidden = content.replace(b"/Type /ObjStm", b"/Type /Obj#53tm")
    with pytest.raises(UnreadableFile, match=UNPACKED):
        check_packed_streams(hidden, "paspoort.pdf")


def test_an_object_stream_is_unpacked_as_far_as_its_data_runs_not_as_its_length_says() -> None:
    content = case("objectstroom-bom.pdf")
    lying = content.replace(b"/Length ", b"/Length 9 /Lengte ", 1)
    with pytest.raises(UnreadableFile, match=UNPACKED):
        check_packed_streams(lying, "paspoort.pdf")


# --- what pdfminer would draw ----------------------------------------------------------------


def _fan(do: bytes, width: int = 1000) -> Any:
    """A page whose figure draws a figure `width` times, three deep; `do % n` draws figure n."""

    def change(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
        figure = pdf.make_indirect(pikepdf.Stream(pdf, b"0 0 m 1 1 l S"))
        for level in range(4):
            figure.Type, figure.Subtype, figure.BBox = Name.XObject, Name.Form, [0, 0, 1, 1]
            if level == 3:
                break
            drawn = pdf.make_indirect(pikepdf.Stream(pdf, do % level * width))
            drawn.Resources = Dictionary(XObject=Dictionary({f"/F{level}": figure}))
            figure = drawn
        page.Resources.XObject["/Waaier"] = figure
        page.Contents.append(pdf.make_indirect(pikepdf.Stream(pdf, b"/Waaier Do")))

    return on_first_page(change)


@pytest.mark.parametrize(
    "do",
    [b"/F%d Do\n", b"/F%d %%opmerking\n Do ", b"/F%d q Do Q\n", b"/F#3%d Do\n"],
    ids=["plain", "comment", "operand-left-on-the-stack", "escaped-name"],
)
def test_a_page_that_draws_figures_in_figures_too_often_is_refused(do: bytes) -> None:
    with pytest.raises(UnreadableFile, match="is te zwaar om te lezen"):
        read(_fan(do))


def test_a_page_that_draws_figures_a_few_times_still_reads() -> None:
    assert read(_fan(b"/F%d Do\n", width=3)).sources
