"""The app's sections, declared once: the dashboard's cards and keys, the command
palette and the hints all come from this table. Screens are imported when first opened."""

from __future__ import annotations

import importlib
from typing import Any

from msgspec import Struct


class Section(Struct, frozen=True):
    id: str
    title: str
    short: str  # the footer's label
    key: str
    help: str
    screen: str  # "module:Class", imported on first use
    card: bool = True  # shown as a card on the dashboard
    needs: str = ""  # a part of the content pack the screen cannot work without
    # Built ahead, while the person reads the dashboard, so that its key shows it at once
    # (see CoachApp.build_ready): for screens whose building does not grow with the store
    # (People fills its table as it shows).
    ready: bool = False
    # Dialogs its screen opens that are built ahead with it ("module:Class").
    ahead: tuple[str, ...] = ()

    def load(self) -> type[Any]:
        return load(self.screen)

    @property
    def built_ahead(self) -> tuple[str, ...]:
        """The screens built ahead of their keys for this section, its own first."""
        return (self.screen, *self.ahead) if self.ready else ()

    @property
    def hint(self) -> str:
        return f"press {self.key}"


def load(screen: str) -> type[Any]:
    """The screen class named ``module:Class``, imported on first use."""
    module, _, name = screen.partition(":")
    screen_type: type[Any] = getattr(importlib.import_module(module), name)
    return screen_type


_S = "ctcoach.tui.screens."
SECTIONS: tuple[Section, ...] = (
    Section(
        "dashboard",
        "Dashboard",
        "Home",
        "d",
        "Go to the dashboard",
        f"{_S}dashboard:DashboardScreen",
        card=False,
    ),
    Section(
        "plan",
        "Action plan",
        "Plan",
        "p",
        "Open your action plan",
        f"{_S}plan:PlanScreen",
        ready=True,
    ),
    Section(
        "quizzes",
        "Phase quizzes",
        "Quizzes",
        "k",
        "Scenario quizzes for every phase",
        f"{_S}quiz:QuizListScreen",
        ready=True,
    ),
    Section(
        "pitch",
        "Pitch builder",
        "Pitch",
        "i",
        "Write, time and practice your pitch",
        f"{_S}pitch:PitchScreen",
        needs="pitch",
        ready=True,
        ahead=(f"{_S}pitch_versions:VersionsScreen",),
    ),
    Section(
        "people",
        "People",
        "People",
        "n",
        "Your contacts, their timelines and your network at a glance",
        f"{_S}people:PeopleScreen",
        needs="log",
        ready=True,
    ),
    Section(
        "events",
        "Events",
        "Events",
        "e",
        "Meetings and rotations: who to meet, goals, advocates",
        f"{_S}events:EventsScreen",
        needs="events",
    ),
    Section(
        "due",
        "Follow-ups",
        "Due",
        "f",
        "Who to write to, overdue first",
        f"{_S}due:DueScreen",
        needs="log",
    ),
    Section(
        "pitfalls",
        "Pitfall check",
        "Pitfalls",
        "c",
        "Take the pitfall check or see results",
        f"{_S}pitfalls:PitfallScreen",
        ready=True,
    ),
    Section(
        "mentors",
        "Mentor team",
        "Mentors",
        "m",
        "Your mentors, gaps and warning signs",
        f"{_S}mentors:MentorScreen",
    ),
    Section(
        "profile",
        "Profile",
        "Profile",
        "o",
        "See and change your answers",
        f"{_S}profile:ProfileScreen",
        ready=True,
    ),
    Section(
        "guide",
        "Guide",
        "Guide",
        "g",
        "Read the guide's advice by topic",
        f"{_S}guide:GuideScreen",
        ready=True,
    ),
)
BY_ID = {s.id: s for s in SECTIONS}


def section(section_id: str) -> Section:
    return BY_ID[section_id]


def cards() -> tuple[Section, ...]:
    return tuple(s for s in SECTIONS if s.card)
