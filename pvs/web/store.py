"""Results wait in memory under an unguessable token until fetched, at most 15 minutes.

Nothing is written to disk: a result holds passport data, and a file left behind would outlive
the session.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote

from starlette.responses import Response

LIFETIME = 15 * 60
MAX_BYTES = 512 * 1024 * 1024  # past this the oldest results go first: memory stays bounded


@dataclass
class Download:
    data: bytes
    media_type: str


def attachment(data: bytes, media_type: str, name: str) -> Response:
    """`data` as a file to save under `name`: RFC 6266, so any name is safe in the header."""
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type, headers={"content-disposition": disposition})


@dataclass
class _Entry:
    files: dict[str, Download]
    made: float = field(default_factory=time.monotonic)


class ResultStore:
    def __init__(self, lifetime: float = LIFETIME, max_bytes: int = MAX_BYTES) -> None:
        self._entries: dict[str, _Entry] = {}  # oldest first
        self._lock = threading.Lock()
        self.lifetime = lifetime
        self.max_bytes = max_bytes

    def put(self, files: dict[str, Download]) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._purge()
            self._entries[token] = _Entry(dict(files))
            while self._size() > self.max_bytes and len(self._entries) > 1:
                del self._entries[next(iter(self._entries))]
        return token

    def take(self, token: str, name: str, keep: bool = False) -> Download | None:
        """The file, removed from the store: each download can be fetched once. With `keep`
        (a HEAD request: a link checker or download manager asking about it) it stays."""
        with self._lock:
            self._purge()
            entry = self._entries.get(token)
            if entry is None:
                return None
            if keep:
                return entry.files.get(name)
            found = entry.files.pop(name, None)
            if not entry.files:
                del self._entries[token]
            return found

    def __len__(self) -> int:
        with self._lock:
            self._purge()
            return sum(len(e.files) for e in self._entries.values())

    def _size(self) -> int:
        return sum(len(d.data) for e in self._entries.values() for d in e.files.values())

    def _purge(self) -> None:
        now = time.monotonic()
        for token in [t for t, e in self._entries.items() if now - e.made > self.lifetime]:
            del self._entries[token]
