"""How long `pvs web` takes from upload to verdict, against pvs.read + pvs.check in this process.

Run: .venv/bin/python bench/web_speed.py   (or `python3 dev.py bench`)

Starts `python -m pvs web` as a user would, and posts returned passport PDFs to
"Paspoort controleren" over HTTP (httpx): one passport, and 100 in one upload (the most the
page takes at once), following the check's job to its result as the browser does. The
baselines, measured in the same run with no server in between: pvs.read + pvs.check for the
three stages; and that plus the draft plan (Word) that the page also makes when the pupil
consented. Against the second, the ratio is what the server costs on top (the form, the
upload, the temporary folder, the page). The machines are shared and noisy: read the ratios,
not the milliseconds. One-passport figures are the best of three.
"""

from __future__ import annotations

import contextlib
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pvs  # noqa: E402
from bench.pdf_speed import best, pupils  # noqa: E402
from pvs.web.uploads import MAX_FILES  # noqa: E402
from tests.web_tools import pvs_web  # noqa: E402

RUN = 100


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


def direct(files: list[tuple[str, bytes]], plans: bool = False) -> None:
    """The baseline: read and check for each stage; with `plans` also the plan the page drafts."""
    for name, body in files:
        passport = pvs.read(body, name=name).passport
        for stage in pvs.STAGES:
            pvs.check(passport, stage)
        if plans:
            with contextlib.suppress(pvs.PvsError):  # no consent: the page says why instead
                pvs.plan(passport).to_docx()


def upload(client: httpx.Client, files: list[tuple[str, bytes]]) -> None:
    """Post `files` as a browser does, MAX_FILES at a time (the page takes no more at once)."""
    for start in range(0, len(files), MAX_FILES):
        _upload(client, files[start : start + MAX_FILES])


def _upload(client: httpx.Client, files: list[tuple[str, bytes]]) -> None:
    """One form: fetch it for its token, post the files, expect a verdict for each."""
    form = client.get("/controleren")
    form.raise_for_status()
    token = Page(form.text).token
    assert token, "no csrf field on /controleren"
    answer = client.post(
        "/controleren",
        data={"csrf": token},
        files=[("bestanden", (name, body, "application/pdf")) for name, body in files],
    )
    if answer.status_code == 303:  # the check runs as a job: follow it to its result
        job = answer.headers["location"]
        while not client.get(f"{job}/stand").json()["klaar"]:
            time.sleep(0.02)
        answer = client.get(job)
    answer.raise_for_status()
    shown = Page(answer.text).results
    assert shown == len(files), f"{shown} results for {len(files)} files"


def row(label: str, server: float, baseline: float, planned: float, count: int) -> None:
    print(
        f"{label:<24} pvs web {server / count * 1000:6.1f} ms/passport   "
        f"read+check {baseline / count * 1000:6.1f} ms ({server / baseline:4.2f}x)   "
        f"read+check+plan {planned / count * 1000:6.1f} ms ({server / planned:4.2f}x)"
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
            best(lambda: direct(files[:1], plans=True)),
            1,
        )
        row(
            f"{RUN} passports",
            best(lambda: upload(client, files), 1),
            best(lambda: direct(files), 1),
            best(lambda: direct(files, plans=True), 1),
            RUN,
        )


if __name__ == "__main__":
    main()
