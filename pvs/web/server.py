"""Run the app with uvicorn on a socket bound first, so port 0 gets a free port whose number
the one line on stderr can name before the browser opens it."""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path
from typing import Any

import uvicorn

from pvs.web.app import create_app
from pvs.web.settings import Settings


def serve(host: str, port: int, password: str | None, open_browser: bool) -> None:
    """Serve until Ctrl-C. Every upload folder lies in one private folder for this run, removed
    when the server stops: a job cut off by Ctrl-C leaves nothing behind either."""
    root = tempfile.mkdtemp(prefix="pvs-web-")
    try:
        _serve(host, port, password, open_browser, Path(root))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _serve(host: str, port: int, password: str | None, open_browser: bool, root: Path) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        settings = Settings(host, sock.getsockname()[1], password, temp_root=root)
        config = uvicorn.Config(
            create_app(settings),
            log_config=None,  # uvicorn configures no logging: no line can quote a request
            access_log=False,
            log_level="critical",
            server_header=False,
            lifespan="off",
        )
        logging.getLogger("uvicorn").addHandler(logging.NullHandler())
        logging.getLogger("uvicorn").propagate = False
        server = _Server(config, settings.address, open_browser)
        with contextlib.suppress(KeyboardInterrupt):
            server.run(sockets=[sock])


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, address: str, open_browser: bool) -> None:
        super().__init__(config)
        self.address = address
        self.open_browser = open_browser

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets)
        if self.should_exit:
            return
        print(f"pvs web draait op {self.address} (stoppen: Ctrl-C)", file=sys.stderr, flush=True)
        if self.open_browser:
            threading.Thread(target=webbrowser.open, args=(self.address,), daemon=True).start()
