"""Programs other than pvs that fill, flatten and print pvs forms, for the tests.

Run `python3 -m tests.pdf_tools` (in the venv) to regenerate the named fixtures in
tests/fixtures/pdf/ after a deliberate change of the form; flattened fixtures depend on where
the layout puts each box, so a layout change shows up as their tests failing. The `pvs-filled-*`
and `pdf*-filled*` fixtures were made with layout 1 and are kept so: they show that copies of an
older layout still read. `python3 -m tests.pdf_tools --long` remakes only the `pvs-long-*` ones
(every long answer at its maximum length, continued on later pages; layout 2).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pvs.documents.extraction import canonical
from pvs.documents.filling import complete_meta, display_value
from pvs.documents.pdf.font import REGULAR
from pvs.documents.pdf.form import on_state
from pvs.documents.pdf.layout import widgets_by_path
from pvs.documents.pdf.render import render_pdf
from pvs.model import paths
from pvs.model.formmodel import Field, Kind, load_form_model
from tests.programs import run

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
FILLERS = ROOT / "tests" / "fillers"
OTHERS = FIXTURES / "filled-by-others.json"

# How people type dates; fillers cycle through them so coercion is exercised too.
DATE_STYLES: tuple[Callable[[str], str], ...] = (
    lambda iso: f"{int(iso[8:])}-{int(iso[5:7])}-{iso[:4]}",  # 14-3-2009
    lambda iso: iso,  # 2009-03-14
    lambda iso: f"{iso[8:]}/{iso[5:7]}/{iso[:4]}",  # 14/03/2009
)


def others_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(OTHERS.read_text(encoding="utf-8"))
    return data


def expected_from_form(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = canonical(complete_meta(data))
    return result


TEXT_KINDS = (Kind.LONG_TEXT, Kind.TEXT, Kind.EMAIL, Kind.PHONE)


def expected_from_layout(data: dict[str, Any]) -> dict[str, Any]:
    """A flattened page keeps no line breaks: wrapped lines and line breaks read back as spaces."""
    model = load_form_model()
    text_kinds = TEXT_KINDS

    def unwrap(path: str, value: Any) -> Any:
        node = model.node(path)
        if isinstance(node, Field) and node.kind in text_kinds:
            return " ".join(value.split())
        return value

    result: dict[str, Any] = paths.transform(expected_from_form(data), unwrap)
    return result


def filler_values(data: dict[str, Any]) -> dict[str, Any]:
    """What a person would enter in each field: text, ticked boxes, chosen radio states."""
    model = load_form_model()
    values: dict[str, Any] = {"text": {}, "check": [], "radio": {}}
    dates = 0
    for path, value in paths.walk(data):
        field = model.node(path)
        if not isinstance(field, Field) or not field.fillable:
            continue
        if field.kind == Kind.CHECKBOX:
            if value:
                values["check"].append(path)
        elif field.kind in (Kind.CHOICE, Kind.YES_NO):
            values["radio"][path] = str(on_state(field, value))[1:]
        elif field.kind == Kind.DATE:
            values["text"][path] = DATE_STYLES[dates % len(DATE_STYLES)](value)
            dates += 1
        else:
            values["text"][path] = display_value(field, value)
    return values


def blank_for(data: dict[str, Any], target: Path) -> Path:
    """The blank form a pupil receives: only pvs's own meta (form id) filled in."""
    meta = complete_meta(data)["meta"]
    own = {key: meta[key] for key in ("schema_versie", "formulier_id")}
    target.write_bytes(render_pdf({"meta": own}))
    return target


def fill_pdftk(blank: Path, data: dict[str, Any], target: Path) -> Path:
    values = filler_values(data)
    entries = [
        *values["text"].items(),
        *((p, "Yes") for p in values["check"]),
        *values["radio"].items(),
    ]
    fields = "".join(
        f"<field name={quoteattr(name)}><value>{escape(value)}</value></field>"
        for name, value in entries
    )
    xfdf = target.with_suffix(".xfdf")
    xfdf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><xfdf xmlns="http://ns.adobe.com/xfdf/" '
        f'xml:space="preserve"><fields>{fields}</fields></xfdf>',
        encoding="utf-8",
    )
    run("pdftk", blank, "fill_form", xfdf, "output", target)
    xfdf.unlink()
    return target


