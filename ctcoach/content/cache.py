"""The validated pack, kept between runs: loading and checking 19 TOML files takes
20–25 ms on every start; reading the pickled result back takes about 1.

The cache file is keyed by everything the result depends on: the pack's folder, each
content file's path, size and checksum, the Python version, ctcoach's version and
the size and time of each of ctcoach's own source files (an edited module, in a
development checkout, means a fresh load). Any problem with the cache — a missing,
unreadable, corrupt or stale file, a folder that cannot be written — means a normal load,
silently; only a pack that loads without errors is kept. The file is written atomically
(a temporary file, then a rename), so a reader never sees half of one.

The folder is given by the caller (the command line resolves it from the environment);
``content check`` always loads from the source."""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from ctcoach.kept import kept_file, read_kept, write_kept

if TYPE_CHECKING:
    from ctcoach.model import Pack

FORMAT = 1  # bump when the cache file's layout changes
PACKAGE = Path(__file__).resolve().parent.parent  # ctcoach/


def _paths(folder: Path, suffix: str) -> list[str]:
    """Every file below ``folder`` whose name ends in ``suffix``, sorted; like the loader's
    ``rglob``, it does not go into linked folders (a link to a parent would never end)."""
    found: list[str] = []
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(suffix):
                    found.append(entry.path)
    return sorted(found)


def _stamps(folder: Path, suffix: str) -> list[tuple[str, int, int]]:
    """Each file's path, size and modification time (cheap: ctcoach's own modules)."""
    out = []
    for path in _paths(folder, suffix):
        st = os.stat(path)
        out.append((path, st.st_size, st.st_mtime_ns))
    return out


def _digests(folder: Path, suffix: str) -> list[tuple[str, int, int]]:
    """Each file's path, size and CRC-32 (the pack: an edit that keeps the size within
    the file system's clock tick still shows; well under 1 ms for the shipped pack)."""
    out = []
    for path in _paths(folder, suffix):
        with open(path, "rb") as handle:
            data = handle.read()
        out.append((path, len(data), zlib.crc32(data)))
    return out


def cache_key(root: Path) -> tuple[object, ...]:
    """What a cached pack for ``root`` must match to be used."""
    from ctcoach import __version__

    return (
        FORMAT,
        __version__,
        sys.version,
        str(root.resolve()),
        _digests(root, ".toml"),
        _stamps(PACKAGE, ".py"),
    )


def cache_file(cache_dir: Path, root: Path) -> Path:
    """One file per pack folder, so packs in different folders do not evict each other."""
    return kept_file(cache_dir, "pack", root.resolve())


def load_pack_cached(root: Path | str | None = None, cache_dir: Path | None = None) -> Pack:
    """:func:`~ctcoach.content.loader.load_pack`, through the cache in ``cache_dir``
    (``None``: no cache). Raises :class:`~ctcoach.content.node.ContentError` like it."""
    from ctcoach.content.paths import default_content_dir

    folder = Path(root) if root is not None else default_content_dir()
    if cache_dir is None:
        return _load(folder)
    try:
        key = cache_key(folder)
        path = cache_file(cache_dir, folder)
    except Exception:  # the pack folder cannot be listed: let the loader say why
        return _load(folder)
    from ctcoach.model import Pack

    pack = read_kept(path, key, Pack)
    if pack is None:
        pack = _load(folder)
        write_kept(path, key, pack)
    return pack


def _load(folder: Path) -> Pack:
    from ctcoach.content.loader import load_pack

    return load_pack(folder)
