"""Writing files safely: atomic replacement that respects links, modes and special files.

No TinyDB here: the store and the exporters both build on these functions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".tmp"


def real_target(path: Path) -> Path:
    """The file a write to ``path`` should change: symlinks followed, even dangling ones."""
    return Path(os.path.realpath(path))


def temp_prefix(target: Path) -> str:
    return f".{target.name}."


def write_atomic(
    path: Path,
    text: str | bytes | Sequence[bytes | memoryview],
    mode: int | None = 0o600,
    before_replace: Callable[[Path], object] | None = None,
) -> Path:
    """Replace the file at ``path`` so that readers see the old or the new text, never half.
    Text is written as UTF-8, bytes as they are, a sequence of pieces one after the other.

    A symlink is followed and its target replaced (the temporary file sits beside the
    target). An existing file keeps its permission bits; a new one gets ``mode``.
    ``before_replace(target)`` runs once the new text is safely on disk, just before it
    takes the target's place (a backup of the old file is made there); if it raises,
    nothing is replaced. Returns the path actually written.
    """
    if isinstance(text, str):
        text = text.encode("utf-8")
    pieces = [text] if isinstance(text, bytes) else text

    def fill(handle: BinaryIO) -> None:
        for piece in pieces:
            handle.write(piece)

    return _replace(path, fill, mode, before_replace)


def copy_atomic(source: Path, path: Path, mode: int | None = 0o600) -> Path:
    """Copy the file ``source`` to ``path`` as :func:`write_atomic` writes: by the kernel
    where it can (``copy_file_range``: no bytes pass through Python; a backup of a large
    store in a third of the time), else a megabyte at a time (never all in memory)."""
    with open(source, "rb") as original:
        return _replace(path, lambda handle: _copy_into(original, handle), mode)


# Errors that mean "this kernel or file system cannot copy for us": copy the plain way.
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM}


def _copy_into(source: BinaryIO, handle: BinaryIO) -> None:
    copy_range = getattr(os, "copy_file_range", None)
    if copy_range is not None:
        src, dst = source.fileno(), handle.fileno()
        try:
            while copy_range(src, dst, 1 << 30):
                pass
            return
        except OSError as exc:
            if exc.errno not in _NO_KERNEL_COPY:
                raise
            source.seek(0)  # start again, the plain way, from nothing
            handle.seek(0)
            handle.truncate()
    import shutil  # only a backup needs it (and its compression modules)

    shutil.copyfileobj(source, handle, 1 << 20)


def _replace(
    path: Path,
    fill: Callable[[BinaryIO], object],
    mode: int | None,
    before_replace: Callable[[Path], object] | None = None,
) -> Path:
    target = real_target(path)
    keep = _existing_mode(target)
    write_mode = keep if keep is not None else (0o600 if mode is None else mode)
    folder = target.parent
    import tempfile  # only writes need it (and its compression modules)

    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TMP_SUFFIX, dir=folder)
    try:
        os.fchmod(fd, write_mode)
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)
    return target


def write_through(path: Path, text: str) -> None:
    """Write into an existing special file (a FIFO, a terminal, a device) without replacing it."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()


def _mode(path: Path) -> int:
    try:
        return os.stat(path).st_mode
    except OSError:
        return 0


def is_special(path: Path) -> bool:
    """True for an existing FIFO or character device (where writing streams, not replaces)."""
    mode = _mode(path)
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def is_unwritable_kind(path: Path) -> bool:
    """True for an existing socket or block device: nothing sensible can be written there."""
    mode = _mode(path)
    return stat.S_ISSOCK(mode) or stat.S_ISBLK(mode)


def _existing_mode(target: Path) -> int | None:
    try:
        st = os.stat(target)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - some platforms cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
