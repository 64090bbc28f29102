"""Field paths: `wat_heb_ik_nodig.behoeften.2.wat_helpt` names a value everywhere in pvs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Part = str | int


def join(parts: Iterable[Part]) -> str:
    """Join path parts with dots: ("a", 0, "b") -> "a.0.b"."""
    return ".".join(str(p) for p in parts)


def split(path: str) -> list[Part]:
    """Split a dotted path, turning array indexes back into ints."""
    if not path:
        return []
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def parent(path: str) -> str:
    """The path one level up; the root's parent is the root ("")."""
    return path.rpartition(".")[0]


def lookup(data: Any, path: str) -> Any:
    """The value at `path` in nested dicts and lists, or None when any step is missing."""
    node = data
    for part in split(path):
        in_list = isinstance(part, int) and isinstance(node, list) and part < len(node)
        in_dict = isinstance(part, str) and isinstance(node, dict) and part in node
        if in_list or in_dict:
            node = node[part]
        else:
            return None
    return node