def fill_pdflib(blank: Path, data: dict[str, Any], target: Path) -> Path:
    values = target.with_suffix(".values.json")
    values.write_text(json.dumps(filler_values(data), ensure_ascii=False), encoding="utf-8")
    run("node", FILLERS / "fill-pdflib.mjs", blank, values, REGULAR, target)
    values.unlink()
    return target


def flatten_qpdf(source: Path, target: Path) -> Path:
    run("qpdf", "--flatten-annotations=all", source, target)
    return target


def flatten_pdftk(source: Path, target: Path) -> Path:
    run("pdftk", source, "output", target, "flatten")
    return target


def print_mutool(source: Path, target: Path) -> Path:
    """Like printing to PDF: mupdf draws every page, widgets included, into a new PDF."""
    run("mutool", "draw", "-q", "-F", "pdf", "-o", target, source)
    return target


def rewrite_gs(source: Path, target: Path, *options: str) -> Path:
    """Like CUPS-PDF and many "print to PDF" drivers: Ghostscript draws the pages anew."""
    run(
        "gs",
        "-q",
        "-dSAFER",
        "-dBATCH",
        "-dNOPAUSE",
        "-sDEVICE=pdfwrite",
        *options,
        f"-sOutputFile={target}",
        source,
    )
    return target


def print_gs_letter(source: Path, target: Path) -> Path:
    """An A4 passport printed "fit to page" on Letter paper: every page shrunk and shifted."""
    return rewrite_gs(source, target, "-sPAPERSIZE=letter", "-dFIXEDMEDIA", "-dPDFFitPage")


def print_gs_a4(source: Path, target: Path) -> Path:
    """Printed "fit to page" on A4 (the Letter print again: Ghostscript's output rewritten)."""
    return rewrite_gs(source, target, "-sPAPERSIZE=a4", "-dFIXEDMEDIA", "-dPDFFitPage")


def print_gs_a5(source: Path, target: Path) -> Path:
    """Printed two pages to a sheet: each page fit onto A5."""
    return rewrite_gs(source, target, "-sPAPERSIZE=a5", "-dFIXEDMEDIA", "-dPDFFitPage")


def swap_pages_qpdf(source: Path, target: Path) -> Path:
    """The first two pages swapped: each footer still says layout 1, the boxes are elsewhere."""
    run("qpdf", source, "--pages", ".", "2,1,3-z", "--", target)
    return target


# A one-line answer far longer than its box; the word after "op" never shows.
OVERLONG_PATH = "jongere.woonplaats"
OVERLONG = (
    "Utrecht, maar doordeweeks woon ik bij mijn oom boven de winkel bij de bouwmarkt, op zaterdag "
    "thuis"
)


def overlong_data() -> dict[str, Any]:
    data = others_data()
    data["jongere"]["woonplaats"] = OVERLONG
    return data


# Words for answers at their maximum length: with letters beyond Latin-1, as pupils write them.
LONG_SENTENCE = (
    "Ik heb op school geleerd dat ik beter werk met een vaste plek, rust om me heen en "
    "duidelijke afspraken. Şükrü zegt: Мене звати Олена, ik help graag anderen."
)
# Short fields filled to their maximum: their one-line box cannot hold that at 8 pt either.
LONG_SHORT_FIELDS = (
    "jongere.woonplaats",
    "netwerk.ouders.0.naam",
    "uitstroom.opleidingswensen.0.opleiding",
)


def long_text(length: int, seed: int) -> str:
    """Words, single-spaced, exactly `length` characters long (the last word may be cut)."""
    words: list[str] = []
    index = seed
    source = LONG_SENTENCE.split()
    while len(" ".join(words)) < length:
        words.append(source[index % len(source)])
        index += 1
    text = " ".join(words)[:length]
    return text[:-1] + "x" if text.endswith(" ") else text


def long_data() -> dict[str, Any]:
    """The passport of `others_data` with every long text it can hold at its maxLength (2000),
    and a few short texts at theirs (120): each goes on on a continuation page."""
    values = dict(paths.walk(others_data()))
    groups = {path.rsplit(".", 1)[0] for path in values}
    for index, field in enumerate(load_form_model().fields):
        if field.kind != Kind.LONG_TEXT or not field.fillable or not field.max_length:
            continue
        in_slot = any(part.isdigit() for part in field.path.split("."))
        if not in_slot or field.path.rsplit(".", 1)[0] in groups:
            values[field.path] = long_text(field.max_length, index)
    for index, path in enumerate(LONG_SHORT_FIELDS):
        field = load_form_model().node(path)
        assert isinstance(field, Field) and field.max_length
        values[path] = long_text(field.max_length, index)
    return paths.assemble(values)


