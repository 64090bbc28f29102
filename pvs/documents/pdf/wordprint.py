"""Read a PDF made from the Word passport (saved or printed as PDF by Word or LibreOffice).

Such a PDF has no form fields and none of the PDF form's boxes: the Word document prints, per
section, its title and help, then per field its title, its help and its value, one paragraph
each (see `pvs.documents.docx.render.template_context`). The form model therefore says which
texts the pages must show, in which order; the value of a field is whatever stands between its
own title or help and the next text the model expects.

The page text is aligned with that expected sequence as a whole (every alignment that fits the
complete document is considered, not just the first that fits), so a pupil who writes a label's
words inside a value cannot shift the others. A value is vouched for only when exactly one
alignment places it, every character has a real text mapping, and the line breaks inside it
can be told apart (a printed page loses the pupil's line breaks: a value's lines are joined
with spaces). Anything else is read as a doubt, never as a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from pdfplumber.page import Page as PlumberPage

from pvs.documents.docx.controls import CHECKED, UNCHECKED, is_placeholder
from pvs.documents.extraction import ValueCollector
from pvs.documents.pdf.flattened import UNMAPPED_DOUBT, UNMAPPED_NOTE, _library_errors
from pvs.documents.wording import INTRO_TEXT, YES_NO_LABELS
from pvs.errors import UnreadableFile
from pvs.model.formmodel import Field, Group, Kind
from pvs.model.versions import form_model

PRINTED_WORD = "afgedrukt-word"
# "Paspoort voor Succes · schemaversie 1.1 · formulier PVS-… · pagina 3"; the PDF form's footer
# says "opmaak N" instead of "formulier … · pagina N".
WORD_FOOTER = re.compile(
    r"Paspoort voor Succes\W{0,5}schemaversie ([0-9][0-9A-Za-z.]*)\W{0,5}formulier\b.{0,80}?"
    r"\W{0,5}pagina\s*\d+\s*$"
)
TITLE = "Paspoort voor Succes"
_UNMAPPED = re.compile(r"\(cid:\d+\)|\ufffd")
# Where Word and LibreOffice may break a line without a space: the space cannot be known.
_BREAK_WITHOUT_SPACE = ("-", "/", "\u2010", "\u2011", "\u2013", "\u2014", "\u00ad")
# A line with no space that reaches this close to the right margin was broken inside a word.
_FULL_LINE = 24.0
_SPACE = 6.0  # wider than a space in any size a passport's text is set in
AMBIGUOUS_DOUBT = (
    "niet zeker gelezen: de tekst van dit veld lijkt op de kopjes van het paspoort, dus pvs "
    "weet niet precies waar het antwoord begint of eindigt."
)
BROKEN_WORD_DOUBT = (
    "niet zeker gelezen: het antwoord loopt over meer regels en pvs kan niet zien of er op de "
    "regelovergang een spatie stond."
)
NOT_AN_OPTION_DOUBT = "niet zeker gelezen: wat er staat is geen keuze van dit veld."
EXTRA_TEXT_DOUBT = (
    "niet zeker gelezen: onder het antwoord staat nog een regel tekst die niet bij dit veld "
    "lijkt te horen (is het document aangepast?)."
)
MISSING_DOUBT = "niet gelezen: pvs vond dit veld niet op de pagina."
NOT_ALIGNED = (
    "{name} is een Word-paspoort dat als PDF is opgeslagen of afgedrukt, maar de tekst op de "
    "pagina's past niet bij het paspoort van schemaversie {version}: misschien is het document "
    "aangepast. Vraag de jongere om het Word-document (.docx) zelf te sturen."
)
NO_TEXT_MAPPING = (
    "{name} is een Word-paspoort dat als PDF is opgeslagen of afgedrukt, maar het programma "
    "dat de PDF maakte liet de tekstcodering weg, zodat pvs de tekst niet kan lezen. Vraag de "
    "jongere om het Word-document (.docx) zelf te sturen."
)
_PLAIN_GROUPS = {"1.0"}  # schema versions whose Word document printed groups without help
MAX_LINES = 20_000  # a passport prints a few hundred lines; far more is not one


@dataclass(frozen=True)
class _Line:
    text: str
    x1: float
    right: float  # the rightmost text in the document: where the margin is
    first_word: float  # how wide the line's first word is


@dataclass(frozen=True)
class _Fixed:
    """A text the Word document always prints (a title, a help text), spaces removed."""

    text: str


@dataclass(frozen=True)
class _Value:
    field: Field


_Token = _Fixed | _Value


def word_print_version(pages: Sequence[PlumberPage], name: str) -> str | None:
    """The schema version in a Word passport's page footer; None when the PDF is not one."""
    if not pages:
        return None
    with _library_errors(name):
        text = pages[0].extract_text() or ""
    for line in text.splitlines():
        match = WORD_FOOTER.search(line.strip())
        if match:
            return match.group(1)
    return None


