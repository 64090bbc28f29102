"""Find what breaks docxtpl templates edited in Word, with paragraph number and text.

Word splits text into runs as it pleases (spell check, a change of font, a pasted word), and a
tag split over two runs no longer renders; autocorrect turns straight quotes into curly ones;
an edited loop may lose its end tag; a retyped variable may no longer exist.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import jinja2
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from jinja2 import nodes

from pvs.documents.archive import open_archive, read_member
from pvs.documents.docx.render import template_context
from pvs.documents.files import BROKEN_ZIP, RESAVE_WORD, WORD_FILE, read_bytes, unreadable
from pvs.jobs.handover.content import build_handover
from pvs.jobs.plan.catalogue import load_catalogue
from pvs.jobs.plan.content import build_plan
from pvs.resources import data_dir

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_OPENERS = re.compile(r"\{\{|\{%")
_CURLY = set("‘’‚“”„«»")
_BLOCKS = {"for": "endfor", "if": "endif"}
_DOCXTPL_PREFIX = re.compile(r"^(?:p|r|tr|tc)\s+")  # {%p, {{r, {%tr, {%tc: docxtpl's own


@dataclass(frozen=True)
class TemplateProblem:
    paragraph: int  # 1-based, in document order (headers and footers after the body)
    text: str
    message: str

    def __str__(self) -> str:
        return f"alinea {self.paragraph} ('{self.text}'): {self.message}"


def check_template(path: Path, context: dict[str, Any]) -> list[TemplateProblem]:
    """Every problem in the template at `path`, given a sample of the data it is rendered with."""
    problems: list[TemplateProblem] = []
    blocks: list[tuple[str, int, str]] = []
    scopes: dict[str, Any] = {}
    for number, (runs, text) in enumerate(_paragraphs(path), start=1):
        short = text if len(text) <= 70 else text[:67] + "..."

        def report(message: str, number: int = number, short: str = short) -> None:
            problems.append(TemplateProblem(number, short, message))

        _check_runs(runs, text, report)
        for tag in _TAG.findall(text):
            if _CURLY & set(tag):
                report(f"de tag {tag} bevat gekrulde aanhalingstekens; typ rechte (' of \").")
                continue
            _check_block(tag, number, short, blocks, report)
            _check_names(tag, context, scopes, report)
    for keyword, number, short in blocks:
        problems.append(
            TemplateProblem(
                number,
                short,
                f"'{{% {keyword} %}}' wordt nergens afgesloten met '{{% {_BLOCKS[keyword]} %}}'.",
            )
        )
    return problems


def _paragraphs(path: Path) -> Iterator[tuple[list[str], str]]:
    """The run texts and full text of every paragraph in the body, headers and footers."""
    for root in _parts(path):
        for paragraph in root.iter(f"{W}p"):
            runs = [
                "".join(t.text or "" for t in run.iter(f"{W}t")) for run in paragraph.iter(f"{W}r")
            ]
            yield runs, "".join(runs)


def _parts(path: Path) -> list[Element]:
    """The body, headers and footers of the Word document at `path`, parsed."""
    content, name = read_bytes(path), str(path)
    try:
        with open_archive(content, name, WORD_FILE, RESAVE_WORD) as archive:
            extra = [n for n in archive.namelist() if re.match(r"word/(header|footer)\d*\.xml$", n)]
            names = ["word/document.xml", *sorted(extra)]
            return [fromstring(read_member(archive, n, name), forbid_dtd=True) for n in names]
    except (*BROKEN_ZIP, ParseError, DefusedXmlException):
        raise unreadable(str(path), WORD_FILE, RESAVE_WORD) from None


def _check_runs(runs: list[str], text: str, report: Any) -> None:
    starts = []
    position = 0
    for run in runs:
        starts.append(position)
        position += len(run)
    for match in _TAG.finditer(text):
        first = max(i for i, s in enumerate(starts) if s <= match.start())
        last = max(i for i, s in enumerate(starts) if s < match.end())
        if first != last:
            report(
                f"de tag {match.group(0)} is in Word over {last - first + 1} stukken tekst "
                "verdeeld; typ de tag opnieuw in één keer, of plak hem als platte tekst."
            )
    covered = _TAG.sub("", text)
    if _OPENERS.search(covered):
        report("hier begint een tag die niet wordt afgesloten met }} of %}.")


def _check_block(
    tag: str, number: int, short: str, blocks: list[tuple[str, int, str]], report: Any
) -> None:
    if not tag.startswith("{%"):
        return
    words = _body(tag).split()
    keyword = words[0] if words else ""
    if keyword in _BLOCKS:
        blocks.append((keyword, number, short))
    elif keyword in _BLOCKS.values():
        if blocks and _BLOCKS[blocks[-1][0]] == keyword:
            blocks.pop()
        else:
            report(f"'{{% {keyword} %}}' sluit niets af: er is geen bijpassend begin.")
    elif keyword in ("elif", "else") and not any(b[0] == "if" for b in blocks):
        report(f"'{{% {keyword} %}}' staat buiten een '{{% if %}}'.")


def _body(tag: str) -> str:
    """A tag without its braces and docxtpl prefix: '{%tr for a in b %}' -> 'for a in b'."""
    return _DOCXTPL_PREFIX.sub("", tag[2:-2].strip())


def _expression(tag: str) -> tuple[str | None, str]:
    """(loop variable, expression) for `{% for x in e %}`; (None, expression) otherwise."""
    body = _body(tag)
    if tag.startswith("{{"):
        return None, body
    match = re.match(r"for\s+(\w+)\s+in\s+(.+)$", body)
    if match:
        return match.group(1), match.group(2)
    match = re.match(r"(?:el)?if\s+(.+)$", body)
    return (None, match.group(1)) if match else (None, "")


def _check_names(tag: str, context: dict[str, Any], scopes: dict[str, Any], report: Any) -> None:
    if tag.startswith("{#"):
        return
    target, expression = _expression(tag)
    if not expression:
        return
    try:
        tree = jinja2.Environment().parse("{{ " + expression + " }}")
    except jinja2.TemplateSyntaxError:
        report(f"de tag {tag} is geen geldige template-code.")
        return
    chains = sorted({tuple(c) for c in _chains(tree)}, key=len, reverse=True)
    messages = dict.fromkeys(m for c in chains if (m := _resolve(list(c), context, scopes)))
    for message in messages:
        report(message)
    if target:
        value = _lookup(list(chains[0]), context, scopes) if chains else None
        scopes[target] = _item_shape(value) if isinstance(value, list) else value


def _chains(tree: nodes.Node) -> Iterator[list[str]]:
    """Each variable with its attributes, outermost first: a.b.c -> ["a", "b", "c"]."""
    for node in tree.find_all((nodes.Getattr, nodes.Name)):
        if isinstance(node, nodes.Name) and node.ctx == "load":
            yield [node.name]
    for node in tree.find_all(nodes.Getattr):
        chain = [node.attr]
        inner = node.node
        while isinstance(inner, nodes.Getattr):
            chain.insert(0, inner.attr)
            inner = inner.node
        if isinstance(inner, nodes.Name):
            yield [inner.name, *chain]


def _item_shape(items: list[Any]) -> Any:
    """What one item of a list may hold: the union of the keys of all its items."""
    merged: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict):
            return item
        for key, value in item.items():
            if isinstance(merged.get(key), dict) and isinstance(value, dict):
                merged[key] = {**value, **merged[key]}
            elif merged.get(key) is None or (isinstance(value, list) and value):
                merged[key] = value
    return merged


def _lookup(chain: list[str], context: dict[str, Any], scopes: dict[str, Any]) -> Any:
    if not chain:
        return None
    value: Any = scopes.get(chain[0], context.get(chain[0]))
    for attr in chain[1:]:
        value = value.get(attr) if isinstance(value, dict) else None
    return value


def _resolve(chain: list[str], context: dict[str, Any], scopes: dict[str, Any]) -> str | None:
    root = chain[0]
    if root not in context and root not in scopes:
        return f"de variabele '{root}' bestaat niet in dit template."
    value: Any = scopes.get(root, context.get(root))
    for depth, attr in enumerate(chain[1:], start=1):
        if isinstance(value, dict):
            if attr not in value:
                name = ".".join(chain[: depth + 1])
                return f"de variabele '{name}' bestaat niet."
            value = value[attr]
        else:
            return None
    return None


def template_kind(path: Path) -> str:
    """Which document a template is for, from its file name: 'ondersteuningsplan',
    'overdracht' or 'paspoort'."""
    name = path.name.lower()
    if "overdracht" in name:
        return "overdracht"
    return "ondersteuningsplan" if "plan" in name else "paspoort"


@cache
def sample_contexts() -> dict[str, dict[str, Any]]:
    """Example data for each shipped template, to know which variables exist; made once, since
    every template checked asks for it and it builds a whole plan."""
    passport = json.loads((data_dir("samples") / "10-daan-van-den-berg.json").read_text("utf-8"))
    return {
        "paspoort": template_context(),
        "ondersteuningsplan": build_plan(passport, load_catalogue(), plan_date=date(2027, 3, 1)),
        "overdracht": _handover_sample(),
    }


def _handover_sample() -> dict[str, Any]:
    """A handover to the receiver who reads the most, so every variable is there."""
    work = json.loads((data_dir("samples") / "05-stefan-popescu.json").read_text("utf-8"))
    return build_handover(work, receiver="doorwerkcoach", handover_date=date(2027, 3, 1))
