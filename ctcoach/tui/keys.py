"""Keys every dialog has: a dialog hides the app's own keys, so it repeats these."""

from __future__ import annotations

from textual.binding import Binding, BindingType

MODAL_KEYS: list[BindingType] = [
    Binding("question_mark", "app.help", "Keys"),
    Binding("f1", "app.help", "Keys", show=False),
    Binding("q", "app.quit", "Quit"),
    Binding("ctrl+q", "app.quit", "Quit", show=False),
]
