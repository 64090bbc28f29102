"""Turn the drawn pages into an AcroForm: one field per leaf, named by its path.

Fields form a hierarchy (`jongere` > `roepnaam`), so a field's fully qualified name is exactly its
path. Each terminal field keeps its widgets as kids: one for a text box, one per option for a
radio group, one per page for the form id in the footer.
"""

from __future__ import annotations

import io
from functools import cache

import pikepdf
from pikepdf import Array, Dictionary, Name

from pvs.documents.pdf.appearance import empty_appearance, mark_appearance
from pvs.documents.pdf.draw import draw_pages
from pvs.documents.pdf.font import FIELD_FONT_NAME, embed_field_font
from pvs.documents.pdf.layout import Widget, layout
from pvs.documents.wording import TITLE
from pvs.model.formmodel import Field, Kind

READ_ONLY, MULTILINE = 1 << 0, 1 << 12
RADIO_FLAGS = (1 << 14) | (1 << 15)  # NoToggleToOff | Radio
PRINT = 4
TEXT_DA = f"/{FIELD_FONT_NAME} 10 Tf 0.1 0.1 0.12 rg"
LONG_DA = f"/{FIELD_FONT_NAME} 0 Tf 0.1 0.1 0.12 rg"  # 0: viewers shrink long text to fit


def on_state(field: Field, option: str | int | bool | None) -> Name:
    """The appearance state name of a checkbox or one radio option."""
    if field.kind == Kind.CHECKBOX:
        return Name.Yes
    if field.kind == Kind.YES_NO:
        return Name.Ja if option else Name.Nee
    return Name("/" + str(option))


@cache
def template() -> bytes:
    """The empty form: every field present, no value filled in."""
    pages = layout()
    pdf = pikepdf.open(io.BytesIO(draw_pages(pages, TITLE)))
    builder = _Builder(pdf)
    for index, page in enumerate(pages):
        pdf_page = pdf.pages[index]
        pdf_page.Annots = pdf.make_indirect(
            Array([builder.widget(w, pdf_page.obj) for w in page.widgets])
        )
    fonts = Dictionary({f"/{FIELD_FONT_NAME}": builder.font, "/ZaDb": builder.zadb})
    pdf.Root.AcroForm = Dictionary(
        Fields=Array(builder.roots), DR=Dictionary(Font=fonts), DA=TEXT_DA
    )
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


class _Builder:
    """Creates field objects on first use and hangs widgets under them."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.font = embed_field_font(pdf)
        self.zadb = pdf.make_indirect(
            Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.ZapfDingbats)
        )
        self.roots: list[pikepdf.Object] = []
        self.nodes: dict[str, pikepdf.Object] = {}
        self.appearances: dict[tuple[str, float, float], pikepdf.Object] = {}

    def widget(self, widget: Widget, page: pikepdf.Object) -> pikepdf.Object:
        field = widget.field
        parent = self._field(field)
        rect = widget.rect
        annot = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            Rect=[rect.x0, rect.y0, rect.x1, rect.y1],
            P=page,
            Parent=parent,
            F=PRINT,
            MK=Dictionary(),
        )
        w, h = rect.width, rect.height
        if field.kind in (Kind.CHECKBOX, Kind.YES_NO, Kind.CHOICE):
            dot = field.kind != Kind.CHECKBOX
            annot.AS = Name.Off
            annot.MK = Dictionary(CA="l" if dot else "4")
            annot.AP = Dictionary(
                N=Dictionary(
                    {
                        str(on_state(field, widget.option)): self._appearance(
                            "mark-dot" if dot else "mark-tick", w, h
                        ),
                        "/Off": self._appearance("empty", w, h),
                    }
                )
            )
        else:
            annot.AP = Dictionary(N=self._appearance("empty", w, h))
        ref = self.pdf.make_indirect(annot)
        parent.Kids.append(ref)
        return ref

    def _field(self, field: Field) -> pikepdf.Object:
        if field.path in self.nodes:
            return self.nodes[field.path]
        node = self._node(field.path)
        node.TU = field.label
        if field.kind in (Kind.CHECKBOX, Kind.YES_NO, Kind.CHOICE):
            node.FT = Name.Btn
            node.Ff = 0 if field.kind == Kind.CHECKBOX else RADIO_FLAGS
            node.DA = "/ZaDb 0 Tf 0.1 0.1 0.12 rg"
        else:
            node.FT = Name.Tx
            long_text = field.kind == Kind.LONG_TEXT
            node.Ff = (MULTILINE if long_text else 0) | (0 if field.fillable else READ_ONLY)
            node.DA = LONG_DA if long_text else TEXT_DA
            if field.max_length:
                node.MaxLen = field.max_length
        return node

    def _node(self, path: str) -> pikepdf.Object:
        """The field object for `path`, creating its parents as needed."""
        if path in self.nodes:
            return self.nodes[path]
        parent_path, _, name = path.rpartition(".")
        node = self.pdf.make_indirect(Dictionary(T=name, Kids=Array()))
        if parent_path:
            parent = self._node(parent_path)
            node.Parent = parent
            parent.Kids.append(node)
        else:
            self.roots.append(node)
        self.nodes[path] = node
        return node

    def _appearance(self, kind: str, width: float, height: float) -> pikepdf.Object:
        key = (kind, round(width, 2), round(height, 2))
        if key not in self.appearances:
            content = {
                "empty": lambda w, h: empty_appearance(),
                "mark-dot": lambda w, h: mark_appearance(w, h, dot=True),
                "mark-tick": lambda w, h: mark_appearance(w, h, dot=False),
            }[kind](width, height)
            self.appearances[key] = appearance_stream(self.pdf, content, width, height, self.font)
        return self.appearances[key]


def appearance_stream(
    pdf: pikepdf.Pdf, content: bytes, width: float, height: float, font: pikepdf.Object
) -> pikepdf.Object:
    """A form XObject drawing `content` in a box of the given size."""
    stream = pikepdf.Stream(pdf, content)
    stream.Type = Name.XObject
    stream.Subtype = Name.Form
    stream.BBox = [0, 0, round(width, 2), round(height, 2)]
    stream.Resources = Dictionary(Font=Dictionary({f"/{FIELD_FONT_NAME}": font}))
    return pdf.make_indirect(stream)
