"""A footer that shows the keys that matter most and never cuts one in half: the
screen's keys in the order it declares them, then `? Keys` and `q Quit`, which always
show. Keys that do not fit are left out; `?` lists every one."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PINNED = ("help", "quit")  # app actions always shown, last
KEY_PADDING = 3  # a space before and after the key, one after the description
Keys = tuple[tuple[str, str, str, str, bool, str], ...]


def shown_bindings(screen: Screen[object]) -> list[tuple[Binding, bool]]:
    """The shown bindings of the focused widget, its containers, the screen and the app,
    nearest first; one per action and per key. A widget's hidden binding for a key does
    not hide the screen's: Enter in a field or a list ends in the screen's action."""
    out: list[tuple[Binding, bool]] = []
    keys: set[str] = set()
    actions: set[str] = set()
    app = screen.app
    chain = screen._modal_binding_chain
    # Second pass: a pinned key a text field takes for typing (q, ?) shows as its
    # other key (ctrl+q, f1).
    for shown_only in (True, False):
        for namespace, bindings in chain:
            for key, binding in bindings:
                action = binding.action.removeprefix("app.")
                if shown_only != binding.show or not binding.description:
                    continue
                if key in keys or action in actions or not (shown_only or action in PINNED):
                    continue
                state = app._check_action_state(binding.action, namespace)
                if state is False:
                    continue
                keys.add(key)
                actions.add(action)
                out.append((binding, bool(state)))
    return out


def fitted(
    bindings: list[tuple[Binding, bool]], width: int, label: dict[str, str]
) -> list[tuple[Binding, bool]]:
    """The pinned keys and as many others, in order, as fit in ``width`` cells."""

    def cells(binding: Binding) -> int:
        return len(label[binding.key]) + len(binding.description) + KEY_PADDING

    pinned = sorted(
        (b for b in bindings if b[0].action.removeprefix("app.") in PINNED),
        key=lambda b: PINNED.index(b[0].action.removeprefix("app.")),
    )
    room = width - sum(cells(b) for b, _ in pinned)
    kept: list[tuple[Binding, bool]] = []
    for entry in bindings:
        if entry in pinned:
            continue
        need = cells(entry[0])
        if need > room:
            break
        kept.append(entry)
        room -= need
    return kept + pinned


class KeyFooter(Footer):
    """Textual's footer, ordered and fitted to the terminal's width. Textual's footer
    recomposes on every change of focus or bindings; this one only when the keys it
    would show differ from the ones it shows (opening a screen changes focus a few
    times, and each recompose restyled every key)."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self.width_seen = 0
        self.shown: tuple[object, ...] | None = None  # the keys on show, as keys_now()

    def keys_now(self) -> tuple[object, ...]:
        """What the footer would show now: each key's label, description and state."""
        bindings = shown_bindings(self.screen)
        label = {b.key: self.app.get_key_display(b) for b, _ in bindings}
        width = self.app.size.width
        keys = tuple(
            (b.key, label[b.key], b.description, b.action, enabled, b.tooltip)
            for b, enabled in fitted(bindings, width, label)
        )
        return (width, keys)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self.shown = self.keys_now()
        width, keys = self.shown
        self.width_seen = cast(int, width)
        for key, label, description, action, enabled, tooltip in cast(Keys, keys):
            yield FooterKey(
                key, label, description, action, disabled=not enabled, tooltip=tooltip
            ).data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose_if_changed)

    async def recompose_if_changed(self) -> None:
        if self.is_attached and self.keys_now() != self.shown:
            await self.recompose()

    def on_resize(self, _: Resize) -> None:
        if self.app.size.width != self.width_seen:
            self.call_after_refresh(self.recompose_if_changed)
