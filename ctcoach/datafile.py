"""The store's file on disk, without TinyDB: how it is read and checked, its private
folder, its rolling backups, and moving a damaged copy aside (where it lives and its
identity: :mod:`ctcoach.storefile`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from ctcoach.errors import StoreError
from ctcoach.fileio import TMP_SUFFIX, copy_atomic, fsync_dir, temp_prefix
from ctcoach.records import SPLIT, RecordError, Snapshot, Unusual, decode_bytes, decode_stream

T = TypeVar("T", bound=Mapping[str, Any])

BACKUP_DIR = "backups"
KEEP_BACKUPS = 3


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while a store is parsed and decoded: it allocates many small
    objects that all stay alive, which the collector would scan again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(data: bytes | str) -> dict[str, Any]:
    """The raw tables of a store file; raises ``ValueError`` describing the damage.
    msgspec reads it (about twice as fast as :mod:`json`); what msgspec refuses, json
    reads again, which names the damage, or reads what only it takes (a lone surrogate
    escape, a number too large for a float)."""
    if not data.strip():
        return {}
    try:
        tables = _PLAIN.decode(data)
    except msgspec.DecodeError:
        tables = _parse_json(data if isinstance(data, str) else _decoded(data))
    if not isinstance(tables, dict):
        raise ValueError("not a ctcoach store (the top level is not a table)")
    return tables


_PLAIN: msgspec.json.Decoder[Any] = msgspec.json.Decoder()


def _parse_json(text: str) -> Any:
    import json

    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number ctcoach stores")


def dump(tables: Mapping[str, Any]) -> str:
    """Compact JSON through the C encoder; NaN and infinity are refused."""
    import json

    try:
        return json.dumps(tables, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as exc:
        raise StoreError(f"cannot save: {exc}") from None


def version(tables: Mapping[str, Any]) -> int | None:
    meta = tables.get("meta")
    if not isinstance(meta, Mapping) or not meta:
        return None
    doc = meta.get("1")
    found = doc.get("schema_version") if isinstance(doc, Mapping) else None
    if isinstance(found, bool) or not isinstance(found, int):
        raise RecordError("meta", "1", "schema_version must be a whole number")
    return found


def read_tables(path: Path, newest: int) -> dict[str, Any]:
    """Parsed tables of a schema this ctcoach knows; ``ValueError`` says how it is damaged,
    :class:`StoreError` that it cannot be read or is from a newer ctcoach."""
    return _checked(parse(_read_bytes(path)), path, newest)


class Tables(MutableMapping[str, Any]):
    """A store file's raw tables for a save, each parsed only when first used: a save
    changes a table or two, and writes the others back as the very bytes it read (a save
    then costs what its tables cost, not what the whole store does). Tables given as
    plain data (migrated, repaired, new) are simply held."""

    def __init__(self, tables: Mapping[str, Any] | None = None) -> None:
        self._values: dict[str, Any] = dict(tables or {})
        self._unread: set[str] = set()  # the names whose values are still msgspec.Raw

    @classmethod
    def read(cls, path: Path, newest: int) -> Tables:
        """Like :func:`read_tables`: the file split into its tables, none parsed yet when
        it is well-formed JSON of the usual shape, all parsed the careful way otherwise."""
        data = _read_bytes(path)
        try:
            raw = SPLIT.decode(data) if data.strip() else {}
        except msgspec.DecodeError:
            return cls(_checked(parse(data), path, newest))  # json names the damage
        tables = cls()
        tables._values, tables._unread = dict(raw), set(raw)
        _checked(tables, path, newest)
        return tables

    def __getitem__(self, name: str) -> Any:
        value = self._values[name]
        if name in self._unread:
            value = _parse_table(value)
            self._values[name] = value
            self._unread.discard(name)
        return value

    def __setitem__(self, name: str, value: Any) -> None:
        self._values[name] = value
        self._unread.discard(name)

    def __delitem__(self, name: str) -> None:
        del self._values[name]
        self._unread.discard(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def encoded(self) -> list[bytes | memoryview]:
        """The file's JSON, in pieces to write one after the other: the tables used
        encoded (compact, by the C encoder; NaN and infinity refused), the others the
        bytes they were read from (not copied)."""
        import json

        parts: list[bytes | memoryview] = []
        for name, value in self._values.items():
            parts.append((b"{" if not parts else b",") + json.dumps(name).encode() + b":")
            parts.append(memoryview(value) if name in self._unread else dump(value).encode())
        parts.append(b"}" if parts else b"{}")
        return parts


def _parse_table(raw: msgspec.Raw) -> Any:
    try:
        return _PLAIN.decode(raw)
    except msgspec.DecodeError:  # what only json reads (a lone surrogate, a huge number)
        return _parse_json(_decoded(bytes(raw)))


def read_snapshot(path: Path, newest: int) -> Snapshot | dict[str, Any]:
    """The store at ``path`` decoded while it is parsed, record by record, so its raw
    tables are never all in memory beside the snapshot; when the file is not a plain store
    of the ``newest`` schema (damaged, older, newer, unusual), its raw tables instead, read
    as :func:`read_tables` does (same errors), for the caller to migrate and decode."""
    data = _read_bytes(path)
    try:
        snapshot = decode_bytes(data)  # the usual store: msgspec reads it, types and all
    except (ValueError, RecursionError):
        snapshot = None  # anything else: the careful readers below
    if snapshot is not None and snapshot.schema_version in (None, newest):
        return snapshot
    text = _decoded(data)
    try:
        snapshot = decode_stream(_Scanner(text).tables())
    except (ValueError, RecursionError):
        snapshot = None  # the plain way below says what is wrong, if anything
    if snapshot is not None and snapshot.schema_version in (None, newest):
        return snapshot
    return _checked(parse(text), path, newest)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None


def _checked(tables: T, path: Path, newest: int) -> T:
    try:
        found = version(tables)
    except RecordError:
        return tables  # a damaged meta table is handled like any bad record
    if found is not None and found > newest:
        raise StoreError(
            f"{path} was written by a newer ctcoach (schema {found}); upgrade ctcoach to use it"
        )
    return tables


_WHITESPACE = r"[ \t\n\r]*"  # compiled where it is used (rare), which ``re`` keeps
_SPACE = frozenset(" \t\n\r")  # JSON's whitespace ("" is not in it: the end of the text)
Scan = Callable[[str, int], tuple[Any, int]]


class _Scanner:
    """A store file, ``{table: {id: record}}``, read table by table and record by record:
    the two outer levels here, each record by the C scanner of :mod:`json` (what
    ``json.loads`` uses), with the same rules (NaN and infinity refused). Anything not of
    that shape raises :class:`Unusual`; ``json.loads`` then reads it and names the damage."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        import json  # the fast reader (msgspec) needs none of it

        decoder = json.JSONDecoder(parse_constant=_no_constant)
        # What json.loads itself uses (the C versions); typeshed does not declare them.
        self.scan: Scan = decoder.scan_once  # type: ignore[attr-defined]
        self.scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

    def tables(self) -> Iterator[tuple[str, Iterator[tuple[str, Any]]]]:
        """Each table's name and its records; take all of a table's records before the next."""
        for name in self._members():
            yield name, self._records()
        if self._next() != "":
            raise Unusual("text after the tables")

    def _records(self) -> Iterator[tuple[str, Any]]:
        """The members of a table: ``_members`` inlined, with ``at`` in a local, since this
        runs for every record (whitespace, which the store never writes, via ``_next``)."""
        text, scan, space, scanstring = self.text, self.scan, _SPACE, self.scanstring
        if self._next() != "{":
            raise Unusual("not a table")
        self.at += 1
        if self._next() == "}":
            self.at += 1
            return
        at = self.at
        while True:
            if text[at : at + 1] != '"':
                raise Unusual("not a name")
            key, at = scanstring(text, at + 1)
            if text[at : at + 1] != ":":
                self.at = at
                if self._next() != ":":
                    raise Unusual("no colon")
                at = self.at
            at += 1
            if text[at : at + 1] in space:
                self.at = at
                self._next()
                at = self.at
            try:
                doc, at = scan(text, at)
            except StopIteration:
                raise Unusual("not a value") from None
            yield key, doc
            end = text[at : at + 1]
            if end in space:
                self.at = at
                end = self._next()
                at = self.at
            at += 1
            if end == "}":
                self.at = at
                return
            if end != ",":
                raise Unusual("no comma")
            if text[at : at + 1] in space:
                self.at = at
                self._next()
                at = self.at

    def _members(self) -> Iterator[str]:
        """The keys of the object at ``at``; the caller reads each value, moving ``at``."""
        text = self.text
        if self._next() != "{":
            raise Unusual("not a table")
        self.at += 1
        if self._next() == "}":
            self.at += 1
            return
        while True:
            if self._next() != '"':
                raise Unusual("not a name")
            key, self.at = self.scanstring(text, self.at + 1)
            if self._next() != ":":
                raise Unusual("no colon")
            self.at += 1
            self._next()
            yield key
            end = self._next()
            self.at += 1
            if end == "}":
                return
            if end != ",":
                raise Unusual("no comma")

    def _next(self) -> str:
        """The next character that is not whitespace ("" at the end), ``at`` moved to it."""
        at = self.at
        char = self.text[at : at + 1]
        if char in _SPACE:  # rare: the store writes no whitespace
            self.at = at = re.compile(_WHITESPACE).match(self.text, at).end()  # type: ignore[union-attr]
            char = self.text[at : at + 1]
        return char


