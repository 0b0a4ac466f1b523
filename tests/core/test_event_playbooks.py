"""Every upcoming event brings the playbook of its kind: dated steps named for it, one set
per event, habits shared between events, and the weekly cap holding when events overlap."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from ctcoach.coach import Coach
from ctcoach.events import PlannedEvent, Target
from ctcoach.model import Event
from ctcoach.network import ContactDraft
from ctcoach.plan import Plan, Progress, build_plan
from ctcoach.plan.events import DatedEvent, middle_of
from ctcoach.store import Store

from ..helpers import TODAY, make_profile

AWAY = Event("Cleveland away", dt.date(2026, 12, 1), dt.date(2026, 12, 28))
STS = Event("STS 2027", dt.date(2027, 1, 28), dt.date(2027, 1, 31))
DAY = dt.timedelta(days=1)


def plan_for(pack, events, today=TODAY, **answers) -> Plan:
    profile = make_profile(pack, **{"next_conference": None, **answers})
    progress = Progress(events=tuple(DatedEvent(k, e, i) for i, (k, e) in enumerate(events, 1)))
    return build_plan(pack, profile, progress, today=today)


def ids(plan: Plan) -> list[str]:
    return [i.id for i in plan.all_items()]


def titles(plan: Plan) -> list[str]:
    return [i.title for i in plan.all_items()]


def test_an_away_rotation_brings_its_own_dated_steps_named_for_it(pack):
    plan = plan_for(pack, [("away_rotation", AWAY)], stage="ms4", weekly_hours=8)
    found = set(ids(plan))
    assert {"away-study-applicant@2026-12-01", "away-goals@2026-12-01"} <= found
    assert "Study the program at Cleveland away and choose 2–3 faculty" in titles(plan)
    # No meeting steps for a rotation, and the general "before each away" step yields.
    assert not any(i.startswith("conf-") and "@" in i for i in found)
    assert "ms4-away-prepare" not in found
    # Its later steps wait for their time, counted under the rotation's name.
    assert any(
        n.startswith("Coming up: ") and "steps for Cleveland away from 2026-12-" in n
        for n in plan.notes
    ), plan.notes


def test_mid_rotation_feedback_is_due_halfway_and_stays_due_until_the_end(pack):
    middle = middle_of(AWAY)
    assert middle == dt.date(2026, 12, 14)
    for today, when in ((middle, "today"), (middle + 3 * DAY, "it was due 2026-12-14")):
        plan = plan_for(pack, [("away_rotation", AWAY)], today=today, stage="ms4")
        item = next(i for i in plan.all_items() if i.id == "away-feedback@2026-12-01")
        assert item.title == "Halfway through Cleveland away, ask how you could help the team more"
        assert when in item.when and not item.overdue and item.date == today
    after = plan_for(pack, [("away_rotation", AWAY)], today=AWAY.end + DAY, stage="ms4")
    assert "away-feedback@2026-12-01" in [i.id for i in after.missed]
    thanks = next(i for i in after.all_items() if i.id == "away-thanks@2026-12-01")
    assert thanks.title == "Thank the residents and attendings from Cleveland away"
    assert thanks.date == AWAY.end + 2 * DAY  # the log's rule after a rotation: 1–2 days


def test_a_research_day_uses_the_meeting_playbook_with_its_own_target_range(pack):
    day = Event("Resident research day", TODAY + 10 * DAY, TODAY + 10 * DAY)
    plan = plan_for(pack, [("research_day", day)], stage="ms3")
    assert "Make a target list of 2–6 people for Resident research day" in titles(plan)


def test_an_interview_brings_a_thank_you_after_it(pack):
    interview = Event("Interview at Metro", TODAY - 3 * DAY, TODAY - 3 * DAY)
    plan = plan_for(pack, [("interview", interview)], stage="ms4")
    item = next(i for i in plan.all_items() if i.id.startswith("interview-thanks@"))
    assert item.title == "Send thank-you notes after Interview at Metro"
    assert item.date == TODAY and item.late  # due two days after; late, never overdue
    assert not any(i.startswith("conf-targets") for i in ids(plan))


def test_two_meetings_each_get_their_own_steps_and_share_the_habits(pack):
    first = Event("Regional meeting", TODAY + 8 * DAY, TODAY + 9 * DAY)
    second = Event("Western Thoracic", TODAY + 10 * DAY, TODAY + 12 * DAY)
    plan = plan_for(
        pack, [("conference", first), ("conference", second)], stage="ms3", weekly_hours=20
    )
    everything = plan.all_items()
    targets = [i.title for i in everything if i.id.startswith("conf-targets@")]
    assert sorted(targets) == [
        "Make a target list of 5–10 people for Regional meeting",
        "Make a target list of 5–10 people for Western Thoracic",
    ]
    # Practicing the pitch is one habit, not one item per meeting.
    assert sum(i.intent == "practice-pitch" for i in everything) <= 1


def test_overlapping_events_never_push_the_active_items_past_the_weekly_cap(pack):
    events = [
        ("away_rotation", Event("Away A", TODAY + 2 * DAY, TODAY + 30 * DAY)),
        ("conference", Event("Meeting B", TODAY + 3 * DAY, TODAY + 5 * DAY)),
        ("research_day", Event("Day C", TODAY + 4 * DAY, TODAY + 4 * DAY)),
        ("interview", Event("Interview D", TODAY - DAY, TODAY - DAY)),
    ]
    for hours in (1, 3, 5, 10):
        plan = plan_for(pack, events, stage="ms4", weekly_hours=hours)
        open_ = [i for i in plan.items if not i.done]
        assert len(open_) <= plan.capacity, (hours, [i.title for i in open_])
        assert plan.waiting  # the rest waits, summarized
    # Same start day for two events: their step ids stay apart.
    same = [
        ("conference", Event("X", TODAY + 30 * DAY, TODAY + 31 * DAY)),
        ("research_day", Event("Y", TODAY + 30 * DAY, TODAY + 30 * DAY)),
    ]
    plan = plan_for(pack, same, stage="ms3", weekly_hours=20)
    everything = plan.all_items()
    target_ids = [i.id for i in everything if i.id.startswith("conf-targets@")]
    assert len(target_ids) == len(set(target_ids)) == 2


def test_the_nearest_deadline_comes_first_when_room_is_short(pack):
    """Two days after a rotation, with a meeting three weeks off and little time, the
    thank-yous (their last useful day is today) come before the meeting's late target list."""
    today = AWAY.end + 2 * DAY
    meeting = Event("STS 2027", today + 19 * DAY, today + 22 * DAY)
    plan = plan_for(
        pack, [("away_rotation", AWAY), ("conference", meeting)], today=today, stage="ms4",
        weekly_hours=2,
    )  # fmt: skip
    active = [i.id for i in plan.items if not i.done]
    assert active[0] == "away-thanks@2026-12-01", active
    assert len(active) <= plan.capacity


