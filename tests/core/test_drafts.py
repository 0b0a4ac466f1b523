"""Email drafts: every shipped kind filled for several personas, and every check made to
pass and to fail on purpose."""

from __future__ import annotations

import datetime as dt

import pytest
from msgspec.structs import replace

from ctcoach.drafts import Draft, DraftContext, check, fill, missing_needs
from ctcoach.drafts.filling import date_span, day_phrase, greeting_name, phrase
from ctcoach.events import PlannedEvent
from ctcoach.network import Contact, Interaction
from ctcoach.pitch import make_pitch

from ..helpers import TODAY, make_profile

KINDS = (
    "introduction", "pre-meeting", "pre-rotation", "follow-up", "thank-you",
    "rotation-thanks", "interview-thanks", "project", "milestone",
)  # fmt: skip
PERSONAS = {
    "ms3": (
        {"name": "Jordan Lee", "stage": "ms3", "interests": ["adult_cardiac"]},
        ("a third-year medical student at State University", "adult cardiac surgery",
         ["a retrospective study of atrial fibrillation after valve surgery"], "advice"),
    ),
    "ms1": (
        {"name": "Sam Okafor", "stage": "ms1", "institution": "Lakeside School of Medicine",
         "interests": ["thoracic", "congenital"]},
        ("", "", ["a summer of lung cancer screening outreach"], ""),
    ),
    "pgy2": (
        {"name": "Priya Nair", "stage": "pgy2", "institution": "Riverside Medical Center",
         "interests": ["congenital", "transplant_mcs"]},
        ("a second-year general surgery resident on the CT track", "pediatric heart surgery",
         ["a QI project on handoffs after the Norwood operation"], "a mentor"),
    ),
    "fellow": (
        {"name": "José Álvarez", "stage": "fellow", "institution": "Hôpital Nord",
         "interests": ["thoracic"]},
        ("a thoracic fellow", "robotic lung resection", ["work on segmentectomy outcomes"], ""),
    ),
}  # fmt: skip
TOPICS = {
    "introduction": "your work on durable mitral valve repair",
    "pre-meeting": "your session on ECMO as a bridge to transplant",
    "pre-rotation": "your program's work on ECMO as a bridge to transplant",
    "project": "the LVAD outcomes database",
    "milestone": "my abstract on valve repair was accepted",
}
MAYA = Contact(1, "Dr. Maya Chen, MD", TODAY, role="attending", institution="Metro Heart")
STS = PlannedEvent(1, "conference", "STS Annual Meeting", dt.date(2027, 1, 28),
                   dt.date(2027, 1, 31), "Phoenix")  # fmt: skip
SHADOWED = Interaction(
    1, (1,), TODAY - dt.timedelta(days=3), "shadowing",
    "The vein harvest planning before the first incision.", "Metro Heart",
)  # fmt: skip


def context(pack, persona="ms3", kind="follow-up", **changes):
    answers, parts = PERSONAS[persona]
    base = DraftContext(
        contact=MAYA,
        today=TODAY,
        profile=make_profile(pack, **answers),
        pitch=make_pitch(*parts),
        pitch_settings=pack.pitch,
        event=STS,
        interaction=SHADOWED,
        topic=TOPICS.get(kind, ""),
    )
    return replace(base, **changes)


def draft_for(pack, kind_id, **changes):
    ctx = context(pack, kind=kind_id, **changes)
    kind = pack.drafts.kind(kind_id)
    return fill(pack.drafts, kind, ctx), kind, ctx


def results(pack, kind_id, draft, ctx):
    return {c.id: c for c in check(pack.drafts, pack.drafts.kind(kind_id), draft, ctx)}


def failing(pack, kind_id, draft, ctx):
    return {k: c.message for k, c in results(pack, kind_id, draft, ctx).items() if not c.ok}


def edited(draft, old, new):
    assert old in draft.body, old
    return Draft(draft.subject, draft.body.replace(old, new, 1))


def test_the_shipped_pack_has_the_nine_kinds(pack):
    assert tuple(k.id for k in pack.drafts.kinds) == KINDS
    assert all(k.source.id in pack.sources for k in pack.drafts.kinds)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("kind_id", KINDS)
def test_every_kind_filled_for_every_persona_passes_every_check(pack, kind_id, persona):
    draft, _, ctx = draft_for(pack, kind_id, profile=context(pack, persona).profile,
                              pitch=context(pack, persona).pitch)  # fmt: skip
    assert failing(pack, kind_id, draft, ctx) == {}, draft.text()
    answers = PERSONAS[persona][0]
    assert draft.body.startswith("Dear Dr. Chen,\n\n")
    assert draft.body.endswith(answers["name"]) and "[" not in draft.text()


