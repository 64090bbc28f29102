"""The house keeps its floors: arrows point down, the CLI uses only the front door."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "pvs"
GROUND = {"budget", "errors", "limits", "output", "resources"}
# Each floor may import from the floors before it in this list, never from those after it.
FLOORS = ["model", "checking", "documents", "jobs", "api", "web", "cli"]


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Every `from pvs... import names` and `import pvs...` in a module, also inside functions."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pvs"):
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            yield from ((a.name, []) for a in node.names if a.name.startswith("pvs"))


def floor(module: str) -> str:
    """The floor of a dotted module name: 'pvs.documents.pdf.render' -> 'documents'."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__init__":
        return "api"  # the package itself is the front door
    if parts[1] == "__main__":
        return "cli"  # `python -m pvs` is the command line
    return "ground" if parts[1] in GROUND else parts[1]


def dotted(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_and_never_at_private_names(path: Path) -> None:
    here = floor(dotted(path))
    package = dotted(path.parent)
    for module, names in imports(path):
        there = floor(module)
        if here == "ground":
            assert there == "ground", f"{path.name} imports {module}"
        elif there != "ground":
            assert FLOORS.index(there) <= FLOORS.index(here), f"{path.name} imports {module}"
        private = [n for n in names if n.startswith("_")]
        assert module.startswith(package) or not private, f"{path.name}: {module} {private}"


def test_the_cli_uses_only_the_front_door() -> None:
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        for module, _ in imports(path):
            allowed = module in ("pvs", "pvs.web.server")  # `pvs web` starts the web page
            assert allowed or module.startswith("pvs.cli"), f"{path.name}: {module}"


def test_the_web_page_uses_only_the_front_door_and_the_limits() -> None:
    for path in sorted((PACKAGE / "web").rglob("*.py")):
        for module, _ in imports(path):
            allowed = module in ("pvs", "pvs.limits")  # uploads are bounded by pvs's limits
            assert allowed or module.startswith("pvs.web"), f"{path.name}: {module}"


def test_the_ground_floor_holds_only_what_everything_shares() -> None:
    shared = {p.stem for p in PACKAGE.glob("*.py")}
    assert shared == GROUND | {"__init__", "__main__", "api"}
