"""`pvs web` at the server level (Starlette's TestClient): what it shows, refuses and forgets.

The pages in a real browser are tested in tests/test_web_browser.py; here every rule of the
security and privacy layer is tested against the app itself, and the console against a real
`pvs web` process.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

import pvs
from pvs.cli import cli
from pvs.web import uploads
from pvs.web.app import create_app
from pvs.web.security import CSP, new_csrf_token
from pvs.web.settings import Settings
from pvs.web.store import Download, ResultStore
from tests.conftest import ROOT, SAMPLES, load_json
from tests.web_fixtures import follow_job, form_token

BASE = "http://127.0.0.1:8000"
TERUG = SAMPLES / "terug"
UNMAPPED = ROOT / "tests" / "fixtures" / "pdf" / "pdftk-filled-pdftk-flattened.pdf"
XSS = "<img src=x onerror=alert(1)>"


def csrf_of(client: TestClient) -> str:
    return form_token(client, "/controleren")


def upload(client: TestClient, *files: Path | tuple[str, bytes], csrf: str | None = None) -> Any:
    """Post files as the form does; the result page once the check is done, or the refusal."""
    token = csrf_of(client) if csrf is None else csrf
    parts = [("bestanden", (f.name, f.read_bytes()) if isinstance(f, Path) else f) for f in files]
    answer = client.post("/controleren", data={"csrf": token}, files=parts, follow_redirects=False)
    return follow_job(client, answer)


def sections(html: str) -> list[str]:
    return re.findall(r'<section class="bestand".*?</section>', html, re.S)


def items(section: str, cls: str) -> list[str]:
    found = re.search(rf'<ul class="{cls}">(.*?)</ul>', section, re.S)
    return re.findall(r"<li>(.*?)</li>", found.group(1), re.S) if found else []


def link(section: str, cls: str) -> str | None:
    found = re.search(rf'<a class="{cls}" href="([^"]+)"', section)
    return found.group(1) if found else None


# --- the pages ------------------------------------------------------------------------------


def test_home_links_only_pages_that_work(client: TestClient) -> None:
    home = client.get("/")
    links = re.findall(r'<a href="(/[^"]*)"', home.text)
    assert {"/controleren", "/formulieren"} <= set(links)
    for target in links:
        assert client.get(target).status_code == 200, target
    assert client.get("/gezond").text == "ok"


def test_blank_forms_are_attachments(client: TestClient) -> None:
    page = client.get("/formulieren").text
    for anchor, suffix, magic in (("leeg-pdf", "pdf", b"%PDF"), ("leeg-docx", "docx", b"PK")):
        href = re.search(rf'id="{anchor}" href="([^"]+)"', page)
        assert href and href.group(1) == f"/formulieren/paspoort-leeg.{suffix}"
        answer = client.get(href.group(1))
        assert answer.status_code == 200
        assert answer.content.startswith(magic)
        assert answer.headers["content-disposition"].startswith("attachment")


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    page = upload(client, SAMPLES / "01-sanne-de-vries.json")
    job = str(page.url).removeprefix(BASE)
    answers = [
        client.get(path) for path in ("/", "/controleren", "/static/pvs.css", "/bestaat-niet")
    ]
    answers += [page, client.get(job), client.get(f"{job}/stand")]
    answers += [client.get(str(link(page.text, "download-json")))]  # a download
    answers += [client.get("/", headers={"host": "evil.example"})]  # the Guard's own refusal
    answers += [client.get("/formulieren/paspoort-leeg.docx")]
    assert [a.status_code for a in answers] == [200, 200, 200, 404, 200, 200, 200, 200, 403, 200]
    for answer in answers:
        headers = answer.headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["cache-control"] == "no-store"


def test_a_returned_pdf_shows_verdicts_per_stage_and_a_plan(client: TestClient) -> None:
    answer = upload(client, TERUG / "10-daan-van-den-berg.pdf", TERUG / "02-sukru-yilmaz.pdf")
    assert answer.status_code == 200
    daan, sukru = sections(answer.text)
    assert "<h2" in daan and "10-daan-van-den-berg.pdf" in daan
    assert '<span class="naam">Daan van den Berg</span>' in daan
    stages = re.findall(r'data-stap="(\w+)".*?class="uitkomst (\w+)".*?(\d+)%', daan, re.S)
    assert stages == [
        ("aanmelding", "compleet", "100"),
        ("intake", "compleet", "100"),
        ("plaatsing", "compleet", "100"),
    ]
    assert link(daan, "download-plan")
    # Şükrü did not consent to sharing with the begeleider: no plan, and the page says why.
    assert link(sukru, "download-plan") is None
    assert "toestemming" in sukru
    assert items(sukru, "problemen")  # incomplete for the plaatsing


def test_problems_in_one_part_of_the_form_name_that_part_once(client: TestClient) -> None:
    (section,) = sections(upload(client, TERUG / "02-sukru-yilmaz.pdf").text)
    headings = re.findall(r'<h4 class="waar">(.*?)</h4>', section)
    assert len(headings) == len(set(headings)) == 1
    assert headings[0].endswith("Mijn begeleider op het mbo (voor het ondersteuningsplan)")
    problems = items(section, "problemen")
    assert len(problems) == 3 and problems[0].startswith("Toestemming gegeven: ")
    assert not any("›" in p for p in problems)


def test_a_json_sample_shows_its_problems(client: TestClient) -> None:
    (section,) = sections(upload(client, SAMPLES / "12-kevin-ongeldig.json").text)
    assert section.count('class="uitkomst ongeldig"') == 3
    assert items(section, "problemen")


def test_values_pvs_cannot_vouch_for_are_listed_to_check(client: TestClient) -> None:
    (section,) = sections(upload(client, UNMAPPED).text)
    doubts = items(section, "twijfels")
    assert any(d.startswith("Roepnaam") for d in doubts)


def test_an_unreadable_file_shows_the_dutch_message(client: TestClient) -> None:
    answer = upload(client, ("kapot.pdf", b"%PDF-1.7 kapot"), TERUG / "09-mila-jansen.pdf")
    broken, mila = sections(answer.text)
    assert 'class="fout"' in broken and "kan niet worden gelezen" in broken
    assert "Mila Jansen" in mila


def test_a_name_with_markup_shows_as_text(client: TestClient, tmp_path: Path) -> None:
    data = load_json(SAMPLES / "10-daan-van-den-berg.json")
    data["jongere"]["roepnaam"] = XSS
    answer = upload(client, (f"{XSS}.json", json.dumps(data).encode()))
    assert "<img" not in answer.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in answer.text


def test_a_download_can_be_fetched_once(client: TestClient) -> None:
    (section,) = sections(upload(client, TERUG / "09-mila-jansen.pdf").text)
    target = link(section, "download-json")
    assert target and re.fullmatch(r"/download/[\w-]{43}/09-mila-jansen\.json", target)
    first = client.get(target)
    assert first.status_code == 200
    assert first.headers["content-disposition"].startswith("attachment")
    assert json.loads(first.content)["jongere"]["roepnaam"] == "Mila"
    gone = client.get(target)
    assert gone.status_code == 404
    assert "één keer" in gone.text


def test_uploads_are_removed_after_the_answer(client: TestClient, temp_root: Path) -> None:
    upload(client, TERUG / "09-mila-jansen.pdf", SAMPLES / "12-kevin-ongeldig.json")
    upload(client, TERUG / "09-mila-jansen.pdf", csrf="vervalst")
    assert list(temp_root.iterdir()) == []


# --- what the server refuses ----------------------------------------------------------------


def test_a_post_without_the_right_csrf_token_is_refused(client: TestClient) -> None:
    csrf_of(client)
    for data in ({}, {"csrf": "vervalst"}):
        answer = client.post("/controleren", data=data, files=[("bestanden", ("a.json", b"{}"))])
        assert answer.status_code == 403
        assert "verlopen of kwam niet van deze pagina" in answer.text


def test_a_foreign_host_or_origin_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "evil.example:8000"}).status_code == 403
    assert client.get("/", headers={"host": "127.0.0.1:9999"}).status_code == 403
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    token = csrf_of(client)
    files = [("bestanden", ("a.json", b"{}"))]
    for origin in ("http://evil.example", "null", "http://127.0.0.1:9999"):
        answer = client.post(
            "/controleren", data={"csrf": token}, files=files, headers={"origin": origin}
        )
        assert answer.status_code == 403, origin
        assert "niet van de pagina van pvs" in answer.text
    same = client.post("/controleren", data={"csrf": token}, files=files, headers={"origin": BASE})
    assert same.status_code == 200


def test_a_password_guards_a_server_open_to_the_network() -> None:
    app = create_app(Settings(host="0.0.0.0", port=8000, password="geheim"))
    with TestClient(app, base_url="http://school-pc:8000") as open_client:
        assert open_client.get("/").status_code == 401
        assert open_client.get("/", auth=("wie", "fout")).status_code == 401
        assert open_client.get("/", auth=("wie", "geheim")).status_code == 200


def test_too_large_by_its_length_is_refused_unread(client: TestClient) -> None:
    answer = client.post(
        "/controleren",
        content=b"x",
        headers={"content-length": str(10**10), "content-type": "multipart/form-data; boundary=b"},
    )
    assert answer.status_code == 413
    assert "te veel" in answer.text


def test_too_large_is_refused_before_it_is_read_whole(temp_root: Path) -> None:
    """A body of 3 MB against a limit of 1 MB: the answer comes before the body is all read."""
    pvs.set_limits(file_mb=1)
    try:
        status, chunks_read, chunks = asyncio.run(_post_in_chunks(temp_root, 3 * 1024 * 1024))
    finally:
        pvs.set_limits()
    assert status == 413
    assert chunks_read < chunks // 2
    assert list(temp_root.iterdir()) == []


async def _post_in_chunks(temp_root: Path, size: int) -> tuple[int, int, int]:
    app = create_app(Settings(port=8000, temp_root=temp_root))
    token = new_csrf_token().encode()
    head = (
        b'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + token + b"\r\n"
        b'--b\r\nContent-Disposition: form-data; name="bestanden"; filename="groot.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n"
    )
    body = head + b"0" * size + b"\r\n--b--\r\n"
    pieces = [body[i : i + 65536] for i in range(0, len(body), 65536)]
    read = 0
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        more = read < len(pieces)
        return {"type": "http.request", "body": pieces[read - 1], "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    scope = {
        "type": "http", "method": "POST", "path": "/controleren", "raw_path": b"/controleren",
        "query_string": b"", "scheme": "http", "http_version": "1.1", "root_path": "",
        "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
        "headers": [(b"host", b"127.0.0.1:8000"), (b"cookie", b"pvs_csrf=" + token),
                    (b"content-type", b"multipart/form-data; boundary=b")],
    }  # fmt: skip
    await app(scope, receive, send)
    return statuses[0], read, len(pieces)


def test_an_open_address_without_a_password_exits_2() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PVS_WEB_WACHTWOORD"}
    result = CliRunner(env=env).invoke(cli, ["web", "--adres", "0.0.0.0", "--geen-browser"])
    assert result.exit_code == 2
    assert "PVS_WEB_WACHTWOORD" in result.stderr


def test_the_percentage_per_section_is_shown_per_stage(client: TestClient) -> None:
    (section,) = sections(upload(client, TERUG / "02-sukru-yilmaz.pdf").text)
    table = re.search(r'<details class="onderdelen">(.*?)</details>', section, re.S)
    assert table
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td>\d+%</td>){3})', table.group(1))
    assert len(rows) > 3
    assert any("100%" not in cells.split("</td>")[2] for _, cells in rows)  # plaatsing lacks some


def test_a_port_in_use_is_a_dutch_usage_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli, ["web", "--poort", port, "--geen-browser"])
    assert result.exit_code == 2
    assert "kan niet luisteren" in result.stderr


def test_an_ipv6_address_is_named_in_brackets() -> None:
    settings = Settings(host="::1", port=8000, password="x")
    assert settings.address == "http://[::1]:8000/"
    assert settings.allowed_hosts() == {"[::1]:8000"}


def test_a_bug_in_pvs_spoils_only_its_own_file(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read = pvs.read

    def failing(source: Any, **kwargs: Any) -> Any:
        if kwargs.get("name") == "fout.json":
            raise RuntimeError("GEHEIM uit het bestand")
        return real_read(source, **kwargs)

    monkeypatch.setattr(pvs, "read", failing)
    answer = upload(client, ("fout.json", b"{}"), TERUG / "09-mila-jansen.pdf")
    broken, mila = sections(answer.text)
    assert "Er ging iets mis in pvs zelf bij dit bestand" in broken
    assert "GEHEIM" not in answer.text and "Mila Jansen" in mila


@pytest.mark.parametrize("planted", ["zelfgekozen", "a" * 43, "a" * 32 + "." + "b" * 43])
def test_a_cookie_pvs_did_not_make_is_replaced_and_refused(
    client: TestClient, planted: str
) -> None:
    """Another site on this computer can set a cookie for 127.0.0.1 (cookies do not tell ports
    apart); a token in the shape of pvs's own is still not one pvs signed."""
    client.cookies.set("pvs_csrf", planted)
    page = client.get("/controleren").text
    assert planted not in page
    client.cookies.set("pvs_csrf", planted)
    files = [("bestanden", ("a.json", b"{}"))]
    answer = client.post("/controleren", data={"csrf": planted}, files=files)
    assert answer.status_code == 403


