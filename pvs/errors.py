"""Every error pvs raises, in one tree; each carries the exit code the CLI returns.

    PvsError                 (exit 1)
     +-- InvalidPassport     (exit 1)  the data does not fit the schema, so it cannot be rendered
     +-- NoPlan              (exit 1)  pvs makes no support plan from this passport
     |    +-- NoConsent      (exit 1)  no consent (or a withdrawn one) to share with the begeleider
     |    +-- NotForMbo      (exit 1)  the pupil does not go to an mbo: no begeleider, no plan
     +-- NoHandover          (exit 1)  no handover: an mbo pupil, or no consent for the receiver
     +-- UsageError          (exit 2)  wrong options or arguments
     |    +-- OutputRefused  (exit 2)  the place named for an output cannot take a file there
     +-- UnreadableFile      (exit 3)  corrupt, not a passport, unknown version, too large
     +-- NotWritten          (exit 3)  writing an output failed (disk full): it is not there

Messages are Dutch, say what happened and what the user can do, and never quote a value from
the passport: values may be sensitive.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from typing import Any

# The operating system's reasons in Dutch: its own text (strerror) is English.
_SYSTEM_REASONS = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EIO: "de schijf gaf een fout bij lezen of schrijven",
    errno.EISDIR: "het is een map",
    errno.ENOENT: "het bestand is er niet meer",
    errno.ETIMEDOUT: "de netwerkschijf antwoordt niet",
}


class PvsError(Exception):
    """Root of all pvs errors."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidPassport(PvsError):
    """The passport data has problems that stop pvs from writing it into a document."""

    def __init__(self, problems: Sequence[Any]) -> None:
        count = len(problems)
        super().__init__(
            f"Het paspoort kan niet worden gemaakt: {count} "
            f"{'waarde past' if count == 1 else 'waarden passen'} niet in het formulier. "
            "Verbeter dat eerst in het JSON-bestand."
        )
        self.problems = tuple(problems)


class NoPlan(PvsError):
    """pvs makes no ondersteuningsplan from this passport; the message says why and what to do."""


class NoConsent(NoPlan):
    """The pupil did not consent to share the passport with the begeleider, who gets the plan,
    or withdrew that consent."""


class NotForMbo(NoPlan):
    """The pupil's route is work or day activities: the plan is for an mbo begeleider."""


class NoHandover(PvsError):
    """pvs makes no overdracht from this passport: the pupil goes to an mbo, or did not consent
    to sharing with the receiving party (or withdrew that consent)."""


class UsageError(PvsError):
    """The command was called wrongly."""

    exit_code = 2


class OutputRefused(UsageError):
    """An output cannot go where the command puts it; nothing was written under that name.

    The name is a folder, a device, a pipe or a link, or its folder is missing or read-only.
    """


class UnreadableFile(PvsError):
    """An input file cannot be read as a passport."""

    exit_code = 3


class NotWritten(PvsError):
    """Writing an output failed halfway (the disk is full); nothing stands under its name."""

    exit_code = 3


def system_reason(error: OSError) -> str:
    """Why the operating system refused, in Dutch words; else its code, such as EIO."""
    code = error.errno or 0
    return _SYSTEM_REASONS.get(code, f"systeemfout {errno.errorcode.get(code, 'onbekend')}")
