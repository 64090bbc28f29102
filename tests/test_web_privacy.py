"""`pvs web` never shows a sensitive value on a page, nor anything of a passport on the console.

The same marker idea as tests/test_privacy.py: every sensitive text field holds GEHEIM-<path>.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

import pvs
from pvs.web.app import PAGES, create_app
from pvs.web.settings import Settings
from tests.conftest import SAMPLES
from tests.test_privacy import MARK, marked_passport
from tests.web_fixtures import follow_job

ADDRESS_LINE = re.compile(r"pvs web draait op (http://127\.0\.0\.1:\d+/) \(stoppen: Ctrl-C\)\n")


@pytest.fixture(scope="module")
def marked() -> list[tuple[str, bytes]]:
    data = marked_passport()
    broken = json.loads(json.dumps(data))
    broken["wat_heb_ik_nodig"]["opp"] = f"{MARK}-opp"
    no_consent = json.loads(json.dumps(data))
    no_consent["toestemming"]["delen_met"]["begeleider"]["gegeven"] = False
    return [
        ("paspoort.json", json.dumps(data, ensure_ascii=False).encode()),
        ("paspoort.pdf", pvs.render(data, "pdf")),
        ("paspoort.docx", pvs.render(data, "docx")),
        ("kapot.json", json.dumps(broken, ensure_ascii=False).encode()),
        ("geen-toestemming.json", json.dumps(no_consent, ensure_ascii=False).encode()),
        ("half.pdf", pvs.render(data, "pdf")[:5000]),
    ]


Client = httpx2.Client | TestClient
Parts = list[tuple[str, tuple[str, bytes]]]


def post(client: Client, files: list[tuple[str, bytes]]) -> str:
    return submit(client, "/controleren", [("bestanden", item) for item in files])


def submit(client: Client, path: str, parts: Parts, **fields: str) -> str:
    """Fill in the form at `path` as a browser does; follow a background job to its result."""
    token = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert token
    data = {"csrf": token.group(1), **fields}
    answer = client.post(path, data=data, files=parts, follow_redirects=False)
    answer = follow_job(client, answer)
    assert answer.status_code == 200, answer.text
    return answer.text


def marked_export() -> Parts:
    """An export whose own column holds a marked sensitive text, mapped onto that field."""
    header = "Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Klas;Thuis\n"
    row = f"000901;Mira;Visser;01-02-2010;4B;{MARK}-thuis\n"
    mapping = {"Thuis": "wie_ben_ik.persoonlijke_situatie"}
    return [
        ("export", ("export.csv", (header + row).encode("utf-8"))),
        ("mapping", ("mapping.json", json.dumps(mapping).encode("utf-8"))),
    ]


def visit_every_page(client: Client, marked: list[tuple[str, bytes]]) -> dict[str, str]:
    """Every page that takes files, given marked passports (an export for the batch; for the
    plan the one without consent); the result pages by path."""
    returns = [("bestanden", item) for item in marked]
    return {
        "/controleren": post(client, marked),
        "/maken": submit(client, "/maken", marked_export(), formaat="pdf"),
        "/intake": submit(client, "/intake", returns),
        # The plan shows the student's own words to the begeleider they consented to; without
        # that consent, the plan without sensitive data must hold none of them.
        "/plan": submit(client, "/plan", [returns[4]], zonder_toestemming="ja"),
    }


def test_no_page_shows_a_sensitive_value(marked: list[tuple[str, bytes]]) -> None:
    with TestClient(create_app(Settings(port=8000)), base_url="http://127.0.0.1:8000") as client:
        pages = visit_every_page(client, marked)
        assert set(pages) == {page.PAGE["path"] for page in PAGES} - {"/formulieren"}
        for path, page in pages.items():
            assert MARK not in page, path
        made = re.search(r'href="(/download/[^"]+/paspoorten.zip)"', pages["/maken"])
        assert made, "the batch made no zip"
        archive = zipfile.ZipFile(io.BytesIO(client.get(made.group(1)).content))
        (passport,) = archive.namelist()
        assert (
            MARK
            in pvs.read(archive.read(passport), name=passport).passport["wie_ben_ik"][
                "persoonlijke_situatie"
            ]
        )  # the value reached the passport: the page only kept it to itself


def test_the_result_page_shows_no_sensitive_value(
    marked: list[tuple[str, bytes]], tmp_path: Path
) -> None:
    with TestClient(create_app(Settings(port=8000)), base_url="http://127.0.0.1:8000") as client:
        page = post(client, marked)
        assert page.count('<section class="bestand"') == len(marked)
        assert MARK not in page
        json_link = re.search(r'class="download-json" href="([^"]+)"', page)
        assert json_link and MARK in client.get(json_link.group(1)).text  # only in the download
        refused = client.post("/controleren", data={"csrf": "x"}, files=[("bestanden", marked[0])])
        assert refused.status_code == 403 and MARK not in refused.text


@pytest.fixture
def temp(tmp_path: Path) -> Path:
    """The server's temporary folder (TMPDIR): uploads go there and nowhere else."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


@pytest.fixture
def server(temp: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pvs", "web", "--geen-browser", "--poort", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = ADDRESS_LINE.fullmatch(line)
        assert found, line
        yield process, found.group(1)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


def test_the_console_shows_the_address_and_nothing_else(
    server: tuple[subprocess.Popen[str], str], marked: list[tuple[str, bytes]], temp: Path
) -> None:
    process, address = server
    with httpx2.Client(base_url=address) as client:
        assert client.get("/gezond").text == "ok"
        pages = visit_every_page(client, marked)
        page = pages["/controleren"]
        (run_folder,) = temp.iterdir()  # one private folder for the run, the uploads inside
        assert run_folder.name.startswith("pvs-web-") and list(run_folder.iterdir()) == []
        token_link = re.search(r'href="(/download/[^"]+)"', page)
        assert token_link
        assert client.get(token_link.group(1)).status_code == 200
        assert client.get(token_link.group(1)).status_code == 404
        assert client.get("/", headers={"host": "evil.example"}).status_code == 403
        assert client.post("/controleren", files=[("bestanden", marked[0])]).status_code == 403
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert (out, err) == ("", "")  # after the address line: not a path, token, name or value
    assert list(temp.iterdir()) == []  # every upload folder, and the server's own, removed


def test_ctrl_c_during_a_batch_stops_at_once_and_leaves_nothing(
    server: tuple[subprocess.Popen[str], str], temp: Path
) -> None:
    """A batch of 240 pupils cut off by Ctrl-C: the server stops without a word and without the
    half-made passports; nothing of the run stays in the temporary folder."""
    process, address = server
    export = SAMPLES / "export" / "leerlingen-magister.csv"
    header, *rows = export.read_text(encoding="utf-8-sig").splitlines()
    many = "\n".join([header, *(row for _ in range(20) for row in rows)]) + "\n"
    with httpx2.Client(base_url=address) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/maken").text)
        assert token
        answer = client.post(
            "/maken",
            data={"csrf": token.group(1), "formaat": "pdf"},
            files=[("export", ("export.csv", many.encode("utf-8")))],
        )
        job = answer.headers["location"]
        deadline = time.monotonic() + 60
        while client.get(f"{job}/stand").json()["gedaan"] == 0:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert client.get(f"{job}/stand").json()["klaar"] is False  # still making passports
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0 and (out, err) == ("", "")
    assert list(temp.iterdir()) == []