def test_the_ms3_follow_up_reads_as_written(pack):
    draft, _, _ = draft_for(pack, "follow-up")
    assert draft.subject == "Following up on our conversation at Metro Heart"
    assert "talk with me at Metro Heart on Saturday." in draft.body
    assert "one thing we discussed: the vein harvest planning before the first incision." in (
        draft.body
    )
    assert "As a third-year medical student at State University working on" in draft.body
    assert "by Tuesday, December 1." in draft.body


def test_the_same_inputs_give_the_same_draft(pack):
    assert draft_for(pack, "thank-you")[0] == draft_for(pack, "thank-you")[0]


def test_without_a_pitch_the_profile_says_who_you_are(pack):
    profile = context(pack, "ms1").profile
    draft, _, ctx = draft_for(pack, "introduction", profile=profile, pitch=None)
    assert "I'm Sam Okafor, a first-year medical student at Lakeside School of Medicine" in (
        draft.body
    )
    assert "career in thoracic surgery and congenital heart surgery" in draft.body
    assert draft.subject == "Half-day shadowing request: thoracic surgery"
    assert failing(pack, "introduction", draft, ctx) == {}


def test_what_is_not_known_stays_as_a_visible_reminder_and_fails(pack):
    draft, _, ctx = draft_for(pack, "thank-you", interaction=None)
    assert "[what you are thanking them for]" in draft.subject
    assert "One thing I'll remember: [one thing you learned]." in draft.body
    problems = failing(pack, "thank-you", draft, ctx)
    assert set(problems) == {"placeholders", "specific"}
    assert problems["placeholders"].startswith("3 placeholders to fill in: [what you are")
    draft, _, ctx = draft_for(pack, "follow-up", pitch=None)
    assert "[one experience that shows your interest]" in draft.body


def test_a_kind_says_what_it_needs(pack):
    kind = pack.drafts.kind("pre-meeting")
    assert missing_needs(kind, context(pack, event=None)) == ["event"]
    assert missing_needs(pack.drafts.kind("thank-you"), context(pack, interaction=None)) == [
        "interaction"
    ]
    assert missing_needs(kind, context(pack)) == []


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [
        ("Dr. Maya Chen, MD", "", "Dr. Chen"),
        ("Maya Chen", "attending", "Dr. Chen"),
        ("Professor Ann Lee PhD", "other", "Professor Lee"),
        ("Sam Ortiz", "resident", "Dr. Ortiz"),
        ("Jamie Fox", "coordinator", "Jamie"),
        ("Chris Lee", "", "Chris Lee"),
        ("Chen", "attending", "Dr. Chen"),
        ("Dr.", "", "Dr."),
    ],
)
def test_the_greeting_follows_the_title_then_the_role(pack, name, role, expected):
    assert greeting_name(name, role, pack.drafts.wording) == expected


def test_dates_read_naturally():
    assert day_phrase(TODAY, TODAY) == "today"
    assert day_phrase(TODAY - dt.timedelta(days=1), TODAY) == "yesterday"
    assert day_phrase(dt.date(2026, 11, 20), TODAY) == "on Friday"
    assert day_phrase(dt.date(2026, 10, 2), TODAY) == "on October 2"
    assert day_phrase(dt.date(2025, 10, 2), TODAY) == "on October 2, 2025"
    assert date_span(dt.date(2026, 12, 1), dt.date(2026, 12, 1), TODAY) == "December 1"
    assert date_span(STS.start, STS.end, TODAY) == "January 28–31, 2027"
    assert date_span(dt.date(2026, 12, 30), dt.date(2027, 1, 2), TODAY) == (
        "December 30, 2026 – January 2, 2027"
    )


def test_december_asks_about_january(pack):
    draft, _, _ = draft_for(pack, "milestone", today=dt.date(2026, 12, 20))
    assert "15 minutes in January" in draft.body and "Sunday, December 27" in draft.body


def test_typed_text_is_made_to_sit_inside_a_sentence():
    assert phrase("The vein harvest.\x1b[2J ") == "the vein harvest"
    assert phrase("LVAD outcomes!!") == "LVAD outcomes"
    assert phrase("A   new\nregistry") == "a new registry"
    assert phrase("I liked it.") == "I liked it"


