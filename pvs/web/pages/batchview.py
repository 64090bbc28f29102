"""What the page shows after a batch: the counts, the column plan, the rows to look at, and the
zips and the overview as downloads held in memory (the job's folder is removed after)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pvs
from pvs.web.jobs import Outcome
from pvs.web.store import Download

ZIP = "application/zip"
CSV = "text/csv; charset=utf-8"


@dataclass
class RowView:
    """A row to look at: skipped (with the reason) or made with warnings."""

    row: int
    name: str
    klas: str
    status: str
    skipped: bool
    notes: list[str] = field(default_factory=list)


@dataclass
class Counts:
    rows: int
    written: int
    skipped: int
    warned: int


def result_page(result: pvs.BatchResult, export_name: str, words: Callable[[str], str]) -> Outcome:
    """The result page's template and context, and the downloads it links to."""
    files = _downloads(result)
    zips = [name for name in files if name.endswith(".zip")]
    context = {
        "export_name": export_name,
        "counts": _counts(result),
        "used": result.columns.used if result.columns else (),
        "ignored": [(c, words(why)) for c, why in result.columns.ignored] if result.columns else [],
        "notices": [words(n) for n in result.columns.notices] if result.columns else [],
        "rows": [_row_view(row, words) for row in result.rows if _to_look_at(row)],
        "whole_zip": zips[0] if zips else None,
        "class_zips": zips[1:],
        "manifest": result.manifest.name,
    }
    return Outcome("maken-klaar.html", context, files)


def _downloads(result: pvs.BatchResult) -> dict[str, Download]:
    """The whole zip first (only when it holds a passport), then one per class, the overview."""
    files: dict[str, Download] = {}
    made = any(row.files for row in result.rows)
    if made and result.archive is not None:
        files[result.archive.name] = _read(result.archive, ZIP)
        for path in result.class_archives:
            files[path.name] = _read(path, ZIP)
    files[result.manifest.name] = _read(result.manifest, CSV)
    return files


def _read(path: Path, media_type: str) -> Download:
    return Download(path.read_bytes(), media_type)


def _counts(result: pvs.BatchResult) -> Counts:
    return Counts(
        rows=len(result.rows),
        written=sum(1 for row in result.rows if row.written),
        skipped=len(result.skipped),
        warned=sum(1 for row in result.rows if row.warnings),
    )


def _to_look_at(row: pvs.RowOutcome) -> bool:
    return not row.written or bool(row.warnings)


def _row_view(row: pvs.RowOutcome, words: Callable[[str], str]) -> RowView:
    notes = [row.reason] if row.reason else []
    return RowView(
        row=row.row,
        name=row.name,
        klas=row.klas,
        status=_status(row),
        skipped=row.skipped,
        notes=[words(note) for note in notes + row.warnings],
    )


def _status(row: pvs.RowOutcome) -> str:
    """The page's words for what pvs did with the row; pvs's own for the rarer cases."""
    if row.written:
        return "gemaakt"
    return "overgeslagen" if row.skipped else row.status_text
