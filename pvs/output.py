"""Write output files so that a file under its final name is always complete."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pvs.errors import UsageError


def write_atomic(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"De map {folder} bestaat niet. Maak de map eerst of kies een andere.")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
