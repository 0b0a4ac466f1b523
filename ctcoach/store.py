"""The user's saved data. The only module that imports TinyDB.

One JSON file, shared by every ctcoach process of the user:

* **One writer at a time.** Every change is a read-modify-write inside
  :meth:`Store.transaction`, under a cross-process lock beside the file; the file is
  re-read inside the lock, so a change always applies to the newest data.
* **Readers notice other writers.** The file's identity (inode, size, times) is checked
  on every read; a changed file is parsed again. Parsed data is kept until then.
* **Atomic writes.** A temporary file beside the real target (symlinks followed) is
  fsynced, then replaces the store; a crash leaves the old file or the new one.
* **Nothing unreadable is overwritten.** A damaged file is moved aside, the newest good
  backup is restored, and :attr:`Store.notices` says so. A few rolling backups are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import filelock
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from ctcoach.fileio import TMP_SUFFIX, real_target, temp_prefix, write_atomic
from ctcoach.mentors import Mentor
from ctcoach.pitch import Pitch, Practice
from ctcoach.pitfalls import Attempt
from ctcoach.quiz import QuizAttempt
from ctcoach.records import (
    PitchVersion,
    RecordError,
    Snapshot,
    decode,
    encode_mentor,
    encode_pitch,
    encode_pitfall_attempt,
    encode_practice,
    encode_quiz_attempt,
)

SCHEMA_VERSION = 1
STORE_NAME = "ctcoach.json"
ENV_VAR = "CTCOACH_DATA_DIR"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 3
LOCK_TIMEOUT = 5.0

# Older schema -> function that upgrades the raw tables by one version.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}

Signature = tuple[int, int, int, int]


class StoreError(Exception):
    """The store cannot be used. The message is one readable line."""


class StoreBusy(StoreError):
    """Another process held the lock for too long."""


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """``--data-dir`` wins, then ``CTCOACH_DATA_DIR``, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ctcoach", appauthor=False))


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _parse(text: str) -> dict[str, Any]:
    """The raw tables of a store file; raises ``ValueError`` describing the damage."""
    if not text.strip():
        return {}
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise ValueError("not a ctcoach store (the top level is not a table)")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number ctcoach stores")


