"""The store: atomic, locked, re-read under the lock, backed up, recovered, bounded."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import stat
from collections import Counter
from pathlib import Path
from typing import Any

import filelock
import pytest

from ctcoach import records
from ctcoach import store as store_module
from ctcoach.mentors import Mentor
from ctcoach.network import Contact, Interaction
from ctcoach.pitfalls import Attempt
from ctcoach.store import STORE_NAME, Store, StoreBusy, StoreError, resolve_data_dir

TODAY = dt.date(2026, 11, 24)
CLOCK = dt.datetime(2026, 11, 24, 9, 30)


def open_store(folder: Path, **kwargs: object) -> Store:
    return Store(folder, clock=lambda: CLOCK, **kwargs)  # type: ignore[arg-type]


def test_profile_round_trip_and_permissions(data_dir):
    with Store(data_dir) as store:
        store.save_profile({"name": "A", "stage": "ms1"})
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / STORE_NAME).stat().st_mode) == 0o600
    with Store(data_dir) as store:
        assert store.snapshot().profile == {"name": "A", "stage": "ms1"}
    raw = json.loads((data_dir / STORE_NAME).read_text())
    assert raw["meta"]["1"]["schema_version"] == store_module.SCHEMA_VERSION


def test_saving_a_profile_replaces_every_old_answer(data_dir):
    store = Store(data_dir)
    store.save_profile({"name": "A", "stage": "ms1", "old": [1]})
    store.save_profile({"name": "A", "stage": "ms2"})
    assert Store(data_dir).snapshot().profile == {"name": "A", "stage": "ms2"}


def test_done_items_persist_and_toggle(data_dir):
    with Store(data_dir) as store:
        store.set_done("a", True, TODAY)
        store.set_done("b", True, TODAY)
        store.set_done("a", True, TODAY)
        store.set_done("a", False, TODAY)
    done = Store(data_dir).snapshot().done
    assert [(m.item, m.on) for m in done] == [("b", TODAY)]


def test_interrupted_write_leaves_the_old_file_readable(data_dir, monkeypatch):
    Store(data_dir).save_profile({"name": "Before"})
    before = (data_dir / STORE_NAME).read_text()

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # killed between the temp file and the rename

    store = Store(data_dir)
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.save_profile({"name": "After"})
    monkeypatch.undo()
    assert (data_dir / STORE_NAME).read_text() == before
    assert not list(data_dir.glob("*.tmp"))
    assert store.snapshot().profile == {"name": "Before"}  # the failed change is forgotten


def test_opening_leaves_other_processes_temp_files_alone(data_dir):
    data_dir.mkdir(mode=0o700)
    in_flight = data_dir / f".{STORE_NAME}.abc123.tmp"
    in_flight.write_text("{half")
    Store(data_dir).snapshot()  # a reader: no lock, so it cannot know the file is stale
    assert in_flight.exists()
    Store(data_dir).set_setting("theme", "x")  # a writer holds the lock: now it is stale
    assert not in_flight.exists()


def test_reading_creates_nothing(tmp_path):
    folder = tmp_path / "missing"
    store = Store(folder)
    assert store.snapshot().profile is None
    assert not folder.exists()


def test_an_existing_shared_folder_is_made_private_once(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    store = Store(folder)
    store.set_setting("a", 1)
    store.set_setting("a", 2)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert store.notices == [f"made your data folder {folder} private (0700)"]


def test_two_stores_never_erase_each_others_changes(data_dir):
    first, second = Store(data_dir), Store(data_dir)
    first.save_mentor(Mentor(0, "Dr. One", ("clinical",)))
    second.save_mentor(Mentor(0, "Dr. Two", ("research",)))  # second read before first wrote
    first.set_setting("theme", "dark")
    names = [m.name for m in Store(data_dir).snapshot().mentors]
    assert names == ["Dr. One", "Dr. Two"]
    assert second.snapshot().setting("theme") == "dark"  # a reader notices the change


def test_a_held_lock_gives_a_clear_message_not_a_hang(data_dir):
    store = Store(data_dir, lock_timeout=0.05)
    store.set_setting("a", 1)
    other = filelock.FileLock(str(data_dir / f"{STORE_NAME}.lock"))
    with other, pytest.raises(StoreBusy, match="another ctcoach is saving; try again"):
        store.set_setting("a", 2)
    assert Store(data_dir).snapshot().setting("a") == 1


def test_not_a_number_is_never_written(data_dir):
    store = Store(data_dir)
    store.set_setting("rate", 140)
    before = (data_dir / STORE_NAME).read_text()
    with pytest.raises(StoreError, match="cannot save"):
        store.set_setting("rate", float("nan"))
    assert (data_dir / STORE_NAME).read_text() == before


def test_saving_through_a_symlink_writes_its_target(tmp_path):
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "ctcoach.json"
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / STORE_NAME).symlink_to(real)
    Store(folder).save_profile({"name": "Linked"})
    Store(folder).set_setting("theme", "dark")
    assert (folder / STORE_NAME).is_symlink()
    assert json.loads(real.read_text())["profile"]["1"] == {"name": "Linked"}
    assert Store(folder).snapshot().setting("theme") == "dark"


def test_backups_roll_and_stay_private(data_dir):
    stamps = iter(dt.datetime(2026, 11, 24, 9, minute) for minute in range(10))
    for value in range(6):  # each Store is a new process: it backs up before its first save
        Store(data_dir, clock=lambda: next(stamps)).set_setting("n", value)
    backups = Store(data_dir).backups()
    assert len(backups) == 3
    assert [json.loads(b.read_text())["settings"]["1"]["n"] for b in backups] == [4, 3, 2]
    assert all(stat.S_IMODE(b.stat().st_mode) == 0o600 for b in backups)


def test_a_backup_of_any_size_is_the_old_file_kept_under_a_second_name(data_dir, monkeypatch):
    """No copy: the replaced file itself is the backup, and no longer shares anything with
    the store (an editor writing the store in place leaves the backup alone)."""
    Store(data_dir).save_profile({"name": "Old"})
    store_file = data_dir / STORE_NAME
    old = store_file.read_bytes()
    old_inode = store_file.stat().st_ino

    def no_copy(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the backup was copied")

    monkeypatch.setattr("ctcoach.datafile.copy_atomic", no_copy)
    Store(data_dir).save_profile({"name": "New"})
    (backup,) = Store(data_dir).backups()
    assert backup.read_bytes() == old and backup.stat().st_ino == old_inode
    assert backup.stat().st_nlink == 1 and stat.S_IMODE(backup.stat().st_mode) == 0o600
    with open(store_file, "r+b") as in_place:
        in_place.write(b"x")
    assert backup.read_bytes() == old


@pytest.mark.parametrize("why", ["shared mode", "no links here", "another name"])
def test_a_store_that_cannot_be_linked_is_backed_up_by_a_private_copy(data_dir, monkeypatch, why):
    Store(data_dir).save_profile({"name": "Old"})
    store_file = data_dir / STORE_NAME
    old = store_file.read_bytes()
    if why == "shared mode":
        store_file.chmod(0o644)
    elif why == "no links here":

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", refuse)
    else:
        os.link(store_file, data_dir.parent / "elsewhere.json")
    Store(data_dir).save_profile({"name": "New"})
    (backup,) = Store(data_dir).backups()
    assert backup.read_bytes() == old and backup.stat().st_ino != store_file.stat().st_ino
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    if why == "another name":  # the user's own second name still shows the old file
        assert (data_dir.parent / "elsewhere.json").read_bytes() == old


def test_a_save_that_fails_leaves_no_backup_and_the_next_save_makes_it(data_dir, monkeypatch):
    Store(data_dir).save_profile({"name": "Old"})
    old = (data_dir / STORE_NAME).read_bytes()
    store = Store(data_dir)
    replace = os.replace

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StoreError, match="No space left on device"):
        store.save_profile({"name": "New"})
    assert (data_dir / STORE_NAME).read_bytes() == old
    assert store.backups() == []
    monkeypatch.setattr(os, "replace", replace)
    store.save_profile({"name": "New"})
    assert [b.read_bytes() for b in store.backups()] == [old]


DAMAGED = [
    "{not json",
    "[]",
    '"text"',
    "\udcff\udcfe not utf-8",
    '{"profile": []}',
    '{"profile": {"1": "name"}}',
    '{"mentors": {"1": {"name": 7, "roles": ["clinical"]}}}',
    '{"mentors": {"x": {"name": "A", "roles": []}}}',
    '{"done": {"1": {"item": "a", "on": "9999-12-31"}}}',
    '{"done": {"1": {"item": "a", "on": "yesterday"}}}',
    '{"practices": {"1": {"date": "2026-11-24", "seconds": NaN, "words": 50}}}',
    '{"pitfall_attempts": {"1": {"date": "2026-11-24", "answers": {"a": "often"}}}}',
    '{"quiz_attempts": {"1": {"quiz": 3, "date": "2026-11-24"}}}',
    '{"meta": {"1": {"schema_version": "one"}}}',
    '{"settings": {"1": []}}',
]


@pytest.mark.parametrize("damaged", DAMAGED)
def test_a_damaged_store_is_moved_aside_and_the_backup_restored(data_dir, damaged):
    Store(data_dir).save_profile({"name": "Good"})
    open_store(data_dir).set_setting("theme", "dark")  # backs up the file with the profile
    (data_dir / STORE_NAME).write_bytes(damaged.encode("utf-8", "surrogateescape"))
    store = open_store(data_dir)
    assert store.snapshot().profile == {"name": "Good"}
    aside = data_dir / f"{STORE_NAME}.corrupt-20261124-093000"
    assert aside.read_bytes() == damaged.encode("utf-8", "surrogateescape")  # nothing lost
    assert len(store.notices) == 1
    assert "could not be read" in store.notices[0]
    assert str(aside) in store.notices[0] and "restored the backup" in store.notices[0]


def test_a_bad_record_is_named_in_the_message(data_dir):
    data_dir.mkdir(mode=0o700)
    (data_dir / STORE_NAME).write_text('{"mentors": {"3": {"name": 7, "roles": []}}}')
    store = open_store(data_dir)
    assert "mentors record 3: name must be text" in store.notices[0]
    assert "started afresh (no backup to restore)" in store.notices[0]
    assert store.snapshot().mentors == ()


def test_newer_schema_is_refused_and_left_untouched(data_dir):
    data_dir.mkdir(mode=0o700)
    text = json.dumps({"meta": {"1": {"schema_version": 99}}})
    (data_dir / STORE_NAME).write_text(text)
    with pytest.raises(StoreError, match="newer ctcoach"):
        Store(data_dir)
    assert (data_dir / STORE_NAME).read_text() == text


def test_older_schema_migrates_after_a_backup(data_dir, monkeypatch):
    data_dir.mkdir(mode=0o700)
    now = store_module.SCHEMA_VERSION
    old = json.dumps({"meta": {"1": {"schema_version": now}}, "profile": {"1": {"nom": "A"}}})
    (data_dir / STORE_NAME).write_text(old)

    def rename(tables):
        tables["profile"]["1"] = {"name": tables["profile"]["1"].pop("nom")}
        return tables

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, now, rename)
    store = open_store(data_dir)
    assert store.snapshot().profile == {"name": "A"}
    store.set_setting("theme", "dark")
    saved = json.loads((data_dir / STORE_NAME).read_text())
    assert saved["meta"]["1"]["schema_version"] == now + 1
    assert [b.read_text() for b in store.backups()] == [old]


def test_the_one_next_conference_of_schema_1_becomes_an_event(data_dir):
    data_dir.mkdir(mode=0o700)
    conference = {"name": "STS", "start": "2027-01-28", "end": "2027-01-31"}
    old = {"meta": {"1": {"schema_version": 1}}, "profile": {"1": {"next_conference": conference}}}
    (data_dir / STORE_NAME).write_text(json.dumps(old))
    store = open_store(data_dir)
    (event,) = store.snapshot().events
    assert (event.kind, event.name, event.start, event.end) == (
        "conference", "STS", dt.date(2027, 1, 28), dt.date(2027, 1, 31)
    )  # fmt: skip
    store.set_setting("theme", "dark")  # the first save writes the new schema after a backup
    assert json.loads(store.backups()[0].read_text()) == old
    assert json.loads((data_dir / STORE_NAME).read_text())["events"]["1"]["name"] == "STS"


def test_data_dir_resolution_order(tmp_path):
    assert resolve_data_dir("/x", {"CTCOACH_DATA_DIR": "/y"}).as_posix() == "/x"
    assert resolve_data_dir(None, {"CTCOACH_DATA_DIR": "/y"}).as_posix() == "/y"
    assert "ctcoach" in resolve_data_dir(None, {}).as_posix()


def _platformdirs_answer() -> str:
    import platformdirs

    return platformdirs.user_data_dir("ctcoach", appauthor=False)


def test_the_platform_folder_is_platformdirs_answer_kept_while_what_it_reads_holds(
    tmp_path, monkeypatch
):
    import sys

    cache = tmp_path / "cache"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    first = resolve_data_dir(None, {}, cache)
    assert first.as_posix() == _platformdirs_answer()
    (kept,) = cache.glob("data-dir-*.pickle")
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    with monkeypatch.context() as m:  # kept: platformdirs is not imported again
        m.setitem(sys.modules, "platformdirs", None)
        assert resolve_data_dir(None, {}, cache) == first
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # what it reads changed
    moved = resolve_data_dir(None, {}, cache)
    assert moved.as_posix() == _platformdirs_answer() == f"{tmp_path}/xdg/ctcoach"
    monkeypatch.setenv("HOME", str(tmp_path / "other"))
    assert resolve_data_dir(None, {}, cache).as_posix() == _platformdirs_answer()


def test_without_a_usable_home_or_cache_platformdirs_is_asked_each_time(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("HOME", "relative/home")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None, {}, cache).as_posix() == _platformdirs_answer()
    assert not list(cache.glob("data-dir-*"))  # nothing kept
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert resolve_data_dir(None, {}, blocked).as_posix() == _platformdirs_answer()
    broken = tmp_path / "broken"
    assert resolve_data_dir(None, {}, broken)  # kept now
    for kept in broken.glob("data-dir-*"):
        kept.write_bytes(b"not a pickle")  # a damaged cache file: asked again
    assert resolve_data_dir(None, {}, broken).as_posix() == _platformdirs_answer()


def test_a_file_read_once_is_not_parsed_again_until_it_changes(data_dir):
    store = Store(data_dir)
    store.save_profile({"name": "A"})
    reads = store.reads
    for _ in range(50):
        store.snapshot()
    assert store.reads == reads
    Store(data_dir).set_setting("theme", "dark")
    assert store.snapshot().setting("theme") == "dark"
    assert store.reads == reads + 1


def _counting_decoders(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Records decoded per table from now on, counted (operation counts, not time)."""
    calls: Counter[str] = Counter()
    for table in (records.LIST_TABLES, records.FAST_TABLES):  # the careful and the fast path
        for name, decoder in list(table.items()):

            def counted(doc_id: int, doc: object, name: str = name, decoder: Any = decoder) -> Any:
                calls[name] += 1
                return decoder(doc_id, doc)

            monkeypatch.setitem(table, name, counted)  # type: ignore[arg-type]
    return calls


