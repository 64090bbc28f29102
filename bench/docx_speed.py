"""How fast pvs renders filled Word passports, against plain docxtpl on the same template.

Run: .venv/bin/python bench/docx_speed.py   (or `python3 dev.py bench` for every benchmark)

The baseline loads templates/paspoort.docx, renders it with docxtpl for one pupil (the same
fields and content controls pvs writes) and saves it, for every pupil. pvs renders the template
once and writes each pupil's controls into it. Prints milliseconds per document and the ratio;
the machines are shared and noisy, so only the ratio means something.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402
from bench.pdf_speed import pupils  # noqa: E402
from pvs.documents.docx.controls import control  # noqa: E402
from pvs.documents.docx.render import template_context, template_path  # noqa: E402
from pvs.documents.filling import complete_meta  # noqa: E402
from pvs.model import paths  # noqa: E402
from pvs.model.formmodel import Field, load_form_model  # noqa: E402

RUN = 200


def plain_docxtpl(data: dict[str, Any]) -> bytes:
    """The baseline: load, render with this pupil's controls, save."""
    values = dict(paths.walk(complete_meta(data)))
    context = template_context()
    model = load_form_model()
    number = 0
    for section in context["sections"]:
        for item in section["entries"]:
            if item["heading"]:
                continue
            path = str(item["control"])[len("@@PVS:") : -2]
            field = model.node(path)
            assert isinstance(field, Field)
            number += 2
            item["control"] = Markup(control(field, values.get(path), number))
    context["form_id"] = values["meta.formulier_id"]
    document = DocxTemplate(str(template_path()))
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_word(data: dict[str, Any]) -> bytes:
    return pvs.render(data, "docx")


def timed(job: Callable[[], Any]) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main() -> None:
    people = pupils(RUN)
    first = timed(lambda: render_word(people[0]))
    print(f"pvs first document in a new process (renders the template once): {first * 1000:.0f} ms")
    for label, count in (("render 1 filled passport", 1), (f"render {RUN} filled passports", RUN)):
        group = people[:count]
        repeats = 3 if count == 1 else 1
        ours = min(
            timed(lambda g=group: [pvs.render(p, "docx") for p in g]) for _ in range(repeats)
        )
        base = min(timed(lambda g=group: [plain_docxtpl(p) for p in g]) for _ in range(repeats))
        print(
            f"{label:<30} pvs {ours / count * 1000:7.1f} ms/doc   docxtpl "
            f"{base / count * 1000:7.1f} ms/doc   pvs is {base / ours:5.1f}x faster"
        )


if __name__ == "__main__":
    main()
