"""The ondersteuningsplan draft as one object: its content as data, and as a Word document."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
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

    @staticmethod
    def agreed(path: Path) -> dict[str, Any]:
        """What a coach agreed in a Word plan pvs wrote: the ticked proposals and the others,
        as JSON-ready data (`pvs plan --lees`). Raises UnreadableFile for any other file."""
        from pvs.jobs.plan.readback import read_plan

        return read_plan(path)

    @staticmethod
    def is_plan_file(path: Path) -> bool:
        """Whether `path` is a Word plan pvs wrote (so not a passport)."""
        from pvs.jobs.plan.readback import is_plan_document

        return is_plan_document(path)
