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

The file-level pieces (reading, checking, backups) are in :mod:`ctcoach.datafile`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ctcoach import datafile
from ctcoach.errors import StoreBusy, StoreError
from ctcoach.fileio import real_target, write_atomic
from ctcoach.model import EVENT_QUESTION
from ctcoach.records import Snapshot, decode, redecode
from ctcoach.storefile import STORE_NAME, Signature, resolve_data_dir, signature
from ctcoach.storewrites import RecordWrites

if TYPE_CHECKING:  # TinyDB and filelock load on the first write: reading needs neither
    import filelock
    from tinydb import TinyDB
    from tinydb.table import Table

__all__ = ["SCHEMA_VERSION", "STORE_NAME", "Store", "StoreBusy", "StoreError", "resolve_data_dir"]

SCHEMA_VERSION = 2
LOCK_TIMEOUT = 5.0

# Older schema -> function that upgrades the raw tables by one version.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _conference_to_event(tables: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 -> 2: the profile's one "next conference" becomes an event of its own."""
    profile = tables.get("profile", {}).get("1")
    conference = profile.get(EVENT_QUESTION) if isinstance(profile, Mapping) else None
    if isinstance(conference, Mapping) and conference.get("name") and conference.get("start"):
        events = tables.setdefault("events", {})
        next_id = max((int(k) for k in events if str(k).isdigit()), default=0) + 1
        events[str(next_id)] = {
            "kind": "conference",
            "name": conference["name"],
            "start": conference["start"],
            "end": conference.get("end") or conference["start"],
            "place": "",
            "notes": "",
            "goals_done": [],
            "advocates": [],
        }
    return tables


MIGRATIONS: dict[int, Migration] = {1: _conference_to_event}


def _tinydb(store: Store) -> TinyDB:
    """A TinyDB whose storage is the tables ``store`` holds in memory."""
    from tinydb import TinyDB
    from tinydb.storages import Storage

    class MemoryStorage(Storage):
        def __init__(self, owner: Store) -> None:
            self.owner = owner

        def read(self) -> dict[str, dict[str, Any]] | None:
            return cast(dict[str, dict[str, Any]], self.owner._raw())  # a mapping, lazily

        def write(self, data: dict[str, dict[str, Any]]) -> None:
            self.owner._staged(cast(datafile.Tables, data))

    return TinyDB(store, storage=MemoryStorage)


