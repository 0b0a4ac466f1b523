"""Reading a store file record by record gives what parsing it whole and decoding gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ctcoach import datafile, records
from ctcoach.store import SCHEMA_VERSION, STORE_NAME, Store

TODAY = dt.date(2026, 11, 24)
META = {"1": {"schema_version": SCHEMA_VERSION}}
STORE = {
    "profile": {"1": {"name": 'Ada \u00e9\\"', "next_conference": {"name": "STS"}}},
    "contacts": {
        "2": {"name": "B", "added": "2026-01-02", "tags": ["x"]},
        "1": {"name": "A", "added": "2026-01-01", "reconnect_days": 30},
    },
    "interactions": {
        str(n): {"contacts": [1 + n % 2], "date": f"2026-01-{1 + n % 28:02d}", "kind": "coffee"}
        for n in range(1, 40)
    },
    "quiz_attempts": {"1": {"quiz": "q", "date": "2026-01-01", "answers": {}, "score": 3}},
    "future_table": {"1": {"anything": [1, {"deep": None}]}},
    "settings": {"1": {"theme": "dark"}},
    "meta": META,
}


def write(folder: Path, text: str) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / STORE_NAME
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(STORE),
        json.dumps(STORE, indent=2),  # whitespace everywhere the grammar allows it
        json.dumps(STORE, separators=(",", ":"), ensure_ascii=False),  # as the store writes
        " \n" + json.dumps(STORE, indent="\t") + "\r\n",
        json.dumps({"meta": META}),
        '{"contacts": {}, "meta": {"1": {"schema_version": 2}}}',
        '{"done": {"1": {"item": "a", "on": "2026-01-01"}},'
        ' "done": {"1": {"item": "b", "on": "2026-01-02"}}}',  # a table twice: the last wins
        '{"done": {"1": {"item": "a", "on": "2026-01-01"}, "1": {"item": "b", "on": ""}}}',
        '{"done": {"1": {"item": "a", "on": "2026-01-01"}, "01": {"item": "b", "on": ""}}}',
        "{}",
        ' { "done" : { "1" : {"item": "a", "on": "2026-01-01"} ,\n "2" :{"item":"b","on":'
        '"2026-01-02"}\t} , "meta" : { } ,"mentors":{ } } ',  # spaces around every mark
    ],
)
def test_the_snapshot_read_record_by_record_is_the_decoded_file(tmp_path, text):
    path = write(tmp_path, text)
    read = datafile.read_snapshot(path, SCHEMA_VERSION)
    if isinstance(read, dict):  # left to the plain way (duplicate ids): the same tables
        assert read == json.loads(text)
        read = records.decode(read)
    assert read == records.decode(json.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{not json",
        "[]",
        '{"profile": []}',
        '{"done": {"1": {"item": "a", "on": "2026-01-01"}} x',
        '{"done": {"1": {"item": "a", "on": NaN}}}',
        '{"mentors": {"1": {"name": 7}}}',
        '{"meta": {"1": {"schema_version": 1}}}',  # older: migrated the plain way
    ],
)
def test_anything_unusual_is_read_the_plain_way(tmp_path, text):
    path = write(tmp_path, text)
    try:
        expected: object = datafile.read_tables(path, SCHEMA_VERSION)
    except ValueError as exc:
        expected = str(exc)
    try:
        read: object = datafile.read_snapshot(path, SCHEMA_VERSION)
    except ValueError as exc:
        read = str(exc)
    assert read == expected


def test_a_newer_schema_is_refused_even_when_its_records_look_bad(tmp_path):
    path = write(tmp_path, json.dumps({"meta": {"1": {"schema_version": 99}}, "done": {"1": 5}}))
    with pytest.raises(Exception, match="newer ctcoach"):
        datafile.read_snapshot(path, SCHEMA_VERSION)


def test_reading_keeps_no_raw_tables_and_a_save_keeps_what_it_does_not_decode(data_dir):
    write(data_dir, json.dumps(STORE))
    store = Store(data_dir)
    assert store.snapshot().contacts[0].name == "A"
    assert (store._tables, store.reads) == (None, 1)  # reading holds the snapshot only
    store.set_done("a", True, TODAY)
    assert store.reads == 2  # the raw tables, read inside the save's lock
    saved = json.loads((data_dir / STORE_NAME).read_text())
    assert saved["future_table"] == STORE["future_table"]  # no decoder reads these
    assert saved["quiz_attempts"]["1"]["score"] == 3
    assert saved["done"] == {"1": {"item": "a", "on": "2026-11-24"}}
    assert store.snapshot() == Store(data_dir).snapshot()
    store.set_done("b", True, TODAY)
    assert store.reads == 2  # the raw tables are kept from then on


def test_a_save_after_another_process_changed_the_file_parses_it_once(data_dir):
    write(data_dir, json.dumps(STORE))
    store = Store(data_dir)
    Store(data_dir).set_setting("theme", "light")
    reads = store.reads
    store.set_done("a", True, TODAY)
    assert store.reads == reads + 1  # raw tables and snapshot from one parse, in the lock
    assert store.snapshot().setting("theme") == "light"
    assert store.snapshot().done_items == {"a"}
