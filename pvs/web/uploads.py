"""Multipart uploads streamed into a private folder, refused as soon as they pass pvs's limits.

Starlette's own form parser spools files to the system's temp folder and bounds only the text
fields; here each file goes straight into a folder only this user can read (mode 0700), and the
upload stops with TooLarge the moment a file, or the whole request, grows past the limit. The
CSRF field must come before the first file (a browser sends fields in page order), so nothing
of a forged request is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from pvs.limits import MB, limits

MAX_FILES = 100  # a year group at once on the check page; the intake page takes more
MAX_FIELD = 1024  # text fields are short: the CSRF token, a choice
MAX_FIELDS = 10
MAX_HEADER = 8192  # one header of one part; a file name is a few hundred bytes at most
FILE_FIELD = "bestanden"


class TooLarge(Exception):
    """The upload passed a limit; the message is Dutch, for the page."""


class BadForm(Exception):
    """Not a form this page sent (no multipart, a field missing or in the wrong place)."""


class CsrfRefused(Exception):
    """A file came before a CSRF token that matches the cookie."""


@dataclass
class Upload:
    name: str  # the name the user's computer gave, for display only
    path: Path  # where it lies in the private folder
    field: str = FILE_FIELD  # the form's file input it came from


@dataclass
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[Upload] = field(default_factory=list)

    def files_of(self, name: str) -> list[Upload]:
        return [upload for upload in self.files if upload.field == name]


@dataclass(frozen=True)
class Rules:
    """What one page's form may send: its file inputs with the most files each, and how many
    of the largest files pvs reads the whole request may hold."""

    files: tuple[tuple[str, int], ...] = ((FILE_FIELD, MAX_FILES),)
    largest_files: int = 4

    def most(self, name: str) -> int:
        return dict(self.files).get(name, 0)

    def request_limit(self) -> int:
        return self.largest_files * file_limit()


CHECK = Rules()


def request_limit(rules: Rules = CHECK) -> int:
    """The most one request may carry: a few files at the largest size pvs reads."""
    return rules.request_limit()


def file_limit() -> int:
    return limits().file_mb * MB


def too_large_message(rules: Rules = CHECK) -> str:
    return (
        f"Dit is te veel voor één keer: pvs leest bestanden tot {limits().file_mb} MB, en samen "
        f"tot {request_limit(rules) // MB} MB. Kies minder of kleinere bestanden."
    )


async def receive_form(
    content_type: str,
    chunks: AsyncIterator[bytes],
    folder: Path,
    csrf_ok: Callable[[str], bool],
    rules: Rules = CHECK,
) -> Form:
    """Parse the multipart body into `folder`; raise TooLarge, BadForm or CsrfRefused."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise BadForm
    collector = _Collector(folder, csrf_ok, rules)
    parser = MultipartParser(boundary, collector.callbacks())  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in chunks:
            total += len(chunk)
            if total > request_limit(rules):
                raise TooLarge(too_large_message(rules))
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError:
        raise BadForm from None
    finally:
        collector.close()
    return collector.form


class _Collector:
    """The parser's callbacks: headers per part, then its data to a file or a short field."""

    def __init__(self, folder: Path, csrf_ok: Callable[[str], bool], rules: Rules) -> None:
        self.folder = folder
        self.csrf_ok = csrf_ok
        self.rules = rules
        self.form = Form()
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._field: bytearray | None = None
        self._file: object = None
        self._size = 0
        self._parts = 0
        self._unnamed = 0
        self._current_name = ""

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda d, s, e: self._add_name(d[s:e]),
            "on_header_value": lambda d, s, e: self._add_value(d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_done,
            "on_part_data": lambda d, s, e: self._data(d[s:e]),
            "on_part_end": self._end,
        }

    def _begin(self) -> None:
        self._disposition = b""
        self._header_name = self._header_value = b""

    def _add_name(self, data: bytes) -> None:
        self._header_name += data
        if len(self._header_name) > MAX_HEADER:
            raise BadForm

    def _add_value(self, data: bytes) -> None:
        self._header_value += data
        if len(self._header_value) > MAX_HEADER:
            raise BadForm

    def _header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = self._header_value = b""

    def _headers_done(self) -> None:
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            if len(self.form.fields) >= MAX_FIELDS:
                raise BadForm
            self._current_name = name
            self._field = bytearray()
            return
        most = self.rules.most(name)
        if most == 0:
            raise BadForm
        if not self.csrf_ok(self.form.fields.get("csrf", "")):
            raise CsrfRefused  # before a single byte of the file is stored
        if len(self.form.files_of(name)) >= most:
            raise TooLarge(f"Kies hoogstens {most} bestanden tegelijk.")
        shown = _display_name(options[b"filename"].decode("utf-8", "replace"))
        self._size = 0
        if not shown:  # an empty file input sends one part without a name: nothing chosen
            self._unnamed += 1
            if self._unnamed > MAX_FIELDS:  # a form has a few file inputs, not hundreds
                raise BadForm
            return  # its data, if any, is read past and never stored
        self._parts += 1
        path = self.folder / f"{self._parts:04d}{_suffix(shown)}"
        self._file = open(path, "xb")  # noqa: SIM115  (closed in _end or close())
        self.form.files.append(Upload(shown, path, name))

    def _data(self, data: bytes) -> None:
        if self._field is not None:
            self._field += data
            if len(self._field) > MAX_FIELD:
                raise BadForm
            return
        self._size += len(data)
        if self._size > file_limit():
            raise TooLarge(too_large_message(self.rules))
        if self._file is not None:
            self._file.write(data)  # type: ignore[attr-defined]

    def _end(self) -> None:
        if self._field is not None:
            self.form.fields[self._current_name] = self._field.decode("utf-8", "replace")
            self._field = None
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()  # type: ignore[attr-defined]
            self._file = None


def _display_name(raw: str) -> str:
    """The file's own name, without a folder some browsers send along, and printable."""
    base = re.split(r"[\\/]", raw)[-1]
    return "".join(c for c in base if c.isprintable())[:200]


def _suffix(name: str) -> str:
    """The extension, so pvs can tell a PDF from a Word file or JSON by name as well."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
