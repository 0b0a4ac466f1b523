"""Home screen: who you are, a card per module, and your next actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from ctcoach.coach import Coach
from ctcoach.events import upcoming
from ctcoach.followup import Due
from ctcoach.model import plural
from ctcoach.network import Contact
from ctcoach.plan import Plan, PlanItem
from ctcoach.records import Snapshot
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.sections import cards, section
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.card import Card


def item_line(item: PlanItem) -> Content:
    mark = "✓ " if item.done else "• "
    when = plain(item.when, "bold $error" if item.overdue else "dim")
    title = plain(item.title, "bold $error" if item.overdue else "")
    flag = plain("OVERDUE ", "reverse $error") if item.overdue else plain("")
    return join(mark, flag, title, "\n  ", when)


def quiz_status(plan: Plan) -> Content:
    taken = [s for s in plan.quizzes if s.last is not None]
    first = plain(f"{len(taken)} of {len(plan.quizzes)} taken", "dim")
    weak = sum(len(s.last.weak) for s in taken if s.last is not None)
    if not taken:
        return join(first, "\n", plain(section("quizzes").hint, "dim"))
    if weak:
        return join(first, "\n", plain(f"{plural(weak, 'topic')} to review", "bold $warning"))
    return join(first, "\n", plain("nothing to review", "$success"))


def pitch_status(plan: Plan) -> Content:
    result = plan.pitch
    if result is None:
        return plain(f"not written yet\n{section('pitch').hint}", "dim")
    timing = plain(f"about {result.seconds:.0f} s", "dim")
    if result.ok:
        return join(timing, "\n", plain("✓ ready", "$success"))
    return join(timing, "\n", plain(f"{len(result.checks)} to fix", "bold $warning"))


def pitfall_status(plan: Plan) -> Content:
    if plan.pitfall_date is None:
        return plain(f"not taken yet\n{section('pitfalls').hint}", "dim")
    counts = {
        level: sum(1 for s in plan.pitfalls if s.level == level) for level in ("high", "moderate")
    }
    if counts["high"]:
        headline = plain(f"{counts['high']} high risk", "bold $error")
    elif counts["moderate"]:
        headline = plain(f"{counts['moderate']} moderate", "bold $warning")
    else:
        headline = plain("all low risk", "$success")
    return join(headline, "\n", plain(plan.pitfall_date.isoformat(), "dim"))


def due_status(due: list[Due], today: dt.date, contacts: Sequence[Contact]) -> Content:
    """How many follow-ups are due this week, and for whom (the first three)."""
    if not due:
        return plain("nothing due\nthis week", "dim")
    overdue = sum(1 for d in due if d.date < today)
    names = {c.id: c.name.split()[-1] for c in contacts}
    first = [d.contacts[0] for d in due[:3] if d.contacts and d.contacts[0] in names]
    who = ", ".join(dict.fromkeys(names[c] for c in first))
    head = (
        plain(f"{overdue} overdue", "bold $error")
        if overdue
        else plain(f"{len(due)} due", "bold $warning")
    )
    return join(head, "\n", plain(who, "dim"))


def event_status(coach: Coach, snap: Snapshot, today: dt.date) -> Content:
    """The next event and how ready you are: targets chosen, emails sent, pitch practiced."""
    coming = upcoming(snap.events, today)
    if not coming:
        return plain(f"none planned\n{section('events').hint}", "dim")
    event = coming[0]
    targets = [t for t in snap.targets if t.event == event.id]
    sent = sum(1 for t in targets if t.status in ("sent", "met", "followed_up"))
    practiced = any(p.date >= today - dt.timedelta(days=30) for p in snap.practices)
    days = (event.start - today).days
    when = "now" if days <= 0 else f"in {days} d"
    ready = f"{when} · {len(targets)} to meet · {sent} sent" + (" · pitch ✓" if practiced else "")
    name = event.name if len(event.name) <= 20 else event.name[:19] + "…"
    return join(plain(name, "bold"), "\n", plain(ready, "dim"))


def mentor_status(plan: Plan) -> Content:
    team = plan.team
    if team is None:
        return plain("")
    covered = len(team.roles) - len(team.gaps)
    first = plain(f"{covered} of {len(team.roles)} roles", "dim")
    if team.warnings:
        return join(first, "\n", plain(f"⚠ {len(team.warnings)} to review", "bold $error"))
    if team.gaps:
        gaps = len(team.gaps)
        return join(first, "\n", plain(plural(gaps, "gap"), "bold $warning"))
    return join(first, "\n", plain("no gaps", "$success"))


class DashboardScreen(CoachScreen[None]):
    """The base screen after onboarding."""

    BINDINGS = [Binding(s.key, f"app.open({s.id!r})", s.short) for s in cards()]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            yield Static(id="who")
            yield Static(id="phase")
            with Grid(id="cards"):
                for entry in cards():
                    yield Card(entry.title, "", entry.id, id=f"card-{entry.id}")
            yield Static(plain("Next actions", "bold"), classes="section")
            yield Static(id="next")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "ctcoach"
        self.refresh_data()
        self.query_one("#card-plan", Card).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        coach = self.coach
        plan = coach.plan_or_none()
        if plan is None:
            return
        pack = coach.pack
        profile = plan.profile
        stage = pack.question("stage").choice_label(profile.stage)
        parts: list[Content | str] = [plain(profile.name, "bold"), " · ", stage]
        institution = profile.get("institution")
        if institution:
            parts += [" · ", plain(str(institution))]
        self.query_one("#who", Static).update(join(*parts))
        if plan.phase is not None:
            self.query_one("#phase", Static).update(
                join(plain(plan.phase.title, "italic"), ": ", plan.phase.goal)
            )
        open_items = plan.open_items()
        overdue = plan.overdue
        done = len(plan.items) - len(open_items)
        plan_status = plain(f"{len(open_items)} open\n", "dim")
        if overdue:
            plan_status = join(plan_status, plain(f"{len(overdue)} overdue", "bold $error"))
        else:
            plan_status = join(plan_status, plain(f"{done} done", "dim"))
        self.query_one("#card-plan", Card).set_status(plan_status)
        self.query_one("#card-quizzes", Card).set_status(quiz_status(plan))
        self.query_one("#card-pitch", Card).set_status(pitch_status(plan))
        self.query_one("#card-pitfalls", Card).set_status(pitfall_status(plan))
        self.query_one("#card-mentors", Card).set_status(mentor_status(plan))
        self.query_one("#card-profile", Card).set_status(
            plain(f"{stage}\n{profile.weekly_hours} h a week", "dim")
        )
        self.set_log_statuses()
        self.query_one("#card-guide", Card).set_status(
            plain(f"{len(pack.topics) + len(pack.tiers) + len(pack.phases)} topics\nto read", "dim")
        )
        upcoming = plan.next_actions(3)
        if upcoming:
            self.query_one("#next", Static).update(
                Content("\n").join(item_line(i) for i in upcoming)
            )
        else:
            self.query_one("#next", Static).update("Everything in your plan is done.")

    def set_log_statuses(self) -> None:
        coach = self.coach
        if coach.pack.log is None:
            return
        snap = coach.snapshot()
        today = coach.today()
        due = [d for d in coach.log.due_in(snap, today, coach.profile_or_none(snap))
               if d.window(today) != "later"]  # fmt: skip
        self.query_one("#card-due", Card).set_status(due_status(due, today, snap.contacts))
        count = len(snap.contacts)
        people = plain(f"{count} {'person' if count == 1 else 'people'}\n", "dim")
        logged = plain(f"{len(snap.interactions)} logged", "dim")
        hint = plain(section("people").hint, "dim") if not count else logged
        self.query_one("#card-people", Card).set_status(join(people, hint))
        if coach.pack.events is not None:
            self.query_one("#card-events", Card).set_status(event_status(coach, snap, today))

    async def on_card_chosen(self, message: Card.Chosen) -> None:
        await self.app.run_action(f"open({message.target!r})")