def test_steps_that_will_not_keep_are_named_while_they_wait(pack):
    soon = Event("Regional meeting", TODAY + 4 * DAY, TODAY + 5 * DAY)
    plan = plan_for(pack, [("conference", soon)], stage="ms3", weekly_hours=1)
    (note,) = [n for n in plan.notes if "will not keep" in n]
    assert "for Regional meeting still wait" in note and "past 2026-11-28" in note


def test_a_missed_step_is_listed_once_and_not_while_its_purpose_is_still_open(pack):
    started = Event("Away A", TODAY - 3 * DAY, TODAY + 20 * DAY)
    later = Event("STS 2027", TODAY + 30 * DAY, TODAY + 33 * DAY)
    plan = plan_for(pack, [("away_rotation", started), ("conference", later)], stage="ms4")
    missed = [i.intent for i in plan.missed]
    assert len(missed) == len(set(missed))
    open_intents = {i.intent for i in plan.all_items()}
    assert not open_intents & set(missed)
    assert "write-pitch" in open_intents and "write-pitch" not in missed


def test_two_meetings_share_one_practice_item(pack):
    first = Event("Western Thoracic", TODAY + 3 * DAY, TODAY + 5 * DAY)
    second = Event("Thoracic Oncology Summit", TODAY + 4 * DAY, TODAY + 6 * DAY)
    plan = plan_for(
        pack, [("conference", first), ("conference", second)], stage="pgy2", weekly_hours=10
    )
    practice = [i for i in plan.all_items() if i.intent == "practice-pitch"]
    assert len(practice) == 1
    assert any("Thoracic Oncology Summit" in w for w in practice[0].why)


