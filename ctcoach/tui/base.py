"""Typed base classes for the app's screens: the coach, safe saving, store refreshes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.app import App
from textual.dom import DOMNode
from textual.events import ScreenResume
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from ctcoach.errors import StoreError
from ctcoach.tui.confirm import ask
from ctcoach.tui.keys import MODAL_KEYS

if TYPE_CHECKING:
    import datetime as dt

    from ctcoach.coach import Coach
    from ctcoach.records import Snapshot
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


def preload_css(app: App[Any], module: ModuleType) -> None:
    """Parse the default styles of the widgets ``module`` defines or imports, as Textual
    does when the first of each kind is mounted: opening the screen then waits for none
    of them. Only speed depends on it (it reads Textual's own list of a widget's styles;
    a Textual without that list skips it)."""
    stylesheet = app.stylesheet
    try:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Widget):
                # the list needs an instance only for its class: a bare one, never mounted
                for source, css, tie_breaker, scope in value.__new__(value)._get_default_css():
                    stylesheet.add_source(
                        css, source, is_default_css=True, tie_breaker=tie_breaker, scope=scope
                    )
    except AttributeError:
        return
    stylesheet.parse()


def still_open(node: DOMNode, action: str) -> bool:
    """No key does anything once the app is on its way out (q, then a key at once)."""
    return not getattr(node.app, "leaving", False)


class Leaving:
    """Escape goes back; where work would be lost, it asks first (so does q, in the app)."""

    def unsaved(self) -> str | None:
        """What leaving now would lose, in a sentence; ``None`` when nothing would be."""
        return None

    def go_back(self) -> None:
        raise NotImplementedError

    def action_leave(self) -> None:
        lost = self.unsaved()
        if lost is None:
            self.go_back()
        else:
            assert isinstance(self, DOMNode)
            ask(self, f"Leave? {lost}", "Leave", self.go_back)


class StyledOnMount:
    """Textual restyles every widget of a screen each time it resumes, also the first
    time, right after mounting styled them all: that first restyle is skipped (3–4 ms
    each time a screen opens). A later resume restyles as usual (a theme changed
    meanwhile, say)."""

    resumed_once = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        if not self.resumed_once:
            self.resumed_once = True
            event.refresh_styles = False  # read by Screen's own handler, which runs next


class CoachScreen(StyledOnMount, Leaving, Screen[T]):
    """A full screen of the coach."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return still_open(self, action) and super().check_action(action, parameters)

    def go_back(self) -> None:
        coach_app(self).action_go_back()

    @property
    def coach(self) -> Coach:
        return coach_app(self).coach

    def saving(self) -> contextlib.AbstractContextManager[None]:
        return saving(self)

    def refresh_data(self) -> None:
        """Show the store's newest data; screens that show stored data override this."""

    shown_from: tuple[Snapshot, dt.date] | None = None  # see data_shown

    def data_shown(self) -> None:
        """Note that the screen now shows the stored data as it is, on this day."""
        coach = self.coach
        self.shown_from = (coach.snapshot(), coach.today())

    def data_changed(self) -> bool:
        """Whether the stored data or the day changed since :meth:`data_shown`."""
        coach, last = self.coach, self.shown_from
        return last is None or last[0] is not coach.snapshot() or last[1] != coach.today()


class CoachModal(StyledOnMount, Leaving, ModalScreen[T]):
    """A dialog of the coach."""

    BINDINGS = MODAL_KEYS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return still_open(self, action) and super().check_action(action, parameters)

    @property
    def coach(self) -> Coach:
        return coach_app(self).coach

    def saving(self) -> contextlib.AbstractContextManager[None]:
        return saving(self)
