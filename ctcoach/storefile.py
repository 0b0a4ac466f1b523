"""Where the store file is, and its identity: light (no JSON, no records), so a start
can look at the store before it loads anything that reads it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ctcoach.errors import StoreError

STORE_NAME = "ctcoach.json"
ENV_VAR = "CTCOACH_DATA_DIR"

Signature = tuple[int, int, int, int]


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """``--data-dir`` wins, then ``CTCOACH_DATA_DIR``, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ctcoach", appauthor=False))


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