def test_a_token_with_other_letters_is_refused_not_a_crash(client: TestClient) -> None:
    csrf_of(client)
    files = [("bestanden", ("a.json", b"{}"))]
    for sent in ("é" * 43, csrf_of(client)[:-1] + "é"):
        assert client.post("/controleren", data={"csrf": sent}, files=files).status_code == 403


def test_a_head_request_leaves_the_download_for_the_user(client: TestClient) -> None:
    page = upload(client, SAMPLES / "01-sanne-de-vries.json").text
    target = link(page, "download-json")
    assert target
    assert client.head(target).status_code == 200  # a link checker, a download manager
    assert client.get(target).status_code == 200
    assert client.get(target).status_code == 404


def test_a_bug_in_a_page_is_answered_in_dutch_without_its_text(
    temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pvs.web.pages import forms

    def broken(fmt: str) -> bytes:
        raise RuntimeError("GEHEIM uit pvs")

    monkeypatch.setattr(forms, "blank_form", broken)
    app = create_app(Settings(port=8000, temp_root=temp_root))
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
        answer = client.get("/formulieren/paspoort-leeg.pdf")
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("text/html")
    assert "Er ging iets mis in pvs zelf" in answer.text and "GEHEIM" not in answer.text
    assert answer.headers["content-security-policy"] == CSP


def test_empty_file_parts_are_not_stored(tmp_path: Path) -> None:
    """A browser sends a part without a name for an empty file input: nothing of it reaches the
    disk, and hundreds of them are a forged form."""

    def body(unnamed: int) -> bytes:
        parts = [b'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nt\r\n']
        empty = b'--b\r\nContent-Disposition: form-data; name="bestanden"; filename=""\r\n\r\n'
        parts += [empty + b"x" * 1000 + b"\r\n"] * unnamed
        named = b'--b\r\nContent-Disposition: form-data; name="bestanden"; filename="a.json"'
        return b"".join([*parts, named + b"\r\n\r\n{}\r\n--b--\r\n"])

    async def chunks(data: bytes) -> AsyncIterator[bytes]:
        yield data

    def receive(unnamed: int, folder: Path) -> uploads.Form:
        folder.mkdir()
        content_type = "multipart/form-data; boundary=b"
        work = uploads.receive_form(content_type, chunks(body(unnamed)), folder, lambda t: True)
        return asyncio.run(work)

    form = receive(3, tmp_path / "drie")
    assert [f.name for f in form.files] == ["a.json"]
    assert [p.name for p in (tmp_path / "drie").iterdir()] == ["0001.json"]
    with pytest.raises(uploads.BadForm):
        receive(300, tmp_path / "driehonderd")


def test_starlettes_own_refusals_are_dutch(client: TestClient) -> None:
    for answer, status in ((client.get("/bestaat-niet"), 404), (client.put("/controleren"), 405)):
        assert answer.status_code == status
        assert "Deze pagina bestaat niet" in answer.text


def test_a_form_stuffed_with_fields_is_refused(client: TestClient) -> None:
    token = csrf_of(client)
    fields = {"csrf": token, **{f"veld{i}": "x" for i in range(20)}}
    answer = client.post("/controleren", data=fields, files=[("bestanden", ("a.json", b"{}"))])
    assert answer.status_code == 400
    assert "Open de pagina opnieuw" in answer.text


def test_two_tabs_get_their_own_results(temp_root: Path) -> None:
    app = create_app(Settings(port=8000, temp_root=temp_root))
    with TestClient(app, base_url=BASE) as one, TestClient(app, base_url=BASE) as two:
        (first,) = sections(upload(one, TERUG / "09-mila-jansen.pdf").text)
        (second,) = sections(upload(two, TERUG / "10-daan-van-den-berg.pdf").text)
    assert "Mila Jansen" in first and "Daan van den Berg" in second
    assert link(first, "download-json") != link(second, "download-json")


def test_the_store_forgets_the_oldest_results_past_its_size() -> None:
    store = ResultStore(max_bytes=10)
    old = store.put({"a.json": Download(b"123456", "application/json")})
    new = store.put({"b.json": Download(b"123456", "application/json")})
    assert store.take(old, "a.json") is None
    found = store.take(new, "b.json")
    assert found and found.data == b"123456"