def test_a_save_decodes_only_the_tables_it_changed(data_dir, monkeypatch):
    store = open_store(data_dir)
    with store.transaction():
        people = store.add_contacts([Contact(0, f"P{n}", TODAY) for n in range(30)])
        for n in range(200):
            store.save_interaction(Interaction(0, (people[n % 30],), TODAY, "coffee"))
        store.set_done("a", True, TODAY)
    calls = _counting_decoders(monkeypatch)
    store.set_done("b", True, TODAY)
    assert calls == {"done": 2}  # the two done marks; not the 230 people and interactions
    store.save_interaction(Interaction(0, (people[0],), TODAY, "email"))
    assert calls == {"done": 2, "interactions": 201}  # one table: linear in that table
    snap = store.snapshot()
    assert (len(snap.contacts), len(snap.interactions), snap.done_items) == (30, 201, {"a", "b"})
    assert snap == Store(data_dir).snapshot()  # the same as decoding the whole file again


def test_opening_decodes_each_record_once(data_dir, monkeypatch):
    store = open_store(data_dir)
    with store.transaction():
        people = store.add_contacts([Contact(0, f"P{n}", TODAY) for n in range(30)])
        for n in range(200):
            store.save_interaction(Interaction(0, (people[n % 30],), TODAY, "coffee"))
    calls = _counting_decoders(monkeypatch)
    assert len(open_store(data_dir).snapshot().interactions) == 200
    assert calls == {"contacts": 30, "interactions": 200}


