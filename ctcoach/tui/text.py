"""Helpers to show text literally: user text never goes through markup."""

from __future__ import annotations

from textual.content import Content


def plain(text: str, style: str = "") -> Content:
    """``text`` exactly as given, optionally styled as a whole."""
    content = Content(text)
    return content.stylize(style) if style else content


def join(*parts: Content | str) -> Content:
    """Concatenate pieces; strings are taken literally."""
    return Content("").join(p if isinstance(p, Content) else Content(p) for p in parts)
