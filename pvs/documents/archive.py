"""Open the zip archives pvs reads (Word documents, Excel exports) without letting them swell.

A .docx or .xlsx is a zip archive whose directory states what each member unpacks to. pvs
checks those sizes, all together, before it reads any member, and reads a member no further
than the limit, since a directory can lie. Before that it refuses a directory so long that
merely listing it would fill memory, and a member locked with a password (which zipfile would
only report halfway through reading).
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pvs.documents.files import BROKEN_ZIP, cannot_open, unreadable
from pvs.errors import UnreadableFile
from pvs.limits import MB, limits, too_much_unpacked

# A directory of 1 MB lists some 15,000 members; a passport has about 20, an export about 10.
MAX_DIRECTORY = MB
CHUNK = 64 * 1024
_END = b"PK\x05\x06"
_ZIP64_LOCATOR, _ZIP64_END = b"PK\x06\x07", b"PK\x06\x06"
_ENCRYPTED = 0x1  # bit 0 of a member's flags


def open_archive(source: Path | bytes, name: str, kind: str, fix: str) -> zipfile.ZipFile:
    """The zip archive in `source`, checked before anything in it is read.

    A file that is no zip archive is refused as no readable `kind`, with `fix` as the way out.
    """
    try:
        with _handle(source) as handle:
            if _directory_size(handle) > MAX_DIRECTORY:
                raise unreadable(name, kind, fix)
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except OSError as error:
        raise cannot_open(name, error) from None
    except BROKEN_ZIP:
        raise unreadable(name, kind, fix) from None
    try:
        _check_members(archive, name)
    except UnreadableFile:
        archive.close()
        raise
    return archive


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """The content of `member`, refused as soon as it unpacks past the limit."""
    return b"".join(member_chunks(archive, member, name))


def member_chunks(archive: zipfile.ZipFile, member: str, name: str) -> Iterator[bytes]:
    """The content of `member` piece by piece, refused as soon as it unpacks past the limit."""
    limit, total = limits().unpacked_mb * MB, 0
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > limit:
                raise too_much_unpacked(name)
            yield chunk


def _handle(source: Path | bytes) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")


def _directory_size(handle: BinaryIO) -> int:
    """The size of the archive's directory, from its end records as zipfile reads them: a zip64
    end record, just before its locator, counts over the plain one."""
    length = handle.seek(0, io.SEEK_END)
    handle.seek(max(0, length - 0xFFFF - 22 - 76))  # the records, and a comment after them
    tail = handle.read()
    at = tail.rfind(_END)
    if at < 0 or at + 22 > len(tail):
        return 0
    zip64 = tail[at - 76 : at - 20] if at >= 76 else b""
    if tail[at - 20 : at].startswith(_ZIP64_LOCATOR) and zip64.startswith(_ZIP64_END):
        return int(struct.unpack_from("<Q", zip64, 40)[0])
    return int(struct.unpack_from("<I", tail, at + 12)[0])


def _check_members(archive: zipfile.ZipFile, name: str) -> None:
    members = archive.infolist()
    if any(m.flag_bits & _ENCRYPTED for m in members):
        raise UnreadableFile(
            f"{name} zit met een wachtwoord op slot, en dat kan pvs niet openen. Sla het op "
            "zonder wachtwoord en probeer het nog eens."
        )
    if sum(m.file_size for m in members) > limits().unpacked_mb * MB:
        raise too_much_unpacked(name)