def continued_paths(data: dict[str, Any], layout_version: int | None = None) -> set[str]:
    """The fields whose value pvs's own PDF continues on a later page (in today's layout, or in
    the older `layout_version` that drew a fixture)."""
    from pvs.documents.pdf.appearance import fits
    from pvs.documents.pdf.layout import widgets_by_path
    from pvs.documents.pdf.layouts import placements

    placed = widgets_by_path() if layout_version is None else placements("1.1", layout_version, "")
    found = set()
    for path, value in paths.walk(data):
        field = load_form_model().node(path)
        if not isinstance(field, Field) or field.kind not in TEXT_KINDS:
            continue
        rect = placed[path][0][1].rect
        text = display_value(field, value)
        if not fits(text, rect.width, rect.height, field.kind == Kind.LONG_TEXT):
            found.add(path)
    return found


def drop_pages(source: Path, keep: str, target: Path) -> Path:
    """A copy with only the pages `keep` (qpdf's page range): a page left out of the print."""
    run("qpdf", source, "--pages", source, keep, "--", target)
    return target


def make_long_fixtures(folder: Path) -> dict[str, dict[str, Any]]:
    """pvs's own PDF of `long_data`, its flattened and printed copies, and a printed copy
    without its continuation pages; the expected data per file name (the last one without the
    continued fields, which it flags)."""
    from pvs.documents.pdf.layout import layout

    data = long_data()
    rendered = folder / "pvs-long-filled.pdf"
    rendered.write_bytes(render_pdf(data))
    flat = expected_from_layout(data)
    expected = {"pvs-long-filled.pdf": expected_from_form(data)}
    for name, flatten in (
        ("pvs-long-qpdf-flattened.pdf", flatten_qpdf),
        ("pvs-long-pdftk-flattened.pdf", flatten_pdftk),
        ("pvs-long-mutool-printed.pdf", print_mutool),
    ):
        flatten(rendered, folder / name)
        expected[name] = flat
    printed = folder / "pvs-long-mutool-printed.pdf"
    drop_pages(printed, f"1-{len(layout())}", folder / "pvs-long-mutool-printed-cut.pdf")
    gone = continued_paths(data)
    expected["pvs-long-mutool-printed-cut.pdf"] = canonical(
        paths.transform(flat, lambda path, value: paths.DROP if path in gone else value)
    )
    return expected


def make_fixtures(folder: Path) -> dict[str, dict[str, Any]]:
    """Write every named fixture to `folder`; return the expected data per file name."""
    data = others_data()
    blank = blank_for(data, folder / "blank.pdf")
    rendered = folder / "pvs-filled.pdf"
    rendered.write_bytes(render_pdf(data))
    made = {
        "pdftk-filled.pdf": (fill_pdftk(blank, data, folder / "pdftk-filled.pdf"), True),
        "pdflib-filled.pdf": (fill_pdflib(blank, data, folder / "pdflib-filled.pdf"), True),
    }
    made["pdflib-filled-qpdf-flattened.pdf"] = (
        flatten_qpdf(made["pdflib-filled.pdf"][0], folder / "pdflib-filled-qpdf-flattened.pdf"),
        False,
    )
    for name, flatten in (
        ("pvs-filled-qpdf-flattened.pdf", flatten_qpdf),
        ("pvs-filled-pdftk-flattened.pdf", flatten_pdftk),
        ("pvs-filled-mutool-printed.pdf", print_mutool),
    ):
        made[name] = (flatten(rendered, folder / name), False)
    flattened = made["pvs-filled-qpdf-flattened.pdf"][0]
    for name, copy in (
        ("pvs-filled-gs-printed.pdf", rewrite_gs),
        ("pvs-filled-gs-letter-printed.pdf", print_gs_letter),
        ("pvs-filled-gs-a5-printed.pdf", print_gs_a5),
    ):
        made[name] = (copy(flattened, folder / name), False)
    letter = made["pvs-filled-gs-letter-printed.pdf"][0]
    made["pvs-filled-gs-printed-twice.pdf"] = (
        print_gs_a4(letter, folder / "pvs-filled-gs-printed-twice.pdf"),
        False,
    )
    mutool = made["pvs-filled-mutool-printed.pdf"][0]
    made["pvs-filled-mutool-printed-gs-printed.pdf"] = (
        rewrite_gs(mutool, folder / "pvs-filled-mutool-printed-gs-printed.pdf"),
        False,
    )
    expected = {
        name: expected_from_form(data) if from_form else expected_from_layout(data)
        for name, (_, from_form) in made.items()
    }
    swapped = swap_pages_qpdf(flattened, folder / "pvs-filled-qpdf-flattened-pages-swapped.pdf")
    expected[swapped.name] = expected_from_layout(data)
    long_filled = fill_pdflib(blank, overlong_data(), folder / "overlong.pdf")
    for name, flatten in (
        ("pdflib-overlong-qpdf-flattened.pdf", flatten_qpdf),
        ("pdflib-overlong-pdftk-flattened.pdf", flatten_pdftk),
    ):
        flatten(long_filled, folder / name)
        expected[name] = expected_from_layout(overlong_data())
    for temporary in (blank, rendered, long_filled):
        temporary.unlink()
    return expected


