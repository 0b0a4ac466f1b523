"""A footer that shows the keys that matter most and never cuts one in half: the
screen's keys in the order it declares them, then `? Keys` and `q Quit`, which always
show. Keys that do not fit are left out; `?` lists every one."""

from __future__ import annotations

from typing import cast

from textual.binding import Binding
from textual.content import Content
from textual.events import MouseDown, Resize
from textual.screen import Screen
from textual.widget import Widget

PINNED = ("help", "quit")  # app actions always shown, last
KEY_PADDING = 3  # a space before and after the key, one after the description
Keys = tuple[tuple[str, str, str, bool], ...]


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


class KeyFooter(Widget, can_focus=False):
    """The keys as one line of one widget, styled as Textual's footer (whose every key
    is a widget of its own: on a screen that opens, they took about a fifth of the time
    to the first frame). The line is redrawn only when the keys it would show differ
    from the ones it shows; a click on a key presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.shown: tuple[object, ...] | None = None  # the keys on show, as keys_now()
        self.spans: list[tuple[int, int, str, bool]] = []  # start, end, key, enabled

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def keys_now(self) -> tuple[object, ...]:
        """What the footer would show now: each key's label, description and state."""
        bindings = shown_bindings(self.screen)
        label = {b.key: self.app.get_key_display(b) for b, _ in bindings}
        width = self.app.size.width
        keys = tuple(
            (b.key, label[b.key], b.description, enabled)
            for b, enabled in fitted(bindings, width, label)
        )
        return (width, keys)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.redraw_if_changed)

    def redraw_if_changed(self) -> None:
        if self.is_attached and self.keys_now() != self.shown:
            self.shown = None
            self.refresh()

    def on_resize(self, _: Resize) -> None:
        self.redraw_if_changed()

    def render(self) -> Content:
        """The keys as Textual's own text (a Rich text would be converted at every draw)."""
        if self.shown is None:
            self.shown = self.keys_now()
        key_style = self.get_visual_style("footer-key--key", partial=True)
        description_style = self.get_visual_style("footer-key--description", partial=True)
        parts: list[Content] = []
        self.spans = []
        start = 0
        for key, label, description, enabled in cast(Keys, self.shown[1]):
            part = Content.assemble(
                (f" {label} ", key_style), (f"{description} ", description_style)
            )
            if not enabled:
                part = part.stylize("dim")
            parts.append(part)
            end = start + part.cell_length
            self.spans.append((start, end, key, enabled))
            start = end
        return Content("").join(parts)

    def on_mouse_down(self, event: MouseDown) -> None:
        """A click on a key presses it (a key not usable now rings the bell)."""
        for start, end, key, enabled in self.spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