def private_folder(folder: Path, notices: list[str]) -> None:
    """Make the data folder, or make an existing one private to its owner (0700)."""
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            folder.chmod(0o700)
        elif not folder.is_dir():
            raise StoreError(f"data folder {folder} is not a folder")
        elif _shared(folder):
            folder.chmod(0o700)
            notices.append(f"made your data folder {folder} private (0700)")
    except OSError as exc:
        raise StoreError(f"cannot use data folder {folder}: {exc.strerror or exc}") from None


def _shared(folder: Path) -> bool:
    """True when others may look into a folder the user owns."""
    st = folder.stat()
    return bool(st.st_mode & 0o077) and st.st_uid == os.getuid()


def clean_temp_files(target: Path) -> None:
    """Remove left-over temporary files; call only under the lock, when none is in flight."""
    for leftover in target.parent.glob(f"{temp_prefix(target)}*{TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def backups(folder: Path) -> list[Path]:
    """The rolling backups in the data folder, newest first."""
    place = folder / BACKUP_DIR
    if not place.is_dir():
        return []
    return sorted(place.glob("ctcoach-*.json"), reverse=True)


def back_up(folder: Path, target: Path, now: dt.datetime) -> Path | None:
    """Keep the file at ``target`` as it is now among the rolling backups (private). Call it
    just before ``target`` is replaced, then :func:`prune_backups` once it has been. Returns
    the backup made, or None for a missing or empty file.

    A private file with no other name gets a second name in the backups folder (a hard
    link): once the target is replaced, that is the only name the old file has, so a
    backup of any size costs no copy. Where that cannot be (another file system, a file
    shared with other users or already linked elsewhere, no links at all) it is copied."""
    try:
        found = os.stat(target)
        if found.st_size < 64 and not target.read_bytes().strip():  # empty, or spaces only
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot back up {target}: {exc.strerror or exc}") from None
    place = folder / BACKUP_DIR
    backup = place / f"ctcoach-{now:%Y%m%d-%H%M%S-%f}.json"
    try:
        place.mkdir(mode=0o700, exist_ok=True)
        if not _linked(target, found, backup):
            copy_atomic(target, backup)
    except OSError as exc:
        raise StoreError(f"cannot back up {target}: {exc.strerror or exc}") from None
    return backup


def _linked(target: Path, found: os.stat_result, backup: Path) -> bool:
    if found.st_nlink != 1 or not stat.S_ISREG(found.st_mode):
        return False
    if stat.S_IMODE(found.st_mode) != 0o600:  # a backup is private whatever the store is
        return False
    try:
        fd = os.open(target, os.O_RDONLY)
        try:  # on disk before it is the backup (at once for a file ctcoach wrote: synced)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(target, backup)
    except OSError:
        return False
    fsync_dir(backup.parent)
    return True


def prune_backups(folder: Path) -> None:
    """Remove all but the newest backups (one left behind now is removed next time)."""
    for old in backups(folder)[KEEP_BACKUPS:]:
        with contextlib.suppress(OSError):
            old.unlink()


def move_aside(target: Path, now: dt.datetime) -> Path:
    """Rename a damaged file to ``NAME.corrupt-DATE-TIME`` (never overwriting one)."""
    stamp = f"{now:%Y%m%d-%H%M%S}"
    aside = target.with_name(f"{target.name}.corrupt-{stamp}")
    count = 1
    while aside.exists():
        count += 1
        aside = target.with_name(f"{target.name}.corrupt-{stamp}-{count}")
    try:
        os.replace(target, aside)
    except OSError as exc:
        raise StoreError(f"cannot move damaged {target} aside: {exc.strerror}") from None
    return aside
