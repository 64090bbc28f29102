"""How long `pvs web` takes from upload to verdict, for one passport and for 100 at once.

Run: .venv/bin/python bench/web_speed.py   (or `python3 dev.py bench` for every benchmark)

Starts a real `pvs web` and posts returned PDFs (samples/terug) to "Paspoort controleren", as a
browser would. The baseline is the same work through the Python API (pvs.read, then pvs.check
for each stage and pvs.plan), so the difference is what the page adds: the upload, the private
folder, the page itself. The machines are shared and noisy, so only the ratio means something.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402

RETURNED = ROOT / "samples" / "terug" / "10-daan-van-den-berg.pdf"


def through_the_api(count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        passport = pvs.read(RETURNED).passport
        for stage in pvs.STAGES:
            pvs.check(passport, stage)
        pvs.plan(passport).to_docx()
    return time.perf_counter() - start


def through_the_page(client: httpx2.Client, count: int) -> float:
    page = client.get("/controleren").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    files = [("bestanden", (f"{i:03d}.pdf", RETURNED.read_bytes())) for i in range(count)]
    start = time.perf_counter()
    answer = client.post("/controleren", data={"csrf": token.group(1)}, files=files)
    elapsed = time.perf_counter() - start
    assert answer.status_code == 200 and answer.text.count('class="bestand"') == count
    return elapsed


def main() -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "pvs", "web", "--geen-browser", "--poort", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        address = re.search(r"http://\S+", server.stderr.readline())
        assert address
        with httpx2.Client(base_url=address.group(0), timeout=600) as client:
            through_the_page(client, 1)  # warm up: the first request loads the libraries
            for count in (1, 100):
                web = through_the_page(client, count)
                api = through_the_api(count)
                print(
                    f"{count:>3} paspoort(en): pagina {web:6.2f} s, API {api:6.2f} s, "
                    f"verhouding {web / api:.2f}"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
