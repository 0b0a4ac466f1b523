"""Where the shipped pack is: imports nothing of the loader, so a cached start stays light."""

from __future__ import annotations

from pathlib import Path


def default_content_dir() -> Path:
    """The pack shipped with ctcoach: inside the wheel, or the repository's ``content/``."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_content"
    if bundled.is_dir():
        return bundled
    return package.parent / "content"
