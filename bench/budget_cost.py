"""What the reading budget costs an ordinary passport: pvs.read with and without the child.

Run: .venv/bin/python bench/budget_cost.py   (or `python3 dev.py bench`)

pvs.read decodes every file in a forked child with a memory limit and a deadline
(pvs/budget.py). The baseline is the same reading in-process (budget.in_process), measured in
the same run: one filled PDF, Word and JSON passport, and an intake of 60 filled PDFs on one
and on two processes. The machines are shared and noisy: read the ratios, not the seconds.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402
from pvs import budget  # noqa: E402

RUN = 100
INTAKE_FILES = 60


def per_file(job: Callable[[], Any], count: int = RUN) -> float:
    start = time.perf_counter()
    for _ in range(count):
        job()
    return (time.perf_counter() - start) / count


def in_process(content: bytes, name: str) -> Any:
    """pvs.read as if the system could not fork: the budget's own fallback."""
    with budget.in_process():
        return pvs.read(content, name=name)


def intake(folder: Path, processes: int) -> float:
    start = time.perf_counter()
    pvs.run_intake([folder], output=folder / "overzicht.csv", processes=processes)
    return time.perf_counter() - start


def intake_rows(pdf: bytes) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for number in range(INTAKE_FILES):
            (folder / f"{number}.pdf").write_bytes(pdf)
        for processes in (1, 2):
            bounded = intake(folder, processes)
            with budget.in_process():
                direct = intake(folder, processes)
            print(
                f"intake {INTAKE_FILES} PDFs on {processes} process(es): with budget "
                f"{bounded:5.2f} s   in-process {direct:5.2f} s   the budget costs "
                f"{bounded / direct:4.2f}x"
            )


def main() -> None:
    passport = json.loads((ROOT / "samples" / "10-daan-van-den-berg.json").read_text("utf-8"))
    files = {
        "PDF": (pvs.render(passport, "pdf"), "daan.pdf"),
        "Word": (pvs.render(passport, "docx"), "daan.docx"),
        "JSON": (json.dumps(passport).encode(), "daan.json"),
    }
    for label, (content, name) in files.items():
        pvs.read(content, name=name)  # warm up: form model, fonts, template
        bounded = per_file(lambda c=content, n=name: pvs.read(c, name=n))
        direct = per_file(lambda c=content, n=name: in_process(c, n))
        print(
            f"read 1 {label:<5} with budget {bounded * 1000:6.1f} ms   in-process "
            f"{direct * 1000:6.1f} ms   the budget costs {bounded / direct:4.2f}x"
        )
    intake_rows(files["PDF"][0])


if __name__ == "__main__":
    main()