def test_a_shy_student_starts_with_a_short_target_list(pack):
    meeting = Event("AATS", TODAY + 21 * DAY, TODAY + 24 * DAY)
    plan = plan_for(pack, [("conference", meeting)], stage="ms3", comfort_approaching=1)
    item = next(i for i in plan.all_items() if i.intent.startswith("conf-targets"))
    assert item.title == "Make a short target list for AATS: three people to start"
    assert "the guide's full range is 5–10" in item.how


def test_a_thank_you_never_sent_shows_as_missed_for_a_while_then_goes(pack):
    def missed(days_after, **record):
        ended = Event("Mayo away", TODAY - (days_after + 27) * DAY, TODAY - days_after * DAY)
        dated = DatedEvent("away_rotation", ended, 1, **record)
        profile = make_profile(pack, stage="ms4", next_conference=None)
        plan = build_plan(pack, profile, Progress(events=(dated,)), today=TODAY)
        return [i.id.split("@")[0] for i in plan.missed]

    assert "away-thanks" not in missed(10)  # still open: it is in the plan
    assert "away-thanks" in missed(20)  # the window closed with it undone
    assert "away-thanks" not in missed(20, targets=1, met=1, followed=1)  # done
    assert missed(40) == []  # long past


def test_past_events_bring_nothing_and_the_next_meeting_step_returns(pack):
    old = Event("Old meeting", TODAY - 60 * DAY, TODAY - 58 * DAY)
    plan = plan_for(pack, [("conference", old)], stage="ms3")
    assert not any("@" in i for i in ids(plan))


def test_readiness_counts_targets_in_range_emails_sent_and_recent_practice(pack):
    from ctcoach.events import readiness

    kind = pack.events.kind("away_rotation")  # 2–3 faculty
    one = [Target(1, 1, 1, status="sent")]
    two = [*one, Target(2, 1, 2, status="research")]
    assert [r.done for r in readiness(kind, [], None, TODAY)] == [False, False, False]
    ready = readiness(kind, two, TODAY - 14 * DAY, TODAY)
    assert [(r.label, r.done, r.detail) for r in ready] == [
        ("targets", True, "2 of 2–3"),
        ("emails", False, "1 of 2 sent"),
        ("pitch", True, "practiced 2026-11-10"),
    ]
    assert not readiness(kind, one, TODAY - 15 * DAY, TODAY)[2].done  # too long ago
    assert readiness(kind, [Target(1, 1, 1, status="met")] * 2, None, TODAY)[1].done


def test_the_events_own_record_completes_its_steps(pack):
    meeting = Event("AATS", TODAY + 20 * DAY, TODAY + 23 * DAY)

    def steps(**record):
        dated = DatedEvent("conference", meeting, 1, **record)
        plan = build_plan(
            pack, make_profile(pack, stage="ms3", next_conference=None, comfort_approaching=4),
            Progress(events=(dated,)), today=TODAY,
        )  # fmt: skip
        return {i.id.split("@")[0]: i.done for i in plan.all_items() if "@" in i.id}

    assert steps(targets=4)["conf-targets"] is False  # the guide's range starts at 5
    assert steps(targets=5)["conf-targets"] is True
    assert steps(targets=5, emailed=4)["conf-outreach"] is False
    assert steps(targets=5, emailed=5)["conf-outreach"] is True
    rotation = DatedEvent("away_rotation", AWAY, 2, goals_done=("feedback",))
    plan = build_plan(
        pack, make_profile(pack, stage="ms4", next_conference=None),
        Progress(events=(rotation,)), today=middle_of(AWAY),
    )  # fmt: skip
    feedback = next(i for i in plan.all_items() if i.id == "away-feedback@2026-12-01")
    assert feedback.done


