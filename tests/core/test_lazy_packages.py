"""The packages whose names load on first use list each name three times (for the type
checker, for the loader, and in ``__all__``): the three lists must agree."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

LAZY = ["ctcoach.content", "ctcoach.drafts"]


def _type_checking_names(source: str) -> dict[str, str]:
    """Each name imported under ``if TYPE_CHECKING:`` and the module it comes from."""
    names: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.module
                names.update(dict.fromkeys((a.asname or a.name for a in stmt.names), stmt.module))
    return names


@pytest.mark.parametrize("name", LAZY)
def test_every_public_name_is_listed_alike_and_loads_from_its_module(name: str) -> None:
    package = importlib.import_module(name)
    where: dict[str, str] = package._WHERE
    typed = _type_checking_names(inspect.getsource(package))
    assert sorted(package.__all__) == sorted(where) == sorted(typed)
    for public, module in where.items():
        assert typed[public] == f"{name}.{module}"
        assert getattr(package, public) is getattr(importlib.import_module(typed[public]), public)


def test_an_unknown_name_is_an_attribute_error() -> None:
    import ctcoach.drafts

    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        ctcoach.drafts.nothing  # noqa: B018
