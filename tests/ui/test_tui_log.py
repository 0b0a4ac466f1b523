"""Pilot tests: People (add, edit, delete, undo, filter, sort), Due, quick log, other writers."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input

from ctcoach.logbook import Entry
from ctcoach.network import Contact, ContactDraft
from ctcoach.store import Store
from ctcoach.tui.screens import people as people_module
from ctcoach.tui.screens.due import DueScreen
from ctcoach.tui.screens.log_dialogs import ContactDialog, QuickLogDialog
from ctcoach.tui.screens.people import GlanceScreen, PeopleScreen

from ..helpers import TODAY
from .helpers import enter_text, screen_text, until

BASIC = {"stage": "ms3", "home_ct_program": True}


def names(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def seed(app, *people: str) -> None:
    for name in people:
        app.coach.log.save_contact(ContactDraft(name, institution=f"{name} Hospital"))


async def test_add_edit_filter_and_sort_contacts(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, PeopleScreen)
        assert "No contacts yet" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, ContactDialog)
        await pilot.press(*"Dr. Maya Chen", "ctrl+s")
        assert isinstance(app.screen, PeopleScreen)
        assert names(app) == ["Dr. Maya Chen"]
        seed(app, "Ann Zed", "Bo Young")
        app.screen.refresh_data()
        assert names(app) == ["Ann Zed", "Bo Young", "Dr. Maya Chen"]
        await pilot.press("slash", *"mya", "enter")  # fuzzy: a typo still finds her
        assert names(app) == ["Dr. Maya Chen"]
        await pilot.press("e")
        assert isinstance(app.screen, ContactDialog)
        app.screen.query_one("#institution", Input).value = "Metro Heart"
        await pilot.press("ctrl+s")
        assert "Metro Heart" in screen_text(app)


async def test_a_bad_contact_names_the_field_and_keeps_the_dialog(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "a", *"Ann", "tab")
        app.screen.query_one("#email", Input).value = "not-an-address"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactDialog)
        assert "Email: 'not-an-address' does not look like an email address" in screen_text(app)


async def test_delete_asks_then_undo_brings_the_contact_and_their_log_back(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        seed(app, "Ann Zed")
        app.coach.log.log(Entry((1,), "Coffee"))
        await pilot.press("n", "d")
        await pilot.press("enter")  # the dialog's default button is "Keep"
        assert names(app) == ["Ann Zed"]
        await pilot.press("d", "tab", "enter")
        assert names(app) == [] and app.coach.log.interactions() == ()
        await pilot.press("u")
        assert names(app) == ["Ann Zed"] and len(app.coach.log.interactions()) == 1


async def test_quick_log_from_anywhere_makes_a_follow_up_due(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        seed(app, "Dr. Maya Chen")
        await pilot.press("l")
        assert isinstance(app.screen, QuickLogDialog)
        await enter_text(pilot, "maya chen")
        await pilot.press("tab", "tab")
        await enter_text(pilot, "Valve clinic")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, QuickLogDialog)
        (item,) = app.coach.log.interactions()
        assert item.what == "Valve clinic" and item.date == TODAY
        await pilot.press("f")
        assert isinstance(app.screen, DueScreen)
        await pilot.pause()
        assert "Follow up with Dr. Maya Chen" in screen_text(app)


async def test_quick_log_warns_once_before_adding_a_near_namesake(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        seed(app, "Maya Chen")
        await pilot.press("l")
        await enter_text(pilot, "Maya Chan")
        await pilot.press("tab", "tab")
        await enter_text(pilot, "Hello")
        await pilot.press("enter")
        assert isinstance(app.screen, QuickLogDialog)
        assert "did you mean Maya Chen" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert [c.name for c in app.coach.log.contacts()] == ["Maya Chen", "Maya Chan"]


async def test_due_view_marks_a_follow_up_sent(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        seed(app, "Ann Zed")
        app.coach.log.log(Entry((1,), "Met", "conference", date=TODAY - dt.timedelta(days=5)))
        await pilot.press("f")
        await pilot.pause()
        due = app.screen.selected()
        assert due is not None and due.kind == "follow_up"
        assert "Overdue" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert "Follow up with Ann Zed" not in screen_text(app)
        assert app.coach.log.interactions()[0].followed_up == TODAY


async def test_the_open_app_shows_an_interaction_logged_from_the_command_line(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        seed(app, "Ann Zed")
        await pilot.press("f")
        await pilot.pause()
        assert "Nothing is due" in screen_text(app)
        other = Store(data_dir)  # `ctcoach log add` in another terminal
        from ctcoach.coach import Coach

        Coach(app.coach.pack, other, lambda: TODAY).log.log(Entry((1,), "Call", "call"))
        app.check_store()
        await pilot.pause()
        await pilot.pause()
        assert "Follow up with Ann Zed" in screen_text(app)


async def test_the_network_overview_counts_tiers_roles_and_silences(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        for name in ("A One", "B Two", "C Three"):
            app.coach.log.save_contact(ContactDraft(name, role="attending", tier="local"))
        app.coach.log.log(Entry((1,), "Chat", date=TODAY - dt.timedelta(days=40)))
        await pilot.press("n", "v")
        assert isinstance(app.screen, GlanceScreen)
        text = screen_text(app)
        assert "Attending surgeon: 3" in text
        assert "3 of your 3 contacts are surgeons" in text
        assert "A One: 40 days" in text


async def test_many_contacts_open_a_page_first_and_every_key_reaches_them_all(
    make_app, monkeypatch
):
    # No pages added in the background here: what a key adds, it adds itself.
    monkeypatch.setattr(people_module.PeopleTable, "add_more", lambda self, fills: None)
    app = make_app(BASIC)
    names_in_order = [f"Contact {n:03}" for n in range(150)]
    long_place = "A Very Long Institution Name Indeed"
    app.coach.store.add_contacts(
        [Contact(0, name, TODAY, institution="Hospital") for name in names_in_order[:-1]]
        + [Contact(0, names_in_order[-1], TODAY, institution=long_place)]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        table = app.screen.query_one(DataTable)
        assert table.row_count == people_module.FIRST_ROWS  # the first page, as it opens
        # The columns fit the widest cell of all, the last contact's too, from the start.
        assert table.ordered_columns[2].width == len(long_place)
        await pilot.press("ctrl+end")  # past the first page at once: the rest added first
        assert table.row_count == 150
        assert "Contact 149" in screen_text(app)
        assert names(app) == names_in_order
        await pilot.press("escape", "n", *["pagedown"] * 7)  # past the first page
        table = app.screen.query_one(DataTable)
        assert people_module.FIRST_ROWS < table.cursor_row < table.row_count < 150
        await pilot.press("escape", "n")  # again, one row at a time past the first page
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=people_module.FIRST_ROWS - 2)
        await pilot.press("down", "down", "down", "down")
        row = people_module.FIRST_ROWS + 2
        assert table.cursor_row == row and names(app)[row] == f"Contact {row:03}"


async def test_many_contacts_are_all_added_while_the_person_reads(make_app):
    app = make_app(BASIC)
    people = [Contact(0, f"Person {n:03}", TODAY) for n in range(700)]
    app.coach.store.add_contacts([*people, Contact(0, "Zed Quill", TODAY)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: table.row_count == 701, "every contact a row")
        await pilot.press("slash", *"Quill", "enter")  # a filter starts again
        assert names(app) == ["Zed Quill"]
        app.screen.query_one("#filter", Input).value = ""  # and so does clearing it
        await until(pilot, lambda: table.row_count == 701, "every contact a row again")
