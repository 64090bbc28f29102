"""The ondersteuningsplan draft as one object: its content as data, and as a Word document."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Plan:
    """A draft support plan; `content` has the same Dutch keys as the Word template's variables."""

    content: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (`pvs plan --format json`); a copy, safe to change."""
        return copy.deepcopy(self.content)

    def to_docx(self) -> bytes:
        """The plan as a Word document marked CONCEPT, from templates/ondersteuningsplan.docx."""
        from pvs.jobs.plan.render import render_plan_docx  # docxtpl loads only when needed

        return render_plan_docx(self.content)