def test_an_events_follow_up_stands_for_the_habit_while_it_is_due(pack):
    ended = Event("Regional meeting", TODAY - 2 * DAY, TODAY - DAY)
    plan = plan_for(pack, [("conference", ended)], stage="ms3", weekly_hours=6)
    (item,) = [i for i in plan.all_items() if i.intent == "follow-up"]
    assert item.id == "conf-follow-up@" + ended.start.isoformat() and item.date is not None


def test_the_calendar_keeps_each_events_own_habit_steps(pack):
    first = Event("Research day", TODAY + 17 * DAY, TODAY + 17 * DAY)
    second = Event("STS 2027", TODAY + 64 * DAY, TODAY + 67 * DAY)
    plan = plan_for(pack, [("research_day", first), ("conference", second)], stage="ms4")
    scheduled = [i.title for i in plan.scheduled]
    assert "Rehearse your pitch aloud before Research day" in scheduled
    assert "Rehearse your pitch aloud before STS 2027" in scheduled
    assert "Send follow-up messages within 72 hours of STS 2027" in scheduled


def test_a_short_list_asks_for_three_or_the_kinds_least(pack):
    day = Event("Research day", TODAY + 20 * DAY, TODAY + 20 * DAY)
    dated = DatedEvent("research_day", day, 1, targets=2)
    profile = make_profile(pack, stage="ms3", next_conference=None, comfort_approaching=1)
    plan = build_plan(pack, profile, Progress(events=(dated,)), today=TODAY)
    (item,) = [i for i in plan.all_items() if i.intent.startswith("conf-targets")]
    assert item.done  # the research day's range starts at 2


def test_a_follow_up_sent_marks_the_target_followed_up(coach):
    contact, _ = coach.log.save_contact(ContactDraft("Dr. Shah"))
    event, _ = coach.events.save_event("interview", "Interview at Metro", TODAY - 3 * DAY)
    target = coach.events.meet(coach.events.add_target(event.id, contact.id), "her program")
    (due,) = [d for d in coach.due() if d.kind == "follow_up"]
    coach.mark_due_done(due)
    assert coach.events.targets(event.id)[0].status == "followed_up" != target.status


def test_someone_met_mid_rotation_is_thanked_after_it(coach):
    contact, _ = coach.log.save_contact(ContactDraft("Dr. Olsen"))
    start = TODAY - 10 * DAY
    event, _ = coach.events.save_event("away_rotation", "Mayo away", start, start + 27 * DAY)
    coach.events.meet(coach.events.add_target(event.id, contact.id), "his valve registry")
    (due,) = [d for d in coach.due() if d.kind == "follow_up"]
    assert due.date == event.end + 2 * DAY and "met during Mayo away: thank them" in due.reason
    plan = coach.plan()
    assert plan is not None and not plan.overdue
    after = event.end + DAY  # the day after it ends: still not late
    (due,) = [d for d in coach.due(today=after) if d.kind == "follow_up"]
    assert due.date == event.end + 2 * DAY and due.window(after) != "overdue"


# -- through the coach: the store's events are the truth ---------------------------


@pytest.fixture
def coach(pack, data_dir) -> Coach:
    coach = Coach(pack, Store(data_dir), lambda: TODAY)
    coach.save_profile(make_profile(pack, stage="ms4", next_conference=None, weekly_hours=8))
    return coach


def test_every_stored_event_plans_and_a_deleted_one_stops(coach):
    away, _ = coach.events.save_event("away_rotation", AWAY.name, AWAY.start, AWAY.end)
    coach.events.save_event("conference", STS.name, STS.start, STS.end)
    plan = coach.plan()
    assert plan is not None
    everything = plan.all_items()
    assert any(i.id == "away-study-applicant@2026-12-01" for i in everything)
    assert any(i.id == "conf-targets@2027-01-28" for i in everything)
    coach.events.delete_event(away)
    after = coach.plan()
    assert after is not None
    assert not any(i.id.startswith("away-") for i in after.all_items())


def test_a_deleted_onboarding_meeting_does_not_come_back_from_the_answers(coach, pack):
    meeting = {"name": "STS", "start": TODAY + 20 * DAY, "end": TODAY + 22 * DAY}
    coach.save_profile(make_profile(pack, stage="ms4", next_conference=meeting))
    (event,) = coach.events.events()
    assert event.kind == pack.events.profile_kind
    coach.events.delete_event(event)
    plan = coach.plan()
    assert plan is not None
    assert not any("@" in i.id for i in plan.all_items())
    assert "conf-choose" in {i.id for i in plan.all_items()}


