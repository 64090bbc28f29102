"""Zip archives (Word documents, Excel exports) are checked before any member is read."""

from __future__ import annotations

import struct
import time
import zipfile

import pytest

from pvs.documents.archive import open_archive, read_member
from pvs.errors import UnreadableFile
from tests.hostile.file_cases import bomb, member, raw_zip


def opened(content: bytes) -> None:
    with open_archive(content, "export.xlsx", "Excel-bestand", "Exporteer als CSV.") as archive:
        for name in archive.namelist():
            read_member(archive, name, "export.xlsx")


def test_a_directory_too_long_for_any_document_is_refused_before_it_is_listed() -> None:
    content = raw_zip({f"{i:x}": member(b"") for i in range(40_000)})
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="geen leesbaar Excel-bestand"):
        opened(content)
    assert time.perf_counter() - started < 0.5


def test_a_zip64_end_record_counts_over_the_plain_one() -> None:
    """zipfile takes the directory's size from the zip64 record; so does the check."""
    content = raw_zip({"a.xml": member(b"<a/>")})
    end = content.rindex(b"PK\x05\x06")
    zip64 = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, 1, 1, 1 << 30, 0)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    with pytest.raises(UnreadableFile, match="geen leesbaar"):
        opened(content[:end] + zip64 + locator + content[end:])


def test_what_members_state_is_checked_before_reading() -> None:
    with pytest.raises(UnreadableFile, match="pakt uit tot meer dan 100 MB"):
        opened(raw_zip({"a.xml": member(b"<a/>"), "b.xml": bomb(200 * 1024 * 1024)}))


def test_a_member_holding_more_than_it_states_is_read_no_further() -> None:
    """zipfile stops at the stated size and then finds the checksum wrong: a damaged file,
    which every reader words as such (files.BROKEN_ZIP), after reading 512 KB, not 5 GB."""
    with pytest.raises(zipfile.BadZipFile, match="Bad CRC-32"):
        opened(raw_zip({"a.xml": bomb(5 * 1024**3, stated=512 * 1024)}))


def test_a_locked_member_is_refused_with_a_reason() -> None:
    with pytest.raises(UnreadableFile, match="zit met een wachtwoord op slot"):
        opened(raw_zip({"a.xml": member(b"<a/>", flags=1)}))
