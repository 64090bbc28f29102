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


def assemble(values: dict[str, Any]) -> dict[str, Any]:
    """Nested data from values by path; array slots become lists in slot order, gaps closed.

    {"a.b": 1, "c.2.d": 2} -> {"a": {"b": 1}, "c": [{"d": 2}]}
    """
    tree: dict[str, Any] = {}
    for path, value in values.items():
        node = tree
        parts = split(path)
        for part in parts[:-1]:
            node = node.setdefault(str(part), {})
        node[str(parts[-1])] = value
    return _lists(tree)


def _lists(node: Any) -> Any:
    """Turn dicts keyed by slot numbers into lists, in slot order."""
    if not isinstance(node, dict):
        return node
    converted = {key: _lists(value) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted
