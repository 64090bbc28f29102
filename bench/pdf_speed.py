"""How fast pvs renders and reads passport PDFs, against plain pypdf on the same form.

Run: .venv/bin/python bench/pdf_speed.py   (after `python3 dev.py bench` installed pypdf)

Prints milliseconds per document for one document and for a run of 200, for pvs and for the
baseline measured in the same run, and their ratio. The machines are shared and noisy, so only
the ratios mean something. One-document figures are the best of three; the runs of 200 are
timed once (the pypdf run alone takes minutes).
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402
from pvs.documents.filling import complete_meta  # noqa: E402
from pvs.documents.pdf.form import template  # noqa: E402
from tests.pdf_tools import filler_values  # noqa: E402

RUN = 200
REPEATS = 3


def pupils(count: int) -> list[dict[str, Any]]:
    """`count` different passports made from the bundled samples."""
    samples = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "samples").glob("*.json"))
        if not p.name.startswith("12-")
    ]
    made = []
    for i in range(count):
        data = json.loads(json.dumps(samples[i % len(samples)]))
        data["jongere"]["leerlingnummer"] = f"{100000 + i}"
        data["meta"]["formulier_id"] = f"PVS-BENCH-{i:05d}"
        made.append(data)
    return made


def pypdf_fill(blank: bytes, data: dict[str, Any]) -> bytes:
    """The baseline: clone the form, set every value page by page, write."""
    values = filler_values(complete_meta(data))
    flat = {
        **values["text"],
        **{p: "/Yes" for p in values["check"]},
        **{p: "/" + s for p, s in values["radio"].items()},
    }
    writer = PdfWriter(clone_from=io.BytesIO(blank))
    for page in writer.pages:
        writer.update_page_form_field_values(page, flat, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pypdf_read(content: bytes) -> Any:
    return PdfReader(io.BytesIO(content)).get_fields()


def best(job: Callable[[], Any], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        timings.append(time.perf_counter() - start)
    return min(timings)


def row(label: str, ours: float, baseline: float, count: int) -> None:
    print(
        f"{label:<30} pvs {ours / count * 1000:7.1f} ms/doc   "
        f"pypdf {baseline / count * 1000:7.1f} ms/doc   pvs is {baseline / ours:5.1f}x faster"
    )


def main() -> None:
    blank = pvs.render(None, "pdf")
    people = pupils(RUN)
    start = time.perf_counter()
    template.cache_clear()
    pvs.render(people[0], "pdf")
    cold = time.perf_counter() - start
    print(f"pvs first document in a new process (prepares the form once): {cold * 1000:.0f} ms")

    row(
        "render 1 filled passport",
        best(lambda: pvs.render(people[0], "pdf")),
        best(lambda: pypdf_fill(blank, people[0])),
        1,
    )
    row(
        f"render {RUN} filled passports",
        best(lambda: [pvs.render(p, "pdf") for p in people], 1),
        best(lambda: [pypdf_fill(blank, p) for p in people], 1),
        RUN,
    )

    filled = [pvs.render(p, "pdf") for p in people]
    row(
        "extract 1 passport",
        best(lambda: pvs.read(filled[0], name="x.pdf")),
        best(lambda: pypdf_read(filled[0])),
        1,
    )
    row(
        f"extract {RUN} passports",
        best(lambda: [pvs.read(f, name="x.pdf") for f in filled], 1),
        best(lambda: [pypdf_read(f) for f in filled], 1),
        RUN,
    )


if __name__ == "__main__":
    main()
