"""TOML values that know where they came from, and the error a broken pack raises."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

T = TypeVar("T")

ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")


class ContentError(Exception):
    """A content pack is broken. ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Node:
    """A TOML value with its location, for reading with precise error messages."""

    def __init__(self, value: Any, file: str, path: str, errors: list[str]) -> None:
        self.value = value
        self.file = file
        self.path = path
        self.errors = errors

    def error(self, message: str, key: str | None = None) -> None:
        where = self._join(key) if key is not None else self.path
        self.errors.append(
            f"{self.file}: {where}: {message}" if where else f"{self.file}: {message}"
        )

    def _join(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def child(self, key: str, value: Any) -> Node:
        return Node(value, self.file, self._join(key), self.errors)

    def is_table(self) -> bool:
        """True for a table; otherwise the error is recorded."""
        if not isinstance(self.value, dict):
            self.error("must be a table")
            return False
        return True

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.value:
            if key not in allowed:
                self.error(f"unknown key (allowed: {', '.join(sorted(allowed))})", key)

    def get(self, key: str, kind: type[T], default: T | None = None, required: bool = True) -> T:
        if key not in self.value:
            if required and default is None:
                self.error("missing", key)
            return default  # type: ignore[return-value]
        value = self.value[key]
        if kind is int and isinstance(value, bool):
            self.error(f"must be a whole number, not {value!r}", key)
            return default  # type: ignore[return-value]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind):
            self.error(f"must be {_kind_name(kind)}, not {type(value).__name__}", key)
            return default  # type: ignore[return-value]
        if isinstance(value, str) and not value.strip():
            self.error("must not be empty", key)
        return value  # type: ignore[no-any-return]

    def text(self, key: str, required: bool = True) -> str:
        return self.get(key, str, default=None if required else "", required=required) or ""

    def ident(self, key: str = "id") -> str:
        value = self.text(key)
        if value and not set(value) <= ID_CHARS:
            self.error(f"'{value}' may use only a-z, 0-9, '_' and '-'", key)
        return value

    def strings(self, key: str, required: bool = True) -> tuple[str, ...]:
        items = self.get(key, list, default=None if required else [], required=required) or []
        out: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.error("must be a non-empty string", f"{key}[{i}]")
            else:
                out.append(item)
        return tuple(out)

    def subtables(self, key: str) -> Iterator[tuple[str, Node]]:
        """``key = { name = { ... }, ... }``: each (name, table), reporting what is not a table."""
        value = self.get(key, dict, default={}, required=False) or {}
        holder = self.child(key, value)
        for name, item in value.items():
            node = holder.child(name, item)
            if not isinstance(item, dict):
                node.error("must be a table")
                continue
            yield name, node

    def tables(self, key: str) -> Iterator[Node]:
        items = self.get(key, list, default=[], required=False) or []
        for i, item in enumerate(items):
            node = self.child(f"{key}[{i}]", item)
            if not isinstance(item, dict):
                node.error("must be a table")
                continue
            yield node


def _kind_name(kind: type) -> str:
    return {
        str: "a string",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a table",
    }.get(kind, kind.__name__)
