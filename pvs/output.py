"""Write output files so that a file under its final name is always complete.

Every file pvs writes goes through `write_atomic`: it refuses a target that is not an ordinary
file (a folder, a device, a pipe, a symbolic link), writes a temporary file beside it and
renames that into place. A write that fails leaves nothing under the final name, and says so.

Who may read the file: `tempfile.mkstemp` creates it readable and writable by its owner only
(0600), and the rename keeps that. This is on purpose: passports hold pupils' personal data, and
a folder like /tmp or a shared drive must not show them to everyone. `shared=True` is for a
folder colleagues should read: the file then gets what the user's umask gives any new file
(0666 without the umask's bits, usually 0644 or 0664).

Which exit code an operating-system error gets (`os_error`):
- 2 (OutputRefused, a usage error): the place cannot take the file at all, so the command must
  name another: the folder is missing, read-only or closed to the user, the name is too long or
  is a folder, a device, a pipe or a link.
- 3 (NotWritten): writing started and failed: the disk is full, the quota is used up, the disk
  gave an input/output error. The same command can succeed once the disk has room.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from functools import cache
from pathlib import Path

from pvs.errors import NotWritten, OutputRefused, PvsError, system_reason

# Temporary files older than this process are left over from a run that was killed.
RUN_STARTED = time.time()
TEMPORARY_SUFFIX = ".tmp"
_NAME_IN_TEMPORARY = 200  # a temporary name stays under the usual limit of 255 bytes
_RANDOM_PART = r"[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_REFUSED = {
    errno.EACCES: "pvs heeft geen toestemming om in de map {folder} te schrijven.",
    errno.EPERM: "pvs heeft geen toestemming om in de map {folder} te schrijven.",
    errno.EROFS: "De map {folder} staat op een schijf die alleen gelezen kan worden.",
    errno.ENAMETOOLONG: "De naam van het bestand is te lang.",
    errno.EISDIR: "{path} is een map.",
    errno.ENOTDIR: "Een deel van {folder} is een bestand, geen map.",
    errno.EEXIST: "{path} bestaat al en is geen map.",
    errno.ENOENT: "De map {folder} bestaat niet.",
}


def write_atomic(path: Path, content: bytes, *, shared: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    Only the owner may read the file, unless `shared` (see the module's docstring)."""
    folder = path.parent
    _check_folder(folder)
    refuse_unsafe_target(path)
    remove_stale_temporaries(folder, path.name)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=_temporary_prefix(path.name), suffix=TEMPORARY_SUFFIX, dir=folder
        )
    except OSError as error:
        raise os_error(error, path) from None
    try:
        with os.fdopen(handle, "wb") as out:
            if shared:  # before the rename, so the file appears with its final permissions
                os.chmod(temporary, _ordinary_file_mode())
            out.write(content)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise os_error(error, path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _ordinary_file_mode() -> int:
    """The mode the user's umask gives a new ordinary file, as `open()` would create it."""
    umask = os.umask(0o077)  # the only way to read it is to set it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def _check_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    if folder.exists():
        raise OutputRefused(
            f"{folder} is een bestand, geen map. Kies een map om het bestand in te schrijven."
        )
    raise OutputRefused(f"De map {folder} bestaat niet. Maak de map eerst of kies een andere.")


def refuse_unsafe_target(path: Path) -> None:
    """OutputRefused unless `path` is absent or an ordinary file pvs may replace.

    A symbolic link is refused rather than replaced: the rename would put the file where the
    link stood, and whoever made the link expects the file it points to. A device or a pipe
    is refused because the rename would replace the device itself (as root, /dev/full).
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise os_error(error, path) from None
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        what = "een map. Geef de naam van een bestand in die map op"
    elif stat.S_ISLNK(mode):
        what = "een snelkoppeling (symbolische link). Kies een andere bestandsnaam"
    else:
        what = "geen gewoon bestand maar een apparaat of een pijp. Kies een andere bestandsnaam"
    raise OutputRefused(f"{path} is {what}; pvs heeft niets geschreven.")


def os_error(error: OSError, path: Path) -> PvsError:
    """The Dutch error for an operating-system error while writing `path`: nothing was written.

    The system's own text is English, so the message names the situation in Dutch instead.
    """
    code = error.errno
    if code in _FULL:
        return NotWritten(
            f"De schijf is vol: {path} is niet geschreven. Maak ruimte vrij en start de opdracht "
            "opnieuw."
        )
    if code in _REFUSED:
        return OutputRefused(
            f"{_REFUSED[code].format(path=path, folder=path.parent)} {path.name} is niet "
            "geschreven; kies een andere plek."
        )
    return NotWritten(
        f"{path} is niet geschreven ({system_reason(error)}). Controleer de schijf en start de "
        "opdracht opnieuw."
    )


def remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove the temporary files an earlier, killed run left beside `folder / name`.

    A temporary file is stale when it is older than this process: a run still writing it
    would be this one. The folder is listed once per process (a batch writes thousands of
    files into one folder), which is enough: a stale file never appears later.
    """
    pattern = re.compile(re.escape(_temporary_prefix(name)) + _RANDOM_PART + r"\.tmp")
    for stale in _stale_temporaries(folder.resolve()):
        if pattern.fullmatch(stale):
            # Only tidying up: a file pvs may not remove must not stop the real work.
            with contextlib.suppress(OSError):
                (folder / stale).unlink(missing_ok=True)


@cache
def _stale_temporaries(folder: Path) -> tuple[str, ...]:
    """Names of the temporary files in `folder` older than this process."""
    try:
        with os.scandir(folder) as entries:
            candidates = [
                e for e in entries if e.name.startswith(".") and e.name.endswith(TEMPORARY_SUFFIX)
            ]
        return tuple(e.name for e in candidates if _older_than_run(e))
    except OSError:
        return ()  # a folder pvs may not list: it will say so when it writes


def _older_than_run(entry: os.DirEntry[str]) -> bool:
    info = entry.stat(follow_symlinks=False)
    return stat.S_ISREG(info.st_mode) and info.st_mtime < RUN_STARTED


def _temporary_prefix(name: str) -> str:
    return f".{name[:_NAME_IN_TEMPORARY]}."
