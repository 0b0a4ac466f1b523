"""Values kept between runs in the user cache folder: each file holds a key and a value,
and is used only when the key matches. Any problem — a missing, unreadable, corrupt or
stale file, a folder that cannot be written — means "not kept", silently: the caller
computes the value again. Files are written atomically (a temporary file beside the
target, then a rename), so a reader never sees half of one."""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path
from typing import TypeVar

try:  # the C pickler itself: the module around it costs every start about a millisecond
    from _pickle import dump, load
except ImportError:  # pragma: no cover - a Python without it
    from pickle import dump, load

T = TypeVar("T")


def kept_file(cache_dir: Path, prefix: str, owner: Path) -> Path:
    """One file per ``owner`` (a pack folder, a store), so owners do not evict each other."""
    name = zlib.crc32(str(owner).encode("utf-8", "surrogateescape"))
    return cache_dir / f"{prefix}-{name:08x}.pickle"


def read_kept(path: Path, key: object, kind: type[T]) -> T | None:
    """The ``kind`` kept in ``path`` under ``key``; ``None`` on any problem."""
    try:
        with open(path, "rb") as handle:
            stored = load(handle)
    except Exception:  # missing, unreadable, truncated, corrupt, from another version
        return None
    if (
        isinstance(stored, tuple)
        and len(stored) == 2
        and stored[0] == key
        and isinstance(stored[1], kind)
    ):
        return stored[1]
    return None


def write_kept(path: Path, key: object, value: object) -> None:
    """Keep ``value`` under ``key`` in ``path``; a folder that cannot be written is ignored."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Readable by its owner alone, wherever the folder is: a kept dashboard shows
        # the person's name and plan.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as handle:
            dump((key, value), handle, protocol=-1)  # the newest protocol
        os.replace(tmp, path)
    except Exception:  # a read-only or full disk, say: the next run computes it again
        with contextlib.suppress(OSError):
            os.unlink(tmp)
