"""Events: checks, lookups, target steps, meeting a target, goals, advocates, the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from ctcoach.coach import Coach
from ctcoach.events import check_event, find_event, next_step, target_check, upcoming
from ctcoach.network import ContactDraft
from ctcoach.profile import validate_answers
from ctcoach.store import Store

from ..helpers import TODAY, answers


@pytest.fixture
def coach(pack, data_dir) -> Coach:
    coach = Coach(pack, Store(data_dir), lambda: TODAY)
    profile, errors = validate_answers(pack, answers(pack, stage="ms3"))
    assert profile is not None, errors
    coach.save_profile(profile)
    return coach


def test_event_checks_name_each_field(pack):
    settings = pack.events
    assert settings is not None
    event, problems = check_event(
        settings, 0, "party", "", dt.date(2027, 3, 1), dt.date(2027, 2, 1)
    )
    assert event is None
    assert [p.field for p in problems] == ["name", "kind", "end"]
    far, problems = check_event(settings, 0, "conference", "X", dt.date(2199, 1, 1), None)
    assert far is None and "outside 1900–2100" in str(problems[0])


def test_lookups_steps_and_the_gentle_range(coach):
    book = coach.events
    sts, _ = book.save_event("conference", "STS Annual Meeting", dt.date(2027, 1, 28))
    old, _ = book.save_event("interview", "Old interview", dt.date(2026, 1, 5))
    assert sts is not None and old is not None
    assert find_event(book.events(), "sts") == sts and find_event(book.events(), "#2") == old
    assert find_event(book.events(), "nothing") is None
    assert upcoming(book.events(), TODAY) == [sts]
    assert [next_step(s) for s in ("research", "sent", "followed_up")] == ["drafted", "met", None]
    kind = coach.pack.events.kind("conference")  # type: ignore[union-attr]
    assert kind is not None
    assert target_check(kind, []).startswith("0 chosen; the guide suggests 5–10")
    assert target_check(kind, book.targets(sts.id) * 0) != ""


def test_meeting_a_target_logs_it_and_the_follow_up_comes_due(coach):
    log, book = coach.log, coach.events
    maya, _ = log.save_contact(ContactDraft("Dr. Maya Chen"))
    assert maya is not None
    event, _ = book.save_event("conference", "STS", TODAY - dt.timedelta(days=2), TODAY)
    assert event is not None
    target = book.add_target(event.id, maya.id, "moderates the valve session")
    again = book.add_target(event.id, maya.id)
    assert again.id == target.id and again.reason == "moderates the valve session"
    target = book.advance(book.advance(target))  # research → drafted → sent
    assert target.status == "sent"
    met = book.advance(target)
    assert met.status == "met"
    (item,) = log.interactions()
    assert (item.kind, item.where, item.date) == ("conference", "STS", TODAY)
    (due,) = [d for d in log.due() if d.kind == "follow_up"]
    assert due.date == TODAY + dt.timedelta(days=3) and "within 72 hours" in due.reason


def test_goals_toggle_and_advocates_are_kept(coach):
    book = coach.events
    away, _ = book.save_event("away_rotation", "Away", dt.date(2026, 11, 1), dt.date(2026, 11, 28))
    assert away is not None
    away = book.toggle_goal(away, "feedback")
    away = book.toggle_goal(away, "career-talk")
    assert away.goals_done == ("career-talk", "feedback")  # in the pack's order
    away = book.toggle_goal(away, "feedback")
    assert away.goals_done == ("career-talk",)
    away = book.add_advocate(book.add_advocate(away, 7), 7)
    assert away.advocates == (7,)
    edited, _ = book.save_event("away_rotation", "Away at Metro", away.start, away.end,
                                event_id=away.id)  # fmt: skip
    assert edited is not None and edited.goals_done == ("career-talk",)


def test_the_onboarding_conference_becomes_one_event_and_drives_the_plan(coach, pack):
    conference = {"name": "AATS", "start": dt.date(2026, 12, 20), "end": dt.date(2026, 12, 22)}
    profile, _ = validate_answers(pack, answers(pack, stage="ms3", next_conference=conference))
    assert profile is not None
    coach.save_profile(profile)
    coach.save_profile(profile)  # saving again does not add a second event
    (event,) = coach.events.events()
    assert (event.kind, event.name) == ("conference", "AATS")
    coach.events.save_event("conference", "Regional day", dt.date(2026, 12, 5))
    plan = coach.plan()
    assert plan is not None
    assert any("Regional day" in " ".join(i.why) for i in plan.items)


@pytest.fixture
def cli(onboarded_cli):
    return onboarded_cli


def test_event_commands(cli):
    r = cli("event", "add", "Away at Metro", "--kind", "away_rotation", "--start", "2027-03-01",
            "--end", "2027-03-28")  # fmt: skip
    assert r.code == 0 and "choose 2–3 faculty whose interests overlap" in r.out
    assert cli("event", "add", "X", "--kind", "party", "--start", "2027-03-01").code == 2
    far = cli("event", "add", "X", "--start", "2060-03-01")
    assert far.code == 2 and "start: is more than 10 years from today" in far.err
    cli("contact", "add", "Dr. Lee")
    assert cli("event", "target", "metro", "Dr. Lee", "--reason", "ECMO program").code == 0
    r = cli("event", "list")
    assert "Away at Metro (Away rotation) · 1 target" in r.out
    assert "STS Annual Meeting" in r.out  # from the answers file's next_conference
    goal = cli("event", "goal", "metro", "feedback")  # goals are ticked as they happen
    assert goal.code == 2 and "tick its goals as they happen" in goal.err
    assert cli("event", "goal", "metro", "dance").code == 2
    early = cli("event", "advocate", "metro", "Dr. Lee")  # the rotation has not begun
    assert early.code == 2 and "Away at Metro has not begun yet" in early.err
    r = cli("event", "show", "metro")
    assert "[to research] Dr. Lee — ECMO program" in r.out and "[ ] Midway through" in r.out
    r = cli("event", "status", "metro", "Dr. Lee", "met")
    assert r.code == 2 and "has not begun yet (it starts 2027-03-01)" in r.err
    assert cli("event", "status", "metro", "Dr. Lee", "Sent").code == 0  # any case
    assert "[sent] Dr. Lee" in cli("event", "show", "metro").out
    assert cli("event", "status", "metro", "Dr. Lee", "flying").code == 2
    assert cli("event", "show", "nowhere").code == 2


def test_met_and_advocates_after_a_rotation_has_begun(cli):
    cli("event", "add", "Away at Metro", "--kind", "away_rotation", "--start", "2026-10-01",
        "--end", "2026-10-28")  # fmt: skip
    cli("event", "target", "metro", "Dr. Lee", "--new")
    r = cli("event", "status", "metro", "Dr. Lee", "met", "--what", "her ECMO outcomes study")
    assert r.code == 0 and "the follow-up is due, " in r.out
    assert "her ECMO outcomes study" in cli("log", "list").out
    assert cli("event", "status", "metro", "Dr. Lee", "followed_up").code == 0
    assert "Follow up with Dr. Lee" not in cli("due", "--all").out  # sent means sent
    r = cli("event", "advocate", "metro", "Dr. Kim", "--new")
    assert r.code == 0 and "Could speak for you: Dr. Kim" in cli("event", "show", "metro").out
    r = cli("event", "advocate", "STS Annual Meeting", "Dr. Kim")
    assert r.code == 2 and "advocates come from rotations" in r.err


def test_odd_lengths_and_past_events_are_told_apart(cli):
    long = cli("event", "add", "STS", "--start", "2027-01-28", "--end", "2027-02-20")
    assert long.code == 2 and "end: a conference of 24 days? check the dates (at most 10)" in (
        long.err
    )
    past = cli("event", "add", "Interview at Metro", "--kind", "interview", "--start",
               "2026-11-18", "--place", "Metro Heart", "--notes", "PD was kind")  # fmt: skip
    assert past.code == 0 and "note who you met" in past.out
    assert "Interview at Metro (Interview) · Metro Heart · 0 targets · past" in (
        cli("event", "list", "--all").out
    )
    both = cli("event", "add", "Research day", "--kind", "research_day", "--start", "2026-11-18")
    assert "It overlaps Interview at Metro (2026-11-18)" in both.out
    shown = cli("event", "show", "interview").out
    assert "· Metro Heart" in shown and "Notes: PD was kind" in shown
    plan = cli("plan", "--today", "2026-11-24").out  # a week after it: still in the export
    events = plan[plan.index("## Events") :]
    assert "### Interview at Metro (Interview, Metro Heart)" in events
    assert "It has ended: thank the people you met there." in events
    assert (
        "Interview at Metro"
        not in cli("plan", "--today", "2026-12-10").out.split("## Events")[1].split("##")[0]
    )  # two weeks on, it has left the section


def test_an_event_is_edited_keeping_its_length_and_removed_with_its_targets(cli, data_dir):
    cli("event", "add", "Away at Metro", "--kind", "away_rotation", "--start", "2027-03-01",
        "--end", "2027-03-28")  # fmt: skip
    cli("contact", "add", "Dr. Lee")
    cli("event", "target", "metro", "Dr. Lee")
    r = cli("event", "edit", "metro", "--start", "2027-04-05", "--place", "Metro Heart")
    assert r.code == 0 and "2027-04-05 to 2027-05-02" in r.out
    assert "Metro Heart" in cli("event", "list").out
    assert "[to research] Dr. Lee" in cli("event", "show", "metro").out  # targets kept
    assert cli("event", "edit", "metro").code == 2  # nothing to change
    bad = cli("event", "edit", "metro", "--end", "2027-01-01")
    assert bad.code == 2 and "end" in bad.err
    assert "2027-04-05" in cli("event", "list").out  # the bad edit saved nothing
    r = cli("event", "remove", "metro")
    assert r.code == 0 and "Removed Away at Metro" in r.out and "1 target" in r.out
    assert "Metro" not in cli("event", "list").out
    assert "Dr. Lee" in cli("contact", "list").out  # the person stays
    assert Store(data_dir).snapshot().targets == ()
    assert cli("event", "remove", "metro").code == 2


def test_the_markdown_export_has_a_section_per_upcoming_event(cli):
    cli("contact", "add", "Dr. Lee", "--notes", "private thing")
    cli("event", "add", "Away at Metro", "--kind", "away_rotation", "--start", "2026-11-20",
        "--end", "2026-12-18")  # fmt: skip
    cli("event", "target", "metro", "Dr. Lee", "--reason", "ECMO program")
    cli("event", "goal", "metro", "feedback")
    out = cli("plan", "--today", "2026-11-24").out
    assert "### Away at Metro (Away rotation)" in out
    assert "- **Dr. Lee** (to research) — ECMO program" in out
    assert "- [x] Midway through, ask how you could help the team more" in out
    assert "_1 chosen; the guide suggests 2–3 faculty" in out
    assert "private thing" not in out


def test_each_targets_next_step_comes_into_the_plan_with_its_reason(coach):
    maya, _ = coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
    assert maya is not None
    event, _ = coach.events.save_event("conference", "STS", TODAY + dt.timedelta(days=10))
    assert event is not None
    target = coach.events.add_target(event.id, maya.id, "moderates the valve session")
    plan = coach.plan()
    assert plan is not None
    step = next(i for i in plan.all_items() if i.id == f"target-{target.id}-research")
    assert step.title == "Read up on Dr. Maya Chen before STS" and step.date == TODAY
    assert "moderates the valve session" in step.why[0] and not step.overdue
    coach.events.advance(target)  # drafted: the email comes next, two weeks before
    plan = coach.plan()
    assert plan is not None
    ids = {i.id for i in plan.all_items()}
    assert f"target-{target.id}-drafted" in ids and f"target-{target.id}-research" not in ids


def test_an_advocate_from_a_past_rotation_is_asked_in_application_season(coach, pack):
    lee, _ = coach.log.save_contact(ContactDraft("Dr. Lee"))
    assert lee is not None
    away, _ = coach.events.save_event(
        "away_rotation",
        "Away at Metro",
        TODAY - dt.timedelta(days=60),
        TODAY - dt.timedelta(days=32),
    )
    assert away is not None
    coach.events.add_advocate(away, lee.id)
    plan = coach.plan()
    assert plan is not None  # an MS3: not yet application season
    assert not any(i.id.startswith("advocate-") for i in plan.all_items())
    profile, _ = validate_answers(pack, answers(pack, stage="ms4"))
    assert profile is not None
    coach.save_profile(profile)
    plan = coach.plan()
    assert plan is not None
    ask = next(i for i in plan.all_items() if i.id == f"advocate-{away.id}-{lee.id}")
    assert ask.title == "Ask Dr. Lee to put in a word for you"
    assert "saw your work at Away at Metro" in ask.why[0]
    after_match = coach.plan(dt.date(2027, 4, 15))  # the season is over
    assert after_match is not None
    assert not any(i.id.startswith("advocate-") for i in after_match.all_items())


class _Counted(list):  # type: ignore[type-arg]
    """A list that counts how many times it is walked through."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).walks += 1
        return super().__iter__()


def test_rotation_follow_ups_read_the_targets_once_however_many_are_due(pack):
    from ctcoach.events import PlannedEvent, Target, after_rotations
    from ctcoach.followup import Due

    settings = pack.events
    start = dt.date(2026, 10, 1)
    rotations = [
        PlannedEvent(n, "away_rotation", f"Away {n}", start, start + dt.timedelta(days=27))
        for n in range(1, 21)
    ]
    targets = _Counted(Target(n, 1 + n % 20, n) for n in range(1, 401))
    source = pack.log.rules[0].source  # type: ignore[union-attr]
    due = [
        Due(f"f{n}", "follow_up", start + dt.timedelta(days=3), "Thank", "", "", source,
            contacts=(n,), interaction=n)
        for n in range(1, 401)
    ]  # fmt: skip
    dates = {n: start for n in range(1, 401)}
    out = after_rotations(settings, due, rotations, targets, dates, TODAY)
    assert _Counted.walks == 1  # not once per follow-up and rotation
    moved = {d.uid: d.date for d in out}
    assert moved["f1"] == rotations[1].end + dt.timedelta(days=3)  # target 1 is at Away 2
    assert all("met during Away" in d.reason for d in out)
