"""Where the store file is, and its identity: light (no JSON, no records), so a start
can look at the store before it loads anything that reads it."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from importlib.machinery import PathFinder
from pathlib import Path

from ctcoach.errors import StoreError
from ctcoach.kept import kept_file, read_kept, write_kept

STORE_NAME = "ctcoach.json"
ENV_VAR = "CTCOACH_DATA_DIR"

Signature = tuple[int, int, int, int]


def resolve_data_dir(
    cli_value: str | None, environ: Mapping[str, str], cache_dir: Path | None = None
) -> Path:
    """``--data-dir`` wins, then ``CTCOACH_DATA_DIR``, then the platform's user data folder
    (see :func:`platform_data_dir`; ``cache_dir``: where its answer may be kept)."""
    if cli_value:
        return Path(cli_value).expanduser()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser()
    return platform_data_dir(cache_dir)


# What platformdirs reads to find the folder, besides the platform and the user: the
# variables named here and every XDG_ and ANDROID_ one.
_PLATFORM_VARS = frozenset({"HOME", "SHELL", "PREFIX"})
_KEPT_FORMAT = 1


def platform_data_dir(cache_dir: Path | None = None) -> Path:
    """The platform's user data folder for ctcoach, always as platformdirs finds it.

    Importing platformdirs costs each command about 5 ms (it imports tempfile, shutil,
    random, …). So where its answer depends only on what a later run can check — the
    platform, the user, platformdirs' own files and the environment variables it reads —
    the answer is kept in ``cache_dir`` and used while every one of them is unchanged.
    Windows, where the system answers, and a missing or relative ``HOME`` (the password
    database answers) ask platformdirs every time."""
    known = _platform_key() if cache_dir is not None else None
    if cache_dir is None or known is None:
        return Path(_ask_platformdirs())
    folder, key = known
    kept = kept_file(cache_dir, "data-dir", folder)  # one per platformdirs (a venv, say)
    found = read_kept(kept, key, str)
    if found is None:
        found = _ask_platformdirs()
        write_kept(kept, key, found)
    return Path(found)


def _ask_platformdirs() -> str:
    import platformdirs

    return platformdirs.user_data_dir("ctcoach", appauthor=False)


def _platform_key() -> tuple[Path, tuple[object, ...]] | None:
    """platformdirs' folder, and everything its answer depends on; ``None`` where that
    is not known."""
    home = os.environ.get("HOME", "")
    if sys.platform == "win32" or not os.path.isabs(home):
        return None
    spec = PathFinder.find_spec("platformdirs")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return None
    folder = Path(folders[0])
    try:
        with os.scandir(folder) as entries:
            stamps = sorted(
                (entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                for entry in entries
                if entry.name.endswith(".py")
            )
    except OSError:
        return None
    variables = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name in _PLATFORM_VARS or name.startswith(("XDG_", "ANDROID_"))
    )
    return folder, (
        _KEPT_FORMAT,
        folder,
        sys.platform,
        sys.version,
        hasattr(sys, "getandroidapilevel"),
        os.getuid(),
        os.geteuid(),
        stamps,
        variables,
    )


def signature(path: Path) -> Signature | None:
    """The file's identity (inode, size, times); ``None`` when there is no file. Every
    save replaces the file, so a save by any process gives a new identity."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
