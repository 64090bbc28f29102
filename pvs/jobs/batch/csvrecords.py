"""The records of a CSV text, each a list of cells, or a BrokenRow where one cannot be read.

csv.reader alone would let one quote that never closes swallow the rest of the export into one
cell; here a record has at most MAX_RECORD_LINES lines, and a broken one costs only itself.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

MAX_RECORD_LINES = 50  # a quoted cell may hold line breaks, but never a whole letter


@dataclass(frozen=True)
class BrokenRow:
    """A row pvs could not read, and why, in Dutch."""

    reason: str


# A line and its ending (\r\n, \n or \r alike), or the last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+\Z")


class _LineFeed:
    """The lines of a text for csv.reader, one record at a time and at most MAX_RECORD_LINES
    for it; it notes when the reader wanted more than there were (a quote that never closes),
    and can give a broken record's lines again, from its second line on."""

    def __init__(self, text: str) -> None:
        self.source = (match.group() for match in _LINE.finditer(text))
        self.again: deque[str] = deque()  # lines to give again before new ones
        self.record: list[str] = []  # the lines given for this record
        self.starved = False

    def begin(self) -> bool:
        """Start a record; False when there are no lines left."""
        self.record, self.starved = [], False
        if not self.again:
            self.again.extend(itertools.islice(self.source, 1))
        return bool(self.again)

    def again_from_second_line(self) -> None:
        self.again.extendleft(reversed(self.record[1:]))

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        line = None if len(self.record) >= MAX_RECORD_LINES else self._line()
        if line is None:
            self.starved = True
            raise StopIteration
        self.record.append(line)
        return line

    def _line(self) -> str | None:
        return self.again.popleft() if self.again else next(self.source, None)


def csv_records(text: str, delimiter: str) -> Iterator[list[str] | BrokenRow]:
    """The records of a CSV text; one that cannot be read becomes a BrokenRow, and reading
    starts again on the line after the one it began on."""
    feed = _LineFeed(text)
    # strict: a quote that "closes" in the middle of a cell (1003;Kees;"Smit, lines after
    # 1001;"Daan) is an error, not the end of one cell that swallowed the pupils in between.
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    while feed.begin():
        try:
            record: list[str] | BrokenRow = next(reader)
        except csv.Error as error:  # a cell over 128 KB, a stray quote, a quote left open
            record = BrokenRow(_csv_problem(str(error)))
        if feed.starved:
            record = BrokenRow(
                'In deze rij opent een aanhalingsteken (") dat nergens sluit. Verbeter de rij in '
                "de export; pvs las verder bij de volgende regel."
            )
        if isinstance(record, BrokenRow):
            feed.again_from_second_line()
            reader = csv.reader(
                feed, delimiter=delimiter, strict=True
            )  # a fresh one, without the broken state
        yield record


def _csv_problem(detail: str) -> str:
    if "field limit" in detail:
        return (
            f"Deze rij heeft een cel van meer dan {csv.field_size_limit() // 1024} kB; zo lang is "
            "geen gegeven van een leerling. Verbeter de rij in de export."
        )
    if "expected after" in detail or "unexpected end of data" in detail:
        return (
            'In deze rij staat een aanhalingsteken (") dat een cel niet goed opent of sluit. '
            "Verbeter de rij in de export; pvs las verder bij de volgende regel."
        )
    return "Deze rij is geen geldige CSV. Verbeter de rij in de export."
