"""Exporters turn core results into files. ``save_text`` writes them safely."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ctcoach.errors import ExportError
from ctcoach.fileio import is_special, is_unwritable_kind, real_target, write_atomic, write_through


def save_text(path: Path, text: str, *, protected: Sequence[Path] = (), mode: int = 0o600) -> Path:
    """Write ``text`` to ``path`` and return where it went.

    A regular file is replaced atomically and keeps its permissions; a new file gets
    ``mode`` (private by default: exports hold personal data). A symlink's target is
    written. A FIFO or a terminal is written straight through, never replaced.
    """
    check_target(path, protected)
    try:
        if is_special(path):
            write_through(path, text)
            return path
        return write_atomic(path, text, mode=mode)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def check_target(path: Path, protected: Sequence[Path] = ()) -> None:
    """Refuse a folder, the user's saved data, a missing parent or a place we may not write.

    ``protected`` lists the data folder and the store file (either may be a link).
    """
    target = real_target(path)
    for keep in protected:
        if target == real_target(keep) or target.is_relative_to(real_target(keep)):
            raise ExportError(
                f"{path} would overwrite your saved data in {keep}; write it somewhere else"
            )
    if target.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'plan.md'}")
    if is_unwritable_kind(target):
        raise ExportError(f"cannot write {path}: it is not a regular file")
    if is_special(target):
        return
    parent = target.parent
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"cannot write {path}: no permission to write in {parent}")
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportError(f"cannot write {path}: the file is read-only")
