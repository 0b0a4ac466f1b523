"""What each dashboard card says: up to two short lines (at most 14 characters each, so
a card of an 80-column dashboard never wraps), from the plan. The last line is the
headline: a dense dashboard shows only that one."""

from __future__ import annotations

from textual.content import Content

from ctcoach.events import EventSettings, readiness, upcoming
from ctcoach.model import Pack, plural
from ctcoach.plan import Plan, PlanItem
from ctcoach.records import Snapshot
from ctcoach.tui.start import DashboardView
from ctcoach.tui.text import join, plain

Lines = list[Content]


def item_line(plan: Plan, item: PlanItem) -> Content:
    mark = "✓ " if item.done else "• "
    when = plain(plan.due(item), "bold $error" if item.overdue else "dim")
    title = plain(item.title, "bold $error" if item.overdue else "")
    flag = plain("OVERDUE ", "reverse $error") if item.overdue else plain("")
    return join(mark, flag, title, plain(" — ", "dim"), when)


def plan_status(plan: Plan) -> Lines:
    open_items = plan.open_items()
    first = plain(f"{len(open_items)} open", "dim")
    if plan.overdue:
        return [first, plain(f"{len(plan.overdue)} overdue", "bold $error")]
    return [first, plain(f"{len(plan.items) - len(open_items)} done", "dim")]


def quiz_status(plan: Plan) -> Lines:
    taken = [s for s in plan.quizzes if s.last is not None]
    first = plain(f"{len(taken)} of {len(plan.quizzes)} taken", "dim")
    weak = sum(len(s.last.weak) for s in taken if s.last is not None)
    if not taken:
        return [first]
    if weak:
        return [first, plain(f"{weak} to review", "bold $warning")]
    return [first, plain("all passed", "$success")]


def pitch_status(plan: Plan) -> Lines:
    result = plan.pitch
    if result is None:
        return [plain("not written", "dim")]
    timing = plain(f"about {result.seconds:.0f} s", "dim")
    if result.ok:
        return [timing, plain("✓ ready", "$success")]
    return [timing, plain(f"{len(result.checks)} to fix", "bold $warning")]


def pitfall_status(plan: Plan) -> Lines:
    if plan.pitfall_date is None:
        return [plain("not taken", "dim")]
    high = sum(1 for s in plan.pitfalls if s.level == "high")
    moderate = sum(1 for s in plan.pitfalls if s.level == "moderate")
    if high:
        headline = plain(f"{high} high risk", "bold $error")
    elif moderate:
        headline = plain(f"{moderate} moderate", "bold $warning")
    else:
        headline = plain("all low risk", "$success")
    return [plain(plan.pitfall_date.isoformat(), "dim"), headline]


def mentor_status(plan: Plan) -> Lines:
    team = plan.team
    if team is None:
        return []
    covered = len(team.roles) - len(team.gaps)
    first = plain(f"{covered} of {len(team.roles)} roles", "dim")
    if team.warnings:
        return [first, plain(f"⚠ {len(team.warnings)} to review", "bold $error")]
    if team.gaps:
        return [first, plain(plural(len(team.gaps), "gap"), "bold $warning")]
    return [first, plain("no gaps", "$success")]


def short(text: str, width: int = 14) -> str:
    """``text`` within a card line, cut with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def people_status(snap: Snapshot) -> Lines:
    count = len(snap.contacts)
    if not count:
        return [plain("none yet", "dim")]
    people = "1 person" if count == 1 else f"{count} people"
    return [plain(f"{len(snap.interactions)} logged", "dim"), plain(people, "bold")]


def due_status(plan: Plan) -> Lines:
    week = [d for d in plan.follow_ups if d.window(plan.today) != "later"]
    if not week:
        return [plain("nothing due", "dim")]
    overdue = sum(1 for d in week if d.window(plan.today) == "overdue")
    if overdue:
        return [plain(f"{len(week)} this week", "dim"), plain(f"{overdue} overdue", "bold $error")]
    return [plain(f"{len(week)} due", "bold $warning")]


def event_status(plan: Plan, snap: Snapshot, settings: EventSettings | None) -> Lines:
    """The next event, and how ready you are for it (targets, emails, pitch)."""
    coming = upcoming(snap.events, plan.today)
    if not coming:
        return [plain("none planned", "dim")]
    event = coming[0]
    days = (event.start - plan.today).days
    when = "now" if days <= 0 else f"{days} d"
    kind = settings.kind(event.kind) if settings is not None else None
    head = plain(short(f"{when}: {event.name}"), "bold")
    if kind is None:
        return [head]
    mine = [t for t in snap.targets if t.event == event.id]
    last = max((p.date for p in snap.practices), default=None)
    ready = readiness(kind, mine, last, plan.today)
    done = sum(r.done for r in ready)
    return [
        head,
        plain(f"{done} of {len(ready)} ready", "dim" if done < len(ready) else "$success"),
    ]


def statuses(pack: Pack, plan: Plan, snap: Snapshot | None = None) -> dict[str, Lines]:
    """Every card's lines, by section id (the log's and events' cards need ``snap``)."""
    stage = pack.question("stage").choice_label(plan.profile.stage)
    topics = len(pack.topics) + len(pack.tiers) + len(pack.phases)
    return {
        "plan": plan_status(plan),
        "quizzes": quiz_status(plan),
        "pitch": pitch_status(plan),
        "pitfalls": pitfall_status(plan),
        "mentors": mentor_status(plan),
        "profile": [plain(stage, "dim"), plain(f"{plan.profile.weekly_hours} h a week", "dim")],
        "guide": [plain(f"{topics} topics", "dim")],
        "due": due_status(plan),
        **(
            {"people": people_status(snap), "events": event_status(plan, snap, pack.events)}
            if snap is not None
            else {}
        ),
    }


def dashboard_view(plan: Plan, pack: Pack, snap: Snapshot) -> DashboardView:
    """Everything the dashboard shows of ``plan``: who, the phase, the next three actions
    and every card's lines."""
    profile = plan.profile
    stage = pack.question("stage").choice_label(profile.stage)
    parts: list[Content | str] = [plain(profile.name, "bold"), " · ", stage]
    institution = profile.get("institution")
    if institution:
        parts += [" · ", plain(str(institution))]
    phase = plan.phase
    upcoming = plan.next_actions(3)
    return DashboardView(
        who=join(*parts),
        phase=join(plain(phase.title, "italic"), ": ", phase.goal) if phase is not None else None,
        next=(
            Content("\n").join(item_line(plan, i) for i in upcoming)
            if upcoming
            else plain("Nothing waiting: everything active in your plan is done.")
        ),
        cards=tuple((name, tuple(lines)) for name, lines in statuses(pack, plan, snap).items()),
    )
