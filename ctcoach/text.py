"""Text shown on a terminal. Pure.

User and file text is stored exactly; whatever reaches a terminal outside the
full-screen app goes through :func:`for_terminal` first, so an escape sequence in a
name or a file can never clear the screen, set the title or reorder the line.
"""

from __future__ import annotations

import re

# C0 and C1 controls (newline and tab kept) and the bidirectional overrides and isolates.
# (compiled where it is used, which ``re`` keeps: most commands never need it)
_UNSAFE = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def for_terminal(text: str) -> str:
    """``text`` with every control character shown as a visible escape such as ``\\x1b``."""
    return re.sub(
        _UNSAFE,
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def matches(query: str, *texts: str) -> bool:
    """True when every word of ``query`` appears in one of ``texts`` (any case)."""
    words = query.casefold().split()
    if not words:  # no query: everything matches (a plan shown whole joins no text)
        return True
    haystack = " ".join(texts).casefold()
    return all(word in haystack for word in words)
