"""The plan drafts a coach is ticking, in memory under an unguessable token, at most 15 minutes.

Between showing the draft and making the Word document the passport is gone (its upload folder
is removed before the page is answered); the plan made from it waits here, never on disk. The
page's form carries only the token and the ticked proposals. A draft can be used again within
its lifetime (the coach may tick differently and make the document once more) and is wiped at
once when the coach asks for it.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

import pvs
from pvs.web.store import LIFETIME

MAX_DRAFTS = 200  # past this the oldest go first: memory stays bounded


@dataclass
class Draft:
    plan: pvs.Plan
    stem: str  # for the names of the files made from it: letters, digits, dot and dash
    made: float = field(default_factory=time.monotonic)


class Drafts:
    def __init__(self, lifetime: float = LIFETIME, most: int = MAX_DRAFTS) -> None:
        self._drafts: dict[str, Draft] = {}  # oldest first
        self._lock = threading.Lock()
        self.lifetime = lifetime
        self.most = most

    def put(self, plan: pvs.Plan, stem: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._purge()
            self._drafts[token] = Draft(plan, stem)
            while len(self._drafts) > self.most:
                del self._drafts[next(iter(self._drafts))]
        return token

    def get(self, token: str) -> Draft | None:
        with self._lock:
            self._purge()
            return self._drafts.get(token)

    def drop(self, token: str) -> bool:
        with self._lock:
            return self._drafts.pop(token, None) is not None

    def __len__(self) -> int:
        with self._lock:
            self._purge()
            return len(self._drafts)

    def _purge(self) -> None:
        now = time.monotonic()
        for token in [t for t, d in self._drafts.items() if now - d.made > self.lifetime]:
            del self._drafts[token]