# -- each check, failing on purpose -------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ("", "No subject yet"),
        ("Quick question", "Vague subject “Quick question”"),
        ("Following up on our conversation", "Vague subject"),
        ("A " + "very " * 12 + "long subject", "Long subject (15 words)"),
        ("Helping with [the project]", "Vague subject “Helping with [the project]”"),
    ],
)
def test_a_vague_or_long_subject_fails(pack, subject, message):
    draft, _, ctx = draft_for(pack, "follow-up")
    problems = failing(pack, "follow-up", Draft(subject, draft.body), ctx)
    problems.pop("placeholders", None)
    assert list(problems) == ["subject"] and problems["subject"].startswith(message)


def test_length_counts_sentences_between_greeting_and_sign_off(pack):
    draft, _, ctx = draft_for(pack, "follow-up")
    longer = edited(draft, "With thanks,", "It was great. Truly. Thanks again.\n\nWith thanks,")
    assert failing(pack, "follow-up", longer, ctx) == {
        "length": "9 sentences: aim for 4–6; cut the weakest"
    }
    assert results(pack, "follow-up", draft, ctx)["length"].message == "6 sentences (aim for 4–6)"


def test_exactly_one_ask(pack):
    draft, _, ctx = draft_for(pack, "introduction")
    none = edited(draft, "Would you be willing to let me shadow you", "I would love to shadow you")
    none = edited(none, "December?", "December.")
    assert failing(pack, "introduction", none, ctx)["ask"].startswith("No clear ask")
    two = edited(draft, "Thank you for considering it,", "Could you also name a resident?\n\nBest,")
    assert failing(pack, "introduction", two, ctx) == {
        "ask": "2 asks: keep the one that matters most"
    }


def test_something_specific_about_them_or_the_conversation(pack):
    draft, _, ctx = draft_for(pack, "introduction", topic="", interaction=None)
    vague = edited(draft, "[a paper, a talk or a case of theirs that drew you]", "your department")
    problems = failing(pack, "introduction", vague, ctx)
    assert problems["specific"].startswith("Nothing specific yet")
    named = edited(vague, "I have been reading about", "You mentioned at grand rounds")
    assert "specific" not in failing(pack, "introduction", named, ctx)


def test_a_concrete_next_step_needs_a_when(pack):
    draft, _, ctx = draft_for(pack, "milestone")
    step = "I'll suggest a few times by Tuesday, December 1."
    assert results(pack, "milestone", draft, ctx)["next_step"].message == (
        "Concrete next step: “I'll suggest a few times by Tuesday,…”"
    )
    vague = edited(draft, step, "I'll suggest a few times soon.")
    assert "next_step" in failing(pack, "milestone", vague, ctx)
    may = edited(draft, step, "I'll come if I may.")
    assert "next_step" in failing(pack, "milestone", may, ctx)  # "may" is not "May"
    later = edited(draft, step, "Next week I will send a few times.")
    assert "next_step" not in failing(pack, "milestone", later, ctx)


@pytest.mark.parametrize("left", ["TODO", "____", "{first_name}", "[a date]"])
def test_nothing_left_as_a_placeholder(pack, left):
    draft, _, ctx = draft_for(pack, "project")
    problems = failing(pack, "project", edited(draft, "a literature search", left), ctx)
    assert problems["placeholders"] == f"1 placeholder to fill in: {left}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Dear Dr. Chen,", "To whom it may concern,"),
        ("Dear Dr. Chen,\n\n", "Dear Dr. Chen,\n\nI hope this email finds you well. "),
        ("Dear Dr. Chen,\n\n", "Hi Dr. Chen, I hope you’re doing well! "),
    ],
)
def test_no_stock_opening(pack, old, new):
    draft, _, ctx = draft_for(pack, "milestone")
    problems = failing(pack, "milestone", edited(draft, old, new), ctx)
    assert problems.pop("opening").startswith("Stock opening “")
    assert set(problems) <= {"length"}


@pytest.mark.parametrize(
    "who", ["I'm Jordan Lee, a third-year student", "Jordan Lee, a third-year student"]
)
def test_a_pitch_that_says_your_name_is_not_named_twice(pack, who):
    pitch = make_pitch(who, "valve repair", ["a registry study"], "advice")
    draft, _, _ = draft_for(pack, "pre-meeting", pitch=pitch)
    assert "I'm Jordan Lee, a third-year student, and I'll be at" in draft.body


def test_a_logged_note_reads_inside_a_sentence_and_only_after_a_talk(pack):
    talk = replace(SHADOWED, what="Discussed his aortic root cases")
    draft, _, _ = draft_for(pack, "interview-thanks", interaction=talk, topic="")
    assert "I especially valued his aortic root cases" in draft.body
    before, _, _ = draft_for(pack, "pre-meeting", interaction=talk, topic="")
    assert "aortic root" not in before.body and "[their work" in before.body
