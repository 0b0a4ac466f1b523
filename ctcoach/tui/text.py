"""Helpers to show text literally: user text never goes through markup."""

from __future__ import annotations

from textual.content import Content

from ctcoach.text import for_terminal


def plain(text: str, style: str = "") -> Content:
    """``text`` as given (control characters shown as escapes), optionally styled."""
    content = Content(for_terminal(text))
    return content.stylize(style) if style else content


def join(*parts: Content | str) -> Content:
    """Concatenate pieces; strings are taken literally."""
    return Content("").join(p if isinstance(p, Content) else plain(p) for p in parts)