class Store(RecordWrites):
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
        # The raw tables TinyDB changes: read only for a write (inside its lock), since
        # reading decodes the file record by record without keeping them (memory).
        self._tables: datafile.Tables | None = datafile.Tables()
        self._snapshot = Snapshot()
        self._signature: Signature | None = None
        self._loaded = False
        self._depth = 0
        self._dirty = False
        self._touched: set[str] = set()  # tables changed in this transaction
        self._backed_up = False
        self._db: TinyDB | None = None
        self._lock: filelock.FileLock | None = None
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

    @property
    def signature(self) -> Signature | None:
        """The identity of the file the snapshot was read from (``None``: no file yet)."""
        return self._signature

    def refresh(self) -> bool:
        """Read the file again if another process changed it; True when it did. A save
        reads its raw tables when it first needs them (:meth:`_raw`)."""
        found = signature(self.target)
        if self._loaded and found == self._signature:
            return False
        self._load(found)
        return True

    def snapshot(self) -> Snapshot:
        """Everything stored, as of now (re-read only if the file changed)."""
        if self._depth == 0:
            self.refresh()
        return self._snapshot

    def _load(self, found: Signature | None) -> None:
        if found is None:
            self._install({}, None)
            return
        try:
            with datafile.gc_paused():
                read = datafile.read_snapshot(self.target, SCHEMA_VERSION)
                if isinstance(read, Snapshot):
                    self._tables, self._snapshot = None, read  # raw tables read when saving
                    self._signature, self._loaded = found, True
                    self.reads += 1
                else:  # raw tables (to save, or a damaged, older, unusual file): decode them
                    self._install(read, found)
        except ValueError as exc:
            self._recover(str(exc))

    def _raw(self) -> datafile.Tables:
        """The raw tables of the snapshot, for TinyDB; read from the file if not held
        (each parsed when first used: see :class:`datafile.Tables`)."""
        if self._tables is None:
            if not self._depth:  # pragma: no cover - every write goes through a transaction
                raise RuntimeError("store writes need a transaction")
            with datafile.gc_paused():  # the file is the one decoded: refresh() checked
                self._tables = datafile.Tables.read(self.target, SCHEMA_VERSION)
            self.reads += 1
        return self._tables

    def _install(self, tables: dict[str, Any], found: Signature | None) -> None:
        version = datafile.version(tables)
        if version is not None and version < SCHEMA_VERSION:
            tables = self._migrated(tables, version)
        snapshot = decode(tables)  # RecordError (a ValueError) on a bad record
        self._tables, self._snapshot = datafile.Tables(tables), snapshot
        self._signature, self._loaded = found, True
        self.reads += 1

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
        datafile.private_folder(self.folder, self.notices)
        # No garbage collection in a write: it reads and writes the whole file, making
        # many objects that live (the raw tables) or die by reference count (the text);
        # a collection in between would scan every record of the store, again and again.
        with self._locked(), datafile.gc_paused():
            datafile.clean_temp_files(self.target)
            self.refresh()
            self._depth, self._dirty = 1, False
            self._touched.clear()
            try:
                yield
                if self._dirty:
                    self._save()
            except BaseException:
                self._loaded = False  # forget unsaved changes: the file is the truth
                raise
            finally:
                self._depth = 0

    @property
    def db(self) -> TinyDB:
        if self._db is None:
            self._db = _tinydb(self)
        return self._db

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        import filelock

        if self._lock is None:  # one reentrant lock per store: recovery may run in a save
            target = self.target
            self._lock = filelock.FileLock(str(target.with_name(target.name + ".lock")), mode=0o600)
        lock = self._lock
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

    def _staged(self, data: datafile.Tables) -> None:
        if not self._depth:  # pragma: no cover - every write goes through a transaction
            raise RuntimeError("store writes need a transaction")
        self._tables = data
        self._dirty = True

    def _save(self) -> None:
        tables = self._raw()
        meta = tables.get("meta")
        tables["meta"] = {
            **(meta if isinstance(meta, Mapping) else {}),
            "1": {"schema_version": SCHEMA_VERSION},
        }
        text = tables.encoded()
        with datafile.gc_paused():  # only what changed: the rest is decoded already
            snapshot = redecode(self._snapshot, tables, (*sorted(self._touched), "meta"))
        made: list[Path] = []  # the first save of a process keeps the file it replaces

        def back_up(target: Path) -> None:
            backup = datafile.back_up(self.folder, target, self.clock())
            if backup is not None:
                made.append(backup)

        try:
            write_atomic(self.path, text, before_replace=None if self._backed_up else back_up)
        except OSError as exc:
            for backup in made:  # the store was not replaced: this is no backup
                with contextlib.suppress(OSError):
                    backup.unlink()
            raise StoreError(f"cannot save to {self.path}: {exc.strerror or exc}") from None
        self._backed_up = True
        if made:
            datafile.prune_backups(self.folder)
        self._snapshot, self._signature = snapshot, signature(self.target)

    def _table(self, name: str) -> Table:
        from tinydb.table import Table

        return Table(self.db.storage, name, cache_size=0)

    def _changing(self, name: str) -> Table:
        """The table ``name``, noted as changed: a save decodes only the changed tables."""
        self._touched.add(name)
        return self._table(name)

    def _rows(self, table: str) -> list[tuple[int, dict[str, Any]]]:
        """A table's records, as TinyDB's ``all()`` gives them, read from the raw tables
        directly (a TinyDB document per record costs more than the record)."""
        return [(int(key), dict(doc)) for key, doc in self._raw().get(table, {}).items()]

    def _append(self, table: str, record: Mapping[str, Any]) -> int:
        with self.transaction():
            return int(self._changing(table).insert(dict(record)))

    def _put(self, table: str, doc_id: int, record: Mapping[str, Any]) -> None:
        """Store ``record`` as record ``doc_id``, replacing every field it had."""
        with self.transaction():
            rows = self._changing(table)
            if rows.contains(doc_id=doc_id):
                rows.remove(doc_ids=[doc_id])
            from tinydb.table import Document

            rows.insert(Document(dict(record), doc_id=doc_id))

    def _remove(self, table: str, doc_id: int) -> None:
        with self.transaction():
            rows = self._changing(table)
            if rows.contains(doc_id=doc_id):
                rows.remove(doc_ids=[doc_id])

    # -- recovery -------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        return datafile.backups(self.folder)

    def _recover(self, reason: str) -> None:
        """Move a damaged file aside and restore the newest good backup (or start empty)."""
        datafile.private_folder(self.folder, self.notices)
        with self._locked():
            found = signature(self.target)
            try:  # another process may have repaired it meanwhile
                tables = datafile.read_tables(self.target, SCHEMA_VERSION) if found else {}
                self._install(tables, found)
                return
            except ValueError:
                pass
            aside = datafile.move_aside(self.target, self.clock())
            restored = self._restore_backup()
        what = f"{self.path} could not be read ({reason}); moved it to {aside}"
        if restored is None:
            self.notices.append(f"{what} and started afresh (no backup to restore)")
        else:
            self.notices.append(f"{what} and restored the backup {restored.name}")

    def _restore_backup(self) -> Path | None:
        for backup in self.backups():
            try:
                self._install(datafile.read_tables(backup, SCHEMA_VERSION), None)
            except (StoreError, ValueError):
                continue
            self._backed_up = True  # the restored copy is already a backup
            write_atomic(self.path, backup.read_text(encoding="utf-8"))
            self._signature = signature(self.target)
            return backup
        self._install({}, None)
        return None
