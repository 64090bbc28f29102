"""Every file in the folders an intake office points pvs at, each with what pvs does with it.

Nothing is left out: a passport pvs can read (PDF, Word, LibreOffice .odt, JSON) is read; an old
Word file (.doc) is listed as not read, with how to save it as .docx or PDF; the members of a
zip archive (a school mails the returns as one zip) are each listed and read; everything else
(images, the lock files Word and LibreOffice leave next to an open document, Thumbs.db,
.DS_Store, ...) is listed as "geen paspoort", with what it is. Hidden system files are listed
too rather than skipped: the count of the overview is then always the count of the files the
user sees in the folder with hidden files shown, and nothing disappears without a trace.

A zip archive is opened within pvs's limits (pvs.documents.archive: the size of its directory,
what it unpacks to, no password) and at most MAX_MEMBERS members. Its members are read in
memory and never written to disk, so a member name such as `../../x.pdf` cannot reach outside
the folder: it is only a name in the overview. A zip inside a zip is not unpacked (one level):
it is listed with the reason.
"""

from __future__ import annotations

import time
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pvs.documents.archive import open_archive, read_member
from pvs.documents.kinds import READABLE_SUFFIXES
from pvs.errors import PvsError
from pvs.limits import check_file_size

MAX_MEMBERS = 2000  # a school's returns are a few hundred files
ZIP_FILE = "zip-bestand"
RESEND_ZIP = "Vraag de school het zip-bestand opnieuw te maken en te sturen."
SAME_NAME = (
    "Deze zip bevat {count} bestanden met precies deze naam; pvs kan ze niet uit elkaar houden "
    "en leest er daarom geen van. Pak de zip uit, geef de bestanden verschillende namen en lees "
    "ze opnieuw in."
)
INSIDE = " › "  # between an archive's name and its member's: `terug.zip › daan.pdf`
NOT_READ = "nee"
NOT_A_PASSPORT = "geen paspoort"
ZIP = "zip"  # a verdict of its own: list the members

OLD_WORD = (
    "Dit is een oud Word-bestand (.doc); dat leest pvs niet. Open het in Word en kies Bestand > "
    "Opslaan als > Word-document (.docx), of Bestand > Opslaan als > PDF. Zet het nieuwe bestand "
    "in de map en maak het overzicht opnieuw."
)
NESTED_ZIP = (
    "Dit is een zip-bestand in een zip-bestand; pvs pakt maar één laag uit. Pak het binnenste "
    "zip-bestand uit, zet het in de map en maak het overzicht opnieuw."
)
TOO_MANY = (
    "Dit zip-bestand bevat meer dan {count} bestanden; zoveel paspoorten zitten nooit in één "
    "zip-bestand. pvs leest het niet. Pak het uit en geef pvs de map."
)
WORD_LOCK = (
    "Een tijdelijk bestand dat Word maakt zolang een document open is; geen paspoort. Je kunt "
    "het negeren."
)
LIBREOFFICE_LOCK = (
    "Een tijdelijk bestand dat LibreOffice maakt zolang een document open is; geen paspoort. Je "
    "kunt het negeren."
)
SYSTEM_FILE = (
    "Een verborgen systeembestand van Windows of macOS; geen paspoort. Je kunt het negeren."
)
IMAGE = (
    "Een afbeelding (foto of scan); pvs leest geen afbeeldingen. Is het een foto van een "
    "ingevuld paspoort? Vraag dan om het paspoort als PDF of Word-bestand."
)
OTHER = (
    "Geen paspoort: pvs leest paspoorten als PDF, Word-document (.docx), LibreOffice-document "
    "(.odt) of JSON-bestand."
)
_IMAGES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".webp"}
_SYSTEM = {"thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db"}
_OLD_WORD_HEAD = b"\xd0\xcf\x11\xe0"  # the compound file an old .doc is