def test_meeting_someone_twice_logs_it_once(coach):
    contact, _ = coach.log.save_contact(ContactDraft("Dr. Kim"))
    event, _ = coach.events.save_event("interview", "Interview at Metro", TODAY - 3 * DAY)
    target = coach.events.add_target(event.id, contact.id)
    met = coach.events.meet(target, "the congenital program")
    assert coach.events.meet(met) == met
    (logged,) = coach.log.interactions()
    assert logged.what == "the congenital program"


def test_a_targets_step_marked_done_moves_the_target_on(coach):
    contact, _ = coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
    event, _ = coach.events.save_event("conference", STS.name, STS.start, STS.end)
    coach.events.add_target(event.id, contact.id, "Her valve registry")
    (step,) = [d for d in coach.due() if d.kind == "outreach"]
    assert step.title == "Read up on Dr. Maya Chen before STS 2027"
    coach.set_done(step.uid, True)  # as the plan's "done" key does
    (target,) = coach.events.targets(event.id)
    assert target.status == "drafted"
    (step,) = [d for d in coach.due() if d.kind == "outreach"]
    assert step.title == "Send your short email to Dr. Maya Chen"
    coach.mark_due_done(step)
    assert coach.events.targets(event.id)[0].status == "sent"
    assert not [d for d in coach.due() if d.kind == "outreach"]


