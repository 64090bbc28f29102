"""The text of a document kept once, in order, with ranges into it: for readers of Word and ODT.

Both readers walk the XML once and note where each field's bookmark or control starts and ends.
A range is joined only when it ends, and never further than any field can be long, so the work
grows with the document however many ranges overlap or never close.
"""

from __future__ import annotations

from functools import cache

from pvs.documents.docx.controls import paths_by_bookmark
from pvs.model.versions import KNOWN_VERSIONS, form_model


class TextRanges:
    """The document's text piece by piece, and the fields' bookmark names of every version."""

    def __init__(self) -> None:
        self.bookmarks = _bookmarks()
        self.longest = _longest()
        self.pieces: list[str] = []  # the document's text, piece by piece
        self.last_text = -1  # where the last piece that is more than a line break is
        self.found: dict[str, str] = {}

    def _text_from(self, start: int) -> str:
        """The text from piece `start` on, cut where it is longer than any field holds (the
        check then reports it as too long)."""
        taken: list[str] = []
        size = 0
        for index in range(start, len(self.pieces)):
            taken.append(self.pieces[index])
            size += len(self.pieces[index])
            if size > self.longest:
                break
        return "".join(taken)[: self.longest].rstrip("\n")

    def _add(self, text: str) -> None:
        if text.strip("\n"):
            self.last_text = len(self.pieces)
        self.pieces.append(text)


@cache
def _bookmarks() -> dict[str, str]:
    """The path of every field's bookmark name, in any version pvs reads (names are hashes of
    paths, so each name means one path in every version)."""
    return {b: p for v in KNOWN_VERSIONS for b, p in paths_by_bookmark(v).items()}


@cache
def _longest() -> int:
    """Five times the longest text a field may hold: enough to see that a text is too long."""
    return 5 * max(f.max_length or 0 for v in KNOWN_VERSIONS for f in form_model(v).fields)
