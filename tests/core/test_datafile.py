"""Reading a store file record by record gives what parsing it whole and decoding gives."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
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


def test_a_save_after_another_process_changed_the_file_reads_it_in_the_lock(data_dir):
    write(data_dir, json.dumps(STORE))
    store = Store(data_dir)
    Store(data_dir).set_setting("theme", "light")
    reads = store.reads
    store.set_done("a", True, TODAY)
    assert store.reads == reads + 2  # the snapshot, then the raw tables, in the lock
    assert store.snapshot().setting("theme") == "light"
    assert store.snapshot().done_items == {"a"}


def test_a_save_parses_only_the_tables_it_uses_and_writes_the_others_back_as_they_were(
    data_dir,
):
    text = json.dumps(STORE, indent=1)  # spaced: the tables not used keep their spacing
    write(data_dir, text)
    store = Store(data_dir)
    store.set_done("a", True, TODAY)
    tables = store._tables
    assert tables is not None
    parsed = {name for name in tables if name not in tables._unread}
    assert parsed == {"done", "meta"}
    saved = (data_dir / STORE_NAME).read_text()
    assert json.dumps(STORE["contacts"], indent=1).replace("\n", "\n ") in saved
    assert json.loads(saved) == {
        **STORE,
        "done": {"1": {"item": "a", "on": "2026-11-24"}},
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }


# -- the fast path (msgspec) agrees with the careful decoders ---------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ODD = st.sampled_from([None, True, 0, 7, 2.5, -1, "", "x", [], [1], ["a"], {}, {"a": 1}])
DAYS = st.sampled_from(["2026-01-02", "1999-12-31", "2026-11-24"])
BAD_DAYS = st.sampled_from(["2026-13-01", "1800-01-01", "2026-1-2", ""])
# Texts, some that look like the place between two records: `},"12":{`.
TEXT = st.text(max_size=8) | st.sampled_from(['},"12":{', '"},"3":{"', '\\},"4":{', "},\n"])


def _record(
    required: dict[str, st.SearchStrategy[object]],
    optional: dict[str, st.SearchStrategy[object]],
    odd: bool,
) -> st.SearchStrategy[dict[str, object]]:
    """A record of good fields or, when ``odd``, with any field maybe missing or odd."""
    if not odd:
        return st.fixed_dictionaries(required, optional=optional)
    fields = {k: st.one_of(v, ODD, BAD_DAYS) for k, v in {**required, **optional}.items()}
    return st.fixed_dictionaries({}, optional=fields)


def _contact(odd: bool) -> st.SearchStrategy[dict[str, object]]:
    return _record(
        {"name": TEXT, "added": DAYS},
        {
            "role": TEXT,
            "institution": TEXT,
            "tier": TEXT,
            "met": TEXT,
            "tags": st.lists(TEXT, max_size=2),
            "email": TEXT,
            "link": TEXT,
            "notes": TEXT,
            "reconnect_days": st.one_of(st.none(), st.integers(-5, 400)),
            "extra": TEXT,  # a field a newer ctcoach may write: ignored by both
        },
        odd,
    )


def _interaction(odd: bool) -> st.SearchStrategy[dict[str, object]]:
    return _record(
        {
            "contacts": st.lists(st.integers(-2, 9), min_size=1, max_size=3),
            "date": DAYS,
            "kind": TEXT,
        },
        {
            "what": TEXT,
            "where": TEXT,
            "promise": TEXT,
            "promise_by": st.one_of(st.none(), DAYS),
            "followed_up": st.one_of(st.none(), DAYS),
            "promise_kept": st.one_of(st.none(), DAYS),
        },
        odd,
    )


def _table(record: st.SearchStrategy[dict[str, object]]) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.integers(1, 30).map(str), record, max_size=5)


def _both(contacts: object, interactions: object) -> tuple[object, object]:
    """What the careful decoders and the fast path make of a store (None: refused)."""
    data = datafile.dump({"contacts": contacts, "interactions": interactions, "meta": META})
    try:
        careful: object = records.decode(json.loads(data))
    except ValueError:
        careful = None
    fast: list[object] = []
    for size in (records.SLICE_BYTES, 1):  # whole tables, and a slice per record
        with patched(records, "SLICE_BYTES", size):
            try:
                fast.append(records.decode_bytes(data.encode()))
            except ValueError:
                fast.append(None)  # stepped aside: the careful readers take over
    assert fast[0] == fast[1]
    return careful, fast[0]


@contextlib.contextmanager
def patched(module: object, name: str, value: object) -> Iterator[None]:
    """``module.name`` set to ``value`` for a while (inside a hypothesis test, where the
    monkeypatch fixture cannot be used)."""
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts=_table(_contact(False)), interactions=_table(_interaction(False)))
def test_the_fast_path_reads_a_good_store_as_the_careful_decoders_do(
    contacts: dict[str, object], interactions: dict[str, object]
) -> None:
    careful, fast = _both(contacts, interactions)
    assert careful is not None and fast == careful


ANY_ID = st.one_of(st.integers(1, 30).map(str), st.sampled_from(["01", "x", "-1", " 2"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    contacts=st.dictionaries(ANY_ID, _contact(True) | _contact(False) | ODD, max_size=4),
    interactions=st.dictionaries(
        ANY_ID, _interaction(True) | _interaction(False) | ODD, max_size=4
    ),
)
def test_the_fast_path_refuses_what_the_careful_decoders_refuse(
    contacts: dict[str, object], interactions: dict[str, object]
) -> None:
    careful, fast = _both(contacts, interactions)
    assert fast is None or fast == careful  # never a record the careful decoders refuse


# -- parsing the raw tables (for a save): msgspec first, json for what it refuses -------

JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(tables=st.dictionaries(st.text(), JSONISH, max_size=4))
def test_raw_tables_parse_as_json_reads_them(tables: dict[str, object]) -> None:
    for text in (json.dumps(tables), json.dumps(tables, ensure_ascii=False, indent=1)):
        assert datafile.parse(text.encode("utf-8", "surrogatepass")) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1e400}', {"a": float("inf")}),  # too large for msgspec: json reads it
        ('{"a": "\\ud800"}', {"a": "\ud800"}),  # a lone surrogate escape: likewise
        ('{"a": NaN}', "NaN is not a number ctcoach stores"),
        ('{"a": 1,}', "not valid JSON"),
        ("[1]", "not a ctcoach store"),
        (" \n", {}),
    ],
)
def test_what_msgspec_refuses_json_reads_or_names(text: str, expected: object) -> None:
    try:
        got: object = datafile.parse(text.encode())
    except ValueError as exc:
        got = str(exc)
    if isinstance(expected, str):
        assert isinstance(got, str) and got.startswith(expected)
    else:
        assert got == expected
