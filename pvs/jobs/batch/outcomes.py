"""What a batch run found per export row, and the run as a whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pvs.jobs.batch.columns import ColumnPlan

# A row's status: its identity, and the words a person reads for it.
WRITTEN, DONE_BEFORE, SKIPPED = "geschreven", "al_klaar", "overgeslagen"
UNFINISHED = "onderbroken"  # the run was stopped before this row's files were written
STATUS_TEXT = {
    WRITTEN: "geschreven",
    DONE_BEFORE: "was al klaar",
    SKIPPED: "overgeslagen",
    UNFINISHED: "niet gemaakt (afgebroken)",
}
STOPPED = "De run is afgebroken voordat dit paspoort af was; start dezelfde opdracht opnieuw."
Progress = Callable[[int, int | None], None]


@dataclass
class RowOutcome:
    row: int
    number: str
    name: str
    status: str
    reason: str = ""
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # doubts about a passport that was made
    klas: str = ""  # the pupil's class, as the export has it

    @property
    def written(self) -> bool:
        """This run wrote the pupil's passport."""
        return self.status == WRITTEN

    @property
    def skipped(self) -> bool:
        """No passport for this row; `reason` says why."""
        return self.status == SKIPPED

    @property
    def status_text(self) -> str:
        """The status in the words a person reads ("niet gemaakt (afgebroken)")."""
        return STATUS_TEXT.get(self.status, self.status)


@dataclass
class BatchResult:
    rows: list[RowOutcome]
    manifest: Path
    archive: Path | None
    columns: ColumnPlan | None = None
    class_archives: tuple[Path, ...] = ()  # one zip per class, beside the whole one

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def skipped(self) -> list[RowOutcome]:
        """The rows no passport was made for, each with its reason."""
        return [r for r in self.rows if r.status == SKIPPED]


def internal_problem(error: Exception) -> str:
    return (
        f"pvs kon voor deze rij geen paspoort maken ({type(error).__name__}). De andere rijen "
        "zijn wel gemaakt; meld dit aan de beheerder van pvs."
    )