@dataclass(frozen=True)
class Entry:
    """One row of the overview: a file on disk, or one member of a zip archive there.

    `verdict` and `reason` are set when pvs does not read it: NOT_READ (it could be a passport,
    but pvs cannot read it as it is) or NOT_A_PASSPORT. `modified` is the file's (or member's)
    modification time, for telling which of two returns of one passport is the newest.
    """

    path: Path
    member: str | None = None
    verdict: str | None = None
    reason: str = ""
    modified: float = 0.0
    shown: str = ""  # the file's name in the overview and in messages, if not its path

    @property
    def file_name(self) -> str:
        return self.shown or str(self.path)

    @property
    def label(self) -> str:
        return f"{self.file_name}{INSIDE}{self.member}" if self.member else self.file_name


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Every file among the given files and under the given folders, in a stable order."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(c for c in path.rglob("*") if c.is_file())
        else:
            found.add(path)
    return sorted(found)


def inventory(files: Iterable[Path], names_from: Path | None = None) -> list[Entry]:
    """Each file as one entry, a zip archive as one entry per member (or one with its reason).

    With `names_from`, a file under that folder is named by its path inside it."""
    entries: list[Entry] = []
    for path in files:
        modified = _modified(path)
        shown = _shown(path, names_from)
        verdict, reason = _verdict(path.name, _head(path))
        if verdict == ZIP:
            entries.extend(_members(path, modified, shown))
        else:
            entries.append(Entry(path, None, verdict, reason, modified, shown))
    return entries


def _shown(path: Path, names_from: Path | None) -> str:
    if names_from is None or not path.is_relative_to(names_from):
        return ""
    return path.relative_to(names_from).as_posix()


def member_content(entry: Entry) -> bytes:
    """The content of a zip member, within the limits; for the worker that reads it."""
    assert entry.member is not None
    name = entry.label
    with open_archive(entry.path, entry.file_name, ZIP_FILE, RESEND_ZIP) as archive:
        check_file_size(archive.getinfo(entry.member).file_size, name)
        return read_member(archive, entry.member, name)


def _members(path: Path, modified: float, shown: str = "") -> list[Entry]:
    try:
        with open_archive(path, shown or str(path), ZIP_FILE, RESEND_ZIP) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
    except PvsError as error:
        return [Entry(path, None, NOT_READ, error.message, modified, shown)]
    if len(members) > MAX_MEMBERS:
        too_many = TOO_MANY.format(count=MAX_MEMBERS)
        return [Entry(path, None, NOT_READ, too_many, modified, shown)]
    if not members:
        return [Entry(path, None, NOT_A_PASSPORT, "Een leeg zip-bestand.", modified, shown)]
    entries = []
    names = Counter(member.filename for member in members)
    for member in sorted(members, key=lambda m: m.filename):
        name = PurePosixPath(member.filename).name
        verdict, reason = _verdict(name, b"")
        if verdict == ZIP:
            verdict, reason = NOT_READ, NESTED_ZIP
        if names[member.filename] > 1:  # a zip finds a member by name: only the last one
            verdict, reason = NOT_READ, SAME_NAME.format(count=names[member.filename])
        entries.append(Entry(path, member.filename, verdict, reason, _stamp(member), shown))
    return entries


def _verdict(name: str, head: bytes) -> tuple[str | None, str]:
    """(None, "") to read the file; ZIP to list its members; else why pvs does not read it.

    A name says what a file is meant to be; the first bytes overrule it where a pupil renamed a
    passport (a PDF called `paspoort.doc` is read).
    """
    lower = name.lower()
    suffix = PurePosixPath(lower).suffix
    if lower.startswith("~$"):
        return (NOT_A_PASSPORT, WORD_LOCK)
    if lower.startswith(".~lock.") and lower.endswith("#"):
        return (NOT_A_PASSPORT, LIBREOFFICE_LOCK)
    if lower in _SYSTEM or lower.startswith("._"):
        return (NOT_A_PASSPORT, SYSTEM_FILE)
    if suffix in READABLE_SUFFIXES or head.startswith(b"%PDF-"):
        return (None, "")
    if suffix == ".zip":
        return (ZIP, "")
    if suffix == ".doc":
        return (None, "") if head.startswith(b"PK") else (NOT_READ, OLD_WORD)
    if head.startswith(_OLD_WORD_HEAD) and suffix in ("", ".rtf"):
        return (NOT_READ, OLD_WORD)
    if suffix in _IMAGES:
        return (NOT_A_PASSPORT, IMAGE)
    return (NOT_A_PASSPORT, OTHER)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError:
        return b""  # the worker that reads it words the reason


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _stamp(member: zipfile.ZipInfo) -> float:
    try:
        return time.mktime((*member.date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return 0.0
