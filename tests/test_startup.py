"""`pvs --help` loads click and pvs, not the heavy libraries: commands import those when run.

A behaviour test: it checks which modules get imported (`python -X importtime`), never how
long that takes. The rule it holds is in pvs/cli/__init__.py.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pvs.cli import cli

# The libraries that make start-up slow, and the ones they bring along. Not jsonschema:
# `import pvs` loads it at start-up today, for pvs.checking.
HEAVY = {
    "pikepdf",
    "reportlab",
    "pdfplumber",
    "pdfminer",
    "docxtpl",
    "docx",
    "openpyxl",
    "fontTools",
    "lxml",
    "PIL",
    "jinja2",
}
Imports = list[tuple[int, str]]


def imports_of_pvs(*args: str) -> Imports:
    """What `pvs *args` imports, with each module's depth, in importtime's order."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pvs", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Gebruik: pvs")
    return parse(result.stderr)


def parse(importtime: str) -> Imports:
    """(depth, module) per line "import time: self | cumulative | <2 spaces a level>module"."""
    lines = [line for line in importtime.splitlines() if line.startswith("import time:")]
    names = [line.split("|")[2] for line in lines if "[us]" not in line]
    return [((len(name) - len(name.lstrip()) - 1) // 2, name.strip()) for name in names]


def importers(found: Imports, index: int) -> list[str]:
    """The module at `index`, then what imported it, and so on up to the top.

    importtime lists a module after the modules it imported, so its importer is the next line
    one level less deep.
    """
    depth, chain = found[index][0], [found[index][1]]
    for level, name in found[index + 1 :]:
        if level < depth:
            depth, chain = level, [*chain, name]
    return chain


def is_heavy(module: str) -> bool:
    return module.split(".")[0] in HEAVY


def heavy_chains(found: Imports) -> list[str]:
    """Each heavy library, once, with the modules that imported it first, up to the top."""
    chains: dict[str, str] = {}
    for index, (_, name) in enumerate(found):
        if is_heavy(name):
            # A library's own modules importing each other shorten to the library's name.
            links = [m.split(".")[0] if is_heavy(m) else m for m in importers(found, index)]
            chain = [m for i, m in enumerate(links) if i == 0 or m != links[i - 1]]
            chains.setdefault(chain[0], " <- ".join(chain))
    return list(chains.values())


HELPS = [("--help",), *((command, "--help") for command in cli.commands)]


@pytest.mark.parametrize("args", HELPS, ids=" ".join)
def test_help_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    found = imports_of_pvs(*args)
    assert "click" in {name for _, name in found}  # the parse found imports at all
    chains = heavy_chains(found)
    assert not chains, (
        f"`pvs {' '.join(args)}` imports heavy libraries (heavy <- importer <- ...): "
        f"{'; '.join(chains)}. Import them inside the function that needs them, as "
        "pvs/cli/__init__.py says."
    )


def test_the_failure_names_who_imported_the_heavy_library() -> None:
    importtime = """\
import time: self [us] | cumulative | imported package
import time:       100 |        100 |         pikepdf._core
import time:       100 |        200 |       pikepdf
import time:       100 |        100 |             PIL
import time:       100 |        100 |           reportlab
import time:       100 |        200 |         reportlab.lib
import time:       100 |        100 |         reportlab.pdfgen
import time:       100 |        500 |       pvs.documents.pdf.draw
import time:       100 |        800 |     pvs.documents.pdf.render
import time:       100 |        100 |     click
import time:       100 |       1000 |   pvs.cli.passports
import time:       100 |       1100 | pvs.cli
"""
    assert heavy_chains(parse(importtime)) == [
        "pikepdf <- pvs.documents.pdf.render <- pvs.cli.passports <- pvs.cli",
        "PIL <- reportlab <- pvs.documents.pdf.draw <- pvs.documents.pdf.render <- "
        "pvs.cli.passports <- pvs.cli",
        "reportlab <- pvs.documents.pdf.draw <- pvs.documents.pdf.render <- pvs.cli.passports "
        "<- pvs.cli",
    ]
