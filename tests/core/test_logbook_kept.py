"""What the log book keeps between calls: the due list and each contact's last interaction,
worked out once per snapshot (the dashboard, the plan and People ask for the same ones)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ctcoach import logbook as logbook_module
from ctcoach.logbook import Entry, LogBook
from ctcoach.network import Contact
from ctcoach.store import Store

from ..helpers import TODAY


@pytest.fixture
def book(pack: Any, data_dir: Any) -> LogBook:
    store = Store(data_dir)
    store.save_contact(Contact(0, "Dr. Ada Lovelace", TODAY))
    return LogBook(pack, store, lambda: TODAY)


def test_the_due_list_is_worked_out_once_per_snapshot_day_and_stage(book, monkeypatch):
    calls: list[int] = []
    real = logbook_module.due_items

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(logbook_module, "due_items", counted)
    book.log(Entry((1,), "Met at the poster", "conference", date=TODAY - dt.timedelta(days=5)))
    snap = book.snapshot()
    first = book.due_in(snap, TODAY, "ms3")
    assert first and all(d.contacts == (1,) for d in first) and len(calls) == 1
    first.clear()  # a caller's list is its own
    assert book.due_in(snap, TODAY, "ms3") == book.due_in(snap, TODAY, "ms3") != []
    assert len(calls) == 1
    book.due_in(snap, TODAY + dt.timedelta(days=1), "ms3")
    book.due_in(snap, TODAY + dt.timedelta(days=1), "ms4")
    assert len(calls) == 3
    book.log(Entry((1,), "Called back", "call"))  # a save: a new snapshot
    after = book.due_in(book.snapshot(), TODAY, "ms3")
    assert len(calls) == 4 and after != book.due_in(snap, TODAY, "ms3")


def test_each_contact_s_last_interaction_is_kept_for_the_last_snapshot(book):
    book.log(Entry((1,), "Met at the poster", "conference", date=TODAY - dt.timedelta(days=5)))
    snap = book.snapshot()
    latest = book.latest_in(snap)
    assert latest[1].what == "Met at the poster" and book.latest_in(snap) is latest
    book.log(Entry((1,), "Called back", "call"))
    assert book.latest_in(book.snapshot())[1].what == "Called back"
