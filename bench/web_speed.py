"""How long `pvs web` takes from upload to verdict, against pvs.read + pvs.check in this process.

Run: .venv/bin/python bench/web_speed.py   (or `python3 dev.py bench`)

Starts `python -m pvs web` as a user would, and posts returned passport PDFs to
"Paspoort controleren" over HTTP (httpx): one passport, and 100 in one upload. The baseline,
measured in the same run, reads the same bytes with pvs.read and checks them for the three
stages with pvs.check, as the page does, with no server in between. The ratio is what the
server costs on top (fetching the form, the upload, the temporary folder, the page); the
machines are shared and noisy, so read the ratios, not the milliseconds. One-passport figures
are the best of three.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402
from bench.pdf_speed import pupils  # noqa: E402
from tests.web_tools import pvs_web  # noqa: E402

RUN = 100
REPEATS = 3


class Page(HTMLParser):
    """What the benchmark needs from a page: the form's token and the result sections."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.token = ""
        self.results = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("name") == "csrf":
            self.token = found.get("value") or ""
        if tag == "section" and "bestand" in (found.get("class") or "").split():
            self.results += 1


def best(job: Callable[[], Any], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        timings.append(time.perf_counter() - start)
    return min(timings)


def direct(files: list[tuple[str, bytes]]) -> None:
    """The baseline: what the page computes, without the page."""
    for name, body in files:
        passport = pvs.read(body, name=name).passport
        for stage in pvs.STAGES:
            pvs.check(passport, stage)


def upload(client: httpx.Client, files: list[tuple[str, bytes]]) -> None:
    """Post `files` as a user's browser does: the form's token, then the files; expect verdicts."""
    form = client.get("/controleren")
    form.raise_for_status()
    token = Page(form.text).token
    assert token, "no csrf field on /controleren"
    answer = client.post(
        "/controleren",
        data={"csrf": token},
        files=[("bestanden", (name, body, "application/pdf")) for name, body in files],
    )
    answer.raise_for_status()
    shown = Page(answer.text).results
    assert shown == len(files), f"{shown} results for {len(files)} files"


def row(label: str, server: float, baseline: float, count: int) -> None:
    print(
        f"{label:<28} pvs web {server / count * 1000:7.1f} ms/passport   "
        f"pvs.read+check {baseline / count * 1000:7.1f} ms/passport   "
        f"web takes {server / baseline:4.2f}x as long"
    )


def main() -> None:
    files = [(f"paspoort-{i:03d}.pdf", pvs.render(p, "pdf")) for i, p in enumerate(pupils(RUN))]
    with pvs_web() as server, httpx.Client(base_url=server.url, timeout=600) as client:
        upload(client, files[:1])  # warm up both sides: the form model, the templates
        direct(files[:1])
        row(
            "1 passport",
            best(lambda: upload(client, files[:1])),
            best(lambda: direct(files[:1])),
            1,
        )
        row(
            f"{RUN} passports in one upload",
            best(lambda: upload(client, files), 1),
            best(lambda: direct(files), 1),
            RUN,
        )


if __name__ == "__main__":
    main()
