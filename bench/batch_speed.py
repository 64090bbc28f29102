"""Speed and memory of `pvs batch` and `pvs intake`, against plain single-process loops.

Run: .venv/bin/python bench/batch_speed.py [--groot]   (or `python3 dev.py bench`)

1. `pvs batch` writing PDF and Word for N = 1,000 fictional pupils, against a plain loop doing
   docxtpl render + pypdf fill per pupil. The plain loop takes about two seconds a pupil, so it
   is timed on the first 40 pupils and scaled to 1,000 (it is a loop: time grows linearly).
2. Peak memory (largest resident set of any pvs process) at N = 100 and N = 10,000; the 10,000
   run takes minutes, so it runs only with --groot (otherwise N = 2,000).
3. `pvs intake` over the 1,000 PDFs, against a plain loop of pypdf get_fields() + jsonschema.
The machines are shared and noisy: read the ratios, not the seconds.
"""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402
from bench.docx_speed import plain_docxtpl  # noqa: E402
from bench.pdf_speed import pypdf_fill  # noqa: E402

PVS = str(Path(sys.executable).with_name("pvs"))
BASELINE_SAMPLE = 40
FIRST = ["Sanne", "Şükrü", "Олена", "Łukasz", "Ștefan", "Ελένη", "Noah", "Fatima", "Daan", "Mila"]
LAST = [
    "de Vries",
    "Yılmaz",
    "Коваленко",
    "Wiśniewski",
    "Popescu",
    "Παπαδοπούλου",
    "Bakker",
    "El Amrani",
    "van den Berg",
    "Jansen",
]
TYPES = ["4 BB", "VMBO-KB 4", "4 GL", "4 TL", "HAVO 5", "PrO 4", "VSO", "Entree"]


def export(path: Path, count: int) -> Path:
    """A fictional Magister export: ';', UTF-8 with BOM, dd-mm-jjjj, leading zeros."""
    random.seed(count)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            "Stamnr",
            "Roepnaam",
            "Tussenv.",
            "Achternaam",
            "Geb.datum",
            "Stamklas",
            "Studie",
            "BRIN",
            "Vestiging",
            "Mentor",
            "E-mailadres",
        ]
    )
    for i in range(count):
        last = random.choice(LAST)
        prefix, _, name = (
            last.rpartition(" ") if last.startswith(("de ", "van ")) else ("", "", last)
        )
        writer.writerow(
            [
                f"{i:06d}",
                random.choice(FIRST),
                prefix,
                name,
                f"{random.randint(1, 28)}-{random.randint(1, 12)}-2010",
                "4B",
                random.choice(TYPES),
                "99ZZ",
                "Vechtpoort College",
                "M. Brink",
                f"leerling{i}@example.com",
            ]
        )
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    return path


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak resident set (MB) of the largest process the command started."""
    probe = (
        "import resource, subprocess, sys, time; s = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=False, capture_output=True); "
        "print(time.perf_counter() - s, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def baseline_batch(rows: list[dict[str, Any]], blank: bytes) -> float:
    start = time.perf_counter()
    for data in rows:
        plain_docxtpl(data)
        pypdf_fill(blank, data)
    return time.perf_counter() - start


def rows_of(path: Path, count: int) -> list[dict[str, Any]]:
    from pvs.jobs.batch.export import read_export
    from pvs.jobs.batch.rows import column_targets, convert

    export = read_export(path)
    targets = column_targets(export.header, None)
    found = []
    for _, row in export.rows:
        data = convert(row, targets).data if isinstance(row, dict) else None
        if data:
            found.append(data)
        if len(found) == count:
            break
    return found


def baseline_intake(pdfs: list[Path]) -> float:
    from jsonschema import Draft202012Validator
    from pypdf import PdfReader

    from pvs.model.paths import assemble
    from pvs.model.schema import passport_schema

    validator = Draft202012Validator(passport_schema())
    start = time.perf_counter()
    for pdf in pdfs:
        fields = PdfReader(pdf).get_fields() or {}
        values = {k: str(v.get("/V")) for k, v in fields.items() if v.get("/V") is not None}
        list(validator.iter_errors(assemble(values)))
    return time.perf_counter() - start


def main() -> None:
    big = 10_000 if "--groot" in sys.argv else 2_000
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        thousand = export(work / "export-1000.csv", 1000)
        seconds, _ = measured(
            [PVS, "batch", str(thousand), "-o", str(work / "uit-1000"), "--format", "pdf,docx"]
        )
        sample = baseline_batch(rows_of(thousand, BASELINE_SAMPLE), pvs.render(None, "pdf"))
        scaled = sample / BASELINE_SAMPLE * 1000
        print(
            f"batch 1000 pupils, PDF + Word: pvs {seconds:.1f} s; plain loop "
            f"{scaled:.0f} s (timed on {BASELINE_SAMPLE}, scaled); pvs is "
            f"{scaled / seconds:.1f}x faster"
        )

        peaks = {}
        for count in (100, big):
            source = export(work / f"export-{count}.csv", count)
            _, peaks[count] = measured(
                [
                    PVS,
                    "batch",
                    str(source),
                    "-o",
                    str(work / f"uit-{count}"),
                    "--format",
                    "pdf,docx",
                ]
            )
        print(
            f"peak memory: {peaks[100]:.0f} MB at N=100, {peaks[big]:.0f} MB at N={big}; "
            f"ratio {peaks[big] / peaks[100]:.2f}"
        )

        returns = work / "teruggestuurd"
        returns.mkdir()
        for pdf in (work / "uit-1000").glob("*.pdf"):
            pdf.rename(returns / pdf.name)
        pdfs = sorted(returns.glob("*.pdf"))
        seconds, _ = measured([PVS, "intake", str(returns), "-o", str(work / "overzicht.xlsx")])
        base = baseline_intake(pdfs)
        print(
            f"intake {len(pdfs)} PDFs: pvs {seconds:.1f} s; plain pypdf get_fields + "
            f"jsonschema loop {base:.1f} s; pvs is {base / seconds:.1f}x faster"
        )


if __name__ == "__main__":
    main()
