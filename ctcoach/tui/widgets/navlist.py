"""A list view where Home, End, Page Up and Page Down move the highlight too."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import ListView


class NavList(ListView):
    """Textual's ListView scrolls on Home / End without moving the highlight; this
    one moves it, skipping rows that cannot be chosen (group headings)."""

    BINDINGS = [
        Binding("home", "go(-1000000)", "First", show=False),
        Binding("end", "go(1000000)", "Last", show=False),
        Binding("pageup", "go(-10)", "Page up", show=False),
        Binding("pagedown", "go(10)", "Page down", show=False),
    ]

    def action_go(self, step: int) -> None:
        rows = [n for n, row in enumerate(self.children) if not row.disabled and row.display]
        if not rows:
            return
        current = self.index if self.index is not None else rows[0]
        target = current + step
        if step > 0:  # the furthest row not past the target
            self.index = max((n for n in rows if n <= target), default=rows[0])
        else:  # the nearest row at or after the target
            self.index = min((n for n in rows if n >= target), default=rows[-1])
