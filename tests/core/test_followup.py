"""Follow-up rules as pure functions: every rule, cadence reset by any contact, promises,
milestones, contact checks and lookups. Rules come from a small hand-made settings object."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from ctcoach.followup import academic_year_start, by_window, due_items, latest_by_contact
from ctcoach.model import Source
from ctcoach.network import (
    Contact,
    ContactDraft,
    ContactRole,
    FollowUpRule,
    Interaction,
    InteractionKind,
    LogSettings,
    Milestone,
    check_contact,
    find_contact,
    guess_role,
    parse_reconnect,
)

SRC = Source("s", "Section")
TODAY = dt.date(2027, 2, 1)
SETTINGS = LogSettings(
    source=SRC,
    roles=(
        ContactRole("attending", "Attending", ("attending", "surgeon")),
        ContactRole("resident", "Resident", ("resident",)),
    ),
    kinds=tuple(InteractionKind(k, k.title()) for k in ("chat", "visit", "meeting", "email")),
    rules=(
        FollowUpRule(
            "thanks", ("visit",), 2, "Thank {name}", "say one thing", "within 2 days", SRC
        ),
        FollowUpRule("after", ("meeting",), 3, "Write to {name}", "point", "within 72 hours", SRC),
        FollowUpRule("soon", ("chat",), 4, "Follow up with {name}", "", "within days", SRC),
    ),
    milestones=(Milestone("apps", "ms4", 8, "Tell your network", "how", SRC),),
    reconnect_days=90,
)
ADA = Contact(1, "Dr. Ada Lovelace", dt.date(2026, 1, 1), institution="Metro")
BOB = Contact(2, "Bob Marsh", dt.date(2026, 1, 1))


def meet(n: int, day: dt.date, kind: str, *who: int, **more) -> Interaction:
    return Interaction(n, who or (1,), day, kind, "talked", **more)


def dues(interactions, contacts=(ADA, BOB), today=TODAY, **kwargs):
    return due_items(SETTINGS, contacts, interactions, today, **kwargs)


def test_each_rule_gives_its_own_deadline_and_reason():
    items = dues(
        [
            meet(1, dt.date(2027, 1, 29), "meeting", where="STS Annual Meeting"),
            meet(2, dt.date(2027, 1, 30), "visit", 2),
        ]
    )
    by_uid = {d.uid: d for d in items}
    meeting = by_uid["follow-up-1"]
    assert meeting.date == dt.date(2027, 2, 1) and meeting.title == "Write to Dr. Ada Lovelace"
    assert meeting.reason == (
        "meeting at STS Annual Meeting on Jan 29 — follow up within 72 hours, by Feb 1"
    )
    assert by_uid["follow-up-2"].date == dt.date(2027, 2, 1)
    assert by_uid["follow-up-2"].title == "Thank Bob Marsh"
    assert "reconnect-1" not in by_uid  # one thing at a time per person


def test_an_email_needs_no_follow_up_but_starts_the_reconnect_clock():
    (item,) = dues([meet(1, dt.date(2027, 1, 10), "email")])
    assert item.kind == "reconnect" and item.date == dt.date(2027, 4, 10)
    assert "last in touch on Jan 10 (email); you reconnect every 90 days" in item.reason


def test_marking_the_follow_up_sent_or_logging_anything_newer_clears_it():
    old = meet(1, dt.date(2027, 1, 20), "chat")
    assert [d.kind for d in dues([old])] == ["follow_up"]
    sent = meet(1, dt.date(2027, 1, 20), "chat", followed_up=dt.date(2027, 1, 22))
    (again,) = dues([sent])
    assert again.kind == "reconnect" and again.date == dt.date(2027, 4, 22)  # from the note
    assert "last in touch on Jan 22 (your follow-up to a" in again.reason
    newer = meet(2, dt.date(2027, 1, 25), "email")
    items = dues([old, newer])
    assert [d.kind for d in items] == ["reconnect"]
    assert items[0].date == dt.date(2027, 4, 25)  # the cadence counts from the newest contact


def test_a_group_interaction_waits_only_for_people_not_written_to_since():
    group = meet(1, dt.date(2027, 1, 28), "meeting", 1, 2)
    email_to_ada = meet(2, dt.date(2027, 1, 29), "email", 1)
    (follow,) = [d for d in dues([group, email_to_ada]) if d.kind == "follow_up"]
    assert follow.contacts == (2,) and follow.title == "Write to Bob Marsh"


def test_promises_are_due_on_their_date_until_kept():
    promise = meet(1, dt.date(2027, 1, 5), "email", promise="Send the draft", promise_by=TODAY)
    (item,) = [d for d in dues([promise]) if d.kind == "promise"]
    assert item.title == "Send the draft (Dr. Ada Lovelace)" and item.window(TODAY) == "today"
    kept = meet(1, dt.date(2027, 1, 5), "email", promise="x", promise_by=TODAY, promise_kept=TODAY)
    assert not [d for d in dues([kept]) if d.kind == "promise"]


def test_per_contact_cadence_and_never():
    weekly = Contact(1, "A", dt.date(2026, 1, 1), reconnect_days=7)
    never = Contact(2, "B", dt.date(2026, 1, 1), reconnect_days=0)
    items = dues(
        [meet(1, dt.date(2027, 1, 1), "email", 1), meet(2, dt.date(2027, 1, 1), "email", 2)],
        contacts=(weekly, never),
    )
    assert [(d.uid, d.date) for d in items] == [("reconnect-1", dt.date(2027, 1, 8))]


def test_nobody_is_due_before_anything_is_logged_with_them():
    assert dues([]) == []


def test_milestones_come_once_per_academic_year_of_the_stage():
    logged = [meet(1, dt.date(2026, 7, 1), "email")]
    items = dues(logged, today=dt.date(2026, 9, 1), stage="ms4")
    (milestone,) = [d for d in items if d.kind == "milestone"]
    assert milestone.uid == "milestone-apps-2026" and milestone.date == dt.date(2026, 8, 1)
    assert milestone.contacts == (1,)
    done = frozenset({"milestone-apps-2026"})
    assert not [d for d in dues(logged, today=dt.date(2026, 9, 1), stage="ms4", done=done)
                if d.kind == "milestone"]  # fmt: skip
    assert not [d for d in dues(logged, stage="ms3") if d.kind == "milestone"]
    assert academic_year_start(dt.date(2027, 6, 30)) == dt.date(2026, 7, 1)


def test_windows_sort_overdue_first():
    items = dues(
        [
            meet(1, dt.date(2027, 1, 1), "chat", 1),  # due Jan 5: overdue
            meet(2, dt.date(2027, 1, 30), "visit", 2),  # due Feb 1: today
        ]
    )
    assert [w for w, _ in by_window(items, TODAY)] == ["overdue", "today"]


def test_deadlines_never_overflow_at_the_edge_of_the_calendar():
    (item,) = dues([meet(1, dt.date(2100, 12, 30), "email")], today=dt.date(2100, 12, 31))
    assert item.date == dt.date(2100, 12, 31)


def test_contact_checks_name_each_field():
    draft = ContactDraft("", role="wizard", tier="moon", email="nope", reconnect_days=-1)
    contact, problems = check_contact(SETTINGS, ["local"], draft, 0, TODAY)
    assert contact is None
    assert [p.field for p in problems] == ["name", "role", "tier", "email", "reconnect"]
    clean, _ = check_contact(
        SETTINGS, ["local"], ContactDraft("  Dr \x1b[31mZ ", tags=["a", "a", " "]), 0, TODAY
    )
    assert clean is not None and clean.name == "Dr Z" and clean.tags == ("a",)


@pytest.mark.parametrize(
    ("text", "days"), [("", None), ("default", None), ("none", 0), ("30", 30), ("never", 0)]
)
def test_reconnect_values(text, days):
    assert parse_reconnect(text) == days


@pytest.mark.parametrize("text", ["-3", "1e2", "99999", "soon"])
def test_bad_reconnect_values(text):
    with pytest.raises(ValueError, match="reconnect"):
        parse_reconnect(text)


def test_roles_are_guessed_only_when_the_title_says_so():
    assert guess_role(SETTINGS, "Cardiothoracic Surgeon at Metro") == "attending"
    assert guess_role(SETTINGS, "General Surgery Resident") == "resident"
    assert guess_role(SETTINGS, "Vice President, Sales") == ""  # not a "resident"


def test_finding_contacts_by_id_name_and_near_miss():
    people = (ADA, BOB, Contact(3, "Bob Marsh", dt.date(2026, 1, 1), institution="City"))
    assert find_contact(people, "#1").contact == ADA
    assert find_contact(people, "dr. ada lovelace").contact == ADA
    assert find_contact(people, "ada lovelace").contact == ADA  # words of one name only
    assert find_contact(people, "bob").contact is None  # two people have that word
    twins = find_contact(people, "Bob Marsh")
    assert twins.contact is None and "use an id" in twins.problem and len(twins.closest) == 2
    miss = find_contact(people, "Ada Lovelce")
    assert miss.contact is None and miss.closest[0] == ADA
    assert find_contact(people, "#99").problem == "no contact has the id 99"


def test_a_milestone_is_not_overdue_the_day_you_start_logging_and_only_the_latest_shows():
    settings = LogSettings(
        source=SRC,
        roles=SETTINGS.roles,
        kinds=SETTINGS.kinds,
        rules=SETTINGS.rules,
        milestones=(
            Milestone("apps", "ms4", 8, "Tell your network", "how", SRC),
            Milestone("interviews", "ms4", 11, "Update your network", "how", SRC),
        ),
    )
    today = dt.date(2026, 11, 25)
    logged = [meet(1, today, "email")]
    (item,) = [
        d for d in due_items(settings, (ADA,), logged, today, "ms4") if d.kind == "milestone"
    ]
    assert item.title == "Update your network"  # the August one has been overtaken
    assert item.date == today and item.window(today) == "today"


def test_an_item_marked_done_anywhere_leaves_the_list():
    logged = [meet(1, dt.date(2027, 1, 20), "chat")]
    assert [d.uid for d in dues(logged)] == ["follow-up-1"]
    assert dues(logged, done=frozenset({"follow-up-1"}))[0].kind == "reconnect"


def test_latest_by_contact_is_assigning_every_interaction_oldest_first():
    """The one-pass version gives the same dict, in the same order, as the definition."""
    rng = random.Random(3)
    for _ in range(200):
        items = [
            Interaction(
                n,
                tuple(rng.randrange(8) for _ in range(rng.randint(1, 3))),  # repeats too
                dt.date(2026, 1, rng.randint(1, 4)),  # many equal dates
                "coffee",
            )
            for n in range(1, rng.randint(2, 30))
        ]
        rng.shuffle(items)
        expected: dict[int, Interaction] = {}
        for item in sorted(items, key=lambda i: (i.date, i.id)):
            for contact_id in item.contacts:
                expected[contact_id] = item
        assert list(latest_by_contact(items).items()) == list(expected.items())