def read_word_print(
    pages: Sequence[PlumberPage], version: str, name: str, collector: ValueCollector
) -> None:
    """Read every field of schema `version` from a PDF made from the Word passport."""
    lines = list(_page_lines(pages, name))
    tokens = list(_expected(version))
    ranges = _align(tokens, lines)
    if ranges is None:
        if any(_UNMAPPED.search(line.text) for line in lines):
            raise UnreadableFile(NO_TEXT_MAPPING.format(name=name))
        raise UnreadableFile(NOT_ALIGNED.format(name=name, version=version))
    unmapped = False
    for field, spans in ranges:
        if len(spans) != 1:
            collector.doubt(field, AMBIGUOUS_DOUBT if spans else MISSING_DOUBT)
            continue
        start, end = spans[0]
        value = lines[start:end]
        text = " ".join(line.text for line in value)
        if _UNMAPPED.search(text):
            unmapped = True
            collector.doubt(field, UNMAPPED_DOUBT)
            continue
        raw, doubt = _raw(field, value, text)
        if doubt:  # a value pvs cannot vouch for is named, not presented as read
            collector.doubt(field, doubt)
        else:
            collector.add(field, raw, PRINTED_WORD)
    if unmapped:
        collector.note("", UNMAPPED_NOTE)


def _page_lines(pages: Sequence[PlumberPage], name: str) -> Iterator[_Line]:
    """Every line of text in reading order, without pvs's footer and without what a school
    added to the page header or footer (the same text at the same place on every page)."""
    found = []
    for page in pages:
        with _library_errors(name):
            found.append(page.extract_text_lines(strip=True))
    if sum(len(lines) for lines in found) > MAX_LINES:
        raise UnreadableFile(
            f"{name} heeft veel meer tekst dan een afgedrukt paspoort ooit heeft (meer dan "
            f"{MAX_LINES} regels). Is het wel een paspoort? Vraag de jongere om het Word-document "
            "of het PDF-formulier zelf te sturen."
        )
    running = _running(found)
    kept = [
        line
        for lines in found
        for line in lines
        if str(line["text"]).strip()
        and not WORD_FOOTER.search(" ".join(str(line["text"]).split()))
        and _place(line) not in running
    ]
    right = max((float(line["x1"]) for line in kept), default=0.0)
    for line in kept:
        text = " ".join(str(line["text"]).split())
        yield _Line(text, float(line["x1"]), right, _first_word(line))


def _first_word(line: dict[str, Any]) -> float:
    chars = line.get("chars") or []
    end = next((c for c in chars if not str(c["text"]).strip()), None)
    word = chars[: chars.index(end)] if end is not None else chars
    return float(word[-1]["x1"]) - float(word[0]["x0"]) if word else 0.0


def _place(line: dict[str, Any]) -> tuple[str, int, int]:
    return " ".join(str(line["text"]).split()), round(float(line["top"])), round(line["x0"])


def _running(pages: list[list[dict[str, Any]]]) -> set[tuple[str, int, int]]:
    """Lines that stand at the same place on every page (three or more): a running header."""
    if len(pages) < 3:
        return set()
    places = [{_place(line) for line in lines} for lines in pages]
    return set.intersection(*places)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _expected(version: str) -> Iterator[_Token]:
    """What the Word document of schema `version` prints, in order (see template_context)."""
    model = form_model(version)
    yield _Fixed(_squeeze(TITLE))
    yield _Fixed(_squeeze(INTRO_TEXT))
    for section in model.document_sections():
        yield _Fixed(_squeeze(section.title))
        if section.description:
            yield _Fixed(_squeeze(section.description))
        yield from _entries(section, True, version)


def _entries(group: Group, show_help: bool, version: str) -> Iterator[_Token]:
    """A group's titles, help texts and values in reading order, as `docx.render._items`
    prints them (help only in a part's first slot). Schema 1.0's Word document printed no
    heading or help above a repeating part's slots, and no help under a group's heading."""
    part_heads = version not in _PLAIN_GROUPS
    for child in group.children:
        if isinstance(child, Field):
            yield _Fixed(_squeeze(child.title))
            if show_help and child.description:
                yield _Fixed(_squeeze(child.description))
            yield _Value(child)
            continue
        if child.max_slots is None or part_heads:
            yield _Fixed(_squeeze(child.title))
            if part_heads and show_help and child.description:
                yield _Fixed(_squeeze(child.description))
        if child.max_slots is None:
            yield from _entries(child, show_help, version)
            continue
        for slot in child.children:
            assert isinstance(slot, Group)
            yield _Fixed(_squeeze(slot.title))
            yield from _entries(slot, show_help and slot.slot == 0, version)


