"""The TinyDB store: atomic writes, permissions, schema version, bad files."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest

from ctcoach.store import STORE_NAME, Store, StoreError, resolve_data_dir

TODAY = dt.date(2026, 11, 24)


def test_profile_round_trip_and_permissions(data_dir):
    with Store(data_dir) as store:
        store.save_profile({"name": "A", "stage": "ms1"})
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / STORE_NAME).stat().st_mode) == 0o600
    with Store(data_dir) as store:
        assert store.profile_data() == {"name": "A", "stage": "ms1"}
    raw = json.loads((data_dir / STORE_NAME).read_text())
    assert raw["meta"]["1"]["schema_version"] == 1


def test_done_items_persist_and_toggle(data_dir):
    with Store(data_dir) as store:
        store.set_done("a", True, TODAY)
        store.set_done("b", True, TODAY)
        store.set_done("a", False, TODAY)
    with Store(data_dir) as store:
        assert store.done_items() == {"b": "2026-11-24"}


def test_interrupted_write_leaves_the_old_file_readable(data_dir, monkeypatch):
    with Store(data_dir) as store:
        store.save_profile({"name": "Before"})
    before = (data_dir / STORE_NAME).read_text()

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # killed between the temp file and the rename

    store = Store(data_dir)
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.save_profile({"name": "After"})
    monkeypatch.undo()
    assert (data_dir / STORE_NAME).read_text() == before
    assert [p.name for p in data_dir.iterdir()] == [STORE_NAME]
    with Store(data_dir) as again:
        assert again.profile_data() == {"name": "Before"}


def test_leftover_temp_files_are_removed_at_open(data_dir):
    data_dir.mkdir()
    (data_dir / f".{STORE_NAME}.abc123.tmp").write_text("{half")
    Store(data_dir).close()
    assert not list(data_dir.glob("*.tmp"))


def test_corrupt_file_is_reported_and_left_untouched(data_dir):
    data_dir.mkdir()
    (data_dir / STORE_NAME).write_text("{not json")
    with pytest.raises(StoreError, match=r"not valid JSON.*left untouched"):
        Store(data_dir)
    assert (data_dir / STORE_NAME).read_text() == "{not json"


def test_newer_schema_is_refused(data_dir):
    data_dir.mkdir()
    (data_dir / STORE_NAME).write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    with pytest.raises(StoreError, match="newer ctcoach"):
        Store(data_dir)


def test_data_dir_resolution_order(tmp_path):
    assert resolve_data_dir("/x", {"CTCOACH_DATA_DIR": "/y"}).as_posix() == "/x"
    assert resolve_data_dir(None, {"CTCOACH_DATA_DIR": "/y"}).as_posix() == "/y"
    assert "ctcoach" in resolve_data_dir(None, {}).as_posix()
