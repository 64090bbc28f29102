"""Limits on what pvs reads, so a broken or hostile file can never make it hang or swell.

The defaults fit real passports and exports with ample room; a user can raise them with the
global options of `pvs` (see `pvs --help`) when a real file needs it. Worker processes inherit
the limits their parent set.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace

from pvs.errors import UnreadableFile

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_mb: int = 25  # a filled passport PDF is about 0.2 MB, a flattened scan a few MB
    pages: int = 60  # the passport has 20 pages
    unpacked_mb: int = 100  # what one file may unpack to: zip members, PDF streams
    rows: int = 50_000  # rows in one export; a region has a few thousand leavers
    memory_mb: int = 350  # reading one file, on top of pvs itself (about 100 MB): under 500 MB
    seconds: int = 8  # processor time reading one file; a passport takes well under a second


_current = Limits()


def configure(**changes: int | None) -> None:
    """Set the limits for this process and the workers it starts: the defaults, with `changes`
    (None keeps a default). Each command sets them afresh, so none carries over to the next."""
    global _current
    _current = replace(Limits(), **{k: v for k, v in changes.items() if v is not None})


def limits() -> Limits:
    return _current


def check_file_size(size: int, name: str) -> None:
    if size > _current.file_mb * MB:
        raise UnreadableFile(
            f"{name} is {size // MB} MB; pvs leest bestanden tot {_current.file_mb} MB. Is dit "
            "echt een paspoort? Zo ja: geef meer ruimte met 'pvs --max-mb N ...'."
        )


def inflate(raw: bytes, name: str) -> bytes:
    """Decompress zlib data, refusing as soon as it unpacks past the limit (a zip bomb).

    Broken data raises zlib.error; the caller knows what sort of file it came from.
    """
    limit = _current.unpacked_mb * MB
    decompressor = zlib.decompressobj()
    data = decompressor.decompress(raw, limit + 1)
    if len(data) > limit or decompressor.unconsumed_tail:
        raise too_much_unpacked(name)
    return data


def too_much_unpacked(name: str) -> UnreadableFile:
    return UnreadableFile(
        f"{name} pakt uit tot meer dan {_current.unpacked_mb} MB; dat doet een paspoort nooit "
        "(mogelijk een 'zipbom'). pvs leest het niet. Is het toch echt? Geef meer ruimte met "
        "'pvs --max-uitgepakt-mb N ...'."
    )