def _align(
    tokens: list[_Token], lines: list[_Line]
) -> list[tuple[Field, list[tuple[int, int]]]] | None:
    """For every field, the (first line, end line) its value takes in a complete alignment of
    the expected tokens with the page lines: one when it is certain, two or more when it is not
    (no more than two are looked for), none when no alignment fits at all (then None)."""
    squeezed = [_squeeze(line.text) for line in lines]
    count = len(lines)
    places: dict[str, dict[int, int]] = {}  # text -> {first line: end line} where it stands

    def matches(text: str) -> dict[int, int]:
        if text not in places:
            found = {}
            for at, line in enumerate(squeezed):
                if line and text.startswith(line):
                    end = _match(text, squeezed, at)
                    if end is not None:
                        found[at] = end
            places[text] = found
        return places[text]

    # forward[k]: where the lines may stand after the first k tokens.
    forward: list[set[int]] = [{0}]
    for token in tokens:
        before = forward[-1]
        if isinstance(token, _Fixed):
            where = matches(token.text)
            after = {where[at] for at in before if at in where}
        else:
            low = min(before, default=count + 1) + _least_lines(token.field)
            after = set(range(low, count + 1))
        if not after:
            return None
        forward.append(after)
    # backward[k]: where tokens k.. may start, after the first k, and still use up every line.
    backward: list[set[int]] = [set() for _ in tokens] + [{count} & forward[-1]]
    for k in range(len(tokens) - 1, -1, -1):
        token, later = tokens[k], backward[k + 1]
        if isinstance(token, _Fixed):
            where = matches(token.text)
            backward[k] = {at for at in forward[k] if at in where and where[at] in later}
        else:
            high = max(later, default=-1) - _least_lines(token.field)
            backward[k] = {at for at in forward[k] if at <= high}
        if not backward[k]:
            return None
    found = []
    for k, token in enumerate(tokens):
        if isinstance(token, _Value):
            least = _least_lines(token.field)
            ends = sorted(backward[k + 1])
            spans: list[tuple[int, int]] = []
            for start in sorted(backward[k]):
                first = bisect_left(ends, start + least)
                spans += [(start, end) for end in ends[first : first + 2]]
                if len(spans) > 1:
                    break
            found.append((token.field, spans))
    return found


def _match(text: str, squeezed: list[str], at: int) -> int | None:
    """Where `text` ends when it starts at line `at` (it may wrap over lines), else None."""
    sofar = ""
    for index in range(at, len(squeezed)):
        sofar += squeezed[index]
        if sofar == text:
            return index + 1
        if not text.startswith(sofar):
            return None
    return None


def _least_lines(field: Field) -> int:
    """A field left empty prints blank lines (room to write by hand), which hold no text; a
    tick box prints its box; a choice its options."""
    return 1 if field.kind in (Kind.CHECKBOX, Kind.CHOICE, Kind.YES_NO) else 0


def _raw(field: Field, value: list[_Line], text: str) -> tuple[Any, str | None]:
    """The raw value for the collector, and why it cannot be vouched for (None: it can)."""
    if not value or is_placeholder(field, text):
        return None, None
    if field.kind == Kind.CHECKBOX:
        if text == CHECKED:
            return "Yes", None
        return None, (None if text == UNCHECKED else NOT_AN_OPTION_DOUBT)
    if field.kind == Kind.YES_NO:
        labels = {label: answer for answer, label in YES_NO_LABELS.items()}
        if text in labels:
            return ("Ja" if labels[text] else "Nee"), None
        return text, NOT_AN_OPTION_DOUBT
    if field.kind == Kind.CHOICE:
        if text in {option.label for option in field.options}:
            return text, None
        return text, NOT_AN_OPTION_DOUBT
    for line, following in pairwise(value):
        if line.text.endswith(_BREAK_WITHOUT_SPACE) or (
            " " not in line.text and line.x1 > line.right - _FULL_LINE
        ):
            return text, BROKEN_WORD_DOUBT
        # A short text is one paragraph: it goes on to a new line only when the next word
        # does not fit. A line that ended early is text that does not belong to this field.
        wrapped = line.x1 + _SPACE + following.first_word > line.right - _FULL_LINE
        if field.kind != Kind.LONG_TEXT and not wrapped:
            return text, EXTRA_TEXT_DOUBT
    return text, None