# -- several processes -------------------------------------------------------------------


def _child(body) -> int:
    """Fork a child that runs ``body`` and exits; return its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            body()
        except BaseException:
            code = 1
        os._exit(code)
    return pid


def test_two_processes_each_adding_100_records_keep_all_200(data_dir):
    Store(data_dir).set_setting("start", 1)

    def add(who: str):
        def body() -> None:
            store = Store(data_dir, lock_timeout=30)
            for n in range(100):
                store.add_pitfall_attempt(Attempt(TODAY, {f"{who}{n}": 1}))

        return body

    pids = [_child(add("a")), _child(add("b"))]
    assert all(os.waitpid(pid, 0)[1] == 0 for pid in pids)
    attempts = Store(data_dir).snapshot().pitfall_attempts
    keys = {key for attempt in attempts for key in attempt.answers}
    assert len(attempts) == 200 and len(keys) == 200


def test_killed_mid_save_200_times_the_store_opens_with_every_acknowledged_write(data_dir):
    Store(data_dir).set_setting("start", 1)
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(200):
        read_end, write_end = os.pipe()

        def body(write_end: int = write_end) -> None:
            store = Store(data_dir, lock_timeout=30)
            while True:
                store.add_pitfall_attempt(Attempt(TODAY, {"s": 1}))
                os.write(write_end, b".")  # acknowledged: the save returned

        pid = _child(body)
        os.close(write_end)
        wanted = rng.randint(0, 3)
        got = b""
        while len(got) < wanted:
            got += os.read(read_end, 1)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        got += _drain(read_end)
        acknowledged += len(got)
        store = Store(data_dir)
        assert store.notices == []
        count = len(store.snapshot().pitfall_attempts)
        assert acknowledged <= count <= acknowledged + 1
        acknowledged = count  # an unacknowledged save may have landed; count it from now
    assert acknowledged >= 200


def _drain(fd: int) -> bytes:
    out = b""
    while chunk := os.read(fd, 4096):
        out += chunk
    os.close(fd)
    return out
