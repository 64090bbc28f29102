"""The rendered PDF form: fields named by path, metadata, layout, and appearances that real
PDF engines (poppler, mupdf, pdfium) draw."""

from __future__ import annotations

import io
import itertools
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

import pvs
from pvs.documents.pdf.appearance import LINE_FACTOR, MULTI_SIZES, PADDING, text_appearance
from pvs.documents.pdf.font import metrics
from pvs.documents.pdf.layout import (
    BOTTOM,
    FOOTER_Y,
    LEFT,
    LONG_BOX,
    PAGE_HEIGHT,
    RIGHT,
    TOP,
    layout,
    widgets_by_path,
    wrap,
)
from pvs.documents.pdf.render import render_pdf, terminal_fields
from pvs.model.formmodel import load_form_model
from tests.conftest import SAMPLES, load_json
from tests.programs import run

SCRIPTS = ("Şükrü", "Олена", "Ștefan", "Ελένη", "Łukasz", "Nguyễn Thị Hương", "Čeněk")


@cache
def rendered(name: str) -> bytes:
    return render_pdf(load_json(SAMPLES / name))


@cache
def all_scripts() -> bytes:
    data = load_json(SAMPLES / "03-olena-kovalenko.json")
    data["wie_ben_ik"]["talen"] = " ".join(SCRIPTS)
    return render_pdf(data)


