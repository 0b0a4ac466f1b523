"""The dashboard at 80×24 shows what matters without scrolling; smaller, its cards
collapse to one line each and nothing is cut mid-word."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.geometry import Region

from ctcoach.tui.sections import cards
from ctcoach.tui.widgets.card import Card

CONFERENCE = {"name": "STS", "start": dt.date(2026, 12, 1), "end": dt.date(2026, 12, 3)}
PROFILE = {"name": "Alex Rivera", "stage": "ms2", "weekly_hours": 3, "next_conference": CONFERENCE}


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def widget_text(widget) -> str:
    """What a widget shows, its lines joined with spaces."""
    region = Region(0, 0, widget.region.width, widget.region.height)
    return " ".join(" ".join(s.text for s in widget.render_lines(region)).split())


async def test_at_80x24_name_next_actions_and_every_card_show_without_scrolling(make_app):
    app = make_app(PROFILE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert app.screen.query_one("#dashboard").max_scroll_y == 0
        assert "Alex Rivera · MS2" in lines[2]
        actions = [line for line in lines if line.lstrip().startswith("• ")]
        # Entered today, the meeting's late steps are due today, never "overdue".
        assert len(actions) == 3 and all("— today" in line for line in actions[:2])
        assert not any("OVERDUE" in line for line in actions)
        assert text.index("Next actions") < text.index("Action plan")
        for entry in cards():
            card = app.screen.query_one(f"#card-{entry.id}", Card)
            assert not card.has_class("-compact")
            assert card.region.bottom <= 23, entry.id  # above the footer
            assert entry.title in text
        footer = lines[-1]
        assert "? Keys" in footer and "q Quit" in footer
        # The next event and how ready you are: no targets, emails or practice yet.
        events = str(app.screen.query_one("#card-events", Card).render())
        assert "0 of 3 ready" in events


@pytest.mark.parametrize("size", [(60, 20), (40, 12)])
async def test_small_dashboards_use_compact_cards_and_cut_no_word(make_app, size):
    app = make_app(PROFILE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for entry in cards():
            card = app.screen.query_one(f"#card-{entry.id}", Card)
            assert card.has_class("-compact")
            status = ", ".join(line.plain for line in card.lines if line.plain)
            expected = f"{entry.key} {entry.title} — {status}"
            assert widget_text(card) == " ".join(expected.split()), entry.id
        footer = screen_lines(app)[-1]
        assert "? Keys" in footer and "q Quit" in footer
        assert "Alex Rivera" in "\n".join(screen_lines(app))  # the top stays in view


async def test_when_boxes_do_not_fit_they_keep_only_their_headline(make_app):
    long = {
        **PROFILE,
        "name": "Alexandra Maria Rivera-Santos de la Cruz",
        "stage": "ms4",
        "institution": "A very long institution name that takes up a line of its own",
    }
    app = make_app(long)
    async with app.run_test(size=(80, 22)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert (
            app.screen.has_class("-dense") and app.screen.query_one("#dashboard").max_scroll_y == 0
        )
        plan_card = app.screen.query_one("#card-plan", Card)
        # A dense box keeps only its headline (the last line of its status).
        assert "done" in widget_text(plan_card) and "open" not in widget_text(plan_card)
