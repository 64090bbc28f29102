"""Long work (a batch of hundreds, an overview of 300 returns) in the background, with progress.

A page that starts a job waits a moment (QUICK) and then redirects to /taken/<id>: a job done
by then shows its result at once, a longer one a progress bar (static/pvs.js asks
/taken/<id>/stand; without JavaScript the page reloads itself) and, once done, the page's own
result. The id is unguessable, so two tabs or two users never see each other's job. Heavy jobs
(a batch, an overview) run one at a time, as a batch already uses every processor; a second
one waits its turn and says so. Checking passports is light: it has a lane of its own, so a
check never waits for a batch of 330. The job's upload folder is removed when it
ends, whatever happens; its result waits in memory, its downloads in the ResultStore, and both
are gone after LIFETIME.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pvs import PvsError
from pvs.web.store import LIFETIME, Download, ResultStore

BUG = (
    "Er ging iets mis in pvs zelf. Meld dit aan de beheerder van pvs, met wat je deed (niet de "
    "bestanden zelf: daar staan gegevens van jongeren in)."
)
WAITING = "Wacht tot een andere taak klaar is …"
QUICK = 2.0  # seconds a page waits for its job before it shows the progress page
MAX_FINISHED = 200  # results kept at most; past this the oldest go first: memory stays bounded
STARTING = "Bezig …"


@dataclass
class Outcome:
    """What a finished job shows: a template with its context, and the files to download.

    The template gets `token` (where the downloads wait) and `job` besides `context`."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Download] = field(default_factory=dict)


@dataclass
class Job:
    id: str
    title: str  # what the job page says it is doing: "Paspoorten maken"
    back: str  # the page to start again from
    done: int = 0
    total: int | None = None
    text: str = WAITING  # one line for the progress bar, in Dutch, without pupil data
    outcome: Outcome | None = None
    token: str = ""
    error: str = ""  # the Dutch reason the job stopped
    finished_at: float | None = None
    ended: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def progress(self, done: int, total: int | None, text: str | None = None) -> None:
        """What the work reports, as pvs.Progress does; `text` replaces the '12 van 30' line."""
        self.done, self.total = done, total
        self.text = text or (f"{done} van {total}" if total else f"{done} klaar")

    def state(self) -> dict[str, Any]:
        """What /taken/<id>/stand answers."""
        return {
            "klaar": self.finished,
            "gedaan": self.done,
            "totaal": self.total,
            "tekst": self.text,
        }


Work = Callable[[Job], Outcome]


class JobRunner:
    def __init__(self, store: ResultStore, lifetime: float = LIFETIME, slots: int = 1) -> None:
        self.store = store
        self.lifetime = lifetime
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._lanes = {True: threading.Semaphore(slots), False: threading.Semaphore(slots)}

    def start(
        self, title: str, back: str, work: Work, folder: Path | None = None, heavy: bool = True
    ) -> Job:
        """Run `work(job)` on a thread of its own, in the heavy lane or the light one; `folder`
        is removed when it ends."""
        job = Job(secrets.token_urlsafe(32), title, back)
        with self._lock:
            self._purge()
            self._jobs[job.id] = job
        lane = self._lanes[heavy]
        threading.Thread(target=self._run, args=(job, work, folder, lane), daemon=True).start()
        return job

    async def settle(self, job: Job, seconds: float = QUICK) -> None:
        """Wait up to `seconds` for `job` to finish, without holding up the server."""
        await asyncio.to_thread(job.ended.wait, seconds)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            self._purge()
            return self._jobs.get(job_id)

    def _run(self, job: Job, work: Work, folder: Path | None, lane: threading.Semaphore) -> None:
        try:
            with lane:
                job.text = STARTING
                outcome = work(job)
                job.token = self.store.put(outcome.files) if outcome.files else ""
                job.outcome = outcome
        except PvsError as error:
            job.error = error.message
        except Exception:  # a bug in pvs; its text could quote a passport, so it is not kept
            job.error = BUG
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            job.finished_at = time.monotonic()
            job.ended.set()

    def _purge(self) -> None:
        """Forget finished jobs past their lifetime, and the oldest past MAX_FINISHED."""
        ended = {k: j.finished_at for k, j in self._jobs.items() if j.finished_at is not None}
        oldest = sorted(ended, key=ended.__getitem__)
        expired = [key for key in oldest if time.monotonic() - ended[key] > self.lifetime]
        for key in expired + oldest[: max(0, len(oldest) - MAX_FINISHED)]:
            self._jobs.pop(key, None)
