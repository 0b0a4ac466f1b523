"""Typed base classes for the app's screens: the coach, safe saving, store refreshes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from ctcoach.coach import Coach
from ctcoach.store import StoreError

if TYPE_CHECKING:
    from ctcoach.tui.app import CoachApp

T = TypeVar("T")


def coach_app(node: DOMNode) -> CoachApp:
    """The app ``node`` runs in; ctcoach's screens only ever run in :class:`CoachApp`."""
    return cast("CoachApp", node.app)


@contextlib.contextmanager
def saving(node: DOMNode) -> Iterator[None]:
    """Run a save; if the store refuses, say why and keep what is on screen."""
    try:
        yield
    except StoreError as exc:
        node.app.notify(f"Not saved: {exc}", title="Could not save", severity="error", markup=False)


def still_open(node: DOMNode, action: str) -> bool:
    """No key does anything once the app is on its way out (q, then a key at once)."""
    return not getattr(node.app, "leaving", False)


class CoachScreen(Screen[T]):
    """A full screen of the coach."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return still_open(self, action) and super().check_action(action, parameters)

    @property
    def coach(self) -> Coach:
        return coach_app(self).coach

    def saving(self) -> contextlib.AbstractContextManager[None]:
        return saving(self)

    def refresh_data(self) -> None:
        """Show the store's newest data; screens that show stored data override this."""


class CoachModal(ModalScreen[T]):
    """A dialog of the coach."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return still_open(self, action) and super().check_action(action, parameters)

    @property
    def coach(self) -> Coach:
        return coach_app(self).coach

    def saving(self) -> contextlib.AbstractContextManager[None]:
        return saving(self)
