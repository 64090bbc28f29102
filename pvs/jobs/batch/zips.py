"""The zips of a batch: every passport in one, and one per class, small enough to mail.

A PDF is compressed inside already, so zipping saves about a tenth; 330 passports stay tens
of megabytes, too much for most mail. A mentor hands out one class, so each class gets its
own zip too (in per-klas/), of a few megabytes. Every entry carries the run's date, so the same
export on the same day gives the same zips.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pvs.jobs.batch.names import safe_stem
from pvs.output import write_atomic

ZIP_NAME = "paspoorten.zip"
CLASS_FOLDER = "per-klas"
ZIP_LEVEL = 6  # zlib's default: nearly all of level 9's gain, in a fraction of the time
NO_CLASS = "zonder klas"


@dataclass(frozen=True)
class Zips:
    whole: Path
    per_class: tuple[Path, ...]  # empty when the export has one class or none


def write_zips(
    out_dir: Path, files_by_class: dict[str, list[str]], day: date, shared: bool
) -> Zips:
    """paspoorten.zip with every file, and per-klas/paspoorten <klas>.zip when there are classes."""
    everything = [name for names in files_by_class.values() for name in names]
    whole = _write_zip(out_dir, out_dir / ZIP_NAME, everything, day, shared)
    if len(files_by_class) < 2:
        return Zips(whole, ())
    folder = out_dir / CLASS_FOLDER
    folder.mkdir(mode=0o777 if shared else 0o700, exist_ok=True)
    per_class = tuple(
        _write_zip(out_dir, folder / f"paspoorten {safe_stem(klas)}.zip", names, day, shared)
        for klas, names in sorted(files_by_class.items())
    )
    return Zips(whole, per_class)


def _write_zip(out_dir: Path, target: Path, names: Iterable[str], day: date, shared: bool) -> Path:
    stamp = (day.year, day.month, day.day, 12, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (out_dir / name).read_bytes(), compresslevel=ZIP_LEVEL)
    write_atomic(target, buffer.getvalue(), shared=shared)
    return target