def test_due_on_the_command_line_and_in_the_calendar_lists_target_steps(
    onboarded_cli, tmp_path, data_dir
):
    assert onboarded_cli("contact", "add", "Dr. Maya Chen").code == 0
    store = Store(data_dir)
    start = TODAY + 40 * DAY
    event_id = store.save_event(PlannedEvent(0, "conference", "STS 2027", start, start + DAY))
    store.save_target(Target(0, event_id, 1, "Her valve registry"))
    r = onboarded_cli("due", "--all", "--today", TODAY.isoformat())
    assert r.code == 0 and "Read up on Dr. Maya Chen before STS 2027" in r.out
    assert "Her valve registry" in r.out
    out = tmp_path / "due.ics"
    assert onboarded_cli("due", "--ics", str(out)).code == 0
    summaries = [str(e["summary"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert "Read up on Dr. Maya Chen before STS 2027" in summaries


def test_an_away_rotation_target_gets_the_rotations_own_words(coach):
    contact, _ = coach.log.save_contact(ContactDraft("Dr. Lee"))
    event, _ = coach.events.save_event("away_rotation", AWAY.name, AWAY.start, AWAY.end)
    target = coach.events.add_target(event.id, contact.id, "ECMO program")
    (step,) = [d for d in coach.due() if d.kind == "outreach"]
    assert step.title == "Read up on Dr. Lee before Cleveland away"
    coach.events.advance(target)
    (step,) = [d for d in coach.due() if d.kind == "outreach"]
    assert step.title == "Introduce yourself to Dr. Lee before Cleveland away"
    kind = coach.pack.events.kind("away_rotation")
    assert (kind.draft_before, kind.draft_after) == ("pre-rotation", "rotation-thanks")


def test_a_draft_for_another_kind_of_event_says_which_fits(onboarded_cli):
    cli = onboarded_cli
    cli("contact", "add", "Dr. Kim")
    r = cli("draft", "pre-rotation", "Dr. Kim", "--event", "STS Annual Meeting")
    assert r.code == 0
    assert ("Note: pre-rotation is written for away rotation or sub-internship; STS Annual "
            "Meeting is a conference (pre-meeting fits it).") in r.err  # fmt: skip
    assert "Note:" not in cli("draft", "pre-meeting", "Dr. Kim", "--event", "STS").err


def test_the_rotation_thank_you_names_the_rotation_and_what_you_learned(onboarded_cli):
    cli = onboarded_cli
    cli("event", "add", "Mayo away", "--kind", "away_rotation", "--start", "2026-10-26",
        "--end", "2026-11-20")  # fmt: skip
    cli("event", "target", "Mayo", "Dr. Olsen", "--new")
    cli("event", "status", "Mayo", "Dr. Olsen", "met", "--what", "discussed his valve registry")
    r = cli("draft", "rotation-thanks", "Dr. Olsen", "--event", "Mayo")
    assert r.code == 0 and "Note:" not in r.err
    assert "Thank you for having me on your service during Mayo away" in r.out
    assert "One thing I'll take with me: his valve registry." in r.out


def test_a_target_can_be_someone_new(onboarded_cli):
    cli = onboarded_cli
    cli("event", "add", "Away at Metro", "--kind", "away_rotation", "--start", "2027-03-01")
    unknown = cli("event", "target", "metro", "Dr. Nobody")
    assert unknown.code == 2 and "or --new" in unknown.err
    r = cli("event", "target", "metro", "Dr. Nobody", "--new", "--reason", "ECMO")
    assert r.code == 0 and "Added Dr. Nobody" in r.err
    assert "[to research] Dr. Nobody — ECMO" in cli("event", "show", "metro").out
    again = cli("event", "target", "metro", "Dr. Nobody", "--new")
    assert again.code == 0 and "Added" not in again.err  # an existing name is not doubled
    assert cli("contact", "list").out.count("Dr. Nobody") == 1


def test_the_plans_calendar_has_every_dated_step_and_what_is_due(onboarded_cli, tmp_path):
    cli = onboarded_cli
    cli("event", "add", "Away at Metro", "--kind", "away_rotation", "--start", "2027-03-01",
        "--end", "2027-03-28")  # fmt: skip
    out = tmp_path / "plan.ics"
    r = cli("plan", "--ics", str(out), "--today", TODAY.isoformat())
    assert r.code == 0 and "Wrote" in r.err
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    by_title = {str(e["summary"]): e for e in events}
    thanks = by_title["Thank the residents and attendings from Away at Metro"]
    assert thanks.decoded("dtstart") == dt.date(2027, 3, 30)
    assert "Make a short target list for STS Annual Meeting: three people to start" in by_title
    assert all(e.decoded("dtstart") >= TODAY for e in events)  # nothing hidden in the past
    assert cli("plan", "--ics", str(tmp_path / "no" / "x.ics")).code == 2


def test_a_follow_up_left_for_weeks_stops_holding_a_place(pack):
    from ctcoach.followup import Due

    def follow_up(days_late):
        return Due(f"follow-{days_late}", "follow_up", TODAY - days_late * DAY, "Follow up",
                   "r", "h", pack.sources["why"])  # fmt: skip

    soon = Event("Regional meeting", TODAY + 4 * DAY, TODAY + 5 * DAY)
    profile = make_profile(pack, stage="ms3", next_conference=None, weekly_hours=2)
    for late, holds in ((3, True), (70, False)):
        progress = Progress(due=(follow_up(late),), events=(DatedEvent("conference", soon),))
        plan = build_plan(pack, profile, progress, today=TODAY)
        active = [i.id for i in plan.items if not i.done]
        assert (active[0] == f"follow-{late}") is holds, active
        assert holds or all("@2026-11-28" in i for i in active)  # the meeting's steps
        noted = any("1 follow-up or promise more than 14 days late waits" in n for n in plan.notes)
        assert noted is not holds


def test_only_a_logged_deadline_can_be_overdue(pack):
    from ctcoach.followup import Due

    late = Due("reconnect-1", "reconnect", TODAY - 20 * DAY, "Reconnect with Ann", "r", "h",
               pack.sources["why"])  # fmt: skip
    promise = Due("promise-2", "promise", TODAY - 2 * DAY, "Send the CV", "r", "h",
                  pack.sources["why"])  # fmt: skip
    assert late.window(TODAY) == "today" and promise.window(TODAY) == "overdue"
    plan = build_plan(
        pack, make_profile(pack, next_conference=None), Progress(due=(late, promise)), today=TODAY
    )
    items = {i.id: i for i in plan.items}
    assert not items["reconnect-1"].overdue and items["reconnect-1"].date == TODAY
    assert "due since 2026-11-04" in items["reconnect-1"].when
    assert items["promise-2"].overdue
