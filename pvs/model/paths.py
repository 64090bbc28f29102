"""Field paths: `wat_heb_ik_nodig.behoeften.2.wat_helpt` names a value everywhere in pvs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import Any, TypeVar

Part = str | int
T = TypeVar("T")


class _Drop(Enum):
    DROP = "drop"


DROP = _Drop.DROP  # returned by a `transform` visitor: leave this value out
Visitor = Callable[[str, Any], Any]


def join(parts: Iterable[Part]) -> str:
    """Join path parts with dots: ("a", 0, "b") -> "a.0.b"."""
    return ".".join(str(p) for p in parts)


def split(path: str) -> list[Part]:
    """Split a dotted path, turning array indexes back into ints."""
    if not path:
        return []
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def child(path: str, part: Part) -> str:
    """The path one level down: ("a.0", "b") -> "a.0.b"; below the root ("") just the part."""
    return f"{path}.{part}" if path else str(part)


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


def lookup_as(data: Any, path: str, kind: type[T]) -> T | None:
    """The value at `path` when it is a `kind`, else None.

    Data read from a file can hold anything anywhere: a value of the wrong type counts as
    absent, and `pvs check` reports it. True and False are no numbers here.
    """
    value = lookup(data, path)
    if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
        return value
    return None


def records(data: Any, path: str) -> list[dict[str, Any]]:
    """The items of the list at `path` that are objects; anything else counts as absent."""
    items = lookup(data, path)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def walk(data: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar in nested dicts and lists with its path, in the order the data holds them."""
    if isinstance(data, dict | list):
        for part, value in _entries(data):
            yield from walk(value, child(path, part))
    else:
        yield path, data


def transform(data: Any, visit: Visitor, path: str = "") -> Any:
    """A copy of nested data with each value below the root replaced by `visit(path, value)`.

    Inner values go first, so `visit` sees a dict or list already rebuilt and can judge it by
    what is left in it. Where `visit` returns DROP the value is left out: a dict loses the key, a
    list closes up. The root itself is rebuilt, never visited.
    """
    if not isinstance(data, dict | list):
        return data
    kept: dict[Part, Any] = {}
    for part, value in _entries(data):
        here = child(path, part)
        new = visit(here, transform(value, visit, here))
        if new is not DROP:
            kept[part] = new
    return kept if isinstance(data, dict) else list(kept.values())


def _entries(data: dict[str, Any] | list[Any]) -> Iterable[tuple[Part, Any]]:
    return data.items() if isinstance(data, dict) else enumerate(data)


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