def _dump(tables: Mapping[str, Any]) -> str:
    try:
        return json.dumps(tables, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as exc:  # NaN or infinity somewhere
        raise StoreError(f"cannot save: {exc}") from None


class _MemoryStorage(Storage):
    """TinyDB's view of the tables the :class:`Store` holds in memory."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.store._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.store._staged(data)


class Store:
    """Profile, plan progress, results and settings, in one TinyDB file."""

    def __init__(
        self,
        folder: Path,
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / STORE_NAME
        self.lock_timeout = lock_timeout
        self.clock = clock
        self.notices: list[str] = []
        self.reads = 0  # files parsed: a guard against re-reading in loops
        self._tables: dict[str, Any] = {}
        self._snapshot = Snapshot()
        self._signature: Signature | None = None
        self._loaded = False
        self._depth = 0
        self._dirty = False
        self._backed_up = False
        self.db = TinyDB(self, storage=_MemoryStorage)
        target = self.target
        self._lock = filelock.FileLock(str(target.with_name(target.name + ".lock")), mode=0o600)
        self.refresh()

    def close(self) -> None:
        """Nothing stays open between calls; kept so ``with Store(...)`` reads naturally."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------

    @property
    def target(self) -> Path:
        """The file really written: the store path with symlinks followed."""
        return real_target(self.path)

    def refresh(self) -> bool:
        """Read the file again if another process changed it; True when it did."""
        signature = _signature(self.target)
        if self._loaded and signature == self._signature:
            return False
        self._load(signature)
        return True

    def snapshot(self) -> Snapshot:
        """Everything stored, as of now (re-read only if the file changed)."""
        if self._depth == 0:
            self.refresh()
        return self._snapshot

    def _load(self, signature: Signature | None) -> None:
        if signature is None:
            self._install({}, None)
            return
        try:
            self._install(self._read_tables(self.target), signature)
        except ValueError as exc:
            self._recover(str(exc))

    def _read_tables(self, path: Path) -> dict[str, Any]:
        """Parsed and version-checked tables; ``ValueError`` says how a file is damaged."""
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text") from None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        tables = _parse(text)
        self._check_version(tables)
        return tables

    def _install(self, tables: dict[str, Any], signature: Signature | None) -> None:
        version = _version(tables)
        if version is not None and version < SCHEMA_VERSION:
            tables = self._migrated(tables, version)
        snapshot = decode(tables)  # RecordError (a ValueError) on a bad record
        self._tables, self._snapshot = tables, snapshot
        self._signature, self._loaded = signature, True
        self.reads += 1

    def _check_version(self, tables: Mapping[str, Any]) -> None:
        try:
            version = _version(tables)
        except RecordError:
            return  # a damaged meta table is handled like any bad record
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer ctcoach (schema {version}); "
                "upgrade ctcoach to use it"
            )

    def _migrated(self, tables: dict[str, Any], version: int) -> dict[str, Any]:
        """Upgrade old tables in memory; the next save writes them after a backup."""
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"{self.path} has schema {version}, which ctcoach cannot upgrade")
            tables = step(tables)
            version += 1
        return tables

    # -- writing -------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock, read the newest data, apply changes, save once at the end."""
        if self._depth:
            yield
            return
        self._prepare_folder()
        with self._locked():
            self._clean_temp_files()
            self.refresh()
            self._depth, self._dirty = 1, False
            try:
                yield
                if self._dirty:
                    self._save()
            except BaseException:
                self._loaded = False  # forget unsaved changes: the file is the truth
                raise
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        lock = self._lock  # one reentrant lock per store: recovery may run inside a save
        try:
            lock.acquire(timeout=self.lock_timeout)
        except filelock.Timeout:
            raise StoreBusy("another ctcoach is saving; try again in a moment") from None
        except OSError as exc:
            raise StoreError(f"cannot lock {self.path}: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            lock.release()

    def _staged(self, data: dict[str, Any]) -> None:
        if not self._depth:  # pragma: no cover - every write goes through a transaction
            raise RuntimeError("store writes need a transaction")
        self._tables = data
        self._dirty = True

    def _save(self) -> None:
        self._tables.setdefault("meta", {})["1"] = {"schema_version": SCHEMA_VERSION}
        text = _dump(self._tables)
        snapshot = decode(self._tables)
        if not self._backed_up:
            self._backup()
        try:
            write_atomic(self.path, text)
        except OSError as exc:
            raise StoreError(f"cannot save to {self.path}: {exc.strerror or exc}") from None
        self._snapshot, self._signature = snapshot, _signature(self.target)

    def _table(self, name: str) -> Table:
        return Table(self.db.storage, name, cache_size=0)

    def _append(self, table: str, record: Mapping[str, Any]) -> int:
        with self.transaction():
            return int(self._table(table).insert(dict(record)))

    def _put(self, table: str, doc_id: int, record: Mapping[str, Any]) -> None:
        """Store ``record`` as record ``doc_id``, replacing every field it had."""
        with self.transaction():
            rows = self._table(table)
            if rows.contains(doc_id=doc_id):
                rows.remove(doc_ids=[doc_id])
            rows.insert(Document(dict(record), doc_id=doc_id))

    def _remove(self, table: str, doc_id: int) -> None:
        with self.transaction():
            rows = self._table(table)
            if rows.contains(doc_id=doc_id):
                rows.remove(doc_ids=[doc_id])

    # -- the data folder, backups and recovery ----------------------------------------

    def _prepare_folder(self) -> None:
        folder = self.folder
        try:
            if not folder.exists():
                folder.mkdir(mode=0o700, parents=True)
                folder.chmod(0o700)
            elif not folder.is_dir():
                raise StoreError(f"data folder {folder} is not a folder")
            elif _shared(folder):
                folder.chmod(0o700)
                self.notices.append(f"made your data folder {folder} private (0700)")
        except OSError as exc:
            raise StoreError(f"cannot use data folder {folder}: {exc.strerror or exc}") from None

    def _clean_temp_files(self) -> None:
        """Under the lock no save is in flight, so every temporary file left is stale."""
        target = self.target
        for leftover in target.parent.glob(f"{temp_prefix(target)}*{TMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        folder = self.folder / BACKUP_DIR
        if not folder.is_dir():
            return []
        return sorted(folder.glob("ctcoach-*.json"), reverse=True)

    def _backup(self) -> None:
        """Copy the current (good) file into the rolling backups, once per process."""
        self._backed_up = True
        try:
            text = self.target.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot back up {self.path}: {exc.strerror or exc}") from None
        if not text.strip():
            return
        folder = self.folder / BACKUP_DIR
        stamp = self.clock().strftime("%Y%m%d-%H%M%S-%f")
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            write_atomic(folder / f"ctcoach-{stamp}.json", text)
            for old in self.backups()[KEEP_BACKUPS:]:
                old.unlink()
        except OSError as exc:
            raise StoreError(f"cannot back up {self.path}: {exc.strerror or exc}") from None

    def _recover(self, reason: str) -> None:
        """Move a damaged file aside and restore the newest good backup (or start empty)."""
        self._prepare_folder()
        with self._locked():
            signature = _signature(self.target)
            try:  # another process may have repaired it meanwhile
                self._install(self._read_tables(self.target) if signature else {}, signature)
                return
            except ValueError:
                pass
            aside = self._move_aside()
            restored = self._restore_backup()
        where = f"moved it to {aside}"
        if restored is None:
            self.notices.append(
                f"{self.path} could not be read ({reason}); {where} and started afresh "
                "(no backup to restore)"
            )
        else:
            self.notices.append(
                f"{self.path} could not be read ({reason}); {where} and restored "
                f"the backup {restored.name}"
            )

    def _move_aside(self) -> Path:
        target = self.target
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.name}.corrupt-{stamp}")
        count = 1
        while aside.exists():
            count += 1
            aside = target.with_name(f"{target.name}.corrupt-{stamp}-{count}")
        try:
            os.replace(target, aside)
        except OSError as exc:
            raise StoreError(f"cannot move damaged {self.path} aside: {exc.strerror}") from None
        return aside

    def _restore_backup(self) -> Path | None:
        for backup in self.backups():
            try:
                self._install(self._read_tables(backup), None)
            except (StoreError, ValueError):
                continue
            self._backed_up = True  # the restored copy is already a backup
            write_atomic(self.path, backup.read_text(encoding="utf-8"))
            self._signature = _signature(self.target)
            return backup
        self._install({}, None)
        return None

    # -- typed writes ------------------------------------------------------------------

    def save_profile(self, data: Mapping[str, Any]) -> None:
        self._put("profile", 1, data)

    def set_done(self, item_id: str, done: bool, today: dt.date) -> None:
        with self.transaction():
            table = self._table("done")
            ids = [doc.doc_id for doc in table.all() if doc.get("item") == item_id]
            if done and not ids:
                table.insert({"item": item_id, "on": today.isoformat()})
            elif not done and ids:
                table.remove(doc_ids=ids)

    def add_pitfall_attempt(self, attempt: Attempt) -> None:
        self._append("pitfall_attempts", encode_pitfall_attempt(attempt))

    def save_mentor(self, mentor: Mentor) -> int:
        """Add a mentor (id 0) or replace one; returns its id."""
        if mentor.id == 0:
            return self._append("mentors", encode_mentor(mentor))
        self._put("mentors", mentor.id, encode_mentor(mentor))
        return mentor.id

    def delete_mentor(self, mentor_id: int) -> None:
        self._remove("mentors", mentor_id)

    def add_pitch_version(self, saved: dt.date, pitch: Pitch) -> int:
        return self._append("pitches", encode_pitch(saved, pitch))

    def rename_pitch_version(self, version: PitchVersion, name: str) -> None:
        self._put("pitches", version.id, encode_pitch(version.saved, version.pitch, name))

    def delete_pitch_version(self, version_id: int) -> None:
        self._remove("pitches", version_id)

    def add_practice(self, practice: Practice) -> None:
        self._append("practices", encode_practice(practice))

    def add_quiz_attempt(self, attempt: QuizAttempt, correct: int, total: int) -> None:
        self._append("quiz_attempts", encode_quiz_attempt(attempt, correct, total))

    def set_setting(self, key: str, value: Any) -> None:
        self.set_settings({key: value})

    def set_settings(self, values: Mapping[str, Any]) -> None:
        """Change several settings in one save (settings are one record)."""
        with self.transaction():
            settings = dict(self.snapshot().settings)
            if all(key in settings and settings[key] == v for key, v in values.items()):
                return
            settings.update(values)
            self._put("settings", 1, settings)


def _shared(folder: Path) -> bool:
    """True when others may look into a folder the user owns."""
    st = folder.stat()
    return bool(st.st_mode & 0o077) and st.st_uid == os.getuid()


def _version(tables: Mapping[str, Any]) -> int | None:
    meta = tables.get("meta")
    if not isinstance(meta, Mapping) or not meta:
        return None
    doc = meta.get("1")
    version = doc.get("schema_version") if isinstance(doc, Mapping) else None
    if isinstance(version, bool) or not isinstance(version, int):
        raise RecordError("meta", "1", "schema_version must be a whole number")
    return version
