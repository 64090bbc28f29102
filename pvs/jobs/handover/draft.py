"""The overdrachtsdocument as one object: its content as data, and as a Word document."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Handover:
    """A handover for one receiving party; `content` has the Word template's variables."""

    content: dict[str, Any]

    @property
    def receiver(self) -> str:
        """The receiving party's key, such as 'doorwerkcoach' (a toestemming.delen_met key)."""
        return str(self.content["ontvanger"]["sleutel"])

    def to_dict(self) -> dict[str, Any]:
        """The handover as JSON-ready data (`pvs overdracht --format json`); a copy."""
        return copy.deepcopy(self.content)

    def to_docx(self) -> bytes:
        """The handover as a Word document, from templates/overdracht.docx."""
        from pvs.jobs.handover.render import render_handover_docx  # docxtpl loads when needed

        return render_handover_docx(self.content)
