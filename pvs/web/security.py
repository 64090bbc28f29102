"""What keeps the page to its own user: Host/Origin checks, a password, CSRF and headers.

A page on 127.0.0.1 is reachable from every web site the user visits (a cross-site POST, or DNS
rebinding: a hostile name that resolves to 127.0.0.1). So every request must name this server
as its Host, a request with an Origin must come from this server's own pages, and every POST
carries a CSRF token that must equal the one in its cookie (a foreign site can send the cookie
but cannot read it). Errors are answered with a Dutch page and logged nowhere: a message or a
traceback could quote passport data.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from typing import Any

from pvs.web.settings import Settings

CSRF_COOKIE = "pvs_csrf"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Not no-referrer: under it Chromium sends "Origin: null" on the page's own form posts,
    # which the Origin check must refuse (tests/test_web_browser.py). same-origin still sends
    # no Referer to any other site.
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
]
ErrorPage = Callable[[int, str], bytes]  # (status, Dutch message) -> an HTML page

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


# Made anew each time pvs web starts: a token is signed with it, so a cookie another site on
# this computer set (cookies do not tell ports apart) is never taken for one of pvs's own.
_SIGNING_KEY = secrets.token_bytes(32)


def new_csrf_token() -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_signature(nonce)}"


def is_csrf_token(value: str) -> bool:
    """A token this run of pvs web made, and nothing else."""
    nonce, _, signature = value.partition(".")
    return re.fullmatch(r"[A-Za-z0-9_-]{32}", nonce) is not None and _same(
        signature, _signature(nonce)
    )


def _signature(nonce: str) -> str:
    mac = hmac.new(_SIGNING_KEY, nonce.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def csrf_matches(cookie: str | None, sent: str) -> bool:
    """The form's token is the cookie's, and pvs made it."""
    return bool(cookie) and bool(sent) and _same(str(cookie), sent) and is_csrf_token(sent)


def _same(one: str, other: str) -> bool:
    """In constant time, for any text (compare_digest refuses a str with non-ASCII letters)."""
    return secrets.compare_digest(one.encode("utf-8"), other.encode("utf-8"))


class Guard:
    """ASGI middleware around the whole app; see the module's docstring."""

    def __init__(self, app: Any, settings: Settings, error_page: ErrorPage) -> None:
        self.app = app
        self.settings = settings
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(headers)
        if refusal is not None:
            await self._answer(send, *refusal)
            return
        started = False

        async def with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:  # never a traceback on the console: it could quote a passport
            if not started:
                await self._answer(send, 500, INTERNAL)

    def _refusal(self, headers: dict[str, str]) -> tuple[int, str, list[Any]] | None:
        allowed = self.settings.allowed_hosts()
        host = headers.get("host", "")
        if allowed is not None and host not in allowed:
            return 403, _FOREIGN, []
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            return 403, _FOREIGN, []
        if self.settings.password and not self._authorised(headers.get("authorization", "")):
            return 401, _PASSWORD, [(b"www-authenticate", b'Basic realm="pvs", charset="UTF-8"')]
        return None

    def _authorised(self, header: str) -> bool:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            _, _, given = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        assert self.settings.password is not None
        return secrets.compare_digest(given.encode(), self.settings.password.encode())

    async def _answer(self, send: Send, status: int, text: str, extra: Any = ()) -> None:
        body = self.error_page(status, text)
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            *extra,
            *HEADERS,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


_FOREIGN = (
    "Dit verzoek kwam niet van de pagina van pvs zelf en is geweigerd. Open pvs via het adres "
    "dat 'pvs web' toont."
)
_PASSWORD = (
    "Deze pagina vraagt het wachtwoord dat bij 'pvs web' hoort. Vraag het aan wie pvs web op "
    "deze computer heeft gestart (het staat in PVS_WEB_WACHTWOORD)."
)
INTERNAL = (
    "Er ging iets mis in pvs zelf. Er is niets bewaard. Meld dit aan de beheerder van pvs, met "
    "wat je deed."
)
CSRF_REFUSED = (
    "Dit formulier is verlopen of kwam niet van deze pagina. Open de pagina opnieuw en probeer "
    "het nog eens."
)
