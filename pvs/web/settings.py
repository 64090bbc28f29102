"""What the web app needs to know about where it runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"
ANY_ADDRESS = ("0.0.0.0", "::")


@dataclass(frozen=True)
class Settings:
    host: str = LOOPBACK
    port: int = 8000
    password: str | None = None  # HTTP Basic auth (any user) when set
    temp_root: Path | None = None  # where the private upload folders go (None: the system's)

    @property
    def address(self) -> str:
        """How a URL names this server: an IPv6 address goes in brackets."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def allowed_hosts(self) -> set[str] | None:
        """The Host headers this server answers; None: any (listening on every address, where
        the password guards instead)."""
        if self.host in ANY_ADDRESS:
            return None
        host = f"[{self.host}]" if ":" in self.host else self.host
        names = {host, "localhost"} if self.host == LOOPBACK else {host}
        return {f"{name}:{self.port}" for name in names}
