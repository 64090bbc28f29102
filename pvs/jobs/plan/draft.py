"""The ondersteuningsplan draft as one object: its content as data, and as a Word document."""

from __future__ import annotations

import copy
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pvs.errors import UsageError
from pvs.jobs.labels import dutch_date
from pvs.model import paths

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
UNKNOWN_PROPOSAL = "Dit plan heeft geen voorstel {keys}; kies uit de voorstellen van het plan."


@dataclass(frozen=True)
class Plan:
    """A draft support plan; `content` has the same Dutch keys as the Word template's variables."""

    content: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (`pvs plan --format json`); a copy, safe to change."""
        return copy.deepcopy(self.content)

    def to_docx(self, agreed: Collection[str] = ()) -> bytes:
        """The plan as a Word document marked CONCEPT, from templates/ondersteuningsplan.docx.

        `agreed` names proposals by their 'sleutel' (such as '2:extra_tijd') whose box is
        ticked already, as when a coach ticked them on the web page; the rest stay open.
        Raises UsageError for a key that is no proposal of this plan."""
        from pvs.jobs.plan.render import render_plan_docx  # docxtpl loads only when needed

        unknown = set(agreed) - set(self.proposal_keys())
        if unknown:
            raise UsageError(UNKNOWN_PROPOSAL.format(keys=", ".join(sorted(unknown))))
        return render_plan_docx(self.content, agreed=agreed)

    def for_reading(self) -> dict[str, Any]:
        """The plan as data with every date as people read it, dd-mm-jjjj (for a web page)."""
        return paths.transform(self.to_dict(), lambda _, value: _read_date(value))

    def proposal_keys(self) -> list[str]:
        """The 'sleutel' of every proposal, need by need, in the plan's order."""
        return [p["sleutel"] for n in self.content["ondersteuning"] for p in n["voorstellen"]]

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


def _read_date(value: Any) -> Any:
    return dutch_date(value) if isinstance(value, str) and ISO_DATE.fullmatch(value) else value
