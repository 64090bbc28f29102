"""Write schemas/1.0/pdf-opmaak-1.json: where layout 1 of schema 1.0 put every widget.

Run once, at commit 391d63a, for schema 1.0 and layout 1, so that a later pvs can still read
flattened and printed 1.0 forms after the layout code has changed. The file is history: do not
rerun this after the schema or the layout changes (it refuses to). Rects are written exactly as
Widget.rect holds them (the shortest text that reads back as the same float), not rounded.

    .venv/bin/python tools/freeze_layout.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pvs.documents.pdf.layout import LAYOUT_VERSION, PAGE_HEIGHT, PAGE_WIDTH, layout
from pvs.model.schema import SCHEMA_VERSION

TARGET = Path(__file__).resolve().parent.parent / "schemas" / "1.0" / "pdf-opmaak-1.json"


def frozen_layout() -> str:
    """The layout as JSON text, one widget per line."""
    pages = layout()
    widgets = [
        json.dumps(
            {
                "pad": w.field.path,
                "pagina": index,
                "rechthoek": [w.rect.x0, w.rect.y0, w.rect.x1, w.rect.y1],
                "optie": w.option,
            },
            ensure_ascii=False,
        )
        for index, page in enumerate(pages)
        for w in page.widgets
    ]
    head = {
        "schemaversie": SCHEMA_VERSION,
        "opmaak": LAYOUT_VERSION,
        "paginas": len(pages),
        "paginagrootte": [PAGE_WIDTH, PAGE_HEIGHT],
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    return opening + ', "widgets": [\n  ' + ",\n  ".join(widgets) + "\n]}\n"


def main() -> int:
    if SCHEMA_VERSION != "1.0" or LAYOUT_VERSION != 1:
        print(
            f"Refused: this freezes schema 1.0, layout 1; the code is at schema "
            f"{SCHEMA_VERSION}, layout {LAYOUT_VERSION}. The frozen file is history.",
            file=sys.stderr,
        )
        return 1
    text = frozen_layout()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.relative_to(TARGET.parents[2])} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
