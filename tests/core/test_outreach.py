"""The draft book: what fills a draft for a contact, and a draft saved on its target."""

from __future__ import annotations

import datetime as dt

import pytest
from msgspec.structs import replace

from ctcoach.coach import Coach
from ctcoach.drafts import Draft
from ctcoach.events import PlannedEvent, Target
from ctcoach.logbook import Entry
from ctcoach.network import ContactDraft
from ctcoach.outreach import NoDrafts
from ctcoach.pitch import make_pitch
from ctcoach.profile import to_json
from ctcoach.store import Store

from ..helpers import TODAY, make_profile


@pytest.fixture
def coach(pack, data_dir):
    store = Store(data_dir)
    store.save_profile(to_json(make_profile(pack, stage="ms3")))
    coach = Coach(pack, store, lambda: TODAY)
    coach.log.save_contact(ContactDraft("Dr. Maya Chen", role="attending"))
    return coach


@pytest.fixture
def sts(coach):
    start = dt.date(2026, 11, 12)
    event = PlannedEvent(0, "conference", "Regional meeting", start, start + dt.timedelta(days=2))
    event_id = coach.store.save_event(event)
    target_id = coach.store.save_target(Target(0, event_id, 1, "Valve research"))
    return replace(event, id=event_id), target_id


def test_kinds_are_found_by_id_or_title_in_any_spelling(coach):
    book = coach.drafts
    assert book.find_kind("Follow_Up").id == "follow-up"
    assert book.find_kind(" milestone update to a MENTOR ").id == "milestone"
    assert book.find_kind("thanks") is None
    assert book.closest_kinds("thanks") == ["thank-you", "rotation-thanks", "interview-thanks"]


def test_the_context_takes_the_profile_the_current_pitch_and_the_newest_interaction(coach):
    coach.save_pitch(make_pitch("a third-year student at State", "valves", ["a study"], "advice"))
    for day, what in ((TODAY - dt.timedelta(days=9), "old"), (TODAY, "new")):
        coach.log.log(Entry((1,), what, "conversation", date=day))
    contact = coach.log.contacts()[0]
    prepared = coach.drafts.prepare(coach.drafts.find_kind("follow-up"), contact)
    assert prepared.context.interaction.what == "new"
    assert prepared.context.pitch.who == "a third-year student at State"
    assert prepared.target is None and not prepared.saved and prepared.missing == []
    assert "As a third-year student at State working on a study" in prepared.draft.body


def test_an_event_brings_its_target_and_the_interaction_during_it(coach, sts):
    event, target_id = sts
    coach.log.log(Entry((1,), "her registry", "conference", date=dt.date(2026, 11, 13)))
    coach.log.log(Entry((1,), "a later coffee", "conversation", date=TODAY))
    contact = coach.log.contacts()[0]
    prepared = coach.drafts.prepare(coach.drafts.find_kind("follow-up"), contact, event)
    assert prepared.target.id == target_id
    assert prepared.context.interaction.what == "her registry"
    by_target = coach.drafts.prepare(
        coach.drafts.find_kind("follow-up"), contact, target=prepared.target
    )
    assert by_target.context.event == event


def test_saving_keeps_the_draft_on_the_newest_target_and_marks_it_drafted(coach, sts):
    _, target_id = sts
    kind = coach.drafts.find_kind("follow-up")
    other = Store(coach.store.folder)  # another process changes the reason meanwhile
    newest = replace(other.snapshot().targets[0], reason="Met at the poster")
    other.save_target(newest)
    saved = coach.drafts.save(target_id, kind.id, Draft("Sub\x1b[2Jject", "Dear Dr. Chen,\n\nHi."))
    assert saved is not None and saved.status == "drafted" and saved.reason == "Met at the poster"
    assert (saved.subject, saved.body, saved.draft_kind) == ("Subject", "Dear Dr. Chen,\n\nHi.",
                                                             "follow-up")  # fmt: skip
    assert coach.snapshot().targets[0] == saved
    contact = coach.log.contacts()[0]
    again = coach.drafts.prepare(kind, contact, target=saved)
    assert again.saved and again.draft == Draft("Subject", "Dear Dr. Chen,\n\nHi.")
    fresh = coach.drafts.prepare(kind, contact, target=saved, fresh=True)
    assert not fresh.saved and fresh.draft.subject.startswith("Following up")
    other_kind = coach.drafts.prepare(coach.drafts.find_kind("thank-you"), contact, target=saved)
    assert not other_kind.saved
    coach.store.save_target(replace(saved, status="met"))
    assert coach.drafts.save(target_id, kind.id, Draft("S", "B")).status == "met"
    coach.store.delete_target(target_id)
    assert coach.drafts.save(target_id, kind.id, Draft("S", "B")) is None


def test_a_pack_without_drafts_says_so(fixture_pack, data_dir):
    pack = replace(fixture_pack, drafts=None)
    with pytest.raises(NoDrafts, match="no email drafts"):
        _ = Coach(pack, Store(data_dir), lambda: TODAY).drafts.settings


def test_a_targets_reason_fills_the_topic_and_the_automatic_met_note_never_does(coach):
    start = TODAY - dt.timedelta(days=2)
    event = PlannedEvent(0, "conference", "STS", start, start + dt.timedelta(days=1))
    event_id = coach.store.save_event(event)
    target_id = coach.store.save_target(Target(0, event_id, 1, "her ECMO outcomes talk"))
    contact = coach.log.contacts()[0]
    target = next(t for t in coach.snapshot().targets if t.id == target_id)
    before = coach.drafts.prepare(coach.drafts.find_kind("pre-meeting"), contact, target=target)
    # The reason is a cue for the writer, never pasted in as if it were a sentence.
    assert "[their work, or a session they are chairing; you noted: her ECMO outcomes talk]" in (
        before.draft.body
    )
    coach.events.meet(target)  # logs "Met at STS"
    after = coach.drafts.prepare(coach.drafts.find_kind("follow-up"), contact, target=target)
    assert "Met at" not in after.draft.body
    assert "[one point from your conversation]" in after.draft.body  # left for the writer
