"""What the reading budget costs an ordinary passport: pvs.read with and without the child.

Run: .venv/bin/python bench/budget_cost.py   (or `python3 dev.py bench`)

pvs.read decodes every file in a forked child with a memory limit and a deadline
(pvs/budget.py). The baseline is the same reading in-process, measured in the same run, for a
filled PDF, a Word passport and a JSON passport. The machines are shared and noisy: read the
ratios, not the milliseconds.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402
from pvs import budget  # noqa: E402

RUN = 100


def per_file(job: Callable[[], Any], count: int = RUN) -> float:
    start = time.perf_counter()
    for _ in range(count):
        job()
    return (time.perf_counter() - start) / count


def in_process(content: bytes, name: str) -> Any:
    """pvs.read as if the system could not fork: the budget's own fallback."""
    budget._inside_child = True
    try:
        return pvs.read(content, name=name)
    finally:
        budget._inside_child = False


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


if __name__ == "__main__":
    main()
