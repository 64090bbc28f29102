"""Keep the current PDF layout as data, before a change moves any of its boxes.

A flattened or printed passport has no form fields left: pvs reads each value from where the
layout that drew the page put its box (pvs/documents/pdf/layouts.py). Before a change of the
layout code or of the schema moves a box, run this once. It writes
schemas/<schema version>/pdf-opmaak-<layout version>.json for the current pair, so pvs keeps
reading printed copies of today's form afterwards. Then make the change, and raise
LAYOUT_VERSION (pvs/documents/pdf/layout.py) when only the layout changed.

A file that is kept already is history: this tool never writes over it with other content.

    .venv/bin/python tools/freeze_layout.py
"""

from __future__ import annotations

import sys

from pvs.documents.pdf.layout import LAYOUT_VERSION, layout
from pvs.documents.pdf.layouts import frozen_file, frozen_text
from pvs.model.schema import SCHEMA_VERSION


def main() -> int:
    target = frozen_file(SCHEMA_VERSION, LAYOUT_VERSION)
    text = frozen_text(layout())
    if target.exists():
        if target.read_text(encoding="utf-8") == text:
            print(f"{target.name} of schema {SCHEMA_VERSION} is kept already, unchanged.")
            return 0
        print(
            f"Refused: {target} is kept already and differs from the layout today. A kept "
            "layout is history; raise LAYOUT_VERSION before changing where boxes go.",
            file=sys.stderr,
        )
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"{target} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
