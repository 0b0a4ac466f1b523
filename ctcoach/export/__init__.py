"""Exporters turn core results into files. ``save_text`` writes them safely."""

from __future__ import annotations

import os
from pathlib import Path

from ctcoach.store import write_atomic


class ExportError(Exception):
    """The file cannot be written. The message is one readable line."""


def save_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically and return the absolute path."""
    check_target(path)
    try:
        write_atomic(path, text, mode=0o644)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path.resolve()


def check_target(path: Path) -> None:
    """Refuse a folder, a missing parent or a place we may not write, with one line."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'plan.md'}")
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"cannot write {path}: no permission to write in {parent}")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(f"cannot write {path}: the file is read-only")
