"""Run `pvs web` for a test and drive it in Debian's Chromium through Playwright.

The server runs as it does for a user: `python -m pvs web` in its own process, on a free port,
found from the one line it prints to stderr. Every browser page here goes through `Guard`,
which refuses and records any request to another host or port than the server's: a page of
`pvs web` must never reach outside the machine (domain.md §4), not even for a font.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, BrowserType, Playwright, Route

ADDRESS_LINE = re.compile(r"pvs web draait op (http://127\.0\.0\.1:\d+/) \(stoppen: Ctrl-C\)")
START_TIMEOUT = 30.0
SCREEN = {"width": 1366, "height": 768}


@dataclass
class Server:
    """A running `pvs web`: its address and what it wrote to stderr (read on a thread)."""

    process: subprocess.Popen[str]
    url: str = ""
    stderr: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.url.rstrip("/")


def _read_stderr(server: Server, found: threading.Event) -> None:
    """Collect stderr lines; set `found` once the address line is there (or stderr closes)."""
    assert server.process.stderr is not None
    for line in server.process.stderr:
        server.stderr.append(line)
        if not server.url and (match := ADDRESS_LINE.search(line)):
            server.url = match.group(1)
            found.set()
    found.set()


def _wait_healthy(url: str, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(url + "gezond", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


@contextmanager
def pvs_web(*args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start `pvs web --geen-browser --poort 0`, wait for /gezond, stop it with Ctrl-C after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pvs", "web", "--geen-browser", "--poort", "0", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
    )
    server = Server(process)
    found = threading.Event()
    reader = threading.Thread(target=_read_stderr, args=(server, found), daemon=True)
    reader.start()
    try:
        if not found.wait(START_TIMEOUT) or not server.url:
            raise AssertionError("pvs web printed no address line:\n" + "".join(server.stderr))
        _wait_healthy(server.url, time.monotonic() + START_TIMEOUT)
        yield server
    finally:
        _stop(process)
        reader.join(5)
        if process.stderr is not None:
            process.stderr.close()


def _stop(process: subprocess.Popen[str]) -> None:
    """Ctrl-C as a user would; kill only when the server does not stop by itself."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def chromium_path() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def launch(playwright: Playwright | BrowserType, *extra: str) -> Browser:
    """Debian's Chromium, headless, with `extra` command-line switches; root (CI) cannot use
    Chromium's sandbox."""
    kind = playwright if isinstance(playwright, BrowserType) else playwright.chromium
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    return kind.launch(executable_path=chromium_path(), headless=True, args=[*args, *extra])


@dataclass
class Guard:
    """Lets through requests to `allowed` origins only; records every other one and aborts it."""

    allowed: set[str]
    refused: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def __call__(self, route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" in self.allowed:
            self.paths.append(parts.path)
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()


def guarded_context(browser: Browser, server: Server) -> tuple[BrowserContext, Guard]:
    """A fresh browser context at 1366×768 whose every request passes through a Guard."""
    context = browser.new_context(viewport=SCREEN, accept_downloads=True)  # type: ignore[arg-type]
    guard = Guard({server.origin})
    context.route("**/*", guard)
    return context, guard


def read_download(path: Path | None) -> bytes:
    assert path is not None, "the download did not finish"
    return Path(path).read_bytes()
