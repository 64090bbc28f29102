"""Where pvs's data folders live: beside the package in a checkout, inside it when installed."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
FONTS = _PACKAGE / "fonts"  # DejaVu Sans, shipped inside the package


def data_dir(name: str) -> Path:
    """Return the folder `name` (schemas, samples): the installed copy, else the checkout's."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
