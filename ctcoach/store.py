"""The user's saved data. The only module that imports TinyDB.

Writes are atomic: the new state goes to a temporary file in the same folder,
is flushed and fsynced, then replaces the store with ``os.replace``; the folder
is fsynced after. A crash mid-write leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

SCHEMA_VERSION = 1
STORE_NAME = "ctcoach.json"
ENV_VAR = "CTCOACH_DATA_DIR"
_TMP_PREFIX = f".{STORE_NAME}."
_TMP_SUFFIX = ".tmp"


class StoreError(Exception):
    """The store cannot be used. The message is one readable line."""


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """``--data-dir`` wins, then ``CTCOACH_DATA_DIR``, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ctcoach", appauthor=False))


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Replace ``path`` with ``text`` so that readers see the old or the new file, never half."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TMP_SUFFIX, dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
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


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces the whole file atomically on every write.

    It keeps the last text it read or wrote, so reads do not touch the disk;
    every write still goes to disk before it returns.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._text: str | None = None
        if self.path.exists():
            try:
                self._text = self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from exc
            if self._text.strip():
                try:
                    data = json.loads(self._text)
                except json.JSONDecodeError as exc:
                    raise StoreError(
                        f"{self.path} is not valid JSON ({exc.msg}, line {exc.lineno}); "
                        "it was left untouched: move it aside to start afresh"
                    ) from exc
                if not isinstance(data, dict):
                    raise StoreError(f"{self.path} is not a ctcoach store; it was left untouched")
            else:
                self._text = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._text is None:
            return None
        data: dict[str, dict[str, Any]] = json.loads(self._text)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        try:
            write_atomic(self.path, text)
        except OSError as exc:
            raise StoreError(f"cannot save to {self.path}: {exc.strerror or exc}") from exc
        self._text = text


def _prepare_folder(folder: Path) -> None:
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            folder.chmod(0o700)
        elif not folder.is_dir():
            raise StoreError(f"data folder {folder} is not a folder")
    except OSError as exc:
        raise StoreError(f"cannot create data folder {folder}: {exc.strerror or exc}") from exc
    for leftover in folder.glob(f"{_TMP_PREFIX}*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


class Store:
    """Profile, plan progress and (later) results, in one TinyDB file."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / STORE_NAME
        _prepare_folder(self.folder)
        self.db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._check_schema()

    def _check_schema(self) -> None:
        meta = self.db.table("meta").get(doc_id=1)
        if meta is None:
            return
        version = meta.get("schema_version") if isinstance(meta, Mapping) else None
        if not isinstance(version, int):
            raise StoreError(f"{self.path} has no schema version; it was left untouched")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer ctcoach (schema {version}); "
                "upgrade ctcoach to use it"
            )

    def _stamp(self) -> None:
        meta = self.db.table("meta")
        if meta.get(doc_id=1) is None:
            meta.insert(Document({"schema_version": SCHEMA_VERSION}, doc_id=1))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- profile ----------------------------------------------------------------

    def profile_data(self) -> dict[str, Any] | None:
        doc = self.db.table("profile").get(doc_id=1)
        return dict(doc) if isinstance(doc, MutableMapping) else None

    def save_profile(self, data: Mapping[str, Any]) -> None:
        self._stamp()
        self.db.table("profile").upsert(Document(dict(data), doc_id=1))

    # -- plan progress ----------------------------------------------------------

    def done_items(self) -> dict[str, str]:
        """Plan item id -> the date it was marked done."""
        return {str(d["item"]): str(d.get("on", "")) for d in self.db.table("done").all()}

    def set_done(self, item_id: str, done: bool, today: dt.date) -> None:
        table = self.db.table("done")
        q = Query()
        if done:
            self._stamp()
            table.upsert({"item": item_id, "on": today.isoformat()}, q.item == item_id)
        else:
            table.remove(q.item == item_id)

    # -- pitfall self-check -----------------------------------------------------

    def pitfall_attempts(self) -> list[dict[str, Any]]:
        """Every stored attempt as {"date": ISO date, "answers": {id: rating}}, oldest first."""
        docs = sorted(self.db.table("pitfall_attempts").all(), key=lambda d: d.doc_id)
        return [
            {"date": str(d.get("date", "")), "answers": dict(d.get("answers", {}))} for d in docs
        ]

    def add_pitfall_attempt(self, date: dt.date, answers: Mapping[str, int]) -> None:
        self._stamp()
        self.db.table("pitfall_attempts").insert(
            {"date": date.isoformat(), "answers": dict(answers)}
        )

    # -- mentor team ------------------------------------------------------------

    def mentors(self) -> list[dict[str, Any]]:
        """Every mentor as a dict with its ``id``, in the order they were added."""
        docs = sorted(self.db.table("mentors").all(), key=lambda d: d.doc_id)
        return [{**dict(d), "id": d.doc_id} for d in docs]

    def save_mentor(self, data: Mapping[str, Any], mentor_id: int | None = None) -> int:
        """Add a mentor (no id) or replace one; returns its id."""
        self._stamp()
        table = self.db.table("mentors")
        record = {k: v for k, v in data.items() if k != "id"}
        if mentor_id is None:
            return int(table.insert(record))
        table.upsert(Document(record, doc_id=mentor_id))
        return mentor_id

    def delete_mentor(self, mentor_id: int) -> None:
        table = self.db.table("mentors")
        if table.contains(doc_id=mentor_id):
            table.remove(doc_ids=[mentor_id])

    # -- pitch --------------------------------------------------------------------

    def pitch_versions(self) -> list[dict[str, Any]]:
        """Saved pitch versions with their ``id``, oldest first."""
        docs = sorted(self.db.table("pitches").all(), key=lambda d: d.doc_id)
        return [{**dict(d), "id": d.doc_id} for d in docs]

    def add_pitch_version(self, data: Mapping[str, Any]) -> int:
        self._stamp()
        return int(self.db.table("pitches").insert(dict(data)))

    def practices(self) -> list[dict[str, Any]]:
        docs = sorted(self.db.table("practices").all(), key=lambda d: d.doc_id)
        return [dict(d) for d in docs]

    def add_practice(self, data: Mapping[str, Any]) -> None:
        self._stamp()
        self.db.table("practices").insert(dict(data))

    # -- quizzes ------------------------------------------------------------------

    def quiz_attempts(self) -> list[dict[str, Any]]:
        docs = sorted(self.db.table("quiz_attempts").all(), key=lambda d: d.doc_id)
        return [dict(d) for d in docs]

    def add_quiz_attempt(self, data: Mapping[str, Any]) -> None:
        self._stamp()
        self.db.table("quiz_attempts").insert(dict(data))

    # -- settings ---------------------------------------------------------------

    def setting(self, key: str) -> Any:
        doc = self.db.table("settings").get(doc_id=1)
        return doc.get(key) if isinstance(doc, Mapping) else None

    def set_setting(self, key: str, value: Any) -> None:
        if self.setting(key) == value:
            return
        self._stamp()
        table = self.db.table("settings")
        current = table.get(doc_id=1)
        data = dict(current) if isinstance(current, Mapping) else {}
        data[key] = value
        table.upsert(Document(data, doc_id=1))