def _fields_on(*pages: int) -> set[str]:
    """Every field the layout reads from these pages (the form id in the footer included)."""
    return {path for path, widgets in widgets_by_path().items() if widgets[0][0] in pages}


def without(data: Any, doubted: set[str], prefix: str = "") -> Any:
    """A copy of `data` without the values at `doubted` paths, nor what that leaves empty."""
    if isinstance(data, list):
        kept = [without(v, doubted, paths.child(prefix, str(i))) for i, v in enumerate(data)]
        return [v for v in kept if v not in ({}, [])]
    if not isinstance(data, dict):
        return data
    result = {}
    for key, value in data.items():
        path = paths.child(prefix, key)
        if path not in doubted and (kept := without(value, doubted, path)) not in ({}, []):
            result[key] = kept
    return result


def expected_doubts() -> dict[str, dict[str, str]]:
    """Per named fixture with doubts: each doubted path and how its message ends."""
    cut_off = "het antwoord is langer dan het vak. Neem het over uit het paspoort zelf."
    # The overlong answer is cut off, and runs on into the box beside it.
    overlong = {
        "wie_ben_ik.talen": cut_off,
        OVERLONG_PATH: cut_off,
        "jongere.leerlingnummer": "het antwoord in het vak ervoor loopt door tot in dit vak.",
    }
    misplaced = "de vraag staat op deze pagina niet op de plek waar pvs haar afdrukte."
    # A second rewrite by Ghostscript maps glyphs outside plain Latin (ı, Ş, Cyrillic, Greek, ✓) to
    # wrong letters: each field with one is doubted ("*": any doubted field, with this reason);
    # every other value is read exactly.
    mismapped = {"*": "de tekens op de pagina passen niet bij hun tekstcodering."}
    return {
        "pvs-filled-gs-printed-twice.pdf": mismapped,
        "pvs-filled-mutool-printed-gs-printed.pdf": mismapped,
        # pdf-lib lets the talen answer run a few points past its box; a print would clip it.
        "pdflib-filled-qpdf-flattened.pdf": {"wie_ben_ik.talen": cut_off},
        "pdflib-overlong-qpdf-flattened.pdf": overlong,
        "pdflib-overlong-pdftk-flattened.pdf": overlong,
        "pvs-filled-qpdf-flattened-pages-swapped.pdf": dict.fromkeys(
            sorted(_fields_on(0, 1)), misplaced
        ),
        # The continuation pages were not printed: every continued answer is left out.
        "pvs-long-mutool-printed-cut.pdf": dict.fromkeys(
            sorted(continued_paths(long_data())), "neem het antwoord over uit het paspoort zelf."
        ),
    }


# Named fixtures whose doubts are expected: path -> the end of the message.
EXPECTED_DOUBTS = FIXTURES / "expected-doubts.json"


if __name__ == "__main__":
    made = make_fixtures(FIXTURES) if "--long" not in sys.argv else {}
    for name, expected in {**made, **make_long_fixtures(FIXTURES)}.items():
        target = FIXTURES / name.replace(".pdf", ".expected.json")
        target.write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"{name} and its expected data written")
    EXPECTED_DOUBTS.write_text(
        json.dumps(expected_doubts(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