def write(tmp_path: Path, content: bytes, name: str = "paspoort.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.needs("pdftk")
def test_every_fillable_field_is_a_form_field_named_by_its_path(tmp_path: Path) -> None:
    dump = run("pdftk", write(tmp_path, render_pdf()), "dump_data_fields_utf8")
    blocks = [b for b in dump.split("---") if "FieldType: " in b and "FieldType: \n" not in b]
    names = {
        line.split(": ", 1)[1]
        for b in blocks
        for line in b.splitlines()
        if line.startswith("FieldName:")
    }
    fillable = {f.path for f in load_form_model().fillable_fields()}
    assert fillable <= names
    assert names - fillable == {f.path for f in load_form_model().fields if not f.fillable}


def test_every_field_has_its_title_as_tooltip() -> None:
    with pikepdf.open(io.BytesIO(render_pdf())) as pdf:
        fields = terminal_fields(pdf)
        for field in load_form_model().fields:
            assert str(fields[field.path].TU) == field.label


def test_tab_order_follows_reading_order() -> None:
    with pikepdf.open(io.BytesIO(render_pdf())) as pdf:
        for page in pdf.pages:
            tops = [(float(a.Rect[3]), float(a.Rect[0])) for a in page.Annots]
            for (top, x), (next_top, next_x) in itertools.pairwise(tops):
                same_row = abs(next_top - top) <= 3
                assert (same_row and next_x > x) or (not same_row and next_top < top)


@pytest.mark.needs("qpdf", "pdftotext")
def test_form_id_and_version_in_metadata_and_every_footer(tmp_path: Path) -> None:
    content = rendered("02-sukru-yilmaz.json")
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert str(pdf.docinfo["/PvsSchemaVersie"]) == pvs.SCHEMA_VERSION
        form_id = str(pdf.docinfo["/PvsFormulierId"])
        pages = len(pdf.pages)
    flat = tmp_path / "plat.pdf"
    run("qpdf", "--flatten-annotations=all", write(tmp_path, content), flat)
    fixed = len(layout())  # then the continuation pages, for answers too long for their box
    for number in range(1, pages + 1):
        text = run("pdftotext", "-f", str(number), "-l", str(number), flat, "-")
        assert f"Paspoort voor Succes · schemaversie {pvs.SCHEMA_VERSION}" in text
        assert form_id in text
        if number <= fixed:
            assert f"pagina {number} van {fixed}" in text
        else:
            assert f"vervolgpagina {number - fixed} van {pages - fixed}" in text


def test_blank_form_gets_a_form_id_from_its_content() -> None:
    with pikepdf.open(io.BytesIO(render_pdf())) as pdf:
        assert str(pdf.docinfo["/PvsFormulierId"]).startswith("PVS-")


def test_same_data_gives_the_same_bytes() -> None:
    data = load_json(SAMPLES / "10-daan-van-den-berg.json")
    assert render_pdf(data) == render_pdf(data)


def _text_box(text: Any) -> tuple[float, float, float, float]:
    width = metrics().width(text.text, text.size)
    x0 = text.x - width if text.align_right else text.x
    return (x0, text.y - 0.24 * text.size, x0 + width, text.y + 0.93 * text.size)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_nothing_runs_off_the_page_or_overlaps() -> None:
    for page in layout():
        boxes = [(w.rect.x0, w.rect.y0, w.rect.x1, w.rect.y1) for w in page.widgets]
        texts = [_text_box(t) for t in page.texts]
        for box in [*boxes, *texts]:
            assert box[0] >= LEFT - 0.01 and box[2] <= RIGHT + 0.01
            assert box[1] >= FOOTER_Y - 5 and box[3] <= TOP + 1
        body = [b for b in [*boxes, *texts] if b[1] > FOOTER_Y + 12]
        assert all(b[1] >= BOTTOM - 0.01 for b in body)
        for i, box in enumerate(boxes):
            assert not any(_overlap(box, other) for other in boxes[i + 1 :])
            assert not any(_overlap(box, text) for text in texts)


def test_long_text_wraps_inside_its_box() -> None:
    text = ("Ik heb moeite met drukte en ik wil graag een vaste plek in het lokaal. " * 11)[:560]
    width = RIGHT - LEFT
    content = text_appearance(text, width, LONG_BOX, multiline=True).decode()
    size = float(content.split(" Tf")[0].rsplit(" ", 1)[1])
    lines = wrap(text, width - 2 * PADDING, size, metrics())
    assert size in MULTI_SIZES and size >= 8
    assert len(lines) * size * LINE_FACTOR <= LONG_BOX - 2 * PADDING
    assert all(metrics().width(line, size) <= width - 2 * PADDING for line in lines)
    assert content.count(" Tj") == len(lines)


def test_every_filled_field_has_its_own_appearance() -> None:
    with pikepdf.open(io.BytesIO(rendered("10-daan-van-den-berg.json"))) as pdf:
        for name, node in terminal_fields(pdf).items():
            if "/V" not in node or node.FT != "/Tx":
                continue
            for widget in node.Kids:
                content = widget.AP.N.read_bytes()
                assert b" Tj" in content and b"/PvsSans" in content, name


# --- the values look right in three independent PDF engines ----------------------------------


def _pgm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and grey pixels of a binary PGM file."""
    data = path.read_bytes()
    parts = data.split(maxsplit=4)
    width, height = int(parts[1]), int(parts[2])
    return width, height, parts[4][-width * height :]


def _ink(pixels: tuple[int, int, bytes], rect: Any, scale: float) -> int:
    """How many dark pixels lie inside `rect` (PDF points) on a page raster."""
    width, _, grey = pixels
    x0, x1 = int(rect.x0 * scale) + 2, int(rect.x1 * scale) - 2
    y0, y1 = int((PAGE_HEIGHT - rect.y1) * scale) + 2, int((PAGE_HEIGHT - rect.y0) * scale) - 2
    return sum(1 for y in range(y0, y1) for x in range(x0, x1) if grey[y * width + x] < 110)


def _poppler(path: Path, out: Path) -> tuple[int, int, bytes]:
    run("pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", "-singlefile", path, out)
    return _pgm(out.with_suffix(".pgm"))


def _mupdf(path: Path, out: Path) -> tuple[int, int, bytes]:
    target = out.with_suffix(".pgm")
    run("mutool", "draw", "-q", "-r", "72", "-c", "gray", "-o", target, path, "1")
    return _pgm(target)


def _pdfium(path: Path, out: Path) -> tuple[int, int, bytes]:
    pdf = pdfium.PdfDocument(str(path))
    pdf.init_forms()
    bitmap = pdf[0].render(scale=1, grayscale=True, may_draw_forms=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    raw = bytes(bitmap.buffer)
    grey = b"".join(raw[y * stride : y * stride + width] for y in range(height))
    return width, height, grey


@pytest.mark.parametrize(
    "engine",
    [
        pytest.param(_poppler, id="poppler", marks=pytest.mark.needs("pdftoppm")),
        pytest.param(_mupdf, id="mupdf", marks=pytest.mark.needs("mutool")),
        pytest.param(_pdfium, id="pdfium"),
    ],
)
def test_engines_draw_filled_values_and_leave_empty_boxes_empty(
    engine: Any, tmp_path: Path
) -> None:
    pixels = engine(write(tmp_path, rendered("03-olena-kovalenko.json")), tmp_path / "page")
    boxes = widgets_by_path()
    filled = boxes["jongere.roepnaam"][0][1].rect
    empty = boxes["jongere.tussenvoegsel"][0][1].rect
    ticked = next(w for _, w in boxes["school.onderwijstype"] if w.option == "vmbo-tl").rect
    unticked = next(w for _, w in boxes["school.onderwijstype"] if w.option == "havo").rect
    assert _ink(pixels, filled, 1) > 20
    assert _ink(pixels, empty, 1) == 0
    assert _ink(pixels, ticked, 1) > _ink(pixels, unticked, 1)


def _mupdf_text(path: Path) -> str:
    return run("mutool", "draw", "-q", "-F", "txt", "-o", "-", path)


def _poppler_text(path: Path) -> str:
    flat = path.with_name("plat.pdf")
    run("qpdf", "--flatten-annotations=all", path, flat)
    return run("pdftotext", flat, "-")


def _pdfium_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    texts = []
    for index in range(len(pdf)):
        pdfium_raw.FPDFPage_Flatten(pdf[index], pdfium_raw.FLAT_PRINT)
        texts.append(pdf[index].get_textpage().get_text_range())
    return "\n".join(texts)


@pytest.mark.parametrize(
    "engine",
    [
        pytest.param(_poppler_text, id="poppler", marks=pytest.mark.needs("qpdf", "pdftotext")),
        pytest.param(_mupdf_text, id="mupdf", marks=pytest.mark.needs("mutool")),
        pytest.param(_pdfium_text, id="pdfium"),
    ],
)
def test_engines_read_back_every_script(engine: Any, tmp_path: Path) -> None:
    text = engine(write(tmp_path, all_scripts()))
    for word in SCRIPTS:
        assert word in text, word


def everything_filled() -> dict[str, Any]:
    """A passport with every field and every slot filled, texts as long as the schema allows."""
    from pvs.model.formmodel import Kind
    from pvs.model.paths import assemble

    words = (
        "Ik wil graag een rustige plek en extra tijd bij toetsen, en een vaste mentor die "
        "ik kan bellen als het niet goed gaat. "
    ) * 20
    values: dict[str, Any] = {}
    for field in load_form_model().fields:
        if field.kind in (Kind.CHECKBOX, Kind.YES_NO):
            values[field.path] = True
        elif field.kind == Kind.CHOICE:
            values[field.path] = field.options[-1].value
        elif field.kind == Kind.DATE:
            values[field.path] = "2027-03-31"
        elif field.kind == Kind.NUMBER:
            values[field.path] = 6
        elif field.kind == Kind.LONG_TEXT:
            values[field.path] = words[:700].strip()
        else:
            values[field.path] = words[: min(field.max_length or 120, 120)].strip()
    values["meta.schema_versie"] = pvs.SCHEMA_VERSION
    return assemble(values)


@pytest.mark.needs("qpdf")
def test_a_passport_with_every_slot_filled_shows_every_value_inside_its_box(
    tmp_path: Path,
) -> None:
    """Flattened, every character must lie in its own box: nothing clipped, nothing overlapping.

    Read back from the page geometry (pdfplumber), independent of how pvs drew it.
    """
    from pvs.documents.extraction import canonical
    from pvs.documents.filling import complete_meta

    data = everything_filled()
    flat = tmp_path / "plat.pdf"
    run("qpdf", "--flatten-annotations=all", write(tmp_path, render_pdf(data)), flat)
    assert pvs.read(flat).passport == canonical(complete_meta(data))
