"""The networking log on the command line: every command, its output and exit codes."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from ctcoach.store import Store

from .test_linkedin_ics import HEADER, PREAMBLE, ROWS


@pytest.fixture
def cli(onboarded_cli):
    return onboarded_cli


def test_adding_contacts_and_listing_them(cli):
    r = cli("contact", "add", "Dr. Maya Chen", "--role", "attending", "--institution", "Metro",
            "--tier", "local", "--email", "maya@metro.org", "--notes", "private",
            "--tag", "valves")  # fmt: skip
    assert (r.code, r.out) == (0, "Added Dr. Maya Chen (#1, Metro).\n")
    r = cli("contact", "list")
    assert r.out == "#1    Dr. Maya Chen — Attending surgeon · Metro · no contact logged\n"
    assert cli("contact", "list", "--filter", "VALVES").out.startswith("#1")
    assert "private" not in r.out


def test_bad_contact_input_names_every_field_and_saves_nothing(cli, data_dir):
    r = cli("contact", "add", "X", "--role", "wizard", "--email", "nope", "--reconnect", "soon")
    assert r.code == 2 and r.err.count("\n") == 1 and "reconnect: 'soon'" in r.err
    r = cli("contact", "add", "X", "--role", "wizard", "--email", "nope")
    assert r.code == 2 and "role: 'wizard' is not one of" in r.err and "email: 'nope'" in r.err
    assert Store(data_dir).snapshot().contacts == ()


def test_logging_by_name_words_or_id_and_unknown_names(cli):
    cli("contact", "add", "Dr. Maya Chen")
    r = cli("log", "add", "maya chen", "--what", "Valve research", "--kind", "shadowing",
            "--date", "2026-11-20")  # fmt: skip
    assert r.code == 0 and r.out.startswith("Logged shadowing with Dr. Maya Chen on 2026-11-20.")
    assert "Due 2026-11-22: Thank Dr. Maya Chen" in r.out
    r = cli("log", "add", "Maya Chan", "--what", "x")
    assert r.code == 2 and "closest: Dr. Maya Chen (#1)" in r.err and r.err.count("\n") == 1
    assert cli("log", "add", "#1", "--what", "Coffee", "--kind", "nope").code == 2
    r = cli("log", "add", "Jordan Park", "--what", "Interest group", "--new")
    assert r.code == 0 and "Added Jordan Park (#2) to your contacts." in r.err


def test_a_promise_needs_a_date_and_the_future_is_refused(cli):
    cli("contact", "add", "Ann")
    r = cli("log", "add", "Ann", "--what", "x", "--promise", "Send CV")
    assert r.code == 2 and "by: give the date" in r.err
    r = cli("log", "add", "Ann", "--what", "x", "--date", "2099-01-01")
    assert r.code == 2 and "date: is in the future" in r.err


def test_due_lists_overdue_first_with_reasons_and_followed_up_clears(cli):
    cli("contact", "add", "Ann")
    cli("contact", "add", "Ben")
    cli("log", "add", "Ann", "--what", "x", "--kind", "conference", "--where", "STS",
        "--date", "2026-11-01")  # fmt: skip
    cli("log", "add", "Ben", "--what", "y", "--promise", "Send the draft", "--by", "2026-11-26",
        "--date", "2026-11-20")  # fmt: skip
    r = cli("due", "--today", "2026-11-24")
    assert r.out.splitlines() == [
        "Overdue",
        "  2026-11-04  Follow up with Ann after the meeting",
        "              conference conversation at STS on Nov 1 — follow up within 72 hours, "
        "by Nov 4",
        "Today",
        "  2026-11-24  Follow up with Ben",
        "              conversation on Nov 20 — follow up within a few days, by Nov 24",
        "This week",
        "  2026-11-26  Send the draft (Ben)",
        "              you promised it on Nov 20, for Nov 26",
    ]
    r = cli("followed-up", "Ann")
    assert r.code == 0 and r.out.startswith("Done: Follow up with Ann after the meeting.")
    assert "Next for Ann: Reconnect with Ann" in r.out
    assert "Follow up with Ann" not in cli("due", "--today", "2026-11-24").out
    assert cli("followed-up", "Nobody").code == 2


def test_due_as_a_calendar_file(cli, tmp_path, data_dir):
    cli("contact", "add", "Ann")
    cli("log", "add", "Ann", "--what", "x", "--date", "2026-11-20")
    target = tmp_path / "due.ics"
    r = cli("due", "--ics", str(target))
    assert r.code == 0 and "Wrote 1 event to" in r.err
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Follow up with Ann"
    assert cli("due", "--ics", str(data_dir / "x.ics")).code == 2  # never into the data folder


def test_import_linkedin_dry_run_then_for_real(cli, tmp_path, data_dir):
    export = tmp_path / "Connections.csv"
    export.write_text("\ufeff" + PREAMBLE + HEADER + ROWS, encoding="utf-8")
    r = cli("import", "linkedin", str(export), "--dry-run")
    assert r.code == 0 and "add    Ada Lovelace (Metro Heart Institute)" in r.out
    assert "skip   line 8: Ada Lovelace — already earlier in this file" in r.out
    assert "Would add 3 contacts, would merge 0, skipped 2." in r.err
    assert Store(data_dir).snapshot().contacts == ()
    r = cli("import", "linkedin", str(export))
    assert r.code == 0 and "Added 3 contacts" in r.err
    again = cli("import", "linkedin", str(export))
    assert "Added 0 contacts, merged 0, skipped 5." in again.err
    assert len(Store(data_dir).snapshot().contacts) == 3


def test_a_broken_linkedin_file_changes_nothing_and_names_the_line(cli, tmp_path, data_dir):
    export = tmp_path / "Connections.csv"
    export.write_text(HEADER + "A,B,u,e,c,p,someday\n", encoding="utf-8")
    r = cli("import", "linkedin", str(export))
    assert r.code == 2 and "line 2: Connected On" in r.err and "nothing was imported" in r.err
    assert cli("import", "linkedin", str(tmp_path / "none.csv")).code == 2
    assert Store(data_dir).snapshot().contacts == ()


def test_log_list_shows_a_timeline(cli):
    cli("contact", "add", "Ann")
    cli("log", "add", "Ann", "--what", "first", "--date", "2026-10-01")
    cli("log", "add", "Ann", "--what", "second", "--date", "2026-11-01", "--kind", "email")
    r = cli("log", "list", "Ann")
    assert r.out.splitlines()[0] == "2026-11-01  Email with Ann"
    assert r.out.splitlines()[2] == "2026-10-01  Conversation with Ann"


def test_the_markdown_plan_lists_follow_ups_and_keeps_notes_private(cli):
    cli("contact", "add", "Ann", "--notes", "Loves talking about ECMO")
    cli("log", "add", "Ann", "--what", "x", "--date", "2026-11-20")
    r = cli("plan", "--today", "2026-11-24")
    assert "## Follow-ups" in r.out and "- **Follow up with Ann** — 2026-11-24" in r.out
    assert "ECMO" not in r.out
    r = cli("plan", "--today", "2026-11-24", "--include-notes")
    assert "  - Your notes on Ann: Loves talking about ECMO" in r.out


def test_one_interaction_with_several_people(cli, data_dir):
    cli("contact", "add", "Ann")
    cli("contact", "add", "Ben")
    r = cli("log", "add", "Ann", "--with", "Ben", "--what", "Journal club", "--kind", "meeting")
    assert r.out.startswith("Logged meeting with Ann and Ben on ")
    (item,) = Store(data_dir).snapshot().interactions
    assert item.contacts == (1, 2)
    assert cli("log", "add", "Ann", "--with", "Nobody", "--what", "x").code == 2
